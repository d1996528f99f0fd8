import asyncio


async def ticker(name, n, delay):
    try:
        for i in range(n):
            await asyncio.sleep(delay)
            print(name, "yields", i)
            yield i
    finally:
        print(name, "generator closed")


async def main():
    total = 0
    async for v in ticker("full", 3, 0.5):
        print("got", v)
        total += v
    print("total", total)

    gen = ticker("early", 10, 1)
    async for v in gen:
        print("got", v)
        if v == 1:
            print("breaking out")
            break
    print("after break, closing explicitly")
    await gen.aclose()

    squares = [v * v async for v in ticker("comp", 3, 0.25)]
    print("squares", squares)


asyncio.run(main())
