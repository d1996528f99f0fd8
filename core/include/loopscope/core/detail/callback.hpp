#pragma once
// A scheduled unit of work without std::function: a static kind (a function
// and a name for instruments) plus the reference-counted object it acts on and,
// when a future schedules its done callbacks, that future as the argument.
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
    ref<future_base> arg;

    void operator()() const { kind->run(target.get(), arg.get()); }
};

}  // namespace loopscope::detail
