import asyncio


async def inner():
    try:
        await asyncio.sleep(5)
        return "inner result"
    except asyncio.CancelledError:
        print("inner: cancelled")
        raise
    finally:
        print("inner: finally")


async def caller():
    try:
        r = await asyncio.wait_for(inner(), timeout=3)
        print("caller: got", r)
    except asyncio.CancelledError:
        print("caller: cancelled inside wait_for")
        raise
    except TimeoutError:
        print("caller: timed out")  # not reached: cancelled first


async def main():
    t = asyncio.create_task(caller())
    await asyncio.sleep(1)
    print("main: cancel caller ->", t.cancel())
    try:
        await t
    except asyncio.CancelledError:
        print("main: caller is cancelled =", t.cancelled())
    await asyncio.sleep(3)
    print("main: wait_for timer (t=3) fired nothing")


asyncio.run(main())
