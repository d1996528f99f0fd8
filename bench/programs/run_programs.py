#!/usr/bin/python3
"""Times whole Python programs, start to exit, under Loopscope and its peers.

Usage: bench/programs/run_programs.py [LOOPSCOPE]   (default build/release/loopscope)

For each program here (hello, sleep0, sleep1ms), each runner:
  loopscope+trace  `loopscope run P.py --trace FILE` (recording on)
  loopscope        `loopscope run P.py` (recording off)
  cpython-vtime    tests/cpython/vtime.py: CPython's own SelectorEventLoop, virtual time
  cpython-vtime-so the same on Debian's shared libpython3.11.so (pymain.c)
  uvloop           uvloop_run.py: uvloop's loop, on real time
1 warm-up + 5 runs each, runners interleaved run by run so that a change in
the machine's load hits them alike. Wall time is what the targets are about;
CPU time (user + sys of the process tree) is less sensitive to other load.
Prints one JSON line per program x runner on stderr, then a table of medians
and ratios vs cpython-vtime on stdout.
"""
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
PY = "/usr/bin/python3.11"  # Debian's CPython: the one Loopscope embeds, with python3-uvloop
PROGRAMS = ("hello", "sleep0", "sleep1ms")
REPS = 5


def runners(loopscope, tmp):
    vtime = os.path.join(ROOT, "tests", "cpython", "vtime.py")
    pymain = os.path.join(tmp, "pymain")
    flags = subprocess.run([PY + "-config", "--includes"], capture_output=True, text=True, check=True).stdout.split()
    subprocess.run(["gcc", "-O2", "-o", pymain, os.path.join(HERE, "pymain.c"), *flags, "-lpython3.11"], check=True)
    trace = os.path.join(tmp, "x.loopscope")
    return {
        "loopscope+trace": lambda p: [loopscope, "run", p, "--trace", trace],
        "loopscope": lambda p: [loopscope, "run", p],
        "cpython-vtime": lambda p: [PY, vtime, p],
        "cpython-vtime-so": lambda p: [pymain, vtime, p],
        "uvloop": lambda p: [PY, os.path.join(HERE, "uvloop_run.py"), p],
    }


def cpu_seconds():
    r = resource.getrusage(resource.RUSAGE_CHILDREN)  # every waited-for descendant: loopscope's child too
    return r.ru_utime + r.ru_stime


def timed(argv):
    """(wall ms, CPU ms) of one run."""
    cpu0, t0 = cpu_seconds(), time.perf_counter()
    r = subprocess.run(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    wall, cpu = time.perf_counter() - t0, cpu_seconds() - cpu0
    if r.returncode != 0 or not r.stdout.strip():
        sys.exit(f"{' '.join(argv)}: exit status {r.returncode}\n{r.stdout}{r.stderr}")
    return wall * 1e3, cpu * 1e3


def main():
    loopscope = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "build/release/loopscope"))
    medians = {}
    with tempfile.TemporaryDirectory() as tmp:
        commands = runners(loopscope, tmp)
        for program in PROGRAMS:
            path = os.path.join(HERE, program + ".py")
            samples = {name: [] for name in commands}
            for rep in range(REPS + 1):
                for name, argv in commands.items():
                    wall, cpu = timed(argv(path))
                    if rep:  # rep 0 is the warm-up (page cache)
                        samples[name].append((round(wall, 1), round(cpu, 1)))
            for name, s in samples.items():
                wall, cpu = (statistics.median(x) for x in zip(*s))
                medians[program, name] = wall, cpu
                print(json.dumps({"program": program, "runner": name, "wall_ms": wall, "cpu_ms": cpu,
                                  "samples_wall_cpu_ms": s}), file=sys.stderr, flush=True)
    print(f"{'program':<9} {'runner':<17} {'wall ms':>8} {'/ cpython':>9} {'cpu ms':>8} {'/ cpython':>9}")
    for program in PROGRAMS:
        base_wall, base_cpu = medians[program, "cpython-vtime"]
        for name in commands:
            wall, cpu = medians[program, name]
            print(f"{program:<9} {name:<17} {wall:>8.1f} {wall / base_wall:>8.2f}x {cpu:>8.1f} {cpu / base_cpu:>8.2f}x")


if __name__ == "__main__":
    main()
