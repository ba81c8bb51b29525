-- test_fit.lua — model:fit / evaluate / predict from Lua: the history table, the Keras-style lines
-- printed for verbose 1 and 2, callbacks (stopping, errors, Ctrl-C raised inside them), early
-- stopping, validation data, and the error messages of the usual mix-ups.
local T = dofile("tests/lua/testlib.lua")
local lunet = rawget(_G, "lunet") or require "lunet"
local tensor, nn, data, optim = lunet.tensor, lunet.nn, lunet.data, lunet.optim

-- Points in the unit square labelled by which of three sectors around the centre they fall in.
local function sectors(n)
  local x = tensor.rand(n, 2)
  local xs, ys = x:totable(), {}
  for i = 1, n do
    local a = math.atan(xs[i][2] - 0.5, xs[i][1] - 0.5) + math.pi
    ys[i] = math.min(2, math.floor(a / (2 * math.pi / 3)))
  end
  return x, tensor(ys)
end

local function model(loss, lr)
  local m = nn.Sequential { nn.Dense(32, "relu"), nn.Dense(3, "softmax") }
  m:build { 2 }
  m:compile { optimizer = optim.Adam { lr = lr or 0.02 }, loss = loss or "sparse_categorical_crossentropy",
              metrics = { "accuracy" } }
  return m
end

