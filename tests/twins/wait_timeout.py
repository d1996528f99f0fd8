import asyncio


async def job(delay):
    try:
        await asyncio.sleep(delay)
        print("job", delay, "finished")
        return delay
    except asyncio.CancelledError:
        print("job", delay, "cancelled")
        raise


def names(tasks):
    return " ".join(sorted(t.get_name() for t in tasks))


async def main():
    tasks = [asyncio.create_task(job(d), name=f"j{d}") for d in (1, 2, 3)]
    done, pending = await asyncio.wait(tasks, timeout=1.5)
    print("after timeout: done:", names(done), "pending:", names(pending))
    # wait() with a timeout does not cancel anything; do it ourselves.
    for t in sorted(pending, key=lambda t: t.get_name()):
        t.cancel()
    done, pending = await asyncio.wait(tasks, timeout=10)
    print("second wait returned early: done", len(done), "pending", len(pending))
    print("cancelled:", " ".join(str(t.cancelled()) for t in tasks))


asyncio.run(main())
