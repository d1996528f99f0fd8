#pragma once
// Where a Python task is suspended after a step, read from its coroutine
// objects in C: the await chain (a frame per coroutine, from the task's own
// down to asyncio's primitive), the program's line it stopped at, and what it
// waits on ("sleep(1)", "queue.get", "Task-3").
//
// This runs after every step while a trace is recorded, so what a code object
// says (its names, whether it is asyncio's own, which primitive it is) is
// asked of loopscope_observe.code_facts once per code object and kept.
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "loopscope/core/instrument.hpp"
#include "object_registry.hpp"
#include "py_ref.hpp"

namespace loopscope::python {

class suspension_reader {
public:
    /// `texts` keeps the names it reads; shared with the observer's locations, so that one file or
    /// function is one string (the recorder knows a location by its strings' addresses).
    /// The frames' variables and what the task waits on are shown to `objects`.
    suspension_reader(std::unordered_set<std::string>& texts, object_registry& objects)
        : m_texts(texts), m_objects(objects) {}

    struct suspension {
        bool waiting = false;  ///< on a future (_fut_waiter); false for a bare yield
        std::string awaiting;  ///< what it waits on; "sleep(0)" for a bare yield inside sleep(0)
        source_location at;    ///< the program's innermost line above asyncio's frames
        std::vector<await_frame> chain;  ///< its frames' locals point into `locals`
        std::vector<std::pair<std::string, std::string>> local_texts;  ///< (name, value) of every frame's
        std::vector<frame_local> locals;
        std::uint32_t waits_on = 0;  ///< the registered object it waits on (0: none)
    };
    /// Reads `task`, which is not done, into `out` (its buffers are reused).
    /// What cannot be read is left empty; no Python error is left set.
    void read(PyObject* task, suspension& out);

private:
    struct code_facts {
        py_ref code;  ///< kept: its address is the key
        const char* qualname = "";
        source_location where;  ///< file and function; the line is the frame's
        bool internal = false;  ///< asyncio's own (or generated) code
        const char* primitive = "";  ///< how a wait in it is named: "queue.get", "sleep"
        bool method = false;  ///< its first parameter is `self` (Queue.get's queue)
        py_ref argument;  ///< the parameter the name shows ("delay" for sleep), or empty
        /// (instruction offset, line) of the places it was seen suspended at: a few per code object.
        std::vector<std::pair<int, std::uint32_t>> lines;
    };
    code_facts* facts(PyObject* code);
    /// The frame's line, from the code's cache: computing it from the line table is dearer.
    static std::uint32_t line_of(code_facts& facts, PyFrameObject* frame);
    std::string primitive_text(const code_facts& facts, PyObject* frame);
    std::string waiter_text(PyObject* waiter);
    /// Appends the program frame's local variables to out.local_texts (and shows them to m_objects).
    void read_locals(PyObject* frame, suspension& out);
    /// The registered object a task suspended in `primitive` (with `waiter` its _fut_waiter) waits on.
    std::uint32_t waited_object(const code_facts* primitive, PyObject* primitive_frame, PyObject* waiter);
    const char* keep(PyObject* text);

    std::unordered_map<PyObject*, code_facts> m_codes;
    std::unordered_set<std::string>& m_texts;  ///< node-based: c_str() stays valid
    object_registry& m_objects;
};

}  // namespace loopscope::python
