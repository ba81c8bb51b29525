-- test_deep.lua — the deeper layers from Lua: Conv2D, MaxPool2D, BatchNorm, SimpleRNN, LSTM, GRU.
-- Constructors and their options, printing, summary() rows and parameter arithmetic, error
-- texts, gradient checks through the layers, BatchNorm's train/eval behaviour, a small CNN and an
-- LSTM learning toy tasks, and save/load round trips.
local T = dofile("tests/lua/testlib.lua")
local lunet = rawget(_G, "lunet") or require "lunet"
local nn, tensor, autograd, optim = lunet.nn, lunet.tensor, lunet.autograd, lunet.optim

local function quietly(fn)
  local saved = print
  print = function() end
  local r = table.pack(pcall(fn))
  print = saved
  if not r[1] then error(r[2], 2) end
  return table.unpack(r, 2, r.n)
end

local function lecture_cnn()
  return nn.Sequential({
    nn.Conv2D(32, 3, "relu", { input_shape = { 28, 28, 1 } }),
    nn.MaxPool2D(2),
    nn.Conv2D(64, 3, "relu"),
    nn.MaxPool2D(2),
    nn.Flatten(),
    nn.Dense(64, "relu"),
    nn.Dense(10, "softmax"),
  })
end

T.test("deep layers print as the lecture writes them", function()
  T.eq(tostring(nn.Conv2D(32, 3)), "Conv2D(? -> 32, 3x3, valid)")
  T.eq(tostring(nn.Conv2D(32, 3, "relu", { input_shape = { 28, 28, 1 } })), "Conv2D(1 -> 32, 3x3, relu, valid)")
  T.eq(tostring(nn.Conv2D(16, { 5, 3 }, { activation = "tanh", padding = "same", strides = 2 })),
       "Conv2D(? -> 16, 5x3, tanh, stride 2, same)")
  T.eq(tostring(nn.Conv2D { filters = 8, kernel_size = 3, activation = "relu", stride = { 2, 1 } }),
       "Conv2D(? -> 8, 3x3, relu, stride 2x1, valid)")
  T.eq(tostring(nn.MaxPool2D(2)), "MaxPool2D(2x2)")
  T.eq(tostring(nn.MaxPool2D()), "MaxPool2D(2x2)")
  T.eq(tostring(nn.MaxPool2D({ 3, 2 }, { strides = 1, padding = "same" })), "MaxPool2D(3x2, stride 1, same)")
  T.eq(tostring(nn.BatchNorm()), "BatchNorm(?)")
  T.eq(tostring(nn.BatchNorm({ momentum = 0.9, input_shape = { 10 } })), "BatchNorm(10, momentum=0.9)")
  T.eq(tostring(nn.SimpleRNN(4)), "SimpleRNN(? -> 4)")
  T.eq(tostring(nn.LSTM(16, { input_shape = { 10, 8 } })), "LSTM(8 -> 16)")
  T.eq(tostring(nn.GRU(8, { return_sequences = true, activation = "relu" })), "GRU(? -> 8, relu, return_sequences)")
  T.eq(tostring(nn.LSTM { units = 5 }), "LSTM(? -> 5)")
end)

