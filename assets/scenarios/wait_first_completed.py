# wait_first_completed: ask several mirrors, keep the first answer, cancel the rest.
import asyncio


async def download(mirror, seconds):
    try:
        await asyncio.sleep(seconds)  # @sleep
    except asyncio.CancelledError:
        print(mirror, "cancelled")  # @cancelled
        raise
    print(mirror, "finished after", seconds, "s")  # @finished
    return mirror


async def main(n=3, fastest=1):
    tasks = []
    for i in range(n):
        mirror = f"mirror{i}"
        seconds = 1 + abs(i - fastest)
        tasks.append(asyncio.create_task(download(mirror, seconds), name=mirror))  # @create
    done, pending = await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED)  # @wait
    winner = done.pop()  # exactly one finished first
    print("first answer from", winner.result())  # @winner
    print(len(pending), "still pending: cancel them")  # @pending
    for t in tasks:  # the pending ones, in creation order (`pending` is a set)
        if not t.done():
            t.cancel()
    await asyncio.wait(pending)  # @wait_cancelled
    for t in tasks:
        print(t.get_name(), "cancelled:", t.cancelled())  # @status


if __name__ == "__main__":
    asyncio.run(main())
