#!/usr/bin/env bash
# Fails, naming the files, when a C++ source of the tree is not formatted as .clang-format says
# (clang-format -i FILE fixes one). CI runs it first, so a formatting slip fails in seconds.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh --lint
if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
  mapfile -t files < <(git ls-files '*.cpp' '*.h')
else
  mapfile -t files < <(find agent benchmarks config normalizer parsers sinks tests -name '*.cpp' -o -name '*.h')
fi
unformatted=()
for file in "${files[@]}"; do
  if ! clang-format --dry-run --Werror "$file" >/dev/null 2>&1; then unformatted+=("$file"); fi
done
if [[ ${#unformatted[@]} -gt 0 ]]; then
  echo "not formatted as .clang-format says (fix with clang-format -i):" >&2
  printf '  %s\n' "${unformatted[@]}" >&2
  exit 1
fi
echo "formatting: ${#files[@]} files clean"
