#include <catch2/catch.hpp>
#include <fmt/format.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <system_error>

#include "loopscope/sim/chrome_export.hpp"
#include "loopscope/sim/run.hpp"

using namespace loopscope::sim;
using json = nlohmann::json;

namespace {

trace run_with(std::string_view id, std::vector<std::string> assignments = {}, run_budget budget = {}) {
    const scenario* s = find_scenario(id);
    REQUIRE(s);
    run_options options{parameter_values(s->parameters), budget, {}};
    for (const auto& a : assignments) set_parameter(*s, options.parameters, a);
    return run_scenario(*s, options);
}

json export_of(const trace& t) { return json::parse(chrome_json(t)); }

std::vector<json> events_with_phase(const json& doc, std::string_view phase) {
    std::vector<json> found;
    for (const auto& e : doc["traceEvents"])
        if (e["ph"] == phase) found.push_back(e);
    return found;
}

/// Checks what Perfetto needs from the complete ("X") events: widths of at
/// least 1 µs, slices on one lane nested strictly (none overlaps another
/// partially), and every arrow with one start and one end, the end no earlier.
void check_slices_and_arrows(const json& doc) {
    std::map<int, std::vector<std::pair<std::int64_t, std::int64_t>>> lanes;
    std::map<std::uint64_t, std::vector<std::pair<bool, std::int64_t>>> arrows;  // bind_id → (flow_in, ts)
    for (const auto& e : events_with_phase(doc, "X")) {
        INFO(e.dump());
        REQUIRE(e.contains("dur"));
        std::int64_t ts = e["ts"], dur = e["dur"];
        CHECK(ts >= 0);
        CHECK(dur >= 1);
        lanes[e["tid"]].emplace_back(ts, ts + dur);
        if (e.contains("bind_id")) arrows[e["bind_id"]].emplace_back(e.contains("flow_in"), ts);
    }
    for (auto& [lane, slices] : lanes) {
        // Parents first: by start, then the longer one.
        std::sort(slices.begin(), slices.end(), [](const auto& x, const auto& y) {
            return x.first != y.first ? x.first < y.first : x.second > y.second;
        });
        std::vector<std::int64_t> open_ends;
        for (const auto& [start, end] : slices) {
            while (!open_ends.empty() && open_ends.back() <= start) open_ends.pop_back();
            INFO("lane " << lane << ": slice [" << start << ", " << end << ")");
            if (!open_ends.empty()) REQUIRE(end <= open_ends.back());
            open_ends.push_back(end);
        }
    }
    for (const auto& [id, ends] : arrows) {
        INFO("bind_id " << id);
        REQUIRE(ends.size() == 2);
        auto out = ends[0].first ? ends[1] : ends[0];
        auto in = ends[0].first ? ends[0] : ends[1];
        CHECK(!out.first);
        CHECK(in.first);
        CHECK(in.second >= out.second);
    }
}

/// Complete events on a lane with this name, in file order.
std::vector<json> slices_named(const json& doc, int lane, std::string_view name) {
    std::vector<json> found;
    for (const auto& e : events_with_phase(doc, "X"))
        if (e["tid"] == lane && e["name"] == name) found.push_back(e);
    return found;
}

}  // namespace

TEST_CASE("the export names the process, the loop lane and one lane per task in creation order", "[chrome_export]") {
    trace t = run_with("countdown_gather");
    json doc = export_of(t);
    CHECK(doc["displayTimeUnit"] == "ms");
    CHECK(doc["otherData"]["scenario"] == "countdown_gather");
    CHECK(doc["otherData"]["parameters"] == json{{"a", "3"}, {"b", "2"}});
    std::map<std::pair<std::string, int>, json> metadata;
    for (const auto& e : events_with_phase(doc, "M")) {
        CHECK(e["pid"] == 1);
        metadata[{e["name"], e.value("tid", -1)}] = e["args"];
    }
    CHECK(metadata[{"process_name", -1}]["name"] == "Loopscope: countdown_gather a=3 b=2");
    CHECK(metadata[{"thread_name", 0}]["name"] == "event loop");
    REQUIRE(t.tasks.size() == 3);
    for (const auto& task : t.tasks) {
        int lane = int(task.id);
        CHECK(metadata[{"thread_name", lane}]["name"] == t.task_label(task.id));
        CHECK(metadata[{"thread_sort_index", lane}]["sort_index"] == lane);
    }
    CHECK(metadata[{"thread_name", 2}]["name"] == "Task-2 countdown('A', 3)");
}

