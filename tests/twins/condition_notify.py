import asyncio


async def waiter(name, cond, log):
    async with cond:
        print(name, "waits")
        await cond.wait()
        print(name, "notified, holds lock =", cond.locked())
        log.append(name)
        await asyncio.sleep(0.25)  # keeps the lock: the next one must wait
        print(name, "leaves")


async def main():
    cond = asyncio.Condition()
    log = []
    tasks = [asyncio.create_task(waiter(n, cond, log)) for n in ("a", "b", "c", "d")]
    await asyncio.sleep(1)
    async with cond:
        print("notify(1)")
        cond.notify(1)
    await asyncio.sleep(1)
    async with cond:
        print("notify_all")
        cond.notify_all()
        print("still holding the lock")
        await asyncio.sleep(0.5)
        print("notifier releases")
    await asyncio.gather(*tasks)
    print("order:", " ".join(log))
    try:
        cond.notify()
    except RuntimeError as e:
        print("notify without lock:", type(e).__name__, str(e))


asyncio.run(main())
