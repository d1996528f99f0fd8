import asyncio


async def job(name, delay):
    await asyncio.sleep(delay)
    print(name, "completes")
    return name


async def main():
    plan = [("slow", 3), ("quick", 1), ("medium", 2), ("instant", 0), ("quick2", 1)]
    # Pass tasks, not coroutines: as_completed() wraps coroutines via a set,
    # so their creation order would depend on hashing.
    aws = [asyncio.create_task(job(n, d)) for n, d in plan]
    order = []
    for fut in asyncio.as_completed(aws):
        r = await fut
        print("as_completed yielded", r)
        order.append(r)
    print("order:", " ".join(order))


asyncio.run(main())
