import asyncio


async def work(name, delay):
    try:
        await asyncio.sleep(delay)
        print(name, "finished")
        return name + " result"
    except asyncio.CancelledError:
        print(name, "cancelled by wait_for")
        raise


async def main():
    # Times out: the inner task is cancelled, then TimeoutError is raised.
    try:
        r = await asyncio.wait_for(work("slow", 3), timeout=1)
        print("got", r)
    except TimeoutError as e:
        print("wait_for raised", type(e).__name__, "is asyncio.TimeoutError:",
              isinstance(e, asyncio.TimeoutError))
    # Does not time out: the result comes back when the inner finishes.
    r = await asyncio.wait_for(work("fast", 1), timeout=2)
    print("got", r)
    # The cancelled 2s timer of the second wait_for must not fire anything.
    await asyncio.sleep(2)
    print("main done")


asyncio.run(main())
