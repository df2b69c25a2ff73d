#!/usr/bin/env bash
# Builds the libFuzzer targets with clang (ASan + UBSan) and runs each for a fixed time, seeded
# with the repository's sample files. Usage: scripts/fuzz.sh [SECONDS_PER_TARGET] (default 10)
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-10}
scripts/install-deps.sh --test
CC=clang CXX=clang++ cmake -S . -B build-fuzz -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DHOROLOG_FUZZ=ON -DHOROLOG_TESTS=OFF -DCMAKE_DISABLE_FIND_PACKAGE_benchmark=ON >/dev/null
targets=$(cd build-fuzz && ninja -t targets all | sed -n 's/^\(fuzz_[a-z0-9-]*\): .*/\1/p' | sort -u)
cmake --build build-fuzz -j"$(nproc)" --target $targets
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
for target in $targets; do
  corpus=$(mktemp -d)
  # Seeds: the project's own fixtures (line formats take any of them; whole-file readers too).
  find tests/data -type f ! -name '*.md' -size -256k -exec cp {} "$corpus"/ \;
  echo "fuzzing ${target#fuzz_} for ${seconds}s"
  "build-fuzz/tests/fuzz/$target" -max_total_time="$seconds" -max_len=65536 -timeout=10 \
    -rss_limit_mb=2048 -print_final_stats=0 "$corpus" 2>"$corpus.log" ||
    { tail -50 "$corpus.log"; echo "fuzz target $target failed"; exit 1; }
  rm -rf "$corpus" "$corpus.log"
done
echo "fuzzing: $(echo "$targets" | wc -w) targets clean"
