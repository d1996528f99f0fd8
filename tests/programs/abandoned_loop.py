# A loop left unclosed with a task and callbacks pending: the garbage collector
# reclaims it, and CPython reports the pending task and the coroutine on stderr.
import asyncio
import gc


async def forever(n):
    while True:
        await asyncio.sleep(n)


def make():
    loop = asyncio.new_event_loop()
    loop.create_task(forever(1))
    loop.call_later(5, print, "never")
    loop.call_soon(print, "never either")


make()
print("collected", gc.collect() > 0)
print("end")
