"""asyncio.timeout: a deadline moved later while the work runs, then one that expires."""
import asyncio


async def slow(name, seconds):
    await asyncio.sleep(seconds)
    return f"{name} finished"


async def main():
    loop = asyncio.get_running_loop()
    async with asyncio.timeout(1) as deadline:
        print("deadline", deadline.when())
        deadline.reschedule(loop.time() + 3)
        print("moved to", deadline.when())
        print(await slow("first", 2))
    try:
        async with asyncio.timeout(0.5) as deadline:
            await slow("second", 2)
    except TimeoutError:
        print("second timed out at", loop.time(), "expired:", deadline.expired())
    try:
        await asyncio.wait_for(slow("third", 1), timeout=0.25)
    except TimeoutError:
        print("third timed out at", loop.time())


asyncio.run(main())
