# An async generator left unfinished is closed by asyncio.run's shutdown_asyncgens.
import asyncio


async def numbers():
    try:
        n = 0
        while True:
            await asyncio.sleep(0.1)
            yield n
            n += 1
    finally:
        print("generator closed")


async def main():
    gen = numbers()
    async for n in gen:
        print("got", n)
        if n == 2:
            break
    print("loop left the generator suspended")


asyncio.run(main())
print("after run")
