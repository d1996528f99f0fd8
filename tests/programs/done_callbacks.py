# Done callbacks on tasks and futures, and a callback that raises.
import asyncio


async def work(n):
    await asyncio.sleep(n / 10)
    return n * n


def report(task):
    print(f"{task.get_name()} done: {task.result()}")


def broken(fut):
    raise RuntimeError("a callback that fails")


async def main():
    tasks = [asyncio.create_task(work(n), name=f"work-{n}") for n in (3, 1, 2)]
    for t in tasks:
        t.add_done_callback(report)
    fut = asyncio.get_running_loop().create_future()
    fut.add_done_callback(broken)
    fut.set_result(None)
    await asyncio.sleep(0)
    print("results", await asyncio.gather(*tasks))


asyncio.run(main())
