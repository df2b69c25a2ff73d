#!/usr/bin/env bash
# Installs the Debian 12 packages horolog builds and tests with; does nothing when all are present.
# Usage: scripts/install-deps.sh [--test|--lint]
#   --test adds the test peers (chrony, faketime, ...) and the linters, and unpacks ntpsec,
#   rsyslog and syslog-ng (see below); --lint only the linters (clang-format, clang-tidy)
set -euo pipefail

# Test peers that must not be installed are unpacked from their packages into one directory,
# where the tests look (tests/CMakeLists.txt, HOROLOG_TEST_PEERS): ntpsec conflicts with chrony
# (both provide time-daemon); rsyslog and syslog-ng are system loggers whose packages start their
# daemon (and conflict with each other).
peers=${HOROLOG_TEST_PEERS:-/opt/horolog-test-peers}
declare -A unpacked=([ntpsec]="ntpsec" [rsyslog]="rsyslog rsyslog-relp rsyslog-openssl rsyslog-gnutls"
                     [syslog-ng]="syslog-ng-core")
declare -A unpacked_binary=([ntpsec]=usr/sbin/ntpd [rsyslog]=usr/lib/x86_64-linux-gnu/rsyslog/imrelp.so
                            [syslog-ng]=usr/lib/syslog-ng/3.38/libafsocket.so)

packages=(
  g++ cmake ninja-build pkg-config tzdata
  libsimdjson-dev libre2-dev librdkafka-dev libhowardhinnant-date-dev libspdlog-dev
  libyaml-cpp-dev libcli11-dev libgtest-dev libgmock-dev libbenchmark-dev
  libzstd-dev zlib1g-dev libssl-dev libexpected-dev libsystemd-dev
)
lint=(clang-format clang-tidy)
case "${1:-}" in
  --test) packages+=(chrony faketime libfaketime openssl python3 zstd gzip libevtx-utils libxml2-utils clang
                     libclang-rt-14-dev kcat systemd-journal-remote bsdutils "${lint[@]}"
                     libbsd0 libcap2 libssl3             # the unpacked ntpd's libraries
                     libfastjson4 libestr0 librelp0      # the unpacked rsyslogd's
                     libivykis0 libnet1 libwrap0) ;;     # the unpacked syslog-ng's
  --lint) packages=("${lint[@]}") ;;
esac

missing=()
for p in "${packages[@]}"; do
  if [[ "$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null)" != "install ok installed" ]]; then
    missing+=("$p")
  fi
done
unpack=()
if [[ ${1:-} == --test ]]; then
  for peer in "${!unpacked[@]}"; do
    [[ -e $peers/$peer/${unpacked_binary[$peer]} ]] || unpack+=("$peer")
  done
fi
[[ ${#missing[@]} -eq 0 && ${#unpack[@]} -eq 0 ]] && exit 0

if [[ $(id -u) -ne 0 ]]; then
  needed=("${missing[@]}")
  for peer in "${unpack[@]}"; do needed+=("${unpacked[$peer]} (unpacked into $peers/$peer)"); done
  echo "missing: ${needed[*]}; run this script as root (or install the packages with apt-get)" >&2
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

export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
if [[ ${#missing[@]} -gt 0 ]]; then
  echo "installing: ${missing[*]}" >&2
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

for peer in "${unpack[@]}"; do
  echo "unpacking ${unpacked[$peer]} into $peers/$peer (not installed)" >&2
  download=$(mktemp -d)
  chown _apt "$download" 2>/dev/null || true  # apt's download user writes there
  # shellcheck disable=SC2086  # a list of package names
  (cd "$download" && apt-get download -qq ${unpacked[$peer]} >/dev/null)
  rm -rf "$peers/$peer.new"
  mkdir -p "$peers/$peer.new"
  for deb in "$download"/*.deb; do dpkg -x "$deb" "$peers/$peer.new"; done
  rm -rf "$download" "${peers:?}/$peer"
  mv "$peers/$peer.new" "$peers/$peer"  # whole or absent: a half-unpacked tree is never used
done
