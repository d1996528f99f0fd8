# Two countdowns as tasks, awaited in turn: they overlap, so it takes 3 s, not 5.
import asyncio
import time


async def countdown(name, n):
    while n > 0:
        print(name, n)
        await asyncio.sleep(1)
        n -= 1


async def main():
    start = time.perf_counter()
    a = asyncio.create_task(countdown("A", 3))
    b = asyncio.create_task(countdown("B", 2))
    await a
    await b
    print(f"took {time.perf_counter() - start:.2f} s")


asyncio.run(main())
