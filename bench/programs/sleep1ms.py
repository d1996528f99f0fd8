"""10,000 tasks x 10 `await asyncio.sleep(0.001)`: the cost of timers."""
import asyncio

TASKS, SLEEPS = 10_000, 10


async def worker():
    for _ in range(SLEEPS):
        await asyncio.sleep(0.001)


async def main():
    await asyncio.gather(*(worker() for _ in range(TASKS)))
    print(f"{TASKS} tasks x {SLEEPS} sleep(0.001): done")


if __name__ == "__main__":
    asyncio.run(main())
