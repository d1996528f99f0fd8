#!/usr/bin/env bash
# Fuzzes the trace loader, the Chrome JSON exporter and the parameter parser
# with libFuzzer (clang 14, AddressSanitizer + UndefinedBehaviorSanitizer),
# SECONDS each (default 60), starting from the seed corpus in
# tests/fuzz/corpus/ (traces/: real trace files; parameters/: NAME=VALUE texts). Prints how many inputs each target ran; exits
# non-zero when one crashes, hangs or allocates too much, leaving the input
# that did it in build/fuzz/findings/<target>/.
#   scripts/fuzz.sh [SECONDS]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-60}"
scripts/install-deps.sh --fuzz

build=build/fuzz
targets=(fuzz_trace_loader fuzz_chrome_export fuzz_parameters)
cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_COMPILER=clang++-14 \
      -DLOOPSCOPE_SANITIZE=ON -DLOOPSCOPE_FUZZ=ON -DLOOPSCOPE_UI=OFF -DLOOPSCOPE_BENCH=OFF >/dev/null
cmake --build "$build" -j "$(nproc)" --target "${targets[@]}"

# The largest input worth trying per target: real traces are a few KiB.
declare -A max_len=([fuzz_trace_loader]=65536 [fuzz_chrome_export]=65536 [fuzz_parameters]=256)
declare -A seeds=([fuzz_trace_loader]=traces [fuzz_chrome_export]=traces [fuzz_parameters]=parameters)
export ASAN_OPTIONS="detect_leaks=1:allocator_may_return_null=0"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
status=0
for target in "${targets[@]}"; do
  corpus="$build/corpus/$target"      # grows as the fuzzer finds new coverage
  findings="$build/findings/$target"  # crash-*, timeout-*, oom-* inputs
  mkdir -p "$corpus" "$findings"
  log="$build/$target.log"
  echo "== $target: ${seconds} s"
  if ! "$build/tests/fuzz/$target" "$corpus" "tests/fuzz/corpus/${seeds[$target]}" \
        -max_total_time="$seconds" -max_len="${max_len[$target]}" -rss_limit_mb=2048 -malloc_limit_mb=2048 \
        -timeout=10 -artifact_prefix="$findings/" -print_final_stats=1 >"$log" 2>&1; then
    status=1
    tail -n 40 "$log"
    echo "$target FAILED: the input is in $findings/" >&2
  fi
  runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo "?")
  echo "$target: $runs executions"
done
exit "$status"
