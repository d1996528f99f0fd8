#!/usr/bin/env python3
"""compare_twin.py RUNNER NAME: run tests/twins/NAME.py on CPython (virtual
time, see vtime.py) and the C++ twin `RUNNER NAME`; their logs and exit
statuses must be identical. Prints a unified diff when they are not."""
import difflib
import pathlib
import subprocess
import sys

here = pathlib.Path(__file__).resolve().parent
runner, name = sys.argv[1], sys.argv[2]
program = here.parent / "twins" / f"{name}.py"
py = subprocess.run([sys.executable, str(here / "vtime.py"), str(program)], capture_output=True, text=True, timeout=60)
cc = subprocess.run([runner, name], capture_output=True, text=True, timeout=60)
expected, actual = py.stdout.splitlines(), cc.stdout.splitlines()
if expected == actual and py.returncode == cc.returncode:
    print(f"{name}: {len(expected)} lines match CPython")
    sys.exit(0)
print(f"{name}: the C++ twin differs from CPython {sys.version.split()[0]}")
print(f"exit status: CPython {py.returncode}, C++ {cc.returncode}")
sys.stdout.writelines(line + "\n" for line in difflib.unified_diff(expected, actual, "cpython", "loopscope", lineterm=""))
if cc.stderr:
    print("C++ stderr:\n" + cc.stderr)
sys.exit(1)
