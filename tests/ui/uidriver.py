"""Drives the live Loopscope window the way a person does, under Xvfb.

Input goes through xdotool (XTEST: real pointer and key events, as a mouse
and a keyboard make them). Where to click comes from the layout file the
window rewrites whenever what it drew changes (`--layout FILE.json`:
{"name": [x0, y0, x1, y1]} in window pixels). The screen is read back with
Xlib's XGetImage through ctypes, and the window is closed the way a window
manager closes it: a WM_DELETE_WINDOW message, which makes
glfwWindowShouldClose true (Debian 12's xdotool has no `windowquit`, its
`windowclose` destroys the window under the program, and `wmctrl -c` needs a
window manager, which plain Xvfb does not have).

Only the standard library; every failure raises Failure with a sentence
that says what was done, where, and what was expected.
"""

from __future__ import annotations

import ctypes
import json
import os
import shutil
import signal
import struct
import subprocess
import tempfile
import time
import zlib
from pathlib import Path


class Failure(Exception):
    """A check that did not hold; the message says which and why."""


# -- Xlib through ctypes: read pixels, send WM_DELETE_WINDOW ------------------

class _XImage(ctypes.Structure):
    _fields_ = [("width", ctypes.c_int), ("height", ctypes.c_int), ("xoffset", ctypes.c_int),
                ("format", ctypes.c_int), ("data", ctypes.c_void_p), ("byte_order", ctypes.c_int),
                ("bitmap_unit", ctypes.c_int), ("bitmap_bit_order", ctypes.c_int), ("bitmap_pad", ctypes.c_int),
                ("depth", ctypes.c_int), ("bytes_per_line", ctypes.c_int), ("bits_per_pixel", ctypes.c_int),
                ("red_mask", ctypes.c_ulong), ("green_mask", ctypes.c_ulong), ("blue_mask", ctypes.c_ulong)]


class _XClientMessageEvent(ctypes.Structure):
    _fields_ = [("type", ctypes.c_int), ("serial", ctypes.c_ulong), ("send_event", ctypes.c_int),
                ("display", ctypes.c_void_p), ("window", ctypes.c_ulong), ("message_type", ctypes.c_ulong),
                ("format", ctypes.c_int), ("data", ctypes.c_long * 5)]


class _XEvent(ctypes.Union):
    _fields_ = [("xclient", _XClientMessageEvent), ("pad", ctypes.c_long * 24)]


class Screen:
    """One connection to the X server of $DISPLAY."""

    def __init__(self) -> None:
        x = ctypes.cdll.LoadLibrary("libX11.so.6")
        x.XOpenDisplay.restype = ctypes.c_void_p
        x.XOpenDisplay.argtypes = [ctypes.c_char_p]
        x.XDefaultRootWindow.restype = ctypes.c_ulong
        x.XDefaultRootWindow.argtypes = [ctypes.c_void_p]
        x.XGetImage.restype = ctypes.POINTER(_XImage)
        x.XGetImage.argtypes = [ctypes.c_void_p, ctypes.c_ulong, ctypes.c_int, ctypes.c_int, ctypes.c_uint,
                                ctypes.c_uint, ctypes.c_ulong, ctypes.c_int]
        x.XDestroyImage.argtypes = [ctypes.POINTER(_XImage)]
        x.XInternAtom.restype = ctypes.c_ulong
        x.XInternAtom.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int]
        x.XSendEvent.argtypes = [ctypes.c_void_p, ctypes.c_ulong, ctypes.c_int, ctypes.c_long,
                                 ctypes.POINTER(_XEvent)]
        x.XFlush.argtypes = [ctypes.c_void_p]
        x.XSync.argtypes = [ctypes.c_void_p, ctypes.c_int]
        x.XDisplayWidth.argtypes = [ctypes.c_void_p, ctypes.c_int]
        x.XDisplayHeight.argtypes = [ctypes.c_void_p, ctypes.c_int]
        self._x = x
        self._display = x.XOpenDisplay(None)
        if not self._display:
            raise Failure(f"cannot open the X display {os.environ.get('DISPLAY')!r} (run under xvfb-run)")
        self._root = x.XDefaultRootWindow(self._display)
        self.width = x.XDisplayWidth(self._display, 0)
        self.height = x.XDisplayHeight(self._display, 0)

    def grab(self, rect: tuple[float, float, float, float] | None = None) -> "Image":
        """The pixels of the screen (or of `rect`, x0 y0 x1 y1, clipped to the screen)."""
        x0, y0, x1, y1 = rect if rect else (0, 0, self.width, self.height)
        x0, y0 = max(int(x0), 0), max(int(y0), 0)
        x1, y1 = min(int(x1 + 0.999), self.width), min(int(y1 + 0.999), self.height)
        if x1 <= x0 or y1 <= y0:
            return Image(0, 0, b"")
        image = self._x.XGetImage(self._display, self._root, x0, y0, x1 - x0, y1 - y0, 0xFFFFFFFF, 2)  # ZPixmap
        if not image:
            raise Failure(f"XGetImage failed for {x0},{y0} {x1 - x0}x{y1 - y0}")
        try:
            im = image.contents
            if im.bits_per_pixel != 32:
                raise Failure(f"the screen has {im.bits_per_pixel} bits per pixel; run Xvfb at depth 24")
            raw = ctypes.string_at(im.data, im.bytes_per_line * im.height)
            row = im.width * 4
            if im.bytes_per_line != row:
                raw = b"".join(raw[i * im.bytes_per_line:i * im.bytes_per_line + row] for i in range(im.height))
            return Image(im.width, im.height, raw)
        finally:
            self._x.XDestroyImage(image)

    def request_close(self, window: int) -> None:
        """What a window manager sends when its close button is pressed."""
        ev = _XEvent()
        ev.xclient.type = 33  # ClientMessage
        ev.xclient.window = window
        ev.xclient.message_type = self._x.XInternAtom(self._display, b"WM_PROTOCOLS", 0)
        ev.xclient.format = 32
        ev.xclient.data[0] = self._x.XInternAtom(self._display, b"WM_DELETE_WINDOW", 0)
        ev.xclient.data[1] = 0  # CurrentTime
        if not self._x.XSendEvent(self._display, window, 0, 0, ctypes.byref(ev)):
            raise Failure("XSendEvent of WM_DELETE_WINDOW failed")
        self._x.XSync(self._display, 0)


