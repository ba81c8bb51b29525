#!/bin/sh
# bench_tensor.sh BUILD — matmul GFLOP/s next to bare cblas_sgemm, elementwise GB/s next to
# memcpy, and the same through the Lua API when BUILD/lunet works. Builds BUILD/bench_tensor from
# bench/bench_tensor.c linked against the core objects in BUILD/obj (built first if missing).
cd "$(dirname "$0")/.."
B=${1:-build}
CC=${CC:-cc}
mkdir -p "$B/bench"

core_objs() { ls "$B"/obj/*.o 2>/dev/null | grep -v -E '/(lua_[^/]*|repl|main)\.o$'; }
if [ -z "$(core_objs)" ]; then
  # -k: build every core object that compiles; the archive below takes only what the bench uses
  make --no-print-directory -s -k BUILD="$B" $(ls src/*.c | grep -v -E 'src/(lua_[^/]*|repl|main)\.c$' \
    | sed "s|^src/\(.*\)\.c$|$B/obj/\1.o|") >/dev/null 2>&1
fi
rm -f "$B/bench/libcore.a"
ar rcs "$B/bench/libcore.a" $(core_objs) || exit 1
$CC -O2 -march=native -std=gnu11 -Wall -Wextra -Isrc -o "$B/bench_tensor" bench/bench_tensor.c \
  "$B/bench/libcore.a" -lopenblas -lz -lm || exit 1

lunet=
if [ -x "$B/lunet" ] && "$B/lunet" -e "tensor.zeros(2)" >/dev/null 2>&1; then
  lunet="$B/lunet"
fi
"$B/bench_tensor" $lunet
