#!/usr/bin/env python3
"""A program edited in the live window's Source panel and run again, as a teacher live-codes it.

    test_program_editing.py LOOPSCOPE LESSON.py [--slow F]

Run under xvfb-run, at 1280x720 with the font at 2x, on a copy of LESSON.py
(two countdown tasks: `await asyncio.sleep(1)` on line 9):
  1. a click on the console's second line puts the playhead at that print;
  2. a click on line 9, End, Left, BackSpace, "2": the listing says it
     was edited and Save is offered; the file on disk is unchanged;
  3. Ctrl+Enter runs the edited text: the playhead stays at the same printed
     line, the timeline's ruler and the console's times changed, the note goes;
  4. Ctrl+S writes the text to the file; ten quick Down presses move the caret
     ten lines; two pastes of the whole text and two undos leave it as saved;
  5. a "(" typed at the end of line 9 and Ctrl+Enter: the error is marked at
     line 9 and the last good run stays (the console as it was);
  6. closing the window asks about the unsaved "(": Cancel keeps the window,
     closing again and "Don't save" ends it with status 0, the file keeps the
     saved text.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from uidriver import Failure, Session, Window, centre, wait_until, xdotool  # noqa: E402

SLEEP_LINE = 9


def playhead_event(layout: dict) -> int:
    found = [int(k.split(":")[1]) for k in layout if k.startswith("playhead_event:")]
    if len(found) != 1:
        raise Failure(f"the layout names {len(found)} playhead events: {found}")
    return found[0]


def caret_to_line_end(w: Window, line: int) -> None:
    """A click on the line's code where it shows (right of the gutter: the code may be scrolled under it), then End."""
    r = w.rect(f"code:python:{line}")  # from where the text starts to where the gutter ends
    w.click_at(max(r[0], r[2]) + 3, (r[1] + r[3]) / 2, rect=w.rect(f"line:python:{line}"))
    w.wait_layout(lambda l: any(k.startswith(f"caret:{line}:") for k in l), f"no caret on line {line} after a click on it")
    w.key("End")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("executable")
    parser.add_argument("lesson", type=Path)
    parser.add_argument("--slow", type=float, default=1)
    args = parser.parse_args()
    original = args.lesson.read_text()
    if original.splitlines()[SLEEP_LINE - 1].strip() != "await asyncio.sleep(1)":
        print(f"FAIL: line {SLEEP_LINE} of {args.lesson} is not `await asyncio.sleep(1)`")
        return 1
    return Session("loopscope-ui-editing-").run(lambda s: edit_and_run(s, args, original))


