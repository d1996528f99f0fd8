# countdown: one coroutine counts down, sleeping a second between numbers.
import asyncio


async def countdown(n):
    while n > 0:
        print("T-minus", n)  # @print
        await asyncio.sleep(1)  # @sleep
        n -= 1
    print("Liftoff!")  # @liftoff


async def main(n=3):
    await countdown(n)  # @await


if __name__ == "__main__":
    asyncio.run(main())