TEST_CASE("on every built-in scenario, slices nest strictly per lane and every arrow has both ends",
          "[chrome_export]") {
    for (const auto& s : all_scenarios()) {
        INFO(s.id);
        json doc = export_of(run_scenario(s, {parameter_values(s.parameters), {}, {}}));
        check_slices_and_arrows(doc);
        CHECK(!events_with_phase(doc, "X").empty());
    }
}

TEST_CASE("each task has one outer slice from creation to its end that says how it ended", "[chrome_export]") {
    trace t = run_with("countdown_gather");
    json doc = export_of(t);
    for (const auto& task : t.tasks) {
        INFO(t.task_label(task.id));
        auto outer = slices_named(doc, int(task.id), t.task_label(task.id));
        REQUIRE(outer.size() == 1);
        CHECK(outer[0]["args"]["outcome"] == "done");
        CHECK(outer[0]["args"]["result"] == "None");
        CHECK(outer[0]["args"]["event"] == task.created_event);
        std::size_t steps = 0;
        for (std::size_t k = 0; k < t.size(); ++k) steps += t[k].kind == event_kind::step_begin && t[k].task == task.id;
        CHECK(slices_named(doc, int(task.id), "running").size() == steps);
    }
    // Countdown A sleeps three times, a second each (less the microsecond each event before the wake-up takes).
    auto sleeps = slices_named(doc, 2, "waiting sleep(1)");
    REQUIRE(sleeps.size() == 3);
    for (const auto& s : sleeps) CHECK_THAT(s["dur"].get<double>(), Catch::WithinAbs(1e6, 100));
}

TEST_CASE("arrows show spawning, timers, call_soon and wake-ups", "[chrome_export]") {
    json doc = export_of(run_with("countdown_gather"));
    std::map<std::string, int> arrow_starts;
    for (const auto& e : events_with_phase(doc, "X"))
        if (e.contains("flow_out")) ++arrow_starts[e["name"]];
    CHECK(arrow_starts["spawn"] == 3);  // main() and the two countdowns
    CHECK(arrow_starts["timer"] == 5);  // 3 + 2 sleeps
    CHECK(arrow_starts["wake"] == 6);   // each sleep wakes its countdown; gather wakes main()
    CHECK(arrow_starts["call_soon"] >= 2);
}

TEST_CASE("a cancel draws an arrow to a mark on the cancelled task's lane", "[chrome_export]") {
    const scenario* s = find_scenario("countdown_gather");
    REQUIRE(s);
    trace t = run_scenario(*s, {parameter_values(s->parameters), {}, {{20, 2}}});
    json doc = export_of(t);
    check_slices_and_arrows(doc);
    auto requested = slices_named(doc, 2, "cancel requested");
    REQUIRE(requested.size() == 1);
    CHECK(requested[0].contains("flow_in"));
    CHECK(requested[0]["args"]["by"] == "the loop");  // a what-if cancel is a callback
    auto outer = slices_named(doc, 2, t.task_label(2));
    REQUIRE(outer.size() == 1);
    CHECK(outer[0]["args"]["outcome"] == "cancelled");
}

TEST_CASE("ts is never before the virtual time, which slices keep in args", "[chrome_export]") {
    json doc = export_of(run_with("countdown"));
    for (const auto& e : events_with_phase(doc, "X")) {
        INFO(e.dump());
        double t = e["args"]["t"];
        CHECK(e["ts"].get<double>() >= t * 1e6);
    }
    auto running = slices_named(doc, 1, "running");
    REQUIRE(running.size() == 4);  // T-minus 3, 2, 1, then liftoff
    CHECK(running[1]["args"]["t"] == 1.0);
    CHECK(running[1]["ts"].get<std::int64_t>() >= 1'000'000);
    CHECK(running[1]["ts"].get<std::int64_t>() < 1'000'100);
}

TEST_CASE("a run cut short closes its open slices as unfinished and still nests", "[chrome_export]") {
    run_budget budget;
    budget.max_events = 30;
    json doc = export_of(run_with("countdown_gather", {}, budget));
    check_slices_and_arrows(doc);
    std::size_t unfinished = 0;
    for (const auto& e : events_with_phase(doc, "X")) unfinished += e["args"].value("unfinished", false);
    CHECK(unfinished >= 3);  // at least every task's outer slice
    CHECK(!doc["otherData"]["stopped_early"].get<std::string>().empty());
}

