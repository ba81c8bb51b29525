#!/bin/sh
# bench_xor.sh BUILD — per-op overhead: a student's hand-written XOR training loop (100,000 steps
# of forward, loss, backward, SGD step on a 2-2-1 sigmoid MLP, batch 4) in lunet and in PyTorch,
# measured in the same run, with the ratio. CPU time (process time), so a loaded second core
# does not count against either.
cd "$(dirname "$0")/.."
B=${1:-build}
STEPS=${XOR_STEPS:-100000}
l=$("$B/lunet" bench/xor_lunet.lua "$STEPS") || { echo "lunet run failed"; exit 1; }
echo "$l"
lus=$(echo "$l" | awk '/lunet_us_per_step/ {print $2}')
if /usr/bin/python3 -c "import torch" 2>/dev/null; then
  t=$(/usr/bin/python3 bench/xor_torch.py "$STEPS") || { echo "torch run failed"; exit 1; }
  echo "$t"
  tus=$(echo "$t" | awk '/torch_us_per_step/ {print $2}')
  awk -v l="$lus" -v t="$tus" 'BEGIN { printf "XOR step: lunet %.2f us, PyTorch %.2f us -> lunet is %.1fx faster\n", l, t, t / l }'
else
  echo "XOR step: lunet $lus us (PyTorch not installed: apt-get install python3-torch for the comparison)"
fi
