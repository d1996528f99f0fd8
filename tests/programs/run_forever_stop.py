# new_event_loop + run_forever, stopped by a callback; then run_until_complete on the same loop.
import asyncio


def tick(loop, n):
    print("tick", n, "at", loop.time())
    if n == 3:
        loop.stop()
    else:
        loop.call_later(0.5, tick, loop, n + 1)


async def after():
    await asyncio.sleep(0.1)
    return "after the stop"


loop = asyncio.new_event_loop()
asyncio.set_event_loop(loop)
loop.call_soon(tick, loop, 1)
loop.run_forever()
print("stopped; running:", loop.is_running())
print(loop.run_until_complete(after()))
loop.run_until_complete(loop.shutdown_asyncgens())
loop.close()
