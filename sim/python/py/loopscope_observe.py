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
import types

_ASYNCIO_DIR = os.path.dirname(asyncio.__file__) + os.sep
_Coroutine = types.CoroutineType
_Generator = types.GeneratorType
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


def _primitive(frame):
    qualname = frame.f_code.co_qualname
    if qualname == "sleep":
        return f"sleep({_number(frame.f_locals.get('delay'))})"
    if qualname == "wait_for":
        return f"wait_for({_number(frame.f_locals.get('timeout'))})"
    return _PRIMITIVES.get(qualname, qualname)


def _waiter_text(waiter):
    if waiter is None:
        return ""
    if isinstance(waiter, asyncio.Task):
        return waiter.get_name()
    children = getattr(waiter, "_children", None)
    if children is not None:
        return f"gather({len(children)})"
    return "future"


def step_end(task):
    """(outcome, text, file, function, line, chain) after one step of `task`.

    outcome: "done" (text: the result), "failed" (the exception), "cancelled",
    "waiting" (text: what it waits on) or "yielded". The location is the
    program's line the task is suspended at; chain is the await chain, a
    (qualname, file, function, line) per frame from the task's coroutine down."""
    if task.done():
        if task.cancelled():
            return ("cancelled", "CancelledError", "", "", 0, ())
        exc = task._exception
        if exc is not None:
            try:
                text = f"{type(exc).__name__}: {exc}"
            except Exception:  # noqa: BLE001
                text = type(exc).__name__
            return ("failed", text, "", "", 0, ())
        return ("done", _safe_repr(task._result), "", "", 0, ())
    user = primitive = None
    chain = []
    obj = task.get_coro()
    while True:
        # By type, not getattr with a default: a miss would raise and swallow an AttributeError each step.
        kind = type(obj)
        if kind is _Coroutine:
            frame, below = obj.cr_frame, obj.cr_await
        elif kind is _Generator:
            frame, below = obj.gi_frame, obj.gi_yieldfrom
        else:
            break
        if frame is None:
            break
        code = frame.f_code
        chain.append((code.co_qualname, code.co_filename, code.co_name, frame.f_lineno or 0))
        if not _internal(code.co_filename):
            if primitive is None:
                user = frame  # the program's line, above asyncio's own frames
        else:
            primitive = frame  # the innermost asyncio frame names the primitive (Lock.acquire under __aenter__)
        obj = below
    waiter = task._fut_waiter
    text = _primitive(primitive) if primitive is not None else _waiter_text(waiter)
    return ("waiting" if waiter is not None else "yielded", text) + _where(user) + (tuple(chain),)


def callback_text(callback):
    """How a plain callback is named on the timeline."""
    name = getattr(callback, "__qualname__", None) or type(callback).__name__
    return name


def timer_text(callback, delay):
    """How a timer is named: a sleep's as the built-in scenarios name theirs ("timer: sleep(1)"; the
    window adds the task that armed it), others by their callback."""
    name = callback_text(callback)
    if name != "_set_result_unless_cancelled":
        return name
    return f"timer: sleep({delay:.6g})"
