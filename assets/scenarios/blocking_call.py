# blocking_call: time.sleep inside a coroutine freezes every other task.
import asyncio
import time


async def ticker(ticks, interval):
    loop = asyncio.get_running_loop()
    start = loop.time()
    for i in range(1, ticks + 1):
        await asyncio.sleep(interval)  # @tick_sleep
        late = loop.time() - (start + i * interval)
        print(f"tick {i} (late by {late:.2f} s)")  # @tick


async def blocker(seconds):
    await asyncio.sleep(1.25)  # @wait
    print("blocker: time.sleep() blocks the whole loop")  # @blocking
    # No await, so nothing else can run meanwhile.
    time.sleep(seconds)  # @block
    print("blocker: back; every other task was frozen meanwhile")  # @back
    print("blocker: await asyncio.sleep() lets the others run")  # @polite
    await asyncio.sleep(seconds)  # @sleep
    print("blocker: done")  # @done


async def main(ticks=8, interval=0.5, block=2.0):
    await asyncio.gather(ticker(ticks, interval), blocker(block))  # @gather


if __name__ == "__main__":
    asyncio.run(main())
