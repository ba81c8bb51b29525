-- plot.lua — plots drawn by gnuplot: each plot kind turns its data into gnuplot commands, and a
-- figure sends them to one gnuplot process through a pipe (src/plot.c, bound in src/lua_plot.c).
--
-- A plot is described by a "spec": its data blocks (text made in C from tensors or Lua arrays) and
-- its commands, some of them only for pictures ("graphic") or only for the text terminal ("text",
-- where images become characters). The last spec is kept (strings only, no tensors), so
-- plot.save(path) can replay it into another terminal, and live plots redraw it as it grows.
--
-- Terminals: "auto" picks a window (DISPLAY or WAYLAND_DISPLAY set and a window terminal in this
-- gnuplot), else sixel (a terminal known to speak it, or LUNET_SIXEL=1), else "dumb" text drawn in
-- the terminal lunet runs in. LUNET_PLOT_TERM overrides "auto"; LUNET_GNUPLOT names the program.
-- plot.last_text holds the last text drawing (as printed), for tests and for copying into notes.
--
-- Live plots (plot.live) have a gnuplot of their own, redraw at most every `interval` seconds, and
-- in text go back up over their previous drawing; when gnuplot dies, they say so once and stop
-- drawing, and the caller's loop goes on. No process outlives its figure: plot.close(), a new
-- figure or the collector stops and reaps it.
local lunet = ...
local plot = lunet.plot
local tensor = lunet.tensor

-- The C part: take it, then hide it from the students' view of the module.
local C = {}
for _, k in ipairs { "_start", "_columns", "_matrix", "_values", "_grid", "_termsize", "_isatty" } do
  C[k:sub(2)] = plot[k]
  plot[k] = nil
end
-- the terminal questions serve the other Lua modules too (lessons wrap text to the width)
lunet._termsize, lunet._isatty = C.termsize, C.isatty
C.now = lunet._now   -- one monotonic clock for all of lunet (lua_lunet.c)

local DIED = "plot: gnuplot exited; the next plot starts a new one"
local COLORS = { "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd",
                 "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf" }
local WINDOWS = { "qt", "wxt", "x11" }
local TERMINALS = { auto = true, dumb = true, sixel = true, png = true, svg = true,
                    qt = true, wxt = true, x11 = true }

local state = {
  term = "auto",     -- what plot.terminal asked for
  path = nil,        -- output file for png/svg, when plot.terminal was given one
  terminals = nil,   -- set of the terminals this gnuplot has (asked once)
  figure = nil,      -- the current figure: a gnuplot process and how it was last drawn
  last = nil,        -- the spec of the last figure drawn, for plot.save
}

-- ---- small helpers ----

local function env(name)
  local v = os.getenv(name)
  if v == "" then return nil end
  return v
end

local function say(msg) io.stderr:write(msg, "\n"); io.stderr:flush() end

local function fail(msg) error(msg, 0) end

-- A gnuplot string literal: single quotes take everything literally except '' for a quote.
local function q(s)
  s = tostring(s):gsub("'", "''"):gsub("[\r\n]+", " ")
  return "'" .. s .. "'"
end

local function num(v) return string.format("%.10g", v) end

local function range(r, who)
  if r == nil then return nil end
  if type(r) == "string" then
    if not r:match("^%s*%[.*%]%s*$") then fail(who .. ": a range is {min, max} or \"[min:max]\", got " .. q(r)) end
    return r
  end
  if type(r) ~= "table" then fail(who .. ": a range is {min, max}, got a " .. type(r)) end
  local a, b = r[1], r[2]
  return "[" .. (a and num(a) or "*") .. ":" .. (b and num(b) or "*") .. "]"
end

-- Tensors are the userdata with lunet's tensor metatable (registered by src/lua_tensor.c).
local tensor_mt
local function is_tensor(x)
  if type(x) ~= "userdata" then return false end
  if not tensor_mt then
    tensor_mt = debug and debug.getregistry()["lunet.tensor"] or getmetatable(tensor.zeros(1))
  end
  return getmetatable(x) == tensor_mt
end

local function values(x, who)
  local ok, v, shape = pcall(C.values, x)
  if not ok then fail(who .. ": " .. tostring(v):gsub("^plot: ", "")) end
  return v, shape
end

local function minmax(v)
  local lo, hi = math.huge, -math.huge
  for i = 1, #v do
    local x = v[i]
    if x == x and x ~= math.huge and x ~= -math.huge then
      if x < lo then lo = x end
      if x > hi then hi = x end
    end
  end
  if lo > hi then return 0, 1 end
  return lo, hi
end

-- Class labels as 0-based class numbers: numbers as they are, one-hot rows by their argmax.
local function class_numbers(labels, n, who)
  local v, shape = values(labels, who)
  if #shape == 2 and shape[2] > 1 and shape[1] == n then
    local out = {}
    for i = 1, n do
      local best, bi = -math.huge, 0
      for k = 1, shape[2] do
        local p = v[(i - 1) * shape[2] + k]
        if p > best then best, bi = p, k - 1 end
      end
      out[i] = bi
    end
    return out
  end
  if #v ~= n then fail(("%s: %d labels for %d points"):format(who, #v, n)) end
  return v
end

