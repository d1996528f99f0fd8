#!/usr/bin/env python3
"""Clicks every button of every panel of the live window, the way a person would.

    test_every_button.py LOOPSCOPE --size 1280x720 --font-scale 2 --theme dark SCENARIO...

For each scenario a fresh window (its own HOME) under the X server of
$DISPLAY (run it inside xvfb-run), driven with xdotool, checked after every
input: the process is alive and the screen or the layout changed where a
change is expected:
  - transport: " > " and Right advance the readout, " < " and Left bring it back,
    ">|"/End and "|<"/Home go to the ends, Play turns into Pause and the
    readout moves, Space does the same; +, - zoom the timeline and 0 fits it;
  - the what-if sweep: the playhead walks the whole run with " > " and every
    row's "cancel here" is clicked at the first event its task is live; each
    makes "Clear what-if" appear in the menu bar, which then puts the run and
    the readout back;
  - every menu and every item in it: the toggles in View change the screen and
    a second click restores it exactly; File's items open a path prompt:
    Escape closes it, a typed path and Enter writes the file; the Scenario
    menu switches to each scenario (once per window size);
  - each splitter dragged moves the panels, each panel's tab shows it, the
    wheel over the timeline zooms, a drag on the scrub bar seeks;
  - then every control the layout lists that was not clicked yet.
Finally the window is closed (WM_DELETE_WINDOW) and must exit with status 0.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
import traceback
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from uidriver import Failure, Image, Window, Workdir, centre, wait_until, xdotool  # noqa: E402

DEFECTS: dict[str, str] = {}  # what went wrong but let the run go on -> where it was first seen
TRANSPORT = {"button:|<", "button:<", "button:>", "button:>|", "button:Play", "button:Pause"}
# View items that are on/off switches: a click changes the screen, a second one puts it back.
TOGGLES = re.compile(r"Dark theme|Colour-blind|Reveal|Arrows|explanation|watch for|panel$", re.I)


def similar(a: Image, b: Image) -> bool:
    """Equal, or different in less than 5 % of the pixels (a title bar or a hover highlight, not a panel)."""
    return a == b or (a.changed_fraction(b) < 0.1 and a.differing_pixels(b) < 0.05 * a.width * a.height)


def task_of(name: str) -> int | None:
    m = re.fullmatch(r"button:.*:(\d+)", name)
    return int(m.group(1)) if m else None


class Session:
    def __init__(self, args: argparse.Namespace, scenario: str, work: Path, index: int) -> None:
        self.args = args
        self.scenario = scenario
        self.work = work
        self.where = f"{scenario} at {args.size}, font {args.font_scale}, {args.theme} theme"
        self.shots = Path(args.shots) if args.shots else None
        width, height = args.size.split("x")
        self.width, self.height = int(width), int(height)
        self.w = Window(args.executable, ["--scenario", scenario, "--width", width, "--height", height,
                                          "--font-scale", str(args.font_scale), "--theme", args.theme],
                        work, name=f"{index}-{scenario}")
        self.clicked: set[str] = set()  # layout names with the task id cut off ("button:cancel here")
        self.seen: set[str] = set()
        self.index = index
        self.action = "starting"
        self.menu_bar_y()
        self.settle_timeout = 3.0 * args.slow
        self.w.timeout *= args.slow
        self.w.hold *= args.slow

    # -- helpers -----------------------------------------------------------------

    def fail(self, message: str) -> None:
        raise Failure(message)

    def buttons(self) -> list[str]:
        names = [k for k in self.w.refresh() if k.startswith("button:")]
        self.seen.update(self.generic(k) for k in names)
        return names

    @staticmethod
    def generic(name: str) -> str:
        return re.sub(r":\d+$", "", name)

    def menu_bar_y(self) -> float:
        """The middle of the menu bar, as the closed File menu's title showed it at the start (an open menu's
        title is listed with another rectangle)."""
        if not hasattr(self, "_file"):
            self._file = self.w.rect("button:File")
        return centre(self._file)[1]

    def park(self) -> None:
        """The pointer where it hovers nothing: the far right of the menu bar."""
        self.w.move(self.w.size[0] - 3, self.menu_bar_y())

    def quiet_screen(self) -> Image:
        """The whole window once it has stopped changing, the pointer parked."""
        self.park()
        self.w.settle()
        last = self.w.grab()
        for _ in range(50):
            time.sleep(0.05)
            now = self.w.grab()
            if now == last:
                return now
            last = now
        return last

    def click(self, name: str, expect: str | None = None) -> None:
        """Clicks `name`; `expect` names what should follow, for the failure message."""
        self.action = f"clicking {name!r}" + (f" (expected: {expect})" if expect else "")
        self.w.click(name)
        self.clicked.add(self.generic(name))
        self.w.check_alive()

    def readout(self) -> Image:
        return self.w.grab("readout")

    def nudge(self) -> None:
        """Moves the pointer by a pixel: an input event, nothing more."""
        self.w.move(self.w.size[0] - 4, self.menu_bar_y())
        self.park()

    def expect(self, condition, what: str) -> None:
        """Waits for `condition()`; `what` is the sentence of the failure: "the readout did not change".

        A window that shows the change only once the pointer moves again went idle one frame too early:
        that is recorded as a defect (the test fails at the end) and the run goes on."""
        if wait_until(lambda: self.w.check_alive() and condition(), self.settle_timeout, 0.03):
            return
        self.nudge()
        if wait_until(lambda: self.w.check_alive() and condition(), self.w.timeout, 0.03):
            DEFECTS.setdefault(f"after {self.action}, the window showed the change only once the pointer moved "
                               f"again (it went idle one frame too early); until then: {what}", self.where)
            return
        self.fail(f"after {self.action}: {what} (waited {self.settle_timeout + self.w.timeout:.0f} s, "
                  f"and moved the pointer)")

    def wait_readout(self, condition, what: str) -> Image:
        """Waits for the readout's pixels to satisfy `condition`; returns them once they stay still."""
        self.expect(lambda: condition(self.readout()), what)
        return self.still_readout()

    def still_readout(self) -> Image:
        """The readout once the layout and its pixels stopped changing (the file is written before the
        frame is shown: right after a change the new rectangle can frame the old pixels)."""
        self.w.settle(0.1)
        last = self.readout()
        for _ in range(40):
            time.sleep(0.05)
            now = self.readout()
            if now == last:
                return now
            last = now
        return last

    def wait_layout(self, condition, what: str) -> dict:
        self.expect(lambda: condition(self.w.refresh()), what)
        return self.w.layout

    def press(self, key: str, until=None, what: str = "") -> None:
        """Presses `key` the way a finger does, then waits for `until()`, if given.

        The key stays down until the window reacted, for at most a quarter of a second (ImGui repeats a
        key held longer): ImGui 1.86 reads the keys' state once a frame, and loses a press and release
        that fall between two frames, which a loaded machine's frames can be longer than."""
        self.action = f"pressing {key}" + (f" (expected: {what})" if what else "")
        self.w.check_alive()
        xdotool("keydown", key)
        try:
            wait_until(lambda: self.w.check_alive() and until and until(), max(self.w.hold, 0.25), 0.01)
            if not until:
                time.sleep(self.w.hold)
        finally:
            xdotool("keyup", key)
        self.w.check_alive()
        if until:
            self.expect(until, what or "nothing happened")

    def shot(self, label: str) -> None:
        if self.shots:
            self.park()
            self.w.settle()
            self.w.save_screenshot(self.shots / f"{self.index}-{self.scenario}-{self.args.size}-f{self.args.font_scale}"
                                                f"-{self.args.theme}-{label}.png")

    def show_tab(self, panel: str) -> None:
        """Where panels share a place as tabs, brings `panel`'s forward."""
        tab = f"button:{panel}"
        if tab in self.w.refresh():
            self.click(tab, f"the {panel} panel in front")
            self.w.settle()

    def open_menu(self, menu: str, item: str | None = None) -> dict:
        """Clicks the menu's title and waits for its items (`item`, if given, among them) to stay put."""
        before = set(self.buttons())
        self.click(menu, f"the {menu[7:]} menu opens")
        if item:
            self.wait_layout(lambda l: item in l, f"no {item!r} in the open menu")
        else:
            self.wait_layout(lambda l: set(k for k in l if k.startswith("button:")) - before, "no menu item appeared")
        self.w.settle()  # a popup's first frame only measures it: its items move once
        self.menu_items = {k for k in self.w.layout if k.startswith("button:")} - before
        return self.w.layout

    def close_menus(self) -> None:
        """A click on the empty end of the menu bar closes an open menu (Escape does not: no keyboard nav)."""
        items = getattr(self, "menu_items", set())
        self.action = "clicking the empty end of the menu bar (to close the menu)"
        self.w.click_at(self.w.size[0] - 3, self.menu_bar_y())
        self.wait_layout(lambda l: not (items & set(l)), "the open menu did not close")
        self.w.settle()

    # -- transport -----------------------------------------------------------------

    def check_transport(self) -> None:
        self.park()
        start = self.still_readout()
        self.click("button:>", "the readout advances by one event")
        one = self.wait_readout(lambda im: im != start, "the readout did not change")
        self.click("button:<", "the readout goes back to event 0")
        self.wait_readout(lambda im: im == start, "the readout is not back at event 0")
        self.click("button:>|", "the readout jumps to the last event")
        end = self.wait_readout(lambda im: im not in (start, one), "the readout did not change")
        self.click("button:|<", "the readout goes back to event 0")
        self.wait_readout(lambda im: im == start, "the readout is not back at event 0")
        self.click("button:Play", "Play turns into Pause and the readout moves")
        self.wait_layout(lambda l: "button:Pause" in l and "button:Play" not in l,
                           f"no Pause button in place of Play")
        self.wait_readout(lambda im: im != start, "the readout does not move while playing")
        self.shot("playing")
        self.click("button:Pause", "Pause turns back into Play and the readout stops")
        self.wait_layout(lambda l: "button:Play" in l, f"no Play button in place of Pause")
        held = self.still_readout()
        time.sleep(0.6)  # a paused window does not move: a second is one event at the slowest speed
        if self.readout() != held:
            self.fail(f"after {self.action}: the readout still moves after Pause")
        self.click("button:|<", "back to event 0")
        self.wait_readout(lambda im: im == start, "the readout is not back at event 0")
        self.start, self.end = start, end

    def check_keys(self) -> None:
        start, end = self.start, self.end
        self.park()
        self.w.settle()
        self.press("Right", lambda: self.readout() != start, "the readout advances")
        self.press("Left", lambda: self.readout() == start, "the readout goes back to event 0")
        self.press("End", lambda: self.readout() == end, "the readout shows the last event")
        self.press("Home", lambda: self.readout() == start, "the readout shows event 0")
        self.press("space", lambda: "button:Pause" in self.w.refresh(), "Space plays (Pause button)")
        self.press("space", lambda: "button:Play" in self.w.refresh(), "Space pauses (Play button)")
        self.press("Home", lambda: self.readout() == start, "the readout shows event 0")
        # Zoom: the timeline's drawing changes, and 0 fits it again as it was.
        self.park()
        self.w.settle()
        fitted = self.w.grab("timeline")
        self.press("plus", lambda: self.w.grab("timeline") != fitted, "+ zooms the timeline in")
        self.press("minus", lambda: True)
        self.press("minus", lambda: True)
        self.press("0", lambda: self.w.grab("timeline") == fitted, "0 fits the timeline as it was at the start")

    # -- what-if -----------------------------------------------------------------------

    def check_every_what_if(self) -> None:
        """Walks the run with " > "; at the first event each task is live, clicks its row's "cancel here"."""
        self.show_tab("Tasks")
        self.click("button:|<", "event 0")
        self.w.settle()
        tested: set[int] = set()
        steps = 0
        first_shot = True
        while True:
            self.w.settle(0.05)
            for name in sorted(k for k in self.buttons() if k.startswith("button:cancel here:")):
                task = task_of(name)
                if task in tested:
                    continue
                tested.add(task)
                self.park()
                before = self.still_readout()
                self.click(name, '"Clear what-if" appears in the menu bar')
                self.wait_layout(lambda l: "button:Clear what-if" in l,
                                   f"at step {steps}: no \"Clear what-if\" in the menu bar")
                if first_shot:
                    self.shot(f"what-if-task{task}")
                    first_shot = False
                self.click("button:Clear what-if", "the what-if is gone and the readout is as before")
                self.wait_layout(lambda l: "button:Clear what-if" not in l,
                                   f"\"Clear what-if\" is still there")
                self.park()
                self.wait_readout(lambda im: im == before, "the readout is not what it was before the what-if")
            before = self.still_readout()
            if before == self.end:
                break
            self.click("button:>", "the next event")
            self.wait_readout(lambda im: im != before, f"the readout did not move at step {steps}")
            steps += 1
        lanes = {int(k.split(":")[1]) for k in self.w.refresh() if re.fullmatch(r"lane:\d+", k)}
        if not tested:
            self.fail("no row of the Tasks panel ever had a \"cancel here\" button in the whole run")
        missing = lanes - tested
        if missing:
            self.fail(f"tasks {sorted(missing)} have lanes but their row never offered \"cancel here\" "
                      f"(rows shown: {sorted(tested)}; the Tasks table may be too short to show them)")
        print(f"  {self.where}: what-if on every row: tasks {sorted(tested)}, {steps} steps")
        self.click("button:|<", "event 0")

    # -- menus -----------------------------------------------------------------------------

    def menus(self) -> list[str]:
        y = self.menu_bar_y()
        file = self._file
        return [k for k in self.buttons() if abs(centre(self.w.layout[k])[1] - y) < 2 and
                self.w.layout[k][1] >= file[1] - 1 and self.w.layout[k][3] <= file[3] + 1 and
                k != "button:Clear what-if"]

    def check_menus(self, scenarios_too: bool) -> None:
        for menu in sorted(self.menus(), key=lambda m: self.w.layout[m][0]):
            before = set(self.buttons())
            items = [k for k in self.open_menu(menu) if k.startswith("button:") and k not in before]
            self.close_menus()
            print(f"  {self.where}: menu {menu[7:]}: {len(items)} items")
            for item in items:
                label = item[len("button:"):]
                if re.match(r"\w+  -  ", label):  # the Scenario menu: "<id>  -  <title>"
                    if scenarios_too:
                        self.choose_scenario(menu, item)
                elif label.endswith("..."):
                    self.check_file_item(menu, item)
                elif label.startswith("Font size"):
                    self.check_slider_item(menu, item)
                else:
                    self.check_menu_item(menu, item)
            if "button:event" in items:  # the Play menu's step units: back to one event a step
                self.click_item(menu, "button:event", "steps of one event")
        if scenarios_too:
            back = next((k for k in self.open_menu("button:Scenario") if k.startswith(f"button:{self.scenario}  -  ")),
                        None)
            self.close_menus()
            if not back:
                self.fail(f"the Scenario menu has no item for {self.scenario}")
            self.choose_scenario("button:Scenario", back)

    def click_item(self, menu: str, item: str, expect: str) -> None:
        """Opens `menu`, clicks `item`; closes the menu if it stays open (on/off items may keep it open)."""
        self.open_menu(menu, item)
        self.click(item, expect)
        self.w.settle()
        if item in self.w.refresh():
            self.close_menus()

    def check_menu_item(self, menu: str, item: str) -> None:
        label = item[len("button:"):]
        before = self.quiet_screen()
        self.click_item(menu, item, "the window changes")
        if not TOGGLES.search(label):
            self.w.check_alive()
            return
        self.expect(lambda: self.quiet_screen() != before, "the screen did not change")
        self.click_item(menu, item, "a second click puts the screen back as it was")
        again: list[Image] = []
        try:
            # As it was, but for a title bar or two: a panel shown again may take the focus.
            self.expect(lambda: again.append(self.quiet_screen()) or similar(again[-1], before),
                        "the screen is not as it was before the first click")
        except Failure as e:
            path = self.work / f"{self.index}-toggle-{re.sub(r'[^A-Za-z]+', '_', label)}.png"
            again[-1].save_png(path)
            before.save_png(path.with_suffix(".before.png"))
            self.fail(f"{e} ({again[-1].differing_pixels(before)} pixels differ; {path})")

    def check_slider_item(self, menu: str, item: str) -> None:
        """A slider inside a menu: a click sets it; the window keeps working."""
        self.open_menu(menu, item)
        self.click(item, "the font size changes or stays; the window lives")
        self.w.settle()
        self.close_menus()
        self.w.check_alive()

    def open_prompt(self, menu: str, item: str) -> None:
        """Opens the path prompt of File menu `item`: the window dims behind it."""
        self.open_menu(menu, item)
        menu_open = self.w.grab()
        self.click(item, "a path prompt opens")
        self.expect(lambda: self.w.grab().changed_fraction(menu_open) > 0.5,
                    "no path prompt (the window did not dim behind a modal)")
        self.w.settle()

    def check_file_item(self, menu: str, item: str) -> None:
        label = item[len("button:"):]
        before = self.quiet_screen()
        self.open_prompt(menu, item)
        # Escape closes it and leaves the window as it was.
        self.press("Escape", lambda: self.w.grab().changed_fraction(before) < 0.1, "the prompt closes")
        self.expect(lambda: self.quiet_screen() == before, "the window is not as it was before the prompt")
        if label.startswith("Open"):
            return  # opening is tried once, at the end, with a file saved here
        # Again, with a path: the file is written.
        suffix = {"Save trace...": ".loopscope", "Export Chrome JSON...": ".json"}.get(label, ".png")
        target = self.work / f"{self.index}-{re.sub(r'[^A-Za-z]+', '_', label).strip('_')}{suffix}"
        self.open_prompt(menu, item)
        self.type_path(target)
        self.expect(lambda: target.exists() and target.stat().st_size > 0,
                    f"{label!r} with the path {target} and Enter wrote no file")
        head = target.read_bytes()[:8]
        expected = {".png": b"\x89PNG", ".json": b"{", ".loopscope": b""}[suffix]
        if not head.lstrip().startswith(expected):
            self.fail(f"{label!r} wrote {target} starting {head!r}, expected {expected!r}")
        self.saved = getattr(self, "saved", {})
        self.saved[label] = target
        self.expect(lambda: self.w.grab().changed_fraction(before) < 0.1, "the prompt did not close after Enter")
        self.park()
        self.w.settle()

    def _wait_changed(self, before: Image) -> None:
        self.expect(lambda: self.w.grab() != before, "the screen did not change")

    def type_path(self, path: Path) -> None:
        self.press("ctrl+a")
        self.action = f"typing {path}"
        self.w.type(str(path))
        self.press("Return")

    def choose_scenario(self, menu: str, item: str) -> None:
        self.open_menu(menu, item)
        self.click(item, "the window shows that scenario")
        self.w.settle()
        self.w.check_alive()

    def check_open_trace(self) -> None:
        """File -> Open trace... with the trace saved by Save trace...: the window shows it, no error."""
        saved = getattr(self, "saved", {}).get("Save trace...")
        if not saved:
            return
        item = next((k for k in self.open_menu("button:File") if k.startswith("button:Open")), None)
        self.close_menus()
        if not item:
            self.fail("the File menu has no Open item")
        self.open_prompt("button:File", item)
        self.type_path(saved)
        self.expect(lambda: "error_popup" in self.w.refresh() or
                    self.w.grab().changed_fraction(self.quiet_screen()) < 0.1, "the prompt did not close")
        self.w.settle()
        if "error_popup" in self.w.refresh():
            self.fail(f"opening the trace it saved ({saved}) shows an error")
        self.press("End")

    # -- panels: splitters, tabs, wheel, scrub -----------------------------------------------------

    def check_splitters(self) -> None:
        """Each border between panels, dragged 40 pixels and back: the panels follow and end where dropped."""
        for name in sorted(k for k in self.w.refresh() if re.fullmatch(r"splitter\d+", k)):
            self.park()
            self.w.settle()
            r = self.w.rect(name)
            x, y = centre(r)
            vertical = (r[2] - r[0]) < (r[3] - r[1])  # a vertical strip: drag sideways
            axis, d = (0, 40) if vertical else (1, 40)
            end = (x - d, y) if vertical else (x, y - d)
            self.action = f"dragging {name} from {(x, y)} to {end}"
            others = {k: v for k, v in self.w.layout.items() if re.fullmatch(r"splitter\d+", k) and k != name and
                      ((v[2] - v[0]) < (v[3] - v[1])) != vertical}  # across this one: they must not move
            def moved_across() -> None:
                self.w.settle()
                for other, v in others.items():
                    now = self.w.refresh().get(other)
                    if now and abs(now[1 - axis] - v[1 - axis]) > 1:
                        self.fail(f"dragging {name} (pressed at {(x, y)}) moved {other}, a border across it, "
                                  f"from {v} to {now}")
            try:
                self.w.drag((x, y), end, follows=lambda l: name in l and abs(l[name][axis] - (r[axis] - d)) <= 1)
            except Failure:
                moved_across()
                raise
            self.clicked.add(name)
            moved_across()
            self.expect(lambda: abs(self.w.refresh()[name][axis] - (r[axis] - d)) <= 1,
                        f"{name} is not where it was dropped ({r[axis] - d:.0f}): "
                        f"at {self.w.layout[name][axis]:.0f}")
            self.w.settle()
            moved = self.w.rect(name)
            self.action = f"dragging {name} back from {centre(moved)} to {(x, y)}"
            self.w.drag(centre(moved), (x, y), follows=lambda l: name in l and abs(l[name][axis] - r[axis]) <= 1)
            self.expect(lambda: abs(self.w.refresh()[name][axis] - r[axis]) <= 1,
                        f"{name} is not back where it was ({r[axis]:.0f}): at {self.w.layout[name][axis]:.0f}")
        self.w.check_alive()

    def check_wheel_and_scrub(self) -> None:
        self.park()
        self.w.settle()
        timeline = self.w.rect("timeline")
        fitted = self.w.grab("timeline")
        x, y = (timeline[0] + timeline[2]) / 2, (timeline[1] + timeline[3]) / 2
        self.action = "turning the wheel over the timeline"
        self.w.wheel(x, y, down=False, clicks=2)
        self.w.wheel(x, y, down=True, clicks=2)
        self.w.check_alive()
        self.press("0", lambda: True)
        self.park()
        start = self.still_readout()
        scrub = self.w.rect("scrub")
        y = (scrub[1] + scrub[3]) / 2
        self.action = "dragging along the scrub bar"
        self.w.drag((scrub[0] + 2, y), ((scrub[0] + scrub[2]) / 2, y))
        self.clicked.add("button:scrub")
        self.park()
        self.wait_readout(lambda im: im != start, "the readout did not move")
        self.click("button:|<", "event 0")
        del fitted

    # -- everything else ------------------------------------------------------------------------

    def click_the_rest(self) -> None:
        """Every control listed and not clicked yet; sliders and parameters last (they re-run)."""
        def rest() -> list[str]:
            return [k for k in self.buttons() if self.generic(k) not in self.clicked and k not in self.menus()]
        order = lambda k: (self.w.layout[k][1] < self.w.layout["readout"][1], k)  # parameters at the top last
        for name in sorted(rest(), key=order):
            if name not in self.w.refresh() or self.generic(name) in self.clicked:
                continue
            self.click(name, "the window lives")
            self.w.settle()
            if name.startswith("button:real time"):
                self.click(name, "real time off again")
            self.press("Escape")  # a combo's list or a popup closes
            self.w.settle()
            self.park()

    # -- the whole session -----------------------------------------------------------------------

    def run(self, scenarios_too: bool, open_trace: bool) -> None:
        t = time.monotonic()
        self.shot("start")
        for name in TRANSPORT - {"button:Pause"}:
            if name not in self.w.refresh():
                self.fail(f"the window has no {name!r} control")
        phases = [("transport", self.check_transport), ("keys", self.check_keys),
                  ("what-if on every row", None if self.args.skip_sweep else self.check_every_what_if),
                  ("splitters", self.check_splitters), ("wheel and scrub", self.check_wheel_and_scrub),
                  ("tabs", lambda: [self.show_tab(p) for p in ("Console", "Source", "Tasks")]),
                  ("menus", lambda: self.check_menus(scenarios_too)), ("the other controls", self.click_the_rest),
                  ("open the saved trace", self.check_open_trace if open_trace else None)]
        timings = []
        for phase, check in phases:
            if check:
                began = time.monotonic()
                check()
                timings.append(f"{phase} {time.monotonic() - began:.0f} s")
        print(f"  {self.where}: {', '.join(timings)}")
        self.shot("end")
        self.action = "closing the window (WM_DELETE_WINDOW)"
        code = self.w.close()
        if code != 0:
            self.fail(f"the window exited with status {code} when closed; its output:\n"
                      f"{self.w.log_tail()}")
        never = sorted(self.seen - self.clicked)
        print(f"  {self.where}: {len(self.clicked)} controls clicked in {time.monotonic() - t:.0f} s"
              + (f"; listed but not clicked (menu titles, gone before their turn): {', '.join(never)}" if never else ""))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("executable")
    parser.add_argument("scenarios", nargs="+")
    parser.add_argument("--size", default="1280x720")
    parser.add_argument("--font-scale", type=float, default=1)
    parser.add_argument("--theme", default="dark", choices=["dark", "light"])
    parser.add_argument("--shots", help="save screenshots here (PNG)")
    parser.add_argument("--skip-sweep", action="store_true", help="no what-if sweep (to try the rest quickly)")
    parser.add_argument("--slow", type=float, default=1, help="multiply waits by this (sanitized builds)")
    args = parser.parse_args()
    work = Workdir("loopscope-ui-buttons-")
    failed = False
    try:
        for i, scenario in enumerate(args.scenarios):
            session = Session(args, scenario, work.path, i)
            try:
                session.run(scenarios_too=(i == 0), open_trace=(i == len(args.scenarios) - 1))
            except Failure as e:
                shot = work.path / f"{i}-{scenario}-failure.png"
                try:
                    session.w.save_screenshot(shot)
                except Exception:  # noqa: BLE001 - the window may be gone
                    shot = None
                print(f"FAIL: {session.where}: while {session.action}:\n  {e}" +
                      (f"\n  (screen: {shot})" if shot else ""), file=sys.stderr)
                session.w.kill()
                failed = True
                break
        for what, where in DEFECTS.items():
            print(f"FAIL: {where}: {what}", file=sys.stderr)
        failed = failed or bool(DEFECTS)
        return 1 if failed else 0
    except Failure as e:
        print(f"FAIL: {e}", file=sys.stderr)
        failed = True
        return 1
    except Exception:  # noqa: BLE001
        traceback.print_exc()
        failed = True
        return 1
    finally:
        work.finish(failed)


if __name__ == "__main__":
    sys.exit(main())
