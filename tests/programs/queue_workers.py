# A queue of jobs shared by three workers; join() waits for all of them.
import asyncio
import random


async def worker(name, queue):
    while True:
        delay = await queue.get()
        await asyncio.sleep(delay)
        print(f"{name} slept {delay:.2f} s")
        queue.task_done()


async def main():
    random.seed(7)
    queue = asyncio.Queue()
    for _ in range(8):
        queue.put_nowait(round(random.uniform(0.1, 1.0), 2))
    tasks = [asyncio.create_task(worker(f"worker-{i}", queue)) for i in range(3)]
    started = asyncio.get_running_loop().time()
    await queue.join()
    print(f"all done after {asyncio.get_running_loop().time() - started:.2f} s")
    for task in tasks:
        task.cancel()
    results = await asyncio.gather(*tasks, return_exceptions=True)
    print([type(r).__name__ for r in results])
    print([t.get_name() for t in tasks])


asyncio.run(main())
