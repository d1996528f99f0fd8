# Two tasks that wait on each other's event: nothing can ever wake them.
import asyncio


async def waiter(name, mine, other):
    print(name, "waits")
    await other.wait()
    mine.set()


async def main():
    a, b = asyncio.Event(), asyncio.Event()
    await asyncio.sleep(1)
    await asyncio.gather(waiter("left", a, b), waiter("right", b, a))
    print("never printed")


asyncio.run(main())
