# fetch_concurrent: simulated web requests, all in flight at once under gather.
import asyncio


async def fetch(url, latency):
    print("GET", url)  # @get
    await asyncio.sleep(latency)  # @network
    print("200 OK", url)  # @ok
    return len(url) * 100  # a pretend page size in bytes


async def main(n=5, latency=0.5):
    loop = asyncio.get_running_loop()
    start = loop.time()
    # Some servers are slower than others: 1, 2 or 3 times the latency.
    requests = []
    one_by_one = 0
    for i in range(n):
        delay = latency * (i % 3 + 1)
        requests.append(fetch(f"https://example.com/page{i}", delay))
        one_by_one += delay
    sizes = await asyncio.gather(*requests)  # @gather
    total = sum(sizes)
    elapsed = loop.time() - start
    print(f"{n} pages, {total} bytes in {elapsed:.2f} s")  # @summary
    print(f"one by one, they would take {one_by_one:.2f} s")  # @one_by_one


if __name__ == "__main__":
    asyncio.run(main())
