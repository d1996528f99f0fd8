import asyncio


async def failer():
    await asyncio.sleep(1)
    print("failer: raising")
    raise ValueError("failer broke")


async def sibling(name, delay):
    try:
        await asyncio.sleep(delay)
        print(name, "finished")
    except asyncio.CancelledError:
        print(name, "cancelled by the group")
        raise


# Only one child is pending when failer fails (TaskGroup cancels from a set:
# with several pending children the cancel order would be hash-dependent).


async def main():
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(sibling("quick", 0.5))
            tg.create_task(failer())
            tg.create_task(sibling("slow", 3))
            print("body: waiting inside the group")
            try:
                await asyncio.sleep(2)
                print("body: not reached")
            except asyncio.CancelledError:
                print("body: cancelled by the group")
                raise
    except* ValueError as eg:
        print("caught:", eg.message)
        print("sub-exceptions:", [type(e).__name__ + ": " + str(e) for e in eg.exceptions])
    print("after the group")


asyncio.run(main())
