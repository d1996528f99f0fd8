# sequential_vs_concurrent: the same jobs awaited one by one, then gathered.
import asyncio


async def job(name, seconds):
    print(name, "starts")  # @starts
    await asyncio.sleep(seconds)  # @sleep
    print(name, "ends")  # @ends


async def main(n=2, seconds=1.0):
    loop = asyncio.get_running_loop()

    start = loop.time()
    for i in range(n):
        await job(f"sequential {i}", seconds)  # @await_one
    print(f"one by one: {loop.time() - start:.2f} s")  # @sequential

    start = loop.time()
    jobs = [job(f"concurrent {i}", seconds) for i in range(n)]
    await asyncio.gather(*jobs)  # @gather
    print(f"with gather: {loop.time() - start:.2f} s")  # @concurrent


if __name__ == "__main__":
    asyncio.run(main())
