-- test_fit_plot.lua — fit{plot = true}: the live plot gets the loss and accuracy curves, a few
-- points within each epoch (at fractional epochs) and one per epoch, and a plot that fails only
-- stops the plot, never the training.
local T = dofile("tests/lua/testlib.lua")
local lunet = rawget(_G, "lunet") or require "lunet"
local tensor, nn, plot = lunet.tensor, lunet.nn, lunet.plot

local function setup()
  tensor.seed(21)
  local x = tensor.rand(2000, 4)
  local y = x:narrow(2, 1, 1):gt(0.5):reshape(2000)
  local m = nn.Sequential { nn.Dense(8, "relu"), nn.Dense(2, "softmax") }
  m:build { 4 }
  m:compile { optimizer = "adam", loss = "sparse_categorical_crossentropy", metrics = { "accuracy" } }
  return m, x, y
end

-- Replaces plot.live for the duration of fn with a recorder (or with `make`).
local function with_live(make, fn)
  local real = plot.live
  plot.live = make
  local ok, err = pcall(fn)
  plot.live = real
  if not ok then error(err, 0) end
end

T.test("plot = true draws loss, accuracy and their validation curves, per epoch and within", function()
  local m, x, y = setup()
  local points, opened, closed = {}, nil, false
  with_live(function(opts)
    opened = opts
    return {
      add = function(_, px, py, series) points[#points + 1] = { px, py, series } end,
      close = function() closed = true end,
    }
  end, function()
    m:fit(x, y, { epochs = 3, batch_size = 1, validation_split = 0.1, verbose = 0, plot = true })
  end)
  T.eq(opened.xlabel, "epoch")
  T.truthy(closed, "the live plot is closed at the end")
  local per_series, fractional = {}, 0
  for _, p in ipairs(points) do
    per_series[p[3]] = (per_series[p[3]] or 0) + 1
    if p[1] ~= math.floor(p[1]) then fractional = fractional + 1 end
    T.truthy(p[1] > 0 and p[1] <= 3, "x is an epoch number")
  end
  T.eq(per_series.val_loss, 3); T.eq(per_series.val_accuracy, 3)
  T.truthy(per_series.loss >= 3 and per_series.accuracy >= 3)
  T.truthy(fractional >= 3, "points within epochs are at fractional epochs")
end)

T.test("a live plot that fails is reported once and training goes on", function()
  local m, x, y = setup()
  local h
  local calls = 0
  with_live(function()
    return { add = function() calls = calls + 1; error("gnuplot went away") end, close = function() end }
  end, function()
    h = m:fit(x, y, { epochs = 3, verbose = 0, plot = true })
  end)
  T.eq(#h.loss, 3)
  T.eq(calls, 1)
end)

T.test("plot = true with the real plot module (text terminal) trains and returns", function()
  local m, x, y = setup()
  local h = m:fit(x, y, { epochs = 2, verbose = 0, plot = true })
  T.eq(#h.loss, 2)
  plot.close()
end)

T.done()
