#!/bin/sh
# bench_cnn.sh BUILD — training speed of the lecture's CNN on Fashion-MNIST (two Conv2D + MaxPool2D
# blocks, Dense 64, softmax; Adam, batch 32): seconds per epoch of lunet (BUILD/lunet
# bench/bench_cnn.lua, through fit) and, in the same run when /usr/bin/python3 has torch, of the
# same model in PyTorch (bench/cnn_torch.py), then their ratio. Convolutions are im2col + sgemm,
# so the rate depends on OpenBLAS's threads (OPENBLAS_NUM_THREADS, left as the environment sets it).
# BENCH_CNN_ROWS=n trains on the first n images only (default 60000) and scales the time to an epoch;
# TORCH_THREADS=n sets PyTorch's threads (its default is used otherwise).
cd "$(dirname "$0")/.."
B=${1:-build}
ROWS=${BENCH_CNN_ROWS:-60000}
PY=/usr/bin/python3
[ -x "$B/lunet" ] || { echo "bench_cnn: $B/lunet is missing; build it first (make BUILD=$B)"; exit 1; }
val() { sed -n "s/^$1=//p" "$2" | tail -1; }
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT INT TERM
if ! "$B/lunet" bench/bench_cnn.lua "$ROWS" >"$out/lunet" 2>&1; then
  echo "bench_cnn: lunet failed:"; tail -5 "$out/lunet"; exit 1
fi
has_torch=0
if [ -x "$PY" ] && "$PY" -c "import torch, numpy" >/dev/null 2>&1; then
  if "$PY" bench/cnn_torch.py "$ROWS" >"$out/torch" 2>&1; then has_torch=1
  else echo "bench_cnn: PyTorch failed:"; tail -3 "$out/torch"; fi
fi
l=$(val lunet_cnn_epoch_s "$out/lunet")
echo "machine: $(nproc) cores; OpenBLAS threads: ${OPENBLAS_NUM_THREADS:-default ($(nproc))}; images: $(val lunet_cnn_rows "$out/lunet") (times scaled to 60,000)"
printf "%-28s %10s  %12s  %s\n" "" "s/epoch" "peak RSS MB" "train loss / accuracy"
printf "%-28s %10s  %12s  %s / %s\n" "lunet" "$l" "$(val lunet_cnn_peak_rss_mb "$out/lunet")" \
  "$(val lunet_cnn_train_loss "$out/lunet")" "$(val lunet_cnn_train_accuracy "$out/lunet")"
if [ $has_torch = 1 ]; then
  t=$(val torch_cnn_epoch_s "$out/torch")
  printf "%-28s %10s  %12s  %s / %s\n" "PyTorch $(val torch_version "$out/torch") ($(val torch_threads "$out/torch") thr)" "$t" \
    "$(val torch_cnn_peak_rss_mb "$out/torch")" "$(val torch_cnn_train_loss "$out/torch")" "$(val torch_cnn_train_accuracy "$out/torch")"
  awk -v l="$l" -v t="$t" 'BEGIN { printf "CNN epoch: lunet %.1f s, PyTorch %.1f s -> ratio lunet/PyTorch %.2f\n", l, t, l / t }'
else
  echo "CNN epoch: lunet $l s (PyTorch not measured: $PY with torch and numpy is not installed)"
fi
