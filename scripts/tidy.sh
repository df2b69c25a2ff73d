#!/usr/bin/env bash
# clang-tidy over the product code with the checks of .clang-tidy (every finding is an error).
# Needs a configured build (compile_commands.json): scripts/test.sh makes build/.
# Usage: scripts/tidy.sh [BUILD_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh --lint
build_dir=${1:-build}
[[ -f "$build_dir/compile_commands.json" ]] || {
  echo "no $build_dir/compile_commands.json: configure a build first (scripts/test.sh)" >&2
  exit 2
}
# GCC's own warning flags mean nothing to clang: ignored rather than reported.
log=$(mktemp)
status=0
run-clang-tidy-14 -p "$build_dir" -quiet -j"$(nproc)" -extra-arg=-Wno-unknown-warning-option \
  "$(pwd)/(agent|parsers|normalizer|sinks|config)/" >"$log" 2>&1 || status=$?
grep -v '^clang-tidy-14 \|warnings generated\|^Suppressed\|^Use -header-filter' "$log" || true
rm -f "$log"
[[ $status -eq 0 ]] && echo "clang-tidy: clean"
exit $status
