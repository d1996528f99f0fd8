// Python words for a Python listing: the runtime's C++ exception names as
// CPython spells them, and the runtime's awaitables named as asyncio's are.
#include <catch2/catch.hpp>

#include <set>
#include <string>

#include "loopscope/sim/python_words.hpp"
#include "loopscope/sim/run.hpp"

using namespace loopscope;
using namespace loopscope::sim;

TEST_CASE("C++ exception names become the exceptions CPython raises in the same place", "[python_words]") {
    CHECK(python_words("std::invalid_argument: a1 failed") == "ValueError: a1 failed");
    CHECK(python_words("std::runtime_error: boom") == "RuntimeError: boom");
    CHECK(python_words("std::logic_error: Lock is not acquired.") == "RuntimeError: Lock is not acquired.");
    CHECK(python_words("std::out_of_range: vector") == "IndexError: vector");
    CHECK(python_words("cancelled_error") == "CancelledError");
    CHECK(python_words("cancelled_error: what-if") == "CancelledError: what-if");
    CHECK(python_words("timeout_error") == "TimeoutError");
    CHECK(python_words("queue_empty") == "QueueEmpty");
    CHECK(python_words("queue_full") == "QueueFull");
    CHECK(python_words("invalid_state_error: Result is not set.") == "InvalidStateError: Result is not set.");
    CHECK(python_words("exception_group: unhandled errors in a TaskGroup (1 sub-exception)") ==
          "ExceptionGroup: unhandled errors in a TaskGroup (1 sub-exception)");
    CHECK(python_words("Task exception was never retrieved: std::runtime_error: boom") ==
          "Task exception was never retrieved: RuntimeError: boom");
    CHECK(python_words("unknown exception") == "Exception");
    CHECK(python_type_name("std::invalid_argument") == "ValueError");
    CHECK(python_type_name("my::error").empty());
}

TEST_CASE("only whole names are replaced: results, messages and other types stay as they are", "[python_words]") {
    CHECK(python_words("None") == "None");
    CHECK(python_words("'a0'") == "'a0'");
    CHECK(python_words("my_queue_full: x") == "my_queue_full: x");
    CHECK(python_words("queue_fuller") == "queue_fuller");
    CHECK(python_words("std::exception_ptr") == "std::exception_ptr");
    CHECK(python_words("app::timeout_error: late") == "app::timeout_error: late");
    CHECK(python_words("timeout_error::detail") == "timeout_error::detail");
    CHECK(python_words("") == "");
}

TEST_CASE("a trace with a Python listing speaks Python, a recorded C++ program keeps its words", "[python_words]") {
    const scenario* s = find_scenario("gather_exception");
    REQUIRE(s);
    trace t = run_scenario(*s, {parameter_values(s->parameters), {}, {}});
    std::set<std::string> failures;
    for (std::size_t k = 0; k < t.size(); ++k)
        if (t[k].kind == event_kind::step_end && step_outcome(t[k].sub) == step_outcome::failed)
            failures.insert(listing_words(t, t.strings[t[k].a]));
    CHECK(failures == std::set<std::string>{"ValueError: a1 failed", "ValueError: b1 failed"});
    t.origin.python_listing.clear();
    CHECK(listing_words(t, "std::invalid_argument: a1 failed") == "std::invalid_argument: a1 failed");
}

TEST_CASE("await q.join() waits on queue.join, as asyncio names it, not on the event inside", "[python_words][queue]") {
    const scenario* s = find_scenario("producer_consumer");
    REQUIRE(s);
    trace t = run_scenario(*s, {parameter_values(s->parameters), {}, {}});
    std::set<std::string> awaited;
    for (std::size_t k = 0; k < t.size(); ++k)
        if (t[k].kind == event_kind::step_end && step_outcome(t[k].sub) == step_outcome::waiting)
            awaited.insert(std::string(t.strings[t[k].a]));
    CHECK(awaited.count("queue.join") == 1);
    CHECK(awaited.count("event.wait") == 0);
    CHECK(awaited.count("queue.get") == 1);
}
