#include <stdexcept>
#include <string>
#include <tuple>
#include <utility>

#include "twin.hpp"

using namespace loopscope;

static coro<std::string> ok(std::string name, double delay) {
    co_await sleep(delay);
    out(name, "ok");
    co_return name;
}

static coro<> bad(std::string name, double delay, std::exception_ptr exc) {
    co_await sleep(delay);
    out(name, "raises");
    std::rethrow_exception(exc);
}

static std::string str_of(const std::string& s) { return s; }
static std::string str_of(none) { return "None"; }

TWIN(gather_return_exceptions) {
    auto results = co_await gather(return_exceptions,                                         //
                                   ok("a", 2),                                                //
                                   bad("b", 1, std::make_exception_ptr(std::invalid_argument("bad value"))),
                                   ok("c", 0.5),                                              //
                                   bad("d", 3, std::make_exception_ptr(std::out_of_range("'missing'"))));  // KeyError
    out("gather returned", std::tuple_size_v<decltype(results)>, "results");
    std::apply(
        [](const auto&... r) {
            int i = 0;
            auto show = [&i](const auto& x) {
                if (!x.has_value())
                    out(i, "exception", twins::python_type_name(x.error()), twins::python_str(x.error()));
                else
                    out(i, "value", str_of(x.value()));
                ++i;
            };
            (show(r), ...);
        },
        results);
}
