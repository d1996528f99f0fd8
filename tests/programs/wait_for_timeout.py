# wait_for with a timeout, asyncio.timeout, wait(FIRST_COMPLETED) and shield.
import asyncio


async def slow(n):
    try:
        await asyncio.sleep(n)
        return n
    except asyncio.CancelledError:
        print(f"slow({n}) cancelled")
        raise


async def main():
    try:
        await asyncio.wait_for(slow(5), timeout=1)
    except TimeoutError:
        print("wait_for timed out")
    print(await asyncio.wait_for(slow(0.5), timeout=1))
    try:
        async with asyncio.timeout(0.75):
            await slow(3)
    except TimeoutError:
        print("timeout block expired")
    tasks = {asyncio.create_task(slow(n)) for n in (2, 1, 3)}
    done, pending = await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED)
    print("first done:", [t.result() for t in done], "pending:", len(pending))
    inner = asyncio.create_task(slow(1))
    try:
        await asyncio.wait_for(asyncio.shield(inner), timeout=0.5)
    except TimeoutError:
        print("shielded inner survives:", await inner)
    for t in pending:
        t.cancel()
    await asyncio.gather(*pending, return_exceptions=True)


asyncio.run(main())
