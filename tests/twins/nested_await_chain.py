import asyncio


async def level3():
    print("level3 in", asyncio.current_task().get_name())
    await asyncio.sleep(1)
    print("level3 woke")
    return 3


async def level2():
    print("level2 in", asyncio.current_task().get_name())
    v = await level3()
    return v + 20


async def level1():
    print("level1 in", asyncio.current_task().get_name())
    v = await level2()
    return v + 100


async def main():
    print("tasks before:", len(asyncio.all_tasks()))
    r = await level1()  # plain coroutine chain: runs inside Task-1
    print("result", r, "tasks after:", len(asyncio.all_tasks()))
    t = asyncio.create_task(level1())  # the same chain in a new task
    print("created", t.get_name(), "tasks now:", len(asyncio.all_tasks()))
    print("result", await t)


asyncio.run(main())
