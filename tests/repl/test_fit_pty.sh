#!/bin/sh
# test_fit_pty.sh BUILD — model:fit at the real prompt, in a pseudo-terminal: the progress line is
# redrawn in place with an ETA, Ctrl-C stops training at the end of a batch with the history so
# far and a usable model, in the C loop and inside a Lua callback, and no "interrupted!" is left
# over for the next command. Prints PASS:/FAIL: lines; the waits are limits for a hung program.
cd "$(dirname "$0")/../.." || exit 1
B=${1:-build}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
export HOME="$tmp" INPUTRC=/dev/null LUNET_HISTORY="$tmp/history"

"$B/ptydrive" -n "fit in a terminal" - -- "$B/lunet" <<'EOF'
expect-re ^> 
test fit: a model to train for a long time
send tensor.seed(1); x = tensor.rand(20000, 64); y = x:narrow(2, 1, 1):gt(0.5):reshape(20000)\n
expect-re ^> 
send m = nn.Sequential{nn.Dense(256, "relu"), nn.Dense(2, "softmax")}\n
expect-re ^> 
send m:compile{optimizer = "adam", loss = "sparse_categorical_crossentropy", metrics = {"accuracy"}}\n
expect-re ^> 
test fit: the progress line shows Epoch k/n, the bar and an ETA on a terminal
send h = m:fit(x, y, {epochs = 100000, batch_size = 32})\n
expect Epoch 1/100000
expect-re [0-9]+/625 \[[=>.]+\] - ETA: [0-9]+s - loss: [0-9.]+ - accuracy: [0-9.]+
expect Epoch 3/100000
test fit: Ctrl-C stops training in C and returns the history so far
send \x03
expect-re Training interrupted \(Ctrl-C\) at epoch [0-9]+, batch [0-9]+/625 — the model keeps its weights
expect-re ^> 
send =#h.loss >= 2, #h.loss == #h.epoch\n
expect-re ^true	true$
expect-re ^> 
test fit: the model is usable and no interrupt is left pending
send =select(2, m:evaluate(x, y, {verbose = 0})) > 0.5\n
expect-re ^true$
expect-re ^> 
send =1 + 1\n
expect-re ^2$
expect-re ^> 
test fit: Ctrl-C while a Lua callback runs stops training the same way
send busy = function() local t = os.clock() while os.clock() - t < 0.5 do end end\n
expect-re ^> 
send h2 = m:fit(x, y, {epochs = 1000, batch_size = 512, verbose = 0, callback = busy})\n
sleep 1.2
send \x03
expect-re Training interrupted \(Ctrl-C\) at epoch [0-9]+
expect-re ^> 
send =#h2.loss >= 1\n
expect-re ^true$
expect-re ^> 
test fit: three fits in one command, each stopped by its own Ctrl-C, and lunet stays
send for i = 1, 3 do m:fit(x, y, {epochs = 100000, verbose = 0}) print("fit " .. i .. " stopped") end\n
sleep 0.4
send \x03
expect fit 1 stopped
sleep 0.4
send \x03
expect fit 2 stopped
sleep 0.4
send \x03
expect fit 3 stopped
expect-re ^> 
test fit: the REPL carries on
send =2 * 21\n
expect-re ^42$
expect-re ^> 
send \x04
wait-exit 0
EOF

# plot = true in a text terminal: the curves are redrawn in place with the progress lines under
# them (the plot's footer), and the last epoch's summary stays on the screen.
LUNET_PLOT_TERM=dumb "$B/ptydrive" -n "fit with a live text plot" - -- "$B/lunet" <<'EOF'
expect-re ^> 
send tensor.seed(1); x = tensor.rand(4000, 8); y = x:narrow(2, 1, 1):gt(0.5):reshape(4000)\n
expect-re ^> 
send m = nn.Sequential{nn.Dense(16, "relu"), nn.Dense(2, "softmax")}; m:compile{optimizer = "adam", loss = "sparse_categorical_crossentropy", metrics = {"accuracy"}}\n
expect-re ^> 
test fit plot: the drawing, titled training, with the epoch axis
send h = m:fit(x, y, {epochs = 3, batch_size = 32, validation_split = 0.2, plot = true})\n
expect training
expect epoch
test fit plot: the progress lines come under the drawing, up to the last epoch's summary
expect Epoch 3/3
expect-re val_accuracy: [0-9.]+
expect-re ^> 
send =#h.loss\n
expect-re ^3$
expect-re ^> 
send \x04
wait-exit 0
EOF
