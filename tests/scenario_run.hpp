#pragma once
// A built-in scenario run at its defaults, for the tests that read its trace.
#include <catch2/catch.hpp>

#include <string_view>
#include <vector>

#include "loopscope/sim/run.hpp"

namespace loopscope::sim {

/// Runs scenario `id` at its default parameters (with what-if cancels, if any); fails the test if there is none.
inline trace run_default(std::string_view id, std::vector<cancel_intervention> cancels = {}) {
    const scenario* s = find_scenario(id);
    REQUIRE(s);
    return run_scenario(*s, {parameter_values(s->parameters), {}, std::move(cancels)});
}

}  // namespace loopscope::sim
