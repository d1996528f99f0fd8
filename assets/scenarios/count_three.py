# count_three: the classic asyncio example, three count() coroutines under gather.
import asyncio


async def count(delay):
    print("One")  # @one
    await asyncio.sleep(delay)  # @sleep
    print("Two")  # @two


async def main(delay=1.0):
    loop = asyncio.get_running_loop()
    start = loop.time()
    await asyncio.gather(count(delay), count(delay), count(delay))  # @gather
    elapsed = loop.time() - start
    print(f"executed in {elapsed:0.2f} seconds.")  # @elapsed


if __name__ == "__main__":
    asyncio.run(main())
