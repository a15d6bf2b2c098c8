#!/usr/bin/env bash
# One measuring sitting for the README's Speed section, on the machine it runs on: Bench on two
# threads RUNS times, each followed by the PyTorch reference loop (scripts/torch_compare.py) when
# PyTorch is installed, then Bench on one thread, then the default Train run, timed. Everything
# runs alternately in one sitting, as the README's comparisons require; the machine line of the
# first Bench names the machine. Run it from anywhere, after `mvn -q -DskipTests package`:
#
#   bash scripts/speed_sitting.sh [RUNS] [--before JAR]
#
# RUNS: 1 to 20, default 3; about 80 s each here. With --before, the jar of another version of the
# project (for example the version a speed issue measured, built from its commit) runs its Bench
# after each of this version's and its default run after this version's, so that the sitting gives
# the before and after of the README's table on one machine.
#
# Nothing is written outside a temporary directory, which is removed at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=3
before=""
while [ $# -gt 0 ]; do
  case "$1" in
    --before)
      if [ $# -lt 2 ] || [ ! -f "$2" ] || [ ! -r "$2" ]; then
        echo "speed_sitting: --before needs the path of a readable jar, got '${2:-nothing}'" >&2
        exit 2
      fi
      before=$2
      shift 2
      ;;
    *)
      if ! [[ "$1" =~ ^[0-9]+$ ]] || [ "$1" -lt 1 ] || [ "$1" -gt 20 ]; then
        echo "speed_sitting: RUNS must be a whole number from 1 to 20, got '$1'" >&2
        exit 2
      fi
      runs=$1
      shift
      ;;
  esac
done
jar=target/backprop-ninja.jar
if [ ! -f "$jar" ]; then
  echo "speed_sitting: $jar is missing; build it first with: mvn -q -DskipTests package" >&2
  exit 2
fi
if [ -n "$before" ] && ! java -cp "$before" org.backpropninja.Bench --help >/dev/null 2>&1; then
  echo "speed_sitting: $before has no org.backpropninja.Bench to run, so it is not a jar of this project" >&2
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

# the median of the first line of Bench's (or the PyTorch loop's) output
median_of() { sed -E -n '1s/.*median ([0-9.]+) us.*/\1/p' <<<"$1"; }

# a default training run, timed: LABEL (printed before each line), then the command
timed_run() {
  local label=$1 start end out
  shift
  start=$(date +%s.%N)
  out=$("$@")
  end=$(date +%s.%N)
  grep -E '^(trained|train|val) ' <<<"$out" | sed "s/^/$label/"
  echo "${label}default train run, whole command: $(echo "$start $end" | awk '{printf "%.1f", $2 - $1}') s"
}

echo "sitting started $(date -u '+%Y-%m-%d %H:%M UTC')"
medians=()
torch=()
befores=()
for i in $(seq "$runs"); do
  out=$(java -jar "$jar" bench)
  if [ "$i" -eq 1 ]; then
    echo "$out"
  else
    echo "${out%$'\n'machine:*}"        # the machine line once is enough
  fi
  medians+=("$(median_of "$out")")
  if [ -n "$before" ]; then
    b=$(java -cp "$before" org.backpropninja.Bench)
    b=${b%%$'\n'*}
    echo "before: $b"
    befores+=("$(median_of "$b")")
  fi
  if [ -n "$python" ]; then
    t=$("$python" scripts/torch_compare.py)
    t=${t%%$'\n'*}                       # its first line: the step's figures
    echo "$t"
    torch+=("$(median_of "$t")")
  fi
done
if [ -z "$python" ]; then
  echo "(PyTorch is not installed: no reference loop; Debian's python3-torch provides it)"
fi
out=$(java -Dbackpropninja.split=false -jar "$jar" bench)
echo "${out%$'\n'machine:*}"
if [ -n "$before" ]; then
  b=$(java -Dbackpropninja.split=false -cp "$before" org.backpropninja.Bench)
  echo "before: ${b%%$'\n'*}"
fi
timed_run "" java -jar "$jar" train --out "$work/run"
if [ -n "$before" ]; then
  timed_run "before: " java -jar "$before" --out "$work/before-run"
fi
echo "sitting ended $(date -u '+%H:%M UTC')"
echo "two-thread Bench medians (us): ${medians[*]}"
if [ -n "$before" ]; then
  echo "before: two-thread Bench medians (us): ${befores[*]}"
fi
if [ ${#torch[@]} -gt 0 ]; then
  echo "PyTorch loop medians (us): ${torch[*]}"
  # each Bench run against the PyTorch run right after it
  paste -d ' ' <(printf '%s\n' "${medians[@]}") <(printf '%s\n' "${torch[@]}") | awk '
    { r = $2 / $1; line = line sprintf(" %.1f", r); if (NR == 1 || r < low) low = r }
    END { printf "times faster than PyTorch, run by run:%s (lowest %.1f)\n", line, low }'
fi
