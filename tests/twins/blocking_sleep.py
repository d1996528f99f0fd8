import asyncio
import time


async def ticker():
    loop = asyncio.get_running_loop()
    for i in range(4):
        await asyncio.sleep(1)
        print(f"tick {i} (wanted t={i + 1}, loop.time={loop.time():.3f})")


async def blocker():
    await asyncio.sleep(0.5)
    print("blocker: calling time.sleep(2), the loop is stuck")
    time.sleep(2)
    print("blocker: time.sleep returned")
    await asyncio.sleep(0)
    print("blocker: back after one yield")


async def main():
    await asyncio.gather(ticker(), blocker())
    print("done")


asyncio.run(main())
