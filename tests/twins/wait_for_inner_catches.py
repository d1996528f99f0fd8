import asyncio


async def stubborn():
    try:
        await asyncio.sleep(5)
        return "finished normally"
    except asyncio.CancelledError:
        print("stubborn: got cancelled, cleaning up for 0.5s")
        await asyncio.sleep(0.5)
        print("stubborn: returning anyway")
        return "value after cancel"


async def main():
    # In 3.11, wait_for waits for the cancelled inner task to finish; if it
    # swallowed the cancellation and returned, wait_for returns that value.
    try:
        r = await asyncio.wait_for(stubborn(), timeout=1)
        print("wait_for returned", r)
    except TimeoutError:
        print("wait_for raised TimeoutError")  # not reached
    print("main done")


asyncio.run(main())
