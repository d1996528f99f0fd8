import asyncio


async def ok(name, delay):
    await asyncio.sleep(delay)
    print(name, "ok")
    return name


async def bad(name, delay, exc):
    await asyncio.sleep(delay)
    print(name, "raises")
    raise exc


async def main():
    results = await asyncio.gather(
        ok("a", 2),
        bad("b", 1, ValueError("bad value")),
        ok("c", 0.5),
        bad("d", 3, KeyError("missing")),
        return_exceptions=True,
    )
    print("gather returned", len(results), "results")
    for i, r in enumerate(results):
        if isinstance(r, BaseException):
            print(i, "exception", type(r).__name__, str(r))
        else:
            print(i, "value", r)


asyncio.run(main())
