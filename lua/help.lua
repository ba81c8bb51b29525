-- help.lua — help(x): the documentation of every function, module and object of lunet, in the
-- language of lunet.lang ("en" or "ko"; by default from the locale).
--
-- What is documented, and how topics hang together (signatures, examples, "see also", the
-- members of each module), is in lua/help_topics.lua; the words are in lua/help_en.lua and
-- lua/help_ko.lua, loaded the first time a language is used. This file finds the topic for
-- whatever help is given and lays the text out:
--   * a function  -> its name, found by identity in a reverse index built by walking the lunet
--                    tables and the methods of tensors, models, layers and optimizers (built at
--                    the first use, and again whenever a function is not found, since modules
--                    such as the lessons are added later and users replace functions);
--   * a module    -> its overview: every member with its one-line summary;
--   * a tensor, model, layer or optimizer -> the doc of its type, then what this one is;
--   * a string    -> a topic by name ("tensor.reshape", "reshape", "t:reshape", "Dense",
--                    "nn.Dense", "fit"), else a global variable by that name, else close matches;
--   * nothing     -> the list of topics.
-- Whatever it is given, help prints something useful and never raises.
-- who() and timeit() live in lua/who.lua and lua/timeit.lua, loaded from here.
local lunet = ...

local M = {}                                 -- lunet._help: the parts tests and lessons use
lunet._help = M

---------------------------------------------------------------------------------------------
-- Language

-- The locale's language: the first of LC_ALL, LC_MESSAGES, LANG that is set decides; "ko..." is
-- Korean, anything else English. getenv is os.getenv unless a test passes its own.
local function locale_lang(getenv)
  getenv = getenv or os.getenv
  for _, var in ipairs { "LC_ALL", "LC_MESSAGES", "LANG" } do
    local v = getenv(var)
    if v and v ~= "" then return v:sub(1, 2):lower() == "ko" and "ko" or "en" end
  end
  return "en"
end
M.locale_lang = locale_lang

-- The language to use: an explicit choice, else lunet.lang (set by --lang), else the locale.
function M.lang(explicit)
  local l = explicit or rawget(lunet, "lang") or locale_lang()
  return type(l) == "string" and l:sub(1, 2):lower() == "ko" and "ko" or "en"
end

local texts_cache = {}
function M.texts(lang)
  lang = M.lang(lang)
  if not texts_cache[lang] then texts_cache[lang] = lunet._load("help_" .. lang) end
  return texts_cache[lang]
end

local function ui(lang, key, ...)
  local s = M.texts(lang)._ui[key] or M.texts("en")._ui[key] or key
  if select("#", ...) > 0 then return s:format(...) end
  return s
end

-- The text `key` for a count n: `key_one` where the language has a singular form for 1.
function M.counted(lang, key, n)
  local T = M.texts(lang)._ui
  return (n == 1 and T[key .. "_one"]) or T[key] or M.texts("en")._ui[key]
end

---------------------------------------------------------------------------------------------
-- Text layout: display width (Hangul takes two columns) and word wrapping

local function is_wide(c)
  return (c >= 0x1100 and c <= 0x115F) or (c >= 0x2E80 and c <= 0xA4CF) or (c >= 0xAC00 and c <= 0xD7A3)
      or (c >= 0xF900 and c <= 0xFAFF) or (c >= 0xFE30 and c <= 0xFE4F) or (c >= 0xFF00 and c <= 0xFF60)
      or (c >= 0xFFE0 and c <= 0xFFE6)
end

local function width(s)
  local ok, w = pcall(function()
    local n = 0
    for _, c in utf8.codes(s) do n = n + (is_wide(c) and 2 or 1) end
    return n
  end)
  return ok and w or #s
end
M.width = width

local function pad(s, w) return s .. string.rep(" ", w - width(s)) end
M.pad = pad

local WRAP = 78

