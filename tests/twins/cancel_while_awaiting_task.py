import asyncio


async def inner():
    try:
        await asyncio.sleep(3)
        print("inner: finished")
        return 42
    except asyncio.CancelledError:
        print("inner: cancelled")
        raise


async def outer(child):
    print("outer: awaiting inner task")
    try:
        v = await child
        print("outer: got", v)
    except asyncio.CancelledError:
        print("outer: cancelled")
        raise


async def main():
    child = asyncio.create_task(inner(), name="inner")
    parent = asyncio.create_task(outer(child), name="outer")
    await asyncio.sleep(1)
    # Cancelling a task that awaits another task cancels that task too
    # (it is the future the outer task waits on).
    print("main: cancel outer ->", parent.cancel())
    await asyncio.sleep(0)
    print("main: after one step, inner done =", child.done(), "outer done =", parent.done())
    await asyncio.sleep(0)
    print("main: inner cancelled =", child.cancelled(), "outer cancelled =", parent.cancelled())


asyncio.run(main())
