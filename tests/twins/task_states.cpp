#include "twin.hpp"

using namespace loopscope;

template <class T>
static void show(const char* label, const task<T>& t) {
    out(label, "done", t.done(), "cancelled", t.cancelled());
    try {
        out("  result() ->", t.result());
    } catch (...) {
        auto e = std::current_exception();
        std::string msg = "  result() raises " + twins::python_type_name(e);
        out(msg + (twins::python_str(e).empty() ? "" : ": " + twins::python_str(e)));
    }
    try {
        auto e = t.exception();
        if (e)
            out("  exception() ->", twins::python_type_name(e) + ": " + twins::python_str(e));
        else
            out("  exception() -> None");
    } catch (...) {
        auto e = std::current_exception();
        std::string msg = "  exception() raises " + twins::python_type_name(e);
        out(msg + (twins::python_str(e).empty() ? "" : ": " + twins::python_str(e)));
    }
}

static coro<int> succeed() {
    co_await sleep(1);
    co_return 7;
}

static coro<int> fail() {
    co_await sleep(1);
    throw std::runtime_error("it failed");
}

TWIN(task_states) {
    auto ok = create_task(succeed());
    show("scheduled:", ok);
    co_await sleep(0.5);
    show("sleeping:", ok);
    auto bad = create_task(fail());
    auto gone = create_task(succeed());
    co_await sleep(0.5);
    bool first = gone.cancel();
    out("cancel ->", first, "; twice ->", gone.cancel());
    co_await sleep(1);
    show("finished:", ok);
    show("failed:", bad);
    show("cancelled:", gone);
    bool a = ok.cancel(), b = bad.cancel(), c = gone.cancel();
    out("cancel done ->", a, b, c);
}
