#!/usr/bin/env bash
# Quick start, part 2: builds everything and runs every test twice: a normal
# debug build, then under AddressSanitizer + UndefinedBehaviorSanitizer
# (leak detection on).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
jobs=$(nproc)
for preset in debug asan; do
  echo "== ${preset}: configure, build, test"
  cmake --preset "$preset" >/dev/null
  cmake --build --preset "$preset" -j "$jobs"
  ctest --preset "$preset" -j "$jobs"
done
