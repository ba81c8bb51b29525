-- test_plot.lua — plots through the real gnuplot: a PNG of every kind at the requested size, the
-- text drawing of a sigmoid, live plots (one process, a killed gnuplot), errors shown, no zombies.
-- Runs with LUNET_PLOT_TERM=dumb (tests/run.sh); text drawings are captured, not printed.
local T = dofile("tests/lua/testlib.lua")
local lunet = rawget(_G, "lunet") or require "lunet"
local plot, tensor = lunet.plot, lunet.tensor

local tmp = os.tmpname()
os.remove(tmp)
os.execute("mkdir -p '" .. tmp .. "'")

-- Runs fn with io.stdout and io.stderr swapped for collectors; returns what was written to each.
local function capture(fn)
  local out, err = {}, {}
  local function sink(buf)
    local f = {}
    function f.write(self, ...)
      for _, s in ipairs { ... } do buf[#buf + 1] = tostring(s) end
      return self
    end
    function f.flush() end
    return f
  end
  local so, se = io.stdout, io.stderr
  io.stdout, io.stderr = sink(out), sink(err)
  local ok, e = pcall(fn)
  io.stdout, io.stderr = so, se
  if not ok then error(e, 0) end
  return table.concat(out), table.concat(err)
end

-- Width and height from a PNG's IHDR chunk, after checking the signature and the closing IEND.
local function png_size(path)
  local f = io.open(path, "rb")
  if not f then return nil, "no file " .. path end
  local data = f:read("a")
  f:close()
  if #data < 33 or data:sub(1, 8) ~= "\137PNG\r\n\26\n" then return nil, path .. " is not a PNG" end
  if data:sub(13, 16) ~= "IHDR" then return nil, path .. " has no IHDR first" end
  if data:sub(-8, -5) ~= "IEND" then return nil, path .. " is cut short (no IEND)" end
  return string.unpack(">I4", data, 17), string.unpack(">I4", data, 21)
end

local function check_png(path, w, h)
  local gw, gh = png_size(path)
  if not gw then error(gh, 2) end
  T.eq(gw, w, path .. " width")
  T.eq(gh, h, path .. " height")
end

-- gnuplot children of this process: how many, how many of them zombies, and their pids.
local function my_pid()
  local f = io.open("/proc/self/stat")
  local pid = f:read("l"):match("^(%d+)")
  f:close()
  return pid
end
local function gnuplots()
  local me = my_pid()
  local n, zombies, pids = 0, 0, {}
  local ls = io.popen("ls /proc")
  for d in ls:lines() do
    if d:match("^%d+$") then
      local f = io.open("/proc/" .. d .. "/stat")
      if f then
        local st = f:read("l") or ""
        f:close()
        local comm, state, ppid = st:match("^%d+ %((.*)%) (%S) (%d+)")
        if ppid == me and comm ~= "sh" and comm ~= "ls" then
          if state == "Z" then zombies = zombies + 1 end
          if comm == "gnuplot" then n = n + 1; pids[#pids + 1] = tonumber(d) end
        end
      end
    end
  end
  ls:close()
  return n, zombies, pids
end

local function sigmoid(x) return 1 / (1 + math.exp(-x)) end

-- A model stand-in: callable, takes [N,2], returns [N,1] probabilities of "outside the circle".
local ring_model = setmetatable({}, { __call = function(_, x)
  local rows = x:totable()
  local out = {}
  for i, r in ipairs(rows) do out[i] = { sigmoid(3 * (r[1] * r[1] + r[2] * r[2] - 1)) } end
  return tensor(out)
end })
-- And one with three outputs (softmax-like scores), for the argmax path.
local three_model = setmetatable({}, { __call = function(_, x)
  local rows = x:totable()
  local out = {}
  for i, r in ipairs(rows) do
    local a, b, c = math.exp(r[1]), math.exp(r[2]), math.exp(-r[1] - r[2])
    local s = a + b + c
    out[i] = { a / s, b / s, c / s }
  end
  return tensor(out)
end })

local function ring_data()
  local pts, labels = {}, {}
  for i = 1, 40 do
    local a = i * 0.7
    local r = i % 2 == 0 and 0.5 or 1.6
    pts[i] = { r * math.cos(a), r * math.sin(a) }
    labels[i] = i % 2 == 0 and 0 or 1
  end
  return tensor(pts), tensor(labels)
end

local function digit()   -- a 28x28 "7": a bar at the top, a stroke down to the bottom left
  local img = {}
  for i = 1, 28 do
    img[i] = {}
    for j = 1, 28 do
      local bar = i >= 4 and i <= 6 and j >= 6 and j <= 22
      local stroke = i > 6 and i <= 25 and math.abs(j - (22 - (i - 6) * 0.6)) < 1.6
      img[i][j] = (bar or stroke) and 255 or 0
    end
  end
  return tensor(img)
end

-- Every plot kind, drawn into a PNG of the given size.
local kinds = {
  fn = function(o) plot.fn({ math.sin, function(x) return x:tanh() end }, o) end,
  activation = function(o) plot.activation("sigmoid", o) end,
  line = function(o) plot.line({ 1, 2, 3, 4 }, { 1, 4, 9, 16 }, o) end,
  lines = function(o) plot.lines({ { { 1, 2, 3 }, { 1, 2, 3 }, "a" }, { { 1, 2, 3 }, { 3, 2, 1 }, "b" } }, o) end,
  scatter = function(o) local x, y = ring_data(); plot.scatter(x, y, o) end,
  hist = function(o) plot.hist(tensor.randn(1000), 30, o) end,
  image = function(o) plot.image(digit(), o) end,
  images = function(o)
    local d = digit()
    plot.images({ d, d, d, d }, { titles = { "a", "b", "c", "d" }, rows = 2, cols = 2, width = o.width, height = o.height })
  end,
  boundary = function(o) local x, y = ring_data(); plot.boundary(ring_model, { -2, 2, -2, 2 }, x, y, o) end,
  history = function(o)
    plot.history({ loss = { 1, 0.5, 0.3 }, val_loss = { 1.1, 0.7, 0.5 }, accuracy = { 0.5, 0.7, 0.8 },
                   val_accuracy = { 0.4, 0.6, 0.7 } }, o)
  end,
  confusion = function(o) plot.confusion(tensor { { 5, 1 }, { 2, 7 } }, { "cat", "dog" }, o) end,
}
local names = {}
for k in pairs(kinds) do names[#names + 1] = k end
table.sort(names)

for i, name in ipairs(names) do
  T.test("plot." .. name .. " writes a PNG of the requested size", function()
    local path = ("%s/%s.png"):format(tmp, name)
    local w, h = 500 + 10 * i, 360 + 7 * i
    plot.terminal("png", path)
    local out = capture(function() kinds[name] { width = w, height = h, title = name } end)
    plot.terminal("dumb")
    T.truthy(out:find("plot: wrote " .. path, 1, true), "says where the file went, got " .. out)
    check_png(path, w, h)
  end)
end

T.test("png without a path writes plot.png in the current directory and says so", function()
  os.remove("plot.png")
  plot.terminal("png")
  local out = capture(function() plot.fn(math.cos, { width = 320, height = 240 }) end)
  plot.terminal("dumb")
  T.truthy(out:find("plot: wrote ", 1, true) and out:find("plot.png", 1, true), out)
  check_png("plot.png", 320, 240)
  os.remove("plot.png")
end)

T.test("the dumb drawing of sigmoid rises from bottom left to top right", function()
  capture(function() plot.fn(sigmoid, { label = false }) end)
  local text = plot.last_text
  T.truthy(text and #text > 0, "a text drawing")
  local lines = {}
  for l in text:gmatch("[^\n]*") do lines[#lines + 1] = l end
  T.truthy(#lines <= 24 and #lines >= 10, "fits an 80x24 screen, got " .. #lines .. " lines")
  local rows_by_col, cols = {}, {}
  for r, l in ipairs(lines) do
    T.truthy(#l <= 80, "line " .. r .. " is " .. #l .. " wide")
    for c in l:gmatch("()%*") do
      if not rows_by_col[c] then rows_by_col[c] = {}; cols[#cols + 1] = c end
      table.insert(rows_by_col[c], r)
    end
  end
  table.sort(cols)
  T.truthy(#cols > 40, "the curve spans the width, got " .. #cols .. " columns")
  local function mean_row(c)
    local s = 0
    for _, r in ipairs(rows_by_col[c]) do s = s + r end
    return s / #rows_by_col[c]
  end
  local first, last = mean_row(cols[1]), mean_row(cols[#cols])
  T.truthy(first - last >= 10, ("left end (row %.1f) well below the right end (row %.1f)"):format(first, last))
  -- never going down on the way (rows count downwards on the screen)
  local prev = math.huge
  for _, c in ipairs(cols) do
    local m = mean_row(c)
    T.truthy(m <= prev + 0.5, "the curve falls back at column " .. c)
    prev = m
  end
end)

T.test("plot.fn takes a tensor function (called with a linspace)", function()
  local seen
  capture(function()
    plot.fn(function(x) seen = x:shape()[1]; return x * 2 end, { n = 50, label = false })
  end)
  T.eq(seen, 50)
  T.truthy(plot.last_text:find("*", 1, true), "a curve was drawn")
end)

T.test("plot.activation knows the lesson's activations and names both curves", function()
  for _, name in ipairs { "step", "sigmoid", "tanh", "relu", "leaky_relu" } do
    capture(function() plot.activation(name) end)
    T.truthy(plot.last_text:find(name .. "(x)", 1, true), name .. " legend")
    T.truthy(plot.last_text:find(name .. "'(x)", 1, true), name .. "' legend")
  end
  T.raises(function() plot.activation("swish") end,
           "plot.activation: unknown activation 'swish'; use step, sigmoid, tanh, relu, leaky_relu or linear")
end)

T.test("a text image keeps row 1 at the top", function()
  capture(function() plot.image(digit(), { title = "seven" }) end)
  local lines = {}
  for l in plot.last_text:gmatch("[^\n]*") do lines[#lines + 1] = l end
  T.truthy(lines[1]:find("seven", 1, true), "title first")
  -- the 7's bar is at the top: the widest run of ink is in the first quarter of the rows
  local best, best_row = 0, 0
  for r = 2, #lines do
    local ink = select(2, lines[r]:gsub("[^ ]", ""))
    if ink > best then best, best_row = ink, r end
  end
  T.truthy(best_row <= 2 + #lines // 4, "the bar is drawn at row " .. best_row .. " of " .. #lines)
end)

T.test("plot.images captions each image in the text grid", function()
  local d = digit()
  capture(function() plot.images({ d, d, d, d }, { titles = { "one", "two", "three", "four" } }) end)
  for _, w in ipairs { "one", "two", "three", "four" } do
    T.truthy(plot.last_text:find(w, 1, true), "caption " .. w)
  end
end)

T.test("plot.boundary with a Lua function, a one-output model and a three-output model", function()
  local x, y = ring_data()
  capture(function() plot.boundary(function(a, b) return a > 0 and 1 or 0 end, { -2, 2, -2, 2 }, x, y) end)
  -- x > 0 is class 1, dotted; x < 0 is class 0, blank
  local left, right = 0, 0
  for l in plot.last_text:gmatch("[^\n]+") do
    local a, b = l:find("|", 1, true), l:find("|[^|]*$")
    if a and b and b > a + 2 then
      local inside = l:sub(a + 1, b - 1)
      local mid = #inside // 2
      left = left + select(2, inside:sub(1, mid - 2):gsub("%.", ""))
      right = right + select(2, inside:sub(mid + 2):gsub("%.", ""))
    end
  end
  T.truthy(right > 200 and left == 0, ("dots right of x = 0 only: %d left, %d right"):format(left, right))
  capture(function() plot.boundary(ring_model, { -2, 2, -2, 2 }, x, y) end)
  capture(function() plot.boundary(three_model, { -2, 2, -2, 2 }) end)
  T.raises(function() plot.boundary(ring_model, { 2, -2, -2, 2 }) end,
           "plot.boundary: the region must be {xmin, xmax, ymin, ymax} with xmin < xmax and ymin < ymax")
end)

T.test("plot.confusion writes the counts in the cells", function()
  capture(function() plot.confusion(tensor { { 51, 2 }, { 3, 74 } }, { "cat", "dog" }) end)
  for _, s in ipairs { "51", "74", "cat", "dog" } do T.truthy(plot.last_text:find(s, 1, true), s) end
end)

T.test("plot.save writes png, svg and txt from the last figure", function()
  capture(function() plot.activation("tanh") end)
  plot.save(tmp .. "/saved.png", { width = 400, height = 300 })
  check_png(tmp .. "/saved.png", 400, 300)
  plot.save(tmp .. "/saved.svg")
  local f = io.open(tmp .. "/saved.svg")
  local svg = f:read("a")
  f:close()
  T.truthy(svg:find("<svg", 1, true) and svg:find("tanh", 1, true), "an svg with the legend")
  plot.save(tmp .. "/saved.txt")
  f = io.open(tmp .. "/saved.txt")
  local txt = f:read("a")
  f:close()
  T.truthy(txt:find("tanh'(x)", 1, true) and not txt:find("\f", 1, true), "the text drawing, no form feed")
  T.raises(function() plot.save(tmp .. "/saved.doc") end,
           "plot.save: unknown file type '" .. tmp .. "/saved.doc'; use .png, .svg, .pdf or .txt")
end)

T.test("errors in arguments name the function", function()
  T.raises(function() plot.line({ 1, 2, 3 }, { 1, 2 }) end, "plot.line: x has 3 values and y has 2")
  T.raises(function() plot.terminal("windows") end,
           "plot.terminal: unknown terminal 'windows'; use auto, dumb, sixel, png, svg, qt, wxt or x11")
  T.raises(function() plot.image(tensor.zeros(2, 3, 4)) end,
           "plot.image: an image is [H,W], [H,W,1], [H,W,3] or a square of pixels, got shape [2,3,4]")
  T.raises(function() plot.fn(function() return "x" end) end,
           "plot.fn: function 1 returned a string for a tensor, expected a tensor")
  T.raises(function() plot.fn(function(x) return x.nofield.x end) end, "plot.fn: function 1 fails on a number (")
  T.raises(function() plot.lines({ { { 1, 2 }, { 3, 4 }, "a", style = "bars" } }) end,
           'plot.lines: item 1: style must be "lines", "points" or "linespoints", got bars')
end)

T.test("plot.lines draws a series as points when asked (data beside its fitted line)", function()
  plot.lines({ { { 1, 2, 3 }, { 2, 4, 5 }, "data", style = "points" }, { { 0, 4 }, { 0, 8 }, "fit" } })
  local text = plot.last_text or ""
  T.truthy(text:find("data", 1, true) and text:find("fit", 1, true), text)
end)

T.test("gnuplot's own error is shown as a Lua error, and the next plot works", function()
  local err = T.raises(function() capture(function() plot.fn(math.sin, { xrange = "[0:nosuchvariable]" }) end) end,
                       "plot: gnuplot: ")
  T.truthy(err:find("nosuchvariable", 1, true), "gnuplot's message names the problem: " .. err)
  capture(function() plot.fn(math.sin) end)
  T.truthy(plot.last_text:find("f(x)", 1, true))
end)

T.test("a live plot fed 1,000 points uses exactly one gnuplot", function()
  plot.close()
  local n0, z0 = gnuplots()
  T.eq(n0, 0, "gnuplots before")
  T.eq(z0, 0, "zombies before")
  plot.terminal("png", tmp .. "/live.png")
  local live = plot.live { title = "live", xlabel = "epoch", ylabel = "loss", interval = 0.05 }
  local most = 0
  capture(function()
    for i = 1, 1000 do
      live:add(i, 1 / i, "loss")
      live:add(i, 1.1 / i, "val_loss")
      if i % 100 == 0 then most = math.max(most, (gnuplots())) end
    end
    live:close()
  end)
  T.eq(most, 1, "gnuplots while it ran")
  T.truthy(live.draws >= 2, "redrawn more than once, got " .. live.draws)
  local n1, z1 = gnuplots()
  T.eq(n1, 1, "gnuplots after close (the live figure is now the current one)")
  T.eq(z1, 0, "zombies")
  check_png(tmp .. "/live.png", 800, 600)
  plot.close()
  plot.terminal("dumb")
  local n2, z2 = gnuplots()
  T.eq(n2, 0, "gnuplots after plot.close")
  T.eq(z2, 0, "zombies after plot.close")
end)

T.test("killing gnuplot mid-live-plot: said once, the loop goes on, the next plot starts anew", function()
  plot.close()
  plot.terminal("png", tmp .. "/killed.png")
  local live = plot.live { title = "killed", interval = 0 }
  local _, err = capture(function() live:add(1, 1, "loss") end)
  local pid = live:pid()
  T.truthy(pid, "a gnuplot runs")
  os.execute("kill -9 " .. pid)
  _, err = capture(function()
    for i = 2, 200 do live:add(i, 1 / i, "loss") end
    live:close()
  end)
  local _, times = err:gsub("plot: gnuplot exited; the next plot starts a new one", "")
  T.eq(times, 1, "the message, in: " .. err)
  local n, z = gnuplots()
  T.eq(z, 0, "the killed gnuplot was reaped")
  T.eq(n, 0, "no gnuplot left")
  capture(function() plot.fn(math.sin, { width = 300, height = 200 }) end)
  check_png(tmp .. "/killed.png", 300, 200)
  local n2, _, pids = gnuplots()
  T.eq(n2, 1, "a new gnuplot for the next plot")
  T.truthy(pids[1] ~= pid, "a new process")
  plot.close()
  plot.terminal("dumb")
end)

T.test("a live plot in text draws once at close when output is not a terminal", function()
  local live = plot.live { title = "text live", interval = 0 }
  local out = capture(function()
    for i = 1, 20 do live:add(i, i * i) end
    live:close()
  end)
  local _, copies = out:gsub("text live", "")
  T.eq(copies, 1, "one drawing")
  T.truthy(not out:find("\27[", 1, true), "no cursor movement on a pipe")
  plot.close()
end)

os.execute("rm -rf '" .. tmp .. "'")
T.done()
