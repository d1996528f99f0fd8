# Lock, Semaphore, Event and Condition: FIFO waiters, as CPython wakes them.
import asyncio


async def locked(lock, name):
    async with lock:
        print(name, "has the lock")
        await asyncio.sleep(0.1)


async def limited(sem, name):
    async with sem:
        print(name, "in")
        await asyncio.sleep(0.2)
        print(name, "out")


async def waiter(event, name):
    await event.wait()
    print(name, "saw the event")


async def consumer(cond, box, name):
    async with cond:
        await cond.wait_for(lambda: box)
        print(name, "took", box.pop())


async def main():
    lock = asyncio.Lock()
    await asyncio.gather(*(locked(lock, f"L{i}") for i in range(3)))
    sem = asyncio.Semaphore(2)
    await asyncio.gather(*(limited(sem, f"S{i}") for i in range(4)))
    event = asyncio.Event()
    waiters = [asyncio.create_task(waiter(event, f"E{i}")) for i in range(3)]
    await asyncio.sleep(0.5)
    event.set()
    await asyncio.gather(*waiters)
    cond, box = asyncio.Condition(), []
    consumers = [asyncio.create_task(consumer(cond, box, f"C{i}")) for i in range(2)]
    for item in ("apple", "pear"):
        await asyncio.sleep(0.3)
        async with cond:
            box.append(item)
            cond.notify()
    await asyncio.gather(*consumers)


asyncio.run(main())
