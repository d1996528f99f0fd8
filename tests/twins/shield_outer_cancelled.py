import asyncio


async def precious():
    print("precious: start")
    await asyncio.sleep(3)
    print("precious: finished")
    return "saved"


async def guard(inner):
    try:
        return await asyncio.shield(inner)
    except asyncio.CancelledError:
        print("guard: cancelled, inner done =", inner.done())
        raise


async def main():
    inner = asyncio.create_task(precious())
    outer = asyncio.create_task(guard(inner))
    await asyncio.sleep(1)
    print("main: cancel outer ->", outer.cancel())
    try:
        await outer
    except asyncio.CancelledError:
        print("main: outer cancelled =", outer.cancelled())
    print("main: inner cancelled =", inner.cancelled())
    r = await inner
    print("main: inner result", r)


asyncio.run(main())
