#!/usr/bin/env python3
"""compare_scenario.py LOOPSCOPE ID [NAME=VALUE ...]: run the scenario's Python
listing (assets/scenarios/ID.py) on CPython with a virtual clock and
`LOOPSCOPE run ID --param NAME=VALUE ... --log`; the logs must be identical.
Without parameters the listing runs unchanged, as `python3 ID.py` would run it."""
import difflib
import pathlib
import subprocess
import sys

here = pathlib.Path(__file__).resolve().parent
loopscope, scenario, params = sys.argv[1], sys.argv[2], sys.argv[3:]
listing = here.parent.parent / "assets" / "scenarios" / f"{scenario}.py"
python_cmd = [sys.executable, str(here / "vtime.py")] + (["--main", str(listing)] + params if params else [str(listing)])
ours_cmd = [loopscope, "run", scenario, "--log"] + [arg for p in params for arg in ("--param", p)]
py = subprocess.run(python_cmd, capture_output=True, text=True, timeout=120)
ours = subprocess.run(ours_cmd, capture_output=True, text=True, timeout=120)
label = " ".join([scenario] + params)
if py.returncode not in (0, 1, 3):
    print(f"{label}: the Python listing failed to run (exit {py.returncode}):\n{py.stderr}")
    sys.exit(1)
if ours.returncode != 0:
    print(f"{label}: loopscope exited with {ours.returncode}:\n{ours.stderr}")
    sys.exit(1)
expected, actual = py.stdout.splitlines(), ours.stdout.splitlines()
if expected == actual:
    print(f"{label}: {len(expected)} lines match CPython")
    sys.exit(0)
print(f"{label}: loopscope's log differs from CPython {sys.version.split()[0]}'s")
sys.stdout.writelines(line + "\n" for line in difflib.unified_diff(expected, actual, "cpython", "loopscope", lineterm=""))
sys.exit(1)
