#!/usr/bin/env python3
"""Turns the JSON lines of bench/run.sh into a table of medians and ratios."""
import json
import sys

rows = [json.loads(line) for line in open(sys.argv[1]) if line.startswith("{")]
by = {(r["peer"], r["workload"]): r for r in rows if "peer" in r}
ours = {w: by[("loopscope", w)] for w in ("switch", "spawn", "memory")}
print(f"{'workload':<14} {'peer':<20} {'median':>12}  {'peer / loopscope':>16}")
for workload, unit, key in (("switch", "ns/op", "ns_per_op"), ("spawn", "ns/task", "ns_per_op"),
                            ("memory", "B/task", "bytes_per_task")):
    base = ours[workload][key]
    for (peer, w), r in by.items():
        if w != workload:
            continue
        print(f"{workload:<14} {peer:<20} {r[key]:>9.1f} {unit:<7} {r[key] / base:>10.1f}x")
on_future = by.get(("loopscope", "memory_future"))
if on_future:
    print(f"{'memory_future':<14} {'loopscope':<20} {on_future['bytes_per_task']:>9.1f} B/task"
          "   (suspended directly on a future)")
for peer, label in (("loopscope+recorder", "warm buffer"), ("loopscope+recorder-cold", "fresh buffer each run")):
    rec = by.get((peer, "switch"))
    if rec:
        print(f"recording instrument ({label}) slows switch by "
              f"{rec['ns_per_op'] / ours['switch']['ns_per_op']:.2f}x")
for r in rows:
    if r.get("sim") == "recorder":
        print(f"recorder: {r['ns_per_event']:.1f} ns and {r['bytes_per_event']:.1f} B of memory per event "
              f"({r['events']} events)")
    elif r.get("sim") == "file":
        print(f"trace file: {r['bytes_per_event']:.2f} B per event, encode {r['encode_ms']:.0f} ms, "
              f"decode {r['decode_ms']:.0f} ms ({r['events']} events)")
    elif r.get("sim") == "playback":
        print(f"playback of {r['events']} events: built in {r['build_ms']:.0f} ms; random access median "
              f"{r['random_access_us_median']:.0f} us, p99 {r['random_access_us_p99']:.0f} us, "
              f"max {r['random_access_us_max']:.0f} us")
    elif r.get("ui") == "load":
        print(f"window: loads {r['events']} events / {r['tasks']} tasks in {r['load_ms']:.0f} ms")
    elif r.get("ui") == "frame":
        print(f"window frame CPU, {r['view']}: median {r['cpu_ms_median']:.2f} ms, max {r['cpu_ms_max']:.2f} ms")
    elif r.get("ui") == "rerun":
        print(f"re-run after an edit, {r['program']} ({r['events']} events): shown in median {r['ms_median']:.0f} ms, "
              f"max {r['ms_max']:.0f} ms (target: 300 ms)")
