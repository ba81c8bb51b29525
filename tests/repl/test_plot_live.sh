#!/bin/sh
# test_plot_live.sh BUILD — a live plot in a text terminal: at the prompt (BUILD/ptydrive), in the
# raw bytes a terminal receives (each redraw moves the cursor up over the previous drawing, run
# under script(1)), and on the screen itself (tmux: one drawing on screen and in the scrollback
# after many redraws). The waits are generous limits for a hung program, not timings.
cd "$(dirname "$0")/../.." || exit 1
B=${1:-build}
LUNET=$(cd "$B" 2>/dev/null && pwd)/lunet
DRIVE=$(cd "$B" 2>/dev/null && pwd)/ptydrive
tmp=$(mktemp -d)
sock="lunet-plot-test-$$"
trap 'tmux -L "$sock" kill-server 2>/dev/null; [ -n "$KEEP" ] && cp "$tmp/screen" /tmp/gpx/screen; rm -rf "$tmp"' EXIT INT TERM
export HOME="$tmp" INPUTRC=/dev/null LUNET_HISTORY="$tmp/history" LUNET_PLOT_TERM=dumb
unset COLUMNS LINES
status=0
pass() { echo "PASS: $1"; }
fail() { echo "FAIL: $1 — $2"; status=1; }

# The loop a student (or fit{plot = true}) runs: two series, with pauses so redraws happen.
LOOP='live = plot.live{title = "LIVE-TEST", xlabel = "epoch", ylabel = "loss", interval = 0.05}; for i = 1, 200 do live:add(i, 1 / i, "loss"); live:add(i, 1.2 / i, "val_loss"); if i % 20 == 0 then os.execute("sleep 0.06") end end; live:close(); print("draws " .. live.draws)'

# 1. At the prompt: the plot is drawn, redrawn, and the prompt comes back working.
"$DRIVE" -n "plot live: at the prompt" - -- "$LUNET" <<EOF || status=1
expect-re ^> 
test plot live: a live plot draws at the prompt, redraws, and the prompt comes back
send $LOOP\n
expect LIVE-TEST
expect val_loss
expect-re ^draws ([2-9]|[1-9][0-9]+)$
expect-re ^> 
test plot live: the session goes on after the live plot
send 6*7\n
expect-re ^42$
expect-re ^> 
send \x04
wait-exit 0
EOF

# 2. The bytes sent to the terminal: each redraw goes up exactly over the previous drawing.
printf '%s\n' "$LOOP" >"$tmp/live.lua"
t="plot live: each redraw moves the cursor up over the previous drawing and clears below"
if command -v script >/dev/null 2>&1; then
  script -q -e -c "'$LUNET' '$tmp/live.lua'" "$tmp/typescript" >/dev/null 2>&1 </dev/null
  cat >"$tmp/check.lua" <<'LUA'
    local f = io.open(arg[1], "rb"); local s = f:read("a"); f:close()
    s = s:gsub("\r", "")
    local draws = tonumber(s:match("draws (%d+)"))
    local pieces, ups = {}, {}
    -- split at the cursor-up sequences; the drawing before each must be exactly that many lines
    local pos = 1
    for at, n, stop in s:gmatch("()\27%[(%d+)A\27%[J()") do
      pieces[#pieces + 1] = s:sub(pos, at - 1); ups[#ups + 1] = tonumber(n); pos = stop
    end
    if not draws or draws < 2 then print("draws: " .. tostring(draws)) return end
    if #ups ~= draws - 1 then print(("%d redraws moved up, expected %d"):format(#ups, draws - 1)) return end
    for i = 2, #pieces do   -- pieces[1] holds the command echo before the first drawing
      local _, nl = pieces[i]:gsub("\n", "")
      if nl ~= ups[i] then print(("drawing %d has %d lines, the cursor went up %d"):format(i, nl, ups[i])) return end
    end
    local _, titles = s:gsub("LIVE%-TEST", "")
    if titles ~= draws then print(("%d titles for %d drawings"):format(titles, draws)) return end
    print("ok")
LUA
  out=$("$LUNET" "$tmp/check.lua" "$tmp/typescript" 2>&1)
  if [ "$out" = "ok" ]; then pass "$t"; else fail "$t" "$out"; fi
else
  fail "$t" "script(1) is missing (apt-get install bsdutils)"
fi

# 3. The screen: after many redraws, one drawing on screen and none left in the scrollback.
t="plot live: the terminal shows one drawing after many redraws, none scrolled away"
if command -v tmux >/dev/null 2>&1; then
  tmux -L "$sock" -f /dev/null new-session -d -x 100 -y 40 \
    "env HOME='$tmp' INPUTRC=/dev/null LUNET_HISTORY='$tmp/history' LUNET_PLOT_TERM=dumb '$LUNET'"
  wait_for() {  # wait_for PATTERN: until the pane (with scrollback) shows PATTERN, 20 s at most
    i=0
    while [ $i -lt 200 ]; do
      tmux -L "$sock" capture-pane -p -S -1000 >"$tmp/screen" 2>/dev/null
      grep -Eq "$1" "$tmp/screen" && return 0
      sleep 0.1; i=$((i + 1))
    done
    return 1
  }
  if wait_for '^>( |$)'; then
    tmux -L "$sock" send-keys -l "$LOOP"
    tmux -L "$sock" send-keys Enter
    if wait_for '^draws [0-9]+'; then
      draws=$(sed -n 's/^draws \([0-9][0-9]*\).*/\1/p' "$tmp/screen" | head -1)
      titles=$(grep -c 'LIVE-TEST' "$tmp/screen")
      # the command line itself holds the title once, the drawing once more
      if [ "$draws" -ge 2 ] && [ "$titles" -eq 2 ]; then pass "$t"
      else fail "$t" "$draws draws, the title $titles times on screen and in the scrollback (2 expected): $(cat "$tmp/screen")"; fi
    else
      fail "$t" "no 'draws' line; screen: $(cat "$tmp/screen")"
    fi
  else
    fail "$t" "no prompt; screen: $(cat "$tmp/screen")"
  fi
else
  fail "$t" "tmux is missing (apt-get install tmux)"
fi
exit $status
