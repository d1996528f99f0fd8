import asyncio


async def countdown(name, n):
    while n > 0:
        print(name, n)
        await asyncio.sleep(1)
        n -= 1
    print(name, "done")
    return name


async def main():
    print("start")
    results = await asyncio.gather(countdown("A", 3), countdown("B", 2))
    print("results", results[0], results[1])
    print("end")


asyncio.run(main())
