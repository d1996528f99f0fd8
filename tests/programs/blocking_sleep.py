# time.sleep inside a coroutine blocks the whole loop: the ticker stalls.
import asyncio
import time


async def ticker():
    for i in range(4):
        print("tick", i)
        await asyncio.sleep(0.5)


async def blocker():
    await asyncio.sleep(0.2)
    print("blocking for 1 s")
    time.sleep(1)
    print("unblocked")


async def main():
    start = time.time()
    await asyncio.gather(ticker(), blocker())
    print(f"took {time.time() - start:.2f} s")


asyncio.run(main())
