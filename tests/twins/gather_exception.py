import asyncio


async def ok(name, delay):
    await asyncio.sleep(delay)
    print(name, "finished at its own pace")
    return name


async def bad(delay):
    await asyncio.sleep(delay)
    print("bad raises")
    raise ValueError("boom")


async def main():
    try:
        r = await asyncio.gather(ok("a", 2), bad(1), ok("c", 3))
        print("results", r)  # not reached
    except ValueError as e:
        print("gather raised", type(e).__name__, str(e))
    # The other children were not cancelled: they keep running.
    await asyncio.sleep(3)
    print("main done")


asyncio.run(main())
