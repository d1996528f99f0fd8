import asyncio

# Eight tasks sleep different delays with many ties (when = 1, 2 or 3).
# Equal-`when` timers leave the heapq heap in sift order, not creation
# order; the second round re-sleeps from inside the wakeups.


async def sleeper(name, first, second):
    await asyncio.sleep(first)
    print(name, "round 1")
    await asyncio.sleep(second)
    print(name, "round 2")


async def main():
    plan = [("a", 3, 1), ("b", 1, 3), ("c", 2, 2), ("d", 1, 3),
            ("e", 3, 1), ("f", 2, 2), ("g", 1, 3), ("h", 2, 2)]
    tasks = [asyncio.create_task(sleeper(*p)) for p in plan]
    await asyncio.gather(*tasks)
    print("done")


asyncio.run(main())
