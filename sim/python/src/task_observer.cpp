#include "task_observer.hpp"

#include <algorithm>
#include <cstdio>

#include "bridge.hpp"

namespace loopscope::python {

namespace {

/// Calls loopscope_observe.<name>(arg); a failure is cleared (the observer never changes the program).
py_ref observe(const char* name, PyObject* arg) {
    py_ref r = py_ref::steal(PyObject_CallMethod(bridge().observe.get(), name, "O", arg));
    if (!r) PyErr_Clear();
    return r;
}

}  // namespace

task_observer::task_observer(event_loop& loop)
    : m_loop(loop), m_objects(loop, [this](PyObject* task) {
          const known_task* t = find(task);
          return t ? std::pair{t->id, t->name} : std::pair<task_id, std::string>{};
      }) {}

task_observer::known_task* task_observer::find(PyObject* task) {
    auto it = m_tasks.find(task);
    if (it == m_tasks.end()) return nullptr;
    if (PyWeakref_GetObject(it->second.weak.get()) != task) {
        m_by_id[it->second.id] = nullptr;
        m_tasks.erase(it);  // that task died; this is another object at its address
        return nullptr;
    }
    return &it->second;
}

std::optional<task_observer::step> task_observer::classify(PyObject* callback) {
    py_ref self = attribute(callback, bridge().names.self);
    if (!self) return std::nullopt;
    if (!PyObject_TypeCheck(self.get(), reinterpret_cast<PyTypeObject*>(bridge().task_type.get())))
        return std::nullopt;
    const bool wakeup = PyCFunction_Check(callback);  // task_wakeup; TaskStepMethWrapper otherwise
    known_task* t = find(self.get());
    if (!t) {
        py_ref info = observe("created", self.get());
        py_ref weak = py_ref::steal(PyWeakref_NewRef(self.get(), nullptr));
        if (!weak) {
            PyErr_Clear();
            return std::nullopt;
        }
        std::string name, coroutine, file, function;
        std::uint32_t line = 0;
        if (info && PyTuple_Check(info.get()) && PyTuple_GET_SIZE(info.get()) == 5) {
            name = text_of(PyTuple_GET_ITEM(info.get(), 0));
            coroutine = text_of(PyTuple_GET_ITEM(info.get(), 1));
            file = text_of(PyTuple_GET_ITEM(info.get(), 2));
            function = text_of(PyTuple_GET_ITEM(info.get(), 3));
            line = std::uint32_t(PyLong_AsUnsignedLong(PyTuple_GET_ITEM(info.get(), 4)));
            if (PyErr_Occurred()) PyErr_Clear();
        }
        const task_id id = m_loop.add_foreign_task(name, coroutine, m_current, location(file, function, line));
        t = &m_tasks.emplace(self.get(), known_task{std::move(weak), id, {}, name, {}, false}).first->second;
        if (id >= m_by_id.size()) m_by_id.resize(std::size_t(id) + 1);
        m_by_id[id] = t;
    }
    const bool started = t->started;
    const schedule_reason why = wakeup    ? schedule_reason::woken
                                : started ? schedule_reason::yielded
                                          : schedule_reason::first_step;
    return step{t->id, why, wakeup ? t->waiting : std::string(), std::move(self)};
}

void task_observer::report_cancel(const step& s, PyObject* future) {
    if (s.why != schedule_reason::woken) return;
    py_ref cancelled = call_method(future, bridge().names.cancelled);
    if (!cancelled) {
        PyErr_Clear();
        return;
    }
    if (cancelled.get() != Py_True) return;
    py_ref message = attribute(future, bridge().names.cancel_message);
    const std::string text = message && message.get() != Py_None ? text_of(message.get()) : std::string();
    m_loop.foreign_cancel_requested(s.id, m_current, text);
}

py_ref task_observer::task_object(task_id id) {
    known_task* t = by_id(id);
    PyObject* task = t ? PyWeakref_GetObject(t->weak.get()) : nullptr;
    return task && task != Py_None ? py_ref::borrow(task) : py_ref();
}

void task_observer::begin(task_id id) {
    m_current = id;
    if (known_task* t = by_id(id)) t->started = true;
}

void task_observer::end(PyObject* task, task_id id) {
    m_current = 0;
    step_end_info end{id, step_outcome::yielded, {}, {}, {}};
    py_ref done = call_method(task, bridge().names.done);
    if (!done) PyErr_Clear();
    std::string text;
    if (done.get() == Py_True) {
        py_ref info = observe("finished", task);
        std::string outcome;
        if (info && PyTuple_Check(info.get()) && PyTuple_GET_SIZE(info.get()) == 2) {
            outcome = text_of(PyTuple_GET_ITEM(info.get(), 0));
            text = text_of(PyTuple_GET_ITEM(info.get(), 1));
        }
        end.outcome = outcome == "cancelled" ? step_outcome::cancelled
                      : outcome == "failed"  ? step_outcome::failed
                                             : step_outcome::done;
        end.detail = text;
        m_objects.task_finished(task);
    } else {
        m_reader.read(task, m_suspension);
        end.outcome = m_suspension.waiting ? step_outcome::waiting : step_outcome::yielded;
        end.awaiting = m_suspension.awaiting;
        end.suspended_at = m_suspension.at;
        end.await_chain = m_suspension.chain;
        end.waits_on = m_suspension.waits_on;
        text = m_suspension.awaiting;
    }
    if (known_task* t = by_id(id)) {
        t->waiting = text;
        // set_name() is seen here: compared by identity first, the name's text only when it changed.
        py_ref name = call_method(task, bridge().names.get_name);
        if (!name) PyErr_Clear();
        if (name && name.get() != t->name_object.get()) {
            t->name_object = name;
            std::string now = text_of(name.get());
            if (!now.empty() && now != t->name) {
                t->name = std::move(now);
                if (m_loop.observed()) m_loop.notify<&instrument::on_task_renamed>(id, std::string_view(t->name));
            }
        }
    }
    m_objects.refresh(id);  // what the step changed comes before its end
    m_loop.foreign_step_end(end);
}

std::string task_observer::describe_waits() {
    // A snapshot first: Python code (a finalizer) may schedule, and so change m_tasks.
    struct live {
        task_id id;
        py_ref task;
        std::string waiting;
    };
    std::vector<live> tasks;
    for (auto& [object, t] : m_tasks) {
        PyObject* task = PyWeakref_GetObject(t.weak.get());
        if (task != Py_None) tasks.push_back({t.id, py_ref::borrow(task), t.waiting});
    }
    std::vector<std::pair<task_id, std::string>> waits;
    for (const auto& t : tasks) {
        py_ref done = py_ref::steal(PyObject_CallMethod(t.task.get(), "done", nullptr));
        if (!done) {
            PyErr_Clear();
            continue;
        }
        if (done.get() == Py_True) continue;
        py_ref name = py_ref::steal(PyObject_CallMethod(t.task.get(), "get_name", nullptr));
        std::string text = text_of(name.get());
        text += t.waiting.empty() ? " is not waiting" : " waits on " + t.waiting;
        waits.emplace_back(t.id, std::move(text));
    }
    std::sort(waits.begin(), waits.end());
    std::string s;
    for (const auto& [id, text] : waits) s += (s.empty() ? "" : "; ") + text;
    return s;
}

std::string task_observer::callback_label(PyObject* callback) {
    py_ref r = observe("callback_text", callback);
    return text_of(r.get());
}

std::string task_observer::timer_label(PyObject* callback, double when) {
    if (callback != bridge().sleep_callback.get()) return callback_label(callback);
    char text[64];  // a sleep's, as the built-in scenarios name theirs (the window adds the task that armed it)
    std::snprintf(text, sizeof text, "timer: sleep(%.6g)", when - m_loop.time());
    return text;
}

source_location task_observer::location(const std::string& file, const std::string& function, std::uint32_t line) {
    if (file.empty()) return {};
    const char* f = m_texts.insert(file).first->c_str();
    const char* fn = m_texts.insert(function).first->c_str();
    return {f, fn, line};
}

}  // namespace loopscope::python
