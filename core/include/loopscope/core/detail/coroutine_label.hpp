#pragma once
// A coroutine's name for lanes and logs: "countdown(3)". The function name
// comes from the call site of get_return_object; the arguments from the
// promise constructor, which receives the coroutine's parameters. Formatting
// arguments costs time, so it happens only while some instrument is attached
// (coroutine labels are for observers).
#include <atomic>
#include <memory>
#include <string>

#include "loopscope/core/detail/text.hpp"

namespace loopscope::detail {

/// True while any loop has an instrument attached.
inline std::atomic<int> g_observers{0};

/// True for a source file of the runtime itself (core/): its coroutines
/// (queue.get, event.wait, TaskGroup) are plumbing, and a suspension inside
/// them is reported at the user's co_await that called them.
[[nodiscard]] bool is_runtime_source(const char* file) noexcept;

struct coroutine_label {
    const char* function = "";
    std::unique_ptr<std::string> arguments;  ///< "3, 'a'"; null when not recorded

    /// "countdown(3)"; "countdown" when the arguments were not recorded.
    [[nodiscard]] std::string text() const {
        std::string s = function;
        if (arguments) s += "(" + *arguments + ")";
        return s;
    }
};

/// The printable arguments of a call, separated by ", ". Arguments without a
/// repr (the object of a member function, a lambda's closure) are left out.
template <class... Args>
coroutine_label describe_call(const Args&... args) {
    coroutine_label label;
    if (g_observers.load(std::memory_order_relaxed) == 0) return label;
    label.arguments = std::make_unique<std::string>();
    auto& s = *label.arguments;
    [[maybe_unused]] auto add = [&s](const auto& a) {
        using A = std::decay_t<decltype(a)>;
        if constexpr (has_repr<A>) {
            if (!s.empty()) s += ", ";
            append_repr(s, a);
        }
    };
    (add(args), ...);
    return label;
}

}  // namespace loopscope::detail
