# The asyncio objects a lesson shows and who waits on each: two consumers on
# a queue, two waiters on an event, two tasks contending for a lock, and the
# gathers of each pair. tests/test_object_states.cpp checks the states the
# recorder reads of them.
import asyncio


async def consumer(name, queue):
    while True:
        item = await queue.get()
        if item is None:
            return name
        print(f"{name} got {item}")


async def waiter(name, ready):
    await ready.wait()
    print(f"{name} saw the event")


async def holder(name, lock):
    async with lock:
        print(f"{name} has the lock")
        await asyncio.sleep(1)


async def main():
    queue, ready, lock = asyncio.Queue(), asyncio.Event(), asyncio.Lock()
    consumers = asyncio.gather(consumer("c1", queue), consumer("c2", queue))
    waiters = asyncio.gather(waiter("w1", ready), waiter("w2", ready))
    holders = asyncio.gather(holder("h1", lock), holder("h2", lock))
    await asyncio.sleep(0.5)
    for item in ("a", "b", "c"):
        queue.put_nowait(item)
    ready.set()
    await asyncio.sleep(0.5)
    queue.put_nowait(None)
    queue.put_nowait(None)
    print(await consumers)
    await asyncio.gather(waiters, holders)


asyncio.run(main())
