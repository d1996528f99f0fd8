#include "loopscope/sim/run.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "loopscope/core.hpp"

namespace loopscope::sim {

namespace {

/// Posts each what-if cancel once the recording reaches its event.
class intervention_driver final : public instrument {
public:
    intervention_driver(event_loop& loop, const trace& t, std::vector<cancel_intervention> cancels)
        : m_loop(loop), m_trace(t), m_pending(std::move(cancels)) {
        std::sort(m_pending.begin(), m_pending.end(),
                  [](const auto& x, const auto& y) { return x.at_event < y.at_event; });
        if (!m_pending.empty()) m_loop.attach(*this);
    }
    ~intervention_driver() override { m_loop.detach(*this); }
    intervention_driver(const intervention_driver&) = delete;
    intervention_driver& operator=(const intervention_driver&) = delete;

    // The points between handles, where posting a callback cannot disturb a step.
    void on_step_end(const step_end_info&) override { post_due(); }
    void on_callback_end(handle_id) override { post_due(); }
    void on_iteration_begin(std::uint64_t, double) override { post_due(); }

private:
    void post_due() {
        while (m_next < m_pending.size() && m_pending[m_next].at_event < m_trace.size()) {
            task_id id = m_pending[m_next++].task;
            auto tasks = m_loop.all_tasks();
            auto it = std::find_if(tasks.begin(), tasks.end(), [&](const any_task& t) { return t.id() == id; });
            if (it == tasks.end()) continue;  // already finished: nothing to cancel
            m_loop.call_soon([t = *it]() mutable { t.cancel("what-if"); });
        }
    }

    event_loop& m_loop;
    const trace& m_trace;
    std::vector<cancel_intervention> m_pending;
    std::size_t m_next = 0;
};

}  // namespace

std::string python_exception(const std::exception_ptr& e) {
    try {
        std::rethrow_exception(e);
    } catch (const cancelled_error& c) {
        return fmt::format("CancelledError: {}", c.what());
    } catch (const timeout_error& x) {
        return fmt::format("TimeoutError: {}", x.what());
    } catch (const invalid_state_error& x) {
        return fmt::format("InvalidStateError: {}", x.what());
    } catch (const exception_group& x) {
        return fmt::format("ExceptionGroup: {}", x.what());
    } catch (const std::invalid_argument& x) {
        return fmt::format("ValueError: {}", x.what());
    } catch (const std::exception& x) {
        return fmt::format("RuntimeError: {}", x.what());
    } catch (...) {
        return "Exception: (not a std::exception)";
    }
}

trace run_scenario(const scenario& s, const run_options& options) {
    trace t;
    t.origin.scenario = s.id;
    t.origin.parameters = options.parameters.as_text(s.parameters);
    t.origin.python_listing = s.python_listing;
    t.origin.cpp_listing = s.cpp_listing;
    t.origin.cpp_file = s.cpp_file;
    event_loop loop;
    loop.set_output([](std::string_view) {});  // the trace keeps the output
    loop.set_exception_handler([](const loop_error&) {});  // and the errors (on_error)
    recorder rec(loop, t, options.budget);
    intervention_driver whatif(loop, t, options.cancels);
    try {
        loop.run(s.main(options.parameters));
    } catch (const deadlock_error&) {
        // The loop reported who waits on what (a deadlock event).
    } catch (...) {
        if (t.stopped_early.empty()) rec.on_error(0, "uncaught " + python_exception(std::current_exception()));
    }
    return t;
}

}  // namespace loopscope::sim
