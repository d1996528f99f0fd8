// forgotten_await: a coroutine called without await never runs.
#include "loopscope/core.hpp"
#include "loopscope/sim/scenario.hpp"

namespace loopscope::sim::scenarios {
namespace {

coro<> send_email(std::string to, double seconds) {
    out("sending email to", to);  // @sending
    co_await sleep(seconds);      // @sleep
    out("email sent to", to);     // @sent
}

coro<> main(const parameter_values& p) {
    double seconds = p.number("seconds");
    // BUG: no co_await. This only creates a coroutine object, which is thrown away unstarted.
    // (Without the cast to void the compiler warns here: coro is [[nodiscard]].)
    (void)send_email("alice", seconds);  // @forgotten
    out("main: asked for alice's email");  // @asked
    co_await send_email("bob", seconds);  // @awaited
    out("main: done, and alice never got her email");  // @done
}

}  // namespace

scenario_definition define_forgotten_await() {
    return {.id = "forgotten_await",
            .title = "The forgotten await",
            .explanation = "Calling a coroutine function does not run it: it only makes a coroutine object. "
                           "Without an await (or create_task) nobody ever starts it, so alice's email is "
                           "never sent and nothing appears in the log. Python only notices when the object "
                           "is destroyed, with a RuntimeWarning on stderr (\"coroutine 'send_email' was never "
                           "awaited\"); Loopscope lists the dropped coroutine among its lints.",
            .parameters = {{.name = "seconds", .help = "how long sending an email takes", .default_value = 1,
                            .min = 0, .max = 5, .integer = false}},
            .main = main,
            .cpp_file = __FILE__};
}

}  // namespace loopscope::sim::scenarios
