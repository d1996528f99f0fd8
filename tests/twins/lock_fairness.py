import asyncio


async def worker(name, lock, rounds):
    for r in range(rounds):
        print(name, "wants the lock, locked =", lock.locked())
        async with lock:
            print(name, "acquired, round", r)
            await asyncio.sleep(1)
            print(name, "releasing")
        # Loop straight back to acquire(): it must queue behind the waiters.


async def main():
    lock = asyncio.Lock()
    tasks = [asyncio.create_task(worker(n, lock, 2)) for n in ("A", "B", "C")]
    await asyncio.gather(*tasks)
    print("all done, locked =", lock.locked())
    try:
        lock.release()
    except RuntimeError as e:
        print("release unlocked lock:", type(e).__name__, str(e))


asyncio.run(main())
