#include "loopscope/core/gather.hpp"

#include <algorithm>

namespace loopscope::detail {

const callback_kind gathering_base::child_done_kind{&gathering_base::on_child_done, "gather: child done"};

void gathering_base::add_child(ref<future_base> child) {
    const bool seen = std::find(m_children.begin(), m_children.end(), child) != m_children.end();
    if (!seen) {
        ++m_unique;
        child->add_done_callback(callback{&child_done_kind, this});
    }
    m_children.push_back(std::move(child));
}

bool gathering_base::cancel(std::string message) {
    if (done()) return false;
    bool any = false;
    for (auto& child : m_children)
        if (child->cancel(message)) any = true;
    // A child that was cancelled makes the gather raise cancelled_error even
    // with return_exceptions (bpo-32684).
    if (any) m_cancel_requested = true;
    return any;
}

std::string gathering_base::describe() const { return "gather(" + std::to_string(m_children.size()) + ")"; }

// gather's _done_callback.
void gathering_base::on_child_done(ref_counted* self, future_base* child) {
    auto& g = *static_cast<gathering_base*>(self);
    ++g.m_finished;
    if (g.done()) {
        if (!child->cancelled()) (void)child->exception();  // mark it retrieved
        return;
    }
    if (!g.m_return_exceptions) {
        if (child->cancelled()) {
            g.set_exception(child->make_cancelled_error());
            return;
        }
        if (auto e = child->exception()) {
            g.set_exception(e);
            return;
        }
    }
    if (g.m_finished == g.m_unique) {
        if (g.m_cancel_requested) {
            // asyncio uses the loop variable left over from collecting: the last child.
            g.set_exception(g.m_children.back()->make_cancelled_error());
        } else {
            g.set_collected_result();
        }
    }
}

}  // namespace loopscope::detail
