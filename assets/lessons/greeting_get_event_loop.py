# The old style many lessons still print: get_event_loop().run_until_complete.
import asyncio


async def greeting(name):
    print("Hello,", name)
    await asyncio.sleep(0.5)
    print("Goodbye,", name)
    return len(name)


loop = asyncio.get_event_loop()
n = loop.run_until_complete(greeting("world"))
print("length", n, "running", loop.is_running(), "closed", loop.is_closed())
n = loop.run_until_complete(greeting("again"))
print("length", n, "time", loop.time())
loop.close()
print("closed", loop.is_closed())
