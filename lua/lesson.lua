-- lesson.lua — the lesson runner: finds the lessons, shows their steps at the normal prompt,
-- checks the student's work, remembers progress, and runs whole lessons unattended (--auto).
-- Uses only Lua and the public lunet API (repl_print for results, plot.terminal in --auto).
--
-- ## The lesson file format (lessons/NN_name.lua — copy one to write your own)
--
-- A lesson is a Lua file that returns a table; loading it must only build that table.
--
--   return {
--     name  = "xor",                              -- short name: `lunet --lesson xor`
--     title = { ko = "XOR 문제", en = "The XOR problem" },
--     steps = {
--       {                                         -- a step that explains and runs code
--         title = { ko = "...", en = "..." },
--         text  = { ko = [[...]], en = [[...]] },
--         code  = [[
--   x = tensor{{0, 0}, {0, 1}, {1, 0}, {1, 1}}
--   x:shape()
--   ]],
--       },
--       {                                         -- an exercise: the student types, check() verifies
--         title = ..., text = ...,
--         task  = { ko = "모양이 2x1인 텐서 w를 만들어 보세요.", en = "Make a tensor w of shape 2x1." },
--         check = function(c) c.tensor("w", {2, 1}) end,
--         hint  = { ko = "tensor.zeros(2, 1)", en = "tensor.zeros(2, 1)" },
--         solution = [[w = tensor.randn(2, 1)]],
--       },
--     },
--   }
--
-- Step fields (all optional except title):
--   title, text, task, hint   a string, or {ko = ..., en = ...} (the other language is the fallback).
--                             Text is re-wrapped to the terminal: blank lines separate paragraphs,
--                             lines starting with "- " are bullets, lines indented further than the
--                             rest are kept as they are (tables, formulas); `code` is highlighted.
--   code      Lua run when the step is shown, as if typed at the prompt: each statement is echoed
--             after "> " and expressions print their values. Lesson variables must be globals.
--   task      makes the step an exercise: the student types at the prompt, then check().
--   check     function(c) ... end — passes unless it raises through c (see below) or returns
--             false [, message]. For a step without a task it is a self-test run after `code`.
--             c.ok(cond, msg)             fails with msg unless cond
--             c.defined("w")              the global w exists; returns it
--             c.tensor("w" [, {2, 1}])    the global w is a tensor (of that shape); returns it
--             c.number("lr")              the global lr is a number; returns it
--             c.near(got, want [, tol, what])   |got - want| <= tol (default 1e-4)
--             c.fail(msg)                 fails with msg; msg is a string or {ko = ..., en = ...}
--   solution  the code that does the task: run by --auto (then check), by a resumed lesson for
--             the steps before, and shown by a second hint().
--   auto_replace  {["epochs = 10"] = "epochs = 1"}: plain-text replacements made to code and
--             solution in --auto only, so unattended runs stay fast while students get the real
--             thing. A replacement that no longer matches is an error, so it cannot rot silently.
--   replay    false: skip this step's code when a resumed lesson replays the steps before (for
--             pictures and demonstrations that later steps do not need).
--
-- Lesson fields: name, title, steps, and optionally intro (text shown before step 1).
--
-- ## What the runner offers
--   lesson.list(), lesson.start(NAME [, step]) — NAME: 3, "03_xor", "xor" or a path to a file;
--   while a lesson runs, the globals next()/n(), back()/b(), again(), hint(), check(), quit().
--   lesson.cli{name, auto, lang} is what `lunet --lesson NAME [--auto] [--lang ko|en]` calls.
--   Progress lives in $LUNET_HOME/progress.lua (else $XDG_DATA_HOME/lunet, else
--   ~/.local/share/lunet), written to a temporary file and renamed.
local lunet = ...
local lesson = {}
lunet.lesson = lesson

local builtin_next = next
local NAV = { "next", "n", "back", "b", "again", "hint", "check", "quit" }

-- ---------------------------------------------------------------------------------------------
-- Language

-- The language the locale asks for: LC_ALL, then LC_MESSAGES, then LANG (the first one set).
-- getenv is os.getenv unless a test passes its own.
function lesson.locale_lang(getenv)
  getenv = getenv or os.getenv
  for _, name in ipairs { "LC_ALL", "LC_MESSAGES", "LANG" } do
    local v = getenv(name)
    if v and v ~= "" then return v:sub(1, 2):lower() == "ko" and "ko" or "en" end
  end
  return "en"
end

-- The language in use: lunet.lang (from --lang, or set by the user), else the locale's.
-- lesson.lang("ko") switches (and returns the language).
function lesson.lang(set)
  if set ~= nil then
    if set ~= "ko" and set ~= "en" then error("lesson.lang: expected \"ko\" or \"en\", got " .. tostring(set), 2) end
    lunet.lang = set
  end
  local l = rawget(lunet, "lang")
  if l == "ko" or l == "en" then return l end
  return lesson.locale_lang()
end

-- A text in the language in use: strings are the same in both languages.
local function pick(v)
  if type(v) ~= "table" then return v end
  local l = lesson.lang()
  return v[l] or v[l == "ko" and "en" or "ko"]
end
lesson.pick = pick

