import asyncio


async def waiter(name, ev):
    print(name, "waits")
    r = await ev.wait()
    print(name, "woke, wait returned", r)


async def main():
    ev = asyncio.Event()
    tasks = [asyncio.create_task(waiter(n, ev)) for n in ("w1", "w2", "w3", "w4")]
    await asyncio.sleep(1)
    print("setting, is_set =", ev.is_set())
    ev.set()
    print("after set, is_set =", ev.is_set())
    await asyncio.gather(*tasks)
    # Waiting on an already-set event does not suspend.
    print("wait on set event ->", await ev.wait())
    ev.clear()
    print("cleared, is_set =", ev.is_set())
    late = asyncio.create_task(waiter("late", ev))
    asyncio.get_running_loop().call_later(2, ev.set)
    await late
    print("done")


asyncio.run(main())
