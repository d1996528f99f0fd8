import asyncio


async def quick():
    print("quick runs")
    return "quick result"


async def chatter():
    for i in range(3):
        print("chatter", i)
        await asyncio.sleep(0)


async def main():
    t = asyncio.create_task(quick())
    await asyncio.sleep(0)
    print("quick done?", t.done())
    c = asyncio.create_task(chatter())
    await asyncio.sleep(0)
    print("main: awaiting the finished task")
    r = await t  # already done: no suspension, chatter cannot run in between
    print("main: got", r, "without yielding")
    r2 = await t  # awaiting it again gives the same result
    print("main: again", r2)
    await c
    print("done")


asyncio.run(main())
