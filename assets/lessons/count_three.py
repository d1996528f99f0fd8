# Three count() coroutines under gather: one, one, one, then two, two, two.
import asyncio


async def count():
    print("One")
    await asyncio.sleep(1)
    print("Two")


async def main():
    await asyncio.gather(count(), count(), count())


if __name__ == "__main__":
    import time
    s = time.perf_counter()
    asyncio.run(main())
    elapsed = time.perf_counter() - s
    print(f"{__file__.rsplit('/', 1)[-1]} executed in {elapsed:0.2f} seconds.")
