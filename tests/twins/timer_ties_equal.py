import asyncio

# Seven tasks all sleep(1) from t=0: their timers have the same `when`.
# The loop pops due timers from a heapq heap; with equal keys heapq's
# pop order is NOT insertion order.


async def sleeper(name):
    print(name, "sleeps")
    await asyncio.sleep(1)
    print(name, "wakes")


async def main():
    names = ["t0", "t1", "t2", "t3", "t4", "t5", "t6"]
    tasks = [asyncio.create_task(sleeper(n)) for n in names]
    for t in tasks:
        await t
    print("all awake")


asyncio.run(main())
