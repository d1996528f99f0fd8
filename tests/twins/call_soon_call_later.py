import asyncio


def cb(label):
    print("callback", label)


async def task_body(name):
    print(name, "step 1")
    await asyncio.sleep(0)
    print(name, "step 2")
    await asyncio.sleep(0.5)
    print(name, "after sleep(0.5)")


async def main():
    loop = asyncio.get_running_loop()
    loop.call_later(0.5, cb, "later 0.5 (before the task's sleep)")
    loop.call_soon(cb, "soon 1")
    asyncio.create_task(task_body("T"))
    loop.call_soon(cb, "soon 2")
    h = loop.call_later(0.25, cb, "cancelled, never runs")
    loop.call_at(loop.time() + 1, cb, "call_at +1")
    loop.call_later(1, cb, "later 1")
    h.cancel()
    print("main: scheduled everything")
    await asyncio.sleep(0)
    print("main: after sleep(0)")
    loop.call_soon(cb, "soon 3")
    loop.call_later(0, cb, "later 0")
    await asyncio.sleep(1.5)
    print("main: done")


asyncio.run(main())
