#!/usr/bin/env bash
# Builds the libFuzzer targets with clang (ASan + UBSan) and runs each for a bounded number of
# inputs, seeded with the repository's fixtures. A fixed libFuzzer seed makes every run try the
# same inputs, so a clean run here is a clean run anywhere.
# Usage: scripts/fuzz.sh [RUNS_PER_TARGET] [MAX_SECONDS_PER_TARGET]   (default 2000, 30)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-2000}
seconds=${2:-30}
scripts/install-deps.sh --test
CC=clang CXX=clang++ cmake -S . -B build-fuzz -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DHOROLOG_FUZZ=ON -DHOROLOG_TESTS=OFF -DCMAKE_DISABLE_FIND_PACKAGE_benchmark=ON >/dev/null
targets=$(cd build-fuzz && ninja -t targets all | sed -n 's/^\(fuzz_[a-z0-9-]*\): .*/\1/p' | sort -u)
cmake --build build-fuzz -j"$(nproc)" --target $targets
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
for target in $targets; do
  corpus=$(mktemp -d)
  # Seeds: text fixtures for line formats, every fixture for the whole-file readers.
  case $target in
    fuzz_evtx | fuzz_winevent-*) find tests/data -type f ! -name '*.md' -size -256k -exec cp {} "$corpus"/ \; ;;
    *) find tests/data -type f ! -name '*.md' ! -name '*.evtx' -size -64k -exec cp {} "$corpus"/ \; ;;
  esac
  echo "fuzzing ${target#fuzz_}: $runs inputs"
  "build-fuzz/tests/fuzz/$target" -seed=1 -runs="$runs" -max_total_time="$seconds" \
    -max_len=16384 -timeout=10 -rss_limit_mb=2048 -print_final_stats=0 "$corpus" 2>"$corpus.log" ||
    { tail -50 "$corpus.log"; echo "fuzz target $target failed"; exit 1; }
  rm -rf "$corpus" "$corpus.log"
done
echo "fuzzing: $(echo "$targets" | wc -w) targets clean"
