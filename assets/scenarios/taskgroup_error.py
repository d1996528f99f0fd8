# taskgroup_error: in a TaskGroup, one failure cancels the siblings.
import asyncio


async def worker(name, seconds, fails):
    print(name, "starts")  # @starts
    await asyncio.sleep(seconds)  # @sleep
    if fails:
        print(name, "raises ValueError")  # @raises
        raise ValueError(name + " failed")
    print(name, "finished")  # @finished


async def main(n=3, failing=1):
    tasks = []
    try:
        async with asyncio.TaskGroup() as tg:  # @group
            for i in range(n):
                name = f"worker{i}"
                tasks.append(tg.create_task(worker(name, i + 1, i == failing), name=name))  # @create
            print("all workers started; the group waits for them")  # @started
        print("every worker finished")  # @no_error
    except* ValueError as eg:
        print("caught ExceptionGroup:", eg)  # @caught
        for e in eg.exceptions:
            print("  ValueError:", e)  # @sub
    for t in tasks:
        print(t.get_name(), "cancelled:", t.cancelled())  # @status


if __name__ == "__main__":
    asyncio.run(main())
