import asyncio


async def main():
    bs = asyncio.BoundedSemaphore(2)
    await bs.acquire()
    print("acquired once, locked =", bs.locked())
    bs.release()
    print("released once")
    try:
        bs.release()
    except ValueError as e:
        print("over-release:", type(e).__name__, str(e))

    # A plain Semaphore lets its value grow beyond the initial value.
    s = asyncio.Semaphore(1)
    s.release()
    s.release()
    for i in range(3):
        await s.acquire()
        print("plain acquire", i, "locked =", s.locked())

    # Release from another task wakes a waiter.
    async def holder():
        await asyncio.sleep(1)
        print("holder releases")
        s.release()

    h = asyncio.create_task(holder())
    await s.acquire()
    print("acquired after wait")
    await h


asyncio.run(main())
