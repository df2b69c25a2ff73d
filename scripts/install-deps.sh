#!/usr/bin/env bash
# Installs the Debian 12 packages horolog builds and tests with; does nothing when all are present.
# Usage: scripts/install-deps.sh [--test|--lint]
#   --test adds the test peers (chrony, faketime, ...) and the linters, and unpacks ntpsec (see
#   below); --lint only the linters (clang-format, clang-tidy)
set -euo pipefail

# ntpsec conflicts with chrony (both provide time-daemon), so the audit tests' ntpsec is unpacked
# from its package, never installed, where tests/clock_audit/CMakeLists.txt looks by default.
ntpsec_root=${HOROLOG_NTPSEC_ROOT:-/var/cache/horolog/ntpsec}

packages=(
  g++ cmake ninja-build pkg-config tzdata
  libsimdjson-dev libre2-dev librdkafka-dev libhowardhinnant-date-dev libspdlog-dev
  libyaml-cpp-dev libcli11-dev libgtest-dev libgmock-dev libbenchmark-dev
  libzstd-dev zlib1g-dev libssl-dev libexpected-dev libsystemd-dev
)
lint=(clang-format clang-tidy)
case "${1:-}" in
  --test) packages+=(chrony faketime libfaketime openssl python3 zstd gzip libevtx-utils libxml2-utils clang
                     libclang-rt-14-dev kcat systemd-journal-remote "${lint[@]}"
                     libbsd0 libcap2 libssl3) ;;  # the unpacked ntpd's libraries
  --lint) packages=("${lint[@]}") ;;
esac

missing=()
for p in "${packages[@]}"; do
  if [[ "$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null)" != "install ok installed" ]]; then
    missing+=("$p")
  fi
done
unpack_ntpsec=0
[[ ${1:-} == --test && ! -x $ntpsec_root/usr/sbin/ntpd ]] && unpack_ntpsec=1
[[ ${#missing[@]} -eq 0 && $unpack_ntpsec -eq 0 ]] && exit 0

if [[ $(id -u) -ne 0 ]]; then
  needed=("${missing[@]}")
  [[ $unpack_ntpsec -eq 1 ]] && needed+=("ntpsec (unpacked into $ntpsec_root)")
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

if [[ $unpack_ntpsec -eq 1 ]]; then
  echo "unpacking ntpsec into $ntpsec_root (not installed: it conflicts with chrony)" >&2
  download=$(mktemp -d)
  chown _apt "$download" 2>/dev/null || true  # apt's download user writes there
  (cd "$download" && apt-get download -qq ntpsec)
  rm -rf "$ntpsec_root.new"
  mkdir -p "$(dirname "$ntpsec_root")"
  dpkg -x "$download"/ntpsec_*.deb "$ntpsec_root.new"
  rm -rf "$download" "$ntpsec_root"
  mv "$ntpsec_root.new" "$ntpsec_root"  # whole or absent: a half-unpacked tree is never used
fi
