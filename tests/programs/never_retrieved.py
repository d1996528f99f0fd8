# A task whose exception nobody retrieves, and a coroutine never awaited: Python warns on stderr.
import asyncio
import gc


async def boom():
    await asyncio.sleep(0.1)
    raise KeyError("lost")


async def forgotten():
    print("never runs")


async def main():
    asyncio.create_task(boom())
    await asyncio.sleep(0.5)
    forgotten()
    gc.collect()
    print("main ends")


asyncio.run(main())
gc.collect()
print("program ends")
