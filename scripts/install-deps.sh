#!/usr/bin/env bash
# Installs the Debian 12 packages horolog builds and tests with; does nothing when all are present.
# Usage: scripts/install-deps.sh [--test|--lint]
#   --test adds the test peers (chrony, faketime, ...) and the linters; --lint only the linters
#   (clang-format, clang-tidy)
set -euo pipefail

packages=(
  g++ cmake ninja-build pkg-config tzdata
  libsimdjson-dev libre2-dev librdkafka-dev libhowardhinnant-date-dev libspdlog-dev
  libyaml-cpp-dev libcli11-dev libgtest-dev libgmock-dev libbenchmark-dev
  libzstd-dev zlib1g-dev libssl-dev libexpected-dev libsystemd-dev
)
# The syslog sink's tests run rsyslogd and syslog-ng unpacked here, never the system's (installing
# their packages would start a system logger, and the two conflict); the tests look at this path.
peers=/opt/horolog-test-peers
lint=(clang-format clang-tidy)
case "${1:-}" in
  --test) packages+=(chrony faketime libfaketime python3 zstd gzip libevtx-utils libxml2-utils clang
                     libclang-rt-14-dev kcat systemd-journal-remote openssl bsdutils
                     libfastjson4 libestr0 librelp0 libivykis0 libnet1 libwrap0 "${lint[@]}") ;;
  --lint) packages=("${lint[@]}") ;;
esac

missing=()
for p in "${packages[@]}"; do
  if [[ "$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null)" != "install ok installed" ]]; then
    missing+=("$p")
  fi
done

# rsyslogd and its RELP and TLS modules, unpacked (not installed) for the syslog sink's tests.
unpack_rsyslog() {
  [[ -x $peers/rsyslog/usr/sbin/rsyslogd && -e $peers/rsyslog/usr/lib/x86_64-linux-gnu/rsyslog/imrelp.so ]] && return 0
  local tmp
  tmp=$(mktemp -d)
  chmod 755 "$tmp"  # apt-get download runs as _apt
  (cd "$tmp" && apt-get download -qq rsyslog rsyslog-relp rsyslog-openssl rsyslog-gnutls >/dev/null)
  mkdir -p "$peers/rsyslog"
  for d in "$tmp"/rsyslog*.deb; do dpkg -x "$d" "$peers/rsyslog"; done
  rm -rf "$tmp"
}

# syslog-ng (its open-source edition: TCP and TLS, no RELP), unpacked the same way; the libraries
# it needs beyond the system's are in the --test list above.
unpack_syslog_ng() {
  [[ -x $peers/syslog-ng/usr/sbin/syslog-ng && -e $peers/syslog-ng/usr/lib/syslog-ng/3.38/libafsocket.so ]] && return 0
  local tmp
  tmp=$(mktemp -d)
  chmod 755 "$tmp"
  (cd "$tmp" && apt-get download -qq syslog-ng-core >/dev/null)
  mkdir -p "$peers/syslog-ng"
  dpkg -x "$tmp"/syslog-ng-core_*.deb "$peers/syslog-ng"
  rm -rf "$tmp"
}

unpack_peers() {
  unpack_rsyslog
  unpack_syslog_ng
}

if [[ ${#missing[@]} -eq 0 ]]; then
  [[ ${1:-} == --test ]] && unpack_peers
  exit 0
fi

if [[ $(id -u) -ne 0 ]]; then
  echo "missing packages: ${missing[*]}; run this script as root (or install them with apt-get)" >&2
  exit 1
fi

# Packages such as chrony start their daemon on install. A stock chronyd may set the clock, so
# service starts are refused while we install (test peers are always started by the tests, -x).
policy=/usr/sbin/policy-rc.d
added_policy=0
if [[ ! -e $policy ]]; then
  printf '#!/bin/sh\nexit 101\n' > "$policy"
  chmod +x "$policy"
  added_policy=1
fi
trap '[[ $added_policy -eq 1 ]] && rm -f "$policy"' EXIT

echo "installing: ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
[[ ${1:-} == --test ]] && unpack_peers
