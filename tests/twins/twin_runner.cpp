// loopscope_twin NAME: runs the C++ twin NAME on a virtual clock and prints
// its log exactly as tests/cpython/vtime.py prints the Python twin's.
#include <cstdio>
#include <stdexcept>

#include "twin.hpp"

namespace twins {

std::map<std::string, entry>& registry() {
    static std::map<std::string, entry> all;
    return all;
}

std::string python_type_name(const std::exception_ptr& e) {
    try {
        std::rethrow_exception(e);
    } catch (const loopscope::cancelled_error&) {
        return "CancelledError";
    } catch (const loopscope::timeout_error&) {
        return "TimeoutError";
    } catch (const loopscope::invalid_state_error&) {
        return "InvalidStateError";
    } catch (const loopscope::queue_full&) {
        return "QueueFull";
    } catch (const loopscope::queue_empty&) {
        return "QueueEmpty";
    } catch (const loopscope::exception_group&) {
        return "ExceptionGroup";
    } catch (const std::invalid_argument&) {
        return "ValueError";
    } catch (const std::out_of_range&) {
        return "KeyError";
    } catch (const std::logic_error&) {
        return "RuntimeError";
    } catch (const std::runtime_error&) {
        return "RuntimeError";
    } catch (...) {
        return "Exception";
    }
}

std::string python_str(const std::exception_ptr& e) {
    try {
        std::rethrow_exception(e);
    } catch (const loopscope::cancelled_error& c) {
        return c.what();
    } catch (const std::exception& x) {
        return x.what();
    } catch (...) {
        return "";
    }
}

}  // namespace twins

int main(int argc, char** argv) {
    if (argc != 2) {
        std::fprintf(stderr, "usage: loopscope_twin NAME\n");
        return 2;
    }
    auto it = twins::registry().find(argv[1]);
    if (it == twins::registry().end()) {
        std::fprintf(stderr, "loopscope_twin: no twin named '%s'\n", argv[1]);
        return 2;
    }
    loopscope::event_loop loop;
    loop.set_output([&](std::string_view line) {
        std::printf("t=%.3f %.*s\n", loop.time(), int(line.size()), line.data());
    });
    try {
        loop.run(it->second());
    } catch (const loopscope::deadlock_error&) {
        std::printf("t=%.3f DEADLOCK\n", loop.time());
        return 3;
    } catch (...) {
        auto e = std::current_exception();
        std::printf("t=%.3f uncaught %s: %s\n", loop.time(), twins::python_type_name(e).c_str(),
                    twins::python_str(e).c_str());
        return 1;
    }
    return 0;
}
