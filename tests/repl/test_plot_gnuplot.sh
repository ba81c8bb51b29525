#!/bin/sh
# test_plot_gnuplot.sh BUILD — plots and the gnuplot program itself: the command stream of every
# plot kind (through the recorder tests/plot/record.sh, named by LUNET_GNUPLOT), the message when
# gnuplot is missing (as a Lua error, in a script and at the prompt, which goes on), and the
# message when LUNET_GNUPLOT names a program that does not exist.
cd "$(dirname "$0")/../.." || exit 1
B=${1:-build}
LUNET=$(cd "$B" 2>/dev/null && pwd)/lunet
DRIVE=$(cd "$B" 2>/dev/null && pwd)/ptydrive
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
export HOME="$tmp" INPUTRC=/dev/null LUNET_HISTORY="$tmp/history" LUNET_PLOT_TERM=dumb
status=0
MISSING="plot: gnuplot not found — install it with: apt-get install gnuplot-nox"
pass() { echo "PASS: $1"; }
fail() { echo "FAIL: $1 — $2"; status=1; }

# The command streams: stream.lua prints its own PASS/FAIL lines.
LUNET_GNUPLOT=tests/plot/record.sh LUNET_PLOT_LOG="$tmp/log" COLUMNS=100 LINES=30 \
  "$LUNET" tests/plot/stream.lua </dev/null || status=1

# The terminal "auto" picks: a window where there is a display and this gnuplot has one, sixel
# where the terminal speaks it, text otherwise; LUNET_PLOT_TERM overrides it.
term_of() {  # term_of ENV... : the `set terminal` line lunet sends for plot.fn under ENV
  rm -f "$tmp/tlog"
  env -u LUNET_PLOT_TERM -u DISPLAY -u WAYLAND_DISPLAY -u LUNET_SIXEL LUNET_GNUPLOT=tests/plot/record.sh \
    LUNET_PLOT_LOG="$tmp/tlog" COLUMNS=90 LINES=20 "$@" "$LUNET" -e 'plot.fn(math.sin, {n = 3})' >/dev/null 2>&1 </dev/null
  grep -m1 '^set terminal' "$tmp/tlog"
}
t="plot: auto is text on a pipe without a display, at COLUMNS x LINES"
got=$(term_of); [ "$got" = "set terminal dumb size 89,19" ] && pass "$t" || fail "$t" "got: $got"
t="plot: auto picks a window terminal where there is a display and gnuplot has one"
got=$(term_of DISPLAY=:0 LUNET_RECORD_TERMINALS=" dumb qt png")
[ "$got" = "set terminal qt size 800,600 title 'lunet'" ] && pass "$t" || fail "$t" "got: $got"
t="plot: a display without a window terminal in gnuplot stays with text"
got=$(term_of DISPLAY=:0 LUNET_RECORD_TERMINALS=" dumb png")
[ "$got" = "set terminal dumb size 89,19" ] && pass "$t" || fail "$t" "got: $got"
t="plot: LUNET_SIXEL=1 picks sixel"
got=$(term_of LUNET_SIXEL=1); [ "$got" = "set terminal sixelgd size 800,600 truecolor" ] && pass "$t" || fail "$t" "got: $got"
t="plot: LUNET_PLOT_TERM overrides auto"
got=$(term_of DISPLAY=:0 LUNET_RECORD_TERMINALS=" dumb qt" LUNET_PLOT_TERM=svg)
[ "$got" = "set terminal svg size 800,600 dynamic background '#ffffff'" ] && pass "$t" || fail "$t" "got: $got"
rm -f plot.svg
t="plot: asking for a window terminal this gnuplot lacks says so"
out=$("$LUNET" -e 'print(select(2, pcall(plot.terminal, "qt")))' 2>&1 </dev/null)
case $out in
  "plot.terminal: this gnuplot has no 'qt' terminal (install gnuplot-qt for windows); it has: "*dumb*) pass "$t" ;;
  *) fail "$t" "got: $out" ;;
esac

# gnuplot absent from PATH: exactly the message, as a Lua error a script can catch.
t="plot: gnuplot missing from PATH gives the install message"
out=$(PATH=/nonexistent "$LUNET" -e 'local ok, e = pcall(plot.fn, math.sin); print(ok, e)' 2>&1 </dev/null)
if [ "$out" = "false	$MISSING" ]; then pass "$t"; else fail "$t" "got: $out"; fi

t="plot: an uncaught missing-gnuplot error ends a script with the message"
PATH=/nonexistent "$LUNET" -e 'plot.activation("relu")' >"$tmp/out" 2>"$tmp/err" </dev/null
rc=$?
if [ $rc -ne 0 ] && grep -qF -- "$MISSING" "$tmp/err"; then pass "$t"; else fail "$t" "status $rc, stderr: $(head -c 300 "$tmp/err")"; fi

t="plot: LUNET_GNUPLOT naming no program says which"
out=$(LUNET_GNUPLOT=/nonexistent/gp "$LUNET" -e 'print(select(2, pcall(plot.fn, math.sin)))' 2>&1 </dev/null)
if [ "$out" = "plot: cannot run '/nonexistent/gp': No such file or directory" ]; then pass "$t"; else fail "$t" "got: $out"; fi

t="plot: a program that exits at once is an error with what it said"
printf '#!/bin/sh\necho "broken install" >&2\nexit 3\n' >"$tmp/gp"
chmod +x "$tmp/gp"
out=$(LUNET_GNUPLOT="$tmp/gp" "$LUNET" -e 'print(select(2, pcall(plot.fn, math.sin)))' 2>&1 </dev/null)
case $out in
  *"exited as it started: broken install"*) pass "$t" ;;
  *) fail "$t" "got: $out" ;;
esac

# At the prompt, the missing-gnuplot error is printed and the session goes on.
if [ -x "$DRIVE" ]; then
  "$DRIVE" -n "plot: missing gnuplot at the prompt" - -- env PATH=/nonexistent "$LUNET" <<EOF || status=1
expect-re ^> 
test plot: missing gnuplot at the prompt prints the message and the prompt goes on
send plot.fn(math.sin)\n
expect $MISSING
expect-re ^> 
send 1+1\n
expect-re ^2$
expect-re ^> 
send \x04
wait-exit 0
EOF
else
  fail "plot: missing gnuplot at the prompt" "no $DRIVE"
fi
exit $status
