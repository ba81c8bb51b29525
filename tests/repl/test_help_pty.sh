#!/bin/sh
# test_help_pty.sh BUILD — help, who and timeit at the real prompt: BUILD/lunet runs in a
# pseudo-terminal driven by BUILD/ptydrive, as a student would use them (?x, Tab after ?,
# help(nn.Dense), who() after making variables, timeit, --lang ko).
# Prints PASS:/FAIL: lines; the waits are generous limits for a hung program, not timings.
cd "$(dirname "$0")/../.." || exit 1
B=${1:-build}
LUNET=$B/lunet
DRIVE=$B/ptydrive
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
# A clean home, no user ~/.inputrc, no history file, and an English locale unless a test says.
export HOME="$tmp" INPUTRC=/dev/null LUNET_HISTORY= LC_ALL= LC_MESSAGES= LANG=C.UTF-8
status=0

drive() {  # drive NAME COMMAND... < script
  name=$1; shift
  "$DRIVE" -n "$name" - -- "$@" || status=1
}

drive "help at the prompt" "$LUNET" <<'EOF'
expect-re ^> 
test help: ?tensor.zeros prints the documentation of tensor.zeros
send ?tensor.zeros\n
expect tensor.zeros(d1, d2, ...)
expect A new tensor of the given shape, filled with zeros.
expect Example
expect See also: tensor.ones
expect-re ^> 
test help: help(nn.Dense) prints the documentation of nn.Dense
send help(nn.Dense)\n
expect nn.Dense(units [, activation] [, opts])
expect A fully connected layer
expect Arguments
expect-re ^> 
test help: Tab after ? completes a topic (?tensor.lin -> ?tensor.linspace)
send ?tensor.lin\t
send \n
expect n evenly spaced numbers from a to b
expect-re ^> 
test help: help("resahpe") suggests reshape
send help("resahpe")\n
expect Did you mean: reshape?
expect-re ^> 
test help: help() lists the topics
send help()\n
expect Modules
expect timeit
expect-re ^> 
test help: help of a variable shows what it is
send w = tensor.randn(3, 4):requires_grad()\n
expect-re ^> 
send ?w\n
expect This tensor: shape 3x4, float32, 12 elements (48 B), requires_grad = true
expect-re ^> 
test who: who() lists the variables made before, with shapes and memory
send img = tensor.zeros(28, 28)\n
expect-re ^> 
send count = 7\n
expect-re ^> 
send who()\n
expect-re ^Name +Type +Shape / value +Memory
expect-re ^count +integer +7
expect-re ^img +tensor +28x28 +3.1 KB
expect-re ^w +tensor +3x4, requires_grad +48 B
expect 3 variables
expect-re ^> 
test timeit: timeit(fn) prints the time per call
send secs = timeit(function() return img:sum() end)\n
expect-re per call \(mean ± std. dev. of 7 runs, [0-9,]+ calls each\)
expect-re ^> 
send =secs > 0\n
expect-re ^true
expect-re ^> 
test timeit: a number instead of a function is a clear error
send timeit(3)\n
expect timeit: expected a function to time, got number
expect-re ^> 
send \x04
wait-exit 0
EOF

drive "help in Korean (--lang ko)" "$LUNET" --lang ko <<'EOF'
expect-re ^> 
test help: --lang ko gives the Korean documentation
send ?tensor.zeros\n
expect 주어진 모양의 새 텐서를 만들고 0으로 채웁니다.
expect 함께 보기:
expect-re ^> 
test help: lunet.lang = "en" switches back to English
send lunet.lang = "en"\n
expect-re ^> 
send ?tensor.zeros\n
expect A new tensor of the given shape
expect-re ^> 
send \x04
wait-exit 0
EOF

LANG=ko_KR.UTF-8; export LANG
drive "help follows the locale" "$LUNET" <<'EOF'
expect-re ^> 
test help: a Korean locale (LANG=ko_KR.UTF-8) gives Korean help
send x = 1\n
expect-re ^> 
send who()\n
expect 이름
expect 변수 1개
expect-re ^> 
send \x04
wait-exit 0
EOF

exit $status
