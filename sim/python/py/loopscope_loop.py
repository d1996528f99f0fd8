"""The cold half of the program's event loop (the hot half is _loopscope.CoreLoop).

LoopscopeEventLoop mixes the C type with asyncio.AbstractEventLoop. Where
CPython's BaseEventLoop already says what a method does and only needs the
hot methods, its function is borrowed as is, so behaviour, messages and
tracebacks are CPython's own; so is BaseSelectorEventLoop's network code,
over the in-memory sockets and selector of loopscope_network. What would
leave the simulation is fenced: it raises NotSimulatedError naming the call.
"""

import asyncio
import collections
import sys
import threading
import types
import weakref
from asyncio import base_events, coroutines, events, selector_events

import _loopscope
import loopscope_network
import loopscope_threads
from loopscope_network import NotSimulatedError

_Base = base_events.BaseEventLoop
_Selector = selector_events.BaseSelectorEventLoop


def _fence(name):
    def fenced(self, *args, **kwargs):
        raise NotSimulatedError(f"loopscope: {name} is not simulated yet")
    fenced.__name__ = name
    fenced.__qualname__ = f"LoopscopeEventLoop.{name}"
    return fenced


class LoopscopeEventLoop(_loopscope.CoreLoop, events.AbstractEventLoop):
    """An asyncio event loop whose scheduling is Loopscope's core::event_loop."""

    def __init__(self):
        self._timer_cancelled_count = 0
        self._default_executor = None
        self._internal_fds = 0
        self._thread_id = None
        self._clock_resolution = 1e-09
        self._exception_handler = None
        self.set_debug(coroutines._is_debug_mode())
        self.slow_callback_duration = 0.1
        self._current_handle = None
        self._task_factory = None
        self._coroutine_origin_tracking_enabled = False
        self._coroutine_origin_tracking_saved_depth = None
        self._asyncgens = weakref.WeakSet()
        self._asyncgens_shutdown_called = False
        self._executor_shutdown_called = False
        # BaseEventLoop.close clears _ready and _scheduled: here that drops what
        # the core loop holds. Builtins, so that what their release triggers
        # (a "never awaited" warning, "Task was destroyed but it is pending!")
        # is reported at CPython's own line of close(), as it would be.
        self._ready = types.SimpleNamespace(clear=self._close_core, append=self._add_ready)
        self._scheduled = types.SimpleNamespace(clear=tuple)
        self._selector = loopscope_network.VirtualSelector(self._watch_io)
        self._transports = weakref.WeakValueDictionary()

    # CPython's own code, on the hot methods of CoreLoop.
    __repr__ = _Base.__repr__
    __del__ = _Base.__del__
    create_future = _Base.create_future
    create_task = _Base.create_task
    set_task_factory = _Base.set_task_factory
    get_task_factory = _Base.get_task_factory
    _check_closed = _Base._check_closed
    _check_running = _Base._check_running
    _check_callback = _Base._check_callback
    _check_thread = _Base._check_thread
    _asyncgen_finalizer_hook = _Base._asyncgen_finalizer_hook
    _asyncgen_firstiter_hook = _Base._asyncgen_firstiter_hook
    shutdown_asyncgens = _Base.shutdown_asyncgens
    shutdown_default_executor = _Base.shutdown_default_executor  # no executor exists: it returns at once
    run_forever = _Base.run_forever
    run_until_complete = _Base.run_until_complete
    is_closed = _Base.is_closed
    is_running = _Base.is_running
    set_debug = _Base.set_debug
    _set_coroutine_origin_tracking = _Base._set_coroutine_origin_tracking
    get_exception_handler = _Base.get_exception_handler
    set_exception_handler = _Base.set_exception_handler
    default_exception_handler = _Base.default_exception_handler
    call_exception_handler = _Base.call_exception_handler
    close = _Base.close
    _add_callback = _Base._add_callback
    # The network: CPython's selector-loop code on this host's in-memory sockets.
    _ensure_resolved = _Base._ensure_resolved
    _create_server_getaddrinfo = _Base._create_server_getaddrinfo
    _connect_sock = _Base._connect_sock
    _create_connection_transport = _Base._create_connection_transport
    _make_socket_transport = _Selector._make_socket_transport
    _start_serving = _Selector._start_serving
    _accept_connection = _Selector._accept_connection
    _accept_connection2 = _Selector._accept_connection2
    _stop_serving = _Selector._stop_serving
    _ensure_fd_no_transport = _Selector._ensure_fd_no_transport
    _add_reader = _Selector._add_reader
    _remove_reader = _Selector._remove_reader
    _add_writer = _Selector._add_writer
    _remove_writer = _Selector._remove_writer
    _process_events = _Selector._process_events
    sock_connect = _Selector.sock_connect
    _sock_connect = _Selector._sock_connect
    _sock_connect_cb = _Selector._sock_connect_cb
    _sock_write_done = _Selector._sock_write_done

    def _poll_io(self):
        """The selector's part of a poll (called by CoreLoop while sockets are registered)."""
        events = self._selector.select(0)
        self._process_events(events)
        return bool(events)

    async def getaddrinfo(self, host, port, *, family=0, type=0, proto=0, flags=0):
        # Inline: there is no resolver thread (the reference harness resolves inline too).
        return loopscope_network.getaddrinfo(host, port, family, type, proto, flags)

    async def create_server(self, protocol_factory, host=None, port=None, *, ssl=None, **kwargs):
        if ssl is not None:
            raise NotSimulatedError("loopscope: TLS (create_server(ssl=...)) is not simulated yet")
        return await _Base.create_server(self, protocol_factory, host, port, **kwargs)

    async def create_connection(self, protocol_factory, host=None, port=None, *, ssl=None, **kwargs):
        if ssl is not None:
            raise NotSimulatedError("loopscope: TLS (create_connection(ssl=...)) is not simulated yet")
        return await _Base.create_connection(self, protocol_factory, host, port, **kwargs)

    def call_soon_threadsafe(self, callback, *args, context=None):
        """On the loop's own thread this is call_soon; other threads are not simulated."""
        if self._thread_id is not None and threading.get_ident() != self._thread_id:
            raise NotSimulatedError("loopscope: call_soon_threadsafe from another thread is not simulated yet")
        self._check_closed()
        if self._debug:
            self._check_callback(callback, "call_soon_threadsafe")
        return self.call_soon(callback, *args, context=context)

    def run_in_executor(self, executor, func, *args):
        self._check_closed()
        if self._debug:
            self._check_callback(func, "run_in_executor")
        return loopscope_threads.run_in_executor(self, executor, func, args)

    def set_default_executor(self, executor):
        raise NotSimulatedError("loopscope: set_default_executor is not simulated yet")


