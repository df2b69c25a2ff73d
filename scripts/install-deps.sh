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
# The syslog sink's tests run rsyslogd unpacked here, never the system's (installing the rsyslog
# package would start a system daemon); the tests look for it at this path.
peers=/opt/horolog-test-peers
lint=(clang-format clang-tidy)
case "${1:-}" in
  --test) packages+=(chrony faketime libfaketime python3 zstd gzip libevtx-utils libxml2-utils clang
                     libclang-rt-14-dev kcat systemd-journal-remote openssl bsdutils
                     libfastjson4 libestr0 librelp0 "${lint[@]}") ;;
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

if [[ ${#missing[@]} -eq 0 ]]; then
  [[ ${1:-} == --test ]] && unpack_rsyslog
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
[[ ${1:-} == --test ]] && unpack_rsyslog
