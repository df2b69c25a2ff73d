#!/usr/bin/env bash
# The Kafka demo: builds horolog and its test broker (librdkafka's mock cluster, loopback only),
# starts a 3-broker cluster, runs `horolog run --once` over the bundled sample logs into topic
# `logs.{format}`, then reads the topic back with kcat when it is installed. Nothing leaves
# this machine; the cluster keeps messages in memory and stops when the script ends.
set -euo pipefail
cd "$(dirname "$0")/.."
build=${HOROLOG_BUILD_DIR:-build}  # another build directory may be named here
scripts/install-deps.sh
cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$build" --target horolog horolog-test-broker -j"$(nproc)"

work=$(mktemp -d)
broker_pid=
cleanup() {
  if [[ -n $broker_pid ]]; then
    echo quit > "$work/control" || true
    wait "$broker_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

"$build"/tests/tools/horolog-test-broker --brokers 3 --topic logs.rfc3164:3 \
  --bootstrap-file "$work/bootstrap" --control "$work/control" < /dev/null > "$work/broker.out" &
broker_pid=$!
for _ in $(seq 100); do [[ -s $work/bootstrap ]] && break; sleep 0.1; done
bootstrap=$(cat "$work/bootstrap")
echo "test broker listening on $bootstrap (control FIFO: $work/control)"

cat > "$work/horolog.yaml" <<YAML
data_dir: $work/var
timezone: UTC
clock: {servers: []}
inputs:
  - name: samples
    type: file
    paths: ["./tests/data/demo/*.log"]
    format: rfc3164
    timezone: UTC
sinks:
  - name: siem
    type: kafka
    brokers: "$bootstrap"
    topic: "logs.{format}"
    key: host
YAML
"$build"/agent/horolog run --once --config "$work/horolog.yaml"

if command -v kcat >/dev/null; then
  echo "--- first 3 messages of logs.rfc3164 (kcat):"
  kcat -b "$bootstrap" -C -t logs.rfc3164 -o beginning -e -q -c 3 -f 'partition %p key %k: %s\n'
else
  echo "(install kcat to read the topic back: kcat -b $bootstrap -C -t logs.rfc3164 -o beginning -e)"
fi
