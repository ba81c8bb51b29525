-- test_nn.lua — nn from Lua: layers, Sequential, printing, summary, errors, train/eval, losses,
-- and gradient checks through the layers.
local T = dofile("tests/lua/testlib.lua")
local lunet = rawget(_G, "lunet") or require "lunet"
local nn, tensor, autograd = lunet.nn, lunet.tensor, lunet.autograd

-- Runs fn with print silenced; returns what fn returns.
local function quietly(fn)
  local saved = print
  print = function() end
  local r = table.pack(pcall(fn))
  print = saved
  if not r[1] then error(r[2], 2) end
  return table.unpack(r, 2, r.n)
end

T.test("layers print as the lecture writes them", function()
  T.eq(tostring(nn.Dense(128, "relu")), "Dense(? -> 128, relu)")
  T.eq(tostring(nn.Dense(10)), "Dense(? -> 10)")
  T.eq(tostring(nn.Dense(128, "relu", { input_shape = { 784 } })), "Dense(784 -> 128, relu)")
  T.eq(tostring(nn.Linear(2, 3)), "Linear(2 -> 3)")
  T.eq(tostring(nn.Flatten()), "Flatten()")
  T.eq(tostring(nn.ReLU()), "ReLU()")
  T.eq(tostring(nn.Sigmoid()), "Sigmoid()")
  T.eq(tostring(nn.Tanh()), "Tanh()")
  T.eq(tostring(nn.Softmax()), "Softmax()")
  T.eq(tostring(nn.Step()), "Step()")
  T.eq(tostring(nn.LeakyReLU()), "LeakyReLU(alpha=0.3)")
  T.eq(tostring(nn.LeakyReLU(0.1)), "LeakyReLU(alpha=0.1)")
  T.eq(tostring(nn.Dropout(0.2)), "Dropout(p=0.2)")
  T.eq(tostring(nn.Activation("tanh")), "Activation(tanh)")
end)

