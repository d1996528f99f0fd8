import asyncio


async def child(name, delay):
    try:
        await asyncio.sleep(delay)
        print(name, "finished")
        return name
    except asyncio.CancelledError:
        print(name, "cancelled")
        raise


async def main():
    # 1) Cancelling the gather cancels every child.
    a = asyncio.create_task(child("a", 2))
    b = asyncio.create_task(child("b", 3))
    g = asyncio.gather(a, b)
    await asyncio.sleep(1)
    print("cancel gather ->", g.cancel())
    try:
        await g
    except asyncio.CancelledError:
        print("gather raised CancelledError")
    print("a cancelled", a.cancelled(), "b cancelled", b.cancelled())

    # 2) Cancelling one child: the gather fails with CancelledError,
    #    the other children keep running.
    c = asyncio.create_task(child("c", 1))
    d = asyncio.create_task(child("d", 2))
    g2 = asyncio.gather(c, d)
    await asyncio.sleep(0.5)
    print("cancel child c ->", c.cancel())
    try:
        await g2
    except asyncio.CancelledError:
        print("gather2 raised CancelledError, d done =", d.done())
    print("d result", await d)


asyncio.run(main())