-- Wraps a paragraph into lines of at most `w` columns after `indent`; blank lines in the text
-- separate paragraphs, and lines starting with spaces (code, lists) are kept as they are.
local function wrap(text, indent, w)
  w = w or WRAP
  local out = {}
  local function para(words)
    local line = ""
    for _, word in ipairs(words) do
      if line == "" then
        line = word
      elseif width(indent) + width(line) + 1 + width(word) > w then
        out[#out + 1] = indent .. line
        line = word
      else
        line = line .. " " .. word
      end
    end
    if line ~= "" then out[#out + 1] = indent .. line end
  end
  local words = {}
  for raw in (text .. "\n"):gmatch("(.-)\n") do
    if raw:match("^%s*$") then
      para(words); words = {}
      if #out > 0 and out[#out] ~= "" then out[#out + 1] = "" end
    elseif raw:match("^ ") then
      para(words); words = {}
      out[#out + 1] = indent .. raw
    else
      for word in raw:gmatch("%S+") do words[#words + 1] = word end
    end
  end
  para(words)
  while out[#out] == "" do out[#out] = nil end
  return table.concat(out, "\n")
end
M.wrap = wrap

---------------------------------------------------------------------------------------------
-- Topics by name

-- The topics and the names they answer to are read and indexed on first use, not at start-up:
-- lunet starts in a few milliseconds, and most sessions never ask for help.
local entries, order            -- canonical name -> entry; the entries in their order
local exact, short              -- key -> entries named so exactly / by a short form
local by_key, lower_key         -- key (or lower-cased key) -> entries, exact names first
local all_keys                  -- every key, sorted (for completion and suggestions)

-- The names a topic answers to, best first: its own, its aliases, then short forms —
-- "tensor:reshape" also answers to "reshape", "tensor.reshape" and "t:reshape"; "nn.losses.mse"
-- to "losses.mse" and "mse"; "model:fit" to "fit", "model.fit" and "nn.Sequential:fit".
local OWNER_FORMS = {
  tensor = { "t", "x" }, model = { "Sequential", "nn.Sequential", "m" }, layer = { "l" },
  optimizer = { "opt", "optim" }, live = { "plot.live" },
}
local function short_forms(name)
  local forms = {}
  local owner, method = name:match("^([%w_%.]+):([%w_]+)$")
  if owner then
    forms[#forms + 1] = method
    forms[#forms + 1] = owner .. "." .. method
    for _, o in ipairs(OWNER_FORMS[owner] or {}) do
      forms[#forms + 1] = o .. ":" .. method
      forms[#forms + 1] = o .. "." .. method
    end
  else
    local rest = name
    while true do
      rest = rest:match("^[^%.]+%.(.+)$")
      if not rest then break end
      forms[#forms + 1] = rest
    end
  end
  return forms
end

local function add_key(map, key, e)
  local list = map[key]
  if not list then list = {}; map[key] = list end
  for _, x in ipairs(list) do if x == e then return end end
  list[#list + 1] = e
end

local function build()
  entries, order, exact, short = {}, {}, {}, {}
  for i, e in ipairs(lunet._load("help_topics")) do
    e.rank = i
    entries[e.name] = e
    order[#order + 1] = e
  end
  for _, e in ipairs(order) do
    add_key(exact, e.name, e)
    for _, a in ipairs(e.also or {}) do add_key(exact, a, e) end
  end
  for _, e in ipairs(order) do
    local names = { e.name }
    for _, a in ipairs(e.also or {}) do names[#names + 1] = a end
    for _, n in ipairs(names) do
      for _, f in ipairs(short_forms(n)) do
        if not exact[f] then add_key(short, f, e) end
      end
    end
  end
  by_key = {}
  for key, list in pairs(exact) do by_key[key] = list end
  for key, list in pairs(short) do by_key[key] = by_key[key] or list end
  lower_key = {}
  for key, list in pairs(by_key) do
    local l = key:lower()
    lower_key[l] = lower_key[l] or {}
    for _, e in ipairs(list) do
      local seen = false
      for _, x in ipairs(lower_key[l]) do if x == e then seen = true end end
      if not seen then lower_key[l][#lower_key[l] + 1] = e end
    end
  end
  for _, list in pairs(lower_key) do table.sort(list, function(a, b) return a.rank < b.rank end) end
  all_keys = {}
  for key in pairs(by_key) do all_keys[#all_keys + 1] = key end
  table.sort(all_keys)
end

local function ensure()
  if not entries then build() end
end

-- The topic tables, for tests and for the lessons: M.entries, M.order, M.keys.
setmetatable(M, { __index = function(_, k)
  if k == "entries" or k == "order" or k == "keys" then
    ensure()
    return ({ entries = entries, order = order, keys = all_keys })[k]
  end
end })

local function lookup(key)
  ensure()
  local list = by_key[key]
  if list and #list > 0 then return list end
  list = lower_key[key:lower()]
  if list and #list > 0 then return list end
  return nil
end
M.lookup = lookup

---------------------------------------------------------------------------------------------
-- Functions and tables by identity

local STD_LIBS = { "string", "table", "math", "io", "os", "coroutine", "utf8", "debug" }
local std_name = {}                 -- Lua's own functions and libraries -> "string.format"
for k, v in pairs(_G) do
  if type(v) == "function" then std_name[v] = k end
end
for _, lib in ipairs(STD_LIBS) do
  local t = rawget(_G, lib)
  if type(t) == "table" then
    std_name[t] = lib
    for k, v in pairs(t) do
      if type(v) == "function" and not std_name[v] then std_name[v] = lib .. "." .. k end
    end
  end
end
M.std_name = std_name

local value_name = {}   -- function or table -> canonical topic name (or a path, if undocumented)

-- The documented name for `path` ("tensor.dot" -> "tensor.matmul"), or the path itself.
local function canonical(path)
  ensure()
  local list = exact[path]
  if list and list[1] then return list[1].name end
  return path
end

local function record(v, path)
  if std_name[v] then return end   -- Lua's own next/print are never lunet topics
  local name = canonical(path)
  local old = value_name[v]
  if old == nil or (not entries[old] and entries[name]) then value_name[v] = name end
end

local MODULES = { "tensor", "autograd", "nn", "optim", "data", "metrics", "plot", "lesson" }
local METATABLES = { ["lunet.model"] = "model", ["lunet.layer"] = "layer", ["lunet.optimizer"] = "optimizer" }

local function walk_table(t, prefix, sep, depth)
  for k, v in pairs(t) do
    if type(k) == "string" and k:sub(1, 1) ~= "_" then
      local path = prefix .. sep .. k
      if type(v) == "function" then
        record(v, path)
      elseif type(v) == "table" and depth > 0 and not std_name[v] then
        if not value_name[v] then record(v, path) end
        if k ~= "methods" then walk_table(v, path, ".", depth - 1) end
      end
    end
  end
end

function M.reindex()
  ensure()
  for _, name in ipairs(MODULES) do
    local mod = rawget(lunet, name)
    if type(mod) == "table" then
      value_name[mod] = name
      walk_table(mod, name, ".", 2)
    end
  end
  local tensor = rawget(lunet, "tensor")
  local methods = type(tensor) == "table" and rawget(tensor, "methods")
  if type(methods) == "table" then
    value_name[methods] = "tensor"
    walk_table(methods, "tensor", ":", 0)
  end
  local reg = debug.getregistry()
  for regname, owner in pairs(METATABLES) do
    local mt = reg[regname]
    local ms = type(mt) == "table" and rawget(mt, "methods")
    if type(ms) == "table" then walk_table(ms, owner, ":", 0) end
  end
  local model_methods = type(rawget(lunet, "nn")) == "table" and rawget(lunet.nn, "_model_methods")
  if type(model_methods) == "table" then walk_table(model_methods, "model", ":", 0) end
  for k, v in pairs(lunet) do
    if type(k) == "string" and type(v) == "function" and k:sub(1, 1) ~= "_" and not k:match("^repl_") then
      record(v, k)
    end
  end
  -- functions a lesson puts in the globals (next, hint, ...) under their documented names
  for k, v in pairs(_G) do
    if type(k) == "string" and type(v) == "function" and not value_name[v] then
      local list = exact[k]
      if list and list[1] then record(v, list[1].name) end
    end
  end
  value_name[lunet] = "lunet"
end

-- The topic name of a function or table, looking again when it is not known yet.
function M.name_of(v)
  local n = value_name[v]
  if n == nil then
    M.reindex()
    n = value_name[v]
  end
  return n
end

-- Whether v is one of lunet's own values (functions, modules): who() leaves those out.
function M.is_lunet_value(v)
  if type(v) ~= "function" and type(v) ~= "table" then return false end
  ensure()
  local tname = M.mt_name and M.mt_name(v)
  if type(tname) == "string" and exact[tname] then return true end
  return M.name_of(v) ~= nil
end

---------------------------------------------------------------------------------------------
-- Rendering one topic

-- How a topic is listed in an overview: methods with a typical receiver ("t:reshape").
local RECEIVER = { tensor = "t", model = "model", layer = "layer", optimizer = "opt", live = "live" }
function M.label(e)
  if e.label then return e.label end
  local owner, method = e.name:match("^([%w_]+):([%w_]+)$")
  if owner then return (RECEIVER[owner] or owner) .. ":" .. method end
  return e.name
end

local function text_of(e, lang)
  local T = M.texts(lang)
  return T[e.name] or M.texts("en")[e.name] or {}
end

local function summary(e, lang)
  local t = text_of(e, lang)
  return t[1] or ""
end
M.summary = summary

-- An example's lines, indented, with its comments in the language (the code is the same in
-- every language; help_ko.lua's _comments translates the English comments).
local function example_lines(e, lang, out)
  local comments = M.texts(lang)._comments or {}
  for line in (e.ex .. "\n"):gmatch("(.-)\n") do
    local code, comment = line:match("^(.-%-%- )(.*)$")
    if code and not line:find("-->", 1, true) and comments[comment] then
      line = code .. comments[comment]
    end
    out[#out + 1] = "  " .. line
  end
end
M.example_lines = example_lines

-- The documentation of one topic as text.
function M.render(e, lang)
  ensure()
  lang = M.lang(lang)
  if e.module then return M.render_module(e, lang) end
  local t = text_of(e, lang)
  local out = {}
  local sig = e.sig or { e.name }
  local title = table.concat(sig, "    ")
  if width(title) > WRAP then title = table.concat(sig, "\n") end
  local w = 0
  for line in title:gmatch("[^\n]+") do w = math.max(w, width(line)) end
  out[#out + 1] = title
  out[#out + 1] = string.rep("─", math.min(WRAP, w))
  local para = (t[1] or "") .. (t[2] and (" " .. t[2]) or "")
  if para ~= "" then out[#out + 1] = wrap(para, "  ") end
  if t.args and #t.args > 0 then
    out[#out + 1] = ""
    out[#out + 1] = ui(lang, "args")
    local aw = 0   -- the width of the names column
    for i = 1, #t.args, 2 do aw = math.max(aw, width(t.args[i])) end
    aw = math.min(aw, 22)
    for i = 1, #t.args, 2 do
      local name, desc = t.args[i], t.args[i + 1] or ""
      if width(name) > aw then
        out[#out + 1] = "  " .. name
        out[#out + 1] = wrap(desc, string.rep(" ", aw + 5))
      else
        local body = wrap(desc, string.rep(" ", aw + 5))
        out[#out + 1] = "  " .. pad(name, aw) .. "   " .. body:sub(aw + 6)
      end
    end
  end
  if t.ret then
    out[#out + 1] = ""
    out[#out + 1] = ui(lang, "returns")
    out[#out + 1] = wrap(t.ret, "  ")
  end
  if t.note then
    out[#out + 1] = ""
    out[#out + 1] = wrap(t.note, "  ")
  end
  if e.ex then
    out[#out + 1] = ""
    out[#out + 1] = ui(lang, "example")
    example_lines(e, lang, out)
  end
  if e.see and #e.see > 0 then
    out[#out + 1] = ""
    out[#out + 1] = ui(lang, "see") .. " " .. table.concat(e.see, ", ")
  end
  return table.concat(out, "\n")
end

-- A module's overview: what it is for, then its members in groups, one line each.
function M.render_module(e, lang)
  ensure()
  lang = M.lang(lang)
  local t = text_of(e, lang)
  local T = M.texts(lang)
  local out = {}
  local title = e.sig and table.concat(e.sig, "    ") or e.name
  out[#out + 1] = title
  out[#out + 1] = string.rep("─", math.min(WRAP, width(title)))
  local para = (t[1] or "") .. (t[2] and (" " .. t[2]) or "")
  if para ~= "" then out[#out + 1] = wrap(para, "  ") end
  for _, g in ipairs(e.groups or {}) do
    local gname, members = g[1], g[2]
    out[#out + 1] = ""
    out[#out + 1] = (T._groups and T._groups[gname]) or M.texts("en")._groups[gname] or gname
    local rows, w = {}, 0
    for _, m in ipairs(members) do
      local me = entries[m]
      local label = me and M.label(me) or m
      rows[#rows + 1] = { label, me and summary(me, lang) or "" }
      w = math.max(w, width(label))
    end
    w = math.min(w, 28)
    for _, r in ipairs(rows) do
      if width(r[1]) > w then
        out[#out + 1] = "  " .. r[1]
        out[#out + 1] = wrap(r[2], string.rep(" ", w + 4))
      else
        local body = wrap(r[2], string.rep(" ", w + 4))
        out[#out + 1] = "  " .. pad(r[1], w) .. "  " .. body:sub(w + 5)
      end
    end
  end
  if e.ex then
    out[#out + 1] = ""
    out[#out + 1] = ui(lang, "example")
    example_lines(e, lang, out)
  end
  if e.see and #e.see > 0 then
    out[#out + 1] = ""
    out[#out + 1] = ui(lang, "see") .. " " .. table.concat(e.see, ", ")
  end
  if e.more then
    out[#out + 1] = ""
    -- ?x works where x is an expression; a method ("model:fit") is asked for by name
    if e.more:find(":", 1, true) then
      out[#out + 1] = ui(lang, "more_name", e.more)
    else
      out[#out + 1] = ui(lang, "more", e.more, e.more)
    end
  end
  return table.concat(out, "\n")
end

-- help(): the list of topics.
function M.topics(lang)
  ensure()
  lang = M.lang(lang)
  local e = entries["lunet"]
  return M.render_module(e, lang) .. "\n\n" .. ui(lang, "usage")
end

---------------------------------------------------------------------------------------------
-- Suggestions for names that are not topics

-- Edit distance with transpositions (optimal string alignment), stopping early past `limit`.
local function distance(a, b, limit)
  local la, lb = #a, #b
  if math.abs(la - lb) > limit then return limit + 1 end
  local prev2, prev, cur = {}, {}, {}
  for j = 0, lb do prev[j] = j end
  for i = 1, la do
    cur = { [0] = i }
    local best = i
    for j = 1, lb do
      local cost = a:byte(i) == b:byte(j) and 0 or 1
      local v = math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
      if i > 1 and j > 1 and a:byte(i) == b:byte(j - 1) and a:byte(i - 1) == b:byte(j) then
        v = math.min(v, prev2[j - 2] + 1)
      end
      cur[j] = v
      if v < best then best = v end
    end
    if best > limit then return limit + 1 end
    prev2, prev = prev, cur
  end
  return prev[lb]
end
M.distance = distance

-- Up to `max` topic names close to q: small edit distance to a name or to its last part, or
-- names that start with q.
function M.suggest(q, max)
  ensure()
  max = max or 5
  local ql = q:lower():gsub("%(%)$", "")
  -- the allowance grows with the word typed last: "tensor.zero" may miss "zeros" by one, not three
  local word = ql:match("([^%.:]*)$")
  local limit = #word <= 3 and 1 or (#word <= 6 and 2 or 3)
  local best = {}   -- entry -> {shown, score}
  for _, key in ipairs(all_keys) do
    local kl = key:lower()
    local d = distance(ql, kl, limit)
    -- 0, 10: one slip away; 15: starts with q; 20, 30: further off; 40: contains q. Forms such as
    -- "Sequential:add" count for typos only, not as prefixes or substrings.
    local plain = not (short[key] and key:find("[%.:]"))
    local score
    if d <= limit then score = d * 10 end
    if (not score or score > 15) and plain and #ql >= 3 and kl:sub(1, #ql) == ql then
      score = 15 + (#kl - #ql) / 100
    elseif not score and plain and #ql >= 4 and kl:find(ql, 1, true) then
      score = 40 + (#kl - #ql) / 100
    end
    if score then
      for _, e in ipairs(by_key[key]) do
        -- shown as the plain word when the key is one ("reshape"), else by the topic's name
        local shown = key:find("[%.:]") and e.name or key
        if not best[e] or score < best[e][2] then best[e] = { shown, score, e.rank } end
      end
    end
  end
  local found = {}
  for _, f in pairs(best) do found[#found + 1] = f end
  table.sort(found, function(a, b)
    if a[2] ~= b[2] then return a[2] < b[2] end
    if a[3] ~= b[3] then return a[3] < b[3] end
    return a[1] < b[1]
  end)
  local seen, unique = {}, {}
  for _, f in ipairs(found) do
    if not seen[f[1]] then seen[f[1]] = true; unique[#unique + 1] = f end
  end
  found = unique
  -- the closest tier only, and names that start with q: "fitt" suggests fit, not fill and hint
  local out = {}
  for _, f in ipairs(found) do
    if #out >= max then break end
    if f[2] < found[1][2] + 10 or (f[2] >= 15 and f[2] < 16) then out[#out + 1] = f[1] end
  end
  return out
end

---------------------------------------------------------------------------------------------
-- What a value is

local function is_tensor(x)
  local t = rawget(lunet, "tensor")
  return type(t) == "table" and type(t.is_tensor) == "function" and t.is_tensor(x)
end

local function shape_str(shape)
  if #shape == 0 then return "()" end
  return table.concat(shape, "x")
end
M.shape_str = shape_str

local function commas(n)
  local s = string.format("%d", math.floor(n))
  local sign, digits = s:match("^(-?)(%d+)$")
  digits = digits:reverse():gsub("(%d%d%d)", "%1,"):reverse():gsub("^,", "")
  return sign .. digits
end
M.commas = commas

local function bytes_str(n)
  local units, v, u = { "B", "KB", "MB", "GB" }, n, 1
  while v >= 1024 and u < #units do v, u = v / 1024, u + 1 end
  if u == 1 then return string.format("%d B", n) end
  return string.format("%.1f %s", v, units[u])
end
M.bytes_str = bytes_str

local function mt_name(x)
  local mt = getmetatable(x)
  return type(mt) == "table" and rawget(mt, "__name") or nil
end
M.mt_name = mt_name

-- The kind of a lunet object: "tensor", "model", "layer", "optimizer", "live" or nil.
function M.kind(x)
  if is_tensor(x) then return "tensor" end
  local n = mt_name(x)
  if n == "Sequential" or n == "model" then return "model" end
  if n == "layer" then return "layer" end
  if n == "optimizer" then return "optimizer" end
  local mt = getmetatable(x)
  if type(x) == "table" and type(mt) == "table" and type(rawget(mt, "__index")) == "table" then
    local idx = rawget(mt, "__index")
    if type(rawget(idx, "add")) == "function" and type(rawget(idx, "redraw")) == "function" then return "live" end
  end
  return nil
end

local function safe(f, ...)
  local ok, r = pcall(f, ...)
  if ok then return r end
  return nil
end

-- A line or two saying what this particular object is.
local function describe(x, kind, lang)
  if kind == "tensor" then
    local shape = safe(function() return x:shape() end)
    if not shape then return ui(lang, "closed_tensor") end
    local n = x:numel()
    local s = M.counted(lang, "this_tensor", n):format(shape_str(shape), commas(n), bytes_str(n * 4),
      tostring(safe(function() return x:needs_grad() end) or false))
    local fn = safe(function() return x:grad_fn() end)
    if fn then s = s .. "\n" .. ui(lang, "made_by", fn) end
    if safe(function() return x.grad end) then s = s .. "\n" .. ui(lang, "has_grad") end
    return s
  elseif kind == "model" then
    local n = safe(function() return #x end) or 0
    local params = safe(function() return x:count_params() end)
    local s = M.counted(lang, "this_model", n):format(tostring(safe(function() return x.name end) or "sequential"),
      n, params and commas(params) or "?")
    return s .. "\n" .. tostring(x)
  elseif kind == "layer" then
    local info = safe(function() return x:info() end) or {}
    local s = ui(lang, "this_layer", tostring(info.description or x))
    if info.built then s = s .. " — " .. ui(lang, "params", commas((info.params or 0) + (info.nontrainable or 0))) end
    return s
  elseif kind == "optimizer" then
    return ui(lang, "this_optimizer", tostring(x))
  end
  return nil
end

-- The topic for an object of a lunet type.
local function object_topic(x, kind)
  if kind == "tensor" then return entries["tensor"] end
  if kind == "model" then return entries["model"] end
  if kind == "live" then return entries["plot.live"] end
  if kind == "layer" then
    local info = safe(function() return x:info() end)
    local e = info and entries["nn." .. tostring(info.type)]
    return e or entries["layer"]
  end
  if kind == "optimizer" then
    local name = tostring(x):match("^(%w+)")
    return (name and entries["optim." .. name]) or entries["optimizer"]
  end
end

---------------------------------------------------------------------------------------------
-- help(x)

local function lua_function_text(f, lang)
  local info = debug.getinfo(f, "Su")
  if info.what == "C" then return ui(lang, "c_function") end
  local params = {}
  for i = 1, info.nparams do params[i] = debug.getlocal(f, i) end
  if info.isvararg then params[#params + 1] = "..." end
  local where = info.short_src .. ":" .. info.linedefined
  return ui(lang, "lua_function", table.concat(params, ", "), where)
end

local function std_text(name, lang)
  local anchor = name:find("%.") and name or name
  return ui(lang, "std", name, "https://www.lua.org/manual/5.4/manual.html#pdf-" .. anchor)
end

-- Documentation of several entries that share a name: the first in full, the rest named.
local function render_list(list, key, lang)
  local s = M.render(list[1], lang)
  if #list > 1 then
    local others = {}
    for i = 2, #list do others[#others + 1] = list[i].name end
    s = s .. "\n\n" .. ui(lang, "also_named", key, table.concat(others, ", "), others[1])
  end
  return s
end

-- A global path such as "x", "m:fit", "data.gates", read without calling anything but __index.
local function global_path(s)
  local first, rest = s:match("^([%a_][%w_]*)(.*)$")
  if not first then return nil end
  local v = rawget(_G, first)
  while rest ~= "" do
    local part, more = rest:match("^[%.:]([%a_][%w_]*)(.*)$")
    if not part or v == nil then return nil end
    local ok, r = pcall(function() return v[part] end)
    if not ok then return nil end
    v, rest = r, more
  end
  return v
end

local text_for   -- forward

local function text_for_name(s, lang, depth)
  local key = s:gsub("^%s+", ""):gsub("%s+$", ""):gsub("%(%)$", "")
  if key == "" then return M.topics(lang) end
  local list = lookup(key)
  if list then return render_list(list, key, lang) end
  -- a variable of the user's: help("x") for x = tensor{...}, help("m:fit")
  if depth < 2 then
    local v = global_path(key)
    if v ~= nil and type(v) ~= "string" then return text_for(v, lang, depth + 1, key) end
  end
  -- an expression such as x[1] or m.layers[2] (what ?x[1] at the prompt asks about)
  if depth < 2 and not key:match("^[%w_%.:]+$") then
    local f = load("return " .. key, "=help", "t")
    if f then
      local ok, v = pcall(f)
      if ok and v ~= nil and type(v) ~= "string" then return text_for(v, lang, depth + 1, key) end
    end
  end
  -- "x:reshape" where x is unknown: the method by its name
  local method = key:match("[%.:]([%a_][%w_]*)$")
  if method then
    list = lookup(method)
    if list then return render_list(list, method, lang) end
  end
  local s2 = ui(lang, "unknown", key)
  local sug = M.suggest(key)
  if #sug > 0 then s2 = s2 .. "\n" .. ui(lang, "did_you_mean", table.concat(sug, ", ")) end
  return s2 .. "\n" .. ui(lang, "try_topics")
end

-- The text help(x) prints. `given` is the name x was found by, when it was a string.
function text_for(x, lang, depth, given)
  depth = depth or 0
  local tx = type(x)
  if tx == "string" then return text_for_name(x, lang, depth) end
  if tx == "function" then
    local name = M.name_of(x)
    if name and entries[name] then return render_list(lookup(name) or { entries[name] }, name, lang) end
    if std_name[x] then return std_text(std_name[x], lang) end
    if name then return ui(lang, "undocumented", name) .. "\n" .. lua_function_text(x, lang) end
    return (given and ui(lang, "function_named", given) or ui(lang, "a_function")) .. "\n" .. lua_function_text(x, lang)
  end
  local kind = M.kind(x)
  if kind then
    -- what this object is comes first: the documentation of its type can be long
    local e = object_topic(x, kind)
    local desc = describe(x, kind, lang)
    local s = desc and (desc .. "\n\n") or ""
    s = s .. (e and M.render(e, lang) or "")
    if kind == "layer" or kind == "optimizer" then s = s .. "\n\n" .. ui(lang, "methods_of", kind) end
    return s
  end
  -- a value whose metatable names a topic, such as the lesson's n and b (callable tables)
  local tname = mt_name(x)
  if type(tname) == "string" and exact[tname] then return render_list(exact[tname], tname, lang) end
  if tx == "table" then
    local name = M.name_of(x)
    if name == "lunet" then return M.topics(lang) end
    if name and entries[name] then return M.render(entries[name], lang) end
    if std_name[x] then return std_text(std_name[x], lang) end
    if type(rawget(x, "loss")) == "table" and entries["model:fit"] then
      return ui(lang, "history") .. "\n\n" .. M.render(entries["model:fit"], lang)
    end
    local n = 0
    for _ in pairs(x) do n = n + 1 end
    return ui(lang, "plain_table", n)
  end
  if tx == "nil" then return ui(lang, "nil") end
  if tx == "userdata" and mt_name(x) == "FILE*" then return std_text("io.open", lang) end
  return ui(lang, "plain_value", tx, tostring(x))
end

function M.text(...)
  ensure()
  if select("#", ...) == 0 then return M.topics() end
  local x, lang = ...
  local ok, s = pcall(text_for, x, lang, 0)
  if ok then return s end
  return ui(lang, "failed", tostring(s))   -- a bug here must never cost the student their session
end

--- help([x [, lang]]) prints the documentation of x (a function, module, object or name), or
--- the list of topics. Returns nothing, so that the REPL does not print the text twice.
function lunet.help(...)
  io.write(M.text(...), "\n")
  io.flush()
end

-- Names for Tab after "?" at the prompt: the topic names that are Lua expressions.
function M.complete(prefix)
  ensure()
  local out = {}
  for _, key in ipairs(all_keys) do
    if key:sub(1, #prefix) == prefix and not key:find(":", 1, true) then
      local list = by_key[key]
      -- "tensor.reshape" names a method: not an expression that evaluates to it
      if not (short[key] and key:find(".", 1, true) and list[1].name:find(":", 1, true)) then
        out[#out + 1] = key
      end
    end
  end
  return out
end

lunet._load("who")
lunet._load("timeit")
