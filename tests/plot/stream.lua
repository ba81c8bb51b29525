-- stream.lua — the gnuplot command stream of every plot kind, as a recorder logs it.
-- Run by tests/repl/test_plot_gnuplot.sh with LUNET_GNUPLOT=tests/plot/record.sh and
-- LUNET_PLOT_LOG naming the log; each test draws one plot and checks the commands it sent.
local T = dofile("tests/lua/testlib.lua")
local lunet = rawget(_G, "lunet") or require "lunet"
local plot, tensor = lunet.plot, lunet.tensor

local LOG = assert(os.getenv("LUNET_PLOT_LOG"), "LUNET_PLOT_LOG names the recorder's log")
local seen = 0

-- What was sent since the previous call.
local function sent()
  local f = io.open(LOG, "rb")
  local all = f and f:read("a") or ""
  if f then f:close() end
  local new = all:sub(seen + 1)
  seen = #all
  return new
end

local function has(stream, ...)
  for _, want in ipairs { ... } do
    if not stream:find(want, 1, true) then
      error("the stream lacks " .. string.format("%q", want) .. "; it was:\n" .. stream, 2)
    end
  end
end

local function lacks(stream, ...)
  for _, bad in ipairs { ... } do
    if stream:find(bad, 1, true) then error("the stream should not have " .. string.format("%q", bad), 2) end
  end
end

sent()

T.test("stream: every drawing resets gnuplot, picks the terminal and ends with the sync marker", function()
  plot.fn(math.sin, { n = 3 })
  local s = sent()
  has(s, "unset multiplot\nreset\n", "set terminal dumb size 99,29\n", "set termoption noenhanced\n",
      "set output\n")
  T.truthy(s:match('print "LUNET_SYNC_%d+"\n$'), "the sync marker last")
end)

T.test("stream: plot.fn sends x and f(x) inline and draws lines with a legend", function()
  plot.fn({ function(x) return 2 * x end, function(x) return x * x end }, { from = -1, to = 1, n = 3, labels = { "twice", "square" }, title = "two" })
  has(sent(), "$fn << EOD\n-1 -2 1\n0 0 0\n1 2 1\nEOD\n", "set title 'two'\n", "set xrange [-1:1]\n",
      "plot $fn using 1:2 with lines lw 2 lc rgb '#1f77b4' title 'twice', $fn using 1:3 with lines lw 2 lc rgb '#ff7f0e' title 'square'\n")
end)

T.test("stream: plot.activation draws the derivative dashed, quotes doubled", function()
  plot.activation("relu", { n = 3, from = -1, to = 1 })
  has(sent(), "$fn << EOD\n-1 0 0\n0 0 0\n1 1 1\nEOD\n", "set title 'relu and its derivative'\n",
      "title 'relu(x)'", "dt 2 title 'relu''(x)'")
end)

T.test("stream: plot.line and plot.lines", function()
  plot.line({ 1, 2, 3 }, { 1, 4, 9 }, { xlabel = "x", ylabel = "y", yrange = { 0, 10 } })
  has(sent(), "$line << EOD\n1 1\n2 4\n3 9\nEOD\n", "set xlabel 'x'\n", "set ylabel 'y'\n", "set yrange [0:10]\n",
      "unset key\n", "plot $line using 1:2 with lines")
  plot.line(tensor { 5, 6 })
  has(sent(), "$line << EOD\n1 5\n2 6\nEOD\n")
  plot.lines({ { { 1, 2 }, { 3, 4 }, "up" }, { { 1, 2 }, { 4, 3 }, "down" } })
  has(sent(), "$l1 << EOD\n1 3\n2 4\nEOD\n", "$l2 << EOD\n1 4\n2 3\nEOD\n", "title 'up'", "title 'down'")
end)

T.test("stream: plot.scatter colours by class with one legend entry per class", function()
  plot.scatter(tensor { { 0, 0 }, { 0, 1 }, { 1, 0 }, { 1, 1 } }, tensor { { 0 }, { 1 }, { 1 }, { 0 } }, { names = { "off", "on" } })
  has(sent(), "$pts << EOD\n0 0 0\n0 1 1\n1 0 1\n1 1 0\nEOD\n",
      "plot $pts using 1:($3 == 0 ? $2 : NaN) with points pt '0' title 'off', $pts using 1:($3 == 1 ? $2 : NaN) with points pt '1' title 'on'\n")
end)

T.test("stream: plot.hist bins like numpy (the top edge in the last bin)", function()
  plot.hist({ 1, 1, 2, 3 }, 2)
  has(sent(), "$hist << EOD\n1.5 2\n2.5 2\nEOD\n", "set boxwidth 1\n", "with boxes")
end)

T.test("stream: plot.image in a picture: row 1 at the top, grey palette, invert", function()
  plot.terminal("png", "/dev/null")
  local img = tensor.zeros(3, 2)
  img[1][1] = 255
  plot.image(img, { title = "tiny" })
  local s = sent()
  has(s, "set terminal pngcairo size 500,500\n", "set output '/dev/null'\n", "$img << EOD\n255 0\n0 0\n0 0\nEOD\n",
      "set xrange [-0.5:1.5]; set yrange [2.5:-0.5]\n", "set palette gray\n", "set size ratio -1",
      "set cbrange [0:255]\n", "plot $img matrix with image\n", "unset output\n")
  lacks(s, "$canvas")
  plot.image(img, { invert = true })
  has(sent(), "set palette gray negative\n")
  plot.terminal("dumb")
end)

