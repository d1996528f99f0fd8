#include "what_if_driver.hpp"

#include <algorithm>

namespace loopscope::sim {

what_if_driver::what_if_driver(event_loop& loop, const trace& t, std::vector<cancel_intervention> cancels,
                               std::function<void(task_id)> post_cancel)
    : m_loop(loop), m_trace(t), m_pending(std::move(cancels)), m_post_cancel(std::move(post_cancel)) {
    std::sort(m_pending.begin(), m_pending.end(), [](const auto& x, const auto& y) { return x.at_event < y.at_event; });
    if (!m_pending.empty()) m_loop.attach(*this);
}

what_if_driver::~what_if_driver() {
    if (!m_pending.empty()) m_loop.detach(*this);
}

void what_if_driver::post_due() {
    while (m_next < m_pending.size() && m_pending[m_next].at_event < m_trace.size())
        m_post_cancel(m_pending[m_next++].task);
}

}  // namespace loopscope::sim
