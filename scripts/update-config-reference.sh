#!/usr/bin/env bash
# Regenerates the config reference block of README.md from the option declarations
# (`horolog config-reference`); a test fails when the README is out of date.
set -euo pipefail
cd "$(dirname "$0")/.."
binary=${1:-build/agent/horolog}
python3 - "$binary" <<'PY'
import subprocess, sys
reference = subprocess.run([sys.argv[1], "config-reference"], check=True,
                           capture_output=True, text=True).stdout
begin = "<!-- config-reference:begin (scripts/update-config-reference.sh) -->\n"
end = "<!-- config-reference:end -->"
text = open("README.md").read()
head, rest = text.split(begin)
_, tail = rest.split(end)
open("README.md", "w").write(head + begin + reference + end + tail)
PY
