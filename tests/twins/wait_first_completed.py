import asyncio


async def job(name, delay):
    await asyncio.sleep(delay)
    print("job", name, "finished")
    return delay


def names(tasks):
    return " ".join(sorted(t.get_name() for t in tasks))


async def main():
    # q and s finish in the same loop iteration: both are in `done`.
    plan = (("p", 3), ("q", 1), ("r", 2), ("s", 1))
    tasks = [asyncio.create_task(job(n, d), name=n) for n, d in plan]
    done, pending = await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED)
    print("done:", names(done))
    print("pending:", names(pending))
    # wait() cancels nothing: the pending ones still finish.
    done, pending = await asyncio.wait(pending, return_when=asyncio.FIRST_COMPLETED)
    print("done:", names(done))
    print("pending:", names(pending))
    total = sum([await t for t in tasks])
    print("total", total)


asyncio.run(main())
