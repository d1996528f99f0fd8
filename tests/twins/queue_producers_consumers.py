import asyncio


async def producer(name, q, items):
    for item in items:
        await q.put(item)
        print(name, "put", item, "qsize", q.qsize())
    print(name, "done producing")


async def consumer(name, q, delay):
    while True:
        item = await q.get()
        print(name, "got", item)
        await asyncio.sleep(delay)
        print(name, "processed", item)
        q.task_done()


async def main():
    q = asyncio.Queue(maxsize=2)
    producers = [
        asyncio.create_task(producer("P1", q, ["a1", "a2", "a3"])),
        asyncio.create_task(producer("P2", q, ["b1", "b2"])),
    ]
    consumers = [
        asyncio.create_task(consumer("C1", q, 1)),
        asyncio.create_task(consumer("C2", q, 1.5)),
    ]
    await asyncio.gather(*producers)
    print("producers finished, full =", q.full())
    await q.join()
    print("queue joined, empty =", q.empty())
    for c in consumers:
        c.cancel()
    await asyncio.gather(*consumers, return_exceptions=True)
    print("consumers stopped")


asyncio.run(main())