T.test("Dense infers its input size on first use", function()
  tensor.seed(1)
  local d = nn.Dense(3, "tanh")
  T.eq(d.kernel, nil)
  T.eq(d.built, false)
  local y = d(tensor.randn(5, 4))
  T.close(y:shape(), { 5, 3 })
  T.close(d.kernel:shape(), { 4, 3 })
  T.close(d.bias:totable(), { 0, 0, 0 })      -- Keras: zero bias
  T.eq(tostring(d), "Dense(4 -> 3, tanh)")
  T.eq(d.units, 3)
  T.eq(d.activation, "tanh")
  T.close(d.input_shape, { 4 })
  T.close(d.output_shape, { 3 })
  T.eq(#d:parameters(), 2)
  T.truthy(rawequal(d:parameters()[1], d.kernel), "parameters() gives the layer's own tensors")
end)

T.test("Dense options: keyword table, input_shape, initializers, use_bias", function()
  local d = nn.Dense { units = 4, activation = "relu", input_shape = 3 }
  T.eq(tostring(d), "Dense(3 -> 4, relu)")
  local h = nn.Dense(64, "relu", { input_shape = { 100 }, kernel_initializer = "he_uniform", use_bias = false })
  T.eq(#h:parameters(), 1)
  local lim = math.sqrt(6 / 100)
  T.truthy(h.kernel:abs():max():item() <= lim, "he_uniform limit")
  local l = nn.Linear(2, 3, false)
  T.eq(#l:parameters(), 1)
  T.near(nn.Dense(2, "leaky_relu").alpha, 0.2, 1e-6)   -- keras.activations.leaky_relu slope
end)

T.test("Sequential prints its layers and indexes them", function()
  local a, b = nn.Dense(8, "tanh"), nn.Dense(1, "sigmoid")
  local m = nn.Sequential({ a, b }, { input_shape = { 2 } })
  T.eq(tostring(m), "Sequential {\n  (1): Dense(2 -> 8, tanh)\n  (2): Dense(8 -> 1, sigmoid)\n}")
  T.eq(#m, 2)
  T.truthy(rawequal(m[1], a) and rawequal(m[2], b) and rawequal(m[-1], b), "model[i] is the layer given")
  T.eq(m[3], nil)
  T.truthy(rawequal(m.layers[1], a))
  T.eq(tostring(nn.Sequential()), "Sequential {}")
  local c = nn.Sequential(nn.Linear(2, 4), nn.ReLU(), nn.Linear(4, 1))   -- Torch style
  T.eq(#c, 3)
  T.eq(c:add(nn.Sigmoid()), c)
  T.eq(#c, 4)
  T.eq(tostring(c[4]), "Sigmoid()")
  T.close(c.output_shape, { 1 })
  T.close(c.input_shape, { 2 })
end)

T.test("summary counts the lecture's models", function()
  local function mlp(sizes, last)
    local layers = {}
    for i = 2, #sizes do
      layers[#layers + 1] = nn.Dense(sizes[i], i == #sizes and last or "relu")
    end
    return nn.Sequential(layers, { input_shape = { sizes[1] } })
  end
  local text, total = quietly(function() return mlp({ 784, 256, 256, 256, 256, 10 }, "softmax"):summary_text() end)
  T.eq(total, 400906)
  T.truthy(text:find("Total params: 400,906", 1, true), text)
  T.truthy(text:find("256*256 + 256 = 65792", 1, true), text)
  local printed = {}
  local saved = print
  print = function(s) printed[#printed + 1] = s end
  total = nn.Sequential({ nn.Flatten(), nn.Dense(128, "relu"), nn.Dense(64, "relu"), nn.Dense(10, "softmax") },
                        { input_shape = { 28, 28 } }):summary()
  print = saved
  text = table.concat(printed, "\n")
  T.eq(total, 109386)
  for _, want in ipairs { "Layer (type)", "Output Shape", "Param #", "flatten", "(Flatten)", "(None, 784)",
                          "(None, 128)", "784*128 + 128 = 100480", "128*64 + 64 = 8256", "64*10 + 10 = 650",
                          "Total params: 109,386", "Trainable params: 109,386", "Non-trainable params: 0" } do
    T.truthy(text:find(want, 1, true), "summary lacks " .. want .. ":\n" .. text)
  end
  total = quietly(function() return mlp({ 5, 7, 4 }, "linear"):summary() end)
  T.eq(total, 74)
end)

T.test("summary of a model not built yet", function()
  local m = nn.Sequential { nn.Dense(8, "relu"), nn.Dense(1) }
  local text, total = quietly(function() return m:summary_text() end)
  T.eq(total, 0)
  T.truthy(text:find("? (not built)", 1, true) and text:find("not built yet", 1, true), text)
  m(tensor.zeros(3, 2))
  total = quietly(function() return m:summary() end)
  T.eq(total, 2 * 8 + 8 + 8 + 1)
end)

T.test("model:parameters() gives the same tensors each time", function()
  local m = nn.Sequential({ nn.Dense(4, "relu"), nn.Dense(2) }, { input_shape = { 3 } })
  local p1, p2 = m:parameters(), m:parameters()
  T.eq(#p1, 4)
  for i = 1, 4 do T.truthy(rawequal(p1[i], p2[i]), "parameter " .. i) end
  T.truthy(rawequal(p1[1], m[1].kernel) and rawequal(p1[4], m[2].bias))
  T.eq(m:count_params(), 3 * 4 + 4 + 4 * 2 + 2)
  -- every layer has parameters(), empty where there are none
  for _, l in ipairs { nn.ReLU(), nn.Flatten(), nn.Dropout(0.5), nn.Softmax() } do T.eq(#l:parameters(), 0) end
end)

T.test("a layer used twice shares its weights", function()
  local shared = nn.Dense(3, "tanh")
  local m = nn.Sequential({ shared, shared }, { input_shape = { 3 } })
  T.eq(#m:parameters(), 2)
  T.eq(m:count_params(), 12)
  T.eq(quietly(function() return m:summary() end), 12)
end)

T.test("an optimizer built on model:parameters() updates the model", function()
  local m = nn.Sequential({ nn.Dense(1) }, { input_shape = { 1 } })
  local opt = lunet.optim.SGD(m:parameters(), { lr = 0.5 })
  local before = m[1].kernel:item()
  local loss = nn.losses.mse(m(tensor { { 1 } }), tensor { { before + 1 } })   -- pred - target = -1 (zero bias)
  opt:zero_grad()
  loss:backward()
  opt:step()
  T.near(m[1].kernel:item(), before + 0.5 * 2, 1e-5)   -- dL/dw = 2 (p - t) x = -2
  T.near(m[1].bias:item(), 1.0, 1e-6)
end)

T.test("weights can be set by hand: the lecture's AND perceptron", function()
  local p = nn.Dense(1, "step")
  p.kernel = { { 1 }, { 1 } }          -- builds it as Dense(2 -> 1)
  p.bias = { -1.5 }
  T.eq(tostring(p), "Dense(2 -> 1, step)")
  T.close(p(lunet.data.gates.AND.x):totable(), { { 0 }, { 0 }, { 0 }, { 1 } })
  local k = p.kernel
  p.kernel = tensor { { 1 }, { 1 } } * 2
  T.truthy(rawequal(k, p.kernel), "the parameter stays the same tensor")
  T.close(p.kernel:totable(), { { 2 }, { 2 } })
  T.raises(function() p.kernel = { { 1, 2 } } end, "Dense(2 -> 1, step): kernel must have shape [2,1], got [1,2]")
  T.raises(function() p.weights = 1 end, "Dense(2 -> 1, step): cannot set 'weights' (settable: kernel, bias)")
  T.raises(function() nn.ReLU().kernel = 1 end, "ReLU(): cannot set 'kernel' (this layer has no parameters)")
  T.raises(function() nn.Dense(3).bias = { 1, 2, 3 } end, "'bias' does not exist before the layer is built")
  T.raises(function() p.training = false end, "use layer:train() or layer:eval()")
end)

T.test("constructor errors are clear", function()
  T.raises(function() nn.Dense(0) end, "Dense: units must be a positive integer, got 0")
  T.raises(function() nn.Dense(2.5) end, "Dense: units must be a positive integer, got 2.5")
  T.raises(function() nn.Dense("relu") end, "Dense: units must be a positive integer, got the string 'relu'")
  T.raises(function() nn.Dense() end, "Dense: units is missing")
  T.raises(function() nn.Dense(10, "rellu") end,
           "Dense: unknown activation 'rellu' (valid: linear, step, sigmoid, tanh, relu, leaky_relu, softmax)")
  T.raises(function() nn.Dense(10, { activaton = "relu" }) end, "nn.Dense: unknown option 'activaton' — did you mean 'activation'? (valid: activation,")
  T.raises(function() nn.Dense(10, "relu", { kernel_initializer = "xavier" }) end, "unknown initializer 'xavier' (valid: zeros,")
  T.raises(function() nn.Dropout(1.5) end, "Dropout: p (the fraction of inputs to drop) must be in [0, 1), got 1.5")
  T.raises(function() nn.Dropout(-0.1) end, "must be in [0, 1), got -0.1")
  T.raises(function() nn.Dropout() end, "Dropout: expected the drop rate p, as in nn.Dropout(0.2)")
  T.raises(function() nn.LeakyReLU(-1) end, "LeakyReLU: alpha (the slope for x < 0) must be a number >= 0, got -1")
  T.raises(function() nn.Linear(2) end, "Linear: expected nn.Linear(inputs, outputs)")
  T.raises(function() nn.Activation("swish") end, "unknown activation 'swish'")
  T.raises(function() nn.Sequential { nn.Dense(3), nn.ReLU } end,
           "nn.Sequential: item 2 is a function — did you forget the parentheses, as in nn.ReLU()?")
  T.raises(function() nn.Sequential { nn.Dense(3), 7 } end, "nn.Sequential: item 2 is a number, expected a layer")
  T.raises(function() nn.Sequential { nn.Sequential { nn.Dense(1) } } end, "models cannot be nested")
  T.raises(function() nn.Sequential({ nn.Dense(3) }, { input_shap = { 2 } }) end, "nn.Sequential: unknown option 'input_shap' — did you mean 'input_shape'?")
end)

T.test("shape errors name the layer and say what to do", function()
  local m = nn.Sequential { nn.Dense(128, "relu"), nn.Dense(10, "softmax") }
  T.raises(function() m(tensor.zeros(2, 28, 28)) end,
           "Sequential layer 1: Dense(? -> 128, relu): expected input [N,features], got [N,28,28] — add nn.Flatten() first")
  local built = nn.Sequential({ nn.Dense(128, "relu"), nn.Dense(10, "softmax") }, { input_shape = { 784 } })
  T.raises(function() built(tensor.zeros(2, 28, 28)) end,
           "Sequential layer 1: Dense(784 -> 128, relu): expected input [N,784], got [N,28,28] — add nn.Flatten() first")
  T.raises(function() built(tensor.zeros(2, 100)) end, "Dense(784 -> 128, relu): expected input [N,784], got [N,100]")
  T.raises(function() built(tensor.zeros(784)) end, "one sample needs a batch dimension: x:reshape(1, 784)")
  local d = nn.Dense(4, "relu", { input_shape = { 3 } })
  T.raises(function() d(tensor.zeros(2, 5)) end, "Dense(3 -> 4, relu): expected input [N,3], got [N,5]")
  local two = nn.Sequential { nn.Flatten(), nn.Dense(4), nn.Dense(2) }
  two(tensor.zeros(1, 2, 3))
  T.raises(function() two(tensor.zeros(1, 3, 3)) end, "Sequential layer 2: Dense(6 -> 4): expected input [N,6], got [N,9]")
end)

T.test("train and eval switch Dropout", function()
  tensor.seed(3)
  local m = nn.Sequential { nn.Dropout(0.5) }
  T.eq(m.training, true)
  local x = tensor.ones(20, 50)
  local y = m(x)
  local zeros = y:eq(0):sum():item()
  T.truthy(zeros > 300 and zeros < 700, "about half dropped in training mode, got " .. zeros)
  T.near(y:max():item(), 2, 1e-6)                       -- survivors scaled by 1/(1-p)
  T.eq(m:eval(), m)
  T.eq(m.training, false)
  T.eq(m[1].training, false)
  T.near((m(x) - x):abs():sum():item(), 0, 0)            -- evaluation passes the input through
  m:train()
  T.truthy(m(x):eq(0):sum():item() > 300)
  local d = nn.Dropout(0.5):eval()
  T.near(d(x):sum():item(), 1000, 0)
end)

T.test("model fields", function()
  local m = nn.Sequential({ nn.Dense(2) }, { input_shape = { 3 }, name = "tiny" })
  T.eq(m.name, "tiny")
  T.eq(m.built, true)
  T.close(m.input_shape, { 3 })
  T.close(m.output_shape, { 2 })
  m.note = "set from Lua"
  T.eq(m.note, "set from Lua")
  T.raises(function() m.training = false end, "use model:train() or model:eval()")
  T.raises(function() m[2] = nn.ReLU() end, "Sequential: layers cannot be assigned; use model:add(layer)")
  T.eq(m[1].name:sub(1, 5), "dense")
end)

T.test("losses from Lua", function()
  T.near(nn.losses.mse(tensor { { 0.5, 1 }, { 2, -1 } }, { { 1, 1 }, { 0, 0 } }):item(), 1.3125, 1e-6)
  T.near(nn.losses.binary_crossentropy(tensor { 0.9, 0.2, 0.6 }, { 1, 0, 1 }):item(), 0.2797765635793423, 1e-6)
  T.near(nn.losses.binary_crossentropy(tensor { 2, -1, 0.5, -3 }, { 1, 0, 0, 1 }, { from_logits = true }):item(),
         1.115713508578761, 1e-6)
  local z = tensor { { 1, 2, 3 }, { 1, -1, 0 } }
  T.near(nn.losses.sparse_categorical_crossentropy(z:softmax(2), { 2, 0 }):item(), 0.4076059644443804, 1e-6)
  T.near(nn.losses.categorical_crossentropy(z:softmax(2), { { 0, 0, 1 }, { 1, 0, 0 } }):item(), 0.4076059644443804, 1e-6)
  T.near(nn.losses.categorical_crossentropy(z, { { 0, 0, 1 }, { 1, 0, 0 } }, { from_logits = true }):item(),
         0.4076059644443804, 1e-6)
  T.eq(nn.losses.get("mse"), nn.losses.mse)
  T.eq(nn.losses.mean_squared_error, nn.losses.mse)
  T.raises(function() nn.losses.get("hinge") end, "nn.losses.get: unknown loss 'hinge'")
  T.raises(function() nn.losses.categorical_crossentropy(tensor.ones(32, 10) / 10, tensor.zeros(32)) end,
           "categorical_crossentropy: target [32] looks like integer labels; use sparse_categorical_crossentropy or data.one_hot(y, 10)")
  T.raises(function() nn.losses.sparse_categorical_crossentropy(tensor.ones(2, 3) / 3, { 0, 3 }) end,
           "label 3 in row 2 is out of range for 3 classes (labels are 0-based: 0..2)")
  T.raises(function() nn.losses.mse(tensor.zeros(4, 1), tensor.zeros(4, 2)) end,
           "mse: prediction [4,1] and target [4,2] have different shapes")
  T.raises(function() nn.losses.mse(tensor.zeros(2), tensor.zeros(2), { from_logits = true }) end, "unknown option 'from_logits'")
end)

T.test("losses are differentiable in autograd code", function()
  local w = tensor { { 0.5 }, { -0.3 } }:requires_grad()
  local x = tensor { { 1, 2 }, { 3, 4 }, { -1, 0 } }
  local loss = nn.losses.mse(x:matmul(w), { 1, 2, 3 })
  loss:backward()
  -- d/dw mean((xw - y)^2) = 2/3 x^T (xw - y); xw = [-0.1, 0.3, -0.5]
  local r = { -1.1, -1.7, -3.5 }
  T.close(w.grad:totable(), { { 2 / 3 * (r[1] * 1 + r[2] * 3 + r[3] * -1) }, { 2 / 3 * (r[1] * 2 + r[2] * 4 + r[3] * 0) } }, 1e-5)
end)

T.test("gradcheck through layers and losses from Lua", function()
  tensor.seed(5)
  for _, act in ipairs { "linear", "sigmoid", "tanh", "softmax", "leaky_relu", "relu" } do
    local d = nn.Dense(3, act)
    local x = tensor.randn(4, 5)
    d(x)
    local ok, err = autograd.gradcheck(function(xx) return d(xx) end, { x, d.kernel, d.bias })
    T.truthy(ok, "Dense " .. act .. ": max error " .. tostring(err))
  end
  local m = nn.Sequential({ nn.Dense(4, "tanh"), nn.Dense(3, "softmax") }, { input_shape = { 2 } })
  local x, y = tensor.randn(5, 2), tensor { 0, 2, 1, 1, 0 }
  local ps = m:parameters()
  local ok, err = autograd.gradcheck(function(xx)
    return nn.losses.sparse_categorical_crossentropy(m(xx), y)
  end, { x, ps[1], ps[2], ps[3], ps[4] })
  T.truthy(ok, "model + sparse cce: " .. tostring(err))
  local target = tensor.rand(5, 3)
  ok, err = autograd.gradcheck(function(p, t) return nn.losses.binary_crossentropy(p, t) end,
                               { tensor.rand(5, 3) * 0.8 + 0.1, target })
  T.truthy(ok, "bce: " .. tostring(err))
end)

T.done()
