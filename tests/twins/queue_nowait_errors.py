import asyncio


async def main():
    q = asyncio.Queue(maxsize=2)
    print("empty", q.empty(), "full", q.full(), "maxsize", q.maxsize)
    q.put_nowait("x")
    q.put_nowait("y")
    print("qsize", q.qsize(), "full", q.full())
    try:
        q.put_nowait("z")
    except asyncio.QueueFull as e:
        print("put_nowait raised", type(e).__name__, repr(str(e)))
    print("get", q.get_nowait(), q.get_nowait())
    try:
        q.get_nowait()
    except asyncio.QueueEmpty as e:
        print("get_nowait raised", type(e).__name__, repr(str(e)))
    q.task_done()
    q.task_done()
    try:
        q.task_done()
    except ValueError as e:
        print("task_done raised", type(e).__name__, str(e))
    await q.join()  # nothing unfinished: returns at once
    print("join returned immediately")
    # get() on an empty queue waits until someone puts.
    loop = asyncio.get_running_loop()
    loop.call_later(1, q.put_nowait, "late")
    print("get waited for", await q.get())
    # Unbounded queue never reports full.
    u = asyncio.Queue()
    for i in range(100):
        u.put_nowait(i)
    print("unbounded qsize", u.qsize(), "full", u.full())


asyncio.run(main())
