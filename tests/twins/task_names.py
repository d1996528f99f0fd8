import asyncio


async def report(label):
    await asyncio.sleep(0)
    print(label, "runs as", asyncio.current_task().get_name())


async def main():
    me = asyncio.current_task()
    print("main task is", me.get_name())
    t2 = asyncio.create_task(report("first"))
    t3 = asyncio.create_task(report("second"), name="custom")
    t4 = asyncio.create_task(report("third"))
    # An explicitly named task still consumes a number: t4 is Task-4.
    print("names:", t2.get_name(), t3.get_name(), t4.get_name())
    t4.set_name("renamed")
    print("after set_name:", t4.get_name())
    await asyncio.gather(t2, t3, t4)
    # gather() wraps coroutines in new tasks: they take the next numbers.
    await asyncio.gather(report("g1"), report("g2"))
    t = asyncio.create_task(report("numbered"))
    print("next default name:", t.get_name())
    await t
    t.set_name(123)
    print("set_name(123) ->", repr(t.get_name()))
    print("all_tasks now:", len(asyncio.all_tasks()))


asyncio.run(main())
