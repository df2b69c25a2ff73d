#!/usr/bin/env bash
# File -> syslog receiver throughput of the real agent beside rsyslog's own forwarding: a log of N
# lines goes with `horolog run --once` to an rsyslogd receiver over tcp, tls, relp and relp+tls,
# and rsyslogd (imfile) forwards the same file with omfwd (tcp) and omrelp to the same kind of
# receiver. Prints events/s. Needs the rsyslogd unpacked by scripts/install-deps.sh --test.
# Usage: benchmarks/syslog_throughput.sh BUILD_DIR [EVENTS]   (default 500000)
set -euo pipefail

build=${1:?usage: $0 BUILD_DIR [EVENTS]}
events=${2:-500000}
horolog=$build/agent/horolog
root=${HOROLOG_TEST_PEERS:-/opt/horolog-test-peers}/rsyslog  # where install-deps.sh --test unpacks it
rsyslogd=$root/usr/sbin/rsyslogd
modules=$root/usr/lib/x86_64-linux-gnu/rsyslog
[[ -x $horolog && -x $rsyslogd ]] || { echo "need $horolog and $rsyslogd" >&2; exit 1; }

work=$(mktemp -d)
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT

mkdir -p "$work/logs" "$work/certs"
awk -v n="$events" 'BEGIN { for (i = 0; i < n; i++)
  printf "Nov 30 12:00:00 web1 app[42]: seq=%09d lorem ipsum dolor sit amet consectetur adipiscing\n", i }' \
  > "$work/logs/app.log"
(
  cd "$work/certs"
  openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=ca -keyout ca.key -out ca.pem 2>/dev/null
  openssl req -newkey rsa:2048 -nodes -subj /CN=localhost -keyout s.key -out s.csr 2>/dev/null
  printf 'subjectAltName=IP:127.0.0.1\n' > san.ext
  openssl x509 -req -in s.csr -CA ca.pem -CAkey ca.key -CAcreateserial -days 1 -extfile san.ext \
    -out s.pem 2>/dev/null
)

port=30000
# receiver NAME INPUT-LINES: starts rsyslogd writing every message to $work/NAME.out
receiver() {
  local name=$1 input=$2
  mkdir -p "$work/$name"
  cat > "$work/$name/conf" <<CONF
global(workDirectory="$work/$name" maxMessageSize="64k" defaultNetstreamDriverCAFile="$work/certs/ca.pem"
       defaultNetstreamDriverCertFile="$work/certs/s.pem" defaultNetstreamDriverKeyFile="$work/certs/s.key")
$input
template(name="raw" type="string" string="%msg%\n")
action(type="omfile" file="$work/$name.out" template="raw")
CONF
  "$rsyslogd" -n -f "$work/$name/conf" -M "$modules" -i "$work/$name/pid" &
  pids+=($!)
  sleep 1
}
lines_of() { [[ -e $1 ]] && wc -l < "$1" || echo 0; }
# wait_for FILE: until it holds every event; prints the seconds since $start
wait_for() {
  while [[ $(lines_of "$1") -lt $events ]]; do sleep 0.05; done
  echo "$(date +%s.%N) - $start" | bc
}
report() { printf '%-28s %8.0f events/s (%.2f s)\n' "$1" "$(echo "$events / $2" | bc -l)" "$2"; }

horolog_to() {  # NAME TRANSPORT-YAML
  local name=$1 sink=$2
  ((port++))
  local kind=imtcp tls_line=""
  case $name in
    relp*) kind=imrelp ;;
  esac
  case $name in
    tls) tls_line=' streamDriver.name="ossl" streamDriver.mode="1" streamDriver.authMode="anon"' ;;
    relp_tls) tls_line=' tls="on" tls.cacert="'$work/certs/ca.pem'" tls.mycert="'$work/certs/s.pem'" tls.myprivkey="'$work/certs/s.key'"' ;;
  esac
  if [[ $kind == imtcp ]]; then
    local modopts=""
    [[ $name == tls ]] && modopts=$tls_line && tls_line=""
    receiver "h-$name" "module(load=\"imtcp\"$modopts)
input(type=\"imtcp\" port=\"$port\" address=\"127.0.0.1\")"
  else
    local relp_module='module(load="imrelp")'
    [[ $name == relp_tls ]] && relp_module='module(load="imrelp" tls.tlslib="openssl")'
    receiver "h-$name" "$relp_module
input(type=\"imrelp\" port=\"$port\" address=\"127.0.0.1\"$tls_line)"
  fi
  cat > "$work/h-$name/horolog.yaml" <<YAML
data_dir: $work/h-$name/var
clock: {servers: []}
timezone: UTC
inputs:
  - {name: app, type: file, paths: ["$work/logs/*.log"], format: rfc3164}
sinks:
  - name: siem
    type: syslog
    address: ["127.0.0.1:$port"]
    ca_file: "$work/certs/ca.pem"
$sink
YAML
  [[ $name == tcp || $name == relp ]] && sed -i '/ca_file/d' "$work/h-$name/horolog.yaml"
  start=$(date +%s.%N)
  "$horolog" run --once --config "$work/h-$name/horolog.yaml" > /dev/null 2>&1
  report "horolog -> $name" "$(wait_for "$work/h-$name.out")"
}

rsyslog_to() {  # NAME ACTION
  local name=$1 action=$2
  ((port++))
  if [[ $name == omrelp ]]; then
    receiver "r-$name" "module(load=\"imrelp\")
input(type=\"imrelp\" port=\"$port\" address=\"127.0.0.1\")"
  else
    receiver "r-$name" "module(load=\"imtcp\")
input(type=\"imtcp\" port=\"$port\" address=\"127.0.0.1\")"
  fi
  mkdir -p "$work/f-$name"
  cat > "$work/f-$name/conf" <<CONF
global(workDirectory="$work/f-$name" maxMessageSize="64k")
module(load="imfile")
$( [[ $name == omrelp ]] && echo 'module(load="omrelp")' )
input(type="imfile" file="$work/logs/app.log" tag="app" readMode="0")
action(type="$action" target="127.0.0.1" port="$port" $( [[ $name == omfwd ]] && echo 'protocol="tcp" TCP_Framing="octet-counted"' ))
CONF
  start=$(date +%s.%N)
  "$rsyslogd" -n -f "$work/f-$name/conf" -M "$modules" -i "$work/f-$name/pid" &
  pids+=($!)
  report "rsyslog $name" "$(wait_for "$work/r-$name.out")"
}

echo "$events events of ~95 bytes; horolog sends each as RFC 5424 with its ~600-byte JSON event"
horolog_to tcp "    transport: tcp"
horolog_to tls "    transport: tls"
horolog_to relp "    transport: relp"
horolog_to relp_tls "    transport: relp
    tls: true"
rsyslog_to omfwd omfwd
rsyslog_to omrelp omrelp