-- The runner's own messages.
local M = {
  steps_of = { ko = "%d/%d단계", en = "step %d/%d" },
  task = { ko = "해 볼 일:", en = "Your turn:" },
  task_how = { ko = "다 했으면 check(), 막히면 hint()를 입력하세요.",
               en = "When you are done, type check(); if you are stuck, hint()." },
  nav = { ko = "n() 다음 · b() 이전 · again() 다시 · hint() 힌트 · check() 확인 · quit() 끝내기",
          en = "n() next · b() back · again() redo · hint() · check() · quit()" },
  nav_short = { ko = "n() 다음 · b() 이전 · quit() 끝내기", en = "n() next · b() back · quit()" },
  check_ok = { ko = "맞았어요! n()으로 다음 단계로 넘어가세요.", en = "Correct! Type n() for the next step." },
  check_bad = { ko = "아직이에요: %s", en = "Not yet: %s" },
  check_error = { ko = "확인하는 중에 오류가 났어요: %s", en = "The check itself failed: %s" },
  check_none = { ko = "이 단계에는 확인할 과제가 없어요. n()으로 넘어가세요.",
                 en = "This step has nothing to check. Type n() to go on." },
  selfcheck_bad = { ko = "(이 단계의 결과가 예상과 달라요: %s — again()으로 다시 실행해 보세요.)",
                    en = "(This step did not turn out as expected: %s — try again().)" },
  hint_none = { ko = "이 단계에는 힌트가 없어요.", en = "This step has no hint." },
  hint_more = { ko = "hint()를 한 번 더 입력하면 정답 코드를 보여 드려요.",
                en = "Type hint() once more to see a solution." },
  solution = { ko = "정답 예시:", en = "One solution:" },
  no_solution = { ko = "이 단계에는 정답 예시가 없어요.", en = "This step has no sample solution." },
  skip_warn = { ko = "이 단계의 과제를 아직 확인하지 않았어요. check()로 확인하거나, 그냥 넘어가려면 n()을 한 번 더 입력하세요.",
                en = "You have not checked this step's task yet. Type check(), or n() again to skip it." },
  first = { ko = "첫 단계예요.", en = "This is the first step." },
  finished = { ko = "「%s」 수업을 모두 마쳤어요. 수고했어요!", en = "You have finished “%s”. Well done!" },
  next_lesson = { ko = "다음 수업: lesson.start(%s)", en = "Next lesson: lesson.start(%s)" },
  all_done = { ko = "lesson.list()로 전체 수업 목록을 볼 수 있어요.", en = "lesson.list() shows every lesson." },
  quit = { ko = "수업을 잠시 멈췄어요. 만든 변수는 그대로 남아 있어요. 이어서 하려면 lesson.start(%s)",
           en = "Lesson paused; your variables are still here. To continue: lesson.start(%s)" },
  resume = { ko = "지난번에 %d단계까지 했어요. 거기서 이어서 할게요. (처음부터 하려면 lesson.start(%s, 1))",
             en = "Last time you got to step %d, so we continue there. (To start over: lesson.start(%s, 1))" },
  replaying = { ko = "앞 단계의 코드를 다시 실행하고 있어요…", en = "Running the earlier steps' code again…" },
  replay_failed = { ko = "앞 단계를 다시 실행하다가 %d단계에서 오류가 났어요: %s",
                    en = "Replaying the earlier steps failed at step %d: %s" },
  code_error = { ko = "코드에서 오류가 났어요: %s", en = "The code raised an error: %s" },
  code_error_more = { ko = "고친 뒤 again()으로 이 단계를 다시 실행할 수 있어요. 수업은 계속돼요.",
                      en = "Fix it and again() runs this step once more; the lesson goes on." },
  interrupted = { ko = "Ctrl-C로 멈췄어요. again()으로 이 단계를 다시 실행할 수 있어요.",
                  en = "Stopped by Ctrl-C. again() runs this step once more." },
  unknown = { ko = "'%s' 수업은 없어요. 있는 수업: %s", en = "There is no lesson '%s'. Lessons: %s" },
  no_lessons = { ko = "수업 파일을 찾을 수 없어요 (lessons/ 폴더)", en = "no lesson files found (a lessons/ folder)" },
  bad_file = { ko = "수업 파일 %s을(를) 읽을 수 없어요: %s", en = "cannot read the lesson file %s: %s" },
  progress_bad = { ko = "(진도 파일 %s이(가) 손상되어 무시했어요: %s)", en = "(ignored the damaged progress file %s: %s)" },
  progress_write = { ko = "(진도를 저장하지 못했어요: %s)", en = "(could not save progress: %s)" },
  list_head = { ko = "수업 목록:", en = "Lessons:" },
  list_how = { ko = "시작하려면 lesson.start(1)처럼 입력하거나, 셸에서 lunet --lesson 1을 실행하세요.",
               en = "To start one, type lesson.start(1) here, or run lunet --lesson 1 from the shell." },
  done_mark = { ko = "완료", en = "done" },
  at_mark = { ko = "%d단계까지", en = "at step %d" },
  greet = { ko = "lunet %s — 터미널에서 배우는 딥러닝 (Keras 스타일, Lua 5.4)",
            en = "lunet %s — deep learning in the terminal (Keras-style, Lua 5.4)" },
  greet_end = { ko = "도움말은 help(), 끝내려면 Ctrl-D를 누르세요.", en = "help() for help, Ctrl-D to quit." },
  not_active = { ko = "진행 중인 수업이 없어요. lesson.start(1)로 시작하세요.",
                 en = "No lesson is running. Start one with lesson.start(1)." },
  nav_usage = { ko = "%s — 괄호까지 붙여서 %s()처럼 입력하세요.", en = "%s — type it with parentheses: %s()" },
  chunk = { ko = "%d단계", en = "step %d" },
  auto_solution = { ko = "(과제의 정답 코드를 실행해요)", en = "(running the task's solution)" },
  auto_step = { ko = "[%d/%d] %s", en = "[%d/%d] %s" },
}
for _, name in ipairs(NAV) do
  local what = {
    next = { ko = "다음 단계로", en = "the next step" }, n = { ko = "다음 단계로", en = "the next step" },
    back = { ko = "이전 단계로", en = "the previous step" }, b = { ko = "이전 단계로", en = "the previous step" },
    again = { ko = "이 단계를 다시", en = "this step again" }, hint = { ko = "힌트 보기", en = "a hint" },
    check = { ko = "과제 확인", en = "check your work" }, quit = { ko = "수업 멈추기", en = "pause the lesson" },
  }
  M["nav_" .. name] = what[name]
end

local function tr(key, ...)
  local s = pick(M[key])
  if select("#", ...) > 0 then return string.format(s, ...) end
  return s
end

-- ---------------------------------------------------------------------------------------------
-- The terminal: width, colour, display width of text

local term = {}

-- Whether standard output is a terminal.
function term.is_tty()
  if term.tty == nil then term.tty = lunet._isatty(1) end
  return term.tty
end

function term.color()
  if term.use_color == nil then
    local t = os.getenv("TERM")
    term.use_color = term.is_tty() and not os.getenv("NO_COLOR") and t ~= nil and t ~= "dumb"
  end
  return term.use_color
end

