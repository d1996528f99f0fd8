#include "suspension.hpp"

#include <cmath>

#include "bridge.hpp"

namespace loopscope::python {

namespace {

/// repr() as text, or "" (no error left set).
std::string repr_text(PyObject* value) {
    py_ref r = py_ref::steal(PyObject_Repr(value));
    if (!r) PyErr_Clear();
    return text_of(r.get());
}

/// A primitive's argument as the scenarios write it: 1 for 1.0, 0.5, 3;
/// anything else through loopscope_observe._number (reprlib, guarded).
std::string number_text(PyObject* value) {
    if (PyFloat_CheckExact(value)) {
        const double v = PyFloat_AS_DOUBLE(value);
        if (!std::isfinite(v) || v != std::floor(v)) return repr_text(value);
        py_ref whole = py_ref::steal(PyLong_FromDouble(v));
        if (!whole) PyErr_Clear();
        return whole ? repr_text(whole.get()) : std::string();
    }
    if (PyLong_CheckExact(value)) {
        int overflow = 0;
        const long long v = PyLong_AsLongLongAndOverflow(value, &overflow);
        if (!overflow && v > -1'000'000'000 && v < 1'000'000'000) return std::to_string(v);
    }
    py_ref r = py_ref::steal(PyObject_CallMethod(bridge().observe.get(), "_number", "O", value));
    if (!r) PyErr_Clear();
    return text_of(r.get());
}

/// reprlib's words for the values most locals hold, without a Python call:
/// loopscope_observe._repr's limits (24 characters for a str, as it cuts
/// them; ints up to reprlib's 40 digits; short floats, bools, None).
/// Anything else, or longer, goes through loopscope_observe._safe_repr.
std::string value_text(PyObject* value) {
    constexpr Py_ssize_t max_string = 24, max_long = 40, max_other = 24;
    if (PyUnicode_CheckExact(value)) {
        py_ref head = py_ref::steal(PyUnicode_Substring(value, 0, max_string));
        py_ref shown = head ? py_ref::steal(PyObject_Repr(head.get())) : py_ref();
        if (shown && PyUnicode_GET_LENGTH(shown.get()) > max_string) {
            const Py_ssize_t n = PyUnicode_GET_LENGTH(shown.get()), i = (max_string - 3) / 2, j = max_string - 3 - i;
            py_ref left = py_ref::steal(PyUnicode_Substring(shown.get(), 0, i));
            py_ref right = py_ref::steal(PyUnicode_Substring(shown.get(), n - j, n));
            std::string text = text_of(left.get()) + "..." + text_of(right.get());
            if (left && right) return text;
        } else if (shown) {
            return text_of(shown.get());
        }
        PyErr_Clear();
    } else if (PyLong_CheckExact(value) || PyFloat_CheckExact(value) || PyBool_Check(value) || value == Py_None) {
        std::string text = repr_text(value);
        if (!text.empty() && Py_ssize_t(text.size()) <= (PyLong_CheckExact(value) ? max_long : max_other)) return text;
    }
    py_ref r = py_ref::steal(PyObject_CallMethod(bridge().observe.get(), "_safe_repr", "O", value));
    if (!r) PyErr_Clear();
    return text_of(r.get());
}

}  // namespace

const char* suspension_reader::keep(PyObject* text) { return m_texts.insert(text_of(text)).first->c_str(); }

suspension_reader::code_facts* suspension_reader::facts(PyObject* code) {
    if (auto it = m_codes.find(code); it != m_codes.end()) return &it->second;
    // (qualname, filename, name, internal, primitive, argument or None, method)
    py_ref info = py_ref::steal(PyObject_CallMethod(bridge().observe.get(), "code_facts", "O", code));
    if (!info || !PyTuple_Check(info.get()) || PyTuple_GET_SIZE(info.get()) != 7) {
        PyErr_Clear();
        return nullptr;
    }
    PyObject* const* item = &PyTuple_GET_ITEM(info.get(), 0);
    code_facts f;
    f.code = py_ref::borrow(code);
    f.qualname = keep(item[0]);
    f.where = {keep(item[1]), keep(item[2]), 0};
    f.internal = item[3] == Py_True;
    f.primitive = keep(item[4]);
    if (item[5] != Py_None) f.argument = py_ref::borrow(item[5]);
    f.method = item[6] == Py_True;
    return &m_codes.emplace(code, std::move(f)).first->second;
}

std::uint32_t suspension_reader::line_of(code_facts& facts, PyFrameObject* frame) {
    const int offset = PyFrame_GetLasti(frame);
    for (const auto& [at, line] : facts.lines)
        if (at == offset) return line;
    const int line = PyFrame_GetLineNumber(frame);
    const std::uint32_t known = line > 0 ? std::uint32_t(line) : 0;
    facts.lines.emplace_back(offset, known);
    return known;
}

std::string suspension_reader::primitive_text(const code_facts& facts, PyObject* frame) {
    if (!facts.argument) return facts.primitive;
    // sleep(delay), wait_for(timeout): the argument is in the frame's locals (a dict only here).
    PyObject* locals = PyFrame_GetLocals(reinterpret_cast<PyFrameObject*>(frame));
    if (!locals) PyErr_Clear();
    py_ref keep_locals = py_ref::steal(locals);
    PyObject* value = locals && PyDict_Check(locals) ? PyDict_GetItemWithError(locals, facts.argument.get()) : nullptr;
    if (!value) PyErr_Clear();
    return std::string(facts.primitive) + "(" + number_text(value ? value : Py_None) + ")";
}

std::string suspension_reader::waiter_text(PyObject* waiter) {
    if (waiter == Py_None) return {};
    const interned_names& n = bridge().names;
    if (PyObject_TypeCheck(waiter, reinterpret_cast<PyTypeObject*>(bridge().task_type.get()))) {
        py_ref name = call_method(waiter, n.get_name);
        if (!name) PyErr_Clear();
        return text_of(name.get());
    }
    PyObject* children = nullptr;
    if (_PyObject_LookupAttr(waiter, n.children.get(), &children) < 0) PyErr_Clear();
    if (!children) return "future";
    py_ref keep_children = py_ref::steal(children);
    const Py_ssize_t count = PyObject_Length(children);
    if (count < 0) {
        PyErr_Clear();
        return "future";
    }
    return "gather(" + std::to_string(count) + ")";
}

void suspension_reader::read_locals(PyObject* frame, suspension& out) {
    PyObject* locals = PyFrame_GetLocals(reinterpret_cast<PyFrameObject*>(frame));  // FastToLocals: a dict
    py_ref keep_locals = py_ref::steal(locals);
    if (!locals || !PyDict_Check(locals)) {
        PyErr_Clear();
        return;
    }
    Py_ssize_t at = 0;
    PyObject *name = nullptr, *value = nullptr;
    while (PyDict_Next(locals, &at, &name, &value)) {
        out.local_texts.emplace_back(text_of(name), value_text(value));
        m_objects.see(value, out.local_texts.back().first);
    }
}

std::uint32_t suspension_reader::waited_object(const code_facts* primitive, PyObject* primitive_frame,
                                               PyObject* waiter) {
    // What asyncio's innermost method waits in is its `self`: the queue of Queue.get, the lock of Lock.acquire.
    if (primitive && primitive->method) {
        PyObject* locals = PyFrame_GetLocals(reinterpret_cast<PyFrameObject*>(primitive_frame));
        if (!locals) PyErr_Clear();
        py_ref keep_locals = py_ref::steal(locals);
        PyObject* self = locals && PyDict_Check(locals) ? PyDict_GetItemWithError(locals, bridge().names.self_name.get())
                                                        : nullptr;
        if (!self) PyErr_Clear();
        if (const std::uint32_t number = self ? m_objects.see(self, {}) : 0) return number;
    }
    // Else an awaited task or gather, or a future the program's own code awaits (not sleep's).
    if (!waiter || waiter == Py_None) return 0;
    if (!primitive || m_objects.is_task_or_gather(waiter)) return m_objects.see(waiter, {});
    return 0;
}

void suspension_reader::read(PyObject* task, suspension& out) {
    const interned_names& n = bridge().names;
    out.waiting = false;
    out.awaiting.clear();
    out.at = {};
    out.chain.clear();
    out.local_texts.clear();
    std::vector<std::pair<std::size_t, std::size_t>> spans;  // each frame's [first, last) of local_texts
    const code_facts* primitive = nullptr;
    py_ref primitive_frame;
    py_ref object = call_method(task, n.get_coro);
    if (!object) PyErr_Clear();
    while (object) {
        // By exact type, as loopscope_observe did: a coroutine or a generator-based one (sleep(0)'s).
        const bool coroutine = PyCoro_CheckExact(object.get());
        if (!coroutine && !PyGen_CheckExact(object.get())) break;
        py_ref frame = attribute(object.get(), coroutine ? n.cr_frame : n.gi_frame);
        if (!frame || frame.get() == Py_None) break;
        auto* f = reinterpret_cast<PyFrameObject*>(frame.get());
        py_ref code = py_ref::steal(reinterpret_cast<PyObject*>(PyFrame_GetCode(f)));
        code_facts* facts = this->facts(code.get());
        if (!facts) break;
        source_location at = facts->where;
        at.line = line_of(*facts, f);
        out.chain.push_back({facts->qualname, at});
        const std::size_t first_local = out.local_texts.size();
        if (!facts->internal) {
            if (!primitive) out.at = at;  // the program's line, above asyncio's own frames
            read_locals(frame.get(), out);
        } else {
            primitive = facts;  // the innermost asyncio frame names it (Lock.acquire under __aenter__)
            primitive_frame = std::move(frame);
        }
        spans.emplace_back(first_local, out.local_texts.size());
        object = attribute(object.get(), coroutine ? n.cr_await : n.gi_yieldfrom);
    }
    // The views last: local_texts no longer grows.
    out.locals.clear();
    for (const auto& [name, value] : out.local_texts) out.locals.push_back({name, value});
    for (std::size_t i = 0; i < spans.size(); ++i)
        out.chain[i].locals = std::span<const frame_local>(out.locals).subspan(spans[i].first,
                                                                                spans[i].second - spans[i].first);
    py_ref waiter = attribute(task, n.fut_waiter);
    out.waiting = waiter && waiter.get() != Py_None;
    out.waits_on = out.waiting ? waited_object(primitive, primitive_frame.get(), waiter.get()) : 0;
    if (primitive)
        out.awaiting = primitive_text(*primitive, primitive_frame.get());
    else if (waiter)
        out.awaiting = waiter_text(waiter.get());
}

}  // namespace loopscope::python
