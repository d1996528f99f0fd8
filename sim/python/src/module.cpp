// The `_loopscope` extension module: the virtual clock, output, and CoreLoop.
#include "bridge.hpp"
#include "core_loop.hpp"
#include "virtual_time.hpp"

namespace loopscope::python {

namespace {

PyObject* module_now(PyObject*, PyObject*) { return PyFloat_FromDouble(virtual_now()); }

/// block(seconds): time.sleep. Inside a step the running loop reports the stall.
PyObject* module_block(PyObject*, PyObject* arg) {
    const double seconds = PyFloat_AsDouble(arg);
    if (seconds == -1.0 && PyErr_Occurred()) return nullptr;
    if (event_loop* loop = running_core_loop())
        loop->block(seconds);
    else
        virtual_advance(seconds);
    Py_RETURN_NONE;
}

/// output(text, file, function, line): a printed line, for the instruments of the running loop.
PyObject* module_output(PyObject*, PyObject* args) {
    const char* text = nullptr;
    Py_ssize_t size = 0;
    const char* file = nullptr;
    const char* function = nullptr;
    unsigned int line = 0;
    if (!PyArg_ParseTuple(args, "s#ssI", &text, &size, &file, &function, &line)) return nullptr;
    report_output(std::string_view(text, std::size_t(size)), file, function, line);
    Py_RETURN_NONE;
}

/// observed(): a trace is being recorded of the running loop (worth reporting output).
PyObject* module_observed(PyObject*, PyObject*) { return PyBool_FromLong(running_observer() != nullptr); }

PyMethodDef module_methods[] = {
    {"now", module_now, METH_NOARGS, "The virtual clock"},
    {"block", module_block, METH_O, "A blocking call: the clock jumps, nothing else runs"},
    {"output", module_output, METH_VARARGS, "Report a printed line: output(text, file, function, line)"},
    {"observed", module_observed, METH_NOARGS, "Whether the running loop is being recorded"},
    {nullptr, nullptr, 0, nullptr},
};

PyModuleDef module_def = {PyModuleDef_HEAD_INIT, "_loopscope", "Loopscope's loop for asyncio programs", -1,
                          module_methods, nullptr, nullptr, nullptr, nullptr};

}  // namespace

PyObject* init_loopscope_module() {
    PyTypeObject* type = core_loop_type();
    if (!type) return nullptr;
    py_ref module = py_ref::steal(PyModule_Create(&module_def));
    if (!module) return nullptr;
    Py_INCREF(type);
    if (PyModule_AddObject(module.get(), "CoreLoop", reinterpret_cast<PyObject*>(type)) < 0) {
        Py_DECREF(type);
        return nullptr;
    }
    return module.release();
}

}  // namespace loopscope::python
