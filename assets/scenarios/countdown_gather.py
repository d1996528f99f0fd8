# countdown_gather: two countdowns run concurrently under asyncio.gather.
import asyncio


async def countdown(name, n):
    while n > 0:
        print(name, "T-minus", n)  # @print
        await asyncio.sleep(1)  # @sleep
        n -= 1
    print(name, "liftoff")  # @liftoff


async def main(a=3, b=2):
    await asyncio.gather(countdown("A", a), countdown("B", b))  # @gather
    print("both done")  # @done


if __name__ == "__main__":
    asyncio.run(main())
