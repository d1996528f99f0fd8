"""1,000 tasks x 100 `await asyncio.sleep(0)`: the cost of a task switch."""
import asyncio

TASKS, YIELDS = 1_000, 100


async def worker():
    for _ in range(YIELDS):
        await asyncio.sleep(0)


async def main():
    await asyncio.gather(*(worker() for _ in range(TASKS)))
    print(f"{TASKS} tasks x {YIELDS} sleep(0): done")


if __name__ == "__main__":
    asyncio.run(main())
