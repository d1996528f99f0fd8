# contextvars: each task runs in a copy of the context it was created in.
import asyncio
import contextvars

request = contextvars.ContextVar("request", default="none")


async def handle(n):
    request.set(f"req-{n}")
    await asyncio.sleep(0.1 * n)
    print("handling", request.get())


async def main():
    request.set("main")
    await asyncio.gather(*(handle(n) for n in range(3)))
    print("main still sees", request.get())
    loop = asyncio.get_running_loop()
    ctx = contextvars.copy_context()
    ctx.run(request.set, "in a callback context")
    done = loop.create_future()
    loop.call_soon(lambda: (print("callback sees", request.get()), done.set_result(None)), context=ctx)
    await done


asyncio.run(main())
