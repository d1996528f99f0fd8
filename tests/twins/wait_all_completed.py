import asyncio


async def job(name, delay):
    await asyncio.sleep(delay)
    print(name, "finished")
    if name == "boom":
        raise ValueError("exploded")
    return name.upper()


async def main():
    tasks = [asyncio.create_task(job(n, d), name=n)
             for n, d in (("x", 2), ("boom", 1), ("y", 3))]
    done, pending = await asyncio.wait(tasks)  # ALL_COMPLETED is the default
    print("done", len(done), "pending", len(pending))
    for t in sorted(done, key=lambda t: t.get_name()):
        if t.exception() is not None:
            print(t.get_name(), "->", type(t.exception()).__name__, str(t.exception()))
        else:
            print(t.get_name(), "->", t.result())
    done, pending = await asyncio.wait(tasks, return_when=asyncio.ALL_COMPLETED)
    print("again: done", len(done), "pending", len(pending))


asyncio.run(main())
