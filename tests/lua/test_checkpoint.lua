-- test_checkpoint.lua — model:save(path) and nn.load(path) from Lua: the loaded model predicts
-- the same numbers, keeps its compile settings, resumes training exactly, and damaged or foreign
-- files give errors naming the file.
local T = dofile("tests/lua/testlib.lua")
local lunet = rawget(_G, "lunet") or require "lunet"
local tensor, nn, optim = lunet.tensor, lunet.nn, lunet.optim

local dir = os.tmpname()
os.remove(dir)
local function path(name) return dir .. "_" .. name end

local function lecture_model()
  local m = nn.Sequential { nn.Flatten(), nn.Dense(16, "relu"), nn.Dropout(0.2), nn.Dense(4, "softmax") }
  m:build { 3, 3 }
  m:compile { optimizer = optim.Adam { lr = 0.01 }, loss = "categorical_crossentropy", metrics = { "accuracy" } }
  return m
end

-- x [n,3,3], y one-hot [n,4]: the class is the row of the largest element's column sum, roughly
local function problem(n)
  local x = tensor.rand(n, 3, 3)
  local s = x:sum(3):totable()
  local y = {}
  for i = 1, n do
    local best = 1
    for k = 2, 3 do if s[i][k] > s[i][best] then best = k end end
    local row = { 0, 0, 0, 0 }
    row[best] = 1
    y[i] = row
  end
  return x, tensor(y)
end

T.test("save then load: same layers, weights, settings and predictions", function()
  tensor.seed(11)
  local x, y = problem(120)
  local m = lecture_model()
  m:fit(x, y, { epochs = 3, batch_size = 16, verbose = 0 })
  local file = path("m.lunet")
  T.eq(m:save(file), m)
  local n = nn.load(file)
  T.eq(#n, 4)
  T.eq(tostring(n), tostring(m))
  T.eq(n.loss, "categorical_crossentropy")
  T.eq(n.optimizer.lr, m.optimizer.lr)
  local p, q = m:predict(x), n:predict(x)
  T.eq((p - q):abs():max():item(), 0)
  local pm, pn = m:parameters(), n:parameters()
  T.eq(#pn, 4)
  for k = 1, #pm do T.eq((pm[k] - pn[k]):abs():max():item(), 0) end
  local l1, a1 = m:evaluate(x, y, { verbose = 0 })
  local l2, a2 = n:evaluate(x, y, { verbose = 0 })
  T.eq(l1, l2); T.eq(a1, a2)
  os.remove(file)
end)

T.test("training resumed from a file gives the numbers of uninterrupted training", function()
  local file = path("resume.lunet")
  tensor.seed(12)
  local x, y = problem(160)
  local a = lecture_model()
  local full = a:fit(x, y, { epochs = 4, batch_size = 32, verbose = 0 })

  tensor.seed(12)
  x, y = problem(160)
  local b = lecture_model()
  local first = b:fit(x, y, { epochs = 2, batch_size = 32, verbose = 0 })
  b:save(file)
  b = nil
  local c = nn.load(file)
  local rest = c:fit(x, y, { epochs = 4, initial_epoch = 2, batch_size = 32, verbose = 0 })
  T.eq(first.loss[1], full.loss[1]); T.eq(first.loss[2], full.loss[2])
  T.eq(rest.loss[1], full.loss[3]); T.eq(rest.loss[2], full.loss[4])
  T.eq(rest.epoch[1], 3)
  T.eq((a:predict(x) - c:predict(x)):abs():max():item(), 0)
  os.remove(file)
end)

T.test("foreign, truncated and missing files are clear errors", function()
  local file = path("model.lunet")
  local f = assert(io.open(file, "wb"))
  f:write("print('hello')\n")
  f:close()
  T.raises(function() nn.load(file) end, "nn.load: " .. file .. " is not a lunet model file")
  tensor.seed(13)
  local m = lecture_model()
  m:save(file)
  f = assert(io.open(file, "rb"))
  local bytes = f:read("a")
  f:close()
  for _, len in ipairs { 0, 5, 8, 12, 100, #bytes // 2, #bytes - 1 } do
    f = assert(io.open(file, "wb"))
    f:write(bytes:sub(1, len))
    f:close()
    T.raises(function() nn.load(file) end, "nn.load: " .. file .. " is truncated")
  end
  os.remove(file)
  T.raises(function() nn.load(file) end, "nn.load: cannot open " .. file)
  T.raises(function() m:save("/nonexistent/dir/m.lunet") end, "save: cannot write /nonexistent/dir/m.lunet")
  T.raises(function() nn.load() end, "bad argument #1 to 'load'")
end)

T.test("an uncompiled model saves and loads, and nn.save is model:save", function()
  local file = path("plain.lunet")
  local m = nn.Sequential { nn.Dense(3, "tanh") }
  m:build { 2 }
  nn.save(m, file)
  local n = nn.load(file)
  T.eq(n.loss, nil)
  T.eq((m(tensor.ones(1, 2)) - n(tensor.ones(1, 2))):abs():max():item(), 0)
  T.raises(function() n:fit(tensor.ones(4, 2), tensor.ones(4, 3)) end, "fit: compile the model first")
  os.remove(file)
end)

T.test("every kind of layer round-trips: Conv2D, MaxPool2D, BatchNorm (with its moving statistics), RNNs", function()
  local file = path("deep.lunet")
  tensor.seed(14)
  local x = tensor.rand(16, 8, 8, 1)
  local y = {}
  for i = 1, 16 do y[i] = i % 5 end
  y = tensor(y)
  local m = nn.Sequential { nn.Conv2D(4, 3, { activation = "relu", padding = "same" }), nn.MaxPool2D(2), nn.BatchNorm(),
                            nn.Flatten(), nn.Dropout(0.1), nn.Dense(5, "softmax") }
  m:compile { optimizer = "adam", loss = "sparse_categorical_crossentropy", metrics = { "accuracy" } }
  m:fit(x, y, { epochs = 2, batch_size = 4, verbose = 0 })
  m:save(file)
  local n = nn.load(file)
  T.eq(tostring(n), tostring(m))
  T.eq((m:predict(x) - n:predict(x)):abs():max():item(), 0)   -- eval mode: the moving mean and variance
  local xs = tensor.rand(8, 5, 3)
  local ys = tensor { 0, 1, 0, 1, 1, 0, 1, 0 }
  for _, kind in ipairs { "SimpleRNN", "LSTM", "GRU" } do
    local r = nn.Sequential { nn[kind](4, { return_sequences = true }), nn[kind](3), nn.Dense(2, "softmax") }
    r:compile { optimizer = "rmsprop", loss = "sparse_categorical_crossentropy" }
    r:fit(xs, ys, { epochs = 1, verbose = 0 })
    r:save(file)
    local q = nn.load(file)
    T.eq(tostring(q), tostring(r), kind)
    T.eq((r:predict(xs) - q:predict(xs)):abs():max():item(), 0, kind)
  end
  os.remove(file)
end)

T.done()
