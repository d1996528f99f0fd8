#include "loopscope/python/program.hpp"

#include <unistd.h>

#include <cstdio>
#include <string>
#include <utility>

#include "bridge.hpp"  // Python.h first
#include <marshal.h>

#include "core_loop.hpp"
#include "run_budget.hpp"
#include "task_observer.hpp"
#include "embedded_modules.hpp"

namespace loopscope::python {

namespace {

bridge_state g_bridge;

extern "C" PyObject* loopscope_module_init() { return init_loopscope_module(); }

/// Runs an embedded module's bytecode (embed_python.py) as module `name`.
template <std::size_t size>
py_ref load_module(const char* name, const unsigned char (&bytecode)[size]) {
    std::string filename = std::string("<loopscope>/") + name + ".py";
    py_ref code = py_ref::steal(
        PyMarshal_ReadObjectFromString(reinterpret_cast<const char*>(bytecode), Py_ssize_t(size)));
    if (!code) return {};
    return py_ref::steal(PyImport_ExecCodeModuleEx(name, code.get(), filename.c_str()));
}

/// Interns the names of bridge_state::names; false with a Python error.
bool intern_names(interned_names& n) {
    const std::pair<py_ref*, const char*> names[] = {
        {&n.cancelled_flag, "_cancelled"}, {&n.run, "_run"},         {&n.self, "__self__"},
        {&n.scheduled, "_scheduled"},
        {&n.cr_frame, "cr_frame"},         {&n.cr_await, "cr_await"}, {&n.gi_frame, "gi_frame"},
        {&n.gi_yieldfrom, "gi_yieldfrom"}, {&n.get_coro, "get_coro"}, {&n.get_name, "get_name"},
        {&n.done, "done"},                 {&n.cancelled, "cancelled"}, {&n.fut_waiter, "_fut_waiter"},
        {&n.children, "_children"},        {&n.cancel_message, "_cancel_message"},
        {&n.self_name, "self"},            {&n.queue, "_queue"},      {&n.maxsize, "_maxsize"},
        {&n.locked, "_locked"},            {&n.value, "_value"},      {&n.bound_value, "_bound_value"},
        {&n.lock, "_lock"},                {&n.state, "_state"},      {&n.result, "_result"},
        {&n.exception, "_exception"},
    };
    for (const auto& [slot, text] : names) {
        *slot = py_ref::steal(PyUnicode_InternFromString(text));
        if (!*slot) return false;
    }
    return true;
}

/// Imports what the C++ side calls and runs the program; the exit status, or -1 with a Python error.
int run_in_interpreter(const program_options& options) {
    if (!intern_names(g_bridge.names)) return -1;
    py_ref events = py_ref::steal(PyImport_ImportModule("asyncio.events"));
    if (!events) return -1;
    g_bridge.handle_type = py_ref::steal(PyObject_GetAttrString(events.get(), "Handle"));
    g_bridge.timer_handle_type = py_ref::steal(PyObject_GetAttrString(events.get(), "TimerHandle"));
    if (!g_bridge.handle_type || !g_bridge.timer_handle_type) return -1;
    py_ref asyncio = py_ref::steal(PyImport_ImportModule("asyncio"));
    if (!asyncio) return -1;
    g_bridge.task_type = py_ref::steal(PyObject_GetAttrString(asyncio.get(), "Task"));
    if (!g_bridge.task_type || !PyType_Check(g_bridge.task_type.get())) return -1;
    py_ref futures = py_ref::steal(PyImport_ImportModule("asyncio.futures"));
    if (!futures) return -1;
    g_bridge.sleep_callback = py_ref::steal(PyObject_GetAttrString(futures.get(), "_set_result_unless_cancelled"));
    if (!g_bridge.sleep_callback) return -1;
    if (!load_module("loopscope_network", loopscope_network_code)) return -1;
    if (!load_module("loopscope_threads", loopscope_threads_code)) return -1;
    if (!load_module("loopscope_loop", loopscope_loop_code)) return -1;
    g_bridge.observe = load_module("loopscope_observe", loopscope_observe_code);
    if (!g_bridge.observe) return -1;
    g_bridge.world = load_module("loopscope_world", loopscope_world_code);
    if (!g_bridge.world) return -1;

    py_ref args = py_ref::steal(PyList_New(0));
    if (!args) return -1;
    for (const auto& a : options.args) {
        py_ref s = py_ref::steal(PyUnicode_DecodeFSDefault(a.c_str()));
        if (!s || PyList_Append(args.get(), s.get()) < 0) return -1;
    }
    py_ref path = py_ref::steal(PyUnicode_DecodeFSDefault(options.path.c_str()));
    if (!path) return -1;
    py_ref text_file = py_ref::steal(PyUnicode_DecodeFSDefault(options.text_file.c_str()));
    if (!text_file) return -1;
    if (run_budget* budget = current_budget()) budget->arm();
    py_ref status = py_ref::steal(PyObject_CallMethod(g_bridge.world.get(), "main", "OOOKKdO", path.get(), args.get(),
                                                      options.log ? Py_True : Py_False,
                                                      static_cast<unsigned long long>(options.seed),
                                                      static_cast<unsigned long long>(options.budget.memory_mib),
                                                      options.latency, text_file.get()));
    if (!status) return -1;
    const long value = PyLong_AsLong(status.get());
    if (value == -1 && PyErr_Occurred()) return -1;
    return int(value & 0xff);
}

}  // namespace

bridge_state& bridge() noexcept { return g_bridge; }

std::string python_version() { return Py_GetVersion(); }

void stop_run(const char* report, PyObject* args, int status) {
    if (run_budget* budget = current_budget()) budget->pause();  // saving a long trace is not the program's time
    py_ref function = py_ref::steal(PyObject_GetAttrString(g_bridge.world.get(), report));
    py_ref no_args = py_ref::steal(PyTuple_New(0));
    py_ref r = function ? py_ref::steal(PyObject_Call(function.get(), args ? args : no_args.get(), nullptr)) : py_ref{};
    if (!r) PyErr_Print();
    Py_ssize_t size = 0;
    const char* why = r && PyUnicode_Check(r.get()) ? PyUnicode_AsUTF8AndSize(r.get(), &size) : nullptr;
    if (g_bridge.options && g_bridge.options->finishing)
        g_bridge.options->finishing(status, why ? std::string_view(why, std::size_t(size)) : std::string_view());
    std::fflush(stdout);
    std::fflush(stderr);
    _exit(status);
}

int run_program(const program_options& options) {
    g_bridge.options = &options;
    if (PyImport_AppendInittab("_loopscope", loopscope_module_init) < 0) {
        std::fprintf(stderr, "loopscope: cannot register the _loopscope module\n");
        return 2;
    }
    PyConfig config;
    PyConfig_InitIsolatedConfig(&config);
    config.use_hash_seed = 1;  // deterministic: the same program gives the same trace
    config.hash_seed = 0;
    config.install_signal_handlers = 1;  // Ctrl-C raises KeyboardInterrupt, as in python3
    std::vector<std::string> argv_text{options.path};
    argv_text.insert(argv_text.end(), options.args.begin(), options.args.end());
    std::vector<char*> argv;
    for (auto& a : argv_text) argv.push_back(a.data());
    PyStatus status = PyConfig_SetBytesArgv(&config, Py_ssize_t(argv.size()), argv.data());
    if (!PyStatus_Exception(status)) status = Py_InitializeFromConfig(&config);
    PyConfig_Clear(&config);
    if (PyStatus_Exception(status)) {
        std::fprintf(stderr, "loopscope: cannot start Python: %s\n", status.err_msg ? status.err_msg : "unknown error");
        return 2;
    }
    run_budget budget(options.budget, options.path);
    int exit_status = run_in_interpreter(options);
    if (exit_status < 0) {
        PyErr_Print();
        exit_status = 2;
    }
    budget.pause();
    if (options.finishing) options.finishing(exit_status, {});
    g_bridge.world = {};
    g_bridge.observe = {};
    g_bridge.task_type = {};
    g_bridge.sleep_callback = {};
    g_bridge.handle_type = {};
    g_bridge.timer_handle_type = {};
    g_bridge.names = {};
    if (Py_FinalizeEx() < 0 && exit_status == 0) exit_status = 120;
    g_bridge.options = nullptr;
    return exit_status;
}

void report_output(std::string_view text, const char* file, const char* function, std::uint32_t line) {
    task_observer* observer = running_observer();
    if (!observer) return;
    observer->loop().foreign_output(observer->current(), text, observer->location(file, function, line));
}

}  // namespace loopscope::python
