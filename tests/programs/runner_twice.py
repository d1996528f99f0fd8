# asyncio.Runner runs several coroutines on one loop; asyncio.run twice continues the clock.
import asyncio


async def step(name, delay):
    await asyncio.sleep(delay)
    print(name, "at", round(asyncio.get_running_loop().time(), 3))
    return name


with asyncio.Runner() as runner:
    print(runner.run(step("first", 1)))
    print(runner.run(step("second", 0.5)))

print(asyncio.run(step("third", 0.25)))
print(asyncio.run(step("fourth", 0.25)))
