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
    a = asyncio.create_task(countdown("A", 3))
    b = asyncio.create_task(countdown("B", 2))
    print("created, not started yet")
    ra = await a
    print("got", ra)
    rb = await b
    print("got", rb)
    print("end")


asyncio.run(main())
