-- test_learning.lua — the toolkit learns what the lecture says it learns, with hand-written
-- Lua training loops (forward, loss, backward, step): XOR by a 2-8-1 MLP, the linearly
-- separable gates by one sigmoid neuron (and XOR not), and y = 3x + 5 by linear regression.
local T = dofile("tests/lua/testlib.lua")
local lunet = rawget(_G, "lunet") or require "lunet"
local nn, optim, tensor, data = lunet.nn, lunet.optim, lunet.tensor, lunet.data

-- Fraction of rows where (pred > 0.5) equals the 0/1 target.
local function accuracy(pred, y)
  local p, t = pred:totable(), y:totable()
  local right = 0
  for i = 1, #t do
    if ((p[i][1] > 0.5) and 1 or 0) == t[i][1] then right = right + 1 end
  end
  return right / #t
end

local function train(model, opt, x, y, steps)
  local loss
  for _ = 1, steps do
    opt:zero_grad()
    loss = nn.losses.binary_crossentropy(model(x), y)
    loss:backward()
    opt:step()
  end
  return loss:item()
end

T.test("a 2-8-1 MLP learns XOR with Adam", function()
  tensor.seed(42)
  local g = data.gates.XOR
  local model = nn.Sequential { nn.Dense(8, "tanh"), nn.Dense(1, "sigmoid") }
  model(g.x)   -- builds it, so that the optimizer sees the parameters
  local opt = optim.Adam(model:parameters(), { lr = 0.05 })
  local loss = train(model, opt, g.x, g.y, 1000)
  T.eq(accuracy(model(g.x), g.y), 1.0)
  T.truthy(loss < 0.05, "final loss " .. loss)
end)

T.test("one sigmoid neuron learns AND, OR and NAND but not XOR", function()
  for _, name in ipairs { "AND", "OR", "NAND", "XOR" } do
    tensor.seed(7)
    local g = data.gates[name]
    local neuron = nn.Sequential({ nn.Dense(1, "sigmoid") }, { input_shape = { 2 } })
    local opt = optim.SGD(neuron:parameters(), { lr = 1.0 })
    train(neuron, opt, g.x, g.y, 2000)
    local acc = accuracy(neuron(g.x), g.y)
    if name == "XOR" then
      T.truthy(acc <= 0.75, "a single neuron cannot separate XOR, got accuracy " .. acc)
    else
      T.eq(acc, 1.0, name)
    end
  end
end)

T.test("linear regression finds y = 3x + 5 with SGD", function()
  tensor.seed(1)
  local x = tensor.linspace(-2, 2, 64):reshape(64, 1)
  local y = x * 3 + 5 + tensor.randn(64, 1) * 0.01
  local model = nn.Linear(1, 1)
  local opt = optim.SGD(model:parameters(), { lr = 0.1 })
  for _ = 1, 300 do
    opt:zero_grad()
    local loss = nn.losses.mse(model(x), y)
    loss:backward()
    opt:step()
  end
  T.near(model.kernel:item(), 3, 0.01)
  T.near(model.bias:item(), 5, 0.01)
end)

T.test("softmax classification with sparse labels learns a separable problem", function()
  tensor.seed(3)
  -- three blobs around (0, 2), (2, -1), (-2, -1)
  local n = 60
  local xs, ys = {}, {}
  local centers = { { 0, 2 }, { 2, -1 }, { -2, -1 } }
  for i = 1, n do
    local c = (i - 1) % 3
    local noise = tensor.randn(2):totable()
    xs[i] = { centers[c + 1][1] + 0.3 * noise[1], centers[c + 1][2] + 0.3 * noise[2] }
    ys[i] = c
  end
  local x, y = tensor(xs), tensor(ys)
  local model = nn.Sequential({ nn.Dense(16, "relu"), nn.Dense(3, "softmax") }, { input_shape = { 2 } })
  local opt = optim.Adam(model, { lr = 0.02 })
  for _ = 1, 300 do
    opt:zero_grad()
    local loss = nn.losses.sparse_categorical_crossentropy(model(x), y)
    loss:backward()
    opt:step()
  end
  local pred = model(x):argmax(2):totable()   -- 1-based classes
  local right = 0
  for i = 1, n do if pred[i] - 1 == ys[i] then right = right + 1 end end
  T.eq(right, n)
end)

T.done()
