/* python3.11 on Debian's shared libpython3.11.so, the library Loopscope embeds
   (/usr/bin/python3.11 links it statically): separates the interpreter build's
   cost from the loop's. Built by run_programs.py. */
#include <Python.h>

int main(int argc, char** argv) { return Py_BytesMain(argc, argv); }
