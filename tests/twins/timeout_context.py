import asyncio


async def main():
    # Expires: the body is cancelled, TimeoutError leaves the block.
    try:
        async with asyncio.timeout(1) as cm:
            print("body 1 start")
            await asyncio.sleep(2)
            print("body 1 end")  # not reached
    except TimeoutError:
        print("timeout 1 expired:", cm.expired())

    # Does not expire.
    async with asyncio.timeout(2) as cm:
        print("body 2 start")
        await asyncio.sleep(1)
        print("body 2 end")
    print("timeout 2 expired:", cm.expired())

    # timeout_at with an absolute deadline, rescheduled later.
    loop = asyncio.get_running_loop()
    try:
        async with asyncio.timeout_at(loop.time() + 1) as cm:
            cm.reschedule(loop.time() + 3)
            print("body 3 rescheduled")
            await asyncio.sleep(5)
    except TimeoutError:
        print("timeout 3 expired:", cm.expired())

    # timeout(None): never expires.
    async with asyncio.timeout(None):
        await asyncio.sleep(1)
    print("done")


asyncio.run(main())