-- The sorted distinct classes, and a name for each.
local function classes_of(cls, names)
  local seen, list = {}, {}
  for i = 1, #cls do
    local c = cls[i]
    if not seen[c] then seen[c] = true; list[#list + 1] = c end
  end
  table.sort(list)
  local zero_based = list[1] == 0
  local title = {}
  for i, c in ipairs(list) do
    local name = names and names[zero_based and c + 1 or c]
    title[i] = name and tostring(name) or ("class " .. (c == math.floor(c) and string.format("%d", c) or num(c)))
  end
  return list, title
end

local function hex_rgb(h)
  return tonumber(h:sub(2, 3), 16), tonumber(h:sub(4, 5), 16), tonumber(h:sub(6, 7), 16)
end

-- ---- specs: what a figure is made of ----

local Spec = {}
Spec.__index = Spec

-- size: the default picture size in pixels {w, h}
local function spec(opts, size)
  return setmetatable({ blocks = {}, cmds = {}, opts = opts or {}, size = size or { 800, 600 } }, Spec)
end

-- only: as for commands below (a data block that just one kind of terminal uses)
function Spec:data(text, only) self.blocks[#self.blocks + 1] = { text, only } end
-- only: nil for every terminal, "graphic" for pictures, "text" for the dumb terminal
function Spec:cmd(s, only) self.cmds[#self.cmds + 1] = { s, only } end

function Spec:script(mode)
  local out = {}
  for _, b in ipairs(self.blocks) do
    if not b[2] or b[2] == mode then out[#out + 1] = b[1] end
  end
  for _, c in ipairs(self.cmds) do
    if not c[2] or c[2] == mode then out[#out + 1] = c[1] .. "\n" end
  end
  return table.concat(out)
end

-- The settings every plot takes: title xlabel ylabel xrange yrange.
function Spec:common(o, who)
  if o.title then self:cmd("set title " .. q(o.title)) end
  if o.xlabel then self:cmd("set xlabel " .. q(o.xlabel)) end
  if o.ylabel then self:cmd("set ylabel " .. q(o.ylabel)) end
  local xr, yr = range(o.xrange, who), range(o.yrange, who)
  if xr then self:cmd("set xrange " .. xr) end
  if yr then self:cmd("set yrange " .. yr) end
  self:cmd("set grid lc rgb '#dddddd'", "graphic")
  self:cmd("set key " .. (o.key or "top left") .. " box opaque", "graphic")
  self:cmd("set key " .. (o.key or "top left"), "text")
end

-- ---- terminals ----

local function text_size(o)
  local cols, rows = C.termsize()
  if not cols then
    cols = tonumber(env("COLUMNS") or "") or 80
    rows = tonumber(env("LINES") or "") or 24
  end
  -- one column spare (no wrap at the margin), one row for the prompt that follows
  local w, h = cols - 1, rows - 1
  if o and o.width and o.width <= 400 then w = o.width end
  if o and o.height and o.height <= 200 then h = o.height end
  return math.max(w, 20), math.max(h, 8)
end

local function pixel_size(sp, o)
  local w, h = sp.size[1], sp.size[2]
  if o and o.width and o.width > 0 then w = o.width end
  if o and o.height and o.height > 0 then h = o.height end
  return math.floor(w), math.floor(h)
end

local function sixel_terminal()
  local s = env("LUNET_SIXEL")
  if s then return s ~= "0" end
  if not C.isatty(1) then return false end
  local term = env("TERM") or ""
  if term:find("sixel", 1, true) or term:match("^mlterm") or term:match("^foot") or term:match("^yaft")
     or term:match("^contour") then
    return true
  end
  return env("TERM_PROGRAM") == "WezTerm"
end

-- Forward declarations: the figure machinery below needs the terminal list and vice versa.
local current_figure

-- The set of terminals this gnuplot has (GPVAL_TERMINALS), asked once, of the gnuplot of fig (the
-- figure about to draw, so that asking starts no process of its own) or of the current figure.
local function terminals(fig)
  if not state.terminals then
    fig = fig or current_figure()
    local out = fig:run("set print \"-\"\nprint GPVAL_TERMINALS\n")
    local set = {}
    for name in (out or ""):gmatch("%S+") do set[name] = true end
    if out then state.terminals = set end
    return set
  end
  return state.terminals
end

-- The terminal a drawing on fig goes to: name itself, or what "auto" decides (LUNET_PLOT_TERM
-- first, then a window, sixel, text).
local function resolve(name, fig)
  if name == "auto" then name = env("LUNET_PLOT_TERM") or "auto" end
  if name == "auto" then
    if env("DISPLAY") or env("WAYLAND_DISPLAY") then
      local have = terminals(fig)
      for _, w in ipairs(WINDOWS) do
        if have[w] then return w end
      end
    end
    if sixel_terminal() and terminals(fig).sixelgd then return "sixel" end
    return "dumb"
  end
  if not TERMINALS[name] then
    fail("plot.terminal: unknown terminal " .. q(name) .. " (LUNET_PLOT_TERM or plot.terminal); " ..
         "use auto, dumb, sixel, png, svg, qt, wxt or x11")
  end
  return name
end

-- The commands that point gnuplot at a terminal, and those that finish the drawing.
local function preamble(term, sp, path, fig)
  local o = sp.opts
  local set
  if term == "dumb" then
    local w, h = text_size(o)
    if sp.text_dims then w, h = sp.text_dims[1], sp.text_dims[2] end
    -- a live plot's footer lines (fit's progress) share the screen with the drawing
    if fig and fig.footer_lines then h = math.max(8, h - fig.footer_lines) end
    set = ("set terminal dumb size %d,%d"):format(w, h)
  elseif term == "sixel" then
    local w, h = pixel_size(sp, o)
    set = ("set terminal sixelgd size %d,%d truecolor"):format(w, h)
  elseif term == "png" then
    local w, h = pixel_size(sp, o)
    local have = terminals(fig)
    set = ("set terminal %s size %d,%d"):format(have.pngcairo and "pngcairo" or "png", w, h)
  elseif term == "svg" then
    local w, h = pixel_size(sp, o)
    set = ("set terminal svg size %d,%d dynamic background '#ffffff'"):format(w, h)
  elseif term == "pdf" then
    local w, h = pixel_size(sp, o)
    set = ("set terminal pdfcairo size %gin,%gin"):format(w / 100, h / 100)
  else   -- a window
    local w, h = pixel_size(sp, o)
    set = ("set terminal %s size %d,%d title 'lunet'"):format(term, w, h)
  end
  local lines = {
    "unset multiplot",    -- an error inside an earlier multiplot leaves it open
    "reset",
    "set encoding utf8",
    set,
    "set termoption noenhanced",   -- names like leaky_relu stay as typed
    path and ("set output " .. q(path)) or "set output",
  }
  return table.concat(lines, "\n") .. "\n"
end

-- Splits gnuplot's stderr into errors and warnings; warnings are shown, errors raised.
local function report(err)
  if not err or err == "" then return end
  local errors, context = {}, nil
  for line in err:gmatch("[^\n]+") do
    local cmd = line:match("^gnuplot> (.*)")
    if cmd then
      context = cmd
    elseif line:match("^%s*%^%s*$") or line:match("^%s*$") then
      -- the caret under the command: context only
    else
      local msg = line:match("line %d+: (.*)") or line:gsub("^%s+", "")
      if msg:lower():find("warning", 1, true) then
        -- an empty range (a single point so far) is widened by gnuplot itself: nothing to say
        if not msg:find("empty [xyz]2? range") then say("plot: gnuplot " .. msg) end
      else
        errors[#errors + 1] = msg .. (context and (" (in: " .. context .. ")") or "")
        context = nil
      end
    end
  end
  if #errors > 0 then fail("plot: gnuplot: " .. table.concat(errors, "; ")) end
end

-- A figure: one gnuplot process, started on demand and again after it died.
local Figure = {}
Figure.__index = Figure

-- live: a live plot's figure, which stops drawing once its gnuplot is gone; the current figure
-- instead starts a new gnuplot for the next plot.
local function new_figure(live) return setmetatable({ proc = nil, warned = false, lines = 0, live = live }, Figure) end

-- Starts gnuplot when there is none; false when a live figure's gnuplot has gone.
function Figure:ensure()
  if self.proc and self.proc:alive() then return true end
  if self.proc then
    self.proc:stop()
    self.proc = nil
    if self.live then return false end
  end
  self.proc = C.start(env("LUNET_GNUPLOT") or "gnuplot")
  self.fresh = true
  return true
end

function Figure:died(last_words)
  if self.proc then self.proc:stop() end
  self.proc = nil
  if not self.warned then
    self.warned = true
    say(DIED)
    last_words = (last_words or ""):gsub("%s+$", "")
    if last_words ~= "" then say("plot: gnuplot said: " .. last_words) end
  end
  return nil
end

-- Runs a script; returns what gnuplot printed, or nil when it died. A death is said once (until a
-- drawing works again); a gnuplot that dies on its very first script is an error, not a death.
function Figure:run(script)
  if not self:ensure() then return self:died() end
  local out, err, last_words = self.proc:run(script)
  local fresh = self.fresh
  self.fresh = false
  if out == nil then
    if fresh then
      self.proc:stop()
      self.proc = nil
      last_words = (last_words or ""):gsub("%s+$", "")
      fail("plot: gnuplot (" .. (env("LUNET_GNUPLOT") or "gnuplot") .. ") exited as it started" ..
           (last_words ~= "" and (": " .. last_words) or ""))
    end
    return self:died(last_words)
  end
  self.warned = false
  report(err)
  return out
end

function Figure:pid() return self.proc and self.proc:alive() and self.proc:pid() or nil end

function Figure:stop()
  if self.proc then self.proc:stop() end
  self.proc = nil
end

current_figure = function()
  if not state.figure then state.figure = new_figure() end
  return state.figure
end

-- The text of a dumb drawing as lines: no form feed, no trailing blanks, no empty edges.
local function text_lines(out)
  out = out:gsub("^\f", "")
  local lines = {}
  for line in (out .. "\n"):gmatch("([^\n]*)\n") do lines[#lines + 1] = (line:gsub("%s+$", "")) end
  while #lines > 0 and lines[#lines] == "" do lines[#lines] = nil end
  while #lines > 0 and lines[1] == "" do table.remove(lines, 1) end
  return lines
end

local function default_file(term)
  return state.path or ("plot." .. term)
end

-- Draws spec on fig in the chosen terminal. In the text terminal with `over` set, the drawing
-- replaces the previous one of this figure on the screen (cursor moved up over it).
-- Returns the drawing's text (dumb) or the file written (png, svg), or nil if gnuplot died.
local function render(fig, sp, term, over)
  local mode = term == "dumb" and "text" or "graphic"
  local file = (term == "png" or term == "svg") and default_file(term) or nil
  local script = preamble(term, sp, file, fig) .. sp:script(mode) .. (file and "unset output\n" or "")
  local out = fig:run(script)
  if out == nil then return nil end
  if term == "dumb" then
    local lines = text_lines(out)
    local text = #lines > 0 and table.concat(lines, "\n") .. "\n" or ""
    local w = io.stdout
    if over and fig.lines > 0 then
      -- back to the top of the previous drawing, and clear from there down
      w:write(("\27[%dA\r\27[J"):format(fig.lines))
    end
    w:write(text)
    local footer = fig.footer or ""
    if footer ~= "" then w:write(footer, "\n") end
    w:flush()
    fig.lines = #lines + (fig.footer_lines or 0)
    plot.last_text = text
    return text
  elseif term == "sixel" then
    io.stdout:write(out)
    io.stdout:flush()
    return out
  elseif file then
    if not fig.said or fig.said ~= file then
      local where = file
      if not file:match("^/") and env("PWD") then where = env("PWD") .. "/" .. file end
      io.stdout:write("plot: wrote ", where, "\n")
      fig.said = file
    end
    return file
  end
  return true
end

-- Draws a spec as the current figure.
local function show(sp)
  local fig = current_figure()
  local term = resolve(state.term, fig)
  fig.lines = 0
  fig.said = nil
  render(fig, sp, term, false)
  state.last = sp
end

-- ---- plot kinds ----

local function check_opts(o, who)
  if o ~= nil and type(o) ~= "table" then fail(who .. ": options must be a table, got a " .. type(o)) end
  return o or {}
end

local function series_style(i, o)
  local color = COLORS[(i - 1) % #COLORS + 1]
  return ("lw %s lc rgb '%s'"):format(o.lw or 2, color)
end

-- plot.fn(f | {f1, f2, ...}, {from = -5, to = 5, n = 200, label | labels, title, ...})
-- f: a Lua function of a number, or a tensor -> tensor function (called with a linspace tensor).
local function eval_fn(f, a, b, n, i)
  local xs = {}
  for k = 1, n do xs[k] = n > 1 and a + (b - a) * (k - 1) / (n - 1) or a end
  local ok, r = pcall(f, xs[1])
  if ok and type(r) == "number" then
    local ys = {}
    for k = 1, n do
      local y = f(xs[k])
      if type(y) ~= "number" then
        fail(("plot.fn: function %d returned a %s at x = %s, expected a number"):format(i, type(y), num(xs[k])))
      end
      ys[k] = y
    end
    return ys
  end
  local err1 = not ok and tostring(r) or ("it returned a " .. type(r))
  local X = tensor.linspace(a, b, n)
  local ok2, Y = pcall(f, X)
  if not ok2 then
    fail(("plot.fn: function %d fails on a number (%s) and on a tensor (%s)"):format(i, err1, tostring(Y)))
  end
  if not is_tensor(Y) then
    fail(("plot.fn: function %d returned a %s for a tensor, expected a tensor"):format(i, type(Y)))
  end
  local ys = values(Y, "plot.fn")
  if #ys ~= n then
    fail(("plot.fn: function %d returned %d values for %d inputs"):format(i, #ys, n))
  end
  return ys
end

local function fn_spec(fs, o, default_labels, styles)
  local who = "plot.fn"
  local mt = getmetatable(fs)
  if type(fs) == "function" or (type(mt) == "table" and mt.__call and (type(fs) ~= "table" or #fs == 0)) then
    fs = { fs }
  end
  if type(fs) ~= "table" or #fs == 0 then fail(who .. ": expected a function or a list of functions") end
  local a, b = o.from or -5, o.to or 5
  if type(o.xrange) == "table" and o.from == nil and o.to == nil then a, b = o.xrange[1] or a, o.xrange[2] or b end
  local n = o.n or 200
  if type(a) ~= "number" or type(b) ~= "number" or not (b > a) then
    fail(who .. ": need from < to, got " .. tostring(a) .. " and " .. tostring(b))
  end
  if type(n) ~= "number" or n ~= math.floor(n) or n < 2 then fail(who .. ": n must be an integer >= 2") end
  n = math.floor(n)
  local cols = {}
  local xs = {}
  for k = 1, n do xs[k] = a + (b - a) * (k - 1) / (n - 1) end
  cols[1] = xs
  for i, f in ipairs(fs) do cols[i + 1] = eval_fn(f, a, b, n, i) end
  local labels = o.labels or (type(o.label) == "table" and o.label) or default_labels or {}
  local sp = spec(o)
  sp:data(C.columns("fn", table.unpack(cols)))
  sp:common(o, who)
  if not o.xrange then sp:cmd(("set xrange [%s:%s]"):format(num(a), num(b))) end
  sp:cmd("set xzeroaxis lt 1 lc rgb '#888888'; set yzeroaxis lt 1 lc rgb '#888888'", "graphic")
  sp:cmd("set offsets 0, 0, graph 0.05, graph 0.05")
  local parts, titled = {}, false
  for i = 1, #fs do
    local label = labels[i]
    if label == nil and #fs == 1 and (type(o.label) == "string" or o.label == false) then label = o.label end
    if label == nil then label = #fs == 1 and "f(x)" or ("f" .. i) end
    local title = label == false and "notitle" or ("title " .. q(label))
    titled = titled or label ~= false
    parts[i] = ("$fn using 1:%d with lines %s%s %s"):format(i + 1, series_style(i, o), styles and styles[i] or "", title)
  end
  if not titled then sp:cmd("unset key") end
  sp:cmd("plot " .. table.concat(parts, ", "))
  return sp
end

function plot.fn(f, opts)
  local o = check_opts(opts, "plot.fn")
  return show(fn_spec(f, o))
end

-- The activations of the lessons with their derivatives, in plain Lua so they need nothing else.
local ACTIVATIONS = {
  step = { function(x) return x > 0 and 1 or 0 end, function() return 0 end },
  sigmoid = { function(x) return 1 / (1 + math.exp(-x)) end,
              function(x) local s = 1 / (1 + math.exp(-x)); return s * (1 - s) end },
  tanh = { function(x) local e = math.exp(-2 * math.abs(x)); local t = (1 - e) / (1 + e); return x < 0 and -t or t end,
           function(x) local e = math.exp(-2 * math.abs(x)); local t = (1 - e) / (1 + e); return 1 - t * t end },
  relu = { function(x) return x > 0 and x or 0 end, function(x) return x > 0 and 1 or 0 end },
  linear = { function(x) return x end, function() return 1 end },
}

-- plot.activation(name [, opts]): the activation and its derivative on one figure.
-- leaky_relu takes opts.alpha (default 0.2, as tf.nn.leaky_relu).
function plot.activation(name, opts)
  local o = check_opts(opts, "plot.activation")
  local pair = ACTIVATIONS[name]
  if name == "leaky_relu" then
    local a = o.alpha or 0.2
    pair = { function(x) return x > 0 and x or a * x end, function(x) return x > 0 and 1 or a end }
  end
  if not pair then
    fail("plot.activation: unknown activation " .. q(name) .. "; use step, sigmoid, tanh, relu, leaky_relu or linear")
  end
  local o2 = {}
  for k, v in pairs(o) do o2[k] = v end
  o2.title = o.title or (name .. " and its derivative")
  o2.xlabel = o.xlabel or "x"
  o2.n = o.n or 401   -- odd: x = 0 is a sample, so step and relu bend exactly there
  return show(fn_spec({ pair[1], pair[2] }, o2, { name .. "(x)", name .. "'(x)" }, { "", " dt 2" }))
end

-- Reads x, y for the line plots: (y) alone plots against 1..n.
local function xy(x, y, who)
  local xs = values(x, who)
  if y == nil then
    local idx = {}
    for i = 1, #xs do idx[i] = i end
    return idx, xs
  end
  local ys = values(y, who)
  if #xs ~= #ys then fail(("%s: x has %d values and y has %d"):format(who, #xs, #ys)) end
  return xs, ys
end

-- plot.line(x, y [, opts]) or plot.line(y [, opts])
function plot.line(x, y, opts)
  if type(y) == "table" and not is_tensor(y) and opts == nil and (#y == 0) then y, opts = nil, y end
  local o = check_opts(opts, "plot.line")
  local xs, ys = xy(x, y, "plot.line")
  local sp = spec(o)
  sp:data(C.columns("line", xs, ys))
  sp:common(o, "plot.line")
  local title = o.label and ("title " .. q(o.label)) or "notitle"
  if not o.label then sp:cmd("unset key") end
  sp:cmd(("plot $line using 1:2 with lines %s %s"):format(series_style(1, o), title))
  return show(sp)
end

-- plot.lines({{x, y, label}, ...} [, opts]); an item may also be {y} or {x = , y = , label = }.
function plot.lines(list, opts)
  local o = check_opts(opts, "plot.lines")
  if type(list) ~= "table" or #list == 0 then fail("plot.lines: expected a list of {x, y, label}") end
  local sp = spec(o)
  local parts = {}
  for i, item in ipairs(list) do
    if type(item) ~= "table" or is_tensor(item) then fail(("plot.lines: item %d is not a {x, y, label} table"):format(i)) end
    local x, y, label = item.x or item[1], item.y or item[2], item.label or item[3]
    if type(y) == "string" then y, label = nil, y end
    local xs, ys = xy(x, y, "plot.lines")
    sp:data(C.columns("l" .. i, xs, ys))
    -- style = "points" shows data as dots beside fitted lines (a regression's data and its line)
    local style = item.style or "lines"
    if style ~= "lines" and style ~= "points" and style ~= "linespoints" then
      fail(("plot.lines: item %d: style must be \"lines\", \"points\" or \"linespoints\", got %s"):format(i, tostring(style)))
    end
    local marks = style == "lines" and "" or (" pt 7 ps %s"):format(o.pointsize or 1.2)
    parts[i] = ("$l%d using 1:2 with %s %s%s title %s"):format(i, style, series_style(i, o), marks,
                                                              q(label or ("line " .. i)))
  end
  sp:common(o, "plot.lines")
  sp:cmd("plot " .. table.concat(parts, ", "))
  return show(sp)
end

-- Points coloured by class, one legend entry per class: in pictures filled circles, in text the
-- class's digit (or letter) itself.
local MARKS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"

-- A class's colour: by its number (so class 1 has one colour in every plot), else by its place.
local function class_color(c, i)
  local k = (c == math.floor(c) and c >= 0) and c or i - 1
  return COLORS[math.floor(k) % #COLORS + 1]
end

local function class_points(sp, block, classes, titles, o)
  local parts = {}
  for i, c in ipairs(classes) do
    local color = class_color(c, i)
    local sel = ("($3 == %s ? $2 : NaN)"):format(num(c))
    parts[#parts + 1] = ("$%s using 1:%s with points pt 7 ps %s lc rgb '%s' title %s"):format(
      block, sel, o.pointsize or 1.2, color, q(titles[i]))
  end
  local tparts = {}
  for i, c in ipairs(classes) do
    -- the class number itself where it is one character, else the class's place in the list
    local m = (c == math.floor(c) and c >= 0 and c < #MARKS) and c or (i - 1) % #MARKS
    local mark = MARKS:sub(m + 1, m + 1)
    local sel = ("($3 == %s ? $2 : NaN)"):format(num(c))
    tparts[#tparts + 1] = ("$%s using 1:%s with points pt %s title %s"):format(block, sel, q(mark), q(titles[i]))
  end
  sp:cmd("set key outside top center horizontal", "text")
  return table.concat(parts, ", "), table.concat(tparts, ", ")
end

-- plot.scatter(x, y [, labels, opts]); x may be an [N, 2] tensor holding both coordinates.
function plot.scatter(x, y, labels, opts)
  if opts == nil and type(labels) == "table" and not is_tensor(labels) and #labels == 0 then labels, opts = nil, labels end
  if labels == nil and opts == nil and type(y) == "table" and not is_tensor(y) and #y == 0 then y, opts = nil, y end
  local o = check_opts(opts, "plot.scatter")
  local xs, ys
  if is_tensor(x) and x:dim() == 2 and x:size(2) == 2 and (y == nil or labels == nil) then
    local v = values(x, "plot.scatter")
    xs, ys = {}, {}
    for i = 1, #v // 2 do xs[i], ys[i] = v[2 * i - 1], v[2 * i] end
    if y ~= nil then labels = y end
  else
    if y == nil then fail("plot.scatter: expected x and y (or an [N,2] tensor)") end
    xs, ys = xy(x, y, "plot.scatter")
  end
  local n = #xs
  local cls = labels ~= nil and class_numbers(labels, n, "plot.scatter") or nil
  local sp = spec(o)
  sp:common(o, "plot.scatter")
  sp:cmd("set offsets graph 0.05, graph 0.05, graph 0.05, graph 0.05")
  if not cls then
    sp:data(C.columns("pts", xs, ys))
    local title = o.label and ("title " .. q(o.label)) or "notitle"
    if not o.label then sp:cmd("unset key") end
    sp:cmd(("plot $pts using 1:2 with points pt 7 ps %s lc rgb '%s' %s"):format(o.pointsize or 1.2, COLORS[1], title))
    return show(sp)
  end
  sp:data(C.columns("pts", xs, ys, cls))
  local classes, titles = classes_of(cls, o.names)
  local g, t = class_points(sp, "pts", classes, titles, o)
  sp:cmd("plot " .. g, "graphic")
  sp:cmd("plot " .. t, "text")
  return show(sp)
end

-- plot.hist(t [, bins = 20, opts]); opts.range = {lo, hi} bounds the bins.
function plot.hist(t, bins, opts)
  if type(bins) == "table" and opts == nil then bins, opts = nil, bins end
  local o = check_opts(opts, "plot.hist")
  bins = bins or o.bins or 20
  if type(bins) ~= "number" or bins < 1 or bins ~= math.floor(bins) then fail("plot.hist: bins must be a positive integer") end
  local v = values(t, "plot.hist")
  local lo, hi
  if o.range then lo, hi = o.range[1], o.range[2] else lo, hi = minmax(v) end
  if hi <= lo then lo, hi = lo - 0.5, hi + 0.5 end
  local width = (hi - lo) / bins
  local counts = {}
  for i = 1, bins do counts[i] = 0 end
  for i = 1, #v do
    local x = v[i]
    if x >= lo and x <= hi then
      local k = math.floor((x - lo) / width) + 1
      if k > bins then k = bins end   -- the top edge belongs to the last bin, as in numpy
      counts[k] = counts[k] + 1
    end
  end
  local centers = {}
  for i = 1, bins do centers[i] = lo + (i - 0.5) * width end
  local sp = spec(o)
  sp:data(C.columns("hist", centers, counts))
  sp:common(o, "plot.hist")
  if not o.ylabel then sp:cmd("set ylabel 'count'") end
  if not o.xrange then sp:cmd(("set xrange [%s:%s]"):format(num(lo), num(hi))) end
  sp:cmd("set yrange [0:*]")
  sp:cmd(("set boxwidth %s"):format(num(width)))
  sp:cmd("set style fill solid 0.6 border lc rgb '#1f4e79'")
  local title = o.label and ("title " .. q(o.label)) or "notitle"
  if not o.label then sp:cmd("unset key") end
  sp:cmd(("plot $hist using 1:2 with boxes lc rgb '%s' %s"):format(COLORS[1], title))
  return show(sp)
end

-- ---- images ----

-- Height and width of one image tensor: [H,W], [H,W,1], [1,H,W], or a flat square (784 -> 28x28).
-- Returns h, w, channels.
local function image_shape(img, who)
  if not is_tensor(img) then fail(who .. ": expected an image tensor, got a " .. type(img)) end
  local s = {}
  for _, d in ipairs(img:shape()) do s[#s + 1] = d end
  if #s == 3 and s[3] == 3 then return s[1], s[2], 3 end
  local kept = {}
  for _, d in ipairs(s) do if d ~= 1 then kept[#kept + 1] = d end end
  if #kept == 2 then return kept[1], kept[2], 1 end
  if #kept == 1 then
    local side = math.floor(math.sqrt(kept[1]) + 0.5)
    if side * side == kept[1] then return side, side, 1 end
  end
  local shape = "[" .. table.concat(s, ",") .. "]"
  fail(who .. ": an image is [H,W], [H,W,1], [H,W,3] or a square of pixels, got shape " .. shape)
end

-- Characters from no ink to full ink, for images in the text terminal.
local RAMP = " .:-=+*#%@"

-- Truncates a UTF-8 string to n characters.
local function clip(s, n)
  s = tostring(s)
  local len = utf8.len(s)
  if not len or len <= n then return s end
  return s:sub(1, (utf8.offset(s, n + 1) or #s + 1) - 1)
end

-- An image as a picture panel: its data block and the commands that draw it (row 1 at the top,
-- as the image is stored and as imshow shows it).
local function image_picture(sp, name, v, h, w, ch, lo, hi)
  if ch == 3 then
    local xs, ys, r, g, b = {}, {}, {}, {}, {}
    for i = 0, h - 1 do
      for j = 0, w - 1 do
        local k = (i * w + j) * 3
        xs[#xs + 1], ys[#ys + 1] = j, i
        r[#r + 1], g[#g + 1], b[#b + 1] = v[k + 1], v[k + 2], v[k + 3]
      end
    end
    sp:data(C.columns(name, xs, ys, r, g, b), "graphic")
  else
    sp:data(C.matrix(name, v, h, w), "graphic")
  end
  sp:cmd(("set xrange [-0.5:%s]; set yrange [%s:-0.5]"):format(num(w - 0.5), num(h - 0.5)), "graphic")
  sp:cmd("unset xtics; unset ytics; unset key; unset colorbox; set size ratio -1", "graphic")
  if ch == 3 then
    if hi <= 1 then sp:cmd("set rgbmax 1.0", "graphic") end
    sp:cmd(("plot $%s using 1:2:3:4:5 with rgbimage"):format(name), "graphic")
  else
    sp:cmd(("set cbrange [%s:%s]"):format(num(lo), num(hi)), "graphic")
    sp:cmd(("plot $%s matrix with image"):format(name), "graphic")
  end
end

-- The size in characters of an h x w image in a text panel of at most pw x ph characters, keeping
-- its shape (a character is about twice as tall as wide) and never larger than 2w x h.
local function text_cells(h, w, pw, ph)
  local cw, chh = math.min(2 * w, pw), math.min(h, ph)
  if cw * h > 2 * w * chh then cw = math.max(1, math.floor(chh * 2 * w / h + 0.5))
  else chh = math.max(1, math.floor(cw * h / (2 * w) + 0.5)) end
  return cw, chh
end

-- Area-averages an image into chh x cw character cells and appends, for each inked cell, a row
-- "x y level" (level 1..9 on RAMP) to xs, ys, ls, placed at column x0, row y0 of the canvas.
local function text_image(v, h, w, ch, lo, hi, invert, cw, chh, x0, y0, xs, ys, ls)
  for cj = 0, chh - 1 do
    local i0, i1 = cj * h / chh, (cj + 1) * h / chh
    for ci = 0, cw - 1 do
      local j0, j1 = ci * w / cw, (ci + 1) * w / cw
      local sum, area = 0, 0
      for i = math.floor(i0), math.min(math.ceil(i1), h) - 1 do
        local fy = math.min(i + 1, i1) - math.max(i, i0)
        for j = math.floor(j0), math.min(math.ceil(j1), w) - 1 do
          local f = fy * (math.min(j + 1, j1) - math.max(j, j0))
          local k = (i * w + j) * ch
          local px = v[k + 1]
          if ch == 3 then px = (v[k + 1] + v[k + 2] + v[k + 3]) / 3 end
          sum, area = sum + px * f, area + f
        end
      end
      local t = area > 0 and (sum / area - lo) / (hi - lo) or 0
      if invert then t = 1 - t end
      local level = math.floor(math.max(0, math.min(1, t)) * 9.999)
      if level > 0 then
        xs[#xs + 1], ys[#ys + 1], ls[#ls + 1] = x0 + ci, y0 + cj, level
      end
    end
  end
end

-- Images in the text terminal: one canvas of characters, exactly as big as the drawing, on which
-- gnuplot places one character per cell (no margins, one unit per character).
-- items: {{v = values, h, w, ch, caption}}; rows x cols panels.
local function text_canvas(sp, items, rows, cols, o, lo, hi, title)
  local tw, th = text_size(o)
  local top = title and 1 or 0
  local cap = 0
  for _, it in ipairs(items) do if it.caption then cap = 1 end end
  local gap = cols > 1 and 2 or 0
  local pw = math.max(1, math.floor((tw - (cols - 1) * gap) / cols))
  local ph = math.max(1, math.floor((th - top) / rows) - cap)
  local cw, chh = text_cells(items[1].h, items[1].w, pw, ph)
  local panel_w = cols > 1 and math.max(cw, math.min(pw, 12)) or cw
  local W = math.max(cols * panel_w + (cols - 1) * gap, title and math.min(utf8.len(title) or #title, tw) or 1, 8)
  local H = top + rows * (chh + cap)
  local xs, ys, ls = {}, {}, {}
  for n, it in ipairs(items) do
    local r, c = (n - 1) // cols, (n - 1) % cols
    local x0 = c * (panel_w + gap) + (panel_w - cw) // 2
    local y0 = top + r * (chh + cap)
    -- ink is ink: the terminal's own colours are the paper, so invert (dark ink on white paper
    -- in pictures) leaves text alone; inverted, a digit would be a hole in a block of @
    text_image(it.v, it.h, it.w, it.ch, lo, hi, false, cw, chh, x0, y0, xs, ys, ls)
    if it.caption then
      sp:cmd(("set label %s at %s, %d center"):format(q(clip(it.caption, panel_w)),
             num(c * (panel_w + gap) + (panel_w - 1) / 2), y0 + chh), "text")
    end
  end
  if title then sp:cmd(("set label %s at %s, 0 center"):format(q(clip(title, W)), num((W - 1) / 2)), "text") end
  sp:data(C.columns("canvas", xs, ys, ls), "text")
  sp.text_dims = { W, H }
  sp:cmd("set lmargin 0; set rmargin 0; set tmargin 0; set bmargin 0", "text")
  sp:cmd("unset border; unset tics; unset key; unset title", "text")
  sp:cmd(("set xrange [-0.5:%s]; set yrange [%s:-0.5]"):format(num(W - 0.5), num(H - 0.5)), "text")
  sp:cmd(("RAMP = %s"):format(q(RAMP)), "text")
  sp:cmd(#xs > 0 and "plot $canvas using 1:2:(substr(RAMP, $3 + 1, $3 + 1)) with labels"
                  or "plot NaN notitle", "text")
end

local function image_range(o, lo, hi)
  if o.range then lo, hi = o.range[1], o.range[2] end
  if hi <= lo then hi = lo + 1 end
  return lo, hi
end

-- plot.image(img [, opts]): a grey-scale image (row 1 at the top); opts.invert draws dark ink on
-- white paper (plt.cm.binary in the lectures); opts.range = {lo, hi} fixes the grey scale.
function plot.image(img, opts)
  local o = check_opts(opts, "plot.image")
  local h, w, ch = image_shape(img, "plot.image")
  local v = values(img, "plot.image")
  local lo, hi = image_range(o, minmax(v))
  local sp = spec(o, { 500, 500 })
  if o.title then sp:cmd("set title " .. q(o.title), "graphic") end
  if o.xlabel then sp:cmd("set xlabel " .. q(o.xlabel), "graphic") end
  sp:cmd(o.invert and "set palette gray negative" or "set palette gray", "graphic")
  image_picture(sp, "img", v, h, w, ch, lo, hi)
  text_canvas(sp, { { v = v, h = h, w = w, ch = ch } }, 1, 1, o, lo, hi, o.title)
  return show(sp)
end

local function batch_items(batch, who)
  if is_tensor(batch) then
    if batch:dim() < 2 then fail(who .. ": expected a batch of images [N,H,W] (or [N,H*W])") end
    return batch:size(1), function(i) return batch[i] end
  end
  if type(batch) ~= "table" then fail(who .. ": expected a batch tensor [N,H,W] or a list of images") end
  return #batch, function(i) return batch[i] end
end

-- plot.images(batch, {titles, rows, cols, invert, names, title}): a grid of images with a caption
-- under each, like the lecture's 4x4 grid of Fashion-MNIST items. titles may be strings, or class
-- numbers (a tensor or a table) named through opts.names.
function plot.images(batch, opts)
  local o = check_opts(opts, "plot.images")
  local n, get = batch_items(batch, "plot.images")
  if n == 0 then fail("plot.images: no images") end
  local cols = o.cols or (o.rows and math.ceil(n / o.rows)) or math.ceil(math.sqrt(math.min(n, 16)))
  local rows = o.rows or math.ceil(math.min(n, cols * cols) / cols)
  local count = math.min(n, rows * cols)
  local titles = {}
  if o.titles ~= nil then
    if is_tensor(o.titles) then
      titles = values(o.titles, "plot.images")
    elseif type(o.titles) == "table" then
      titles = o.titles
    else
      fail("plot.images: titles must be a list (or a tensor of class numbers)")
    end
  end
  local items, lo, hi = {}, math.huge, -math.huge
  for i = 1, count do
    local img = get(i)
    local h, w, ch = image_shape(img, "plot.images")
    local v = values(img, "plot.images")
    local a, b = minmax(v)
    lo, hi = math.min(lo, a), math.max(hi, b)
    local t = titles[i]
    if type(t) == "number" then
      t = (o.names and o.names[math.floor(t) + 1]) or (t == math.floor(t) and string.format("%d", t) or num(t))
    end
    items[i] = { v = v, h = h, w = w, ch = ch, caption = t ~= nil and tostring(t) or nil }
  end
  lo, hi = image_range(o, lo, hi)
  local sp = spec(o, { 200 * cols, 215 * rows + (o.title and 30 or 0) })
  sp:cmd(o.invert and "set palette gray negative" or "set palette gray", "graphic")
  local mp = ("set multiplot layout %d,%d"):format(rows, cols)
  if o.title then mp = mp .. " title " .. q(o.title) end
  sp:cmd(mp .. " margins 0.01,0.99,0.03," .. (o.title and "0.93" or "0.99") .. " spacing 0.02,0.07", "graphic")
  for i, it in ipairs(items) do
    if it.caption then
      sp:cmd("set xlabel " .. q(it.caption) .. " offset 0,0.5", "graphic")
    else
      sp:cmd("unset xlabel", "graphic")
    end
    image_picture(sp, "img" .. i, it.v, it.h, it.w, it.ch, lo, hi)
  end
  sp:cmd("unset multiplot", "graphic")
  text_canvas(sp, items, rows, cols, o, lo, hi, o.title)
  return show(sp)
end

-- ---- decision regions ----

local function lighten(hex, amount)   -- amount 0: the colour, 1: white
  local r, g, b = hex_rgb(hex)
  return r + (255 - r) * amount, g + (255 - g) * amount, b + (255 - b) * amount
end

-- Evaluates model_or_fn on an nx x ny grid: returns, per grid point, a class index (0-based) and a
-- confidence in [0,1], and the number of classes.
local function decide(model, xmin, xmax, ymin, ymax, nx, ny)
  local vals, k
  if type(model) == "function" then
    vals, k = {}, 1
    for j = 0, ny - 1 do
      local y = ymin + (ymax - ymin) * j / math.max(ny - 1, 1)
      for i = 0, nx - 1 do
        local x = xmin + (xmax - xmin) * i / math.max(nx - 1, 1)
        local v = model(x, y)
        if is_tensor(v) then v = v:item() end
        if type(v) ~= "number" then
          fail(("plot.boundary: f(%s, %s) returned a %s, expected a number"):format(num(x), num(y), type(v)))
        end
        vals[#vals + 1] = v
      end
    end
  else
    local mt = getmetatable(model)
    if not (mt and mt.__call) then fail("plot.boundary: expected a model or a function f(x, y), got a " .. type(model)) end
    local grid = C.grid(xmin, xmax, ymin, ymax, nx, ny)
    local call = function() return model(grid) end
    local ok, out
    if tensor.no_grad then ok, out = pcall(tensor.no_grad, call) else ok, out = pcall(call) end
    if not ok then fail("plot.boundary: the model failed on an [" .. nx * ny .. ",2] grid: " .. tostring(out)) end
    if not is_tensor(out) then fail("plot.boundary: the model returned a " .. type(out) .. ", expected a tensor") end
    local shape
    vals, shape = values(out, "plot.boundary")
    k = (#shape == 2 and shape[2]) or 1
    if #vals ~= nx * ny * k then
      fail(("plot.boundary: the model returned %d values for %d points"):format(#vals, nx * ny))
    end
  end
  local n = nx * ny
  local cls, conf = {}, {}
  if k > 1 then
    for p = 1, n do
      local best, bi = -math.huge, 0
      for c = 1, k do
        local v = vals[(p - 1) * k + c]
        if v > best then best, bi = v, c - 1 end
      end
      cls[p] = bi
      conf[p] = math.max(0, math.min(1, (best - 1 / k) / (1 - 1 / k)))
    end
    return cls, conf, k
  end
  -- one value per point: a probability of class 1, class numbers 0, 1, 2, ..., or a score with
  -- threshold 0 (a perceptron's weighted sum, or -1/1 labels)
  local lo, hi = minmax(vals)
  local integral = true
  for p = 1, n do if vals[p] ~= math.floor(vals[p]) then integral = false; break end end
  for p = 1, n do
    local v = vals[p]
    if lo >= 0 and hi <= 1 then
      cls[p], conf[p] = v > 0.5 and 1 or 0, math.abs(v - 0.5) * 2
    elseif integral and lo >= 0 then
      cls[p], conf[p] = v, 1
    else
      local s = 1 / (1 + math.exp(-v))
      cls[p], conf[p] = v > 0 and 1 or 0, math.abs(s - 0.5) * 2
    end
  end
  local kk = 2
  for p = 1, n do if cls[p] + 1 > kk then kk = cls[p] + 1 end end
  return cls, conf, kk
end

-- plot.boundary(model_or_fn, {xmin, xmax, ymin, ymax} [, points, labels, opts]): the plane coloured
-- by the predicted class (paler where the model is unsure), with the data points on top.
function plot.boundary(model, box, points, labels, opts)
  if opts == nil and type(labels) == "table" and not is_tensor(labels) and #labels == 0 and next(labels) then
    labels, opts = nil, labels
  end
  local o = check_opts(opts, "plot.boundary")
  if type(box) ~= "table" then fail("plot.boundary: expected the region {xmin, xmax, ymin, ymax}") end
  local xmin, xmax = box.xmin or box[1], box.xmax or box[2]
  local ymin, ymax = box.ymin or box[3], box.ymax or box[4]
  if not (type(xmin) == "number" and type(xmax) == "number" and type(ymin) == "number" and type(ymax) == "number"
          and xmax > xmin and ymax > ymin) then
    fail("plot.boundary: the region must be {xmin, xmax, ymin, ymax} with xmin < xmax and ymin < ymax")
  end
  local sp = spec(o, { 700, 600 })
  -- pictures get a fine grid of colours; text one grid point per character cell, which is all a
  -- screen of text can show
  local res = o.resolution or 100
  local tw, th = text_size(o)
  local cls, conf, k = decide(model, xmin, xmax, ymin, ymax, res, res)
  local gx, gy, r, g, b = {}, {}, {}, {}, {}
  for j = 0, res - 1 do
    for i = 0, res - 1 do
      local p = j * res + i + 1
      gx[p] = xmin + (xmax - xmin) * i / math.max(res - 1, 1)
      gy[p] = ymin + (ymax - ymin) * j / math.max(res - 1, 1)
      local color = COLORS[math.floor(cls[p]) % #COLORS + 1]
      r[p], g[p], b[p] = lighten(color, 0.9 - 0.45 * conf[p])
    end
  end
  sp:data(C.columns("grid", gx, gy, r, g, b), "graphic")
  local tk
  cls, conf, tk = decide(model, xmin, xmax, ymin, ymax, tw, th)
  if tk > k then k = tk end
  gx, gy = {}, {}
  for j = 0, th - 1 do
    for i = 0, tw - 1 do
      local p = j * tw + i + 1
      gx[p] = xmin + (xmax - xmin) * i / math.max(tw - 1, 1)
      gy[p] = ymin + (ymax - ymin) * j / math.max(th - 1, 1)
    end
  end
  sp:data(C.columns("tgrid", gx, gy, cls), "text")
  sp:common(o, "plot.boundary")
  sp:cmd(("set xrange [%s:%s]; set yrange [%s:%s]"):format(num(xmin), num(xmax), num(ymin), num(ymax)))
  sp:cmd("set size ratio -1", "graphic")
  sp:cmd("unset grid", "graphic")
  local region_g = "$grid using 1:2:3:4:5 with rgbimage notitle"
  local region_t = {}
  -- in text a region is a light background character per class, the first one blank
  local BG = " .:'~-`,;^"
  for c = 0, math.max(k - 1, 0) do
    local ch = BG:sub(c % #BG + 1, c % #BG + 1)
    region_t[#region_t + 1] = ("$tgrid using 1:($3 == %d ? $2 : NaN):(%s) with labels notitle"):format(c, q(ch))
  end
  local g_pts, t_pts = "", ""
  if points ~= nil then
    local v, shape
    if type(points) == "table" and type(points[1]) == "table" then   -- {{x, y}, ...}
      v, shape = {}, { #points, 2 }
      for i, p in ipairs(points) do v[2 * i - 1], v[2 * i] = p[1], p[2] end
    else
      v, shape = values(points, "plot.boundary")
    end
    if #shape ~= 2 or shape[2] ~= 2 then fail("plot.boundary: points must be an [N,2] tensor") end
    local n = shape[1]
    local xs, ys = {}, {}
    for i = 1, n do xs[i], ys[i] = v[2 * i - 1], v[2 * i] end
    local pc = labels ~= nil and class_numbers(labels, n, "plot.boundary") or nil
    if pc then
      sp:data(C.columns("pts", xs, ys, pc))
      local classes, titles = classes_of(pc, o.names)
      -- colours by class number, matching the regions
      local parts = {}
      for i, c in ipairs(classes) do
        local color = class_color(c, i)
        local sel = ("($3 == %s ? $2 : NaN)"):format(num(c))
        parts[#parts + 1] = ("$pts using 1:%s with points pt 7 ps %s lc rgb '%s' title %s"):format(
          sel, o.pointsize or 1.6, color, q(titles[i]))
      end
      parts[#parts + 1] = ("$pts using 1:2 with points pt 6 ps %s lc rgb '#222222' notitle"):format(o.pointsize or 1.6)
      g_pts = ", " .. table.concat(parts, ", ")
      local _, tp = class_points(sp, "pts", classes, titles, o)
      t_pts = ", " .. tp
    else
      sp:data(C.columns("pts", xs, ys))
      g_pts = ", $pts using 1:2 with points pt 7 ps 1.4 lc rgb '#222222' notitle"
      t_pts = ", $pts using 1:2:('o') with labels notitle"
    end
  end
  sp:cmd("plot " .. region_g .. g_pts, "graphic")
  sp:cmd("plot " .. table.concat(region_t, ", ") .. t_pts, "text")
  return show(sp)
end

-- ---- training history ----

-- plot.history(history [, opts]): loss and accuracy (train and validation) side by side, or every
-- metric of the history with its val_ partner.
function plot.history(history, opts)
  local o = check_opts(opts, "plot.history")
  if type(history) ~= "table" then fail("plot.history: expected the history table that fit returns") end
  local metrics = {}
  for key, v in pairs(history) do
    if type(key) == "string" and not key:match("^val_") and type(v) == "table" and #v > 0 then
      metrics[#metrics + 1] = key
    end
  end
  table.sort(metrics, function(a, b)
    if a == "loss" then return b ~= "loss" end
    if b == "loss" then return false end
    return a < b
  end)
  if #metrics == 0 then fail("plot.history: the history has no values (expected history.loss, ...)") end
  local sp = spec(o, { 500 * math.min(#metrics, 2), 420 })
  if #metrics > 1 then
    local mp = ("set multiplot layout 1,%d"):format(#metrics)
    if o.title then mp = mp .. " title " .. q(o.title) end
    sp:cmd(mp)
  elseif o.title then
    sp:cmd("set title " .. q(o.title))
  end
  for m, key in ipairs(metrics) do
    local train, val = history[key], history["val_" .. key]
    local epochs = {}
    for i = 1, #train do epochs[i] = i end
    sp:data(C.columns("h" .. m, epochs, train))
    local parts = { ("$h%d using 1:2 with linespoints pt 7 ps 0.6 %s title %s"):format(m, series_style(1, o), q(key)) }
    if type(val) == "table" and #val > 0 then
      local ve = {}
      for i = 1, #val do ve[i] = i end
      sp:data(C.columns("v" .. m, ve, val))
      parts[2] = ("$v%d using 1:2 with linespoints pt 7 ps 0.6 %s title %s"):format(m, series_style(2, o), q("val_" .. key))
    end
    if #metrics > 1 then sp:cmd("set title " .. q(key)) end
    sp:cmd("set xlabel " .. q(o.xlabel or "epoch"))
    sp:cmd("set ylabel " .. q(key))
    sp:cmd("set grid lc rgb '#dddddd'", "graphic")
    sp:cmd("set key " .. (key:find("acc") and "bottom right" or "top right"))
    sp:cmd(("set xrange [%s:%s]"):format(num(0.5), num(#train + 0.5)))
    sp:cmd("plot " .. table.concat(parts, ", "))
  end
  if #metrics > 1 then sp:cmd("unset multiplot") end
  return show(sp)
end

-- ---- confusion matrix ----

-- plot.confusion(matrix [, labels, opts]): rows are the true classes (first at the top), columns
-- the predicted ones; each cell shows its count.
function plot.confusion(m, labels, opts)
  if opts == nil and type(labels) == "table" and #labels == 0 and next(labels) then labels, opts = nil, labels end
  local o = check_opts(opts, "plot.confusion")
  local v, shape
  if type(m) == "table" and not is_tensor(m) then
    v, shape = {}, { #m, m[1] and #m[1] or 0 }
    for i = 1, #m do
      for j = 1, #m[i] do v[#v + 1] = m[i][j] end
    end
  else
    v, shape = values(m, "plot.confusion")
  end
  if #shape ~= 2 or shape[1] ~= shape[2] or #v ~= shape[1] * shape[2] then
    fail("plot.confusion: expected a square matrix (true x predicted), got shape [" .. table.concat(shape, ",") .. "]")
  end
  local k = shape[1]
  local lo, hi = minmax(v)
  local xs, ys, cs, text = {}, {}, {}, {}
  for i = 0, k - 1 do
    for j = 0, k - 1 do
      local c = v[i * k + j + 1]
      xs[#xs + 1], ys[#ys + 1], cs[#cs + 1] = j, i, c
      text[#text + 1] = c
    end
  end
  local integral = true
  for i = 1, #v do if v[i] ~= math.floor(v[i]) then integral = false; break end end
  local fmt = integral and "%.0f" or "%.2f"
  local sp = spec(o, { 700, 620 })
  sp:data(C.columns("cm", xs, ys, cs))
  sp:cmd("set title " .. q(o.title or "confusion matrix"))
  sp:cmd("set xlabel " .. q(o.xlabel or "predicted"))
  sp:cmd("set ylabel " .. q(o.ylabel or "true"))
  sp:cmd(("set xrange [-0.5:%s]; set yrange [%s:-0.5]"):format(num(k - 0.5), num(k - 0.5)))
  local tics = {}
  for i = 1, k do
    local name = labels and labels[i] or tostring(i - 1)
    tics[i] = q(name) .. " " .. (i - 1)
  end
  local ticlist = "(" .. table.concat(tics, ", ") .. ")"
  sp:cmd("set xtics " .. ticlist .. " rotate by 35 right", "graphic")
  sp:cmd("set xtics " .. ticlist, "text")
  sp:cmd("set ytics " .. ticlist)
  sp:cmd("set tics scale 0; unset key")
  sp:cmd("set size ratio -1", "graphic")
  sp:cmd("set palette defined (0 '#ffffff', 1 '#c6dbef', 2 '#6baed6', 3 '#2171b5', 4 '#08306b')", "graphic")
  sp:cmd(("set cbrange [%s:%s]"):format(num(math.min(lo, 0)), num(hi > lo and hi or lo + 1)), "graphic")
  sp:cmd(("mid = %s"):format(num((math.min(lo, 0) + hi) / 2)), "graphic")
  -- counts in white on the dark cells, in black on the light ones
  sp:cmd(("plot $cm using 1:2:3 with image, $cm using 1:2:(sprintf(%s, $3)):($3 > mid ? 0xffffff : 0x000000) " ..
          "with labels tc rgb variable font ',11'"):format(q(fmt)), "graphic")
  sp:cmd("set border; set grid noxtics noytics", "text")
  sp:cmd(("plot $cm using 1:2:(sprintf(%s, $3)) with labels"):format(q(fmt)), "text")
  return show(sp)
end

-- ---- terminals, saving, closing ----

-- plot.terminal([name [, path]]): sets (and returns) the terminal; path names the file for png/svg.
function plot.terminal(name, path)
  if name == nil then return state.term end
  if type(name) ~= "string" or not TERMINALS[name] then
    fail("plot.terminal: unknown terminal " .. q(tostring(name)) .. "; use auto, dumb, sixel, png, svg, qt, wxt or x11")
  end
  if name == "qt" or name == "wxt" or name == "x11" or name == "sixel" then
    local want = name == "sixel" and "sixelgd" or name
    local have = terminals()
    if not have[want] then
      local list = {}
      for t in pairs(have) do list[#list + 1] = t end
      table.sort(list)
      fail(("plot.terminal: this gnuplot has no %s terminal (install gnuplot-qt for windows); it has: %s")
           :format(q(want), table.concat(list, " ")))
    end
  end
  state.term = name
  state.path = path
  return name
end

local SAVE = { png = "png", svg = "svg", txt = "dumb", pdf = "pdf" }

-- plot.save(path [, opts]): the current figure again, into a file whose extension picks the format
-- (.png, .svg, .pdf, .txt for text); opts.width, opts.height.
function plot.save(path, opts)
  if type(path) ~= "string" then fail("plot.save: expected a file name such as 'figure.png'") end
  local o = check_opts(opts, "plot.save")
  local ext = (path:match("%.([%w]+)$") or ""):lower()
  local term = SAVE[ext]
  if not term then fail("plot.save: unknown file type " .. q(path) .. "; use .png, .svg, .pdf or .txt") end
  local sp = state.last
  if not sp then fail("plot.save: nothing drawn yet") end
  local saved = sp.opts
  local so = {}
  for k2, v2 in pairs(saved) do so[k2] = v2 end
  for k2, v2 in pairs(o) do so[k2] = v2 end
  sp.opts = so
  local fig = current_figure()
  local ok, err = pcall(function()
    if term == "dumb" then
      local out = fig:run(preamble("dumb", sp, nil, fig) .. sp:script("text"))
      if out == nil then fail("plot.save: gnuplot exited before writing " .. path) end
      local f, why = io.open(path, "w")
      if not f then fail("plot.save: " .. tostring(why)) end
      f:write(table.concat(text_lines(out), "\n"), "\n")
      f:close()
    else
      if term == "pdf" and not terminals(fig).pdfcairo then fail("plot.save: this gnuplot cannot write PDF") end
      local out = fig:run(preamble(term, sp, path, fig) .. sp:script("graphic") .. "unset output\n")
      if out == nil then fail("plot.save: gnuplot exited before writing " .. path) end
    end
  end)
  sp.opts = saved
  if not ok then error(err, 0) end
  return path
end

-- plot.close(): stops the current figure's gnuplot (its window closes).
function plot.close()
  if state.figure then state.figure:stop() end
  state.figure = nil
end

-- ---- live plots ----

local Live = {}
Live.__index = Live

-- live = plot.live{title, xlabel, ylabel, interval = 0.25 (seconds between redraws), ...}
-- live:add(x, y [, series]) appends a point; the figure is redrawn at most every `interval` seconds,
-- by one gnuplot process of its own, over its previous drawing in a text terminal.
-- live:close() draws the last state; the figure then becomes the current one (plot.save works).
function plot.live(opts)
  local o = check_opts(opts, "plot.live")
  local self = setmetatable({
    opts = o, series = {}, order = {}, fig = new_figure(true), last = -math.huge,
    interval = o.interval or 0.25, dirty = false, dead = false, closed = false, draws = 0,
  }, Live)
  return self
end

function Live:add(x, y, name)
  if self.closed then fail("live plot: add after close") end
  if type(x) ~= "number" then x = is_tensor(x) and x:item() or x end
  if type(y) ~= "number" then y = is_tensor(y) and y:item() or y end
  if type(x) ~= "number" or type(y) ~= "number" then
    fail("live:add: expected numbers x and y, got " .. type(x) .. " and " .. type(y))
  end
  name = name and tostring(name) or self.opts.label or "y"
  local s = self.series[name]
  if not s then
    s = { x = {}, y = {} }
    self.series[name] = s
    self.order[#self.order + 1] = name
  end
  s.x[#s.x + 1], s.y[#s.y + 1] = x, y
  self.dirty = true
  if C.now() - self.last >= self.interval then self:redraw() end
  return self
end

function Live:spec()
  local o = self.opts
  local sp = spec(o)
  local parts, tparts = {}, {}
  for i, name in ipairs(self.order) do
    local s = self.series[name]
    sp:data(C.columns("s" .. i, s.x, s.y))
    -- points show the epochs while there are few; in text they would only be noise
    local style = #s.x <= 60 and "linespoints pt 7 ps 0.6" or "lines"
    parts[i] = ("$s%d using 1:2 with %s %s title %s"):format(i, style, series_style(i, o), q(name))
    tparts[i] = ("$s%d using 1:2 with lines title %s"):format(i, q(name))
  end
  sp:common(o, "plot.live")
  if o.key == nil then sp:cmd("set key top right") end
  sp:cmd("plot " .. table.concat(parts, ", "), "graphic")
  sp:cmd("plot " .. table.concat(tparts, ", "), "text")
  return sp
end

-- Redraws now. A gnuplot that died is said once; the live plot then stops drawing (adds still
-- work), and the next plot starts a new gnuplot.
function Live:redraw()
  self.last = C.now()
  if self.dead or #self.order == 0 then return end
  local term = resolve(state.term, self.fig)
  -- text on a pipe (a log, a test) gets only the final drawing: escapes there are noise
  if term == "dumb" and not self.closing and not C.isatty(1) then return end
  local sp = self:spec()
  local r = render(self.fig, sp, term, true)
  if r == nil then
    self.dead = true
    self.fig:stop()
    return
  end
  self.dirty = false
  self.draws = self.draws + 1
  self.spec_last = sp
end

-- live:footer(text): lines shown under the drawing in a text terminal and redrawn with it, so
-- that progress printed while the plot updates (fit's epoch lines) is not scrolled over by it.
-- In a window or a file there is no footer: the caller prints as usual (see live:text()).
function Live:footer(text)
  local fig = self.fig
  fig.footer = text
  -- rows on the screen: a line longer than the terminal is wide wraps onto more rows
  local cols = C.termsize() or tonumber(env("COLUMNS") or "") or 80
  local rows = 0
  for line in (text .. "\n"):gmatch("([^\n]*)\n") do rows = rows + math.max(1, math.ceil(utf8.len(line) / cols)) end
  fig.footer_lines = text ~= "" and rows or nil
  self.dirty = true
  if C.now() - self.last >= self.interval then self:redraw() end
end

-- 1 when this live plot draws as text in this terminal (where a footer replaces printing).
function Live:text()
  return resolve(state.term, self.fig) == "dumb" and C.isatty(1)
end

-- The gnuplot process id of this live plot (nil when none runs), for tests and curious users.
function Live:pid() return self.fig:pid() end

function Live:close()
  if self.closed then return end
  self.closing = true
  if self.dirty or self.draws == 0 then self:redraw() end
  self.closed = true
  -- hand the process over as the current figure: a window stays up, plot.save works, and the
  -- figure before it is stopped, so processes never pile up
  if self.spec_last then
    if state.figure and state.figure ~= self.fig then state.figure:stop() end
    state.figure = self.fig
    state.last = self.spec_last
  else
    self.fig:stop()
  end
end
Live.finish = Live.close
Live.__close = Live.close
Live.__gc = function(self) if not self.closed then self.fig:stop() end end

return plot
