#include "core_loop.hpp"

#include <exception>
#include <iterator>
#include <memory>
#include <new>
#include <string>
#include <unordered_map>

#include "bridge.hpp"
#include "held_handles.hpp"
#include "loopscope/core/exceptions.hpp"
#include "run_budget.hpp"
#include "task_observer.hpp"
#include "virtual_time.hpp"

// [SECTION] state      the object and the core loop it owns
// [SECTION] handles    running an asyncio Handle from the core's ready queue
// [SECTION] methods    call_soon, call_later, call_at, time, _run_once, stop, ...
// [SECTION] type       the type object
//
// Handles are CPython's own asyncio.Handle / TimerHandle objects: their
// _run() calls context.run(callback, *args) and reports an exception through
// loop.call_exception_handler, so messages and reprs are CPython's. The core
// loop decides when each runs: its ready queue, its heapq-ordered timer heap,
// its clock.

namespace loopscope::python {

namespace {

// [SECTION] state

struct core_loop_object {
    PyObject_HEAD
    event_loop* m_loop;  ///< owned; null once closed
    task_observer* m_observer;  ///< owned; only when the loop was observed from its creation
    struct scheduled_timer {
        timer_handle core;
        held_handles::slot slot;
    };
    /// Each TimerHandle still scheduled (cancel() reaches it through _timer_handle_cancelled).
    std::unordered_map<PyObject*, scheduled_timer>* m_timers;
    /// Every Handle the core loop's ready queue or timer heap holds.
    held_handles* m_held;
    /// A BaseException (SystemExit, KeyboardInterrupt) that escaped a handle:
    /// raised by _run_once once the iteration is over (type, value, traceback).
    PyObject* m_escaped[3];
    bool m_stopping;
    bool m_closed;
    bool m_debug;
    bool m_watching_io;  ///< the selector has sockets registered: each poll asks it (_poll_io)
};

core_loop_object* g_running = nullptr;  // the loop whose _run_once is on the stack

/// Destroys the core loop (loop.close(), dealloc). The handles it held are
/// released, which may run Python code (finalizers): the object is closed first.
void destroy_core(core_loop_object* self) noexcept {
    event_loop* loop = self->m_loop;
    if (!loop) return;
    if (const program_options* o = bridge().options; o && o->loop_closing) o->loop_closing(*loop);
    self->m_loop = nullptr;
    delete std::exchange(self->m_observer, nullptr);
    delete loop;
    self->m_timers->clear();
    self->m_held->clear();  // last: dropping a handle may run Python code, which finds the loop closed
}

PyObject* closed_error() {
    PyErr_SetString(PyExc_RuntimeError, "Event loop is closed");
    return nullptr;
}

// [SECTION] handles

/// Runs the handle in `slot`, which the core popped from its ready queue, as BaseEventLoop._run_once does.
void run_handle(core_loop_object* self, held_handles::slot slot) noexcept {
    py_ref held = self->m_held->release(slot);
    PyObject* handle = held.get();
    if (!handle) return;  // the loop was closed meanwhile
    const interned_names& names = bridge().names;
    py_ref cancelled = attribute(handle, names.cancelled_flag);
    if (cancelled && PyObject_IsTrue(cancelled.get()) == 1) return;
    if (run_budget* budget = current_budget()) budget->step_started();
    py_ref result = call_method(handle, names.run);
    if (!result) {
        // Handle._run reports Exceptions itself; what escapes is SystemExit,
        // KeyboardInterrupt (or an error in the handler): stop and raise it.
        if (self->m_escaped[0]) {
            PyErr_WriteUnraisable(handle);  // a second one in the same iteration
        } else {
            PyErr_Fetch(&self->m_escaped[0], &self->m_escaped[1], &self->m_escaped[2]);
        }
        self->m_stopping = true;
        if (self->m_loop) self->m_loop->stop();
    }
}

/// The selector's part of a poll: the handles of ready sockets join the ready
/// queue (BaseSelectorEventLoop._process_events). True when some did: the
/// poll returns at once, as select() does, and the clock does not move.
bool poll_io(core_loop_object* self) {
    if (!self->m_watching_io) return false;
    auto* op = reinterpret_cast<PyObject*>(self);
    py_ref any = py_ref::steal(PyObject_CallMethod(op, "_poll_io", nullptr));
    if (!any) {
        PyErr_WriteUnraisable(op);
        return false;
    }
    return PyObject_IsTrue(any.get()) == 1;
}

// [SECTION] methods

/// Splits FASTCALL keywords: only `context=` is accepted. False with a TypeError otherwise.
bool context_keyword(const char* method, PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames,
                     PyObject** context) {
    *context = Py_None;
    if (!kwnames) return true;
    for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(kwnames); ++i) {
        PyObject* name = PyTuple_GET_ITEM(kwnames, i);
        if (PyUnicode_CompareWithASCIIString(name, "context") != 0) {
            PyErr_Format(PyExc_TypeError, "%s() got an unexpected keyword argument '%U'", method, name);
            return false;
        }
        *context = args[nargs + i];
    }
    return true;
}

/// The debug-mode checks of BaseEventLoop.call_soon / call_at (thread, callback).
bool debug_checks(core_loop_object* self, PyObject* callback, const char* method) {
    if (!self->m_debug) return true;
    py_ref r = py_ref::steal(PyObject_CallMethod(reinterpret_cast<PyObject*>(self), "_check_thread", nullptr));
    if (!r) return false;
    r = py_ref::steal(
        PyObject_CallMethod(reinterpret_cast<PyObject*>(self), "_check_callback", "Os", callback, method));
    return bool(r);
}

/// Puts `handle` (whose callback is `callback`, its first argument `argument`
/// or null) on the core's ready queue, as a step of its task when the loop is
/// observed. False with a Python error.
bool enqueue(core_loop_object* self, PyObject* handle, PyObject* callback, PyObject* argument) {
    held_handles::slot slot = 0;
    try {
        slot = self->m_held->hold(handle);
    } catch (const std::bad_alloc&) {
        PyErr_NoMemory();
        return false;
    }
    try {
        task_observer* observer = self->m_loop->observed() ? self->m_observer : nullptr;
        auto run = [self, slot]() { run_handle(self, slot); };
        if (!observer) {
            self->m_loop->call_soon(run);
        } else if (auto step = observer->classify(callback)) {
            if (argument) observer->report_cancel(*step, argument);  // a task_wakeup's argument: the future
            // The task stays alive while its step is pending: the handle's callback is bound to it.
            PyObject* task = step->task.get();
            self->m_loop->call_soon_step(step->id, step->why, step->cause,
                                         [self, observer, slot, task, id = step->id]() {
                py_ref keep_task = py_ref::borrow(task);
                observer->begin(id);
                run_handle(self, slot);
                observer->end(task, id);
            });
        } else {
            // A callback can change an object too: a gather's future is finished by its children's callbacks.
            self->m_loop->call_soon(
                [self, observer, slot]() {
                    run_handle(self, slot);
                    observer->callback_ended();
                },
                observer->callback_label(callback));
        }
    } catch (const std::bad_alloc&) {
        py_ref dropped = self->m_held->release(slot);
        PyErr_NoMemory();
        return false;
    }
    return true;
}

/// call_soon(callback, *args, context=None) -> asyncio.Handle
PyObject* loop_call_soon(PyObject* op, PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames) {
    auto* self = reinterpret_cast<core_loop_object*>(op);
    PyObject* context = nullptr;
    if (!context_keyword("call_soon", args, nargs, kwnames, &context)) return nullptr;
    if (nargs < 1) {
        PyErr_SetString(PyExc_TypeError, "call_soon() missing 1 required positional argument: 'callback'");
        return nullptr;
    }
    if (self->m_closed || !self->m_loop) return closed_error();
    if (!debug_checks(self, args[0], "call_soon")) return nullptr;
    py_ref rest = py_ref::steal(PyTuple_New(nargs - 1));
    if (!rest) return nullptr;
    for (Py_ssize_t i = 1; i < nargs; ++i) {
        Py_INCREF(args[i]);
        PyTuple_SET_ITEM(rest.get(), i - 1, args[i]);
    }
    PyObject* ctor_args[] = {args[0], rest.get(), op, context};
    py_ref handle = py_ref::steal(PyObject_Vectorcall(bridge().handle_type.get(), ctor_args, 4, nullptr));
    if (!handle || !enqueue(self, handle.get(), args[0], nargs > 1 ? args[1] : nullptr)) return nullptr;
    return handle.release();
}

/// _add_ready(handle): BaseEventLoop._add_callback's `_ready.append(handle)`, for the selector's handles.
PyObject* loop_add_ready(PyObject* op, PyObject* handle) {
    auto* self = reinterpret_cast<core_loop_object*>(op);
    if (self->m_closed || !self->m_loop) return closed_error();
    py_ref callback = py_ref::steal(PyObject_GetAttrString(handle, "_callback"));  // sockets only: not hot
    if (!callback || !enqueue(self, handle, callback.get(), nullptr)) return nullptr;
    Py_RETURN_NONE;
}

/// _watch_io(flag): whether polls must ask the selector (it has sockets registered).
PyObject* loop_watch_io(PyObject* op, PyObject* flag) {
    const int truth = PyObject_IsTrue(flag);
    if (truth < 0) return nullptr;
    reinterpret_cast<core_loop_object*>(op)->m_watching_io = truth;
    Py_RETURN_NONE;
}

/// call_at(when, callback, *args, context=None) -> asyncio.TimerHandle
PyObject* loop_call_at(PyObject* op, PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames) {
    auto* self = reinterpret_cast<core_loop_object*>(op);
    PyObject* context = nullptr;
    if (!context_keyword("call_at", args, nargs, kwnames, &context)) return nullptr;
    if (nargs < 2) {
        PyErr_Format(PyExc_TypeError, "call_at() missing %d required positional argument%s", int(2 - nargs),
                     nargs == 1 ? ": 'callback'" : "s: 'when' and 'callback'");
        return nullptr;
    }
    if (args[0] == Py_None) {
        PyErr_SetString(PyExc_TypeError, "when cannot be None");
        return nullptr;
    }
    if (self->m_closed || !self->m_loop) return closed_error();
    if (!debug_checks(self, args[1], "call_at")) return nullptr;
    const double when = PyFloat_AsDouble(args[0]);
    if (when == -1.0 && PyErr_Occurred()) return nullptr;
    py_ref rest = py_ref::steal(PyTuple_New(nargs - 2));
    if (!rest) return nullptr;
    for (Py_ssize_t i = 2; i < nargs; ++i) {
        Py_INCREF(args[i]);
        PyTuple_SET_ITEM(rest.get(), i - 2, args[i]);
    }
    PyObject* ctor_args[] = {args[0], args[1], rest.get(), op, context};
    py_ref timer = py_ref::steal(PyObject_Vectorcall(bridge().timer_handle_type.get(), ctor_args, 5, nullptr));
    if (!timer) return nullptr;
    if (PyObject_SetAttr(timer.get(), bridge().names.scheduled.get(), Py_True) < 0) return nullptr;
    PyObject* t = timer.get();
    held_handles::slot slot = 0;
    try {
        slot = self->m_held->hold(t);
    } catch (const std::bad_alloc&) {
        return PyErr_NoMemory();
    }
    try {
        auto fire = [self, t, slot]() {
            self->m_timers->erase(t);
            run_handle(self, slot);
        };
        task_observer* observer = self->m_loop->observed() ? self->m_observer : nullptr;
        timer_handle h = observer ? self->m_loop->call_at(when, std::move(fire), observer->timer_label(args[1], when))
                                  : self->m_loop->call_at(when, std::move(fire));
        self->m_timers->emplace(t, core_loop_object::scheduled_timer{std::move(h), slot});
    } catch (const std::bad_alloc&) {
        py_ref dropped = self->m_held->release(slot);
        return PyErr_NoMemory();
    }
    return timer.release();
}

/// call_later(delay, callback, *args, context=None): call_at(self.time() + delay, ...)
PyObject* loop_call_later(PyObject* op, PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames) {
    if (nargs < 2) {
        PyErr_Format(PyExc_TypeError, "call_later() missing %d required positional argument%s", int(2 - nargs),
                     nargs == 1 ? ": 'callback'" : "s: 'delay' and 'callback'");
        return nullptr;
    }
    if (args[0] == Py_None) {
        PyErr_SetString(PyExc_TypeError, "delay must not be None");
        return nullptr;
    }
    py_ref now = py_ref::steal(PyFloat_FromDouble(virtual_now()));
    if (!now) return nullptr;
    py_ref when = py_ref::steal(PyNumber_Add(now.get(), args[0]));
    if (!when) return nullptr;
    // The same vector with `when` in place of `delay` (keyword values follow the positionals).
    const Py_ssize_t total = nargs + (kwnames ? PyTuple_GET_SIZE(kwnames) : 0);
    PyObject* few[8];  // sleep()'s call_later has 3 (delay, callback, future) and 1 keyword
    std::unique_ptr<PyObject*[]> many;
    PyObject** shifted = few;
    if (total > Py_ssize_t(std::size(few))) {
        many.reset(new (std::nothrow) PyObject*[std::size_t(total)]);
        if (!many) return PyErr_NoMemory();
        shifted = many.get();
    }
    shifted[0] = when.get();
    for (Py_ssize_t i = 1; i < total; ++i) shifted[i] = args[i];
    return loop_call_at(op, shifted, nargs, kwnames);
}

PyObject* loop_time(PyObject*, PyObject*) { return PyFloat_FromDouble(virtual_now()); }

/// _run_once(): one iteration of the core loop.
PyObject* loop_run_once(PyObject* op, PyObject*) {
    auto* self = reinterpret_cast<core_loop_object*>(op);
    if (!self->m_loop) return closed_error();
    core_loop_object* outer = g_running;
    g_running = self;
    bool stopped = false;
    try {
        stopped = self->m_loop->run_once();
    } catch (const deadlock_error&) {
        g_running = outer;
        stop_run("deadlock", nullptr, 3);
    } catch (const std::exception& e) {
        g_running = outer;
        PyErr_Format(PyExc_RuntimeError, "loopscope: the loop failed: %s", e.what());
        return nullptr;
    }
    g_running = outer;
    // An instrument stopped the core loop (the recorder's event budget): asyncio's
    // run_forever would go on calling _run_once, which could no longer move the clock.
    if (stopped && !self->m_stopping) stop_run("trace_full", nullptr, 3);
    if (self->m_escaped[0]) {
        PyErr_Restore(self->m_escaped[0], self->m_escaped[1], self->m_escaped[2]);
        self->m_escaped[0] = self->m_escaped[1] = self->m_escaped[2] = nullptr;
        return nullptr;
    }
    Py_RETURN_NONE;
}

PyObject* loop_stop(PyObject* op, PyObject*) {
    auto* self = reinterpret_cast<core_loop_object*>(op);
    self->m_stopping = true;
    if (self->m_loop) self->m_loop->stop();
    Py_RETURN_NONE;
}

/// _timer_handle_cancelled(handle): TimerHandle.cancel() tells the loop; the core drops the timer.
PyObject* loop_timer_handle_cancelled(PyObject* op, PyObject* handle) {
    auto* self = reinterpret_cast<core_loop_object*>(op);
    auto it = self->m_timers->find(handle);
    if (it != self->m_timers->end()) {
        core_loop_object::scheduled_timer timer = std::move(it->second);
        self->m_timers->erase(it);
        timer.core.cancel();
        py_ref dropped = self->m_held->release(timer.slot);  // the caller holds another reference
    }
    Py_RETURN_NONE;
}

PyObject* loop_get_debug(PyObject* op, PyObject*) {
    return PyBool_FromLong(reinterpret_cast<core_loop_object*>(op)->m_debug);
}

/// _close_core(): BaseEventLoop.close's clearing of _ready and _scheduled.
PyObject* loop_close_core(PyObject* op, PyObject*) {
    destroy_core(reinterpret_cast<core_loop_object*>(op));
    Py_RETURN_NONE;
}

/// The bool member at offset `which` (a getset closure).
bool& flag(PyObject* op, void* which) {
    return *reinterpret_cast<bool*>(reinterpret_cast<char*>(op) + reinterpret_cast<std::ptrdiff_t>(which));
}

PyObject* get_flag(PyObject* op, void* which) { return PyBool_FromLong(flag(op, which)); }

int set_flag(PyObject* op, PyObject* value, void* which) {
    if (!value) {
        PyErr_SetString(PyExc_AttributeError, "cannot delete this attribute");
        return -1;
    }
    const int truth = PyObject_IsTrue(value);
    if (truth < 0) return -1;
    flag(op, which) = truth;
    return 0;
}

// [SECTION] type

PyObject* loop_new(PyTypeObject* type, PyObject*, PyObject*) {
    py_ref obj = py_ref::steal(type->tp_alloc(type, 0));
    if (!obj) return nullptr;
    auto* self = reinterpret_cast<core_loop_object*>(obj.get());
    self->m_escaped[0] = self->m_escaped[1] = self->m_escaped[2] = nullptr;
    self->m_stopping = self->m_closed = self->m_debug = self->m_watching_io = false;
    self->m_observer = nullptr;
    try {
        self->m_timers = new std::unordered_map<PyObject*, core_loop_object::scheduled_timer>();
        self->m_held = new held_handles();
        self->m_loop = new event_loop(std::make_unique<shared_virtual_clock>([self] { return poll_io(self); }));
        // CPython reports exceptions itself (Handle._run -> call_exception_handler).
        self->m_loop->set_exception_handler([](const loop_error&) {});
    } catch (const std::bad_alloc&) {
        return PyErr_NoMemory();
    }
    if (const program_options* o = bridge().options; o && o->loop_created) o->loop_created(*self->m_loop);
    if (self->m_loop->observed()) {
        try {
            self->m_observer = new task_observer(*self->m_loop);
            self->m_loop->set_foreign_waits([observer = self->m_observer] { return observer->describe_waits(); });
        } catch (const std::bad_alloc&) {
            return PyErr_NoMemory();
        }
    }
    return obj.release();
}

int loop_traverse(PyObject* op, visitproc visit, void* arg) {
    auto* self = reinterpret_cast<core_loop_object*>(op);
    if (self->m_held) {
        if (const int r = self->m_held->traverse(visit, arg)) return r;
    }
    Py_VISIT(self->m_escaped[0]);
    Py_VISIT(self->m_escaped[1]);
    Py_VISIT(self->m_escaped[2]);
    return 0;
}

int loop_clear(PyObject* op) {
    auto* self = reinterpret_cast<core_loop_object*>(op);
    if (self->m_held) destroy_core(self);
    Py_CLEAR(self->m_escaped[0]);
    Py_CLEAR(self->m_escaped[1]);
    Py_CLEAR(self->m_escaped[2]);
    return 0;
}

void loop_dealloc(PyObject* op) {
    auto* self = reinterpret_cast<core_loop_object*>(op);
    PyObject_GC_UnTrack(op);
    if (self->m_held) {
        destroy_core(self);
        delete self->m_timers;
        self->m_timers = nullptr;
        delete self->m_held;
        self->m_held = nullptr;
    }
    Py_CLEAR(self->m_escaped[0]);
    Py_CLEAR(self->m_escaped[1]);
    Py_CLEAR(self->m_escaped[2]);
    Py_TYPE(op)->tp_free(op);
}

PyMethodDef loop_methods[] = {
    {"call_soon", reinterpret_cast<PyCFunction>(reinterpret_cast<void (*)()>(loop_call_soon)),
     METH_FASTCALL | METH_KEYWORDS, "call_soon(callback, *args, context=None): run it in the next iteration"},
    {"call_later", reinterpret_cast<PyCFunction>(reinterpret_cast<void (*)()>(loop_call_later)),
     METH_FASTCALL | METH_KEYWORDS, "call_later(delay, callback, *args, context=None)"},
    {"call_at", reinterpret_cast<PyCFunction>(reinterpret_cast<void (*)()>(loop_call_at)),
     METH_FASTCALL | METH_KEYWORDS, "call_at(when, callback, *args, context=None)"},
    {"time", loop_time, METH_NOARGS, "The virtual clock, in seconds from the program's start"},
    {"_run_once", loop_run_once, METH_NOARGS, "One iteration of the core loop"},
    {"stop", loop_stop, METH_NOARGS, "Stop after the current iteration"},
    {"_timer_handle_cancelled", loop_timer_handle_cancelled, METH_O, "A TimerHandle was cancelled"},
    {"get_debug", loop_get_debug, METH_NOARGS, "The debug flag"},
    {"_close_core", loop_close_core, METH_NOARGS, "Drop every scheduled handle (loop.close())"},
    {"_add_ready", loop_add_ready, METH_O, "Append an asyncio.Handle to the ready queue"},
    {"_watch_io", loop_watch_io, METH_O, "Whether each poll asks the selector (_poll_io)"},
    {nullptr, nullptr, 0, nullptr},
};

PyGetSetDef loop_getset[] = {
    {"_stopping", get_flag, set_flag, "stop() was called",
     reinterpret_cast<void*>(offsetof(core_loop_object, m_stopping))},
    {"_closed", get_flag, set_flag, "close() was called",
     reinterpret_cast<void*>(offsetof(core_loop_object, m_closed))},
    {"_debug", get_flag, set_flag, "debug mode", reinterpret_cast<void*>(offsetof(core_loop_object, m_debug))},
    {nullptr, nullptr, nullptr, nullptr, nullptr},
};

// PyVarObject_HEAD_INIT leaves the other members to value-initialisation, on purpose.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"
PyTypeObject g_type = [] {
    PyTypeObject t{PyVarObject_HEAD_INIT(nullptr, 0)};
    t.tp_name = "_loopscope.CoreLoop";
    t.tp_basicsize = sizeof(core_loop_object);
    t.tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE | Py_TPFLAGS_HAVE_GC;
    t.tp_doc = "The hot methods of an asyncio event loop, over Loopscope's core::event_loop";
    t.tp_new = loop_new;
    t.tp_dealloc = loop_dealloc;
    t.tp_traverse = loop_traverse;
    t.tp_clear = loop_clear;
    t.tp_free = PyObject_GC_Del;
    t.tp_methods = loop_methods;
    t.tp_getset = loop_getset;
    return t;
}();
#pragma GCC diagnostic pop

}  // namespace

PyTypeObject* core_loop_type() { return PyType_Ready(&g_type) < 0 ? nullptr : &g_type; }

event_loop* running_core_loop() noexcept { return g_running ? g_running->m_loop : nullptr; }

bool post_what_if_cancel(task_id id) {
    task_observer* observer = running_observer();
    py_ref task = observer ? observer->task_object(id) : py_ref();
    if (!task) return false;
    py_ref done = call_method(task.get(), bridge().names.done);
    py_ref cancel = py_ref::steal(PyObject_GetAttrString(task.get(), "cancel"));
    py_ref posted = done && done.get() == Py_False && cancel
                        ? py_ref::steal(PyObject_CallMethod(reinterpret_cast<PyObject*>(g_running), "call_soon", "Os",
                                                            cancel.get(), "what-if"))
                        : py_ref();
    if (!posted) PyErr_Clear();
    return bool(posted);
}

task_observer* running_observer() noexcept {
    return g_running && g_running->m_loop && g_running->m_loop->observed() ? g_running->m_observer : nullptr;
}

}  // namespace loopscope::python
