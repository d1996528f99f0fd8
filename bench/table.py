#!/usr/bin/env python3
"""Turns the JSON lines of bench/run.sh into a table of medians and ratios."""
import json
import sys

rows = [json.loads(line) for line in open(sys.argv[1]) if line.startswith("{")]
by = {(r["peer"], r["workload"]): r for r in rows}
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
