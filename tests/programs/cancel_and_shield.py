# cancel() with a message, a task that catches its cancellation, uncancel bookkeeping.
import asyncio


async def stubborn():
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError as e:
        print("caught", repr(e.args))
        await asyncio.sleep(0.5)
        return "finished anyway"


async def obedient():
    await asyncio.sleep(10)


async def main():
    s = asyncio.create_task(stubborn())
    o = asyncio.create_task(obedient())
    await asyncio.sleep(1)
    print(s.cancel("please stop"), o.cancel())
    print(await s)
    try:
        await o
    except asyncio.CancelledError:
        print("obedient cancelled:", o.cancelled())
    print(s.cancel())


asyncio.run(main())
