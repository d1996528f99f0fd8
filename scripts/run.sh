#!/usr/bin/env bash
# Quick start, part 1: builds Loopscope and runs it on the default scenario,
# countdown_gather (`gather(countdown(3), countdown(2))`).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
cmake --preset release >/dev/null
cmake --build --preset release --target loopscope >/dev/null
exec build/release/sim/loopscope "$@"
