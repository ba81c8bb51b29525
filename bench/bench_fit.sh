#!/bin/sh
# bench_fit.sh BUILD — training speed of the lecture's Fashion-MNIST MLP (784-128-64-10, ReLU,
# softmax, Adam, batch 128, the 60,000 training images): seconds per epoch (median of epochs 2..5)
# and peak memory for lunet (BUILD/lunet bench/bench_fit.lua) and, in the same run when
# /usr/bin/python3 has torch, for the same model in PyTorch (bench/fit_torch.py, default threads),
# then their ratio; the FLOPs of one epoch and the share of this machine's sgemm rate that lunet
# reaches (bench/fit_sgemm.c: the same products with OpenBLAS alone).
# BENCH_REPEAT=n runs lunet and PyTorch n times each, alternating, and keeps each one's best median
# (the machine may be shared: the best of a few runs is the least disturbed one).
# OPENBLAS_NUM_THREADS / OPENBLAS_CORETYPE / OPENBLAS_L2_SIZE are left as the environment sets them.
cd "$(dirname "$0")/.."
B=${1:-build}
CC=${CC:-cc}
EPOCHS=${BENCH_EPOCHS:-5}
REPEAT=${BENCH_REPEAT:-1}
PY=/usr/bin/python3

[ -x "$B/lunet" ] || { echo "bench_fit: $B/lunet is missing; build it first (make BUILD=$B)"; exit 1; }
$CC -O2 -march=native -std=gnu11 -o "$B/fit_sgemm" bench/fit_sgemm.c -lopenblas || exit 1

has_torch=0
if [ -x "$PY" ] && "$PY" -c "import torch, numpy" >/dev/null 2>&1; then has_torch=1; fi

val() { sed -n "s/^$1=//p" "$2" | tail -1; }
best() { # best OLD NEW: the smaller of two numbers (OLD may be empty)
  if [ -z "$1" ]; then echo "$2"; else awk -v a="$1" -v b="$2" 'BEGIN { print (b < a ? b : a) }'; fi
}

out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT INT TERM
lunet_s= torch_s=
i=0
while [ $i -lt "$REPEAT" ]; do
  i=$((i + 1))
  if ! "$B/lunet" bench/bench_fit.lua "$EPOCHS" >"$out/lunet.$i" 2>&1; then
    echo "bench_fit: lunet failed:"; tail -5 "$out/lunet.$i"; exit 1
  fi
  new=$(val lunet_epoch_s "$out/lunet.$i")
  [ "$(best "$lunet_s" "$new")" = "$new" ] && cp "$out/lunet.$i" "$out/lunet"
  lunet_s=$(best "$lunet_s" "$new")
  if [ $has_torch = 1 ]; then
    if "$PY" bench/fit_torch.py "$EPOCHS" >"$out/torch.$i" 2>&1; then
      new=$(val torch_epoch_s "$out/torch.$i")
      [ "$(best "$torch_s" "$new")" = "$new" ] && cp "$out/torch.$i" "$out/torch"
      torch_s=$(best "$torch_s" "$new")
    else
      echo "bench_fit: PyTorch failed:"; tail -3 "$out/torch.$i"; has_torch=0
    fi
  fi
done
"$B/fit_sgemm" >"$out/sgemm" || exit 1
# The live plot's cost: the same fit drawing its curves into a PNG (redrawn a few times a second).
if "$B/lunet" bench/bench_fit.lua "$EPOCHS" "$out/live.png" >"$out/lunet.plot" 2>&1; then
  plot_s=$(val lunet_epoch_s "$out/lunet.plot")
else
  plot_s=
fi

threads=$(val torch_threads "$out/torch" 2>/dev/null)
echo "machine: $(nproc) cores; OpenBLAS threads: ${OPENBLAS_NUM_THREADS:-default ($(nproc))}"
printf "%-28s %10s  %-34s %12s\n" "" "s/epoch" "each epoch (s), best run" "peak RSS MB"
printf "%-28s %10s  %-34s %12s\n" "lunet" "$lunet_s" "$(val lunet_epochs_s "$out/lunet")" "$(val lunet_peak_rss_mb "$out/lunet")"
[ -n "$plot_s" ] && printf "%-28s %10s  %-34s %12s\n" "lunet, plot = true (png)" "$plot_s" \
  "$(val lunet_epochs_s "$out/lunet.plot")" "$(val lunet_peak_rss_mb "$out/lunet.plot")"
[ -n "$plot_s" ] && awk -v p="$plot_s" -v l="$lunet_s" 'BEGIN { printf "live plot adds %.1f%% to the epoch time (goal: under 5%%)\n", 100 * (p - l) / l }'
if [ $has_torch = 1 ]; then
  printf "%-28s %10s  %-34s %12s\n" "PyTorch $(val torch_version "$out/torch") ($threads thr)" "$torch_s" \
    "$(val torch_epochs_s "$out/torch")" "$(val torch_peak_rss_mb "$out/torch")"
  awk -v l="$lunet_s" -v t="$torch_s" 'BEGIN { printf "ratio lunet/PyTorch: %.2f (goal: at most 0.60)\n", l / t }'
else
  echo "PyTorch: not measured ($PY with torch and numpy is not installed)"
fi
echo "last epoch (train): lunet loss $(val lunet_train_loss "$out/lunet") accuracy $(val lunet_train_accuracy "$out/lunet")" \
     "$( [ $has_torch = 1 ] && echo "| PyTorch loss $(val torch_train_loss "$out/torch") accuracy $(val torch_train_accuracy "$out/torch")")"
gflop=$(val epoch_gflop "$out/sgemm")
awk -v g="$gflop" -v l="$lunet_s" -v s="$(val sgemm_epoch_s "$out/sgemm")" -v r="$(val sgemm_gflops "$out/sgemm")" \
    -v p="$(val peak_gflops "$out/sgemm")" 'BEGIN {
  printf "one epoch: %.2f GFLOP of matrix products; OpenBLAS alone runs them in %.3f s (%.1f GFLOP/s; 1024^3 sgemm: %.1f GFLOP/s)\n", g, s, r, p
  printf "lunet: %.1f GFLOP/s = %.0f%% of the sgemm rate for these shapes, %.0f%% of the 1024^3 peak\n", g / l, 100 * (g / l) / r, 100 * (g / l) / p
}'