# Everything else AbstractEventLoop declares would leave the simulation.
for _name in ("create_unix_server", "create_unix_connection", "create_datagram_endpoint", "getnameinfo",
              "sendfile", "start_tls", "connect_accepted_socket", "connect_read_pipe", "connect_write_pipe",
              "subprocess_shell", "subprocess_exec", "sock_recv", "sock_recv_into", "sock_recvfrom", "sock_recvfrom_into", "sock_sendall",
              "sock_sendto", "sock_accept", "sock_sendfile", "add_signal_handler",
              "remove_signal_handler"):
    setattr(LoopscopeEventLoop, _name, _fence(_name))
del _name


def _virtual_sockets_only(name):
    """BaseSelectorEventLoop's public fd method, for this host's sockets only (a real fd never gets ready here)."""
    method = getattr(_Selector, name)

    def checked(self, fd, *args):
        if not loopscope_network.is_virtual(fd):
            raise NotSimulatedError(f"loopscope: {name} on a real file descriptor is not simulated yet")
        return method(self, fd, *args)
    checked.__name__ = name
    checked.__qualname__ = f"LoopscopeEventLoop.{name}"
    return checked


for _name in ("add_reader", "remove_reader", "add_writer", "remove_writer"):
    setattr(LoopscopeEventLoop, _name, _virtual_sockets_only(_name))
del _name


class LoopscopeEventLoopPolicy(events.BaseDefaultEventLoopPolicy):
    """asyncio.run and get_event_loop() both make their loops here."""

    _loop_factory = LoopscopeEventLoop

    def get_child_watcher(self):
        raise NotSimulatedError("loopscope: get_child_watcher (subprocesses) is not simulated yet")

    def set_child_watcher(self, watcher):
        raise NotSimulatedError("loopscope: set_child_watcher (subprocesses) is not simulated yet")


def _fence_module_function(module, name):
    def fenced(*args, **kwargs):
        raise NotSimulatedError(f"loopscope: {name} is not simulated yet")
    fenced.__name__ = name
    setattr(module, name, fenced)


def install(latency):
    """Makes Loopscope's loop the one every asyncio entry point uses, on this host's network; fences processes."""
    asyncio.set_event_loop_policy(LoopscopeEventLoopPolicy())
    loopscope_network.install(latency)
    from asyncio import streams, subprocess
    for name in ("start_unix_server", "open_unix_connection"):
        _fence_module_function(streams, name)
        _fence_module_function(asyncio, name)
    for name in ("create_subprocess_exec", "create_subprocess_shell"):
        _fence_module_function(subprocess, name)
        _fence_module_function(asyncio, name)

