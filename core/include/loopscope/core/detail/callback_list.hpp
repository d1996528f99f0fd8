#pragma once
// A future's done callbacks: nearly always zero or one (the awaiting task), so
// the first is stored inline and only further ones allocate.
#include <cstddef>
#include <memory>
#include <vector>

#include "loopscope/core/detail/callback.hpp"

namespace loopscope::detail {

class callback_list {
public:
    [[nodiscard]] bool empty() const noexcept { return m_first.kind == nullptr; }

    void push_back(callback cb) {
        if (empty()) {
            m_first = std::move(cb);
            return;
        }
        if (!m_rest) m_rest = std::make_unique<std::vector<callback>>();
        m_rest->push_back(std::move(cb));
    }

    /// Removes every callback of this kind on this target (Future.remove_done_callback).
    std::size_t remove(const callback_kind* kind, const ref_counted* target);

    /// Empties the list, handing each callback to `f` in registration order.
    template <class F>
    void drain(F&& f) {
        if (empty()) return;
        auto first = std::move(m_first);
        m_first = {};
        auto rest = std::move(m_rest);
        f(std::move(first));
        if (rest)
            for (auto& cb : *rest) f(std::move(cb));
    }

private:
    callback m_first;
    std::unique_ptr<std::vector<callback>> m_rest;
};

}  // namespace loopscope::detail
