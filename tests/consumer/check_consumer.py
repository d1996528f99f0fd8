#!/usr/bin/env python3
"""Loopscope used as its users use it, from outside the build.

    check_consumer.py installed BUILD_DIR     cmake --install into a scratch prefix; build this folder's
                                              project with find_package, and answer.cpp and record_mine.cpp
                                              with pkg-config; run them; `loopscope show` the trace
    check_consumer.py subdirectory SOURCE_DIR LOOPSCOPE
                                              the same example with Loopscope as add_subdirectory
                                              (LOOPSCOPE, a built loopscope, shows the trace)
    check_consumer.py package BUILD_DIR       cpack -G DEB; lintian; the package unpacked into a scratch
                                              root; its loopscope list and show countdown_gather

Each check prints "ok ..." or "FAIL ..." with what was run and what it said; the exit status is the number
of failures.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
README = HERE.parent.parent / "README.md"
# What `loopscope show` says of record_mine.cpp's trace: gather(worker(2), worker(3)), sleeps of 0.5 s.
MINE_SUMMARY = re.compile(r"^1\.500 s of virtual time, \d+ loop iterations, 3 tasks, \d+ events$", re.M)
failures = 0


def run(command: list[str], cwd: Path | None = None, env: dict | None = None) -> str:
    """Runs `command`; a failure is raised with its output."""
    done = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, timeout=1800)
    if done.returncode != 0:
        raise RuntimeError(f"`{' '.join(command)}` exited with {done.returncode}:\n{done.stdout}{done.stderr}")
    return done.stdout


def check(what: str, holds: bool, details: str = "") -> None:
    global failures
    if holds:
        print(f"ok   {what}")
    else:
        failures += 1
        print(f"FAIL {what}\n{details}")


def check_mine(loopscope: Path, trace: Path) -> None:
    shown = run([str(loopscope), "show", str(trace)])
    check(f"`loopscope show` reads the trace record_mine wrote ({trace.name})", bool(MINE_SUMMARY.search(shown)),
          shown[:400])


def installed(build: Path, work: Path) -> None:
    prefix = work / "prefix"
    run(["cmake", "--install", str(build), "--prefix", str(prefix)])
    readme = README.read_text()
    check("the README prints record_mine.cpp as it is", (HERE / "record_mine.cpp").read_text() in readme)
    cmake_lines = [line for line in (HERE / "CMakeLists.txt").read_text().splitlines()
                   if line.startswith(("find_package", "add_executable", "target_link_libraries"))]
    check("the README's CMake example is this project's", all(line in readme for line in cmake_lines),
          "\n".join(cmake_lines))
    loopscope = prefix / "bin" / "loopscope"
    version = run([str(loopscope), "--version"]).strip()
    check(f"the installed loopscope --version says 'loopscope <version>' ({version})",
          re.fullmatch(r"loopscope \d+\.\d+\.\d+", version) is not None, version)

    project = work / "project"
    run(["cmake", "-S", str(HERE), "-B", str(project), "-G", "Ninja", f"-DCMAKE_PREFIX_PATH={prefix}"])
    run(["cmake", "--build", str(project)])
    run([str(project / "record_mine")], cwd=work)
    check_mine(loopscope, work / "mine.loopscope")

    env = dict(os.environ, PKG_CONFIG_PATH=str(prefix / "lib" / "pkgconfig"))
    for source, package in (("answer.cpp", "loopscope-core"), ("record_mine.cpp", "loopscope-sim")):
        flags = run(["pkg-config", "--cflags", "--libs", package], env=env).split()
        binary = work / Path(source).stem
        run(["c++", str(HERE / source), "-o", str(binary), *flags])
        check(f"{source} builds with `pkg-config --cflags --libs {package}`", binary.exists())
    said = run([str(work / "answer")])
    version_number = version.split()[1]
    check("answer (loopscope-core alone) prints its result at its virtual time",
          said == f"42 at t=1.5 (loopscope {version_number})\n", said)
    (work / "mine.loopscope").unlink()
    run([str(work / "record_mine")], cwd=work)
    check_mine(loopscope, work / "mine.loopscope")


def subdirectory(source: Path, loopscope: Path, work: Path) -> None:
    build = work / "build"
    run(["cmake", "-S", str(HERE / "subdirectory"), "-B", str(build), "-G", "Ninja",
         f"-DLOOPSCOPE_SOURCE_DIR={source}"])
    targets = run(["cmake", "--build", str(build), "--target", "help"])
    extra = [t for t in ("loopscope:", "loopscope-python:", "loopscope_ui:", "test_playback:", "loopscope_core_bench:")
             if t in targets]
    check("as a subdirectory, Loopscope adds only its libraries (no window, child, tests or benchmarks)",
          not extra, f"targets it added: {extra}")
    run(["cmake", "--build", str(build), "--target", "record_mine"])
    run([str(build / "record_mine")], cwd=work)
    check_mine(loopscope, work / "mine.loopscope")


def package(build: Path, work: Path) -> None:
    run(["cpack", "-G", "DEB", "-B", str(work)], cwd=build)
    debs = sorted(work.glob("loopscope_*_amd64.deb"))
    check("cpack -G DEB makes loopscope_<version>_amd64.deb", len(debs) == 1, str(list(work.iterdir())))
    if not debs:
        return
    deb = debs[0]
    fields = run(["dpkg-deb", "--field", str(deb), "Depends"])
    check(f"its Depends are computed (libc6, libglfw3, libpython3.11-stdlib ...): {fields.strip()}",
          all(name in fields for name in ("libc6", "libglfw3", "libstdc++6", "libpython3.11-stdlib",
                                          "fonts-dejavu-core")), fields)
    lintian = subprocess.run(["lintian", "--tag-display-limit", "0", str(deb)], capture_output=True, text=True,
                             timeout=600)
    errors = [line for line in lintian.stdout.splitlines() if line.startswith("E:")]
    check("lintian reports no errors on it", not errors and lintian.returncode in (0, 1) and "E:" not in lintian.stderr,
          lintian.stdout + lintian.stderr)
    root = work / "root"
    run(["dpkg-deb", "-x", str(deb), str(root)])
    loopscope = root / "usr" / "bin" / "loopscope"
    listed = run([str(loopscope), "list"])
    check("the unpacked package's `loopscope list` names countdown_gather", "countdown_gather" in listed, listed[:300])
    shown = run([str(loopscope), "show", "countdown_gather"])
    check("its headless `loopscope show countdown_gather` prints the timeline",
          shown.startswith("countdown_gather  (a=3, b=2)\n3.000 s of virtual time, 12 loop iterations, 3 tasks"),
          shown[:300])
    program = work / "hello.py"
    program.write_text("import asyncio\n\nasync def main():\n    await asyncio.sleep(1)\n    print('hello')\n\n"
                       "asyncio.run(main())\n")
    said = run([str(loopscope), "run", str(program), "--log"])
    check("its loopscope-python (from usr/libexec) runs a program", said == "t=1.000 hello\n", said)


def main() -> int:
    checks = {"installed": (installed, 1), "subdirectory": (subdirectory, 2), "package": (package, 1)}
    if len(sys.argv) < 2 or sys.argv[1] not in checks or len(sys.argv) != 2 + checks[sys.argv[1]][1]:
        print(__doc__)
        return 2
    work = Path(tempfile.mkdtemp(prefix=f"loopscope-{sys.argv[1]}-"))
    try:
        checks[sys.argv[1]][0](*(Path(a).resolve() for a in sys.argv[2:]), work)
    except RuntimeError as e:
        check(f"{sys.argv[1]}: every command runs", False, str(e))
    finally:
        if failures:
            print(f"(kept {work})")
        else:
            shutil.rmtree(work, ignore_errors=True)
    return failures


if __name__ == "__main__":
    sys.exit(main())
