#!/usr/bin/env python3
"""`loopscope run PROGRAM.py` as a user meets it: Loopscope's own usage and
input errors get one exact line on stderr, status 2 and nothing on stdout or
disk; what the virtual world does not simulate fails with an error naming the
call; the program gets its own arguments.

Usage: test_program_cli.py LOOPSCOPE"""
import os
import subprocess
import sys
import tempfile

loopscope = os.path.abspath(sys.argv[1])
failures = 0


def check(args, status, stdout=None, stderr=None, stderr_last=None, absent=(), cwd=None):
    """Runs loopscope; each given expectation must hold exactly."""
    global failures
    run = subprocess.run([loopscope, *args], capture_output=True, text=True, timeout=60, cwd=cwd)
    problems = []
    if run.returncode != status:
        problems.append(f"exit status {run.returncode}, expected {status}")
    if stdout is not None and run.stdout != stdout:
        problems.append(f"stdout {run.stdout!r}, expected {stdout!r}")
    if stderr is not None and run.stderr != stderr:
        problems.append(f"stderr {run.stderr!r}, expected {stderr!r}")
    if stderr_last is not None and (run.stderr.splitlines() or [""])[-1] != stderr_last:
        problems.append(f"last line of stderr {run.stderr.splitlines()[-1:]!r}, expected {stderr_last!r}")
    problems += [f"{path} exists" for path in absent if os.path.exists(path)]
    if problems:
        failures += 1
        print(f"FAIL loopscope {' '.join(args)}:\n  " + "\n  ".join(problems))
    else:
        print(f"ok   loopscope {' '.join(args)}")


def program(d, name, text):
    path = os.path.join(d, name)
    with open(path, "w") as f:
        f.write(text)
    return path


with tempfile.TemporaryDirectory() as d:
    trace = os.path.join(d, "out.loopscope")
    check(["run", "nothere.py", "--log"], 2, stdout="", stderr="loopscope: nothere.py: no such file\n")
    os.mkdir(os.path.join(d, "folder.py"))
    check(["run", "folder.py"], 2, stdout="", stderr="loopscope: folder.py: is a directory\n", cwd=d)
    hello = program(d, "hello.py", 'print("hello")\n')
    check(["run", hello, "--until", "3"], 2, stdout="",
          stderr=f"loopscope: {hello}: --until is not supported for Python programs yet\n")
    check(["run", hello, "--trace"], 2, stdout="", stderr="loopscope: --trace needs a file name\n", absent=[trace])
    check(["run", hello], 0, stdout="hello\n", stderr="")
    check(["run", hello, "--log"], 0, stdout="t=0.000 hello\n", stderr="")

    args = program(d, "args.py", "import sys\nprint(sys.argv[1:])\n")
    check(["run", args, "a", "--log", "-x", "--", "--log", "--trace", "t"], 0,
          stdout="t=0.000 ['a', '-x', '--log', '--trace', 't']\n", stderr="")

    fences = {
        "start_server": "await asyncio.start_server(lambda r, w: None, '127.0.0.1', 8888)",
        "open_connection": "await asyncio.open_connection('example.com', 80)",
        "create_connection": "await asyncio.get_running_loop().create_connection(asyncio.Protocol, 'h', 1)",
        "run_in_executor (and asyncio.to_thread)": "await asyncio.get_running_loop().run_in_executor(None, print)",
        "to_thread": "await asyncio.to_thread(print)",
        "create_subprocess_exec": "await asyncio.create_subprocess_exec('ls')",
        "add_signal_handler": "asyncio.get_running_loop().add_signal_handler(2, print)",
        "add_reader": "asyncio.get_running_loop().add_reader(0, print)",
    }
    for call, line in fences.items():
        path = program(d, "fenced.py", f"import asyncio\n\nasync def main():\n    {line}\n\nasyncio.run(main())\n")
        message = f"loopscope: {call} is not simulated yet"
        check(["run", path, "--log"], 1, stdout=f"t=0.000 uncaught NotSimulatedError: {message}\n",
              stderr_last=f"loopscope_loop.NotSimulatedError: {message}")

    # The trace of a program: CPython's task names, coroutines with their arguments, output by task and time.
    programs = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "programs")
    check(["run", os.path.join(programs, "countdown_gather.py"), "--trace", trace], 0,
          stdout="A 3\nB 2\nA 2\nB 1\nA 1\n['A done', 'B done']\ntook 3.00 s\n", stderr="")
    gather_timeline = """\
3.000 s of virtual time, 16 loop iterations, 5 tasks, 115 events
# running  + ready  - waiting  * done  x cancelled  ! failed   (x axis: virtual time)

                                        0s       0.5s      1s        1.5s      2s        2.5s      3s
Task-1 main()                           #----------------------------------------------------------#*
Task-2 countdown('A', 3)                #------------------#-------------------#-------------------#*
Task-3 countdown('B', 2)                #------------------#-------------------#*
Task-4 BaseEventLoop.shutdown_async...                                                             #*
Task-5 BaseEventLoop.shutdown_defau...                                                             #*

output:
  t=0.000  Task-2   A 3
  t=0.000  Task-3   B 2
  t=1.000  Task-2   A 2
  t=1.000  Task-3   B 1
  t=2.000  Task-2   A 1
  t=3.000  Task-1   ['A done', 'B done']
  t=3.000  Task-1   took 3.00 s
"""
    check(["show", trace], 0, stderr="", stdout=gather_timeline)
    # show PROGRAM.py records it in a child and shows that trace; its own output is in the timeline.
    check(["show", os.path.join(programs, "countdown_gather.py")], 0, stderr="", stdout=gather_timeline)
    check(["show", "nothere.py"], 2, stdout="", stderr="loopscope: nothere.py: no such file\n")
    check(["show", hello, "--until", "1"], 2, stdout="",
          stderr=f"loopscope: {hello}: --param and --until do not apply to Python programs yet\n")
    # A deadlock names who waits on what; the trace is written although the run ends at once (status 3).
    check(["run", os.path.join(programs, "deadlock.py"), "--trace", trace], 3, stdout="left waits\nright waits\n",
          stderr="loopscope: deadlock at t=1.000: every task waits and no timer is pending\n")
    shown = subprocess.run([loopscope, "show", trace], capture_output=True, text=True, timeout=60).stdout
    expected = "deadlock: Task-1 waits on gather(2); Task-2 waits on event.wait; Task-3 waits on event.wait"
    if expected not in shown:
        failures += 1
        print(f"FAIL loopscope show (deadlock.py's trace) does not say {expected!r}:\n{shown}")
    else:
        print("ok   loopscope show (deadlock.py's trace)")

sys.exit(1 if failures else 0)
