import asyncio


async def fail_now(exc):
    print("raising", type(exc).__name__)
    raise exc


async def sleeper():
    try:
        await asyncio.sleep(1)
        print("sleeper finished")
    except asyncio.CancelledError:
        print("sleeper cancelled")
        raise


async def main():
    # Both children raise in the same loop iteration, before the group's
    # done-callbacks run: both errors end up in the ExceptionGroup.
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(fail_now(ValueError("v")))
            tg.create_task(sleeper())
            tg.create_task(fail_now(KeyError("k")))
            print("body exits, __aexit__ waits")
    except ExceptionGroup as eg:
        print("ExceptionGroup:", str(eg))
        print("message:", eg.message)
        for e in eg.exceptions:
            print(" -", type(e).__name__, str(e))
    # A group whose children all succeed.
    async with asyncio.TaskGroup() as tg:
        t1 = tg.create_task(asyncio.sleep(1, result="one"))
        t2 = tg.create_task(asyncio.sleep(2, result="two"))
    print("results", t1.result(), t2.result())


asyncio.run(main())
