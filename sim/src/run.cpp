#include "loopscope/sim/run.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "loopscope/core.hpp"
#include "what_if_driver.hpp"

namespace loopscope::sim {

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
    what_if_driver whatif(loop, t, options.cancels, [&loop](task_id id) {
        auto tasks = loop.all_tasks();
        auto it = std::find_if(tasks.begin(), tasks.end(), [&](const any_task& t) { return t.id() == id; });
        if (it != tasks.end()) loop.call_soon([t = *it]() mutable { t.cancel("what-if"); });  // else: it finished
    });
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
