# semaphore_fetch: at most k downloads in flight at once, thanks to a Semaphore.
import asyncio


async def fetch(url, sem, latency):
    print(url, "waits for a slot")  # @waits
    async with sem:  # @acquire
        print(url, "downloading")  # @downloading
        await asyncio.sleep(latency)  # @network
        print(url, "done")  # @done


async def main(n=6, k=2, latency=1.0):
    sem = asyncio.Semaphore(k)
    # Some servers are slower than others: 1, 2 or 3 times the latency.
    downloads = []
    for i in range(n):
        downloads.append(fetch(f"url{i}", sem, latency * (i % 3 + 1)))
    await asyncio.gather(*downloads)  # @gather
    print("all", n, "downloads done")  # @all_done


if __name__ == "__main__":
    asyncio.run(main())
