#!/usr/bin/env bash
# Builds the libFuzzer targets with clang (ASan + UBSan) and runs each for a bounded number of
# inputs, seeded with the repository's fixtures. A fixed libFuzzer seed makes every run try the
# same inputs, so a clean run here is a clean run anywhere.
# Usage: scripts/fuzz.sh [RUNS_PER_TARGET] [MAX_SECONDS_PER_TARGET]   (default 2000, 30)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-2000}
seconds=${2:-30}
scripts/install-deps.sh --test
CC=clang CXX=clang++ cmake -S . -B build-fuzz -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DHOROLOG_FUZZ=ON -DHOROLOG_TESTS=OFF -DCMAKE_DISABLE_FIND_PACKAGE_benchmark=ON >/dev/null
targets=$(cd build-fuzz && ninja -t targets all | sed -n 's/^\(fuzz_[a-z0-9-]*\): .*/\1/p' | sort -u)
cmake --build build-fuzz -j"$(nproc)" --target $targets
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
# The journal target damages a real journal file: entries of two boots, a wall-clock step,
# binary and multi-line values, written by systemd-journal-remote.
journal_dir=$(mktemp -d)
trap 'rm -rf "$journal_dir"' EXIT
python3 - >"$journal_dir/entries.export" <<'PY'
import struct, sys
out = sys.stdout.buffer
for i in range(300):
    boot = "a" * 32 if i < 200 else "b" * 32
    wall = 1764158400000000 + i * 1000000 - (30000000 if 100 <= i < 200 else 0)
    out.write(b"__REALTIME_TIMESTAMP=%d\n__MONOTONIC_TIMESTAMP=%d\n_BOOT_ID=%s\n"
              % (wall, 5000000 + (i % 200) * 1000000, boot.encode()))
    out.write(b"_HOSTNAME=web-1\nPRIORITY=6\nSYSLOG_IDENTIFIER=chronyd\n_PID=%d\n" % (100 + i))
    out.write(b"_SYSTEMD_UNIT=chrony.service\nMESSAGE=System clock was stepped by 0.%d seconds\n" % i)
    value = b"bin\xff\x01ary\nline %d" % i
    out.write(b"DUMP\n" + struct.pack("<Q", len(value)) + value + b"\n\n")
PY
/lib/systemd/systemd-journal-remote --output="$journal_dir/base.journal" \
  "$journal_dir/entries.export" 2>/dev/null
export HOROLOG_FUZZ_JOURNAL=$journal_dir/base.journal
for target in $targets; do
  corpus=$(mktemp -d)
  # Seeds: text fixtures for line formats, every fixture for the whole-file readers.
  case $target in
    fuzz_evtx | fuzz_winevent-*) find tests/data -type f ! -name '*.md' -size -256k -exec cp {} "$corpus"/ \; ;;
    fuzz_journal) ;;  # the input is a list of patches to HOROLOG_FUZZ_JOURNAL: start from none
    # A whole answer as chronyd sends it: protocol, AEAD, two cookies, port, End of Message.
    fuzz_nts-ke) printf '\x80\x01\x00\x02\x00\x00\x80\x04\x00\x02\x00\x0f\x00\x05\x00\x04abcd\x00\x05\x00\x04efgh\x80\x07\x00\x02\x2b\x67\x80\x00\x00\x00' >"$corpus/chrony-answer" ;;
    *) find tests/data -type f ! -name '*.md' ! -name '*.evtx' -size -64k -exec cp {} "$corpus"/ \; ;;
  esac
  echo "fuzzing ${target#fuzz_}: $runs inputs"
  "build-fuzz/tests/fuzz/$target" -seed=1 -runs="$runs" -max_total_time="$seconds" \
    -max_len=16384 -timeout=10 -rss_limit_mb=2048 -print_final_stats=0 "$corpus" 2>"$corpus.log" ||
    { tail -50 "$corpus.log"; echo "fuzz target $target failed"; exit 1; }
  rm -rf "$corpus" "$corpus.log"
done
echo "fuzzing: $(echo "$targets" | wc -w) targets clean"
