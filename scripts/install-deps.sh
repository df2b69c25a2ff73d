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
lint=(clang-format clang-tidy)
case "${1:-}" in
  --test) packages+=(chrony faketime libfaketime openssl python3 zstd gzip libevtx-utils libxml2-utils clang
                     libclang-rt-14-dev kcat systemd-journal-remote "${lint[@]}") ;;
  --lint) packages=("${lint[@]}") ;;
esac

missing=()
for p in "${packages[@]}"; do
  if [[ "$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null)" != "install ok installed" ]]; then
    missing+=("$p")
  fi
done
[[ ${#missing[@]} -eq 0 ]] && exit 0

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