-- The terminal's width in columns, asked each time (it may have been resized since); else
-- $COLUMNS, else 80.
function term.columns()
  if term.is_tty() then
    local cols = lunet._termsize()
    if cols and cols >= 20 then return cols end
  end
  local c = tonumber(os.getenv("COLUMNS") or "")
  if c and c >= 20 then return c end
  return 80
end

local SGR = { bold = "1", dim = "2", red = "31", green = "32", yellow = "33", blue = "34", cyan = "36" }
local function paint(style, s)
  if not term.color() then return s end
  return "\27[" .. SGR[style] .. "m" .. s .. "\27[0m"
end

-- Columns a code point takes: 2 for Hangul and other East Asian wide characters, 0 for
-- combining marks and controls, 1 otherwise.
local function cp_width(c)
  if c < 32 or (c >= 0x7f and c < 0xa0) then return 0 end
  if (c >= 0x0300 and c <= 0x036f) or (c >= 0x1160 and c <= 0x11ff) or (c >= 0x200b and c <= 0x200f)
     or (c >= 0x20d0 and c <= 0x20ff) or (c >= 0xfe00 and c <= 0xfe0f) or (c >= 0xd7b0 and c <= 0xd7ff) then
    return 0
  end
  if (c >= 0x1100 and c <= 0x115f) or (c >= 0x2e80 and c <= 0x303e) or (c >= 0x3041 and c <= 0x33ff)
     or (c >= 0x3400 and c <= 0x4dbf) or (c >= 0x4e00 and c <= 0x9fff) or (c >= 0xa000 and c <= 0xa4cf)
     or (c >= 0xa960 and c <= 0xa97f) or (c >= 0xac00 and c <= 0xd7a3) or (c >= 0xf900 and c <= 0xfaff)
     or (c >= 0xfe30 and c <= 0xfe4f) or (c >= 0xff00 and c <= 0xff60) or (c >= 0xffe0 and c <= 0xffe6)
     or (c >= 0x1f300 and c <= 0x1f64f) or (c >= 0x1f900 and c <= 0x1f9ff) or (c >= 0x20000 and c <= 0x3fffd) then
    return 2
  end
  return 1
end

