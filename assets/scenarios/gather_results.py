# gather_results: gather returns the results in argument order, whatever order the tasks finish in.
import asyncio


async def square(x, delay):
    await asyncio.sleep(delay)  # @sleep
    print(f"square({x}) finished after", delay, "s")  # @finished
    return x * x


async def main(n=4):
    # The first argument sleeps longest: the tasks finish in reverse order.
    jobs = [square(x, n - x) for x in range(n)]
    results = await asyncio.gather(*jobs)  # @gather
    print("results:", results)  # @results


if __name__ == "__main__":
    asyncio.run(main())
