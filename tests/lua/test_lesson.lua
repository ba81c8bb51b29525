-- test_lesson.lua — the lesson runner (lua/lesson.lua): finding lessons by number, file, short
-- name and path; progress saved and loaded (and a damaged file ignored); moving through a small
-- fixture lesson with next/back/again/hint/check/quit; the language from the environment; the
-- display width of Hangul when wrapping; --auto on passing and failing lessons.
local T = dofile("tests/lua/testlib.lua")
local lesson = lunet.lesson
local LUNET = arg[-1] or "lunet"

local tmp = os.tmpname()
os.remove(tmp)
os.execute("mkdir -p '" .. tmp .. "/lessons' '" .. tmp .. "/home'")
lesson.progress_file = tmp .. "/home/progress.lua"
lunet.lang = "en"

local function write(path, text)
  local f = assert(io.open(path, "wb"))
  f:write(text)
  f:close()
end

local function read(path)
  local f = io.open(path, "rb")
  if not f then return nil end
  local s = f:read("a")
  f:close()
  return s
end

-- Runs fn with the runner's output (io.stdout) captured; returns the text.
local function capture(fn, ...)
  local buf = {}
  local saved_stdout, saved_print, saved_write = io.stdout, print, io.write
  io.stdout = { write = function(self, ...) for _, s in ipairs { ... } do buf[#buf + 1] = tostring(s) end return self end,
                flush = function(self) return self end }
  io.write = function(...) return io.stdout:write(...) end
  print = function(...)
    local parts = {}
    for i = 1, select("#", ...) do parts[i] = tostring((select(i, ...))) end
    buf[#buf + 1] = table.concat(parts, "\t") .. "\n"
  end
  local ok, err = pcall(fn, ...)
  io.stdout, print, io.write = saved_stdout, saved_print, saved_write
  if not ok then error(err, 2) end
  return table.concat(buf)
end

local function has(text, want)
  if not text:find(want, 1, true) then
    error(("expected the output to contain %q, got:\n%s"):format(want, text), 2)
  end
end

-- A tiny lesson: a step that sets a number, an exercise, a step whose code fails.
write(tmp .. "/lessons/00_alpha.lua", [[
return {
  name = "alpha",
  title = { ko = "알파 수업", en = "Alpha lesson" },
  steps = {
    { title = { ko = "첫 단계", en = "First step" }, text = { ko = "숫자를 만들어요.", en = "We make a number." },
      code = [[
        fixture_a = 40 + 2
        fixture_a
      ]] .. "]]" .. [[ },
    { title = { ko = "과제", en = "Exercise" },
      task = { ko = "fixture_b에 7을 넣어 보세요.", en = "Put 7 in fixture_b." },
      hint = { ko = "대입해요", en = "Assign it." },
      solution = "fixture_b = 7",
      check = function(c) c.near(c.number("fixture_b"), 7, 0, "fixture_b") end },
    { title = { ko = "마지막", en = "Last" }, code = "fixture_c = fixture_a + 1" },
  },
}
]])
write(tmp .. "/lessons/02_beta.lua", [[
return {
  title = "Beta",
  steps = {
    { title = "ok", code = "fixture_beta = 1" },
    { title = "broken step", code = "fixture_beta = nil + 1" },
  },
}
]])
write(tmp .. "/lessons/notalesson.txt", "x")

local function with_dirs(fn)
  lesson.dirs = { tmp .. "/lessons" }
  local ok, err = pcall(fn)
  lesson.dirs = nil
  if not ok then error(err, 0) end
end

T.test("lesson: a name resolves by number, file name, short name and path", function()
  with_dirs(function()
    T.eq(lesson.resolve(2).stem, "02_beta")
    T.eq(lesson.resolve("0").stem, "00_alpha")
    T.eq(lesson.resolve("02_beta").stem, "02_beta")
    T.eq(lesson.resolve("alpha").stem, "00_alpha")
    T.eq(lesson.resolve("ALPHA").stem, "00_alpha")
    local e = lesson.resolve(tmp .. "/lessons/02_beta.lua")
    T.eq(e.stem, "02_beta")
    T.eq(e.number, 2)
    T.eq(e.short, "beta")
    local files = lesson.files()
    T.eq(#files, 2, "only NN_name.lua files are lessons")
  end)
end)

T.test("lesson: an unknown name says which lessons exist", function()
  with_dirs(function()
    local e, msg = lesson.resolve("gamma")
    T.eq(e, nil)
    has(msg, "There is no lesson 'gamma'")
    has(msg, "0 alpha, 2 beta")
    local _, msg2 = lesson.resolve("missing/file.lua")
    has(msg2, "missing/file.lua")
    T.raises(function() lesson.start("gamma") end, "There is no lesson 'gamma'")
  end)
end)

T.test("lesson: the shipped lessons are found from the source tree", function()
  local e = lesson.resolve("xor")
  T.truthy(e, "xor resolves")
  T.eq(e.stem, "02_xor")
  T.eq(lesson.resolve(7).stem, "07_mnist")
  T.eq(lesson.resolve("lessons/00_tensors.lua").short, "tensors")
  for _, f in ipairs(lesson.files()) do
    local def, err = lesson.load(f)
    T.truthy(def, err)
    T.truthy(def.title and def.title.ko and def.title.en, f.stem .. " has a title in both languages")
    for i, s in ipairs(def.steps) do
      T.truthy(type(s.title) == "table" and s.title.ko and s.title.en, ("%s step %d: title in ko and en"):format(f.stem, i))
      if s.text then T.truthy(s.text.ko and s.text.en, ("%s step %d: text in ko and en"):format(f.stem, i)) end
      if s.task then
        T.truthy(s.task.ko and s.task.en and s.solution and s.check, ("%s step %d: a task has ko, en, solution, check"):format(f.stem, i))
      end
    end
  end
end)

T.test("lesson: the language comes from LC_ALL, LC_MESSAGES, LANG in that order", function()
  local function env(t) return function(k) return t[k] end end
  T.eq(lesson.locale_lang(env {}), "en")
  T.eq(lesson.locale_lang(env { LANG = "ko_KR.UTF-8" }), "ko")
  T.eq(lesson.locale_lang(env { LANG = "en_US.UTF-8" }), "en")
  T.eq(lesson.locale_lang(env { LC_MESSAGES = "ko_KR", LANG = "en_US" }), "ko")
  T.eq(lesson.locale_lang(env { LC_ALL = "C", LANG = "ko_KR.UTF-8" }), "en")
  T.eq(lesson.locale_lang(env { LC_ALL = "", LANG = "ko_KR.UTF-8" }), "ko", "an empty variable is unset")
  lunet.lang = "ko"
  T.eq(lesson.lang(), "ko")
  T.eq(lesson.pick { ko = "가", en = "a" }, "가")
  T.eq(lesson.pick { en = "only english" }, "only english")
  lunet.lang = "en"
  T.eq(lesson.pick { ko = "가", en = "a" }, "a")
  T.raises(function() lesson.lang("fr") end, "expected \"ko\" or \"en\"")
end)

T.test("lesson: --lang and the locale choose the language of a run", function()
  local bin = LUNET:match("^/") and LUNET or (os.getenv("PWD") .. "/" .. LUNET)
  local cmd = "cd '%s' && LUNET_HOME='%s/home' LC_ALL= LC_MESSAGES= LANG=%s '%s' --lesson 0 --auto%s 2>&1"
  local function run(lang, extra)
    local p = io.popen(cmd:format(tmp, tmp, lang, bin, extra or ""))
    local out = p:read("a")
    p:close()
    return out
  end
  local ko = run("ko_KR.UTF-8")
  has(ko, "알파 수업")
  has(ko, "PASS: lesson 00_alpha")
  local en = run("en_US.UTF-8")
  has(en, "Alpha lesson")
  local forced = run("ko_KR.UTF-8", " --lang en")
  T.eq(forced:find("알파", 1, true), nil, "--lang en wins over the locale")
  has(forced, "Alpha lesson")
end)

T.test("lesson: display width counts Hangul as two columns", function()
  T.eq(lesson.width("abc"), 3)
  T.eq(lesson.width("한글"), 4)
  T.eq(lesson.width("가a나"), 5)
  T.eq(lesson.width("\27[1m굵게\27[0m"), 4, "colour escapes take no room")
  T.eq(lesson.width("θ·x"), 3)
end)

T.test("lesson: wrapping Korean text keeps every line within the width", function()
  local text = "텐서는 숫자를 담는 다차원 배열이에요. 축의 개수에 따라 이름이 달라요. 데이터를 불러오면 먼저 모양을 확인하세요."
  local lines = lesson.wrap(text, 20)
  T.truthy(#lines >= 5, "wrapped into several lines")
  local words = {}
  for _, l in ipairs(lines) do
    T.truthy(lesson.width(l) <= 20, ("line %q is %d columns"):format(l, lesson.width(l)))
    for w in l:gmatch("%S+") do words[#words + 1] = w end
  end
  T.eq(table.concat(words, " "), text, "no word is lost or split")
  -- the same text in ASCII letters would fit in half as many columns: Hangul really counts 2
  T.truthy(#lesson.wrap(text, 40) < #lines)
end)

T.test("lesson: wrapping keeps bullets, indented lines and code spans", function()
  local lines = lesson.wrap([[
    First paragraph
    joined here.

    - a bullet that is long enough to wrap around
      and goes on here
        w1*x1 + w2*x2 > theta
    Type `lesson.start(1) now` please.
  ]], 24)
  T.eq(lines[1], "First paragraph joined")
  T.eq(lines[2], "here.")
  T.eq(lines[3], "")
  T.eq(lines[4], "- a bullet that is long")
  T.eq(lines[5], "  enough to wrap around", "a bullet's lines hang under its text")
  T.eq(lines[6], "  and goes on here", "a line indented like the bullet's text continues it")
  T.eq(lines[7], "    w1*x1 + w2*x2 > theta", "deeper indented lines are kept as written")
  T.eq(lines[8], "Type")
  T.eq(lines[9], "`lesson.start(1) now`", "a code span is not broken")
  T.eq(lines[10], "please.")
  local long = lesson.wrap("가나다라마바사아자차카타파하", 10)
  for _, l in ipairs(long) do T.truthy(lesson.width(l) <= 10, "an over-long word is cut to the width") end
end)

T.test("lesson: code splits into the pieces the prompt would read", function()
  local pieces = assert(lesson.chunks([[
    x = 1
    x + 1
    for i = 1, 2 do
      print(i)
    end
  ]]))
  T.eq(#pieces, 3)
  T.eq(pieces[1].src, "x = 1")
  T.eq(pieces[1].expr, false)
  T.eq(pieces[2].expr, true)
  T.eq(pieces[3].src, "for i = 1, 2 do\n  print(i)\nend")
  T.eq(pieces[3].first, 3)
  local none, err = lesson.chunks("x = = 1")
  T.eq(none, nil)
  has(err, "unexpected symbol")
end)

T.test("lesson: progress is saved with a rename and read back", function()
  local path = tmp .. "/home/p1.lua"
  local rec = { ["02_xor"] = { step = 4, passed = { 2, 3 }, finished = false }, ["00_tensors"] = { step = 13, passed = {}, finished = true } }
  T.truthy(lesson.save_progress(rec, path))
  local back = lesson.load_progress(path)
  T.eq(back["02_xor"].step, 4)
  T.eq(#back["02_xor"].passed, 2)
  T.eq(back["02_xor"].passed[2], 3)
  T.eq(back["00_tensors"].finished, true)
  local p = io.popen("ls -a '" .. tmp .. "/home'")
  local listing = p:read("a")
  p:close()
  T.eq(listing:find(".tmp", 1, true), nil, "no temporary file is left behind")
  T.truthy(lesson.save_progress({}, tmp .. "/home/new/dir/p.lua"), "missing folders are made")
  T.eq(next(lesson.load_progress(tmp .. "/home/nothing-here.lua")), nil, "a missing file is no progress")
end)

T.test("lesson: a damaged progress file is ignored with a note", function()
  local path = tmp .. "/home/bad.lua"
  local cases = {
    "return {{{",                                  -- syntax error
    "return 42",                                   -- not a table
    "while true do end",                           -- would never end
    "return os.exit(3)",                           -- no globals: cannot reach os
  }
  for i, src in ipairs(cases) do
    write(path .. i, src)
    local rec
    local out = capture(function() rec = lesson.load_progress(path .. i) end)
    T.eq(next(rec), nil, src)
    has(out, "ignored the damaged progress file")
  end
  write(path, 'return { ok = { step = 2 }, weird = { step = "x" }, [3] = { step = 1 } }')
  local rec = lesson.load_progress(path)
  T.eq(rec.ok.step, 2)
  T.eq(rec.weird, nil, "entries of the wrong shape are dropped")
end)

T.test("lesson: navigating a lesson with n, back, again, hint, check, quit", function()
  with_dirs(function()
    os.remove(lesson.progress_file)
    local saved_check = rawget(_G, "check")
    rawset(_G, "check", "mine")
    local out = capture(lesson.start, "alpha")
    has(out, "== Alpha lesson ==")
    has(out, "[step 1/3] First step")
    has(out, "We make a number.")
    has(out, "> fixture_a = 40 + 2")
    has(out, "42")
    T.eq(fixture_a, 42, "lesson variables are globals")
    T.eq(type(n), "table", "n is defined while a lesson runs")
    T.truthy(tostring(n):find("n()", 1, true), "n without parentheses explains itself")
    T.eq(select("#", next({})), 1, "next(t) is still Lua's next")
    T.eq(next({ 5 }), 1)

    out = capture(n)
    has(out, "[step 2/3] Exercise")
    has(out, "Your turn: Put 7 in fixture_b.")
    out = capture(check)
    has(out, "Not yet: There is no variable fixture_b yet.")
    out = capture(hint)
    has(out, "Assign it.")
    has(out, "once more to see a solution")
    out = capture(hint)
    has(out, "fixture_b = 7")
    out = capture(n)
    has(out, "You have not checked this step's task yet")
    fixture_b = 6
    out = capture(check)
    has(out, "fixture_b should be 7, but it is 6")
    fixture_b = 7
    out = capture(check)
    has(out, "Correct!")
    T.eq(lesson.current().step, 2)

    out = capture(b)
    has(out, "[step 1/3] First step")
    out = capture(back)
    has(out, "This is the first step.")
    out = capture(again)
    has(out, "> fixture_a = 40 + 2")
    capture(next)
    out = capture(n)
    has(out, "[step 3/3] Last")
    T.eq(fixture_c, 43)

    local rec = lesson.load_progress()
    T.eq(rec["00_alpha"].step, 3, "progress follows the student")
    T.eq(rec["00_alpha"].passed[1], 2)

    out = capture(quit)
    has(out, "lesson.start(0)")
    T.eq(rawget(_G, "n"), nil, "n is removed on quit")
    T.eq(rawget(_G, "check"), "mine", "a global the lesson shadowed comes back")
    T.eq(rawget(_G, "next"), next, "Lua's next is back")
    T.eq(lesson.current(), nil)
    rawset(_G, "check", saved_check)
  end)
end)

T.test("lesson: start resumes where the student stopped, replaying earlier steps", function()
  with_dirs(function()
    fixture_a, fixture_b, fixture_c = nil, nil, nil
    local out = capture(lesson.start, 0)
    has(out, "Last time you got to step 3")
    has(out, "lesson.start(0, 1)")
    has(out, "[step 3/3] Last")
    T.eq(fixture_a, 42, "step 1's code ran again")
    T.eq(fixture_b, 7, "the exercise's solution ran again")
    T.eq(fixture_c, 43)
    T.eq(out:find("> fixture_a", 1, true), nil, "the replay is quiet")
    out = capture(n)
    has(out, "You have finished “Alpha lesson”")
    has(out, "lesson.start(2)")
    T.eq(rawget(_G, "n"), nil, "finishing ends the lesson")
    T.eq(lesson.load_progress()["00_alpha"].finished, true)
    out = capture(lesson.start, 0)
    has(out, "[step 1/3] First step")
    T.eq(out:find("Last time", 1, true), nil, "a finished lesson starts from the beginning")
    out = capture(lesson.start, 0, 2)
    has(out, "[step 2/3] Exercise")
    capture(quit)
  end)
end)

T.test("lesson: an error in a step's code is reported and the lesson goes on", function()
  with_dirs(function()
    local out = capture(lesson.start, "beta", 2)
    has(out, "The code raised an error: step 2:1: attempt to perform arithmetic")
    has(out, "the lesson goes on")
    T.eq(lesson.current().step, 2)
    out = capture(b)
    has(out, "[step 1/2] ok")
    capture(quit)
  end)
end)

T.test("lesson: --auto passes a good lesson and names the failing step of a bad one", function()
  with_dirs(function()
    local ok
    local out = capture(function() ok = lesson.run_auto("alpha") end)
    T.eq(ok, true)
    has(out, "[1/3] First step")
    has(out, "> fixture_b = 7")
    has(out, "PASS: lesson 00_alpha (3 steps)")
    local msg
    out = capture(function() ok, msg = lesson.run_auto("beta") end)
    T.eq(ok, false)
    has(msg, 'step 2/2 "broken step"')
    has(out, 'FAIL: lesson 02_beta step 2/2 "broken step": step 2:1: attempt to perform arithmetic')
  end)
end)

T.test("lesson: the list and the greeting show lessons and progress", function()
  with_dirs(function()
    local out = capture(lesson.list)
    has(out, "Lessons:")
    has(out, " 0  Alpha lesson [alpha]")
    has(out, "done")
    has(out, " 2  Beta [beta]")
    has(out, "lesson.start(1)")
    out = capture(lunet.repl_greet)
    has(out, "lunet")
    has(out, "Alpha lesson")
    lunet.lang = "ko"
    out = capture(lesson.list)
    has(out, "수업 목록:")
    has(out, "완료")
    lunet.lang = "en"
  end)
end)

fixture_a, fixture_b, fixture_c, fixture_beta = nil, nil, nil, nil
os.execute("rm -rf '" .. tmp .. "'")
T.done()
