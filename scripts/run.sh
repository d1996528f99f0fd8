#!/usr/bin/env bash
# Quick start, part 1: builds Loopscope and opens it on the default scenario,
# countdown_gather (`gather(countdown(3), countdown(2))`). Without a display it
# prints a text timeline instead and saves the trace to
# build/countdown_gather.loopscope. Arguments go to `loopscope` (try --help).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
cmake --preset release >/dev/null
cmake --build --preset release --target loopscope >/dev/null
if [[ $# -eq 0 ]]; then
  set -- --trace build/countdown_gather.loopscope
fi
exec build/release/loopscope "$@"
