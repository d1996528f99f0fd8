#pragma once
// The words of `loopscope run PROGRAM.py ...`, split into Loopscope's options
// and the program's arguments. The command line checks them before it starts
// the child; the child (loopscope-python) parses the same words.
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "loopscope/python/program.hpp"
#include "loopscope/sim/run.hpp"

namespace loopscope::sim {

/// The command line of a program run, split into Loopscope's options and the program's.
struct program_arguments {
    std::string path;
    std::vector<std::string> args;
    bool log = false;
    std::string trace_file;
    std::string chrome_file;
    std::string text_file;   ///< --text-from: the program's text, read instead of PROGRAM.py's (the window's edit)
    std::string stdin_file;  ///< what input() reads; empty: end of file at once
    std::uint64_t seed = 0;
    double latency = 0;
    python::program_budget budget;
    std::size_t max_events = 2'000'000;  ///< the trace's event budget (with --trace or --chrome)
    std::vector<cancel_intervention> cancels;  ///< --cancel-at EVENT:TASK: what-ifs (recorded runs only)
};

/// Parses what follows `run`: PROGRAM.py first. Throws input_error naming the option and what it needs.
[[nodiscard]] program_arguments parse_program_arguments(std::span<char* const> words);

}  // namespace loopscope::sim