def edit_and_run(s: Session, args: argparse.Namespace, original: str) -> None:
    program = s.work.path / "countdown.py"
    program.write_text(original)
    s.window = w = Window(args.executable, [str(program), "--width", "1280", "--height", "720", "--font-scale", "2"],
                          s.work.path, name="editing")
    w.timeout *= args.slow
    w.hold *= args.slow
    w.wait_layout(lambda l: "button:Re-run" in l and "program_running" not in l,
                  "the program's run is not shown (no Re-run button)", timeout=w.timeout * 3)
    w.settle()

    s.step = "1. the playhead at the second print"
    w.click("button:console line 2")
    w.wait_layout(lambda l: playhead_event(l) > 0, "a click on the second console line did not move the playhead")
    w.settle()
    at_print = playhead_event(w.layout)
    # The timeline fits the run, so its bars keep their places; its ruler and the console's times change.
    timeline_before, console_before = w.grab("timeline"), w.grab("panel:Console")

    s.step = "2. an edit"
    caret_to_line_end(w, SLEEP_LINE)
    w.wait_layout(lambda l: f"caret:{SLEEP_LINE}:30" in l, f"End did not put the caret at the end of line {SLEEP_LINE}")
    w.key("Left")
    w.key("BackSpace")
    w.type("2")
    w.wait_layout(lambda l: "edited_note" in l, "the listing does not say it was edited")
    if program.read_text() != original:
        raise Failure("the file changed before it was saved")
    if playhead_event(w.layout) != at_print:
        raise Failure(f"typing moved the playhead from event {at_print} to {playhead_event(w.layout)}")

    s.step = "3. Ctrl+Enter"
    w.key("ctrl+Return")
    w.wait_layout(lambda l: "edited_note" not in l and "program_running" not in l,
                  "the edited text did not run (the listing still says it is edited)", timeout=w.timeout * 3)
    w.settle()
    if playhead_event(w.layout) != at_print:
        raise Failure(f"the re-run moved the playhead from event {at_print} to {playhead_event(w.layout)}")
    if w.grab("timeline") == timeline_before or w.grab("panel:Console") == console_before:
        raise Failure("the timeline and the console did not change after sleep(1) became sleep(2)")
    w.move(*centre(w.rect("readout")))  # off the code: a tooltip there would cover the console
    w.settle()
    console_edited = w.grab("panel:Console")

    s.step = "4. Ctrl+S"
    w.key("ctrl+s")
    if not wait_until(lambda: "asyncio.sleep(2)" in program.read_text(), w.timeout):
        raise Failure("Ctrl+S did not write the edited text to the file")
    saved = program.read_text()
    if saved != original.replace("asyncio.sleep(1)", "asyncio.sleep(2)"):
        raise Failure(f"the saved file is not the edited text:\n{saved}")

    s.step = "4b. quick keys"
    # A burst of presses, each shorter than a frame under Xvfb: none is lost, in order (ImGui 1.86 alone
    # sees only the keys down when a frame starts). Then a paste of the whole text and its undo.
    w.key("ctrl+Home")
    w.wait_layout(lambda l: "caret:1:0" in l, "Ctrl+Home did not put the caret at the start")
    xdotool("key", "--delay", "10", *["Down"] * 10)
    w.wait_layout(lambda l: "caret:11:0" in l, "ten quick Down presses did not move the caret ten lines")
    xdotool("key", "--delay", "10", "ctrl+a", "ctrl+c", "ctrl+End", "ctrl+v", "ctrl+v")
    newlines = saved.count("\n")  # the text ends with one: the caret starts on the empty line after it
    w.wait_layout(lambda l: f"caret:{3 * newlines + 1}:0" in l,
                  "two pastes of the whole text did not leave the caret at the end of the third copy")
    xdotool("key", "--delay", "10", "ctrl+z", "ctrl+z")
    w.wait_layout(lambda l: "edited_note" not in l, "two undos did not take the two pastes back")

    s.step = "5. a syntax error"
    xdotool("key", "--delay", "10", "ctrl+Home", *["Down"] * (SLEEP_LINE - 1), "End")
    w.wait_layout(lambda l: f"caret:{SLEEP_LINE}:30" in l, f"End did not put the caret at the end of line {SLEEP_LINE}")
    w.type("(")
    w.key("ctrl+Return")
    w.wait_layout(lambda l: f"error_line:python:{SLEEP_LINE}" in l and "program_running" not in l,
                  f"the syntax error is not marked at line {SLEEP_LINE}", timeout=w.timeout * 3)
    w.move(*centre(w.rect("readout")))
    w.settle()
    if w.grab("panel:Console") != console_edited:
        raise Failure("a run that did not start replaced the last good run (the console changed)")

    s.step = "6. closing with unsaved changes"
    w.screen.request_close(w.window)
    w.wait_layout(lambda l: "unsaved_question" in l and "button:Cancel" in l,
                  "closing the window did not ask about the unsaved edit")
    w.click("button:Cancel")
    w.wait_layout(lambda l: "unsaved_question" not in l, "Cancel did not close the question")
    w.settle(quiet=0.5)
    w.check_alive()
    w.screen.request_close(w.window)
    w.wait_layout(lambda l: "unsaved_question" in l and "button:Don't save" in l, "closing again did not ask again")
    w.click("button:Don't save")
    code = w.close()
    if code != 0:
        raise Failure(f"the window exited with status {code}:\n{w.log_tail()}")
    if program.read_text() != saved:
        raise Failure("'Don't save' changed the file")
    print("ok: an edit runs with Ctrl+Enter keeping the playhead, Ctrl+S saves it, a syntax error keeps the "
          "last good run, closing asks about unsaved edits")


if __name__ == "__main__":
    sys.exit(main())
