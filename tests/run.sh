#!/bin/sh
# run.sh BUILD — runs every test and closes with "N passed, N failed".
# Each test program prints "PASS: name" or "FAIL: name — why" lines; a program that exits
# non-zero without printing a FAIL line counts as one failure (a crash is a failure).
cd "$(dirname "$0")/.."
B=${1:-build}
export LUNET_PLOT_TERM=${LUNET_PLOT_TERM:-dumb}
log=$(mktemp)
passed=0; failed=0

run() {  # run NAME CMD...
  name=$1; shift
  out=$(mktemp)
  if [ -n "$VALGRIND" ] && [ "$1" != "sh" ]; then
    set -- valgrind -q --error-exitcode=99 --leak-check=full "$@"
  fi
  "$@" >"$out" 2>&1
  rc=$?
  p=$(grep -c '^PASS: ' "$out"); f=$(grep -c '^FAIL: ' "$out")
  if [ $rc -ne 0 ] && [ "$f" -eq 0 ]; then
    f=1; echo "FAIL: $name exited with status $rc" >>"$out"
  fi
  passed=$((passed + p)); failed=$((failed + f))
  if [ "$f" -gt 0 ]; then
    echo "--- $name: $p passed, $f failed"; grep -v '^PASS: ' "$out" | tail -40
  else
    echo "--- $name: $p passed"
  fi
  rm -f "$out"
}

run "C unit tests" "$B/test_c"
for t in tests/lua/test_*.lua; do
  [ -f "$t" ] && run "$t" "$B/lunet" "$t"
done
# A sanitizer build of lunet.so needs its runtime loaded first into the stock lua5.4.
preload=""
if ldd "$B/lunet.so" 2>/dev/null | grep -q libasan; then
  preload="$(${CC:-cc} -print-file-name=libasan.so)"
fi
for t in tests/module/test_*.lua; do
  [ -f "$t" ] && run "$t (lua5.4 + lunet.so)" env ${preload:+LD_PRELOAD=$preload} \
    lua5.4 -e "package.cpath='$B/?.so;'..package.cpath" "$t"
done
# End-to-end tests race a real terminal on a shared machine: one that fails is run once more,
# and the second run counts (the first run's failures are shown, marked as such).
for t in tests/repl/test_*.sh; do
  [ -f "$t" ] || continue
  first=$(sh "$t" "$B" 2>&1)
  if [ $? -eq 0 ] && ! printf '%s\n' "$first" | grep -q '^FAIL: '; then
    run "$t" sh -c 'printf "%s\n" "$1"' sh "$first"
  else
    printf '%s\n' "$first" | grep '^FAIL: ' | head -3 | sed 's/^FAIL: /(first run, retried) /'
    run "$t (second run)" sh "$t" "$B"
  fi
done
for l in lessons/*.lua; do
  [ -f "$l" ] && run "lesson $l --auto" "$B/lunet" --lesson "$l" --auto
done
rm -f "$log"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
