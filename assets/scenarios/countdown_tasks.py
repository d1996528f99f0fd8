# countdown_tasks: two countdowns started as tasks, then awaited one after the other.
import asyncio


async def countdown(name, n):
    while n > 0:
        print(name, "T-minus", n)  # @print
        await asyncio.sleep(1)  # @sleep
        n -= 1
    print(name, "liftoff")  # @liftoff


async def main(a=3, b=2):
    task_a = asyncio.create_task(countdown("A", a))  # @create_a
    task_b = asyncio.create_task(countdown("B", b))  # @create_b
    print("both tasks created; neither has started yet")  # @created
    await task_a  # @await_a
    print("A is done")  # @a_done
    await task_b  # @await_b
    print("B is done")  # @b_done


if __name__ == "__main__":
    asyncio.run(main())
