#!/usr/bin/env bash
# One measuring sitting for the README's Speed section, on the machine it runs on: Bench on two
# threads RUNS times, each followed by the PyTorch reference loop (scripts/torch_compare.py) when
# PyTorch is installed, then Bench on one thread, then the default Train run, timed. Everything
# runs alternately in one sitting, as the README's comparisons require; the machine line of the
# first Bench names the machine. Run it from anywhere, after `mvn -q -DskipTests package`:
#
#   bash scripts/speed_sitting.sh [RUNS]      (RUNS: 1 to 20, default 3; about 80 s each here)
#
# Nothing is written outside a temporary directory, which is removed at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3}
if ! [[ "$runs" =~ ^[0-9]+$ ]] || [ "$runs" -lt 1 ] || [ "$runs" -gt 20 ]; then
  echo "speed_sitting: RUNS must be a whole number from 1 to 20, got '$runs'" >&2
  exit 2
fi
jar=target/backprop-ninja.jar
if [ ! -f "$jar" ]; then
  echo "speed_sitting: $jar is missing; build it first with: mvn -q -DskipTests package" >&2
  exit 2
fi
python=""
for p in /usr/bin/python3 python3; do
  if command -v "$p" >/dev/null 2>&1 && "$p" -c "import torch" >/dev/null 2>&1; then
    python=$p
    break
  fi
done
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

echo "sitting started $(date -u '+%Y-%m-%d %H:%M UTC')"
medians=()
torch=()
for i in $(seq "$runs"); do
  out=$(java -jar "$jar" bench)
  if [ "$i" -eq 1 ]; then
    echo "$out"
  else
    echo "${out%$'\n'machine:*}"        # the machine line once is enough
  fi
  medians+=("$(sed -E -n '1s/.*median ([0-9.]+) us.*/\1/p' <<<"$out")")
  if [ -n "$python" ]; then
    t=$("$python" scripts/torch_compare.py)
    t=${t%%$'\n'*}                       # its first line: the step's figures
    echo "$t"
    torch+=("$(sed -E 's/.*median ([0-9.]+) us.*/\1/' <<<"$t")")
  fi
done
if [ -z "$python" ]; then
  echo "(PyTorch is not installed: no reference loop; Debian's python3-torch provides it)"
fi
out=$(java -Dbackpropninja.split=false -jar "$jar" bench)
echo "${out%$'\n'machine:*}"
start=$(date +%s.%N)
out=$(java -jar "$jar" train --out "$work/run")
end=$(date +%s.%N)
grep -E '^(trained|train|val) ' <<<"$out"
echo "default train run, whole command: $(echo "$start $end" | awk '{printf "%.1f", $2 - $1}') s"
echo "sitting ended $(date -u '+%H:%M UTC')"
echo "two-thread Bench medians (us): ${medians[*]}"
if [ ${#torch[@]} -gt 0 ]; then
  echo "PyTorch loop medians (us): ${torch[*]}"
  # each Bench run against the PyTorch run right after it
  paste -d ' ' <(printf '%s\n' "${medians[@]}") <(printf '%s\n' "${torch[@]}") | awk '
    { r = $2 / $1; line = line sprintf(" %.1f", r); if (NR == 1 || r < low) low = r }
    END { printf "times faster than PyTorch, run by run:%s (lowest %.1f)\n", line, low }'
fi
