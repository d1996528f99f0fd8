import asyncio

# Virtual time is a float advanced by `clock += timeout`, so 0.1 steps
# drift: 0.1 + 0.2 != 0.3. Timers compare exact floats, and a timer is due
# when `when < time() + 1e-09` (the clock resolution).


async def stepper(name, step, n):
    loop = asyncio.get_running_loop()
    for _ in range(n):
        await asyncio.sleep(step)
    print(name, "finished, exact time", f"{loop.time():.17g}")


async def direct(name, delay):
    loop = asyncio.get_running_loop()
    await asyncio.sleep(delay)
    print(name, "finished, exact time", f"{loop.time():.17g}")


async def main():
    await asyncio.gather(
        direct("d0.3", 0.3),
        stepper("s0.1x3", 0.1, 3),
        direct("d1.0", 1.0),
        stepper("s0.1x10", 0.1, 10),
        stepper("s0.25x4", 0.25, 4),
    )
    loop = asyncio.get_running_loop()
    print("end, exact time", f"{loop.time():.17g}")


asyncio.run(main())
