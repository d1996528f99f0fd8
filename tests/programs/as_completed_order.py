# as_completed yields results in the order they finish (distinct delays: for equal ones
# the order is that of a set of coroutine objects, which differs from run to run).
import asyncio


async def fetch(name, delay):
    await asyncio.sleep(delay)
    return f"{name} after {delay}"


async def main():
    jobs = [fetch("a", 0.3), fetch("b", 0.1), fetch("c", 0.2), fetch("d", 0.15)]
    for next_done in asyncio.as_completed(jobs):
        print(await next_done)


asyncio.run(main())
