#!/usr/bin/env python3
"""The window remembers its layout: splitters dragged and a panel hidden are as left after a restart.

    test_layout_remembered.py LOOPSCOPE [--slow F]

Run under xvfb-run. With its own HOME and XDG_CONFIG_HOME (the window keeps
$XDG_CONFIG_HOME/loopscope/layout.ini):
  1. drags the border right of the timeline 80 px left and the border under it
     60 px up, hides the Console panel (View menu), closes the window the way
     a window manager does (WM_DELETE_WINDOW): exit status 0;
  2. opens it again: both borders are where they were dropped, no Console;
  3. a window with a fresh HOME has the borders where the first one started;
  4. View -> Reset layout, close, open again: the borders are back at the start.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from uidriver import Failure, Window, Workdir, centre, wait_until  # noqa: E402

ARGS = ["--scenario", "producer_consumer", "--width", "1280", "--height", "720", "--font-scale", "1"]


def borders(w: Window) -> tuple[str, str]:
    """The vertical border right of the timeline and the horizontal one under it."""
    layout = w.refresh()
    timeline = layout["panel:Timeline"]
    splitters = {k: v for k, v in layout.items() if re.fullmatch(r"splitter\d+", k)}
    right = next((k for k, v in splitters.items() if v[2] - v[0] < v[3] - v[1] and abs(centre(v)[0] - timeline[2]) <= 5), None)
    below = next((k for k, v in splitters.items() if v[2] - v[0] > v[3] - v[1] and abs(centre(v)[1] - timeline[3]) <= 5
                  and v[0] <= timeline[0] + 5), None)
    if not right or not below:
        raise Failure(f"no border right of and under the timeline panel {timeline}: splitters {splitters}")
    return right, below


def drag_border(w: Window, name: str, dx: int, dy: int) -> list[float]:
    r = w.rect(name)
    x, y = centre(r)
    axis = 0 if dx else 1
    across = {k: v for k, v in w.layout.items() if re.fullmatch(r"splitter\d+", k) and k != name and
              ((v[2] - v[0]) < (v[3] - v[1])) == (axis == 1)}
    want = r[axis] + (dx or dy)

    def moved_across() -> None:
        w.settle()
        for other, v in across.items():
            now = w.refresh().get(other)
            if now and abs(now[1 - axis] - v[1 - axis]) > 1:
                raise Failure(f"dragging {name} (pressed at {(x, y)}) moved {other}, a border across it, "
                              f"from {v} to {now}")
    try:
        w.drag((x, y), (x + dx, y + dy), follows=lambda l: abs(l.get(name, r)[axis] - want) <= 1)
    except Failure:
        moved_across()
        raise
    if not wait_until(lambda: abs(w.refresh()[name][axis] - want) <= 1, w.timeout):
        raise Failure(f"dragging {name} by {dx or dy} px: it is at {w.layout[name][axis]}, expected {want}")
    moved_across()
    return w.rect(name)


def view_item(w: Window, pattern: str) -> None:
    """Opens the View menu and clicks the item whose label matches `pattern`."""
    w.click("button:View")
    layout = w.wait_layout(lambda l: any(re.search(pattern, k) for k in l if k.startswith("button:")),
                           f"the View menu has no item matching {pattern!r}")
    item = next(k for k in layout if k.startswith("button:") and re.search(pattern, k))
    w.click(item)
    w.settle()


def close(w: Window, step: str) -> None:
    code = w.close()
    if code != 0:
        raise Failure(f"{step}: the window exited with status {code} when closed; its output:\n{w.log_tail()}")


def same(a: list[float], b: list[float]) -> bool:
    return all(abs(p - q) <= 1 for p, q in zip(a, b))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("executable")
    parser.add_argument("--slow", type=float, default=1)
    args = parser.parse_args()
    work = Workdir("loopscope-ui-layout-")
    home = work.path / "home"
    ini = home / ".config" / "loopscope" / "layout.ini"
    failed = True
    w = None
    step = "starting"
    try:
        def start(name: str, home_dir: Path) -> Window:
            window = Window(args.executable, ARGS, work.path, name=name, home=home_dir)
            window.timeout *= args.slow
            window.hold *= args.slow
            return window

        step = "1. dragging two borders and hiding the Console panel"
        w = start("first", home)
        right, below = borders(w)
        at_start = {right: w.rect(right), below: w.rect(below)}
        moved = {right: drag_border(w, right, -80, 0)}
        moved[below] = drag_border(w, below, 0, -60)
        if "panel:Console" not in w.refresh():
            raise Failure("no Console panel at the start")
        view_item(w, r"^button:Console")
        w.wait_layout(lambda l: "panel:Console" not in l, "View -> Console panel did not hide the Console panel")
        moved = {k: w.rect(k) for k in moved}  # hiding a panel may move the other borders; these two stay
        if not wait_until(lambda: ini.exists() and "right_width" in ini.read_text(), w.timeout):
            raise Failure(f"no {ini} with the layout after dragging")
        close(w, step)

        step = "2. opening the window again"
        w = start("second", home)
        for name, rect in moved.items():
            if not same(w.rect(name), rect):
                raise Failure(f"{name} is at {w.rect(name)}, expected {rect} where it was left "
                              f"({ini}:\n{ini.read_text()})")
        if "panel:Console" in w.refresh():
            raise Failure(f"the Console panel hidden before closing is shown again ({ini}:\n{ini.read_text()})")
        print(f"  borders {', '.join(moved)} and the hidden Console panel remembered")

        step = "3. a window with a fresh HOME"
        fresh = start("fresh", work.path / "fresh-home")
        for name, rect in at_start.items():
            if not same(fresh.rect(name), rect):
                raise Failure(f"{name} is at {fresh.rect(name)} with no layout.ini, expected {rect} as at the start")
        close(fresh, step)

        step = "4. View -> Reset layout, close, open again"
        view_item(w, r"^button:Reset layout")
        w.wait_layout(lambda l: "panel:Console" in l, "Reset layout did not show the Console panel again")
        time.sleep(0.2)
        close(w, step)
        w = start("third", home)
        for name, rect in at_start.items():
            if not same(w.rect(name), rect):
                raise Failure(f"{name} is at {w.rect(name)} after Reset layout and a restart, expected {rect}")
        close(w, step)
        print("the layout is remembered across restarts, and Reset layout forgets it")
        failed = False
        return 0
    except Failure as e:
        print(f"FAIL: {step}: {e}", file=sys.stderr)
        return 1
    finally:
        if w:
            w.kill()
        work.finish(failed)


if __name__ == "__main__":
    sys.exit(main())
