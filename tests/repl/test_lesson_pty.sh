#!/bin/sh
# test_lesson_pty.sh BUILD — a lesson driven the way a student drives it: BUILD/lunet --lesson 2
# in a pseudo-terminal (BUILD/ptydrive): the step text appears, n() advances, an error in typed
# code or Ctrl-C does not end the lesson, progress is resumed, quit() returns to the plain prompt.
# Prints PASS:/FAIL: lines; the waits are generous limits for a hung program, not timings.
cd "$(dirname "$0")/../.." || exit 1
B=${1:-build}
LUNET=$B/lunet
DRIVE=$B/ptydrive
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
# A clean home: no ~/.inputrc, history and progress of the test's own, plots as text.
export HOME="$tmp" INPUTRC=/dev/null LUNET_HISTORY="$tmp/history" LUNET_HOME="$tmp/lunet" \
       LUNET_PLOT_TERM=dumb NO_COLOR=1 LC_ALL= LC_MESSAGES=
status=0

drive() {  # drive NAME COMMAND... < script
  name=$1; shift
  "$DRIVE" -n "$name" - -- "$@" || status=1
}

drive "lesson pty: XOR in English" env LANG=en_US.UTF-8 "$LUNET" --lesson 2 <<'EOF'
test lesson pty: the first step's title and text appear
expect The XOR problem and the multi-layer perceptron
expect [step 1/10] XOR's threshold table
expect No values satisfy all four.
expect-re ^> 
test lesson pty: n() shows and runs the next step
send n()\n
expect [step 2/10] Training one perceptron anyway
expect-re ^> 
test lesson pty: an error in typed code does not end the lesson
send nil + 1\n
expect attempt to perform arithmetic on a nil value
expect-re ^> 
send n()\n
expect [step 3/10]
expect-re ^> 
test lesson pty: n typed without parentheses says how to use it
send n\n
expect type it with parentheses: n()
expect-re ^> 
test lesson pty: Ctrl-C at the prompt keeps the lesson going
send \x03
expect-re ^> 
send b()\n
expect [step 2/10]
expect-re ^> 
test lesson pty: hint() on an exercise step, then check() fails politely
send n()\n
send n()\n
send n()\n
expect [step 5/10] Practice: write XOR
expect-re ^> 
send check()\n
expect Not yet: There is no variable XOR yet.
expect-re ^> 
send hint()\n
expect function XOR(x1, x2) return AND(NAND(x1, x2), OR(x1, x2)) end
expect-re ^> 
test lesson pty: typing the solution passes check()
send function XOR(x1, x2) return AND(NAND(x1, x2), OR(x1, x2)) end\n
expect-re ^> 
send check()\n
expect Correct!
expect-re ^> 
test lesson pty: quit() returns to the plain prompt
send quit()\n
expect Lesson paused
expect-re ^> 
send n()\n
expect attempt to call a nil value (global 'n')
expect-re ^> 
send 1+1\n
expect-re ^2$
expect-re ^> 
send \x04
wait-exit 0
EOF

drive "lesson pty: resume in Korean" env LANG=ko_KR.UTF-8 "$LUNET" --lesson xor <<'EOF'
test lesson pty: the locale picks Korean and the lesson resumes at step 5
expect XOR 문제와 다층 퍼셉트론
expect 지난번에 5단계까지 했어요
expect [5/10단계] 연습: XOR 함수 만들기
expect-re ^> 
test lesson pty: the replayed steps left their variables
send AND(1, 1), NAND(1, 1)\n
expect-re ^1	0$
expect-re ^> 
send quit()\n
expect 수업을 잠시 멈췄어요
expect-re ^> 
send \x04
wait-exit 0
EOF

# A lesson file given by path, with a step that never ends on its own: Ctrl-C stops the step,
# and the lesson goes on.
mkdir -p "$tmp/mine"
cat > "$tmp/mine/01_spin.lua" <<'EOF'
return {
  title = "Spinning",
  steps = {
    { title = "First", code = "spin_ready = true" },
    { title = "Endless", code = [[
      print("spin" .. "ning")
      while true do end
    ]] },
    { title = "After", code = "after_spin = 1" },
  },
}
EOF
drive "lesson pty: Ctrl-C inside a step" env LANG=en_US.UTF-8 "$LUNET" --lesson "$tmp/mine/01_spin.lua" <<'EOF'
test lesson pty: Ctrl-C stops a step's code and the lesson goes on
expect [step 1/3] First
expect-re ^> 
send n()\n
expect spinning
send \x03
expect Stopped by Ctrl-C.
expect-re ^> 
send n()\n
expect [step 3/3] After
expect-re ^> 
send after_spin + 1\n
expect-re ^2$
expect-re ^> 
send \x04
wait-exit 0
EOF

drive "lesson pty: greeting" env LANG=en_US.UTF-8 "$LUNET" <<'EOF'
test lesson pty: lunet with no arguments greets and lists the lessons
expect Lessons:
expect 2  The XOR problem and the multi-layer perceptron
expect lesson.start(1)
expect-re ^> 
test lesson pty: lesson.start(2) from the prompt resumes the lesson
send lesson.start(2)\n
expect Last time you got to step 5
expect-re ^> 
send quit()\n
expect-re ^> 
send \x04
wait-exit 0
EOF

out=$(LANG=en_US.UTF-8 "$LUNET" --lesson nosuchlesson 2>&1 </dev/null); rc=$?
if [ $rc -eq 1 ] && echo "$out" | grep -q "There is no lesson 'nosuchlesson'"; then
  echo "PASS: lesson cli: an unknown lesson exits 1 and names the lessons there are"
else
  echo "FAIL: lesson cli: an unknown lesson exits 1 and names the lessons there are (status $rc: $out)"; status=1
fi
exit $status
