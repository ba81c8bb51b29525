#!/bin/sh
# run.sh BUILD — runs every bench/bench_*.sh in turn, each given the build directory.
# A benchmark that fails is reported and the others still run; the exit status says whether all ran.
cd "$(dirname "$0")/.."
B=${1:-build}
status=0
for b in bench/bench_*.sh; do
  [ -f "$b" ] || continue
  echo "=== $b"
  if ! sh "$b" "$B"; then
    echo "=== $b failed"
    status=1
  fi
  echo
done
exit $status
