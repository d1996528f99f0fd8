#!/usr/bin/env python3
"""A monkey at the window: random clicks, keys, drags and wheel turns for a while, and no crash.

    test_monkey.py LOOPSCOPE --seconds 60 [--seed N] [--size 1280x720] [--font-scale 2] [--theme dark]

Run under xvfb-run. Half the clicks land on controls the layout file lists
(menus and their items, buttons, splitters, the scrub bar), the rest anywhere
in the window; keys are Space, Left, Right, Home, End, +, -, 0, letters,
Escape, Enter, Tab (now and then Ctrl+S or Ctrl+O), held for 10 to 150 ms.
After every input the process must be alive; at the end the window is asked
to close (WM_DELETE_WINDOW) and must exit with status 0. A failure prints the
seed and the last inputs; the same seed replays the same inputs (the
window's timing may still differ).
"""

from __future__ import annotations

import argparse
import collections
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from uidriver import Failure, Window, Workdir, xdotool  # noqa: E402

KEYS = ["space", "Left", "Right", "Home", "End", "plus", "minus", "0", "Escape", "Return", "Tab"]
LETTERS = "abcdefghijklmnopqrstuvwxyz"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("executable")
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--seed", type=int, default=None)
    parser.add_argument("--scenario", default="echo_server")
    parser.add_argument("--size", default="1280x720")
    parser.add_argument("--font-scale", default="2")
    parser.add_argument("--theme", default="dark", choices=["dark", "light"])
    parser.add_argument("--slow", type=float, default=1, help="multiply waits by this (sanitized builds)")
    args = parser.parse_args()
    seed = args.seed if args.seed is not None else random.randrange(1 << 30)
    rng = random.Random(seed)
    width, height = (int(v) for v in args.size.split("x"))
    work = Workdir("loopscope-ui-monkey-")
    recent: collections.deque[str] = collections.deque(maxlen=40)
    counts: collections.Counter[str] = collections.Counter()
    failed = True
    window = None
    try:
        window = Window(args.executable, ["--scenario", args.scenario, "--width", str(width), "--height",
                                          str(height), "--font-scale", args.font_scale, "--theme", args.theme],
                        work.path, name="monkey")
        window.timeout *= args.slow
        w, h = window.size

        def anywhere() -> tuple[int, int]:
            return rng.randrange(w), rng.randrange(h)

        def a_control() -> tuple[str, tuple[int, int]]:
            layout = window.refresh()
            names = [k for k in layout if k.startswith(("button:", "splitter", "scrub", "lane:", "timeline"))]
            if not names:
                return "anywhere", anywhere()
            name = rng.choice(names)
            x0, y0, x1, y1 = layout[name]
            x = rng.uniform(x0, max(x1 - 1, x0)) if rng.random() < 0.3 else (x0 + x1) / 2
            return name, (int(min(max(x, 0), w - 1)), int(min(max((y0 + y1) / 2, 0), h - 1)))

        def hold() -> float:
            return rng.choice([0.01, 0.03, 0.06, 0.1, 0.15]) * args.slow

        start = time.monotonic()
        next_report = start + 10
        while time.monotonic() - start < args.seconds:
            r = rng.random()
            if r < 0.25:
                name, (x, y) = a_control()
                what = f"click {name} at {x},{y}"
                xdotool("mousemove", x, y, "mousedown", 1, "sleep", hold(), "mouseup", 1)
                counts["click on a control"] += 1
            elif r < 0.40:
                x, y = anywhere()
                button = rng.choice([1, 1, 1, 3])
                what = f"click button {button} at {x},{y}"
                xdotool("mousemove", x, y, "mousedown", button, "sleep", hold(), "mouseup", button)
                counts["click anywhere"] += 1
            elif r < 0.45:
                name, (x, y) = a_control() if rng.random() < 0.5 else ("anywhere", anywhere())
                what = f"double click {name} at {x},{y}"
                xdotool("mousemove", x, y, "click", "--repeat", 2, "--delay", 80, 1)
                counts["double click"] += 1
            elif r < 0.72:
                key = rng.choice(KEYS + [rng.choice(LETTERS)] * 3)
                if rng.random() < 0.03:
                    key = rng.choice(["ctrl+s", "ctrl+o"])
                what = f"key {key}"
                xdotool("keydown", key, "sleep", hold(), "keyup", key)
                counts["key"] += 1
            elif r < 0.86:
                name, (x, y) = a_control() if rng.random() < 0.6 else ("anywhere", anywhere())
                ex, ey = (min(max(x + rng.randint(-w // 3, w // 3), 0), w - 1),
                          min(max(y + rng.randint(-h // 3, h // 3), 0), h - 1))
                what = f"drag {name} from {x},{y} to {ex},{ey}"
                xdotool("mousemove", x, y, "mousedown", 1, "sleep", 0.05)
                for i in range(1, 5):
                    xdotool("mousemove", x + (ex - x) * i // 4, y + (ey - y) * i // 4, "sleep", 0.03)
                xdotool("mouseup", 1)
                counts["drag"] += 1
            else:
                x, y = anywhere() if rng.random() < 0.5 else a_control()[1]
                button = rng.choice([4, 5])
                n = rng.randint(1, 4)
                what = f"wheel {'down' if button == 5 else 'up'} x{n} at {x},{y}"
                xdotool("mousemove", x, y)
                for _ in range(n):
                    xdotool("mousedown", button, "sleep", 0.02, "mouseup", button)
                counts["wheel"] += 1
            recent.append(f"{time.monotonic() - start:6.2f} s  {what}")
            window.check_alive()
            if time.monotonic() > next_report:
                print(f"  {time.monotonic() - start:.0f} s: {sum(counts.values())} inputs, alive", flush=True)
                next_report += 10
        # Whatever prompt or menu is open, Escape closes it; then the window must close when asked.
        for _ in range(3):
            xdotool("keydown", "Escape", "sleep", 0.1, "keyup", "Escape")
        window.check_alive()
        code = window.close(timeout=60 * args.slow)
        if code != 0:
            raise Failure(f"the window exited with status {code} when closed; its output ends with:\n"
                          f"{window.log_tail()}")
        print(f"{sum(counts.values())} inputs in {args.seconds:.0f} s ({', '.join(f'{n} {k}' for k, n in counts.items())}),"
              f" seed {seed}: no crash, closed with status 0")
        failed = False
        return 0
    except Failure as e:
        print(f"FAIL: monkey (seed {seed}, {args.scenario} at {args.size}, font {args.font_scale}, "
              f"{args.theme} theme): {e}", file=sys.stderr)
        if recent:
            print("The last inputs:\n  " + "\n  ".join(recent), file=sys.stderr)
        return 1
    finally:
        if window:
            window.kill()
        work.finish(failed)


if __name__ == "__main__":
    sys.exit(main())