-- The display width of a UTF-8 string (invalid bytes count one column each; escapes none).
function lesson.width(s)
  s = s:gsub("\27%[[%d;]*m", "")
  local w = 0
  for ch in s:gmatch("[\0-\x7f\xc2-\xfd]?[\x80-\xbf]*") do
    if ch ~= "" then
      local ok, c = pcall(utf8.codepoint, ch)
      w = w + (ok and cp_width(c) or #ch)
    end
  end
  return w
end
local width = lesson.width

-- Splits a word wider than n columns into pieces of at most n columns (whole characters).
local function split_word(word, n)
  local pieces, cur, cw = {}, {}, 0
  for ch in word:gmatch("[\0-\x7f\xc2-\xfd]?[\x80-\xbf]*") do
    if ch ~= "" then
      local w = width(ch)
      if cw + w > n and cw > 0 then
        pieces[#pieces + 1] = table.concat(cur)
        cur, cw = {}, 0
      end
      cur[#cur + 1] = ch
      cw = cw + w
    end
  end
  if #cur > 0 then pieces[#pieces + 1] = table.concat(cur) end
  return pieces
end

-- Fills words into lines of at most n columns; the first line starts with lead, the others with
-- an indent as wide as lead.
local function fill(words, n, lead)
  local indent = string.rep(" ", width(lead))
  local lines, cur, cw = {}, lead, width(lead)
  local empty = true
  for _, word in ipairs(words) do
    local w = width(word)
    local room = n - cw - (empty and 0 or 1)
    if w > room and not empty then
      lines[#lines + 1] = cur
      cur, cw, empty = indent, width(indent), true
      room = n - cw
    end
    if w > room then   -- a word longer than a whole line
      for k, piece in ipairs(split_word(word, math.max(1, n - cw))) do
        if k > 1 then lines[#lines + 1] = cur; cur, cw = indent, width(indent) end
        cur, cw = cur .. piece, cw + width(piece)
      end
      empty = false
    else
      cur = cur .. (empty and "" or " ") .. word
      cw = cw + w + (empty and 0 or 1)
      empty = false
    end
  end
  if not empty then lines[#lines + 1] = cur end
  return lines
end

-- Removes the indentation every non-blank line shares (lesson texts are indented in their file).
local function dedent(text)
  local min
  for line in (text .. "\n"):gmatch("(.-)\n") do
    if line:match("%S") then
      local ind = #line:match("^ *")
      if not min or ind < min then min = ind end
    end
  end
  if not min or min == 0 then return text end
  local out = {}
  for line in (text .. "\n"):gmatch("(.-)\n") do out[#out + 1] = line:sub(min + 1) end
  return table.concat(out, "\n")
end

-- Wraps a lesson text to n columns (see the format above): returns a list of lines.
function lesson.wrap(text, n)
  text = dedent((text or ""):gsub("\t", "    "):gsub("%s+$", ""))
  local lines, para = {}, nil
  local function flush()
    if para then
      for _, l in ipairs(fill(para.words, n, para.lead)) do lines[#lines + 1] = l end
      para = nil
    end
  end
  for line in (text .. "\n"):gmatch("(.-)\n") do
    if not line:match("%S") then
      flush()
      if #lines > 0 and lines[#lines] ~= "" then lines[#lines + 1] = "" end
    elseif para and para.lead ~= "" and #line:match("^ *") == #para.lead and line:match("^ *%S") then
      for word in line:gmatch("%S+") do para.words[#para.words + 1] = word end   -- a bullet goes on
    elseif line:match("^%s") then               -- kept as written: tables, formulas, code
      flush()
      lines[#lines + 1] = line
    else
      local bullet, rest = line:match("^([-*] )(.*)$")
      if not bullet then bullet, rest = line:match("^(%d+[.)] )(.*)$") end
      if bullet then flush(); para = { lead = bullet, words = {} }; line = rest end
      para = para or { lead = "", words = {} }
      for word in line:gmatch("%S+") do
        local words = para.words
        local last = words[#words]
        -- a `code span` is never broken across lines: words inside it stay together
        if last and para.open then words[#words] = last .. " " .. word
        else words[#words + 1] = word end
        local _, ticks = word:gsub("`", "")
        if ticks % 2 == 1 then para.open = not para.open end
      end
    end
  end
  flush()
  while lines[#lines] == "" do lines[#lines] = nil end
  return lines
end

-- `code` in texts: highlighted (without the backticks) where colour is on.
local function inline_code(s)
  if not term.color() then return s end
  return (s:gsub("`([^`\n]+)`", function(c) return paint("cyan", c) end))
end

local function text_width()
  return math.max(30, math.min(term.columns() - 1, 92))
end

local function out(...)
  io.stdout:write(...)
  io.stdout:flush()
end

local function say(s) out(s, "\n") end

local function say_text(text, style)
  for _, l in ipairs(lesson.wrap(text, text_width())) do
    say(style and paint(style, l) or inline_code(l))
  end
end

-- ---------------------------------------------------------------------------------------------
-- Finding lessons

local function file_exists(path)
  local f = io.open(path, "rb")
  if f then f:close() return true end
  return false
end


-- The folders searched, first wins for a file name: $LUNET_LESSONS (':'-separated), ./lessons,
-- the source tree's lessons/ and the installed ones. Tests may set lesson.dirs.
function lesson.search_dirs()
  if lesson.dirs then return lesson.dirs end
  local dirs = {}
  local env = os.getenv("LUNET_LESSONS")
  if env and env ~= "" then
    for d in env:gmatch("[^:]+") do dirs[#dirs + 1] = d end
  end
  dirs[#dirs + 1] = "lessons"
  local src = lunet.data and rawget(lunet.data, "_srcdir")
  if src then dirs[#dirs + 1] = src .. "/lessons" end
  dirs[#dirs + 1] = "/usr/local/share/lunet/lessons"
  dirs[#dirs + 1] = "/usr/share/lunet/lessons"
  return dirs
end

-- Every lesson file: a sorted list of {path, stem = "02_xor", number = 2, short = "xor"}.
function lesson.files()
  local found, seen, seen_dir = {}, {}, {}
  for _, dir in ipairs(lesson.search_dirs()) do
    local real, names = lunet._listdir(dir)
    if real and not seen_dir[real] then
      seen_dir[real] = true
      for _, name in ipairs(names) do
        local stem = name:match("^(.+)%.lua$")
        if stem and stem:match("^%d+_") and not seen[stem] then
          seen[stem] = true
          local num, short = stem:match("^(%d+)_(.+)$")
          found[#found + 1] = { path = dir .. "/" .. name, stem = stem, number = tonumber(num), short = short }
        end
      end
    end
  end
  table.sort(found, function(a, b)
    if a.number ~= b.number then return a.number < b.number end
    return a.stem < b.stem
  end)
  return found
end

-- NAME → the lesson file entry: a number (3), a file name without .lua ("03_xor"), a short
-- name ("xor") or a path to a .lua file. Returns nil and a message when there is none.
function lesson.resolve(name)
  if type(name) == "number" then name = tostring(math.tointeger(name) or name) end
  if type(name) ~= "string" or name == "" then
    return nil, "lesson.start: expected a lesson number, name or file, got " .. type(name)
  end
  if name:find("/", 1, true) or name:match("%.lua$") then
    if not file_exists(name) then return nil, tr("bad_file", name, "no such file") end
    local base = name:match("([^/]+)%.lua$") or name:match("[^/]+$")
    local num, short = base:match("^(%d+)_(.+)$")
    return { path = name, stem = base, number = tonumber(num), short = short or base }
  end
  local files = lesson.files()
  if #files == 0 then return nil, tr("no_lessons") end
  local want = name:lower()
  local num = tonumber(want:match("^%d+$") or "")
  for _, f in ipairs(files) do
    if (num and f.number == num) or f.stem:lower() == want or f.short:lower() == want then return f end
  end
  local names = {}
  for _, f in ipairs(files) do names[#names + 1] = f.number .. " " .. f.short end
  return nil, tr("unknown", name, table.concat(names, ", "))
end

-- Loads a lesson file: returns its table, checked for the fields the runner needs.
function lesson.load(entry)
  local chunk, err = loadfile(entry.path, "t")
  if not chunk then return nil, tr("bad_file", entry.path, err) end
  local ok, def = pcall(chunk)
  if not ok then return nil, tr("bad_file", entry.path, tostring(def)) end
  if type(def) ~= "table" or type(def.steps) ~= "table" or #def.steps == 0 then
    return nil, tr("bad_file", entry.path, "it must return a table with a non-empty steps list")
  end
  for i, s in ipairs(def.steps) do
    if type(s) ~= "table" then return nil, tr("bad_file", entry.path, "step " .. i .. " is not a table") end
    for _, field in ipairs { "code", "solution" } do
      if s[field] ~= nil and type(s[field]) ~= "string" then
        return nil, tr("bad_file", entry.path, ("step %d: %s must be a string of Lua code"):format(i, field))
      end
    end
    if s.check ~= nil and type(s.check) ~= "function" then
      return nil, tr("bad_file", entry.path, ("step %d: check must be a function"):format(i))
    end
  end
  def.name = def.name or entry.short
  return def
end

-- ---------------------------------------------------------------------------------------------
-- Progress: {[stem] = {step = n, passed = {i, ...}, finished = bool}}

-- lesson.progress_file, when set (tests do), is used instead.
function lesson.progress_path(getenv)
  if lesson.progress_file and not getenv then
    return lesson.progress_file, lesson.progress_file:match("^(.*)/[^/]*$")
  end
  getenv = getenv or os.getenv
  local dir = getenv("LUNET_HOME")
  if not dir or dir == "" then
    local xdg = getenv("XDG_DATA_HOME")
    if xdg and xdg ~= "" then dir = xdg .. "/lunet"
    else
      local home = getenv("HOME")
      if not home or home == "" then return nil end
      dir = home .. "/.local/share/lunet"
    end
  end
  return dir .. "/progress.lua", dir
end

local noted_corrupt = {}

-- Reads the progress file; a missing file is an empty record, a damaged one is ignored with a
-- note. The file is data: it runs with no globals and a bounded number of instructions.
function lesson.load_progress(path)
  path = path or lesson.progress_path()
  if not path then return {} end
  local f = io.open(path, "rb")
  if not f then return {} end
  local src = f:read("a") or ""
  f:close()
  local function bad(why)
    if not noted_corrupt[path] then
      noted_corrupt[path] = true
      say_text(tr("progress_bad", path, why), "yellow")
    end
    return {}
  end
  local chunk, err = load(src, "=progress", "t", {})
  if not chunk then return bad(err) end
  local co = coroutine.create(chunk)
  debug.sethook(co, function() error("too much work for a data file", 0) end, "", 100000)
  local ok, t = coroutine.resume(co)
  if not ok then return bad(tostring(t)) end
  if type(t) ~= "table" then return bad("it holds no table") end
  local clean = {}
  for k, v in pairs(t) do
    if type(k) == "string" and type(v) == "table" and math.type(v.step) == "integer" and v.step >= 1 then
      local passed = {}
      if type(v.passed) == "table" then
        for _, i in ipairs(v.passed) do if math.type(i) == "integer" then passed[#passed + 1] = i end end
      end
      clean[k] = { step = v.step, passed = passed, finished = v.finished == true }
    end
  end
  return clean
end

local function serialize(v, indent)
  local t = type(v)
  if t == "string" then return string.format("%q", v) end
  if t == "number" or t == "boolean" then return tostring(v) end
  if t ~= "table" then return "nil" end
  local keys = {}
  for k in pairs(v) do keys[#keys + 1] = k end
  table.sort(keys, function(a, b)
    if type(a) ~= type(b) then return type(a) < type(b) end
    return a < b
  end)
  local parts, inner = {}, indent .. "  "
  local n = #v
  for i = 1, n do parts[#parts + 1] = serialize(v[i], inner) end
  for _, k in ipairs(keys) do
    if not (math.type(k) == "integer" and k >= 1 and k <= n) then
      local key = type(k) == "string" and k:match("^[%a_][%w_]*$") and k or "[" .. serialize(k, inner) .. "]"
      parts[#parts + 1] = key .. " = " .. serialize(v[k], inner)
    end
  end
  if #parts == 0 then return "{}" end
  if indent == "" then
    return "{\n" .. inner .. table.concat(parts, ",\n" .. inner) .. ",\n}"
  end
  return "{ " .. table.concat(parts, ", ") .. " }"
end

-- Writes the whole record: a temporary file in the same folder, then a rename, so a crash
-- leaves the old file or the new one, never half of one. Returns true or nil, message.
function lesson.save_progress(record, path)
  local dir
  if not path then path, dir = lesson.progress_path() else dir = path:match("^(.*)/[^/]*$") end
  if not path then return nil, "no home folder" end
  if dir and dir ~= "" then lunet._mkdir_p(dir) end
  local tmp = path .. ".tmp" .. tostring(os.time()) .. tostring(math.random(1000000))
  local f, err = io.open(tmp, "wb")
  if not f then return nil, err end
  local ok, werr = f:write("-- lunet lesson progress (written by lunet; safe to delete)\nreturn ",
                           serialize(record, ""), "\n")
  local cok, cerr = f:close()
  if not ok or not cok then os.remove(tmp); return nil, werr or cerr end
  local rok, rerr = os.rename(tmp, path)
  if not rok then os.remove(tmp); return nil, rerr end
  return true
end

-- ---------------------------------------------------------------------------------------------
-- Running code as if it were typed at the prompt

-- Splits code into the pieces the prompt would read: each complete statement or expression
-- (several lines while unfinished). Returns {{src, expr = bool, first = line}} or nil, error.
function lesson.chunks(src)
  local lines = {}
  for l in (src .. "\n"):gmatch("(.-)\n") do lines[#lines + 1] = l end
  while #lines > 0 and not lines[#lines]:match("%S") do lines[#lines] = nil end
  local base = 0
  for _, l in ipairs(lines) do   -- code in a lesson file is indented like the file: undo that
    if l:match("%S") then
      local ind = #l:match("^ *")
      if base == 0 or ind < base then base = ind end
    end
  end
  for i, l in ipairs(lines) do lines[i] = l:sub(base + 1) end
  local pieces, i = {}, 1
  local function incomplete(err) return err and err:sub(-5) == "<eof>" end
  while i <= #lines do
    if not lines[i]:match("%S") then
      i = i + 1
    else
      local j, buf = i, lines[i]
      while true do
        local fr, rerr = load("return " .. buf, "=chunk", "t", {})
        if fr then pieces[#pieces + 1] = { src = buf, expr = true, first = i }; break end
        local fs, serr = load(buf, "=chunk", "t", {})
        if fs then pieces[#pieces + 1] = { src = buf, expr = false, first = i }; break end
        if (incomplete(rerr) or incomplete(serr)) and j < #lines then
          j = j + 1
          buf = buf .. "\n" .. lines[j]
        else
          return nil, ("line %d: %s"):format(j, serr)
        end
      end
      i = j + 1
    end
  end
  return pieces
end

local function error_text(e)
  if type(e) == "table" and e.check_failure then return pick(e.msg) end
  if type(e) ~= "string" then
    local mt = getmetatable(e)
    if mt and mt.__tostring then return tostring(e) end
    return "(error object is a " .. type(e) .. " value)"
  end
  return e
end

local function is_interrupt(e) return type(e) == "string" and e:find("interrupted!", 1, true) ~= nil end

-- The stand-ins for output while a resumed lesson quietly replays earlier steps.
local sink = setmetatable({}, { __index = function() return function(self) return self end end })

local function quietly(fn)
  local saved_print, saved_write, saved_stdout = print, io.write, io.stdout
  local plot = rawget(lunet, "plot")
  local saved_plot = {}
  _G.print = function() end
  io.write = function() return sink end
  io.stdout = sink
  if type(plot) == "table" then
    for k, v in pairs(plot) do
      -- a figure drawn in a replay is a sink too (plot.live's object: add, close... do nothing)
      if type(v) == "function" and k ~= "terminal" then saved_plot[k] = v; plot[k] = function() return sink end end
    end
  end
  local res = table.pack(pcall(fn))
  _G.print, io.write, io.stdout = saved_print, saved_write, saved_stdout
  for k, v in pairs(saved_plot) do plot[k] = v end
  return table.unpack(res, 1, res.n)
end

-- Applies a step's auto_replace edits (in --auto only).
local function auto_edit(code, step)
  if not lesson.auto_mode or type(step.auto_replace) ~= "table" then return code end
  local keys = {}
  for k in pairs(step.auto_replace) do keys[#keys + 1] = k end
  table.sort(keys)
  for _, from in ipairs(keys) do
    local at = code:find(from, 1, true)
    if not at then error("auto_replace: '" .. from .. "' does not occur in the step's code", 0) end
    local to = step.auto_replace[from]
    code = code:sub(1, at - 1) .. to .. code:sub(at + #from)
  end
  return code
end

-- Runs code in the student's globals, as the prompt would: echoes each piece after "> " (unless
-- quiet) and prints the values of expressions. Stops at the first error.
-- Returns true, or false and the error text.
function lesson.run_code(code, name, quiet)
  local pieces, perr = lesson.chunks(code)
  if not pieces then return false, name .. ": " .. perr end
  for _, p in ipairs(pieces) do
    if not quiet then
      local k = 0
      for line in (p.src .. "\n"):gmatch("(.-)\n") do
        k = k + 1
        say(paint("green", k == 1 and "> " or ">> ") .. paint("cyan", line))
      end
    end
    -- leading newlines keep the line numbers of error messages those of the step's code
    local src = string.rep("\n", p.first - 1) .. (p.expr and "return " or "") .. p.src
    local fn, err = load(src, "=" .. name, "t", _G)
    if not fn then return false, err end
    local res = table.pack(xpcall(fn, function(e)
      if lesson.auto_mode and type(e) == "string" then   -- the frames inside the step's code
        local tb = debug.traceback(e, 2)
        return (tb:gsub("\n%s*%[C%]: in function 'xpcall'.*$", ""))
      end
      return e
    end))
    if not res[1] then return false, error_text(res[2]), is_interrupt(res[2]) end
    if p.expr and res.n > 1 and not quiet then
      local show = rawget(lunet, "repl_print") or print
      show(table.unpack(res, 2, res.n))
    end
  end
  return true
end

-- ---------------------------------------------------------------------------------------------
-- Checks

local Fail = {}
local function check_fail(msg) error(setmetatable({ check_failure = true, msg = msg }, Fail), 0) end

local function shape_text(s) return table.concat(s, "x") end

local checker = {}
function checker.fail(msg) check_fail(msg) end
function checker.ok(cond, msg)
  if not cond then check_fail(msg or { ko = "조건이 맞지 않아요", en = "a condition does not hold" }) end
  return cond
end
function checker.defined(name)
  local v = rawget(_G, name)
  if v == nil then
    check_fail { ko = ("아직 %s 변수가 없어요."):format(name), en = ("There is no variable %s yet."):format(name) }
  end
  return v
end
function checker.tensor(name, shape)
  local v = checker.defined(name)
  local is_t = lunet.tensor and lunet.tensor.is_tensor and lunet.tensor.is_tensor(v)
  if not is_t then
    check_fail { ko = ("%s 변수는 텐서여야 하는데 지금은 %s 값이에요."):format(name, type(v)),
                 en = ("%s should be a tensor, but it is a %s."):format(name, type(v)) }
  end
  if shape then
    local got = v:shape()
    local same = #got == #shape
    for i = 1, #shape do same = same and got[i] == shape[i] end
    if not same then
      check_fail { ko = ("%s 변수의 모양이 맞지 않아요 (기대한 모양 %s, 지금 모양 %s)."):format(name, shape_text(shape), shape_text(got)),
                   en = ("%s should have shape %s, but it has %s."):format(name, shape_text(shape), shape_text(got)) }
    end
  end
  return v
end
function checker.number(name)
  local v = checker.defined(name)
  if type(v) ~= "number" then
    check_fail { ko = ("%s 변수는 숫자여야 하는데 지금은 %s 값이에요."):format(name, type(v)),
                 en = ("%s should be a number, but it is a %s."):format(name, type(v)) }
  end
  return v
end
function checker.near(got, want, tol, what)
  tol = tol or 1e-4
  if type(got) ~= "number" or math.abs(got - want) > tol then
    local g = type(got) == "number" and ("%.6g"):format(got) or tostring(got)
    what = what or "value"
    check_fail { ko = ("%s의 값이 맞지 않아요 (기대한 값 %.6g, 지금 값 %s)."):format(pick(what), want, g),
                 en = ("%s should be %.6g, but it is %s."):format(pick(what), want, g) }
  end
  return got
end
lesson.checker = checker

-- Runs a step's check: true, or false and the reason, and whether the check itself broke.
function lesson.run_check(step)
  if not step.check then return true end
  local res = table.pack(pcall(step.check, checker))
  if not res[1] then
    local e = res[2]
    if type(e) == "table" and e.check_failure then return false, pick(e.msg), false end
    return false, error_text(e), true
  end
  if res[2] == false then
    return false, pick(res[3]) or pick { ko = "아직 조건을 만족하지 않아요", en = "the check did not pass" }, false
  end
  return true
end

-- ---------------------------------------------------------------------------------------------
-- A running lesson

local active          -- {def, entry, i, passed = {[i] = true}, hints, skip_warned}
local saved_globals   -- what the navigation globals were before the lesson

local function record_progress(finished)
  if not active or lesson.auto_mode then return end
  local rec = lesson.load_progress()
  local passed = {}
  for i in pairs(active.passed) do passed[#passed + 1] = i end
  table.sort(passed)
  local before = rec[active.entry.stem]
  -- finished stays true once the lesson was done: reviewing it later does not undo that
  rec[active.entry.stem] = { step = active.i, passed = passed, finished = finished or (before and before.finished) or false }
  local ok, err = lesson.save_progress(rec)
  if not ok and not active.save_warned then
    active.save_warned = true
    say_text(tr("progress_write", tostring(err)), "yellow")
  end
end

local function step_title(def, i)
  return pick(def.steps[i].title) or ""
end

local function show_title(def, i)
  local head = "[" .. tr("steps_of", i, #def.steps) .. "] " .. step_title(def, i)
  say("")
  say(paint("bold", head))
  say(paint("dim", string.rep("-", math.min(width(head), text_width()))))
end

local function is_task(step) return step.task ~= nil end

-- Shows step i and runs its code. Returns true when the code ran (or there was none).
local function show_step_body(i)
  local def = active.def
  local step = def.steps[i]
  active.i, active.hints, active.skip_warned = i, 0, false
  show_title(def, i)
  if step.text then say_text(pick(step.text)) end
  local ok, err, interrupted = true, nil, false
  if step.code then
    say("")
    ok, err, interrupted = lesson.run_code(step.code, tr("chunk", i))
    if not ok then
      if interrupted then
        say_text(tr("interrupted"), "yellow")
      else
        say_text(tr("code_error", err), "red")
        say_text(tr("code_error_more"), "yellow")
      end
    end
  end
  if ok and step.check and not is_task(step) then
    local pass, why = lesson.run_check(step)
    if pass then active.passed[i] = true
    else say_text(tr("selfcheck_bad", why), "yellow") end
  end
  if is_task(step) then
    say("")
    local lead = tr("task") .. " "
    for k, l in ipairs(lesson.wrap(pick(step.task), text_width() - width(lead))) do
      say((k == 1 and paint("bold", lead) or string.rep(" ", width(lead))) .. inline_code(l))
    end
    say(string.rep(" ", width(lead)) .. paint("dim", tr("task_how")))
  end
  say("")
  say_text(is_task(step) and tr("nav") or tr("nav_short"), "dim")
  record_progress(false)
  return ok
end

-- Ctrl-C may land anywhere in a step, also while its text or code is being printed: the
-- lesson says so and goes on, whatever it interrupted.
local function show_step(i)
  local ok, res = pcall(show_step_body, i)
  if ok then return res end
  if not is_interrupt(res) then error(res, 0) end
  say("")
  say_text(tr("interrupted"), "yellow")
  return false
end

local function restore_globals()
  if not saved_globals then return end
  for _, name in ipairs(NAV) do rawset(_G, name, saved_globals[name]) end
  saved_globals = nil
end

local function finish()
  local def, entry = active.def, active.entry
  record_progress(true)
  say("")
  say_text(tr("finished", pick(def.title) or entry.stem), "bold")
  local files = lesson.files()
  for k, f in ipairs(files) do
    if f.stem == entry.stem and files[k + 1] then say(tr("next_lesson", files[k + 1].number)) end
  end
  say(tr("all_done"))
  active = nil
  restore_globals()
end

function lesson.next()
  if not active then return say(tr("not_active")) end
  local step = active.def.steps[active.i]
  if is_task(step) and not active.passed[active.i] and not active.skip_warned then
    active.skip_warned = true
    return say_text(tr("skip_warn"), "yellow")
  end
  if active.i >= #active.def.steps then return finish() end
  show_step(active.i + 1)
end

function lesson.back()
  if not active then return say(tr("not_active")) end
  if active.i <= 1 then say(tr("first")) return show_step(1) end
  show_step(active.i - 1)
end

function lesson.again()
  if not active then return say(tr("not_active")) end
  show_step(active.i)
end

function lesson.hint()
  if not active then return say(tr("not_active")) end
  local step = active.def.steps[active.i]
  active.hints = active.hints + 1
  if active.hints == 1 and step.hint then
    say_text(pick(step.hint))
    if step.solution then say_text(tr("hint_more"), "dim") end
  elseif step.solution then
    say(tr("solution"))
    local pieces = lesson.chunks(step.solution) or {}
    for _, p in ipairs(pieces) do
      local k = 0
      for line in (p.src .. "\n"):gmatch("(.-)\n") do
        k = k + 1
        say("  " .. paint("cyan", line))
      end
    end
  elseif step.hint then
    say_text(pick(step.hint))
  else
    say(tr("hint_none"))
  end
end

function lesson.check()
  if not active then return say(tr("not_active")) end
  local i = active.i
  local step = active.def.steps[i]
  if not step.check then return say(tr("check_none")) end
  local pass, why, broke = lesson.run_check(step)
  if pass then
    active.passed[i] = true
    say_text(tr("check_ok"), "green")
    record_progress(false)
  elseif broke then
    say_text(tr("check_error", why), "red")
  else
    say_text(tr("check_bad", why), "yellow")
  end
end

function lesson.quit()
  if not active then return say(tr("not_active")) end
  record_progress(false)
  local num = active.entry.number or string.format("%q", active.entry.path)
  active = nil
  restore_globals()
  say(tr("quit", num))
end

-- The navigation globals: callable tables, so that typing `n` without parentheses says how to
-- use it instead of printing a function address. next stays Lua's next when given arguments.
local function nav_value(name, fn)
  return setmetatable({}, {
    __call = function(_, ...) return fn(...) end,
    __tostring = function() return tr("nav_usage", tr("nav_" .. name), name) end,
    __name = "lesson." .. name,
  })
end

local function install_globals()
  if not saved_globals then
    saved_globals = {}
    for _, name in ipairs(NAV) do saved_globals[name] = rawget(_G, name) end
  end
  local lua_next = saved_globals.next or builtin_next
  rawset(_G, "next", function(...)
    if select("#", ...) > 0 then return lua_next(...) end
    return lesson.next()
  end)
  rawset(_G, "n", nav_value("n", lesson.next))
  rawset(_G, "back", nav_value("back", lesson.back))
  rawset(_G, "b", nav_value("b", lesson.back))
  rawset(_G, "again", nav_value("again", lesson.again))
  rawset(_G, "hint", nav_value("hint", lesson.hint))
  rawset(_G, "check", nav_value("check", lesson.check))
  rawset(_G, "quit", nav_value("quit", lesson.quit))
end

-- Runs the code (and solutions) of steps 1..upto-1 without showing anything, so that a resumed
-- lesson has the variables its later steps use.
local function replay(def, upto)
  if upto <= 1 then return end
  say(paint("dim", tr("replaying")))
  for i = 1, upto - 1 do
    local step = def.steps[i]
    if step.replay ~= false then
      for _, code in ipairs { step.code or false, (is_task(step) and step.solution) or false } do
        if code then
          local ok, a, b, stopped = quietly(function() return lesson.run_code(code, tr("chunk", i), true) end)
          local err = not ok and a or (a == false and b) or nil
          if stopped or is_interrupt(err) then return say_text(tr("interrupted"), "yellow") end
          -- a failed step is said, and the replay goes on: later steps may not need it
          if err then say_text(tr("replay_failed", i, error_text(err)), "yellow") end
        end
      end
    end
  end
end

-- lesson.start(NAME [, step]): starts a lesson at the prompt; without a step it resumes where
-- the student stopped last time.
function lesson.start(name, at)
  if name == nil then return lesson.list() end
  local entry, err = lesson.resolve(name)
  if not entry then error(err, 2) end
  local def, lerr = lesson.load(entry)
  if not def then error(lerr, 2) end
  if active then record_progress(false) end
  active = { def = def, entry = entry, i = 1, passed = {}, hints = 0 }
  install_globals()
  local rec = lesson.load_progress()[entry.stem]
  local start_at, resumed = 1, false
  if at ~= nil then
    start_at = math.tointeger(at) or 1
  elseif rec and rec.step > 1 and not (rec.finished and rec.step >= #def.steps) then
    start_at, resumed = rec.step, true
  end
  start_at = math.max(1, math.min(start_at, #def.steps))
  if rec and start_at > 1 then
    for _, i in ipairs(rec.passed) do active.passed[i] = true end
  end
  say("")
  say(paint("bold", "== " .. (pick(def.title) or entry.stem) .. " =="))
  if resumed then say_text(tr("resume", rec.step, entry.number or string.format("%q", entry.path)), "dim") end
  if def.intro and start_at == 1 then say_text(pick(def.intro)) end
  replay(def, start_at)
  show_step(start_at)
end

-- The lesson running now (its entry and step), or nil.
function lesson.current()
  if not active then return nil end
  return { stem = active.entry.stem, step = active.i, steps = #active.def.steps, title = pick(active.def.title) }
end

-- ---------------------------------------------------------------------------------------------
-- --auto: every step, unattended

-- Runs every step of a lesson: code, then the solution of an exercise, then its check. Prints each
-- step's title and output; stops at the first failure. Returns true, or false and a message
-- naming the step.
function lesson.run_auto(name)
  local entry, err = lesson.resolve(name)
  if not entry then return false, err end
  local def, lerr = lesson.load(entry)
  if not def then return false, lerr end
  local plot = rawget(lunet, "plot")
  local env_term = os.getenv("LUNET_PLOT_TERM")
  if plot and plot.terminal and (not env_term or env_term == "" or env_term == "auto") and plot.terminal() == "auto" then
    plot.terminal("dumb")          -- never a window: nobody is there to close it
  end
  local was_auto = lesson.auto_mode
  lesson.auto_mode = true
  say(paint("bold", "== " .. entry.stem .. ": " .. (pick(def.title) or "") .. " =="))
  local function step_fail(i, why)
    return ("step %d/%d \"%s\": %s"):format(i, #def.steps, step_title(def, i), why)
  end
  local failure
  for i, step in ipairs(def.steps) do
    say("")
    say(paint("bold", tr("auto_step", i, #def.steps, step_title(def, i))))
    if step.text then say_text(pick(step.text)) end
    if is_task(step) then say_text(tr("task") .. " " .. pick(step.task)) end
    for _, field in ipairs { "code", "solution" } do
      local code = step[field]
      if code and (field == "code" or is_task(step)) then
        say(field == "solution" and paint("dim", tr("auto_solution")) or "")
        local eok, edited = pcall(auto_edit, code, step)
        if not eok then failure = step_fail(i, edited) break end
        local ok, cerr = lesson.run_code(edited, "step " .. i)
        if not ok then failure = step_fail(i, cerr) break end
      end
    end
    if failure then break end
    if is_task(step) and not step.solution then
      failure = step_fail(i, "an exercise needs a solution for --auto")
      break
    end
    local pass, why = lesson.run_check(step)
    if not pass then failure = step_fail(i, "check failed: " .. tostring(why)) break end
  end
  lesson.auto_mode = was_auto
  if failure then
    say("FAIL: lesson " .. entry.stem .. " " .. failure)
    return false, failure
  end
  say("PASS: lesson " .. entry.stem .. " (" .. #def.steps .. " steps)")
  return true
end

-- `lunet --lesson NAME [--auto] [--lang ko|en]` lands here (src/main.c). Returns true on
-- success, false for exit status 1.
function lesson.cli(o)
  o = o or {}
  if o.lang then lunet.lang = o.lang end
  if o.auto then
    local ok, err = lesson.run_auto(o.name)
    if not ok and err and not err:match("^step ") then io.stderr:write("lunet: ", err, "\n") end
    return ok
  end
  local ok, err = pcall(lesson.start, o.name)
  if not ok then
    io.stderr:write("lunet: ", error_text(err), "\n")
    return false
  end
  return true
end

-- ---------------------------------------------------------------------------------------------
-- The list and the greeting

-- The lessons with their titles and the student's progress: a list of entries.
function lesson.catalog()
  local files = lesson.files()
  local progress = lesson.load_progress()
  for _, f in ipairs(files) do
    local def = lesson.load(f)
    f.title = def and pick(def.title) or f.short
    f.steps = def and #def.steps or 0
    f.progress = progress[f.stem]
  end
  return files
end

function lesson.list()
  local cat = lesson.catalog()
  if #cat == 0 then return say(tr("no_lessons")) end
  say(tr("list_head"))
  for _, f in ipairs(cat) do
    local mark = ""
    if f.progress then
      mark = f.progress.finished and paint("green", "  ✓ " .. tr("done_mark"))
             or paint("dim", "  (" .. tr("at_mark", f.progress.step) .. ")")
    end
    say(("  %2d  %s %s%s"):format(f.number, f.title, paint("dim", "[" .. f.short .. "]"), mark))
  end
  say(tr("list_how"))
end

-- The greeting of `lunet` with no arguments (called by src/repl.c).
function lunet.repl_greet()
  say(paint("bold", tr("greet", tostring(rawget(lunet, "version") or ""))))
  say("")
  lesson.list()
  say(tr("greet_end"))
end

return lesson
