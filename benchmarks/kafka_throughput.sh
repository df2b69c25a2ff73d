#!/usr/bin/env bash
# File -> Kafka throughput of the real agent: tails a generated log of N lines (~100 bytes, one
# sequence number each) with `horolog run --once` into horolog-test-broker (3 brokers, 6
# partitions, loopback), and the same file into a file sink for comparison. Prints events/s and
# MB/s. Use a Release build: scripts are slow to trust in Debug.
# Usage: benchmarks/kafka_throughput.sh BUILD_DIR [EVENTS]   (default 1000000)
set -euo pipefail

build=${1:?usage: $0 BUILD_DIR [EVENTS]}
events=${2:-1000000}
horolog=$build/agent/horolog
broker=$build/tests/tools/horolog-test-broker
[[ -x $horolog && -x $broker ]] || { echo "build horolog and horolog-test-broker in $build" >&2; exit 1; }

work=$(mktemp -d)
broker_pid=
cleanup() {
  [[ -n $broker_pid ]] && kill "$broker_pid" 2>/dev/null && wait "$broker_pid" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT

mkdir -p "$work/logs"
awk -v n="$events" 'BEGIN { for (i = 0; i < n; i++)
  printf "Nov 30 12:00:00 web1 app[42]: seq=%09d lorem ipsum dolor sit amet consectetur adipiscing\n", i }' \
  > "$work/logs/app.log"
input_bytes=$(stat -c %s "$work/logs/app.log")

"$broker" --brokers 3 --topic bench:6 --bootstrap-file "$work/bootstrap" --control "$work/control" \
  < /dev/null > "$work/broker.out" 2>&1 &
broker_pid=$!
for _ in $(seq 100); do [[ -s $work/bootstrap ]] && break; sleep 0.1; done
bootstrap=$(cat "$work/bootstrap")

# run_once NAME SINK_YAML: runs the agent over the whole file and prints one result line.
run_once() {
  local name=$1 sink=$2
  cat > "$work/$name.yaml" <<YAML
data_dir: $work/var-$name
clock: {servers: []}
timezone: UTC
log_level: warn
inputs:
  - name: app
    type: file
    paths: ["$work/logs/app.log"]
    format: rfc3164
sinks:
$sink
YAML
  local start end summary sink_bytes
  start=$(date +%s.%N)
  summary=$("$horolog" run --once --config "$work/$name.yaml" 2>"$work/$name.err")
  end=$(date +%s.%N)
  sink_bytes=$(awk '/^sink /{print $5}' <<<"$summary")
  awk -v name="$name" -v n="$events" -v in_b="$input_bytes" -v out_b="$sink_bytes" \
      -v s="$start" -v e="$end" 'BEGIN {
    t = e - s
    printf "%-6s %9d events in %6.2f s: %9.0f events/s, %6.1f MB/s read, %6.1f MB/s NDJSON out\n",
           name, n, t, n / t, in_b / t / 1e6, out_b / t / 1e6 }'
}

run_once kafka "  - {name: siem, type: kafka, brokers: \"$bootstrap\", topic: bench}"
grep -h "refused\|unconfirmed" "$work/kafka.err" || true
run_once file "  - {name: out, type: file, path: \"$work/out/{input}.ndjson\"}"
echo "cores: $(nproc), $(uname -m); broker: horolog-test-broker (librdkafka mock cluster, 3 brokers)"
