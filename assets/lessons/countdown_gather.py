# The same countdowns under gather, with their results.
import asyncio
import time


async def countdown(name, n):
    while n > 0:
        print(name, n)
        await asyncio.sleep(1)
        n -= 1
    return f"{name} done"


async def main():
    start = time.monotonic()
    results = await asyncio.gather(countdown("A", 3), countdown("B", 2))
    print(results)
    print(f"took {time.monotonic() - start:.2f} s")


asyncio.run(main())
