# Writes OUT, a C++ header defining `<name>_source` for each file in SOURCES
# (the bridge's Python modules, compiled into the executable).
set(text "#pragma once\n// Generated from sim/python/py/*.py by embed_python.cmake. Do not edit.\n")
string(APPEND text "namespace loopscope::python {\n")
string(REPLACE "," ";" files "${SOURCES}")
foreach(file IN LISTS files)
  get_filename_component(name ${file} NAME_WE)
  file(READ ${file} body)
  string(APPEND text "inline constexpr const char* ${name}_source = R\"loopscope_py(${body})loopscope_py\";\n")
endforeach()
string(APPEND text "}  // namespace loopscope::python\n")
file(WRITE ${OUT}.tmp "${text}")
file(COPY_FILE ${OUT}.tmp ${OUT} ONLY_IF_DIFFERENT)
