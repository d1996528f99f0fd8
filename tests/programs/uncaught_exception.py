# An exception that escapes asyncio.run: Python prints the traceback and exits with 1.
import asyncio


async def fetch(n):
    await asyncio.sleep(n)
    if n == 2:
        raise ValueError(f"bad value {n}")
    print("fetched", n)
    return n


async def main():
    print("start")
    results = await asyncio.gather(fetch(1), fetch(2), fetch(3))
    print("never", results)


asyncio.run(main())
