#!/usr/bin/env python3
"""`loopscope run PROGRAM.py` as a user meets it: Loopscope's own usage and
input errors get one exact line on stderr, status 2 and nothing on stdout or
disk; what the virtual world does not simulate fails with an error naming the
call; the program gets its own arguments.

Usage: test_program_cli.py LOOPSCOPE [--sanitized]"""
import json
import os
import random
import subprocess
import sys
import tempfile

loopscope = os.path.abspath(sys.argv[1])
sanitized = "--sanitized" in sys.argv[2:]
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


def check_that(what, holds, details):
    global failures
    if holds:
        print(f"ok   {what}")
    else:
        failures += 1
        print(f"FAIL {what}:\n{details}")


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
    check(["run", hello, "--param", "n=3"], 2, stdout="",
          stderr=f"loopscope: {hello}: --param applies to scenarios; a program takes its own arguments\n")
    check(["run", hello, "--trace"], 2, stdout="", stderr="loopscope: --trace needs a file name\n", absent=[trace])
    check(["run", hello], 0, stdout="hello\n", stderr="")
    check(["run", hello, "--log"], 0, stdout="t=0.000 hello\n", stderr="")

    args = program(d, "args.py", "import sys\nprint(sys.argv[1:])\n")
    check(["run", args, "a", "--log", "-x", "--", "--log", "--trace", "t"], 0,
          stdout="t=0.000 ['a', '-x', '--log', '--trace', 't']\n", stderr="")

    beyond = "is not simulated yet; use localhost, 127.0.0.1 or ::1"
    fences = {
        "await asyncio.open_connection('example.com', 80)":
            f"the network beyond this host (example.com) {beyond}",
        "await asyncio.get_running_loop().create_connection(asyncio.Protocol, '10.0.0.1', 1)":
            f"the network beyond this host (10.0.0.1) {beyond}",
        "import concurrent.futures as cf; await asyncio.get_running_loop().run_in_executor(cf.ProcessPoolExecutor(), "
        "print)": "run_in_executor with a ProcessPoolExecutor is not simulated yet",
        "await asyncio.create_subprocess_exec('ls')": "create_subprocess_exec is not simulated yet",
        "asyncio.get_running_loop().add_signal_handler(2, print)": "add_signal_handler is not simulated yet",
        "asyncio.get_running_loop().add_reader(0, print)": "add_reader on a real file descriptor is not simulated yet",
        "import socket; socket.socket(socket.AF_INET, socket.SOCK_DGRAM)":
            "only TCP sockets (AF_INET, AF_INET6, SOCK_STREAM) are simulated",
    }
    for line, text in fences.items():
        path = program(d, "fenced.py", f"import asyncio\n\nasync def main():\n    {line}\n\nasyncio.run(main())\n")
        message = f"loopscope: {text}"
        check(["run", path, "--log"], 1, stdout=f"t=0.000 uncaught NotSimulatedError: {message}\n",
              stderr_last=f"loopscope.NotSimulatedError: {message}")
    # The virtual host hands out ports in sequence: a client's address is the same on every run.
    program(d, "peer.py", "import asyncio\n\nasync def main():\n"
                          "    server = await asyncio.start_server(lambda r, w: None, 'localhost', 0)\n"
                          "    port = server.sockets[0].getsockname()[1]\n"
                          "    _, writer = await asyncio.open_connection('localhost', port)\n"
                          "    print(port, writer.get_extra_info('sockname'), writer.get_extra_info('peername'))\n"
                          "\nasyncio.run(main())\n")
    check(["run", "peer.py"], 0, stdout="50000 ('127.0.0.1', 50001) ('127.0.0.1', 50000)\n", stderr="", cwd=d)

    # The trace of a program: CPython's task names, coroutines with their arguments, output by task and time.
    programs = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "programs")
    lessons = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "assets", "lessons")
    check(["run", os.path.join(lessons, "countdown_gather.py"), "--trace", trace], 0,
          stdout="A 3\nB 2\nA 2\nB 1\nA 1\n['A done', 'B done']\ntook 3.00 s\n", stderr="")
    gather_timeline = """\
3.000 s of virtual time, 16 loop iterations, 5 tasks, 142 events
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
    check(["show", os.path.join(lessons, "countdown_gather.py")], 0, stderr="", stdout=gather_timeline)
    check(["show", "nothere.py"], 2, stdout="", stderr="loopscope: nothere.py: no such file\n")
    check(["show", hello, "--param", "n=1"], 2, stdout="",
          stderr=f"loopscope: {hello}: --param applies to scenarios; a program takes its own arguments\n")
    # A deadlock names who waits on what; the trace is written although the run ends at once (status 3).
    check(["run", os.path.join(programs, "deadlock.py"), "--trace", trace], 3, stdout="left waits\nright waits\n",
          stderr="loopscope: deadlock at t=1.000: every task waits and no timer is pending\n")
    shown = subprocess.run([loopscope, "show", trace], capture_output=True, text=True, timeout=60).stdout
    expected = "deadlock: Task-1 waits on gather(2); Task-2 waits on event.wait; Task-3 waits on event.wait"
    check_that(f"loopscope show (deadlock.py's trace) says {expected!r}", expected in shown, shown)

    # Bad programs: python3's own words where it has them, Loopscope's budgets where python3 would hang.
    bad = program(d, "bad.py", 'import asyncio\nprint("a",\nx = 1\n')
    check(["run", "bad.py"], 1, stdout="", cwd=d,
          stderr="loopscope: bad.py:2:6: SyntaxError: '(' was never closed\n    print(\"a\",\n         ^\n")
    # --text-from: the window's unsaved edit runs under the program's name; tracebacks quote the edit.
    program(d, "edit.txt", 'print("edited")\n1 / 0\n')
    check(["run", "bad.py", "--text-from", "edit.txt"], 1, stdout="edited\n", cwd=d,
          stderr=f'Traceback (most recent call last):\n  File "{os.path.join(d, "bad.py")}", line 2, in <module>\n'
                 "    1 / 0\n    ~~^~~\nZeroDivisionError: division by zero\n")
    program(d, "unclosed.txt", "x = 1\ny = (\n")
    check(["run", "bad.py", "--text-from", "unclosed.txt"], 1, stdout="", cwd=d,
          stderr="loopscope: bad.py:2:5: SyntaxError: '(' was never closed\n    y = (\n        ^\n")
    check(["run", "bad.py", "--text-from", "nothere.txt"], 2, stdout="", cwd=d,
          stderr="loopscope: nothere.txt: no such file\n")
    latin = os.path.join(d, "latin.py")
    with open(latin, "wb") as f:
        f.write(b'print("caf\xe9")\n')
    check(["run", "latin.py"], 1, stdout="", cwd=d,
          stderr="loopscope: latin.py:1: SyntaxError: Non-UTF-8 code starting with '\\xe9' in file "
                 f"{latin} on line 1, but no encoding declared; see https://peps.python.org/pep-0263/ for details\n")
    missing = program(d, "missing.py", "import asyncio\nimport nothere\n")
    python3 = subprocess.run([sys.executable, missing], capture_output=True, text=True, timeout=60)
    check(["run", missing], 1, stdout="", stderr=python3.stderr)
    spin = program(d, "spin.py", "import asyncio\n\nasync def spin(n):\n    while True:\n        pass\n\n"
                                 "async def main():\n    await asyncio.gather(spin(1), spin(2))\n\nasyncio.run(main())\n")
    check(["run", "spin.py", "--step-timeout", "0.5", "--trace", trace], 3, stdout="", cwd=d,
          stderr="loopscope: spin.py:4: Task-2 spin(1) ran for 0.5 s without yielding to the loop; stopped at "
                 "t=0.000 (--step-timeout SECONDS changes the limit)\n")
    shown = subprocess.run([loopscope, "show", trace], capture_output=True, text=True, timeout=60)
    check_that("the trace of a step stopped by its timeout says why, and what was left pending",
               shown.returncode == 0 and shown.stdout.endswith(
                   "pending at close: Task-3 spin(2) was still pending when the run stopped (step timeout of 0.5 s: "
                   "Task-2 spin(1) did not yield at spin.py:4)\n\nstopped early: step timeout of 0.5 s: Task-2 "
                   "spin(1) did not yield at spin.py:4\n"), shown.stdout + shown.stderr)
    # The trace says what ran and how: the source, the path and arguments, the seed, the Python that ran it.
    check(["run", "args.py", "x", "--seed", "5", "--trace", trace], 0, stdout="['x']\n", stderr="", cwd=d)
    check(["export", trace, "--chrome", os.path.join(d, "args.json")], 0, stdout="", stderr="")
    with open(os.path.join(d, "args.json")) as f:
        run = json.load(f)["otherData"]["program"]
    check_that("a program's trace carries its path, arguments, seed and Python version",
               run == {"path": "args.py", "arguments": ["x"], "seed": 5, "python": sys.version,
                       "source": "import sys\nprint(sys.argv[1:])\n"}, run)
    program(d, "busy.py", "n = 0\nwhile True:\n    n += 1\n")
    check(["run", "busy.py", "--step-timeout", "0.3"], 3, stdout="", cwd=d,
          stderr="loopscope: busy.py:2: the program ran for 0.3 s without yielding to the loop; stopped at t=0.000 "
                 "(--step-timeout SECONDS changes the limit)\n")
    program(d, "stuck.py", "import threading\nlock = threading.Lock()\nlock.acquire()\nlock.acquire()\n")
    check(["run", "stuck.py", "--step-timeout", "0.3"], 3, stdout="", cwd=d,
          stderr="loopscope: stuck.py: the program ran for 0.3 s without yielding to the loop, blocked in a call "
                 "outside Python; stopped (--step-timeout SECONDS changes the limit)\n")
    program(d, "spawner.py", "import asyncio\n\nasync def spawn(n):\n    asyncio.create_task(spawn(n + 1))\n"
                             "    await asyncio.sleep(0.001)\n\nasyncio.run(spawn(0))\n")
    check(["run", "spawner.py", "--max-steps", "1000"], 3, stdout="", cwd=d,
          stderr="loopscope: spawner.py: stopped at t=0.000 after 1000 loop steps, the step budget "
                 "(--max-steps N changes it)\n")
    # A trace that reaches its event budget stops the program (its loop could no longer move the clock).
    program(d, "ticker.py", "import asyncio\n\nasync def tick():\n    while True:\n        await asyncio.sleep(1)\n\n"
                            "asyncio.run(tick())\n")
    check(["run", "ticker.py", "--trace", trace, "--max-events", "200"], 3, stdout="", cwd=d,
          stderr="loopscope: ticker.py: stopped at t=14.000: the trace reached its event budget "
                 "(--max-events N changes it)\n")
    check(["show", trace], 0, cwd=d, stderr="")
    shown = subprocess.run([loopscope, "show", trace], capture_output=True, text=True).stdout
    check_that("the trace says it stopped at its event budget",
               shown.endswith("stopped early: event budget of 200 events reached\n"), shown[-300:])
    if not sanitized:  # AddressSanitizer owns the address space and the SIGSEGV handler
        program(d, "hog.py", "data = bytearray(8 << 30)\n")
        check(["run", "hog.py", "--memory-limit", "256"], 1, stdout="", cwd=d,
              stderr_last="loopscope: hog.py ran out of memory: Loopscope lets a program use 256 MiB "
                          "(--memory-limit MIB changes it)")
        program(d, "crash.py", "import ctypes\nctypes.string_at(0)\n")
        check(["run", "crash.py"], 2, stdout="", cwd=d,
              stderr="loopscope: crash.py: the Python process was killed by signal 11 (Segmentation fault)\n")
    for option, value, needs in (("--step-timeout", "0", "a number of seconds greater than 0"),
                                 ("--until", "nan", "a number of seconds greater than 0"),
                                 ("--max-steps", "many", "a whole number from 1"),
                                 ("--max-events", "0", "a whole number from 1"),
                                 ("--memory-limit", "10", "a number of MiB from 64"),
                                 ("--seed", "-1", "a whole number from 0"),
                                 ("--latency", "-0.1", "a number of seconds from 0")):
        check(["run", hello, option, value], 2, stdout="", stderr=f"loopscope: {option} needs {needs}; got '{value}'\n")

    # Input is deterministic: --stdin FILE, or end of file at once (never the terminal).
    echo = program(d, "echo.py", "print(input())\n")
    with open(os.path.join(d, "in.txt"), "w") as f:
        f.write("hello\n")
    check(["run", "echo.py", "--stdin", "in.txt"], 0, stdout="hello\n", stderr="", cwd=d)
    check(["run", "echo.py", "--stdin", "none.txt"], 2, stdout="", stderr="loopscope: none.txt: no such file\n", cwd=d)
    check(["run", "echo.py"], 1, stdout="", cwd=d, stderr_last="EOFError: EOF when reading a line")
    # random is seeded: --seed N, 0 by default.
    program(d, "dice.py", "import random\nprint(random.random())\n")
    check(["run", "dice.py"], 0, stdout=f"{random.Random(0).random()}\n", stderr="", cwd=d)
    check(["run", "dice.py", "--seed", "7"], 0, stdout=f"{random.Random(7).random()}\n", stderr="", cwd=d)
    # Cancellations are recorded with who asked and the message: Task.cancel() cancels what the task awaits.
    chrome = os.path.join(d, "cancel.json")
    check(["run", os.path.join(programs, "cancel_and_shield.py"), "--chrome", chrome], 0, stderr="",
          stdout="True True\ncaught ('please stop',)\nfinished anyway\nobedient cancelled: True\nFalse\n")
    with open(chrome) as f:
        cancels = [(e["args"]["task"], e["args"]["by"], e["args"].get("message", ""))
                   for e in json.load(f)["traceEvents"] if e.get("name") == "cancel requested"]
    check_that("each cancel() is recorded with its task, who asked and the message",
               cancels == [("Task-2 stubborn()", "Task-1 main()", "please stop"), ("Task-3 obedient()", "Task-1 main()", "")],
               cancels)
    # --latency: each packet takes that long one way (a connection is ready after a round trip).
    check(["run", os.path.join(programs, "streams_echo.py"), "--log", "--latency", "0.05"], 0, stderr="",
          stdout="t=0.000 serving on 127.0.0.1:8871\nt=0.100 A connected\nt=0.100 B connected\n"
                 "t=0.150 server got 'hello from A'\nt=0.150 server got 'hello from B'\n"
                 "t=0.200 A got 'echo: hello from A'\nt=0.200 B got 'echo: hello from B'\nt=0.200 server closed\n")
    # --until stops at a virtual time, as for scenarios (status 0: the user asked for it).
    # What-if: --cancel-at EVENT:TASK posts task.cancel("what-if") once the recording has that many events.
    countdown = os.path.join(lessons, "countdown_tasks.py")
    check(["run", countdown, "--trace", trace, "--cancel-at", "30:2"], 1, stdout="A 3\nB 2\n",
          stderr_last="asyncio.exceptions.CancelledError: what-if")
    check(["run", countdown, "--cancel-at", "30:2"], 2, stdout="",
          stderr="loopscope: --cancel-at needs --trace or --chrome (its event is the recording's)\n")
    check(["run", countdown, "--cancel-at", "30"], 2, stdout="",
          stderr="loopscope: --cancel-at needs EVENT:TASK, two whole numbers (40:2: Task-2 once 40 events are "
                 "recorded); got '30'\n")
    check(["run", os.path.join(lessons, "countdown_gather.py"), "--until", "1.5", "--log"], 0,
          stdout="t=0.000 A 3\nt=0.000 B 2\nt=1.000 A 2\nt=1.000 B 1\n",
          stderr=f"loopscope: time budget of 1.5 s reached ({os.path.join(lessons, 'countdown_gather.py')}): "
                 "stopped early\n")

sys.exit(1 if failures else 0)
