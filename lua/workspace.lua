-- workspace.lua — the REPL's policies, kept in Lua so they are easy to read and change:
-- how results are printed (lunet.repl_print) and what Tab completes (lunet.repl_complete).
-- src/repl.c only calls these; a lesson module may add lunet.repl_greet() for the greeting.
local lunet = ...

local MAX_ITEMS = 40   -- items shown per table before "..."
local MAX_DEPTH = 3    -- nesting shown before "{...}"

local keywords = {
  "and", "break", "do", "else", "elseif", "end", "false", "for", "function", "goto", "if", "in",
  "local", "nil", "not", "or", "repeat", "return", "then", "true", "until", "while",
}
local is_keyword = {}
for _, k in ipairs(keywords) do is_keyword[k] = true end

local function is_name(s)
  return type(s) == "string" and s:match("^[%a_][%w_]*$") ~= nil and not is_keyword[s]
end

local function quote(s)
  return (string.format("%q", s):gsub("\\\n", "\\n"))
end

-- tostring for a value shown inside a table: one line, so a table of tensors stays readable.
local function short(v)
  local s = tostring(v)
  local first = s:match("^[^\n]*")
  if #first < #s then return first .. " ..." end
  return s
end

-- A table literal for tables without __tostring, so `t:shape()` shows {2, 3}, not an address.
local function show(v, depth, seen)
  local tv = type(v)
  if tv == "string" then return quote(v) end
  if tv ~= "table" then return short(v) end
  local mt = getmetatable(v)
  if mt ~= nil and (type(mt) ~= "table" or rawget(mt, "__tostring") or rawget(mt, "__name")) then
    return depth == 0 and tostring(v) or short(v)
  end
  if seen[v] then return "{<cycle>}" end
  if next(v) == nil then return "{}" end
  if depth >= MAX_DEPTH then return "{...}" end
  seen[v] = true
  local parts, shown, n = {}, {}, 0
  local i = 1
  while rawget(v, i) ~= nil do
    n = n + 1
    if n <= MAX_ITEMS then parts[n] = show(rawget(v, i), depth + 1, seen) end
    shown[i] = true
    i = i + 1
  end
  local keys = {}
  for k in next, v do
    if not shown[k] then keys[#keys + 1] = k end
  end
  table.sort(keys, function(a, b)
    local ta, tb = type(a), type(b)
    if ta ~= tb then return ta < tb end
    if ta == "number" or ta == "string" then return a < b end
    return tostring(a) < tostring(b)
  end)
  for _, k in ipairs(keys) do
    n = n + 1
    if n <= MAX_ITEMS then
      local key = is_name(k) and k or "[" .. show(k, MAX_DEPTH, seen) .. "]"
      parts[n] = key .. " = " .. show(rawget(v, k), depth + 1, seen)
    end
  end
  seen[v] = nil
  if n > MAX_ITEMS then parts[MAX_ITEMS + 1] = "... (" .. n .. " items)" end
  return "{" .. table.concat(parts, ", ") .. "}"
end

-- Text for one value as the REPL prints it: strings as they are (like print), tables as
-- literals, everything else with tostring (tensors have their own __tostring).
function lunet.repl_format(v)
  if type(v) == "string" then return v end
  if type(v) == "table" then return show(v, 0, {}) end
  return tostring(v)
end

-- Prints the results of a command typed at the prompt, tab-separated like print.
function lunet.repl_print(...)
  local n = select("#", ...)
  local parts = {}
  for i = 1, n do parts[i] = lunet.repl_format((select(i, ...))) end
  io.write(table.concat(parts, "\t"), "\n")
  io.flush()
end

---------------------------------------------------------------------------------------------
-- Completion

-- One step of a.b.c without running code: raw fields, then __index tables up the chain.
local function field(obj, name)
  for _ = 1, 16 do
    if type(obj) == "table" then
      local v = rawget(obj, name)
      if v ~= nil then return v end
    end
    local mt = getmetatable(obj)
    if type(mt) ~= "table" then return nil end
    local idx = rawget(mt, "__index")
    if type(idx) ~= "table" then return nil end
    obj = idx
  end
  return nil
end

-- The names an object offers: its own fields, the fields of its __index tables, and what a
-- __complete hook in a metatable adds (a function(obj) returning a list of names, or a list) —
-- the way for userdata with an __index function (tensor properties) to show its fields.
local function names_of(obj)
  local names = {}
  local function add(k, v)
    if is_name(k) and names[k] == nil then names[k] = v end
  end
  local cur = obj
  for _ = 1, 16 do
    if type(cur) == "table" then
      for k, v in next, cur do add(k, v) end
    end
    local mt = getmetatable(cur)
    if type(mt) ~= "table" then break end
    local hook = rawget(mt, "__complete")
    if type(hook) == "function" then
      local ok, list = pcall(hook, obj)
      hook = ok and list or nil
    end
    if type(hook) == "table" then
      for _, k in ipairs(hook) do
        -- the object asked for completion, so reading its fields is allowed to run __index
        local ok, v = pcall(function() return obj[k] end)
        add(k, ok and v ~= nil and v or field(obj, k) or true)
      end
    end
    local idx = rawget(mt, "__index")
    if type(idx) ~= "table" then break end
    cur = idx
  end
  return names
end

local function callable(v)
  if v == true or type(v) == "function" then return true end   -- true: named by a hook
  local mt = getmetatable(v)
  return type(mt) == "table" and rawget(mt, "__call") ~= nil
end

local function offered(k, prefix)
  -- _private names only when asked for with a leading _
  return k:sub(1, #prefix) == prefix and (k:sub(1, 1) ~= "_" or prefix:sub(1, 1) == "_")
end

-- Candidates for the word before the cursor: "tos" → {"tostring"}, "string.up" →
-- {"string.upper"}, "s:su" → {"s:sub"} (":" offers only methods), and after "?" the topics of
-- help ("?tensor.ze" → {"?tensor.zeros"}), so that help and Tab know the same names.
-- Returns a sorted list.
function lunet.repl_complete(text)
  local out = {}
  local topic = text:match("^%?([%w_%.]*)$")
  if topic then
    local H = rawget(lunet, "_help")
    if type(H) == "table" and type(H.complete) == "function" then
      for _, k in ipairs(H.complete(topic)) do out[#out + 1] = "?" .. k end
    end
    table.sort(out)
    return out
  end
  local head, sep, prefix = text:match("^(.-)([%.:])([%w_]*)$")
  if not head then
    prefix = text:match("^[%a_][%w_]*$")
    if not prefix and text ~= "" then return out end
    prefix = prefix or ""
    for k in pairs(names_of(_G)) do
      if offered(k, prefix) then out[#out + 1] = k end
    end
    for _, k in ipairs(keywords) do
      if k:sub(1, #prefix) == prefix then out[#out + 1] = k end
    end
  else
    local obj = _G
    for part in (head .. "."):gmatch("(.-)%.") do
      if not is_name(part) then return out end
      obj = field(obj, part)
      if obj == nil then return out end
    end
    for k, v in pairs(names_of(obj)) do
      if offered(k, prefix) and (sep == "." or callable(v)) then
        out[#out + 1] = head .. sep .. k
      end
    end
  end
  table.sort(out)
  return out
end

-- Tensors index through a C function (t.grad, t[i], methods), so they name their fields here;
-- the methods table is read at each Tab, so methods added later in Lua are offered too.
local tensor_mt = debug.getregistry()["lunet.tensor"]
if type(tensor_mt) == "table" and tensor_mt.__complete == nil and lunet.tensor then
  tensor_mt.__complete = function()
    local names = {"grad"}
    for k in pairs(rawget(lunet.tensor, "methods") or {}) do names[#names + 1] = k end
    return names
  end
end

-- Models, layers and optimizers index through C functions as well: their methods (including
-- those added in Lua, such as model:summary and model:fit) and a model's fields are named here.
local function name_methods(regname, fields)
  local mt = debug.getregistry()[regname]
  if type(mt) ~= "table" or mt.__complete ~= nil then return end
  mt.__complete = function()
    local names = {}
    for _, f in ipairs(fields) do names[#names + 1] = f end
    local methods = rawget(mt, "methods")
    if type(methods) == "table" then
      for k in pairs(methods) do names[#names + 1] = k end
    end
    return names
  end
end
name_methods("lunet.model", { "layers", "name", "training", "built" })
name_methods("lunet.layer", {})
name_methods("lunet.optimizer", { "lr" })
