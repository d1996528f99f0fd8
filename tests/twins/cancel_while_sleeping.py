import asyncio


async def sleeper():
    print("sleeper: going to sleep for 5")
    try:
        await asyncio.sleep(5)
        print("sleeper: woke normally")  # not reached
    except asyncio.CancelledError:
        print("sleeper: cancelled while sleeping")
        raise
    finally:
        print("sleeper: finally")


async def main():
    t = asyncio.create_task(sleeper())
    await asyncio.sleep(1)
    print("main: cancelling, returned", t.cancel())
    print("main: right after cancel, done =", t.done())
    try:
        await t
    except asyncio.CancelledError:
        print("main: task raised CancelledError")
    print("main: cancelled =", t.cancelled())
    await asyncio.sleep(5)
    print("main: the 5s timer did not wake anything")


asyncio.run(main())
