"""An async context manager and an async iterator of one's own, used by two tasks at once."""
import asyncio


class Connection:
    def __init__(self, name):
        self.name = name

    async def __aenter__(self):
        await asyncio.sleep(0.1)
        print(f"{self.name} open")
        return self

    async def __aexit__(self, exc_type, exc, tb):
        await asyncio.sleep(0.1)
        print(f"{self.name} closed ({exc_type.__name__ if exc_type else 'no error'})")
        return False


class Ticks:
    def __init__(self, count, every):
        self.count, self.every = count, every

    def __aiter__(self):
        return self

    async def __anext__(self):
        if self.count == 0:
            raise StopAsyncIteration
        self.count -= 1
        await asyncio.sleep(self.every)
        return self.count


async def use(name, count, every):
    async with Connection(name) as conn:
        async for left in Ticks(count, every):
            print(f"{conn.name} tick, {left} left")
        if name == "b":
            raise ValueError("b gives up")


async def main():
    results = await asyncio.gather(use("a", 3, 0.3), use("b", 2, 0.5), return_exceptions=True)
    print(results)


asyncio.run(main())
