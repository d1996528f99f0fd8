"""Runs PROGRAM.py [ARGS...] as __main__ with uvloop's event loop (on real time)."""
import runpy
import sys

import uvloop

uvloop.install()  # the policy asyncio.run takes its loop from
sys.argv = sys.argv[1:]
runpy.run_path(sys.argv[0], run_name="__main__")
