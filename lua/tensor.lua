-- tensor.lua — the Lua half of the tensor type: printing (tensor._format, called by the C
-- __tostring) and a few conveniences written with the public API.
--
-- Printing follows numpy's repr: one number format per tensor (integers without ".0"; else up
-- to 4 decimals, trimmed to what the values need; scientific notation when the range demands),
-- one width for all numbers, rows on their own lines, long dims elided with "..." once the
-- tensor has more than 1000 elements (3 items kept at each end). Two choices of our own:
--   * a tensor whose rows hold at most 2 rows prints on one line when it fits, as in
--     `tensor([[1, 2], [3, 4]], shape=2x2)`;
--   * a matrix too wide for its rows to fit on a line (a 28x28 image) prints in numpy's str
--     layout instead — no commas, one row a line, the shape first — so that an image shows
--     whole on one screen, each row at most ~116 characters; floats are shown with fewer
--     decimals if that makes the rows fit, and the header says so.
local lunet = ...
local tensor = lunet.tensor

local EDGE, THRESHOLD = 3, 1000      -- numpy's edgeitems and threshold
local LINEWIDTH, WIDE = 80, 120      -- normal lines; rows of the compact (wide) layout
local ELL = setmetatable({}, { __name = "..." })   -- marks an elided run in gathered data

