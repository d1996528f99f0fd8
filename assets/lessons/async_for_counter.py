# async for over an async iterator and over an async generator.
import asyncio


class Counter:
    def __init__(self, stop):
        self.current = 0
        self.stop = stop

    def __aiter__(self):
        return self

    async def __anext__(self):
        if self.current >= self.stop:
            raise StopAsyncIteration
        await asyncio.sleep(0.25)
        self.current += 1
        return self.current


async def ticks(n):
    for i in range(n):
        await asyncio.sleep(1)
        yield i


async def main():
    async for value in Counter(3):
        print("counter", value)
    async for tick in ticks(2):
        print("tick", tick)
    print([i async for i in Counter(2)])


asyncio.run(main())