T.test("deep layers expose their configuration by Keras' names", function()
  local c = nn.Conv2D(32, { 3, 5 }, { strides = 2, padding = "same" })
  T.eq(c.filters, 32)
  T.close(c.kernel_size, { 3, 5 })
  T.close(c.strides, { 2, 2 })
  T.eq(c.padding, "same")
  T.eq(c.activation, "linear")
  local p = nn.MaxPool2D(3)
  T.close(p.pool_size, { 3, 3 })
  T.close(p.strides, { 3, 3 })
  T.eq(p.activation, nil)
  local r = nn.LSTM(4, { return_sequences = true })
  T.eq(r.units, 4)
  T.eq(r.return_sequences, true)
  T.eq(r.activation, "tanh")
  local b = nn.BatchNorm({ input_shape = { 3 } })
  T.near(b.momentum, 0.99, 1e-6)
  T.near(b.epsilon, 1e-3, 1e-6)
  T.close(b.moving_mean, { 0, 0, 0 })
  T.close(b.moving_variance, { 1, 1, 1 })
  T.close(b.gamma, { 1, 1, 1 })
  T.eq(#b:parameters(), 2)   -- gamma and beta; the moving statistics are not trainable
end)

T.test("summary shows Keras' shapes and the parameter arithmetic of the lecture CNN", function()
  local m = lecture_cnn()
  local text, total = quietly(function() return m:summary_text() end)
  T.eq(total, 121930)   -- Keras: 320 + 18496 + 102464 + 650
  T.truthy(text:find("(None, 26, 26, 32)", 1, true), "conv output shape")
  T.truthy(text:find("3*3*1*32 + 32 = 320", 1, true), "first conv arithmetic")
  T.truthy(text:find("(None, 13, 13, 32)", 1, true), "pool output shape")
  T.truthy(text:find("3*3*32*64 + 64 = 18496", 1, true), "second conv arithmetic")
  T.truthy(text:find("(None, 5, 5, 64)", 1, true), "second pool")
  T.truthy(text:find("(None, 1600)", 1, true), "flatten")
  T.truthy(text:find("max_pooling2d", 1, true), "Keras-style names")
  local y = m(tensor.rand(3, 28, 28, 1))
  T.close(y:shape(), { 3, 10 })
  T.close(y:sum(2):totable(), { 1, 1, 1 }, 1e-5)
end)

T.test("recurrent parameter counts follow Keras' formulas", function()
  local function count(layer, shape)
    local m = nn.Sequential({ layer }, { input_shape = shape })
    return (quietly(function() return m:summary() end))
  end
  T.eq(count(nn.SimpleRNN(16), { 5, 8 }), 16 * (16 + 8 + 1))
  T.eq(count(nn.LSTM(16), { 5, 8 }), 1600)              -- 4*16*(16+8+1)
  T.eq(count(nn.GRU(16), { 5, 8 }), 3 * 16 * (16 + 8 + 2))
  local m = nn.Sequential({ nn.LSTM(16, { return_sequences = true }), nn.GRU(8), nn.Dense(1) }, { input_shape = { 10, 8 } })
  local text, total = quietly(function() return m:summary_text() end)
  T.eq(total, 1600 + 624 + 9)
  T.truthy(text:find("(None, 10, 16)", 1, true), "return_sequences shape")
  T.truthy(text:find("8*64 + 16*64 + 64 = 1600", 1, true), "LSTM arithmetic")
  T.truthy(text:find("16*24 + 8*24 + 2*24 = 624", 1, true), "GRU arithmetic with its two biases")
  T.close(m(tensor.randn(2, 10, 8)):shape(), { 2, 1 })
  local bn = nn.Sequential({ nn.Dense(4, "relu"), nn.BatchNorm() }, { input_shape = { 3 } })
  local text2, t2 = quietly(function() return bn:summary_text() end)
  T.eq(t2, 16 + 16)
  T.truthy(text2:find("Non-trainable params: 8", 1, true), "moving statistics are non-trainable")
end)

T.test("errors name the layer and the shapes", function()
  T.raises(function() nn.Conv2D(32, 3)(tensor.zeros(2, 784)) end,
           "Conv2D(? -> 32, 3x3, valid): expected input [N,H,W,C], got [N,784] — reshape to {-1, 28, 28, 1} first")
  T.raises(function() nn.Conv2D(32, 3)(tensor.zeros(2, 28, 28)) end,
           "add the channel dimension: reshape to {-1, 28, 28, 1}")
  T.raises(function() nn.LSTM(16)(tensor.zeros(2, 28, 28, 1)) end,
           "LSTM(? -> 16): expected input [N,T,F], got [N,28,28,1]")
  T.raises(function() nn.GRU(4)(tensor.zeros(2, 10)) end, "reshape to {-1, 10, 1}")
  T.raises(function() nn.Conv2D(32, 3, { padding = "full" }) end, "Conv2D: padding must be \"valid\" or \"same\", got 'full'")
  T.raises(function() nn.Conv2D(32) end, "Conv2D: expected nn.Conv2D(filters, kernel_size")
  T.raises(function() nn.Conv2D(32, 3, { filter = 2 }) end, "unknown option 'filter'")
  T.raises(function() nn.MaxPool2D(0) end, "MaxPool2D: pool_size must be positive")
  T.raises(function() nn.LSTM() end, "LSTM: units is missing")
  T.raises(function() nn.BatchNorm({ momentum = 1.5 }) end, "BatchNorm: momentum must be in [0, 1], got 1.5")
  local m = nn.Sequential({ nn.Conv2D(4, 5), nn.MaxPool2D(2) })
  T.raises(function() m:build({ 3, 3, 1 }) end, "Sequential layer 1: Conv2D(? -> 4, 5x5, valid): the 3x3 input is smaller than the 5x5 kernel")
  local lstm = nn.LSTM(3, { input_shape = { 5, 2 } })
  T.raises(function() lstm(tensor.zeros(4, 5, 3)) end, "LSTM(2 -> 3): expected input [N,T,F] = [N,5,2], got [N,5,3]")
end)

T.test("gradients through Conv2D, MaxPool2D and the recurrent layers pass gradcheck", function()
  tensor.seed(3)
  local conv = nn.Conv2D(2, 3, "tanh", { padding = "same", strides = 2, input_shape = { 5, 4, 2 } })
  local ok, err = autograd.gradcheck(function(x, k, b) return conv(x) end,
                                     { tensor.randn(2, 5, 4, 2), conv.kernel, conv.bias }, 2e-2)
  T.truthy(ok, "conv gradcheck, max error " .. tostring(err))
  for _, make in ipairs({ nn.SimpleRNN, nn.LSTM, nn.GRU }) do
    for _, rs in ipairs({ false, true }) do
      local r = make(3, { return_sequences = rs, input_shape = { 4, 2 } })
      local ps = r:parameters()
      ok, err = autograd.gradcheck(function(x) return r(x) end, { tensor.randn(2, 4, 2), ps[1], ps[2], ps[3] }, 2e-2)
      T.truthy(ok, tostring(r) .. " gradcheck, max error " .. tostring(err))
    end
  end
end)

T.test("BatchNorm normalizes with batch statistics in training and moving ones in evaluation", function()
  tensor.seed(5)
  local x = tensor.randn(64, 3) * 4 + 10
  local bn = nn.BatchNorm({ momentum = 0.5 })
  local y = bn(x)                                  -- training mode: batch statistics
  T.close(y:mean(1):totable(), { 0, 0, 0 }, 1e-4)
  T.close(y:std(1):totable(), { 1, 1, 1 }, 1e-3)
  local mean = x:mean(1):totable()
  for c = 1, 3 do T.near(bn.moving_mean[c], 0.5 * mean[c], 1e-4) end
  bn:eval()                                        -- evaluation: moving statistics, no update
  local before = bn.moving_mean:totable()
  local ye = bn(x)
  T.close(bn.moving_mean:totable(), before, 0)
  local mm, mv = bn.moving_mean:totable(), bn.moving_variance:totable()
  for c = 1, 3 do
    T.near(ye[1][c], (x[1][c] - mm[c]) / math.sqrt(mv[c] + 1e-3), 1e-4)
  end
  -- a model's train()/eval() reach its BatchNorm layers
  local m = nn.Sequential({ nn.Dense(3), nn.BatchNorm() }, { input_shape = { 3 } })
  m:eval()
  T.eq(m[2].training, false)
  m:train()
  T.eq(m[2].training, true)
end)

-- Toy images: 8x8 with a bright vertical (class 0) or horizontal (class 1) bar at a random place.
local function bars(n)
  local x = tensor.rand(n, 8, 8, 1) * 0.3
  local y = tensor.zeros(n)
  for i = 1, n do
    local horizontal = math.random() < 0.5
    local at = math.random(1, 8)
    for k = 1, 8 do
      if horizontal then x[i][at][k][1] = 1 else x[i][k][at][1] = 1 end
    end
    y[i] = horizontal and 1 or 0
  end
  return x, y
end

local function accuracy(pred, y)
  return pred:argmax(2):sub(1):eq(y):mean():item()
end

T.test("a small CNN learns to tell vertical from horizontal bars", function()
  tensor.seed(11); math.randomseed(11)
  local x, y = bars(256)
  local m = nn.Sequential({
    nn.Conv2D(8, 3, "relu", { input_shape = { 8, 8, 1 } }), nn.MaxPool2D(2), nn.Flatten(), nn.Dense(2, "softmax"),
  })
  local opt = optim.Adam(m:parameters(), { lr = 0.02 })
  for epoch = 1, 25 do
    for i = 1, 256, 32 do
      local xb, yb = x:narrow(1, i, 32), y:narrow(1, i, 32)
      opt:zero_grad()
      nn.losses.sparse_categorical_crossentropy(m(xb), yb):backward()
      opt:step()
    end
  end
  local xt, yt = bars(200)
  local acc = tensor.no_grad(function() return accuracy(m(xt), yt) end)
  T.truthy(acc >= 0.95, "test accuracy " .. acc)
end)

T.test("an LSTM learns the sign of a sequence's sum", function()
  tensor.seed(7)
  local function data(n)
    local x = tensor.rand(n, 8, 1) * 2 - 1
    local y = x:sum(2):gt(0)
    return x, y
  end
  local x, y = data(512)
  local m = nn.Sequential({ nn.LSTM(8, { input_shape = { 8, 1 } }), nn.Dense(1, "sigmoid") })
  local opt = optim.Adam(m:parameters(), { lr = 0.02 })
  for epoch = 1, 20 do
    for i = 1, 512, 64 do
      opt:zero_grad()
      nn.losses.binary_crossentropy(m(x:narrow(1, i, 64)), y:narrow(1, i, 64)):backward()
      opt:step()
    end
  end
  local xt, yt = data(300)
  local acc = tensor.no_grad(function() return m(xt):gt(0.5):eq(yt):mean():item() end)
  T.truthy(acc >= 0.9, "test accuracy " .. acc)
end)

T.test("compile and fit train a CNN with BatchNorm; evaluate uses the moving statistics", function()
  tensor.seed(13); math.randomseed(13)
  local x, y = bars(384)
  local m = nn.Sequential({
    nn.Conv2D(8, 3, { input_shape = { 8, 8, 1 }, padding = "same" }), nn.BatchNorm(), nn.ReLU(),
    nn.MaxPool2D(2), nn.Flatten(), nn.Dense(2, "softmax"),
  })
  m:compile { optimizer = optim.Adam { lr = 0.01 }, loss = "sparse_categorical_crossentropy", metrics = { "accuracy" } }
  local h = m:fit(x, y, { epochs = 8, batch_size = 32, verbose = 0 })
  T.truthy(h.accuracy[#h.accuracy] >= 0.95, "training accuracy " .. h.accuracy[#h.accuracy])
  T.truthy(m[2].moving_variance:min():item() ~= 1, "fit updated the moving statistics")
  local xt, yt = bars(200)
  local before = m[2].moving_mean:totable()
  local _, acc = m:evaluate(xt, yt, { verbose = 0 })
  T.truthy(acc >= 0.95, "test accuracy " .. acc)
  T.close(m[2].moving_mean:totable(), before, 0)   -- evaluation leaves them alone
  -- resumed from a file, the model and its optimizer go on as they were
  local path = os.tmpname()
  m:save(path)
  local m2 = nn.load(path)
  os.remove(path)
  local p1 = m:predict(xt)
  T.close(m2:predict(xt), p1:totable(), 1e-6)
  m:fit(x, y, { epochs = 1, batch_size = 32, verbose = 0, shuffle = false })
  m2:fit(x, y, { epochs = 1, batch_size = 32, verbose = 0, shuffle = false })
  T.close(m2[1].kernel, m[1].kernel:totable(), 1e-5)
end)

local function roundtrip(m, x, path)
  local want = tensor.no_grad(function() return m(x) end)
  m:save(path)
  local m2 = nn.load(path)
  os.remove(path)
  T.eq(tostring(m2), tostring(m))
  local got = tensor.no_grad(function() return m2(x) end)
  T.close(got, want:totable(), 1e-6)
  return m2
end

T.test("CNN with BatchNorm and LSTM models survive save and load", function()
  tensor.seed(9)
  local cnn = nn.Sequential({
    nn.Conv2D(4, 3, "relu", { input_shape = { 10, 10, 2 }, padding = "same", strides = 2 }),
    nn.BatchNorm({ momentum = 0.9 }), nn.MaxPool2D(2, { strides = 1 }), nn.Flatten(), nn.Dense(3, "softmax"),
  })
  cnn(tensor.randn(8, 10, 10, 2))   -- moves the moving statistics away from 0 and 1
  cnn:eval()
  local path = os.tmpname()
  local c2 = roundtrip(cnn, tensor.randn(4, 10, 10, 2), path)
  T.close(c2[2].moving_mean:totable(), cnn[2].moving_mean:totable(), 0)
  T.close(c2[2].moving_variance:totable(), cnn[2].moving_variance:totable(), 0)
  T.eq(c2[2].training, false)
  T.close(c2[1].strides, { 2, 2 })
  T.eq(c2[1].padding, "same")
  local rnn = nn.Sequential({
    nn.LSTM(5, { input_shape = { 6, 3 }, return_sequences = true }), nn.GRU(4), nn.Dense(2),
  })
  local r2 = roundtrip(rnn, tensor.randn(3, 6, 3), path)
  T.eq(r2[1].return_sequences, true)
  local s = nn.Sequential({ nn.SimpleRNN(3, { activation = "relu", input_shape = { 4, 2 } }) })
  local s2 = roundtrip(s, tensor.randn(2, 4, 2), path)
  T.eq(s2[1].activation, "relu")
end)

T.done()
