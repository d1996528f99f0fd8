#pragma once
// The `loopscope` command line:
//   loopscope list
//   loopscope run <id> [--param name=value ...] [--log] [--trace FILE] [--chrome FILE] [--until SECONDS]
//   loopscope run PROGRAM.py [ARGS...] [--log] [--trace FILE] [--chrome FILE]   (program_command.hpp)
//   loopscope show FILE|<id>|PROGRAM.py [--param ...] [--axis time|iterations]
//   loopscope export FILE --chrome OUT.json
// Bad input prints one line on stderr saying what and where, and exits with 2.

namespace loopscope::sim {

/// Runs a command; returns the process exit status.
int run_command_line(int argc, char** argv);

}  // namespace loopscope::sim
