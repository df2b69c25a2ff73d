#!/usr/bin/env bash
# Builds horolog with its tests and runs the whole suite with ctest.
# HOROLOG_SANITIZE=1 builds and runs it under AddressSanitizer + UndefinedBehaviorSanitizer.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh --test
build_dir=build
options=(-DCMAKE_BUILD_TYPE=Release -DHOROLOG_WERROR=ON)
if [[ "${HOROLOG_SANITIZE:-0}" == 1 ]]; then
  build_dir=build-sanitize
  options=(-DCMAKE_BUILD_TYPE=Debug -DHOROLOG_SANITIZE=ON -DHOROLOG_WERROR=ON)
fi
cmake -S . -B "$build_dir" -G Ninja "${options[@]}" >/dev/null
cmake --build "$build_dir" -j"$(nproc)"
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
ctest --test-dir "$build_dir" --output-on-failure -j"$(nproc)" --timeout 600
