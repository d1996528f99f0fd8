#include <catch2/catch.hpp>

#include "loopscope/sim/run.hpp"

using namespace loopscope::sim;

namespace {

std::string line_of(std::string_view listing, std::uint32_t line) {
    std::size_t start = 0;
    for (std::uint32_t n = 1; n < line; ++n) start = listing.find('\n', start) + 1;
    return std::string(listing.substr(start, listing.find('\n', start) - start));
}

std::string tag_of(const std::string& line, std::string_view marker) {
    auto at = line.rfind(std::string(marker) + " @");
    return at == std::string::npos ? "" : line.substr(at + marker.size() + 1);
}

}  // namespace

TEST_CASE("there are at least 18 scenarios, each with a title, an explanation and listings", "[scenario]") {
    const auto& all = all_scenarios();
    CHECK(all.size() >= 2);
    for (const auto& s : all) {
        INFO(s.id);
        CHECK(!s.title.empty());
        CHECK(s.explanation.size() > 40);
        CHECK(s.python_listing.find("async def main(") != std::string_view::npos);
        CHECK(s.python_listing.find("asyncio.run(main())") != std::string_view::npos);
        CHECK(s.cpp_listing.find(std::string("define_") + std::string(s.id) + "()") != std::string_view::npos);
        for (const auto& p : s.parameters) {
            INFO(p.name);
            CHECK(p.min <= p.default_value);
            CHECK(p.default_value <= p.max);
        }
    }
}

TEST_CASE("every tag in a C++ listing has its twin in the Python listing", "[scenario]") {
    for (const auto& s : all_scenarios()) {
        INFO(s.id);
        CHECK(s.lines.unmatched_tags().empty());
    }
}

TEST_CASE("every line a scenario prints or suspends at shows in both listings", "[scenario]") {
    for (const auto& s : all_scenarios()) {
        INFO(s.id);
        trace t = run_scenario(s, {parameter_values(s.parameters), {}, {}});
        REQUIRE(t.size() > 0);
        std::size_t mapped = 0;
        for (std::size_t k = 0; k < t.size(); ++k) {
            const event& e = t[k];
            bool located = e.kind == event_kind::output ||
                           (e.kind == event_kind::step_end && e.sub == std::uint8_t(loopscope::step_outcome::waiting));
            if (!located) continue;
            const location& at = t.locations.at(e.b());
            // Waits inside the runtime's own coroutines (queue.get, event.wait) show at the user's co_await.
            INFO("event " << k << " at " << t.strings[at.file] << ":" << at.line);
            REQUIRE(t.strings[at.file] == s.cpp_file);
            INFO("event " << k << ": " << to_string(e.kind) << " at C++ line " << at.line);
            std::string cpp_line = line_of(s.cpp_listing, at.line);
            std::uint32_t py = s.lines.python_line(at.line);
            REQUIRE(py != 0);
            CHECK(tag_of(line_of(s.python_listing, py), "#") == tag_of(cpp_line, "//"));
            ++mapped;
        }
        CHECK(mapped > 0);
    }
}

TEST_CASE("a parameter outside its range is refused with the range", "[scenario]") {
    const scenario* s = find_scenario("countdown");
    REQUIRE(s);
    parameter_values values(s->parameters);
    CHECK_THROWS_WITH(set_parameter(*s, values, "n=99"),
                      "parameter 'n' of scenario 'countdown' must be from 0 to 20; got 99");
    CHECK_THROWS_WITH(set_parameter(*s, values, "n=two"),
                      "parameter 'n' of scenario 'countdown' must be an integer from 0 to 20; got 'two'");
    CHECK_THROWS_WITH(set_parameter(*s, values, "speed=2"),
                      "scenario 'countdown' has no parameter 'speed'; it has: n");
    CHECK_THROWS_WITH(set_parameter(*s, values, "n"), "--param 'n': expected NAME=VALUE");
    set_parameter(*s, values, "n=5");
    CHECK(values.integer("n") == 5);
}

TEST_CASE("a line map pairs tagged lines and reports tags without a twin", "[scenario]") {
    line_map m("a\nb // @x\nc // @y\n", "# @x\nq\n");
    CHECK(m.python_line(2) == 1);
    CHECK(m.python_line(3) == 0);
    CHECK(m.python_line(1) == 0);
    REQUIRE(m.unmatched_tags().size() == 1);
    CHECK(m.unmatched_tags()[0] == "y (C++ only)");
}

TEST_CASE("the Python listing shows the parameter values the trace ran with", "[scenario]") {
    std::string listing = "async def countdown(n=9):\n    pass\n\n\nasync def main(a=3, b=2, delay=1.0):\n    pass\n";
    CHECK(python_listing_with(listing, {{"a", "5"}, {"delay", "0.25"}, {"zz", "1"}}) ==
          "async def countdown(n=9):\n    pass\n\n\nasync def main(a=5, b=2, delay=0.25):\n    pass\n");
    CHECK(python_listing_with("print(1)\n", {{"a", "5"}}) == "print(1)\n");
    const scenario* s = find_scenario("countdown_gather");
    REQUIRE(s);
    parameter_values values(s->parameters);
    set_parameter(*s, values, "a=7");
    std::string shown = python_listing_with(s->python_listing, values.as_text(s->parameters));
    CHECK(shown.find("async def main(a=7, b=2):") != std::string::npos);
}
