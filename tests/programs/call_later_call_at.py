# Plain callbacks on the loop: call_soon, call_later, call_at, a cancelled timer.
import asyncio


def say(what, loop):
    print(f"{what} at {loop.time():.3f}")


async def main():
    loop = asyncio.get_running_loop()
    done = loop.create_future()
    loop.call_soon(say, "soon", loop)
    loop.call_later(0.5, say, "later", loop)
    loop.call_at(loop.time() + 0.25, say, "at", loop)
    cancelled = loop.call_later(0.3, say, "never", loop)
    cancelled.cancel()
    print("cancelled", cancelled.cancelled())
    loop.call_later(1, done.set_result, "finished")
    loop.call_later(1, say, "same time, second", loop)
    print(await done)


asyncio.run(main())
