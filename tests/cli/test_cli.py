#!/usr/bin/env python3
"""The command line as a user meets it: bad input gets one line on stderr that
says what and where, exit status 2, nothing on stdout, and no output file.

Usage: test_cli.py LOOPSCOPE"""
import os
import subprocess
import sys
import tempfile

loopscope = sys.argv[1]
failures = 0


def check(args, message, status=2, stdout_empty=True, absent=()):
    """Runs loopscope with args; stderr must be exactly `message` (one line)."""
    global failures
    run = subprocess.run([loopscope, *args], capture_output=True, text=True, timeout=60)
    problems = []
    if run.returncode != status:
        problems.append(f"exit status {run.returncode}, expected {status}")
    if run.stderr != message + "\n":
        problems.append(f"stderr {run.stderr!r}, expected {message + chr(10)!r}")
    if stdout_empty and run.stdout:
        problems.append(f"stdout {run.stdout!r}, expected nothing")
    problems += [f"{path} exists" for path in absent if os.path.exists(path)]
    if problems:
        failures += 1
        print(f"FAIL loopscope {' '.join(args)}:\n  " + "\n  ".join(problems))
    else:
        print(f"ok   loopscope {' '.join(args)}")


with tempfile.TemporaryDirectory() as d:
    good = os.path.join(d, "good.loopscope")
    subprocess.run([loopscope, "run", "countdown", "--trace", good], check=True, capture_output=True)
    data = open(good, "rb").read()
    garbage = os.path.join(d, "garbage.loopscope")
    open(garbage, "wb").write(b"PK\x03\x04 a zip file")
    cut = os.path.join(d, "cut.loopscope")
    open(cut, "wb").write(data[:len(data) - 3])
    newer = os.path.join(d, "newer.loopscope")
    open(newer, "wb").write(data[:8] + bytes([9]) + data[9:])
    out = os.path.join(d, "out.json")
    missing_dir = os.path.join(d, "no", "such", "dir")

    check(["run", "nosuch"], "loopscope: no scenario named 'nosuch' (loopscope list shows them all)")
    check(["run", "countdown", "--param", "n=99"],
          "loopscope: parameter 'n' of scenario 'countdown' must be from 0 to 20; got 99")
    check(["run", "countdown", "--param", "n=abc"],
          "loopscope: parameter 'n' of scenario 'countdown' must be an integer from 0 to 20; got 'abc'")
    check(["run", "countdown", "--param", "x=1"], "loopscope: scenario 'countdown' has no parameter 'x'; it has: n")
    check(["run", "countdown", "--param", "n"], "loopscope: --param 'n': expected NAME=VALUE")
    check(["run", "countdown", "--until", "-1"],
          "--until: expected seconds > 0; got '-1'\nRun with --help for more information.")
    check(["show", garbage], f"loopscope: {garbage}: not a Loopscope trace (wrong magic)")
    check(["show", newer], f"loopscope: {newer}: format version 9 is newer than this Loopscope reads (4)")
    check(["export", cut, "--chrome", out],
          f"loopscope: {cut}: byte {len(data) - 3}: iteration change 7: the file ends inside the iteration (truncated)",
          absent=[out])
    check(["show", os.path.join(missing_dir, "t.loopscope")],
          f"loopscope: {os.path.join(missing_dir, 't.loopscope')}: cannot open: No such file or directory")
    check(["export", good, "--chrome", os.path.join(missing_dir, "t.json")],
          f"loopscope: cannot create {os.path.join(missing_dir, 't.json')}: No such file or directory")
    check(["show", good, "--param", "n=2"],
          f"loopscope: {good}: --param and --until apply to scenarios, not to trace files")

sys.exit(1 if failures else 0)
