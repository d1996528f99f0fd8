# event_broadcast: several tasks wait on one asyncio.Event; set() wakes them all.
import asyncio


async def waiter(name, ev):
    print(name, "waits for the event")  # @waits
    await ev.wait()  # @wait
    print(name, "wakes up")  # @wakes


async def main(n=3, delay=1.0):
    ev = asyncio.Event()
    tasks = []
    for i in range(n):
        tasks.append(asyncio.create_task(waiter(f"waiter{i}", ev)))  # @create
    await asyncio.sleep(delay)  # @sleep
    print("main sets the event")  # @set
    ev.set()
    print("set() returned; no waiter has run yet")  # @after_set
    await asyncio.gather(*tasks)  # @gather
    print("all woke up; is_set() is still", ev.is_set())  # @all_woke
    await waiter("latecomer", ev)  # @late


if __name__ == "__main__":
    asyncio.run(main())
