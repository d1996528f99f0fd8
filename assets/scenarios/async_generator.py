# async_generator: `async for` over an async generator that awaits between values.
import asyncio


async def count_up(n, delay):
    for i in range(1, n + 1):
        await asyncio.sleep(delay)  # @sleep
        print("yielding", i)  # @yielding
        yield i  # @yield


async def main(n=3, delay=1.0):
    total = 0
    numbers = count_up(n, delay)
    async for i in numbers:  # @for
        print("got", i)  # @got
        total += i
    print("total", total)  # @total


if __name__ == "__main__":
    asyncio.run(main())
