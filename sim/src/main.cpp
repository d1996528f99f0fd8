// loopscope: the command line. See cli.hpp.
#include "loopscope/sim/cli.hpp"

int main(int argc, char** argv) { return loopscope::sim::run_command_line(argc, argv); }