class Image:
    """BGRX pixels, row after row."""

    def __init__(self, width: int, height: int, data: bytes) -> None:
        self.width, self.height, self.data = width, height, data

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Image) and (self.width, self.height, self.data) == (other.width, other.height,
                                                                                       other.data)

    def __hash__(self) -> int:
        return hash((self.width, self.height, self.data))

    def pixel(self, x: int, y: int) -> tuple[int, int, int]:
        i = (y * self.width + x) * 4
        return self.data[i + 2], self.data[i + 1], self.data[i]

    def differing_pixels(self, other: "Image") -> int:
        """How many pixels differ (the images are the same size)."""
        if (self.width, self.height) != (other.width, other.height):
            return max(self.width * self.height, other.width * other.height)
        if self.data == other.data:
            return 0
        a, b = self.data, other.data
        # 32-bit words compared in big chunks: exact, and fast enough for a whole screen.
        n = 0
        step = 4096 * 4
        for i in range(0, len(a), step):
            if a[i:i + step] != b[i:i + step]:
                ca, cb = a[i:i + step], b[i:i + step]
                n += sum(1 for j in range(0, len(ca), 4) if ca[j:j + 3] != cb[j:j + 3])
        return n

    def changed_fraction(self, other: "Image", columns: int = 48, rows: int = 27) -> float:
        """The fraction of a grid of sample pixels that differ: about 1 when a modal dims the whole window."""
        if (self.width, self.height) != (other.width, other.height):
            return 1.0
        changed = 0
        for j in range(rows):
            y = (2 * j + 1) * self.height // (2 * rows)
            for i in range(columns):
                x = (2 * i + 1) * self.width // (2 * columns)
                k = (y * self.width + x) * 4
                changed += self.data[k:k + 3] != other.data[k:k + 3]
        return changed / (columns * rows)

    def save_png(self, path: Path) -> None:
        rgb = bytearray(self.width * self.height * 3)
        rgb[0::3], rgb[1::3], rgb[2::3] = self.data[2::4], self.data[1::4], self.data[0::4]
        stride = self.width * 3
        raw = b"".join(b"\x00" + bytes(rgb[y * stride:(y + 1) * stride]) for y in range(self.height))

        def chunk(kind: bytes, body: bytes) -> bytes:
            return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

        header = struct.pack(">IIBBBBB", self.width, self.height, 8, 2, 0, 0, 0)
        path.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw, 6)) +
                         chunk(b"IEND", b""))


# -- xdotool ---------------------------------------------------------------

def xdotool(*args: object, timeout: float = 20) -> str:
    command = ["xdotool", *map(str, args)]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        raise Failure(f"`{' '.join(command)}` did not finish in {timeout} s") from None
    if done.returncode != 0:
        raise Failure(f"`{' '.join(command)}` failed ({done.returncode}): {done.stderr.strip()}")
    return done.stdout


