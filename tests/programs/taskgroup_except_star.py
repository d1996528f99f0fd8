# TaskGroup: the first failure cancels the others; except* picks the errors apart.
import asyncio


async def job(name, delay, fail=False):
    try:
        await asyncio.sleep(delay)
        if fail:
            raise ValueError(f"{name} failed")
        print(name, "finished")
    except asyncio.CancelledError:
        print(name, "cancelled")
        raise


async def main():
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(job("fast", 0.5))
            tg.create_task(job("bad", 1, fail=True))
            tg.create_task(job("slow", 2))
    except* ValueError as group:
        print("caught", [str(e) for e in group.exceptions])
    print("after the group at", asyncio.get_running_loop().time())


asyncio.run(main())
