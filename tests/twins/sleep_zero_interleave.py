import asyncio


async def worker(name, steps):
    for i in range(steps):
        print(name, "step", i)
        await asyncio.sleep(0)
    print(name, "finished")


async def main():
    tasks = [
        asyncio.create_task(worker("x", 3)),
        asyncio.create_task(worker("y", 2)),
        asyncio.create_task(worker("z", 4)),
    ]
    print("main yields once")
    await asyncio.sleep(0)
    print("main back")
    for t in tasks:
        await t
    print("all finished")


asyncio.run(main())
