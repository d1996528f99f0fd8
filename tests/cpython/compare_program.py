#!/usr/bin/env python3
"""compare_program.py REFERENCE_PYTHON LOOPSCOPE PROGRAM.py [--plain]: run the
unchanged asyncio program on CPython with a virtual clock (vtime.py, on
REFERENCE_PYTHON: the build whose libpython Loopscope embeds) and
`LOOPSCOPE run PROGRAM.py --log`. Their stdout and exit status must be
identical, and their stderr too once each harness's own frames (vtime.py's
`main` and the runpy it runs the program with, Loopscope's driver) are taken
out of tracebacks.

In that mode the program also runs recorded (`--log --trace FILE`): it must
print exactly the same (recording does not change the program), and
`LOOPSCOPE show FILE` must show the trace, with a lane per task.

With --plain the program runs as `REFERENCE_PYTHON PROGRAM.py` (real time)
and as `LOOPSCOPE run PROGRAM.py`: stdout, stderr and status must be identical.
Prints a unified diff when they are not."""
import difflib
import pathlib
import re
import subprocess
import sys
import tempfile

here = pathlib.Path(__file__).resolve().parent
reference, loopscope, program = sys.argv[1], sys.argv[2], sys.argv[3]
plain = "--plain" in sys.argv[4:]
name = pathlib.Path(program).name
if plain:
    ref_cmd, ours_cmd = [reference, program], [loopscope, "run", program]
else:
    ref_cmd, ours_cmd = [reference, str(here / "vtime.py"), program], [loopscope, "run", program, "--log"]
py = subprocess.run(ref_cmd, capture_output=True, text=True, timeout=120)
ours = subprocess.run(ours_cmd, capture_output=True, text=True, timeout=120)

# A traceback frame of a harness: `  File "<harness>", line N, in main` and, for
# a file on disk, the source line under it.
harness_frame = re.compile(r'  File "(?:[^"]*/vtime\.py|<loopscope>/[^"]*|<frozen runpy>)", line \d+, in \w+\n(?:    .*\n)?')


def without_harness(text):
    return harness_frame.sub("", text)


failures = []
if py.returncode != ours.returncode:
    failures.append(f"exit status: CPython {py.returncode}, loopscope {ours.returncode}")
for what, expected, actual in (("stdout", py.stdout, ours.stdout),
                               ("stderr", without_harness(py.stderr), without_harness(ours.stderr))):
    if expected != actual:
        failures.append(f"{what} differs:")
        failures.extend(difflib.unified_diff(expected.splitlines(), actual.splitlines(), "cpython", "loopscope",
                                             lineterm=""))
if not plain:
    with tempfile.TemporaryDirectory() as d:
        trace = pathlib.Path(d) / "run.loopscope"
        recorded = subprocess.run(ours_cmd + ["--trace", str(trace)], capture_output=True, text=True, timeout=120)
        if (recorded.stdout, recorded.stderr, recorded.returncode) != (ours.stdout, ours.stderr, ours.returncode):
            failures.append("recording changed what the program printed:")
            failures.extend(difflib.unified_diff((ours.stdout + ours.stderr).splitlines(),
                                                 (recorded.stdout + recorded.stderr).splitlines(), "unrecorded",
                                                 "recorded", lineterm=""))
        shown = subprocess.run([loopscope, "show", str(trace)], capture_output=True, text=True, timeout=120)
        if shown.returncode != 0 or "Task-1 " not in shown.stdout:
            failures.append(f"loopscope show of the trace: status {shown.returncode}\n{shown.stdout}{shown.stderr}")
mode = "plain" if plain else "log"
if not failures:
    print(f"{name} ({mode}): {len(py.stdout.splitlines())} lines and status {py.returncode} match CPython")
    sys.exit(0)
version = subprocess.run([reference, "-c", "import sys; print(sys.version.split()[0])"], capture_output=True,
                         text=True).stdout.strip()
print(f"{name} ({mode}): loopscope differs from CPython {version}")
print("\n".join(failures))
sys.exit(1)
