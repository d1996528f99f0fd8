import asyncio


def show(label, t):
    print(label, "done", t.done(), "cancelled", t.cancelled())
    for meth in ("result", "exception"):
        try:
            v = getattr(t, meth)()
            if isinstance(v, BaseException):
                v = type(v).__name__ + ": " + str(v)
            print(f"  {meth}() -> {v}")
        except BaseException as e:
            msg = f"  {meth}() raises {type(e).__name__}"
            print(msg + (": " + str(e) if str(e) else ""))


async def succeed():
    await asyncio.sleep(1)
    return 7


async def fail():
    await asyncio.sleep(1)
    raise RuntimeError("it failed")


async def main():
    ok = asyncio.create_task(succeed())
    show("scheduled:", ok)
    await asyncio.sleep(0.5)
    show("sleeping:", ok)
    bad = asyncio.create_task(fail())
    gone = asyncio.create_task(succeed())
    await asyncio.sleep(0.5)
    print("cancel ->", gone.cancel(), "; twice ->", gone.cancel())
    await asyncio.sleep(1)
    show("finished:", ok)
    show("failed:", bad)
    show("cancelled:", gone)
    print("cancel done ->", ok.cancel(), bad.cancel(), gone.cancel())


asyncio.run(main())
