#!/usr/bin/env bash
# Builds horolog and runs it once over the bundled sample logs with the default config
# (config/horolog.yaml): NDJSON files appear under ./out and a summary is printed.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build --target horolog -j"$(nproc)"
exec build/agent/horolog run --config config/horolog.yaml --once
