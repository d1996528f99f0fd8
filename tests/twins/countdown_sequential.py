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
    await countdown("A", 3)
    await countdown("B", 2)
    print("end")


asyncio.run(main())
