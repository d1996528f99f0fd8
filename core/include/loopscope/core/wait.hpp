#pragma once
// asyncio.wait: wait for tasks until the first completes, the first raises,
// all complete, or a timeout passes. Cancels nothing; returns (done, pending).
#include <algorithm>
#include <optional>
#include <stdexcept>
#include <vector>

#include "loopscope/core/ensure_future.hpp"

namespace loopscope {

/// asyncio.FIRST_COMPLETED, FIRST_EXCEPTION, ALL_COMPLETED.
enum class return_when { first_completed, first_exception, all_completed };

/// What wait() returns: the tasks (or futures) done and pending, each in
/// the order they were given (Python returns sets).
template <class A>
struct wait_result {
    std::vector<A> done;
    std::vector<A> pending;
};

namespace detail {
/// asyncio.tasks._wait on type-erased futures.
coro<> wait_until(std::vector<ref<future_base>> fs, return_when when, std::optional<double> timeout);
}  // namespace detail

/// asyncio.wait(fs, return_when=..., timeout=...). `fs` holds tasks or
/// futures (not coroutines: Python 3.11 forbids them); duplicates count once.
/// Throws std::invalid_argument for an empty list.
template <class A>
    requires requires(const A& a) { a.base(); }
coro<wait_result<A>> wait(std::vector<A> fs, return_when when = return_when::all_completed,
                          std::optional<double> timeout = std::nullopt) {
    if (fs.empty()) throw std::invalid_argument("Set of Tasks/Futures is empty.");
    std::vector<A> unique;
    std::vector<detail::ref<future_base>> bases;
    for (auto& f : fs) {
        detail::ref<future_base> b(&f.base());
        if (std::find(bases.begin(), bases.end(), b) != bases.end()) continue;
        bases.push_back(b);
        unique.push_back(f);
    }
    co_await detail::wait_until(std::move(bases), when, timeout);
    wait_result<A> result;
    for (auto& f : unique) (f.done() ? result.done : result.pending).push_back(f);
    co_return result;
}

}  // namespace loopscope
