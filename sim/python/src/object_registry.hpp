#pragma once
// The program's synchronisation objects the recorder has seen: instances of
// asyncio's Queue, Lock, Event, Semaphore, Condition, Future, Task and
// gather's future, found as the values of suspended frames' variables and as
// what a task waits on (the `self` of Queue.get, an awaited task). Each gets a
// number in first-seen order and a label ("Queue q"); after every step the
// registry re-reads their state and reports those whose state changed.
//
// Reading never runs the program's code: only asyncio's own attributes are
// read (`_queue`, `_locked`, `_value`, `_state`, ...), and of a subclass only
// when it overrides neither attribute lookup nor those attributes; contents
// and results go through reprlib in loopscope_observe's guard. Objects are
// held by weak references, so the registry keeps none of them alive.
#include <array>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "loopscope/core/event_loop.hpp"
#include "py_ref.hpp"

namespace loopscope::python {

class object_registry {
public:
    /// How the trace knows a Python task: its id (0: not one of the loop's) and its name.
    using task_lookup = std::function<std::pair<task_id, std::string>(PyObject*)>;
    /// At most this many objects are followed (the first seen): the cost of a step stays bounded.
    static constexpr std::size_t max_objects = 64;

    object_registry(event_loop& loop, task_lookup lookup);

    /// Registers `value` when it is one of the kinds and new; `name` is the variable it was seen as
    /// ("" for what a task waits on). Returns its number, or 0 when it is none of the kinds (or the
    /// registry is full).
    std::uint32_t see(PyObject* value, std::string_view name);
    /// Whether `value` is a task or a gather's future: what a task awaits directly worth following.
    [[nodiscard]] bool is_task_or_gather(PyObject* value);
    /// `task` finished: the count of a gather's done children may have changed.
    void task_finished(PyObject* task);
    /// After a step of `running` (0: none): re-reads the objects and reports each whose state changed,
    /// or that is gone.
    void refresh(task_id running);

private:
    /// What a state's text is made from, compared before the text is built: most steps change nothing.
    using fingerprint = std::array<std::uintptr_t, 3>;
    struct entry {
        py_ref weak;
        object_kind kind{};
        std::string type_name;  ///< "Queue", "BoundedSemaphore", "gather"
        std::string label;
        bool named = false;       ///< the label has a variable's name
        bool label_changed = true;
        bool gone = false;
        std::optional<fingerprint> read;  ///< empty until the first read
        /// A large gather's children not yet seen finish (their addresses: the gather holds them), and how
        /// many have: counted as tasks finish, not by reading every child at every step.
        std::unordered_set<PyObject*> pending_children;
        std::size_t children_done = 0;
        bool children_counted = false;
        std::string state;
        task_id holder = 0;
        bool locked = false;  ///< lock, condition: at the last read
    };
    struct kind_rule {
        PyTypeObject* type;
        object_kind kind;
    };

    [[nodiscard]] std::optional<object_kind> kind_of(PyObject* value);
    /// Whether the attributes `names` of an instance of `type` (a subclass of `base`) are asyncio's own.
    [[nodiscard]] static bool readable(PyTypeObject* type, PyTypeObject* base, std::initializer_list<PyObject*> names);
    [[nodiscard]] bool readable(PyTypeObject* type, object_kind kind);
    /// Sets e's state text and holder from `object`, whose fingerprint is `f`.
    void read(entry& e, PyObject* object, const fingerprint& f, task_id running);
    [[nodiscard]] fingerprint fingerprint_of(const entry& e, PyObject* object);
    [[nodiscard]] std::string future_text(PyObject* future);
    [[nodiscard]] std::string gather_text(entry& e, PyObject* gather);
    /// A gather with more children than this shows their numbers, not their names.
    static constexpr Py_ssize_t named_children = 12;
    /// The label of `object` when it is registered ("" otherwise).
    [[nodiscard]] std::string label_of(PyObject* object) const;
    [[nodiscard]] std::string queue_text(PyObject* queue);

    event_loop& m_loop;
    task_lookup m_lookup;
    std::vector<kind_rule> m_rules;  ///< most specific first: a subclass before its base
    py_ref m_deque_type;
    py_ref m_pending, m_cancelled;  ///< a future's _state texts
    std::vector<py_ref> m_types;    ///< keeps m_rules' types
    std::vector<entry> m_entries;   ///< entry i is object number i + 1
    std::unordered_map<PyObject*, std::uint32_t> m_numbers;  ///< by address: checked against the weak reference
    std::uint64_t m_finished = 0;  ///< tasks finished: a small gather's children are read again when it moves
};

}  // namespace loopscope::python
