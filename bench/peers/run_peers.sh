#!/usr/bin/env bash
# Loopscope peer benchmarks: builds the Boost.Asio peer into BUILD_DIR ($1, default /tmp/loopscope-peers),
# then runs the cpython-asyncio, uvloop, node and boost-asio peers (switch / spawn / memory workloads),
# printing one JSON line per peer x workload on stdout. Build noise goes to stderr.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
build="${1:-/tmp/loopscope-peers}"
py=/usr/bin/python3  # Debian CPython 3.11 with python3-uvloop (pyenv's python3 has no uvloop)

mkdir -p "$build"
# rebuild only when the source is newer than the binary (the build alone takes ~6 s here)
[[ "$build/asio_peer" -nt "$here/asio_peer.cpp" ]] ||
  g++ -std=c++20 -O2 -DNDEBUG -o "$build/asio_peer" "$here/asio_peer.cpp" -pthread >&2

"$py" "$here/asyncio_peer.py" --loop asyncio
"$py" "$here/asyncio_peer.py" --loop uvloop
node --expose-gc "$here/node_peer.mjs"
"$build/asio_peer"
