#!/usr/bin/env python3
"""Run an unmodified asyncio program on CPython with a VIRTUAL clock.

Usage: python3 tests/cpython/vtime.py PROGRAM.py [ARGS...]
       python3 tests/cpython/vtime.py --main PROGRAM.py [NAME=VALUE ...]

The second form loads PROGRAM.py as a module (its `if __name__ ==
"__main__":` block does not run) and runs `asyncio.run(main(NAME=VALUE, ...))`
with each VALUE read as a Python literal: how the scenario tests run a
scenario's Python listing with parameters other than its defaults.

The program runs as `__main__` (via runpy), exactly as `python3 PROGRAM.py`
would run it, except that:

* asyncio loops are `VirtualLoop`s (a SelectorEventLoop, installed through the
  event loop policy, so `asyncio.run` -> Runner -> new_event_loop uses it);
  `loop.time()` returns a virtual clock that starts at 0.0;
* the loop's selector never waits: `select(timeout)` returns the sockets that
  are ready now (real loopback sockets: zero latency), else does
  `clock += timeout` and returns no events; `select(None)` with nothing ready
  (no ready handle, no timer: every task waits forever) is a deadlock: prints
  `t=<time> DEADLOCK` and exits with 3;
* names resolve inline, without the resolver thread: `localhost` is
  127.0.0.1 only (what Loopscope's virtual host says on every machine);
* `run_in_executor` / `to_thread` run their job as a virtual thread, in
  lockstep with the loop: Loopscope's own model (sim/python/py/
  loopscope_threads.py, used here as is, since no CPython behaviour is
  deterministic to compare it with); `time.sleep` in a job lets the loop run;
* `print(...)` writes ONE line to stdout: `t=<clock, %.3f> ` followed by the
  text print would have produced (`sep.join(map(str, args)) + end`), minus one
  trailing newline, then a newline. Text with embedded newlines is written as
  is after the prefix. `print(..., file=<not stdout>)` is passed through
  unchanged;
* `time.sleep(s)` does `clock += s` and returns at once (a blocking call: the
  loop runs nothing meanwhile);
* `time.time()`, `time.monotonic()` and `time.perf_counter()` return the
  virtual clock, so a program that prints how long it took prints what a real
  run would;
* an exception escaping the program prints
  `t=<time> uncaught <TypeName>: <str(exc)>` to stdout and exits with 1.

Warnings (e.g. "coroutine ... was never awaited") and asyncio's logging go to
stderr untouched.

The clock is a Python float advanced only by `clock += timeout` (timeout as
computed by BaseEventLoop._run_once: min(max(0, when - time()), 86400)) and by
`clock += s` in time.sleep. The loop's clock resolution is pinned to 1e-09
(timers with when < time() + 1e-09 are due), so the C++ side can replicate the
float arithmetic exactly.
"""

import ast
import asyncio
import builtins
import os
import runpy
import selectors
import socket
import sys
import time
import traceback

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "sim", "python", "py"))
import loopscope_threads  # noqa: E402 - found through the path above

CLOCK_RESOLUTION = 1e-09

_clock = 0.0
_real_print = builtins.print
_real_stdout = sys.stdout


def now():
    return _clock


def advance(dt):
    global _clock
    _clock += dt


def _emit(text):
    out = sys.stdout
    out.write("t=%.3f %s\n" % (_clock, text))
    out.flush()


class VirtualSelector(selectors.EpollSelector):
    """epoll, asked without waiting; when nothing is ready, select() only advances the clock."""

    def select(self, timeout=None):
        ready = super().select(0)
        if ready:
            return ready
        if timeout is None:
            _emit("DEADLOCK")
            sys.stderr.flush()
            # os._exit: do not let asyncio.run's cleanup run more code.
            os._exit(3)
        advance(timeout)  # clock += timeout, exactly
        return []


class VirtualLoop(asyncio.SelectorEventLoop):
    def __init__(self):
        super().__init__(VirtualSelector())
        self._clock_resolution = CLOCK_RESOLUTION

    def time(self):
        return _clock

    def run_in_executor(self, executor, func, *args):
        return loopscope_threads.run_in_executor(self, executor, func, args)

    async def getaddrinfo(self, host, port, *, family=0, type=0, proto=0, flags=0):
        if host == "localhost":
            host = "127.0.0.1"
        return socket.getaddrinfo(host, port, family, type, proto, flags)


class VirtualPolicy(asyncio.DefaultEventLoopPolicy):
    _loop_factory = VirtualLoop

    def new_event_loop(self):
        return VirtualLoop()


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
    job = loopscope_threads.current()
    if job is not None:
        job.sleep(float(secs))
    else:
        advance(float(secs))


def _run_main_with(path, assignments):
    """Runs PROGRAM.py's `async def main(**params)` with the given NAME=VALUE params."""
    params = {}
    for assignment in assignments:
        name, _, value = assignment.partition("=")
        params[name] = ast.literal_eval(value)
    module = runpy.run_path(path, run_name="scenario")
    asyncio.run(module["main"](**params))


def main(argv):
    with_params = len(argv) > 1 and argv[1] == "--main"
    if with_params:
        argv = argv[:1] + argv[2:]
    if len(argv) < 2:
        sys.stderr.write("usage: vtime.py PROGRAM.py [ARGS...] | vtime.py --main PROGRAM.py [NAME=VALUE ...]\n")
        return 2
    path = argv[1]
    asyncio.set_event_loop_policy(VirtualPolicy())
    builtins.print = _print
    time.sleep = _sleep
    time.time = time.monotonic = time.perf_counter = now
    sys.argv = argv[1:]
    sys.path.insert(0, os.path.dirname(os.path.abspath(path)))
    try:
        if with_params:
            _run_main_with(path, argv[2:])
        else:
            # Absolute, as python3 makes a script's path (__file__, tracebacks).
            runpy.run_path(os.path.abspath(path), run_name="__main__")
    except SystemExit:
        raise
    except BaseException as exc:  # noqa: BLE001 - report anything that escapes
        traceback.print_exc()  # details on stderr; stdout gets one line
        _emit("uncaught %s: %s" % (type(exc).__name__, exc))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
