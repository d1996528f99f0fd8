"""Writes a C++ header with the bridge's Python modules compiled to bytecode.

Usage: embed_python.py OUT SOURCE.py...   (run by the python3.11 Loopscope embeds)

Each module becomes `<name>_code`, its code object as marshal writes it, so
the child unmarshals it instead of compiling the source on every run (~14 ms
of a run's start). The bytecode is this interpreter's: the same build the
child embeds (CMake runs this with LOOPSCOPE_EMBEDDED_PYTHON).
"""
import marshal
import os
import sys


def main(out, sources):
    lines = ["#pragma once",
             "// Generated from sim/python/py/*.py by embed_python.py. Do not edit.",
             f"// Bytecode of Python {sys.version.split()[0]} (magic {sys.implementation.cache_tag}).",
             "namespace loopscope::python {"]
    for path in sources:
        name = os.path.splitext(os.path.basename(path))[0]
        with open(path, encoding="utf-8") as f:
            code = compile(f.read(), f"<loopscope>/{name}.py", "exec", dont_inherit=True)
        data = marshal.dumps(code)
        rows = (", ".join(str(b) for b in data[i:i + 32]) for i in range(0, len(data), 32))
        lines.append(f"inline constexpr unsigned char {name}_code[] = {{\n" + ",\n".join(rows) + "};")
    lines.append("}  // namespace loopscope::python")
    text = "\n".join(lines) + "\n"
    try:
        with open(out, encoding="utf-8") as f:
            if f.read() == text:
                return  # unchanged: nothing that includes it is rebuilt
    except FileNotFoundError:
        pass
    with open(out + ".tmp", "w", encoding="utf-8") as f:
        f.write(text)
    os.replace(out + ".tmp", out)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2:])
