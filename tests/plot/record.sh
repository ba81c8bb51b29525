#!/bin/sh
# record.sh — a stand-in for gnuplot that logs the command stream it is sent, for tests:
#   LUNET_GNUPLOT=tests/plot/record.sh LUNET_PLOT_LOG=/tmp/log lunet script.lua
# Every line received is appended to $LUNET_PLOT_LOG. It answers what lunet waits for: the sync
# marker (print "LUNET_SYNC_<n>") and the list of terminals (print GPVAL_TERMINALS), on stdout,
# as gnuplot does after `set print "-"`. A line "print \"LUNET_TEST_ERROR\"" makes it answer with
# an error on stderr, the way gnuplot reports one. LUNET_RECORD_TERMINALS replaces the list of
# terminals it claims to have (to test the choice of a window terminal).
log=${LUNET_PLOT_LOG:-/dev/null}
# mawk reads a pipe in big blocks unless told it is interactive; lunet waits for each answer
interactive=
if awk -W version 2>&1 | grep -q mawk; then interactive="-W interactive"; fi
terms=${LUNET_RECORD_TERMINALS:-" dumb png pngcairo sixelgd svg"}
exec awk $interactive -v logf="$log" -v terms="$terms" '
{
  print >> logf; fflush(logf)
  if ($0 ~ /^print "LUNET_SYNC_[0-9]+"$/) {
    m = $0; sub(/^print "/, "", m); sub(/"$/, "", m)
    print m; fflush()
  } else if ($0 == "print GPVAL_TERMINALS") {
    print terms; fflush()
  } else if ($0 == "print \"LUNET_TEST_ERROR\"") {
    print "         line 0: recorded error for a test" > "/dev/stderr"; fflush("/dev/stderr")
  }
}'
