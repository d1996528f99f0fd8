import asyncio


async def background():
    i = 0
    try:
        while True:
            await asyncio.sleep(1)
            i += 1
            print("background tick", i)
    except asyncio.CancelledError:
        print("background: cancelled by asyncio.run cleanup")
        await asyncio.sleep(0.5)
        print("background: cleanup finished")
        raise
    finally:
        print("background: finally")


async def late_starter():
    # Created right before main returns: its first step was queued before
    # the "stop" callback, so it still runs (and finishes) in the final
    # iteration, before asyncio.run starts cancelling.
    print("late starter runs its first step")


async def main():
    asyncio.create_task(background())
    await asyncio.sleep(2.5)
    asyncio.create_task(late_starter())
    print("main returns")
    return "main result"


# Only one leftover task prints: asyncio.run cancels leftovers in the
# iteration order of a set of tasks, which is hash-dependent.
r = asyncio.run(main())
print("asyncio.run returned", r)
