import asyncio


async def job(name, delay, fail=False):
    await asyncio.sleep(delay)
    if fail:
        print(name, "fails")
        raise RuntimeError(name + " broke")
    print(name, "succeeds")
    return name


def names(tasks):
    return " ".join(sorted(t.get_name() for t in tasks))


async def main():
    tasks = [
        asyncio.create_task(job("a", 1), name="a"),
        asyncio.create_task(job("b", 2, fail=True), name="b"),
        asyncio.create_task(job("c", 3), name="c"),
    ]
    done, pending = await asyncio.wait(tasks, return_when=asyncio.FIRST_EXCEPTION)
    print("done:", names(done))
    print("pending:", names(pending))
    for t in sorted(done, key=lambda t: t.get_name()):
        e = t.exception()
        if e is None:
            print(t.get_name(), "result", t.result())
        else:
            print(t.get_name(), "exception", type(e).__name__, str(e))
    # Without any failure, FIRST_EXCEPTION waits for everything.
    more = [asyncio.create_task(job(n, 1), name=n) for n in ("d", "e")]
    done, pending = await asyncio.wait(more, return_when=asyncio.FIRST_EXCEPTION)
    print("done:", names(done), "pending:", len(pending))
    await tasks[2]


asyncio.run(main())