TEST_CASE("timers are async slices from arming to firing", "[chrome_export]") {
    json doc = export_of(run_with("countdown"));
    auto begins = events_with_phase(doc, "b");
    auto ends = events_with_phase(doc, "e");
    REQUIRE(begins.size() == 3);
    REQUIRE(ends.size() == 3);
    for (std::size_t i = 0; i < begins.size(); ++i) {
        CHECK(begins[i]["id2"] == ends[i]["id2"]);
        CHECK_THAT(ends[i]["ts"].get<double>() - begins[i]["ts"].get<double>(), Catch::WithinAbs(1e6, 100));
        CHECK(ends[i]["args"]["outcome"] == "fired");
    }
}

TEST_CASE("printed lines and lints are instants", "[chrome_export]") {
    trace t = run_with("countdown");
    json doc = export_of(t);
    std::vector<std::string> printed;
    for (const auto& e : events_with_phase(doc, "i"))
        if (e["cat"] == "output") printed.push_back(e["name"]);
    CHECK(printed == std::vector<std::string>{"T-minus 3", "T-minus 2", "T-minus 1", "Liftoff!"});

    bool blocking_lint = false;
    for (const auto& e : events_with_phase(export_of(run_with("blocking_call")), "i"))
        blocking_lint |= e["name"] == "lint: blocking call";
    CHECK(blocking_lint);
}

TEST_CASE("a program's object states are instants on the loop's lane", "[chrome_export]") {
    trace t;
    event queue;
    queue.kind = event_kind::object_state;
    queue.handle = 1;
    queue.a = t.strings.intern("Queue q");
    queue.set_b(t.strings.intern("2 items: ['a', 'b']"));
    t.push_back(queue);
    event gone = queue;
    gone.set_b(0);
    t.push_back(gone);
    std::vector<std::string> shown;
    for (const auto& e : events_with_phase(export_of(t), "i"))
        if (e["cat"] == "object") {
            CHECK(e["tid"] == 0);
            shown.push_back(e["name"]);
        }
    CHECK(shown == std::vector<std::string>{"Queue q: 2 items: ['a', 'b']", "Queue q: gone"});
}

TEST_CASE("events in an order the recorder never writes still give nested lanes", "[chrome_export]") {
    trace t;
    for (loopscope::task_id id : {1u, 2u})
        t.tasks.push_back({id, t.strings.intern(fmt::format("Task-{}", id)), 0, 0, 0, 0});
    auto add = [&](event_kind kind, loopscope::task_id task, std::uint32_t handle = 0, std::uint8_t sub = 0) {
        event e;
        e.kind = kind;
        e.task = task;
        e.handle = handle;
        e.sub = sub;
        t.push_back(e);
    };
    add(event_kind::task_created, 1);
    add(event_kind::step_end, 1, 0, 0);  // ends a step that never began
    add(event_kind::step_begin, 2, 5);   // a task that was never created
    add(event_kind::step_begin, 1, 6);   // while Task-2 runs
    add(event_kind::callback_end, 0, 3);
    add(event_kind::iteration_end, 0);
    add(event_kind::task_scheduled, 1, 7, 2);
    add(event_kind::step_end, 2, 0, 2);
    add(event_kind::task_created, 1);   // again
    add(event_kind::step_begin, 9, 1);  // not in the task table at all
    check_slices_and_arrows(export_of(t));
}

TEST_CASE("printed texts with quotes, control characters and bad UTF-8 still give valid JSON", "[chrome_export]") {
    trace t;
    t.tasks.push_back({1, t.strings.intern("Task-1"), 0, 0, 0, 0});
    event created;
    created.kind = event_kind::task_created;
    created.task = 1;
    t.push_back(created);
    event printed;
    printed.kind = event_kind::output;
    printed.task = 1;
    printed.a = t.strings.intern("say \"hi\"\tthen\\ \xff");
    t.push_back(printed);
    auto instants = events_with_phase(export_of(t), "i");
    REQUIRE(!instants.empty());
    CHECK(instants[0]["name"] == "say \"hi\"\tthen\\ \xef\xbf\xbd");  // U+FFFD for the bad byte
}

TEST_CASE("export_chrome writes the whole file or nothing", "[chrome_export]") {
    auto dir = std::filesystem::temp_directory_path() / fmt::format("loopscope-chrome-{}", ::getpid());
    std::filesystem::create_directories(dir);
    trace t = run_with("countdown");
    export_chrome(t, dir / "t.json");
    std::ifstream in(dir / "t.json");
    CHECK(json::parse(in) == export_of(t));
    CHECK_THROWS_AS(export_chrome(t, dir / "missing" / "t.json"), std::system_error);
    CHECK(std::distance(std::filesystem::directory_iterator(dir), std::filesystem::directory_iterator()) == 1);
    std::filesystem::remove_all(dir);
}
