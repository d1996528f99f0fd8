"""The virtual world a program runs in, and the driver that runs it.

It mirrors tests/cpython/vtime.py, the reference harness, line for line where
the two must agree: the clock (kept in C, shared with every loop), print,
time.sleep, the `uncaught` line and the exit status.
"""

import asyncio
import builtins
import importlib.machinery
import linecache
import os
import random
import sys
import time
import tokenize
import traceback

import _loopscope
import loopscope_loop
import loopscope_observe
import loopscope_threads

_real_print = builtins.print
_log = False
_path = ""  # the program, as the command line named it


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
    job = loopscope_threads.current()
    if job is not None:
        job.sleep(float(secs))  # a virtual thread's sleep: the loop runs meanwhile
    else:
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


def _shown_path(filename):
    """A file as the user named it: the program's own path as given, others as they are."""
    return _path if filename and os.path.abspath(filename) == os.path.abspath(_path) else filename


def _stopped(text):
    """Says on stderr why Loopscope stopped the program (the report functions return the trace's shorter words)."""
    sys.stdout.flush()
    sys.stderr.write("loopscope: %s\n" % text)
    sys.stderr.flush()


def step_timeout(seconds):
    """A step ran `seconds` of real time without yielding: says which task, at which line."""
    frame = loopscope_observe.user_frame(sys._getframe(1))
    where = "%s:%d" % (_shown_path(frame.f_code.co_filename), frame.f_lineno or 0) if frame else _path
    try:
        task = asyncio.current_task()
    except RuntimeError:  # no loop runs: the program's own code outside asyncio
        task = None
    who = ("%s %s" % (task.get_name(), loopscope_observe.coroutine_text(task.get_coro())) if task is not None
           else "the program")
    _stopped("%s: %s ran for %g s without yielding to the loop; stopped at t=%.3f "
             "(--step-timeout SECONDS changes the limit)" % (where, who, seconds, _loopscope.now()))
    return "step timeout of %g s: %s did not yield at %s" % (seconds, who, where)


def step_budget_exceeded(limit):
    """The loops ran `limit` steps: the program may never end."""
    _stopped("%s: stopped at t=%.3f after %d loop steps, the step budget (--max-steps N changes it)"
             % (_path, _loopscope.now(), limit))
    return "step budget of %d loop steps reached" % limit


def trace_full():
    """The recorder reached its event budget: the rest of the run could not be recorded."""
    _stopped("%s: stopped at t=%.3f: the trace reached its event budget (--max-events N changes it)"
             % (_path, _loopscope.now()))
    return "event budget reached"


def time_budget_reached(until):
    """--until: the clock would pass it (the scenarios' words)."""
    _stopped("time budget of %g s reached (%s): stopped early" % (until, _path))
    return "time budget of %g s reached" % until  # the scenarios' words in the trace


def _exit_status(exc):
    """What python3 exits with for SystemExit(code)."""
    code = exc.code
    if code is None:
        return 0
    if isinstance(code, int):
        return code
    sys.stderr.write(str(code) + "\n")
    return 1


def _compile_program(path, text_file):
    """The program's code object, decoded as python3 decodes a script (PEP 263);
    its text from `text_file` when one is given (the window's unsaved edit),
    which tracebacks then quote instead of the file's."""
    with open(text_file or path, "rb") as f:
        source = f.read()
    try:
        encoding, _ = tokenize.detect_encoding(iter(source.splitlines(True)).__next__)
    except SyntaxError:  # not UTF-8 in the first two lines, where a declaration would be
        encoding = "utf-8"
    try:
        text = source.decode(encoding)
    except UnicodeDecodeError as exc:
        if encoding != "utf-8":
            raise SyntaxError("%s: %s" % (encoding, exc), (path, 1, None, None)) from None
        line = source[:exc.start].count(b"\n") + 1
        raise SyntaxError("Non-UTF-8 code starting with '\\x%02x' in file %s on line %d, but no encoding "
                          "declared; see https://peps.python.org/pep-0263/ for details"
                          % (source[exc.start], path, line), (path, line, None, None)) from None
    if not text_file:
        return compile(text, path, "exec")
    lines = text.splitlines(True)
    linecache.cache[path] = (len(text), None, lines, path)  # no mtime: checkcache keeps it, the file is not read
    try:
        return compile(text, path, "exec")
    except SyntaxError as exc:  # CPython quotes the line from the file on disk
        if exc.lineno and exc.lineno <= len(lines):
            exc.text = lines[exc.lineno - 1]
        raise


def _report_syntax_error(exc):
    """`loopscope: prog.py:3:9: SyntaxError: ...` and the line with a caret, as a compiler says it."""
    column = ":%d" % exc.offset if exc.offset else ""
    sys.stderr.write("loopscope: %s:%s%s: %s: %s\n" % (_shown_path(exc.filename), exc.lineno, column,
                                                       type(exc).__name__, exc.msg))
    if exc.text and exc.offset:
        text = exc.text.rstrip("\n")
        indent = len(text) - len(text.lstrip())
        sys.stderr.write("    %s\n    %s^\n" % (text.strip(), " " * (exc.offset - 1 - indent)))


def _print_program_traceback(exc, path):
    """CPython's traceback, starting at the program's own frames (not ours)."""
    tb = exc.__traceback__
    target = os.path.abspath(path)
    while tb is not None and os.path.abspath(tb.tb_frame.f_code.co_filename) != target:
        tb = tb.tb_next
    exc.__traceback__ = tb
    traceback.print_exception(exc)


def _run_as_main(code, path):
    """Runs the script in `__main__` as python3 does (its __file__, __loader__, tracebacks)."""
    namespace = sys.modules["__main__"].__dict__
    namespace.update(__file__=path, __cached__=None,
                     __loader__=importlib.machinery.SourceFileLoader("__main__", path))
    exec(code, namespace)


def main(path, args, log, seed, memory_mib, latency, text_file):
    """Runs PROGRAM.py as `__main__` (its text from `text_file` when not empty); returns the exit status."""
    global _log, _path
    _log = log
    _path = path
    loopscope_loop.install(latency)
    builtins.print = _print
    time.sleep = _sleep
    time.time = time.monotonic = time.perf_counter = _now
    random.seed(seed)
    sys.argv = [path] + list(args)
    sys.path.insert(0, os.path.dirname(os.path.abspath(path)))
    # Absolute, as python3 makes a script's path (__file__, tracebacks).
    script = os.path.abspath(path)
    try:
        code = _compile_program(script, text_file)
    except SyntaxError as exc:
        _report_syntax_error(exc)
        if log:
            _write("uncaught %s: %s" % (type(exc).__name__, exc))
        return 1
    try:
        _run_as_main(code, script)
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
        if isinstance(exc, MemoryError) and memory_mib:
            _stopped("%s ran out of memory: Loopscope lets a program use %d MiB "
                     "(--memory-limit MIB changes it)" % (path, memory_mib))
        return 1
    return 0
