// Small out-of-line pieces: clocks, exception text, enum names, print_line.
#include <cxxabi.h>

#include <chrono>
#include <cstdio>
#include <memory>
#include <string_view>
#include <thread>
#include <typeinfo>

#include "loopscope/core/clock.hpp"
#include "loopscope/core/event_loop.hpp"
#include "loopscope/core/exceptions.hpp"
#include "loopscope/core/instrument.hpp"
#include "loopscope/core/output.hpp"

namespace loopscope {

// [SECTION] clocks

bool virtual_clock::poll(std::optional<double> timeout) {
    if (!timeout) return false;
    m_now += *timeout;
    return true;
}

void virtual_clock::block(double seconds) { m_now += seconds; }

double steady_clock::now() const {
    return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

bool steady_clock::poll(std::optional<double> timeout) {
    if (!timeout) return false;  // no I/O to wait for: nothing could ever wake us
    std::this_thread::sleep_for(std::chrono::duration<double>(*timeout));
    return true;
}

void steady_clock::block(double seconds) { std::this_thread::sleep_for(std::chrono::duration<double>(seconds)); }

// [SECTION] runtime sources

bool detail::is_runtime_source(const char* file) noexcept {
    // This file is <root>/core/src/support.cpp; the runtime's sources and headers are under <root>/core/.
    static const std::string_view core_root = [] {
        std::string_view self = __FILE__;
        return self.substr(0, self.rfind("src/"));
    }();
    return std::string_view(file).starts_with(core_root);
}

// [SECTION] exceptions

namespace {
std::string pluralise_sub_exceptions(std::size_t n) {
    return std::to_string(n) + (n == 1 ? " sub-exception" : " sub-exceptions");
}

std::string type_name(const std::type_info& t) {
    int status = 0;
    std::unique_ptr<char, void (*)(void*)> name(abi::__cxa_demangle(t.name(), nullptr, nullptr, &status), std::free);
    std::string s = status == 0 && name ? name.get() : t.name();
    if (s.starts_with("loopscope::")) s.erase(0, 11);
    return s;
}
}  // namespace

exception_group::exception_group(std::string message, std::vector<std::exception_ptr> exceptions)
    : m_message(std::move(message)),
      m_what(m_message + " (" + pluralise_sub_exceptions(exceptions.size()) + ")"),
      m_exceptions(std::move(exceptions)) {}

bool is_cancelled_error(const std::exception_ptr& e) noexcept {
    if (!e) return false;
    try {
        std::rethrow_exception(e);
    } catch (const cancelled_error&) {
        return true;
    } catch (...) {
        return false;
    }
}

std::string describe_exception(const std::exception_ptr& e) {
    if (!e) return "None";
    try {
        std::rethrow_exception(e);
    } catch (const cancelled_error& c) {
        return std::string("cancelled_error") + (*c.what() ? std::string(": ") + c.what() : "");
    } catch (const std::exception& x) {
        std::string text = type_name(typeid(x));
        if (*x.what()) text += std::string(": ") + x.what();
        return text;
    } catch (...) {
        return "unknown exception";
    }
}

// [SECTION] enum names

std::string_view to_string(schedule_reason r) noexcept {
    switch (r) {
        case schedule_reason::first_step: return "first step";
        case schedule_reason::yielded: return "sleep(0)";
        case schedule_reason::woken: return "woken";
        case schedule_reason::retry_error: return "error";
    }
    return "?";
}

std::string_view to_string(step_outcome o) noexcept {
    switch (o) {
        case step_outcome::waiting: return "waiting";
        case step_outcome::yielded: return "yielded";
        case step_outcome::done: return "done";
        case step_outcome::failed: return "failed";
        case step_outcome::cancelled: return "cancelled";
    }
    return "?";
}

std::string_view to_string(object_kind k) noexcept {
    switch (k) {
        case object_kind::queue: return "Queue";
        case object_kind::lock: return "Lock";
        case object_kind::event: return "Event";
        case object_kind::semaphore: return "Semaphore";
        case object_kind::condition: return "Condition";
        case object_kind::future: return "Future";
        case object_kind::task: return "Task";
        case object_kind::gather: return "gather";
    }
    return "?";
}

// [SECTION] output

void detail::print_line(std::string_view text, const source_location& at) {
    if (event_loop* loop = running_loop_or_null()) {
        loop->print(text, at);
        return;
    }
    std::fwrite(text.data(), 1, text.size(), stdout);
    std::fputc('\n', stdout);
}

}  // namespace loopscope
