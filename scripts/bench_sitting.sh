#!/usr/bin/env bash
# One measuring sitting (docs/speed.md, "How to measure"): RUNS rounds of `bench` on two threads,
# `bench` on one thread (-Dbackpropninja.split=false), then the PyTorch reference loop
# (scripts/torch_compare.py) when PyTorch is installed, so that each step time is compared with
# PyTorch's measured a minute later on the same machine. Run it from anywhere after
# `mvn -q -DskipTests package`:
#
#   bash scripts/bench_sitting.sh [RUNS]
#
# RUNS: 1 to 20, default 3. Prints each run's lines and, at the end, the medians of every round on
# one and on two threads, whether two threads were at or under one thread in every round, and how
# many times faster each two-thread median was than the PyTorch median after it.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3}
if ! [[ "$runs" =~ ^[0-9]+$ ]] || [ "$runs" -lt 1 ] || [ "$runs" -gt 20 ]; then
  echo "bench_sitting: RUNS must be a whole number from 1 to 20, got '$runs'" >&2
  exit 2
fi
jar=target/backprop-ninja.jar
if [ ! -f "$jar" ]; then
  echo "bench_sitting: $jar is missing; build it first with: mvn -q -DskipTests package" >&2
  exit 2
fi
# the first Python that has PyTorch: python3 on the PATH, else Debian's own (where python3-torch
# installs when another python3 comes first on the PATH)
python=""
for candidate in python3 /usr/bin/python3; do
  if command -v "$candidate" >/dev/null 2>&1 && "$candidate" -c "import torch" >/dev/null 2>&1; then
    python=$candidate
    break
  fi
done
if [ -z "$python" ]; then
  echo "(PyTorch is not installed, so bench runs alone; Debian's python3-torch provides it)"
fi

median_of() { sed -E -n '1s/.*median ([0-9.]+) us.*/\1/p' <<<"$1"; }   # from the first line

ratios=""
two=""
one=""
slower=0
for i in $(seq "$runs"); do
  out=$(java -jar "$jar" bench)
  echo "$out"
  alone=$(java -Dbackpropninja.split=false -jar "$jar" bench)
  echo "$alone"
  two+=" $(median_of "$out")"
  one+=" $(median_of "$alone")"
  if awk -v b="$(median_of "$out")" -v a="$(median_of "$alone")" 'BEGIN { exit !(b > a) }'; then
    slower=$((slower + 1))
  fi
  if [ -n "$python" ]; then
    t=$("$python" scripts/torch_compare.py)
    echo "$t"
    ratios+=$(awk -v b="$(median_of "$out")" -v t="$(median_of "$t")" 'BEGIN { printf " %.1f", t / b }')
  fi
done
echo "bench medians, two threads, round by round (us):$two"
echo "bench medians, one thread, round by round (us):$one"
echo "rounds where two threads were slower than one: $slower of $runs"
if [ -n "$ratios" ]; then
  echo "two-thread bench against the PyTorch loop after it, times faster, round by round:$ratios"
fi
