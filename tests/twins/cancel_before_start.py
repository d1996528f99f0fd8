import asyncio


async def work():
    print("work body started")  # never printed
    try:
        await asyncio.sleep(1)
    finally:
        print("work finally")  # never printed either
    return "result"


async def main():
    t = asyncio.create_task(work())
    print("cancel returned", t.cancel())
    print("done", t.done(), "cancelled", t.cancelled())
    try:
        await t
    except asyncio.CancelledError as e:
        print("await raised", type(e).__name__)
    print("done", t.done(), "cancelled", t.cancelled())
    print("cancel again returned", t.cancel())


asyncio.run(main())
