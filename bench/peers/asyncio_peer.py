#!/usr/bin/python3
"""Loopscope peer: CPython asyncio / uvloop.

Prints one JSON line per workload:
  switch - 10,000 tasks x 100 `await asyncio.sleep(0)`; ns_per_op = wall / 1,000,000
  spawn  - create_task() 100,000 `noop()` tasks, then one `await gather(*tasks)`;
           ns_per_op = wall / 100,000 (includes creation, run, gather, teardown)
  memory - 100,000 tasks suspended in `await event.wait()` on one shared Event;
           bytes_per_task = tracemalloc traced-memory delta / 100,000
           (rss_bytes_per_task from a separate run without tracemalloc).
Timing workloads: 1 warm-up + 5 reps, median reported. Needs /usr/bin/python3 for uvloop.
"""
import argparse, asyncio, gc, json, os, statistics, time, tracemalloc

SWITCH_TASKS, SWITCH_YIELDS, SPAWN_N, MEM_N, REPS = 10_000, 100, 100_000, 100_000, 5


async def yielder():
    for _ in range(SWITCH_YIELDS):
        await asyncio.sleep(0)


async def noop():
    pass


async def run_switch():
    t0 = time.perf_counter_ns()
    await asyncio.gather(*[asyncio.create_task(yielder()) for _ in range(SWITCH_TASKS)])
    return (time.perf_counter_ns() - t0) / (SWITCH_TASKS * SWITCH_YIELDS)


async def run_spawn():
    t0 = time.perf_counter_ns()
    tasks = [asyncio.create_task(noop()) for _ in range(SPAWN_N)]
    await asyncio.gather(*tasks)
    del tasks
    return (time.perf_counter_ns() - t0) / SPAWN_N


def rss_bytes():
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


async def run_memory(measure, done=lambda: None):
    ev = asyncio.Event()
    gc.collect()
    before = measure()
    tasks = [asyncio.create_task(ev.wait()) for _ in range(MEM_N)]
    await asyncio.sleep(0)  # every task has now run to its first suspension point
    after = measure()
    done()  # lets tracemalloc stop before the (untraced, slow-to-trace) wake-up and teardown
    ev.set()
    await asyncio.gather(*tasks)
    return (after - before) / MEM_N


async def main(peer):
    emit = lambda **kw: print(json.dumps({"peer": peer, **kw}, separators=(",", ":")), flush=True)
    # memory first: RSS only grows cleanly before earlier workloads leave freed arenas behind
    rss = await run_memory(rss_bytes)
    tracemalloc.start()
    traced = await run_memory(lambda: tracemalloc.get_traced_memory()[0], tracemalloc.stop)
    mem = dict(workload="memory", bytes_per_task=round(traced, 1), measure="tracemalloc",
               rss_bytes_per_task=round(rss, 1), tasks=MEM_N)
    for name, fn, ops in (("switch", run_switch, SWITCH_TASKS * SWITCH_YIELDS), ("spawn", run_spawn, SPAWN_N)):
        await fn()  # warm-up
        samples = []
        for _ in range(REPS):
            gc.collect()
            samples.append(round(await fn(), 1))
        emit(workload=name, ns_per_op=statistics.median(samples), ops=ops, samples=samples)
    emit(**mem)


if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    ap.add_argument("--loop", choices=["asyncio", "uvloop"], default="asyncio")
    loop = ap.parse_args().loop
    if loop == "uvloop":
        import uvloop
        factory, peer = uvloop.new_event_loop, "uvloop"
    else:
        factory, peer = asyncio.new_event_loop, "cpython-asyncio"
    with asyncio.Runner(loop_factory=factory) as runner:
        runner.run(main(peer))