T.test("stream: plot.image in text: one character per cell on a canvas of its own size", function()
  local img = tensor.zeros(2, 2)
  img[1][1] = 255
  plot.image(img)
  local s = sent()
  -- a 2x2 image is 4 characters by 2 rows; the top-left pixel is the only ink, in row 0
  has(s, "set terminal dumb size 8,2\n", "$canvas << EOD\n0 0 9\n1 0 9\nEOD\n", "set yrange [1.5:-0.5]\n",
      "plot $canvas using 1:2:(substr(RAMP, $3 + 1, $3 + 1)) with labels\n")
  lacks(s, "with image")
end)

T.test("stream: plot.images makes a grid with a caption under each image", function()
  plot.terminal("png", "/dev/null")
  local a, b = tensor.zeros(2, 2), tensor.ones(2, 2)
  plot.images({ a, b, a, b }, { titles = { "zero", "one", "zero", "one" }, rows = 2, cols = 2, title = "grid" })
  has(sent(), "set multiplot layout 2,2 title 'grid'", "set xlabel 'zero' offset 0,0.5\n",
      "set xlabel 'one' offset 0,0.5\n", "plot $img4 matrix with image\n", "unset multiplot\n")
  plot.images(tensor.zeros(3, 4), { titles = tensor { 0, 1, 2 }, names = { "T-shirt", "Trouser", "Pullover" } })
  has(sent(), "set multiplot layout 2,2", "set xlabel 'Trouser'", "set xlabel 'Pullover'")
  plot.terminal("dumb")
end)

T.test("stream: plot.boundary sends a colour grid and the points by class", function()
  plot.terminal("png", "/dev/null")
  plot.boundary(function(x, y) return x > 0 and 1 or 0 end, { -1, 1, -1, 1 }, tensor { { -0.5, 0 }, { 0.5, 0 } },
                tensor { 0, 1 }, { resolution = 3 })
  local s = sent()
  -- class 0 pale blue left, class 1 pale orange right (x > 0); confidence 1 everywhere
  has(s, "$grid << EOD\n-1 -1 ", "plot $grid using 1:2:3:4:5 with rgbimage notitle",
      "$pts << EOD\n-0.5 0 0\n0.5 0 1\nEOD\n", "lc rgb '#1f77b4' title 'class 0'", "lc rgb '#ff7f0e' title 'class 1'")
  local rows = {}
  for row in s:match("%$grid << EOD\n(.-)EOD\n"):gmatch("[^\n]+") do rows[#rows + 1] = row end
  T.eq(#rows, 9, "a 3x3 grid")
  T.truthy(rows[1]:match("^%-1 %-1 (%S+)") + 0 < 200, "left is blue-ish: " .. rows[1])
  T.truthy(rows[3]:match("^1 %-1 (%S+)") + 0 > 200, "right is orange-ish: " .. rows[3])
  plot.terminal("dumb")
end)

T.test("stream: plot.history puts loss and accuracy side by side with their validation curves", function()
  plot.history({ loss = { 0.9, 0.5 }, val_loss = { 1, 0.7 }, accuracy = { 0.6, 0.8 }, val_accuracy = { 0.5, 0.7 } })
  has(sent(), "set multiplot layout 1,2\n", "$h1 << EOD\n1 0.9\n2 0.5\nEOD\n", "$v2 << EOD\n1 0.5\n2 0.7\nEOD\n",
      "set title 'loss'\n", "set title 'accuracy'\n", "title 'val_loss'", "title 'val_accuracy'", "unset multiplot\n")
end)

T.test("stream: plot.confusion puts true classes down, predicted across, counts in cells", function()
  plot.terminal("png", "/dev/null")
  plot.confusion(tensor { { 5, 1 }, { 2, 7 } }, { "cat", "dog" })
  has(sent(), "$cm << EOD\n0 0 5\n1 0 1\n0 1 2\n1 1 7\nEOD\n", "set yrange [1.5:-0.5]\n",
      "set xtics ('cat' 0, 'dog' 1) rotate by 35 right\n", "set ytics ('cat' 0, 'dog' 1)\n",
      "with image", "with labels tc rgb variable")
  plot.terminal("dumb")
end)

T.test("stream: a live plot redraws its series on one gnuplot and draws the last state at close", function()
  plot.terminal("png", "/dev/null")
  local live = plot.live { title = "live", xlabel = "epoch", ylabel = "loss", interval = 1e9 }
  live:add(1, 0.5, "loss")
  live:add(1, 0.6, "val_loss")
  live:add(2, 0.25, "loss")
  local first = sent()
  has(first, "$s1 << EOD\n1 0.5\nEOD\n")
  lacks(first, "$s2")
  live:close()
  has(sent(), "$s1 << EOD\n1 0.5\n2 0.25\nEOD\n", "$s2 << EOD\n1 0.6\nEOD\n", "title 'loss'", "title 'val_loss'")
  plot.terminal("dumb")
end)

T.test("stream: plot.save replays the last figure into the file's terminal", function()
  plot.fn(math.cos, { n = 3, title = "again" })
  sent()
  plot.save("/dev/null.svg")
  has(sent(), "set terminal svg size 800,600", "set output '/dev/null.svg'\n", "set title 'again'\n", "unset output\n")
end)

T.done()
