#!/bin/sh
# test_cli.sh BUILD — the lunet command line without a terminal: scripts and their arg table,
# -e, -l, -i, stdin as a script, --version, --help, --lesson hooks, exit statuses, error text.
cd "$(dirname "$0")/../.." || exit 1
B=${1:-build}
LUNET=$(cd "$B" 2>/dev/null && pwd)/lunet
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
export HOME="$tmp" LUNET_HISTORY=
status=0

# check NAME EXPECTED_STATUS CMD... : runs CMD (stdin from $IN or /dev/null), keeps stdout in
# $tmp/out and stderr in $tmp/err, compares the exit status.
check() {
  name=$1; want=$2; shift 2
  "$@" <"${IN:-/dev/null}" >"$tmp/out" 2>"$tmp/err"
  got=$?
  if [ "$got" -ne "$want" ]; then
    echo "FAIL: $name — exit status $got, expected $want; stdout: $(head -c 300 "$tmp/out"); stderr: $(head -c 300 "$tmp/err")"
    status=1; return 1
  fi
  return 0
}
# has NAME FILE TEXT : FILE (out or err) contains the fixed string TEXT.
has() {
  if grep -qF -- "$3" "$tmp/$2"; then return 0; fi
  echo "FAIL: $1 — expected \"$3\" in std$2, got: $(head -c 400 "$tmp/$2")"
  status=1; return 1
}
pass() { echo "PASS: $1"; }

t="cli: --version prints lunet and the Lua release"
check "$t" 0 "$LUNET" --version && has "$t" out "lunet 0.1.0 (Lua 5.4." && pass "$t"
t="cli: -v is --version"
check "$t" 0 "$LUNET" -v && has "$t" out "lunet 0.1.0 (Lua 5.4." && pass "$t"

t="cli: --help lists the options"
check "$t" 0 "$LUNET" --help && has "$t" out "usage: lunet" && has "$t" out "-e CODE" &&
  has "$t" out "-i" && has "$t" out "--lesson NAME" && has "$t" out "--auto" &&
  has "$t" out "--lang ko|en" && pass "$t"
t="cli: -h is --help"
check "$t" 0 "$LUNET" -h && has "$t" out "--lesson NAME" && pass "$t"

t="cli: an unknown option exits 2 and says which"
check "$t" 2 "$LUNET" --bogus && has "$t" err "unrecognized option '--bogus'" &&
  has "$t" err "lunet --help" && pass "$t"
t="cli: -e without code exits 2"
check "$t" 2 "$LUNET" -e && has "$t" err "option '-e' needs an argument" && pass "$t"
t="cli: --lang takes only ko or en"
check "$t" 2 "$LUNET" --lang fr && has "$t" err "takes ko or en, not 'fr'" && pass "$t"
t="cli: --auto without --lesson exits 2"
check "$t" 2 "$LUNET" --auto && has "$t" err "--auto needs --lesson NAME" && pass "$t"

t="cli: -e runs code"
check "$t" 0 "$LUNET" -e 'print(6 * 7)' && has "$t" out "42" && pass "$t"
t="cli: several -e run in order, -eCODE works too"
check "$t" 0 "$LUNET" -e 'x = 1' -e 'x = x * 10' '-eprint(x + 1)' && has "$t" out "11" && pass "$t"
t="cli: an error in -e exits 1 with the message on stderr"
check "$t" 1 "$LUNET" -e 'error("bad -e")' && has "$t" err "lunet: (command line):1: bad -e" && pass "$t"
t="cli: -l requires a module into a global"
mkdir -p "$tmp/lib" && echo 'return {answer = 42}' >"$tmp/lib/mymod.lua"
LUA_PATH="$tmp/lib/?.lua" check "$t" 0 "$LUNET" -l mymod -e 'print(mymod.answer)' &&
  has "$t" out "42" && pass "$t"

