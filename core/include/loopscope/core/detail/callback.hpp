#pragma once
// A scheduled unit of work without std::function: a static kind (a function
// and a name for instruments) plus the reference-counted object it acts on.
// When it runs, it also receives an argument: the future whose completion
// scheduled it, or null.
#include <functional>

#include "loopscope/core/detail/ref_counted.hpp"

namespace loopscope {
class future_base;
}

namespace loopscope::detail {

/// What a callback does. Instances are static constants, one per kind.
struct callback_kind {
    void (*run)(ref_counted* target, future_base* arg);
    const char* name;  ///< shown by instruments: "gather: child done", "sleep timer", ...
};

struct callback {
    const callback_kind* kind = nullptr;
    ref<ref_counted> target;
};

/// The target of a callback made from a std::function, with its own name.
class function_target final : public ref_counted {
public:
    function_target(const char* name, std::function<void(future_base*)> fn) : m_name(name), m_fn(std::move(fn)) {}
    const char* m_name;
    std::function<void(future_base*)> m_fn;
};

extern const callback_kind function_kind;

/// A callback that runs `fn` (given the future that scheduled it, or null).
/// Remove it from a future with remove_done_callback(&function_kind, target).
[[nodiscard]] inline callback make_callback(const char* name, std::function<void(future_base*)> fn) {
    return callback{&function_kind, make_ref<function_target>(name, std::move(fn))};
}

}  // namespace loopscope::detail
