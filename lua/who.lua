-- who.lua — who(): the student's own global variables as a table (name, type, shape or value,
-- memory), like IPython's %whos. Loaded by help.lua, whose index tells lunet's own functions and
-- modules apart from the user's; the column headings are in help_en.lua / help_ko.lua.
local lunet = ...
local H = lunet._help

-- Lua's own globals, with their values when lunet was loaded: a name still holding that value is
-- Lua's, a name given a new value (print = myprint) is the user's.
local STD = {
  "_G", "_VERSION", "arg", "assert", "collectgarbage", "coroutine", "debug", "dofile", "error",
  "getmetatable", "io", "ipairs", "load", "loadfile", "math", "next", "os", "package", "pairs",
  "pcall", "print", "rawequal", "rawget", "rawlen", "rawset", "require", "select", "setmetatable",
  "string", "table", "tonumber", "tostring", "type", "utf8", "warn", "xpcall",
}
local std_value = {}
for _, k in ipairs(STD) do std_value[k] = rawget(_G, k) end

local function is_system(k, v)
  if k == "lunet" and v == lunet then return true end
  if std_value[k] ~= nil and rawequal(std_value[k], v) then return true end
  if k == "arg" and type(v) == "table" then return true end
  if rawequal(rawget(lunet, k), v) then return true end   -- tensor, nn, help... as globals
  if (type(v) == "function" or type(v) == "table") and H.is_lunet_value(v) then return true end
  return false
end

local function short_string(s, n)
  n = n or 32
  local q = string.format("%q", s):gsub("\\\n", "\\n")
  if #q > n then
    local cut = n - 4
    -- never cut a UTF-8 character in two
    while cut > 1 and q:byte(cut + 1) and q:byte(cut + 1) >= 0x80 and q:byte(cut + 1) < 0xC0 do cut = cut - 1 end
    q = q:sub(1, cut) .. "...\""
  end
  return q
end

local function number_str(v)
  if math.type(v) == "integer" then return tostring(v) end
  return string.format("%.6g", v)
end

local function params_of(f)
  local info = debug.getinfo(f, "Su")
  if info.what == "C" then return "(...)" end
  local ps = {}
  for i = 1, info.nparams do ps[i] = debug.getlocal(f, i) end
  if info.isvararg then ps[#ps + 1] = "..." end
  return "(" .. table.concat(ps, ", ") .. ")"
end

-- {type, info, bytes or nil} for one variable.
local function describe(v, T, lang)
  local kind = H.kind(v)
  local ok, r = pcall(function()
    if kind == "tensor" then
      local shape = v:shape()
      local s = H.shape_str(shape)
      if v:needs_grad() then s = s .. ", requires_grad" end
      return { "tensor", s, v:numel() * 4 }
    elseif kind == "model" then
      local n, p = #v, v:count_params()
      return { H.mt_name(v) or "model", H.counted(lang, "who_model", n):format(n, H.commas(p)), p * 4 }
    elseif kind == "layer" then
      local info = v:info()
      local p = (info.params or 0) + (info.nontrainable or 0)
      return { tostring(info.type or "layer"), tostring(info.description or v), p * 4 }
    elseif kind == "optimizer" then
      return { "optimizer", tostring(v):match("^[^\n]*") }
    elseif kind == "live" then
      return { "live plot", "" }
    end
    return nil
  end)
  if ok and r then return r end
  if not ok then return { kind or type(v), "?" } end
  local tv = type(v)
  if tv == "number" then return { math.type(v) == "integer" and "integer" or "number", number_str(v) } end
  if tv == "string" then return { "string", short_string(v) } end
  if tv == "boolean" or tv == "nil" then return { tv, tostring(v) } end
  if tv == "function" then return { "function", params_of(v) } end
  if tv == "table" then
    local n, array, keys = 0, #v, {}
    for k in pairs(v) do
      n = n + 1
      if type(k) == "string" and #keys < 5 then keys[#keys + 1] = k end
    end
    if n == array then return { "table", H.counted(lang, "who_items", n):format(n) } end
    table.sort(keys)
    local shown = table.concat(keys, ", ", 1, math.min(4, #keys))
    if #keys > 4 or n - array > #keys then shown = shown .. ", ..." end
    return { "table", H.counted(lang, "who_fields", n):format(n, shown) }
  end
  return { tv, tostring(v):match("^[^\n]*") }
end

-- The table who() prints, as text.
function H.who_text(lang)
  local T = H.texts(lang)._ui
  local names = {}
  for k, v in pairs(_G) do
    if type(k) == "string" and not is_system(k, v) then names[#names + 1] = k end
  end
  table.sort(names, function(a, b)
    local la, lb = a:lower(), b:lower()
    if la ~= lb then return la < lb end
    return a < b
  end)
  if #names == 0 then return T.who_none end
  local rows = { { T.who_name, T.who_type, T.who_info, T.who_memory } }
  local total, ntensors = 0, 0
  for _, k in ipairs(names) do
    local d = describe(rawget(_G, k), T, lang)
    local info = d[2] or ""
    if H.width(info) > 48 then info = info:sub(1, 45) .. "..." end
    rows[#rows + 1] = { k, d[1], info, d[3] and H.bytes_str(d[3]) or "" }
    if d[3] then total = total + d[3] end
    if d[1] == "tensor" then ntensors = ntensors + 1 end
  end
  local w = { 0, 0, 0, 0 }
  for _, r in ipairs(rows) do
    for c = 1, 4 do w[c] = math.max(w[c], H.width(r[c])) end
  end
  local lines = {}
  local function line(r)
    local s = H.pad(r[1], w[1]) .. "  " .. H.pad(r[2], w[2]) .. "  " .. H.pad(r[3], w[3]) .. "  " ..
              string.rep(" ", w[4] - H.width(r[4])) .. r[4]
    lines[#lines + 1] = (s:gsub("%s+$", ""))
  end
  line(rows[1])
  lines[#lines + 1] = string.rep("-", w[1] + w[2] + w[3] + w[4] + 6)
  for i = 2, #rows do line(rows[i]) end
  lines[#lines + 1] = H.counted(lang, "who_total", #names):format(#names, H.bytes_str(total))
  return table.concat(lines, "\n")
end

--- who() prints the user's global variables — name, type, shape or value, memory — sorted by
--- name. lunet's own globals and Lua's standard library are left out. Returns nothing.
function lunet.who()
  io.write(H.who_text(), "\n")
  io.flush()
end
