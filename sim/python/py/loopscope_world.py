"""The virtual world a program runs in, and the driver that runs it.

It mirrors tests/cpython/vtime.py, the reference harness, line for line where
the two must agree: the clock (kept in C, shared with every loop), print,
time.sleep, the `uncaught` line and the exit status.
"""

import builtins
import os
import runpy
import sys
import time
import traceback

import _loopscope
import loopscope_loop
import loopscope_observe

_real_print = builtins.print
_log = False


def _write(text):
    out = sys.stdout
    if _log:
        out.write("t=%.3f %s\n" % (_loopscope.now(), text))
    else:
        out.write(text + "\n")
    out.flush()


def _emit(text):
    """A line the program printed: recorded (with its task and line), then written."""
    if _loopscope.observed():
        frame = loopscope_observe.user_frame(sys._getframe(1))
        if frame is None:
            _loopscope.output(text, "", "", 0)
        else:
            _loopscope.output(text, frame.f_code.co_filename, frame.f_code.co_name, frame.f_lineno or 0)
    _write(text)


def _print(*args, sep=" ", end="\n", file=None, flush=False):
    if file is not None and file is not sys.stdout:
        _real_print(*args, sep=sep, end=end, file=file, flush=flush)
        return
    if sep is None:
        sep = " "
    if end is None:
        end = "\n"
    text = sep.join(str(a) for a in args) + end
    if text.endswith("\n"):
        text = text[:-1]
    _emit(text)


def _sleep(secs):
    if secs < 0:
        raise ValueError("sleep length must be non-negative")
    _loopscope.block(float(secs))


def _now():
    return _loopscope.now()


def deadlock():
    """Called by the loop when every task waits forever (python3 would hang; the run ends with 3)."""
    if _log:
        _write("DEADLOCK")  # the reference harness's last line
    else:
        sys.stdout.flush()
        sys.stderr.write("loopscope: deadlock at t=%.3f: every task waits and no timer is pending\n"
                         % _loopscope.now())
    sys.stderr.flush()


def _exit_status(exc):
    """What python3 exits with for SystemExit(code)."""
    code = exc.code
    if code is None:
        return 0
    if isinstance(code, int):
        return code
    sys.stderr.write(str(code) + "\n")
    return 1


def _print_program_traceback(exc, path):
    """CPython's traceback, starting at the program's own frames (not runpy's or ours)."""
    tb = exc.__traceback__
    target = os.path.abspath(path)
    while tb is not None and os.path.abspath(tb.tb_frame.f_code.co_filename) != target:
        tb = tb.tb_next
    if tb is not None:
        exc.__traceback__ = tb
    traceback.print_exception(exc)


def main(path, args, log):
    """Runs PROGRAM.py as `__main__`; returns the exit status."""
    global _log
    _log = log
    loopscope_loop.install()
    builtins.print = _print
    time.sleep = _sleep
    time.time = time.monotonic = time.perf_counter = _now
    sys.argv = [path] + list(args)
    sys.path.insert(0, os.path.dirname(os.path.abspath(path)))
    try:
        # Absolute, as python3 makes a script's path (__file__, tracebacks).
        runpy.run_path(os.path.abspath(path), run_name="__main__")
    except SystemExit as exc:
        return _exit_status(exc)
    except BaseException as exc:  # noqa: BLE001 - report anything that escapes
        if log:
            traceback.print_exc()
            _write("uncaught %s: %s" % (type(exc).__name__, exc))
        else:
            _print_program_traceback(exc, path)
            if isinstance(exc, KeyboardInterrupt):
                return 130  # python3 ends itself with SIGINT: a shell sees 130
        return 1
    return 0
