"""What the recorder learns about a program's tasks, read without changing them.

Called from the C++ side only while a trace is being recorded. Nothing here
keeps a task, future or coroutine alive, marks an exception retrieved
(`task.exception()` would: `_exception` is read instead), or calls user code
except a repr through reprlib inside a guard.
"""

import asyncio
import os
import re
import reprlib
import sys

_ASYNCIO_DIR = os.path.dirname(asyncio.__file__) + os.sep
_ADDRESS = re.compile(r" (?:object )?at 0x[0-9a-fA-F]+")


class _Repr(reprlib.Repr):
    """reprlib, without the memory addresses that would make two runs' traces differ."""

    def repr_instance(self, x, level):
        text = _ADDRESS.sub("", builtins_repr(x))
        if len(text) > self.maxother:
            i = max(0, (self.maxother - 3) // 2)
            j = max(0, self.maxother - 3 - i)
            text = text[:i] + "..." + text[len(text) - j:]
        return text


builtins_repr = repr
_repr = _Repr()
_repr.maxstring = 24
_repr.maxother = 24

# Primitives named as the built-in scenarios name them.
_PRIMITIVES = {
    "Queue.get": "queue.get", "Queue.put": "queue.put", "Queue.join": "queue.join",
    "Event.wait": "event.wait", "Lock.acquire": "lock.acquire", "Condition.wait": "condition.wait",
    "Semaphore.acquire": "semaphore.acquire", "BoundedSemaphore.acquire": "semaphore.acquire",
    "TaskGroup.__aexit__": "TaskGroup", "__sleep0": "sleep(0)", "wait": "wait", "_wait": "wait",
    "as_completed.<locals>._wait_for_one": "as_completed", "Barrier.wait": "barrier.wait",
    "StreamReader.readline": "stream.readline", "StreamReader.read": "stream.read",
}


def _internal(filename):
    return filename.startswith(_ASYNCIO_DIR) or filename.startswith("<")


def user_frame(frame):
    """The innermost frame of the program's own code at or below `frame`, or None."""
    while frame is not None and _internal(frame.f_code.co_filename):
        frame = frame.f_back
    return frame


def _safe_repr(value):
    """reprlib's shortened repr inside a guard (the C++ side shows a frame's variables through it)."""
    try:
        return _repr.repr(value)
    except Exception:  # noqa: BLE001 - a user __repr__ may raise anything
        return "<?>"


def _number(value):
    if type(value) is float:
        return repr(int(value)) if value.is_integer() else repr(value)
    if type(value) is int and -10**9 < value < 10**9:
        return repr(value)
    return _safe_repr(value)


def _where(frame):
    if frame is None:
        return ("", "", 0)
    return (frame.f_code.co_filename, frame.f_code.co_name, frame.f_lineno or 0)


def coroutine_text(coro):
    name = getattr(coro, "__qualname__", None) or type(coro).__name__
    frame = getattr(coro, "cr_frame", None) or getattr(coro, "gi_frame", None)
    if frame is None:
        return f"{name}()"
    code = frame.f_code
    count = code.co_argcount + code.co_kwonlyargcount
    names = [n for n in code.co_varnames[:count] if n != "self"]
    values = frame.f_locals
    return f"{name}({', '.join(_safe_repr(values[n]) for n in names if n in values)})"


def created(task):
    """(name, coroutine, file, function, line) of a task its first call_soon reveals."""
    file, function, line = _where(user_frame(sys._getframe(1)))
    return (task.get_name(), coroutine_text(task.get_coro()), file, function, line)


# The primitives whose name shows an argument: sleep(1), wait_for(3).
_ARGUMENTS = {"sleep": "delay", "wait_for": "timeout"}


def code_facts(code):
    """(qualname, file, function, internal, primitive, argument, method) of a code object, asked once per code
    object by the C++ side, which walks a task's await chain after each step: whether the code is asyncio's own,
    how a wait in it is named, the parameter the name shows (or None), and whether its first parameter is self
    (the object a wait in asyncio's Queue.get or Lock.acquire is on)."""
    qualname = code.co_qualname
    method = code.co_argcount > 0 and code.co_varnames[0] == "self"
    return (qualname, code.co_filename, code.co_name, _internal(code.co_filename),
            _PRIMITIVES.get(qualname, qualname), _ARGUMENTS.get(qualname), method)


def finished(task):
    """(outcome, text) of a task that is done: "done" (text: its result), "failed" (the exception) or
    "cancelled"."""
    if task.cancelled():
        return ("cancelled", "CancelledError")
    exc = task._exception
    if exc is not None:
        try:
            text = f"{type(exc).__name__}: {exc}"
        except Exception:  # noqa: BLE001
            text = type(exc).__name__
        return ("failed", text)
    return ("done", _safe_repr(task._result))


def callback_text(callback):
    """How a plain callback is named on the timeline."""
    name = getattr(callback, "__qualname__", None) or type(callback).__name__
    return name
