# Task names as CPython numbers them, current_task, all_tasks, set_name.
import asyncio


async def child(n):
    await asyncio.sleep(n)
    return asyncio.current_task().get_name()


async def main():
    me = asyncio.current_task()
    print("main is", me.get_name())
    a = asyncio.create_task(child(1))
    b = asyncio.create_task(child(2), name="second")
    c = asyncio.create_task(child(3))
    c.set_name("renamed")
    print(sorted(t.get_name() for t in asyncio.all_tasks()))
    print(await asyncio.gather(a, b, c))
    print([t.get_name() for t in asyncio.all_tasks()])
    print("done?", a.done(), b.cancelled())


asyncio.run(main())
