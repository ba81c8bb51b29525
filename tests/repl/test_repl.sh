#!/bin/sh
# test_repl.sh BUILD — the interactive prompt, end to end: BUILD/lunet runs in a pseudo-terminal
# driven by BUILD/ptydrive (readline, continuation, errors, Ctrl-C, Tab, history, Ctrl-D).
# Prints PASS:/FAIL: lines; the waits are generous limits for a hung program, not timings.
cd "$(dirname "$0")/../.." || exit 1
B=${1:-build}
LUNET=$B/lunet
DRIVE=$B/ptydrive
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
# A clean home: no user ~/.inputrc, history in a file of the test's own.
export HOME="$tmp" INPUTRC=/dev/null LUNET_HISTORY="$tmp/history"
status=0

drive() {  # drive NAME COMMAND... < script
  name=$1; shift
  "$DRIVE" -n "$name" - -- "$@" || status=1
}

drive "repl: greeting and first prompt" "$LUNET" <<'EOF'
expect Ctrl-D to quit
expect-re ^> 
test repl: 1+1 prints 2
send 1+1\n
expect-re ^2$
expect-re ^> 
test repl: =expr prints the value (Lua 5.1 habit)
send =6*7\n
expect-re ^42$
expect-re ^> 
test repl: several results print tab-separated, tables as literals
send 1, "two", {3, 4, k = "v"}, nil\n
expect-re ^1	two	\{3, 4, k = "v"\}	nil$
expect-re ^> 
test repl: a multi-line function with the >> continuation, then calling it
send function twice(x)\n
expect-re ^>> 
send   return 2 * x\n
expect-re ^>> 
send end\n
expect-re ^> 
send twice(21)\n
expect-re ^42$
expect-re ^> 
test repl: an unfinished expression continues on the next line and prints
send 1 +\n
expect-re ^>> 
send 2\n
expect-re ^3$
expect-re ^> 
test repl: error("boom") prints the message and the loop goes on
send error("bo".."om")\n
expect stdin:1: boom
expect-re ^> 
send 2+3\n
expect-re ^5$
expect-re ^> 
test repl: nil + 1 prints the error and the loop goes on
send nil + 1\n
expect attempt to perform arithmetic on a nil value
expect-re ^> 
send 7*6\n
expect-re ^42$
expect-re ^> 
test repl: an error inside a function shows a traceback through it
send function bad() error("de".."ep") end\n
expect-re ^> 
send bad()\n
expect stdin:1: deep
expect in function 'bad'
expect-re ^> 
test repl: a syntax error is reported, not continued
send x = = 1\n
expect unexpected symbol near '='
expect-re ^> 
test repl: Ctrl-D inside an unfinished chunk reports it and returns to the prompt
send for i = 1, 2 do\n
expect-re ^>> 
send \x04
expect 'end' expected near <eof>
expect-re ^> 
send 1+1\n
expect-re ^2$
expect-re ^> 
test repl: Ctrl-C at an empty prompt gives a new prompt
send \x03
expect ^C
expect-re ^> 
send 1+2\n
expect-re ^3$
expect-re ^> 
test repl: Ctrl-C clears a half-typed line
send abc
expect abc
send \x03
expect ^C
expect-re ^> 
send 1+3\n
expect-re ^4$
expect-re ^> 
test repl: Ctrl-C in a continuation drops the unfinished chunk
send for i = 1, 3 do\n
expect-re ^>> 
send \x03
expect-re ^> 
send 10+1\n
expect-re ^11$
expect-re ^> 
test repl: Ctrl-C stops while true do end; variables survive
send keep = 42\n
expect-re ^> 
send print("spin".."ning"); while true do end\n
expect spinning
send \x03
expect interrupted!
expect-re ^> 
send =keep\n
expect-re ^42$
expect-re ^> 
test repl: Ctrl-C stops a loop inside a function, with a traceback
send function spin() print("spin".."ning") while true do end end\n
expect-re ^> 
send spin()\n
expect spinning
send \x03
expect interrupted!
expect in function 'spin'
expect-re ^> 
send =keep + 1\n
expect-re ^43$
expect-re ^> 
test repl: Tab completes a global name (tos -> tostring)
send tos\t
send (4.5)\n
expect-re ^4.5$
expect-re ^> 
test repl: Tab completes a table field (string.up -> string.upper)
send string.up\t
send ("abc")\n
expect-re ^ABC$
expect-re ^> 
test repl: Tab completes a method after : (s:up -> s:upper)
send s = "xy"\n
expect-re ^> 
send s:up\t
send ()\n
expect-re ^XY$
expect-re ^> 
test repl: Tab twice lists the candidates by their last name
send string.\t\t
expect gmatch
expect packsize
send len("four")\n
expect-re ^4$
expect-re ^> 
test repl: a pasted block runs line by line, as if typed
send \e[200~function h()\n  return 41\nend\nh() + 1\n=2*3\e[201~\n
expect-re ^42$
expect-re ^6$
expect-re ^> 
test repl: a pasted block may continue a chunk across lines and end with a newline
send \e[200~v = {\n10,\n20}\n=#v\n\e[201~\n
expect-re ^2$
expect-re ^> 
test repl: Ctrl-C stops a pasted block; its remaining lines do not run
send \e[200~print("spin".."ning") while true do end\nprint("after".."wards")\e[201~\n
expect spinning
send \x03
expect-re interrupted!\n> 
send 1+1\n
expect-re ^2$
expect-re ^> 
test repl: Ctrl-D at an empty prompt exits with status 0
send \x04
wait-exit 0
EOF

drive "repl: history is written once per distinct line" "$LUNET" <<'EOF'
expect-re ^> 
send print("hist".."ory ok")\n
expect history ok
expect-re ^> 
send print("hist".."ory ok")\n
expect history ok
expect-re ^> 
send \x04
wait-exit 0
EOF
n=$(grep -c 'print("hist".."ory ok")' "$tmp/history" 2>/dev/null)
if [ "$n" = 1 ]; then echo "PASS: repl: the history file holds the repeated line once"
else echo "FAIL: repl: the history file holds the repeated line once — found it $n times in $(cat "$tmp/history" 2>&1)"; status=1; fi

drive "repl: history comes back in the next session (Up, Enter)" "$LUNET" <<'EOF'
expect-re ^> 
send \e[A
expect ory ok
send \n
expect history ok
expect-re ^> 
send \x04
wait-exit 0
EOF

# A path below a plain file cannot be created, even by root.
LUNET_HISTORY="$tmp/history/not-a-dir"; export LUNET_HISTORY
drive "repl: a history file that cannot be written is silently ignored" "$LUNET" <<'EOF'
expect-re ^> 
send 20+1\n
expect-re ^21$
expect-re ^> 
send \x04
wait-exit 0
EOF
LUNET_HISTORY="$tmp/history"; export LUNET_HISTORY

cat >"$tmp/start.lua" <<'EOF'
from_script = 7
EOF
drive "repl: -i runs the script, then the prompt sees its globals" "$LUNET" -i "$tmp/start.lua" <<'EOF'
expect-re ^> 
send =from_script * 6\n
expect-re ^42$
expect-re ^> 
send \x04
wait-exit 0
EOF

drive "repl: Ctrl-C interrupts a script (-e) and exits with status 1" "$LUNET" -e 'print("spin".."ning") while true do end' <<'EOF'
expect spinning
send \x03
expect interrupted!
wait-exit 1
EOF

drive "repl: os.exit(3) at the prompt exits with status 3" "$LUNET" <<'EOF'
expect-re ^> 
send os.exit(3)\n
wait-exit 3
EOF

exit $status
