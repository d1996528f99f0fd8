"""Blocking work in threads while the loop keeps ticking: to_thread and run_in_executor."""
import asyncio
import time


def blocking_io(name, seconds):
    print(f"{name} starts")
    time.sleep(seconds)
    print(f"{name} done after {seconds} s")
    return name.upper()


async def ticker():
    for i in range(3):
        print(f"tick {i}")
        await asyncio.sleep(1)


async def main():
    start = time.monotonic()
    results = await asyncio.gather(asyncio.to_thread(blocking_io, "a", 2.5),
                                   asyncio.to_thread(blocking_io, "b", 1), ticker())
    print(results[:2], f"took {time.monotonic() - start:.1f} s")
    loop = asyncio.get_running_loop()
    print(await loop.run_in_executor(None, sum, [1, 2, 3]))
    try:
        await asyncio.to_thread(int, "x")
    except ValueError as exc:
        print("job failed:", exc)


asyncio.run(main())
