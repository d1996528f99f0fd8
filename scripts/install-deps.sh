#!/usr/bin/env bash
# Installs the Debian 12 packages Loopscope needs, only those missing.
#   scripts/install-deps.sh          build and test
#   scripts/install-deps.sh --bench  also the benchmark peers (uvloop, Node.js, Boost.Asio)
#   scripts/install-deps.sh --fuzz   also clang 14 and its libFuzzer/sanitizer runtimes (scripts/fuzz.sh)
set -euo pipefail

packages=(g++ cmake ninja-build pkg-config catch2 python3 python3.11 libpython3.11-dev libfmt-dev libcli11-dev nlohmann-json3-dev
          libimgui-dev libglfw3-dev libgl-dev python3-glad libstb-dev fonts-dejavu-core
          xvfb xauth libgl1-mesa-dri xdotool dpkg-dev lintian)
if [[ "${1:-}" == "--bench" ]]; then
  packages+=(python3-uvloop nodejs libboost-dev)
fi
if [[ "${1:-}" == "--fuzz" ]]; then
  packages+=(clang-14 libclang-rt-14-dev)
fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
# Node.js may come from elsewhere (nodesource): a working `node` is enough.
if [[ " ${missing[*]-} " == *" nodejs "* ]] && command -v node >/dev/null; then
  missing=("${missing[@]/nodejs}")
fi
missing=(${missing[@]+"${missing[@]}"})
[[ ${#missing[@]} -eq 0 ]] && exit 0

echo "Installing: ${missing[*]}" >&2
sudo=""
[[ $(id -u) -ne 0 ]] && sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
