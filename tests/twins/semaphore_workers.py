import asyncio


async def worker(name, sem, duration):
    print(name, "waiting, locked =", sem.locked())
    async with sem:
        print(name, "working")
        await asyncio.sleep(duration)
        print(name, "done")


async def main():
    sem = asyncio.Semaphore(2)
    plan = [("w1", 1), ("w2", 2), ("w3", 1), ("w4", 1.5), ("w5", 0.5)]
    await asyncio.gather(*(worker(n, sem, d) for n, d in plan))
    print("all workers done, locked =", sem.locked())


asyncio.run(main())
