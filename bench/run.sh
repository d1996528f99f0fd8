#!/usr/bin/env bash
# Runs every benchmark in one go on this machine: Loopscope's core and its
# peers (CPython asyncio, uvloop, Node.js, Boost.Asio), then the sim's
# recorder, trace file and playback, then the window's load time and CPU time
# per frame, and prints a table of medians and ratios; last, whole Python
# programs under `loopscope run` and its peers (their own table). Usage: bench/run.sh
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh --bench
cmake --preset release >/dev/null
cmake --build --preset release --target loopscope_core_bench loopscope_sim_bench loopscope_ui_bench loopscope >/dev/null
results=$(mktemp)
trap 'rm -f "$results"' EXIT
build/release/bench/loopscope_core_bench | tee -a "$results" >&2
bench/peers/run_peers.sh build/release/peers | tee -a "$results" >&2
build/release/bench/loopscope_sim_bench | tee -a "$results" >&2
build/release/loopscope_ui_bench | tee -a "$results" >&2
python3 bench/table.py "$results"
bench/programs/run_programs.py build/release/loopscope
