#include "object_registry.hpp"

#include <fmt/format.h>

#include "bridge.hpp"

namespace loopscope::python {

namespace {

py_ref type_from(const char* module, const char* name) {
    py_ref m = py_ref::steal(PyImport_ImportModule(module));
    py_ref type = m ? py_ref::steal(PyObject_GetAttrString(m.get(), name)) : py_ref();
    if (!type || !PyType_Check(type.get())) {
        PyErr_Clear();
        return {};
    }
    return type;
}

/// reprlib's shortened repr inside loopscope_observe's guard.
std::string safe_repr(PyObject* value) {
    py_ref r = py_ref::steal(PyObject_CallMethod(bridge().observe.get(), "_safe_repr", "O", value));
    if (!r) PyErr_Clear();
    return text_of(r.get());
}

/// A whole number attribute's value (0 when it is not one).
long long number_of(PyObject* value) {
    if (!value || !PyLong_CheckExact(value)) return 0;
    int overflow = 0;
    const long long v = PyLong_AsLongLongAndOverflow(value, &overflow);
    if (PyErr_Occurred()) PyErr_Clear();
    return overflow ? 0 : v;
}

/// "Task-2, Task-3" for at most a few names, "..." after them.
std::string name_list(const std::vector<std::string>& names) {
    constexpr std::size_t shown = 6;
    std::string text;
    for (std::size_t i = 0; i < names.size() && i < shown; ++i) text += (i ? ", " : "") + names[i];
    if (names.size() > shown) text += ", ...";
    return text;
}

}  // namespace

object_registry::object_registry(event_loop& loop, task_lookup lookup) : m_loop(loop), m_lookup(std::move(lookup)) {
    // Most specific first: gather's future and Task are Futures.
    const std::pair<std::pair<const char*, const char*>, object_kind> rules[] = {
        {{"asyncio.tasks", "_GatheringFuture"}, object_kind::gather},
        {{"asyncio", "Task"}, object_kind::task},
        {{"asyncio", "Future"}, object_kind::future},
        {{"asyncio", "Queue"}, object_kind::queue},
        {{"asyncio", "Lock"}, object_kind::lock},
        {{"asyncio", "Event"}, object_kind::event},
        {{"asyncio", "Semaphore"}, object_kind::semaphore},
        {{"asyncio", "Condition"}, object_kind::condition},
    };
    for (const auto& [where, kind] : rules) {
        py_ref type = type_from(where.first, where.second);
        if (!type) continue;
        m_rules.push_back({reinterpret_cast<PyTypeObject*>(type.get()), kind});
        m_types.push_back(std::move(type));
    }
    m_deque_type = type_from("collections", "deque");
    m_pending = py_ref::steal(PyUnicode_InternFromString("PENDING"));
    m_cancelled = py_ref::steal(PyUnicode_InternFromString("CANCELLED"));
}

std::optional<object_kind> object_registry::kind_of(PyObject* value) {
    PyTypeObject* type = Py_TYPE(value);
    for (const kind_rule& r : m_rules)
        if (type == r.type) return r.kind;
    if (!PyType_HasFeature(type, Py_TPFLAGS_HEAPTYPE)) return std::nullopt;  // int, str, list, ...
    for (const kind_rule& r : m_rules)
        if (PyType_IsSubtype(type, r.type)) return r.kind;
    return std::nullopt;
}

bool object_registry::is_task_or_gather(PyObject* value) {
    const auto kind = kind_of(value);
    return kind == object_kind::task || kind == object_kind::gather;
}

bool object_registry::readable(PyTypeObject* type, PyTypeObject* base, std::initializer_list<PyObject*> names) {
    if (type == base) return true;
    if (type->tp_getattro != PyObject_GenericGetAttr) return false;  // __getattribute__ or __getattr__
    for (PyObject* name : names)
        if (_PyType_Lookup(type, name) != _PyType_Lookup(base, name)) return false;  // a property, say
    return true;
}

bool object_registry::readable(PyTypeObject* type, object_kind kind) {
    PyTypeObject* base = nullptr;
    for (const kind_rule& r : m_rules)
        if (r.kind == kind && PyType_IsSubtype(type, r.type)) {
            base = r.type;
            break;
        }
    if (!base) return false;
    const interned_names& n = bridge().names;
    switch (kind) {
        case object_kind::queue: return readable(type, base, {n.queue.get(), n.maxsize.get()});
        case object_kind::lock: return readable(type, base, {n.locked.get()});
        case object_kind::event: return readable(type, base, {n.value.get()});
        case object_kind::semaphore: return readable(type, base, {n.value.get(), n.bound_value.get()});
        case object_kind::condition: return readable(type, base, {n.lock.get()});
        case object_kind::future:
        case object_kind::task: return readable(type, base, {n.state.get(), n.result.get(), n.exception.get()});
        case object_kind::gather:
            return readable(type, base, {n.state.get(), n.result.get(), n.exception.get(), n.children.get()});
    }
    return false;
}

std::uint32_t object_registry::see(PyObject* value, std::string_view name) {
    const auto kind = kind_of(value);
    if (!kind) return 0;
    if (auto it = m_numbers.find(value); it != m_numbers.end()) {
        entry& e = m_entries[it->second - 1];
        if (PyWeakref_GetObject(e.weak.get()) == value) {
            if (!e.named && !name.empty()) {  // first seen as what a task waits on, now under a name
                e.label = fmt::format("{} {}", e.type_name, name);
                e.named = e.label_changed = true;
            }
            return it->second;
        }
        m_numbers.erase(it);  // that one died; this is another object at its address
    }
    if (m_entries.size() >= max_objects || !readable(Py_TYPE(value), *kind)) return 0;
    py_ref weak = py_ref::steal(PyWeakref_NewRef(value, nullptr));
    if (!weak) {
        PyErr_Clear();
        return 0;
    }
    const auto number = std::uint32_t(m_entries.size() + 1);
    entry e;
    e.weak = std::move(weak);
    e.kind = *kind;
    const std::string_view type_name = Py_TYPE(value)->tp_name;  // "_asyncio.Task" for a C type
    e.type_name = *kind == object_kind::gather ? "gather" : type_name.substr(type_name.rfind('.') + 1);
    e.named = !name.empty();
    e.label = e.named ? fmt::format("{} {}", e.type_name, name) : fmt::format("{} #{}", e.type_name, number);
    m_entries.push_back(std::move(e));
    m_numbers.emplace(value, number);
    return number;
}

object_registry::fingerprint object_registry::fingerprint_of(const entry& e, PyObject* object) {
    const interned_names& n = bridge().names;
    fingerprint f{};
    switch (e.kind) {
        case object_kind::queue: {
            py_ref items = attribute(object, n.queue);
            if (!items) break;
            const Py_ssize_t size = PyObject_Length(items.get());
            if (size < 0) {
                PyErr_Clear();
                break;
            }
            f[0] = std::uintptr_t(size) + 1;
            // The ends' identities: a get and a put in one step keep the size.
            const bool sequence = PyList_CheckExact(items.get()) || Py_TYPE(items.get()) ==
                                  reinterpret_cast<PyTypeObject*>(m_deque_type.get());
            if (size > 0 && sequence) {
                py_ref first = py_ref::steal(PySequence_GetItem(items.get(), 0));
                py_ref last = py_ref::steal(PySequence_GetItem(items.get(), size - 1));
                if (!first || !last) PyErr_Clear();
                f[1] = std::uintptr_t(first.get());
                f[2] = std::uintptr_t(last.get());
            }
            break;
        }
        case object_kind::lock:
        case object_kind::condition: {
            py_ref lock = e.kind == object_kind::condition ? attribute(object, n.lock) : py_ref::borrow(object);
            py_ref locked = lock && readable(Py_TYPE(lock.get()), object_kind::lock) ? attribute(lock.get(), n.locked)
                                                                                    : py_ref();
            f[0] = locked.get() == Py_True;
            break;
        }
        case object_kind::event: f[0] = attribute(object, n.value).get() == Py_True; break;
        case object_kind::semaphore: f[0] = std::uintptr_t(number_of(attribute(object, n.value).get())); break;
        case object_kind::future:
        case object_kind::task:
        case object_kind::gather:
            f[0] = std::uintptr_t(attribute(object, n.state).get());  // an interned text: its address tells
            if (e.kind == object_kind::gather) f[1] = std::uintptr_t(m_finished), f[2] = e.children_done;
            break;
    }
    return f;
}

std::string object_registry::queue_text(PyObject* queue) {
    const interned_names& n = bridge().names;
    py_ref items = attribute(queue, n.queue);
    const long long size = items ? PyObject_Length(items.get()) : -1;
    if (size < 0) {
        PyErr_Clear();
        return "?";
    }
    const long long maxsize = number_of(attribute(queue, n.maxsize).get());
    std::string text = maxsize > 0 ? fmt::format("{} of {} items", size, maxsize)
                                   : fmt::format("{} item{}", size, size == 1 ? "" : "s");
    if (size == 0) return text;
    std::string contents = safe_repr(items.get());
    if (contents.starts_with("deque(") && contents.ends_with(")")) contents = contents.substr(6, contents.size() - 7);
    return text + ": " + contents;
}

std::string object_registry::future_text(PyObject* future) {
    const interned_names& n = bridge().names;
    py_ref state = attribute(future, n.state);
    if (!state) return "?";
    if (PyUnicode_Compare(state.get(), m_pending.get()) == 0) return "pending";
    if (PyUnicode_Compare(state.get(), m_cancelled.get()) == 0) return "cancelled";
    if (PyErr_Occurred()) PyErr_Clear();
    // _exception, not exception(): that would mark it retrieved.
    py_ref exception = attribute(future, n.exception);
    if (exception && exception.get() != Py_None) return "raised " + safe_repr(exception.get());
    py_ref result = attribute(future, n.result);
    return "result " + safe_repr(result ? result.get() : Py_None);
}

std::string object_registry::label_of(PyObject* object) const {
    auto it = m_numbers.find(object);
    if (it == m_numbers.end()) return {};
    const entry& e = m_entries[it->second - 1];
    return PyWeakref_GetObject(e.weak.get()) == object ? e.label : std::string();
}

std::string object_registry::gather_text(entry& e, PyObject* gather) {
    const std::string own = future_text(gather);
    if (own != "pending") return own;
    py_ref children = attribute(gather, bridge().names.children);
    if (!children || !PyList_CheckExact(children.get())) return own;
    const Py_ssize_t count = PyList_GET_SIZE(children.get());
    const bool named = count <= named_children;
    if (!named && e.children_counted) return fmt::format("{} of {} done", e.children_done, count);
    e.children_counted = !named;
    std::vector<std::string> done, pending;
    for (Py_ssize_t i = 0; i < count; ++i) {
        PyObject* child = PyList_GET_ITEM(children.get(), i);
        const auto kind = kind_of(child);
        if (!kind || !readable(Py_TYPE(child), *kind)) continue;
        const bool finished = future_text(child) != "pending";
        if (!named) {
            if (finished)
                ++e.children_done;
            else
                e.pending_children.insert(child);
            continue;
        }
        std::string name = kind == object_kind::task ? m_lookup(child).second : label_of(child);
        if (name.empty()) name = "a future";
        (finished ? done : pending).push_back(std::move(name));
    }
    if (!named) return fmt::format("{} of {} done", e.children_done, count);
    std::string text = fmt::format("{} of {} done", done.size(), count);
    if (!done.empty()) text += ": " + name_list(done);
    if (!pending.empty()) text += "; pending: " + name_list(pending);
    return text;
}

void object_registry::task_finished(PyObject* task) {
    ++m_finished;
    for (entry& e : m_entries)
        if (!e.gone && e.pending_children.erase(task)) ++e.children_done;
}

void object_registry::read(entry& e, PyObject* object, const fingerprint& f, task_id running) {
    const bool first = !e.read;
    e.read = f;
    switch (e.kind) {
        case object_kind::queue: e.state = queue_text(object); break;
        case object_kind::lock:
        case object_kind::condition: {
            const bool locked = f[0] != 0;
            // Who locked it is the step that saw it go from unlocked to locked; one first seen locked: unknown.
            if (!locked)
                e.holder = 0;
            else if (!e.locked && !first)
                e.holder = running;
            e.locked = locked;
            e.state = locked ? "locked" : "unlocked";
            break;
        }
        case object_kind::event: e.state = f[0] ? "set" : "not set"; break;
        case object_kind::semaphore: {
            py_ref bound = attribute(object, bridge().names.bound_value);
            e.state = bound ? fmt::format("value {} of {}", f[0], number_of(bound.get()))
                            : fmt::format("value {}", f[0]);
            break;
        }
        case object_kind::future: e.state = future_text(object); break;
        case object_kind::task:
            e.holder = m_lookup(object).first;
            e.state = future_text(object);
            break;
        case object_kind::gather: e.state = gather_text(e, object); break;
    }
}

void object_registry::refresh(task_id running) {
    for (std::size_t i = 0; i < m_entries.size(); ++i) {
        entry& e = m_entries[i];
        if (e.gone) continue;
        PyObject* object = PyWeakref_GetObject(e.weak.get());
        const auto number = std::uint32_t(i + 1);
        if (object == Py_None) {
            e.gone = true;
            m_loop.notify<&instrument::on_object_state>(object_state_info{number, e.kind, e.label, {}, 0});
            continue;
        }
        py_ref keep = py_ref::borrow(object);
        const fingerprint f = fingerprint_of(e, object);
        if (e.read == f && !e.label_changed) continue;  // most steps change nothing
        const std::string before = std::move(e.state);
        const task_id holder = e.holder;
        read(e, object, f, running);
        if (e.state == before && e.holder == holder && !e.label_changed) continue;
        e.label_changed = false;
        m_loop.notify<&instrument::on_object_state>(object_state_info{number, e.kind, e.label, e.state, e.holder});
    }
    if (PyErr_Occurred()) PyErr_Clear();
}

}  // namespace loopscope::python
