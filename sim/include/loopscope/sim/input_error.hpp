#pragma once
// The error for bad input from the user: a command-line argument, a parameter, a file.
#include <stdexcept>

namespace loopscope::sim {

/// A user's mistake on the command line or in a file: one line that says what
/// and where. Commands print it and exit with status 2.
class input_error : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

}  // namespace loopscope::sim
