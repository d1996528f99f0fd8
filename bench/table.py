#!/usr/bin/env python3
"""Turns the JSON lines of bench/run.sh into a table of medians and ratios."""
import json
import sys

rows = [json.loads(line) for line in open(sys.argv[1]) if line.startswith("{")]
by = {(r["peer"], r["workload"]): r for r in rows}
ours = {w: by[("loopscope", w)] for w in ("switch", "spawn", "memory")}
print(f"{'workload':<10} {'peer':<20} {'median':>12}  {'peer / loopscope':>16}")
for workload, unit, key in (("switch", "ns/op", "ns_per_op"), ("spawn", "ns/task", "ns_per_op"),
                            ("memory", "B/task", "bytes_per_task")):
    base = ours[workload][key]
    for (peer, w), r in by.items():
        if w != workload:
            continue
        print(f"{workload:<10} {peer:<20} {r[key]:>9.1f} {unit:<7} {r[key] / base:>10.1f}x")
rec = by.get(("loopscope+recorder", "switch"))
if rec:
    print(f"\nrecording instrument slows switch by {rec['ns_per_op'] / ours['switch']['ns_per_op']:.2f}x")
