#pragma once
// The C++ half of a differential test: each tests/twins/<name>.cpp registers a
// coroutine that does what tests/twins/<name>.py does. The runner prints the
// same `t=<seconds> <text>` log as tests/cpython/vtime.py, and CTest compares
// the two line for line.
#include <functional>
#include <map>
#include <string>

#include "loopscope/core.hpp"

namespace twins {

using entry = std::function<loopscope::coro<>()>;

/// All twins by name.
std::map<std::string, entry>& registry();

struct registration {
    registration(const char* name, entry e) { registry().emplace(name, std::move(e)); }
};

/// Python's type(e).__name__ for the exceptions twins raise and catch.
std::string python_type_name(const std::exception_ptr& e);
/// Python's str(e).
std::string python_str(const std::exception_ptr& e);

}  // namespace twins

/// Defines the twin's main coroutine: `TWIN(countdown_gather) { ... co_return; }`.
#define TWIN(name)                                                        \
    static loopscope::coro<> twin_##name();                               \
    static const twins::registration twin_reg_##name(#name, &twin_##name); \
    static loopscope::coro<> twin_##name()
