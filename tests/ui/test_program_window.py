#!/usr/bin/env python3
"""A Python program in the live window: it runs in a child while the window stays responsive.

    test_program_window.py LOOPSCOPE LESSONS_DIR [--slow F]

Run under xvfb-run, at 1280x720 with the font at 2x:
  1. opens spin.py (a coroutine that computes for a while between its
     yields, so it runs until stopped, within every budget, even under the
     sanitizers): while its child runs the window says "Running spin.py" with
     a Stop button, and answers input (the View menu opens and closes);
  2. Stop: the row goes, the child process is gone, the window still shows
     the scenario it had;
  3. File -> Open a program that crashes (a segfault through ctypes): the
     error names the signal, the window stays up, OK closes the error;
  4. File -> Open count_three.py: its own listing is in the Source panel with
     no C++ tab, and its name is in the menu bar.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from uidriver import Failure, Session, Window, wait_until  # noqa: E402


def children(w: Window) -> list[str]:
    """The loopscope-python processes the window started and has not reaped."""
    found = subprocess.run(["pgrep", "-P", str(w.proc.pid), "-a"], capture_output=True, text=True).stdout
    return [line for line in found.splitlines() if "loopscope-python" in line]


def open_file(w: Window, path: Path) -> None:
    """File -> Open trace or program..., the path typed, Return."""
    w.click("button:File")
    w.wait_layout(lambda l: any(k.startswith("button:Open") for k in l), "the File menu has no Open item")
    w.click(next(k for k in w.layout if k.startswith("button:Open")))
    w.settle()
    w.key("ctrl+a")
    w.type(str(path))
    w.key("Return")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("executable")
    parser.add_argument("lessons", type=Path)
    parser.add_argument("--slow", type=float, default=1)
    args = parser.parse_args()
    return Session("loopscope-ui-program-").run(lambda s: run_programs(s, args))


def run_programs(s: Session, args: argparse.Namespace) -> None:
    spin = s.work.path / "spin.py"
    spin.write_text("import asyncio\n\nasync def spin():\n    while True:\n        for _ in range(10**6):\n"
                    "            pass\n        await asyncio.sleep(0)\n\nasyncio.run(spin())\n")
    crash = s.work.path / "crash.py"
    crash.write_text("import ctypes\nctypes.string_at(0)\n")
    s.step = "1. spin.py running"
    s.window = w = Window(args.executable, [str(spin), "--width", "1280", "--height", "720", "--font-scale", "2"],
                          s.work.path, name="program")
    w.timeout *= args.slow
    w.hold *= args.slow
    w.wait_layout(lambda l: "program_running" in l and "button:Stop" in l,
                  "no 'Running spin.py' row with a Stop button while the program runs")
    if not children(w):
        raise Failure("the window shows the program running but has no loopscope-python child")
    w.click("button:View")
    w.wait_layout(lambda l: "button:Reset layout" in l, "the View menu did not open while the program runs")
    w.click("button:View")
    w.wait_layout(lambda l: "button:Reset layout" not in l, "the View menu did not close when its title was clicked")
    w.wait_layout(lambda l: "program_running" in l, "the 'Running' row went while the program still runs")

    s.step = "2. Stop"
    w.click("button:Stop")
    w.wait_layout(lambda l: "program_running" not in l, "the 'Running' row is still there after Stop")
    if not wait_until(lambda: not children(w), w.timeout):
        raise Failure(f"the child still runs after Stop: {children(w)}")
    if "program_error" in w.layout or "error_popup" in w.layout:
        raise Failure("Stop shows an error; it should leave the run shown before as it was")

    s.step = "3. a program that crashes"
    open_file(w, crash)
    w.wait_layout(lambda l: "error_popup" in l, "no error after the program crashed")
    w.settle()
    w.check_alive()
    w.key("Return")
    w.wait_layout(lambda l: "error_popup" not in l, "the error did not close with Return")

    s.step = "4. count_three.py"
    open_file(w, args.lessons / "count_three.py")
    w.wait_layout(lambda l: "code:python:1" in l and "program_running" not in l,
                  "count_three.py's listing is not in the Source panel")
    if any(k.startswith("button:C++") for k in w.layout):
        raise Failure("a program's Source panel has a C++ tab")
    code = w.close()
    if code != 0:
        raise Failure(f"the window exited with status {code} when closed:\n{w.log_tail()}")
    print("ok: a program runs in a child while the window answers, Stop ends it, a crash is reported, "
          "a program's listing is shown")


if __name__ == "__main__":
    sys.exit(main())
