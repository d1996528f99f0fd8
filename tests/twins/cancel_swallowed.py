import asyncio


async def stubborn():
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError:
        print("stubborn: caught CancelledError, cleaning up")
        await asyncio.sleep(0.5)
        print("stubborn: returning a value instead")
        return "swallowed"
    return "normal"


async def main():
    t = asyncio.create_task(stubborn())
    await asyncio.sleep(1)
    print("main: cancel ->", t.cancel())
    r = await t
    print("main: await gave", r)
    print("main: cancelled =", t.cancelled(), "done =", t.done(), "result =", t.result())
    print("main: cancel on done task ->", t.cancel())


asyncio.run(main())