-- Values to show, as nested tables (ELL where a run was elided).
local function gather(t, summarize)
  local n = t:size(1)
  if not summarize or n <= 2 * EDGE then
    if t:dim() == 1 then return t:totable() end
    if not summarize then return t:totable() end
    local rows = {}
    for i = 1, n do rows[i] = gather(t[i], true) end
    return rows
  end
  if t:dim() == 1 then
    local a, b = t:narrow(1, 1, EDGE):totable(), t:narrow(1, n - EDGE + 1, EDGE):totable()
    a[#a + 1] = ELL
    for i = 1, #b do a[#a + 1] = b[i] end
    return a
  end
  local rows = {}
  for i = 1, EDGE do rows[#rows + 1] = gather(t[i], true) end
  rows[#rows + 1] = ELL
  for i = n - EDGE + 1, n do rows[#rows + 1] = gather(t[i], true) end
  return rows
end

local function flatten(x, out)
  for i = 1, #x do
    local v = x[i]
    if type(v) == "table" then
      if v ~= ELL then flatten(v, out) end
    else
      out[#out + 1] = v
    end
  end
  return out
end

local function finite(v) return v == v and v ~= math.huge and v ~= -math.huge end

local function special(v)
  if v ~= v then return "nan" end
  return v > 0 and "inf" or "-inf"
end

-- Digits after the point that v needs, given a format ("%.4f" or "%.4e") with `max` decimals.
local function decimals_needed(v, conv, max)
  local s = string.format("%." .. max .. conv, v)
  local frac = conv == "e" and s:match("%.(%d*)e") or s:match("%.(%d*)$")
  if not frac then return 0 end
  return #(frac:gsub("0+$", ""))
end

-- One number format for the shown values: returns fmt(v) -> string, kind, decimals.
-- maxdec caps the decimals (the compact layout lowers it to make rows fit).
local function number_format(values, maxdec)
  maxdec = maxdec or 4
  local allint, maxabs, minabs = true, 0, math.huge
  for _, v in ipairs(values) do
    if finite(v) then
      local a = math.abs(v)
      if v ~= math.floor(v) then allint = false end
      if a > maxabs then maxabs = a end
      if a > 0 and a < minabs then minabs = a end
    end
  end
  local function wrap(f)
    return function(v) if finite(v) then return f(v) end return special(v) end
  end
  if allint and maxabs < 1e8 then
    return wrap(function(v) return string.format("%.0f", v) end), "int", 0
  end
  local sci = maxabs >= 1e8 or (minabs < math.huge and (minabs < 1e-4 or maxabs / minabs > 1e3))
  local conv = sci and "e" or "f"
  local k = 0
  for _, v in ipairs(values) do
    if finite(v) then
      local d = decimals_needed(v, conv, maxdec)
      if d > k then k = d end
    end
  end
  if not sci and k == 0 then k = 1 end   -- 1.00001 shows as 1.0: not an integer
  local spec = "%." .. k .. conv
  return wrap(function(v) return string.format(spec, v) end), conv, k
end

-- Formats every number of the gathered data into strings, padded to one width.
local function to_strings(x, fmt)
  local width = 0
  local function conv(y)
    local r = {}
    for i = 1, #y do
      local v = y[i]
      if v == ELL then r[i] = ELL
      elseif type(v) == "table" then r[i] = conv(v)
      else
        local s = fmt(v)
        if #s > width then width = #s end
        r[i] = s
      end
    end
    return r
  end
  local strs = conv(x)
  local function pad(y)
    for i = 1, #y do
      local v = y[i]
      if type(v) == "table" then
        if v ~= ELL then pad(v) end
      else
        y[i] = string.rep(" ", width - #v) .. v
      end
    end
  end
  pad(strs)
  return strs, width
end

local function oneline(s)
  local parts = {}
  for i = 1, #s do
    local v = s[i]
    parts[i] = v == ELL and "..." or type(v) == "table" and oneline(v) or v:gsub("^ +", "")
  end
  return "[" .. table.concat(parts, ", ") .. "]"
end

-- numpy's repr layout. The outermost "[" stands at column `base`, the "[" of a row of dim d at
-- base + d - 1; items are separated by `sep` and wrapped at `limit` columns, continuation lines
-- starting under the row's first item; rows of dim d are separated by "," and nd-d newlines.
local function render(s, d, nd, base, sep, comma, limit, state)
  if d == nd then
    local start = base + nd - 1
    local out, cur = { "[" }, start + 1
    for i = 1, #s do
      local item = s[i] == ELL and "..." or s[i]
      if i > 1 then
        if cur + #sep + #item + 1 > limit then
          out[#out + 1] = sep:gsub(" +$", "") .. "\n" .. string.rep(" ", start + 1)
          cur = start + 1
          state.wrapped = true
        else
          out[#out + 1] = sep
          cur = cur + #sep
        end
      end
      out[#out + 1] = item
      cur = cur + #item
    end
    out[#out + 1] = "]"
    return table.concat(out)
  end
  local parts = {}
  local between = (comma and "," or "") .. string.rep("\n", nd - d) .. string.rep(" ", base + d)
  for i = 1, #s do
    parts[i] = s[i] == ELL and "..." or render(s[i], d + 1, nd, base, sep, comma, limit, state)
  end
  return "[" .. table.concat(parts, between) .. "]"
end

local function longest_line(s)
  local m = 0
  for line in (s .. "\n"):gmatch("([^\n]*)\n") do
    if #line > m then m = #line end
  end
  return m
end

local function suffixes(t, shape)
  local r = {}
  if #shape > 0 then r[#r + 1] = "shape=" .. table.concat(shape, "x") end
  if t:needs_grad() then
    local op = t:grad_fn()
    r[#r + 1] = op and ("grad_fn=" .. op) or "requires_grad=true"
  end
  return r
end

function tensor._format(t)
  local shape, nd, numel = t:shape(), t:dim(), t:numel()
  local suffix = suffixes(t, shape)
  t = t:detach()   -- reading values must not build a graph
  if nd == 0 then
    local f = number_format({ t:item() })
    table.insert(suffix, 1, f(t:item()))
    return "tensor(" .. table.concat(suffix, ", ") .. ")"
  end
  if numel == 0 then
    table.insert(suffix, 1, "[]")
    return "tensor(" .. table.concat(suffix, ", ") .. ")"
  end
  local data = gather(t, numel > THRESHOLD)
  local values = flatten(data, {})
  local fmt, kind, k = number_format(values)
  local strs = to_strings(data, fmt)
  local tail = #suffix > 0 and (", " .. table.concat(suffix, ", ")) or ""

  local rows = numel // shape[nd]
  local one = "tensor(" .. oneline(strs) .. tail .. ")"
  if rows <= 2 and #one <= LINEWIDTH then return one end

  local state = {}
  local body = render(strs, 1, nd, #"tensor(", ", ", true, LINEWIDTH, state)
  if nd >= 2 and state.wrapped then
    -- the compact layout, lowering float decimals until the rows fit
    for dec = (kind == "int" and 0 or k), (kind == "int" and 0 or 1), -1 do
      local f2 = fmt
      if kind ~= "int" then f2 = number_format(values, dec) end
      local s2 = to_strings(data, f2)
      local b2 = render(s2, 1, nd, 0, " ", false, math.huge, {})
      if longest_line(b2) + 2 <= WIDE then
        local head = { "shape=" .. table.concat(shape, "x") }
        if kind ~= "int" and dec < k then head[#head + 1] = "shown to " .. dec .. (dec == 1 and " decimal" or " decimals") end
        for i = 2, #suffix do head[#head + 1] = suffix[i] end
        return "tensor(" .. table.concat(head, ", ") .. ",\n" .. b2 .. ")"
      end
    end
  end
  return "tensor(" .. body .. tail .. ")"
end

-- Conveniences on top of the C functions.
function tensor.zeros_like(t) return tensor.zeros(t:shape()) end
function tensor.ones_like(t) return tensor.ones(t:shape()) end
function tensor.full_like(t, v) return tensor.full(t:shape(), v) end