def centre(rect: list[float]) -> tuple[int, int]:
    return int((rect[0] + rect[2]) / 2), int((rect[1] + rect[3]) / 2)


def wait_until(condition, timeout: float, interval: float = 0.02):
    """Polls `condition` until it returns something true; returns that, or None after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() > deadline:
            return None
        time.sleep(interval)


# -- the window --------------------------------------------------------------

class Window:
    """One live `loopscope` window, its layout file, its own HOME and XDG_CONFIG_HOME."""

    start_timeout = 120.0  # a sanitized debug build under llvmpipe starts slowly
    timeout = 20.0  # for anything the window should do after an input

    def __init__(self, executable: str, arguments: list[str], workdir: Path, name: str = "window",
                 home: Path | None = None, screen: Screen | None = None) -> None:
        self.name = name
        self.workdir = workdir
        self.home = home or workdir / f"{name}-home"
        (self.home / ".config").mkdir(parents=True, exist_ok=True)
        self.layout_path = workdir / f"{name}-layout.json"
        if self.layout_path.exists():
            self.layout_path.unlink()
        self.log_path = workdir / f"{name}.log"
        self.screen = screen or Screen()
        env = dict(os.environ)
        env["HOME"] = str(self.home)
        env["XDG_CONFIG_HOME"] = str(self.home / ".config")
        # Mesa's driver and GLFW leak blocks LeakSanitizer cannot name (see tests/test_screenshots.cpp).
        asan = env.get("ASAN_OPTIONS", "")
        env["ASAN_OPTIONS"] = (asan + ":" if asan else "") + "detect_leaks=0"
        self.command = [executable, *arguments, "--layout", str(self.layout_path)]
        self._log = open(self.log_path, "wb")
        self.proc = subprocess.Popen(self.command, stdin=subprocess.DEVNULL, stdout=self._log,
                                     stderr=subprocess.STDOUT, env=env, cwd=workdir)
        self._text = ""
        self.layout: dict[str, list[float]] = {}
        if not wait_until(lambda: self.check_alive() and self._reload(), self.start_timeout, 0.05):
            raise Failure(f"{self.describe()}: no layout file {self.layout_path} after {self.start_timeout} s")
        found = wait_until(lambda: self.check_alive() and xdotool("search", "--all", "--pid", self.proc.pid, "--name",
                                                                  "Loopscope").split(), self.timeout, 0.1)
        if not found:
            raise Failure(f"{self.describe()}: no X window named Loopscope belongs to process {self.proc.pid}")
        self.window = int(found[0])
        geometry = dict(line.split("=", 1) for line in
                        xdotool("getwindowgeometry", "--shell", self.window).split())
        self.origin = (int(geometry["X"]), int(geometry["Y"]))
        self.size = (int(geometry["WIDTH"]), int(geometry["HEIGHT"]))
        # Without a window manager the focus follows the pointer unless set: keys go to this window.
        xdotool("windowfocus", "--sync", self.window)
        self.settle()

    # -- state ---------------------------------------------------------------

    def describe(self) -> str:
        return f"[{self.name}: {' '.join(self.command)}]"

    def log_tail(self, lines: int = 80) -> str:
        self._log.flush()
        try:
            text = self.log_path.read_text(errors="replace").splitlines()
        except OSError:
            return "(no log)"
        return "\n".join(text[-lines:]) or "(the window printed nothing)"

    def check_alive(self) -> bool:
        """True while the process runs; raises Failure with its exit status and output once it is gone."""
        code = self.proc.poll()
        if code is None:
            return True
        how = f"was killed by signal {-code} ({signal.Signals(-code).name})" if code < 0 else f"exited with status {code}"
        raise Failure(f"{self.describe()} {how}. Its output ends with:\n{self.log_tail()}")

    def _reload(self) -> bool:
        try:
            text = self.layout_path.read_text()
        except FileNotFoundError:
            return False
        if text != self._text:
            try:
                self.layout = json.loads(text)
            except json.JSONDecodeError as e:
                raise Failure(f"{self.describe()}: the layout file is not JSON ({e}): {text[:200]!r}") from None
            self._text = text
        return True

    def refresh(self) -> dict[str, list[float]]:
        self._reload()
        return self.layout

    def wait_layout(self, condition, what: str, timeout: float | None = None) -> dict[str, list[float]]:
        """Waits until `condition(layout)` holds; `what` says what was expected, for the failure message."""
        def check():
            self.check_alive()
            self._reload()
            return condition(self.layout)
        if not wait_until(check, timeout or self.timeout):
            raise Failure(f"{self.describe()}: {what} (waited {timeout or self.timeout} s)")
        return self.layout

    def wait_layout_change(self, before: str, what: str, timeout: float | None = None) -> dict[str, list[float]]:
        return self.wait_layout(lambda _: self._text != before, what, timeout)

    def settle(self, quiet: float = 0.15, timeout: float = 10.0) -> None:
        """Waits until the layout file has not changed for `quiet` seconds (the window drew what an input did)."""
        deadline = time.monotonic() + timeout
        last, since = self._text, time.monotonic()
        while time.monotonic() < deadline:
            self.check_alive()
            self._reload()
            if self._text != last:
                last, since = self._text, time.monotonic()
            elif time.monotonic() - since >= quiet:
                return
            time.sleep(0.02)

    @property
    def text(self) -> str:
        return self._text

    def rect(self, name: str) -> list[float]:
        self._reload()
        if name not in self.layout:
            raise Failure(f"{self.describe()}: the layout has no {name!r}; it has: "
                          f"{', '.join(sorted(k for k in self.layout if not k.startswith(('segment:', 'line:'))))}")
        return self.layout[name]

    def screen_rect(self, rect: list[float]) -> tuple[float, float, float, float]:
        ox, oy = self.origin
        return rect[0] + ox, rect[1] + oy, rect[2] + ox, rect[3] + oy

    def grab(self, name: str | None = None, rect: list[float] | None = None) -> Image:
        if name:
            rect = self.rect(name)
        if rect is None:
            ox, oy = self.origin
            rect = [0, 0, self.size[0], self.size[1]]
        return self.screen.grab(self.screen_rect(rect))

    def wait_screen(self, name: str, condition, what: str, timeout: float | None = None) -> Image:
        """Waits until the pixels under layout entry `name` satisfy `condition(image)`."""
        result: list[Image] = []

        def check():
            self.check_alive()
            self._reload()
            image = self.grab(name)
            result[:] = [image]
            return condition(image)
        if not wait_until(check, timeout or self.timeout, 0.03):
            raise Failure(f"{self.describe()}: {what} (waited {timeout or self.timeout} s)")
        return result[0]

    def save_screenshot(self, path: Path) -> Path:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.grab().save_png(path)
        return path

    # -- input -----------------------------------------------------------------

    def _xy(self, x: float, y: float) -> tuple[int, int]:
        return int(x) + self.origin[0], int(y) + self.origin[1]

    _pointer: tuple[int, int] | None = None  # where this driver last put the pointer

    def move(self, x: float, y: float) -> None:
        self._pointer = self._xy(x, y)
        xdotool("mousemove", *self._pointer)

    # How long a finger holds a key down when nothing shows that the window saw it.
    hold = 0.08

    def click_at(self, x: float, y: float, button: int = 1, rect: list[float] | None = None) -> None:
        """Moves to (x, y), presses, releases: the release only once a frame showed the press.

        The window waits for events when idle, and ImGui 1.86 reads the buttons once a frame: a press and a
        release that reach it in one frame leave the button drawn pressed, unclicked, until the next input
        (xdotool's own `click` is that fast). A person's click is slower than a frame; this one waits for
        the pixels under the pointer (or `rect`) to change, on hover and then on press, a third of a
        second at most each."""
        self.check_alive()
        px, py = self._xy(x, y)
        # Watched: the part of the control above and left of the pointer (a tooltip opens below and right).
        area = [rect[0], rect[1], max(x - 1, rect[0] + 1), max(y - 1, rect[1] + 1)] if rect else [x - 6, y - 6, x - 1, y - 1]
        area = [max(area[0], 0), max(area[1], 0), min(area[2], self.size[0]), min(area[3], self.size[1])]
        patience = max(0.8, 8 * self.hold)
        if self._pointer != (px, py):
            before = self.grab(rect=area)
            xdotool("mousemove", px, py)
            self._pointer = (px, py)
            wait_until(lambda: self.grab(rect=area) != before, patience, 0.01)  # the hover is drawn
            self.still(area, patience)
        before = self.grab(rect=area)
        xdotool("mousedown", button)
        try:
            if not wait_until(lambda: self.grab(rect=area) != before, patience, 0.01):  # the press is drawn
                time.sleep(self.hold)
            time.sleep(0.02)
            pressed = self.grab(rect=area)
        finally:
            xdotool("mouseup", button)
        # And the pointer stays until the release is drawn: ImGui reads the pointer's position when its frame
        # starts, so a move that comes in the same frame as the release takes the click off the button.
        if not wait_until(lambda: self.grab(rect=area) != pressed, patience, 0.01):
            time.sleep(self.hold)

    def still(self, area: list[float], timeout: float) -> Image:
        """The pixels of `area` once two looks 40 ms apart agree (at most `timeout` seconds)."""
        last = self.grab(rect=area)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            time.sleep(0.04)
            now = self.grab(rect=area)
            if now == last:
                break
            last = now
        return last

    def click(self, name: str, button: int = 1) -> None:
        """Clicks the middle of layout entry `name` (e.g. "button:Play")."""
        r = self.rect(name)
        self.click_at(*centre(r), button=button, rect=r)

    def key(self, key: str) -> None:
        """Presses and releases `key` (an X keysym, "ctrl+a" for a chord), held for `hold` seconds."""
        self.check_alive()
        xdotool("keydown", key, "sleep", self.hold, "keyup", key)

    def type(self, text: str) -> None:
        self.check_alive()
        xdotool("type", "--delay", 20, text)

    def drag(self, start: tuple[float, float], end: tuple[float, float], steps: int = 6, follows=None) -> None:
        """Presses the left button at `start`, moves to `end` in steps, releases: a person dragging.

        The first move is one pixel, so the frame that sees the press sees the pointer where it was pressed.
        `follows(layout)`, if given, is waited for before the release: the window is following the drag."""
        self.check_alive()
        sx, sy = self._xy(*start)
        ex, ey = self._xy(*end)
        self._pointer = None
        xdotool("mousemove", sx, sy, "mousedown", 1)
        time.sleep(self.hold)
        xdotool("mousemove", sx + (ex > sx) - (ex < sx), sy + (ey > sy) - (ey < sy))
        time.sleep(self.hold)
        for i in range(1, steps + 1):
            xdotool("mousemove", sx + (ex - sx) * i // steps, sy + (ey - sy) * i // steps)
            time.sleep(0.03)
        try:
            if follows and not wait_until(lambda: self.check_alive() and follows(self.refresh()), 2.0):
                # The window may have drawn its last frame before the last move took effect (it waits
                # for events when idle): a hand holding the button is never perfectly still.
                xdotool("mousemove", ex + (1 if ex < sx else -1 if ex > sx else 0),
                        ey + (1 if ey < sy else -1 if ey > sy else 0), "sleep", self.hold, "mousemove", ex, ey)
                self.wait_layout(follows, f"the window did not follow a drag from {start} to {end}")
            time.sleep(self.hold)  # held still at the end a moment, as a hand does
        finally:
            xdotool("mouseup", 1)

    def wheel(self, x: float, y: float, down: bool, clicks: int = 1) -> None:
        self.check_alive()
        self.move(x, y)
        for _ in range(clicks):  # each notch a press and a release of button 4 (up) or 5 (down)
            xdotool("mousedown", 5 if down else 4, "sleep", self.hold, "mouseup", 5 if down else 4)

    # -- closing -----------------------------------------------------------------

    def close(self, timeout: float = 60.0) -> int:
        """Asks the window to close, as a window manager does; returns the exit status."""
        self.check_alive()
        self.screen.request_close(self.window)
        try:
            code = self.proc.wait(timeout)
        except subprocess.TimeoutExpired:
            self.kill()
            raise Failure(f"{self.describe()} did not exit within {timeout} s of WM_DELETE_WINDOW") from None
        self._log.close()
        return code

    def kill(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()
        self._log.close()


class Workdir:
    """A temporary directory, kept (and named) when the test fails."""

    def __init__(self, prefix: str) -> None:
        self.path = Path(tempfile.mkdtemp(prefix=prefix))

    def finish(self, failed: bool) -> None:
        if failed:
            print(f"(kept {self.path}: window logs, layout files, screenshots)")
        else:
            shutil.rmtree(self.path, ignore_errors=True)


class Session:
    """One test's run in steps: its work directory, its window, the step under way.

    `run(body)` calls body(session) and returns the exit status: 0, or 1 after printing the failure with the
    step it happened at and a screenshot of the window; the window is killed and the directory kept on failure."""

    def __init__(self, prefix: str) -> None:
        self.work = Workdir(prefix)
        self.window: Window | None = None
        self.step = "starting"

    def run(self, body) -> int:
        failed = True
        try:
            body(self)
            failed = False
            return 0
        except Failure as e:
            print(f"FAIL at {self.step}: {e}")
            if self.window:
                try:
                    print(f"screenshot: {self.window.save_screenshot(self.work.path / 'failure.png')}")
                except Exception as shot_error:  # noqa: BLE001 - the report matters more than the picture
                    print(f"(no screenshot: {shot_error})")
            return 1
        finally:
            if self.window:
                self.window.kill()
            self.work.finish(failed)