cat >"$tmp/args.lua" <<'EOF'
local n = select("#", ...)
print("script", arg[0] == ARG0, arg[1], arg[2], arg[3], #arg, n, (select(2, ...)))
print("before", arg[-1] ~= nil)
EOF
t="cli: a script gets its arguments in arg and in ..."
check "$t" 0 "$LUNET" -e "ARG0 = '$tmp/args.lua'" "$tmp/args.lua" one two "three four" &&
  has "$t" out "script	true	one	two	three four	3	3	two" && has "$t" out "before	true" && pass "$t"
t="cli: arg holds the program and options at negative indices"
check "$t" 0 "$LUNET" -e 'print(arg[-2], arg[-1] ~= nil, arg[0] ~= nil)' "$tmp/args.lua" &&
  has "$t" out "-e	true	true" && pass "$t"
t="cli: -- ends the options"
cp "$tmp/args.lua" "$tmp/-dash.lua"
(cd "$tmp" && check "$t" 0 "$LUNET" -e 'ARG0 = "-dash.lua"' -- -dash.lua x) &&
  has "$t" out "script	true	x" && pass "$t"

printf 'local x = 1\nerror("boom at two")\n' >"$tmp/fail.lua"
t="cli: a failing script exits 1 with the error and a traceback on stderr"
check "$t" 1 "$LUNET" "$tmp/fail.lua" && has "$t" err "fail.lua:2: boom at two" &&
  has "$t" err "stack traceback:" && pass "$t"
t="cli: a script that does not exist exits 1"
check "$t" 1 "$LUNET" "$tmp/nope.lua" && has "$t" err "cannot open $tmp/nope.lua" && pass "$t"
printf 'x = = 1\n' >"$tmp/syntax.lua"
t="cli: a syntax error in a script exits 1"
check "$t" 1 "$LUNET" "$tmp/syntax.lua" && has "$t" err "syntax.lua:1: unexpected symbol near '='" && pass "$t"
t="cli: a non-string error object is described"
check "$t" 1 "$LUNET" -e 'error({})' && has "$t" err "(error object is a table value)" && pass "$t"
t="cli: an error object with __tostring uses it"
check "$t" 1 "$LUNET" -e 'error(setmetatable({}, {__tostring = function() return "custom!" end}))' &&
  has "$t" err "custom!" && pass "$t"
t="cli: os.exit(n) sets the exit status"
check "$t" 5 "$LUNET" -e 'os.exit(5)' && pass "$t"
printf '#!/usr/bin/env lunet\nprint("shebang ok")\n' >"$tmp/sb.lua"
t="cli: a #! first line is skipped"
check "$t" 0 "$LUNET" "$tmp/sb.lua" && has "$t" out "shebang ok" && pass "$t"

printf 'print("from " .. "stdin")\nprint(select("#", ...))\n' >"$tmp/in.lua"
t="cli: stdin that is not a terminal runs as a script, without prompts"
IN="$tmp/in.lua" check "$t" 0 "$LUNET" && has "$t" out "from stdin" &&
  { if grep -q '^>' "$tmp/out"; then echo "FAIL: $t — a prompt was printed: $(cat "$tmp/out")"; status=1; false; fi; } &&
  pass "$t"
t="cli: a failing stdin script exits 1"
printf 'error("stdin boom")\n' >"$tmp/in2.lua"
IN="$tmp/in2.lua" check "$t" 1 "$LUNET" && has "$t" err "stdin:1: stdin boom" && pass "$t"
t="cli: - runs stdin as the script, with arguments"
IN="$tmp/args.lua" check "$t" 0 "$LUNET" -e 'ARG0 = "-"' - a b && has "$t" out "script	true	a	b" && pass "$t"
t="cli: piped stdin reaches the script through io.read"
printf 'line one\n' >"$tmp/data.txt"
IN="$tmp/data.txt" check "$t" 0 "$LUNET" -e 'print("got " .. io.read())' && has "$t" out "got line one" && pass "$t"

printf 'x = 20\n1 +\n1\n=x + 1\nerror("oops")\nprint("still " .. "here")\nfunction f()\nreturn 5\nend\n=f()\n' >"$tmp/session.txt"
t="cli: -i with piped stdin reads chunks with prompts, prints values, survives errors"
IN="$tmp/session.txt" check "$t" 0 "$LUNET" -i && has "$t" out "> >> 2" && has "$t" out "21" &&
  has "$t" err "stdin:1: oops" && has "$t" out "still here" && has "$t" out ">> >> > 5" && pass "$t"

t="cli: every public lunet field is also a global"
check "$t" 0 "$LUNET" -e '
  for k, v in pairs(lunet) do
    if type(k) == "string" and not k:match("^_") and not k:match("^repl_") and rawget(_G, k) ~= v then
      error("lunet." .. k .. " is not the global " .. k)
    end
  end
  assert(rawget(_G, "repl_print") == nil and rawget(_G, "_load") == nil, "internal names leaked")
  assert(package.loaded.lunet == lunet, "lunet is the loaded module")
  print("globals ok")' && has "$t" out "globals ok" && pass "$t"
t="cli: --lang sets lunet.lang"
check "$t" 0 "$LUNET" --lang ko -e 'print(lunet.lang)' && has "$t" out "ko" && pass "$t"

# --lesson hands over to lunet.lesson.cli{name, auto, lang}; until a lesson module exists it
# must say so. The hand-over itself is tested with a stand-in module given through -l.
if "$LUNET" -e 'os.exit((rawget(lunet, "lesson") or rawget(_G, "lesson")) and 0 or 1)' </dev/null; then
  t="cli: --lesson with an unknown name fails"
  check "$t" 1 "$LUNET" --lesson no-such-lesson-xyz --auto && pass "$t"
else
  t="cli: --lesson without a lesson module says lessons are not installed"
  check "$t" 1 "$LUNET" --lesson xor && has "$t" err "lessons are not installed yet" && pass "$t"
fi
cat >"$tmp/lib/fakelesson.lua" <<'EOF'
lunet.lesson = {
  cli = function(o)
    print("lesson " .. o.name .. " auto=" .. tostring(o.auto) .. " lang=" .. tostring(o.lang))
    if o.name == "bad" then return false end
    if o.name == "seven" then return 7 end
  end,
}
return true
EOF
t="cli: --lesson NAME --auto calls lunet.lesson.cli with name, auto and lang"
LUA_PATH="$tmp/lib/?.lua" check "$t" 0 "$LUNET" -l fakelesson --lesson xor --auto --lang en &&
  has "$t" out "lesson xor auto=true lang=en" && pass "$t"
t="cli: --auto exits 1 when the lesson runner returns false"
LUA_PATH="$tmp/lib/?.lua" check "$t" 1 "$LUNET" -l fakelesson --lesson bad --auto && pass "$t"
t="cli: --auto exits with the number the lesson runner returns"
LUA_PATH="$tmp/lib/?.lua" check "$t" 7 "$LUNET" -l fakelesson --lesson=seven --auto && pass "$t"
t="cli: --lesson without --auto continues at the prompt"
printf '=1 + 1\n' >"$tmp/lesson_in.txt"
IN="$tmp/lesson_in.txt" LUA_PATH="$tmp/lib/?.lua" check "$t" 0 "$LUNET" -l fakelesson --lesson xor &&
  has "$t" out "lesson xor auto=false lang=nil" && has "$t" out "> 2" && pass "$t"
t="cli: --lesson cannot be combined with a script"
check "$t" 2 "$LUNET" --lesson xor "$tmp/args.lua" && has "$t" err "cannot be combined" && pass "$t"

exit $status