-- Runs fn with everything written to io.stdout collected; returns the text and fn's results.
local function capture(fn)
  local real, buf = io.stdout, {}
  io.stdout = { write = function(_, ...) for _, s in ipairs { ... } do buf[#buf + 1] = s end end, flush = function() end }
  local res = table.pack(pcall(fn))
  io.stdout = real
  if not res[1] then error(res[2], 0) end
  return table.concat(buf), table.unpack(res, 2, res.n)
end

T.test("fit learns and returns the history as Keras' history.history", function()
  tensor.seed(1)
  local x, y = sectors(600)
  local m = model()
  local h = m:fit(x, y, { epochs = 30, batch_size = 32, verbose = 0 })
  T.eq(#h.loss, 30); T.eq(#h.accuracy, 30); T.eq(#h.epoch, 30); T.eq(#h.seconds, 30)
  T.eq(h.epoch[1], 1); T.eq(h.epoch[30], 30)
  T.eq(h.val_loss, nil)
  T.truthy(h.loss[30] < h.loss[1] / 2, "the loss halves")
  T.truthy(h.accuracy[30] > 0.9, "accuracy " .. h.accuracy[30])
  T.eq(m.history, h)
  T.eq(h.history.loss, h.loss)        -- Keras' history.history.loss works too
  T.truthy(tostring(h):find("^History %(30 epochs%), loss "))
  local loss, acc = m:evaluate(x, y, { verbose = 0 })
  T.truthy(acc > 0.9 and loss < 0.4)
  local p = m:predict(x)
  T.eq(p:shape()[1], 600); T.eq(p:shape()[2], 3)
  T.near(p:sum(2):mean():item(), 1, 1e-5)
  -- evaluate agrees with the loss computed by hand on the predictions
  T.near(loss, nn.losses.sparse_categorical_crossentropy(p, y):item(), 1e-5)
  local right = (p:argmax(2) - 1):eq(y):sum():item()
  T.near(acc, right / 600, 1e-9)
end)

T.test("validation_split validates on the last rows, validation_data on the given ones", function()
  tensor.seed(2)
  local x, y = sectors(400)
  local m = model()
  local h = m:fit(x, y, { epochs = 2, batch_size = 50, validation_split = 0.25, verbose = 0 })
  T.eq(#h.val_loss, 2); T.eq(#h.val_accuracy, 2)
  local vl, va = m:evaluate(x:narrow(1, 301, 100), y:narrow(1, 301, 100), { verbose = 0 })
  T.near(h.val_loss[2], vl, 1e-6); T.near(h.val_accuracy[2], va, 1e-9)
  local xv, yv = sectors(50)
  h = m:fit(x, y, { epochs = 1, validation_data = { xv, yv }, verbose = 0 })
  vl = m:evaluate(xv, yv, { verbose = 0 })
  T.near(h.val_loss[1], vl, 1e-6)
end)

T.test("verbose = 1 prints Epoch k/n and Keras' progress line; verbose = 2 one line per epoch", function()
  tensor.seed(3)
  local x, y = sectors(100)
  local m = model()
  local out = capture(function() m:fit(x, y, { epochs = 2, batch_size = 32, validation_split = 0.2 }) end)
  -- not a terminal: one plain line per epoch
  T.truthy(out:find("^Epoch 1/2\n3/3 %[==============================%] %- %d+s %d+[mu]?s/step %- loss: %d%.%d%d%d%d %- accuracy: %d%.%d%d%d%d %- val_loss: %d%.%d%d%d%d %- val_accuracy: %d%.%d%d%d%d\nEpoch 2/2\n"), out)
  T.eq(select(2, out:gsub("\n", "")), 4)
  T.eq(out:find("\r", 1, true), nil)
  out = capture(function() m:fit(x, y, { epochs = 2, batch_size = 32, verbose = 2 }) end)
  T.truthy(out:find("^Epoch 1/2\n4/4 %- %d+s %- loss: %d%.%d+ %- accuracy: %d%.%d+ %- %d+[mu]?s/epoch %- %d+[mu]?s/step\n"), out)
  out = capture(function() m:fit(x, y, { epochs = 2, verbose = 0 }) end)
  T.eq(out, "")
  out = capture(function() m:evaluate(x, y) end)
  T.truthy(out:find("^4/4 %[==============================%] %- %d+s %d+[mu]?s/step %- loss: %d%.%d%d%d%d %- accuracy: %d%.%d%d%d%d\n$"), out)
end)

T.test("the progress line while an epoch runs, as keras.utils.Progbar draws it", function()
  local line = lunet._train.progress_line
  local s = { epoch = 3, epochs = 10, batch = 45, batches = 329, loss = 0.55341, accuracy = 0.80664, seconds = 0.2, done = false }
  T.eq(line(s, 1), " 45/329 [===>..........................] - ETA: 1s - loss: 0.5534 - accuracy: 0.8066")
  s.batch, s.done, s.seconds, s.val_loss, s.val_accuracy = 329, true, 1.2, 0.3794, 0.86304
  T.eq(line(s, 1), "329/329 [==============================] - 1s 4ms/step - loss: 0.5534 - accuracy: 0.8066 - val_loss: 0.3794 - val_accuracy: 0.8630")
  s.loss = 0.00012345
  T.truthy(line(s, 1):find("loss: 1.2345e%-04"))
  T.eq(lunet._train.bar(0, 10), "[..............................]")
  T.eq(lunet._train.bar(10, 10), "[==============================]")
end)

T.test("callback(epoch, logs) sees each epoch; returning false stops training", function()
  tensor.seed(4)
  local x, y = sectors(100)
  local m = model()
  local seen = {}
  local h = m:fit(x, y, { epochs = 10, verbose = 0, validation_split = 0.2, callback = function(epoch, logs)
    seen[#seen + 1] = { epoch, logs.loss, logs.accuracy, logs.val_loss, logs.val_accuracy }
    if epoch == 3 then return false end
  end })
  T.eq(#seen, 3); T.eq(#h.loss, 3)
  T.eq(seen[2][1], 2); T.eq(seen[2][2], h.loss[2]); T.eq(seen[3][5], h.val_accuracy[3])
end)

T.test("an error in the callback is raised by fit, and the model stays usable", function()
  tensor.seed(5)
  local x, y = sectors(100)
  local m = model()
  T.raises(function() m:fit(x, y, { epochs = 3, verbose = 0, callback = function() error("boom") end }) end, "boom")
  local h = m:fit(x, y, { epochs = 1, verbose = 0 })
  T.eq(#h.loss, 1)
end)

T.test("Ctrl-C inside a callback stops training like Ctrl-C in C: the history so far comes back", function()
  tensor.seed(6)
  local x, y = sectors(100)
  local m = model()
  local out, h = capture(function()
    return m:fit(x, y, { epochs = 5, batch_size = 25, verbose = 1, callback = function(epoch)
      if epoch == 2 then error("interrupted!") end
    end })
  end)
  T.eq(#h.loss, 2)
  T.truthy(out:find("Training interrupted (Ctrl-C) at epoch 2, batch 4/4 — the model keeps its weights\n", 1, true), out)
  T.eq(#m:fit(x, y, { epochs = 1, verbose = 0 }).loss, 1)
end)

T.test("early stopping: patience, monitor, and the best weights put back", function()
  tensor.seed(7)
  local x, y = sectors(300)
  -- validation labels that contradict the training labels: val_loss is best early, then grows
  local yv = {}
  for i, c in ipairs(y:totable()) do yv[i] = (c + 1) % 3 end
  yv = tensor(yv)
  local m = model()
  local out, h = capture(function()
    return m:fit(x, y, { epochs = 40, validation_data = { x, yv }, patience = 2 })
  end)
  local best = 1
  for k = 2, #h.val_loss do if h.val_loss[k] < h.val_loss[best] then best = k end end
  T.eq(#h.loss, best + 2)
  T.truthy(out:find(("Epoch %d: early stopping\nRestoring model weights from the end of the best epoch: %d.\n"):format(best + 2, best), 1, true), out)
  T.near(m:evaluate(x, yv, { verbose = 0 }), h.val_loss[best], 1e-6)
  T.raises(function() m:fit(x, y, { epochs = 2, patience = 1, monitor = "val_loss", verbose = 0 }) end,
    "fit: early stopping monitors val_loss, but there is no validation data")
  T.raises(function() m:fit(x, y, { epochs = 2, monitor = "loss", verbose = 0 }) end, "give patience too")
  T.raises(function() m:fit(x, y, { epochs = 2, patience = 1, monitor = "los" }) end,
    'fit: monitor must be "val_loss", "val_accuracy", "loss" or "accuracy", got los')
end)

T.test("initial_epoch continues the epoch count", function()
  tensor.seed(8)
  local x, y = sectors(64)
  local m = model()
  local h = m:fit(x, y, { epochs = 5, initial_epoch = 3, verbose = 0 })
  T.eq(#h.loss, 2); T.eq(h.epoch[1], 4); T.eq(h.epoch[2], 5)
end)

T.test("errors name the mix-up and say what to do", function()
  tensor.seed(9)
  local x, y = sectors(50)
  local m = nn.Sequential { nn.Dense(3, "softmax") }
  m:build { 2 }
  T.raises(function() m:fit(x, y) end,
    'fit: compile the model first, e.g. model:compile{optimizer = "adam", loss = "categorical_crossentropy", metrics = {"accuracy"}}')
  T.raises(function() m:evaluate(x, y) end, "evaluate: compile the model first")
  m:compile { optimizer = "adam", loss = "categorical_crossentropy", metrics = { "accuracy" } }
  T.raises(function() m:fit(x, y, { verbose = 0 }) end,
    "fit: y has shape [50] (integer class labels) but the loss is categorical_crossentropy, which takes one-hot rows [N,3]: use data.one_hot(y, 3)")
  T.raises(function() m:fit(x, y:narrow(1, 1, 40), { verbose = 0 }) end, "fit: x has 50 rows but y has 40")
  m:compile { optimizer = "adam", loss = "sparse_categorical_crossentropy", metrics = { "accuracy" } }
  T.raises(function() m:fit(x, data.one_hot(y, 3), { verbose = 0 }) end,
    "(one-hot rows) but the loss is sparse_categorical_crossentropy")
  T.raises(function() m:fit(x, y + 1, { verbose = 0 }) end, "out of range for 3 classes (labels are 0-based class numbers: 0..2)")
  T.raises(function() m:fit(x, y, { epoch = 3 }) end, "fit: unknown option 'epoch' — did you mean 'epochs'? (valid: epochs, batch_size")
  T.raises(function() m:fit(x, y, 10) end, "fit: the options must be a table such as {epochs = 10, batch_size = 128}, got number")
  T.raises(function() m:fit(x, y, { batch_size = 0 }) end, "fit: batch_size must be at least 1, got 0")
  T.raises(function() m:fit(x, y, { validation_split = 1 }) end, "validation_split must be in [0, 1), got 1")
  T.raises(function() m:fit(x, y, { verbose = 3 }) end, "fit: verbose must be 0 (silent), 1 (progress bar) or 2")
  T.raises(function() m:fit(x, y, { callback = 3 }) end, "fit: callback must be a function(epoch, logs), got number")
  T.raises(function() m:fit(x) end, "fit: y (the targets) is missing")
  T.raises(function() m:fit(x, y, { validation_data = { x } }) end, "validation_data must be a pair {x_val, y_val}")
  T.raises(function() m:fit(tensor.zeros(50, 5), y, { verbose = 0 }) end, "expected input [N,2], got [N,5]")
  T.raises(function() m:predict(x, { batch_size = -1 }) end, "predict: batch_size must be at least 1, got -1")
end)

T.test("fit builds a model compiled before it was built", function()
  tensor.seed(10)
  local x, y = sectors(200)
  local m = nn.Sequential { nn.Flatten(), nn.Dense(16, "relu"), nn.Dense(3, "softmax") }
  local ok = pcall(function()
    m:compile { optimizer = "adam", loss = "sparse_categorical_crossentropy", metrics = { "accuracy" } }
  end)
  if ok then   -- compile accepts unbuilt models (as Keras): fit builds from x's shape
    local h = m:fit(x:reshape(200, 1, 2), y, { epochs = 2, verbose = 0 })
    T.eq(#h.loss, 2)
    T.eq(m.built, true)
  end
end)

T.done()
