# gather_exception: one job raises; gather passes the error on, or returns it among the results.
import asyncio


async def job(name, seconds, fails):
    await asyncio.sleep(seconds)  # @sleep
    if fails:
        print(name, "raises ValueError")  # @raises
        raise ValueError(name + " failed")
    print(name, "finished")  # @finished
    return name


def make_jobs(prefix, n, failing):
    return [job(f"{prefix}{i}", i + 1, i == failing) for i in range(n)]


async def main(n=3, failing=1):
    try:
        results = await asyncio.gather(*make_jobs("a", n, failing))  # @gather
        print("results:", results)  # @results
    except ValueError as e:
        print("gather raised ValueError:", e)  # @caught
    # The other a-jobs were not cancelled: they finish in the background, below.
    results = await asyncio.gather(*make_jobs("b", n, failing), return_exceptions=True)  # @gather_all
    print("results:", results)  # @results_all


if __name__ == "__main__":
    asyncio.run(main())
