-- test_optim.lua — optim from Lua: specs and binding, steps against hand-computed updates
-- (Keras' formulas, see tests/c/test_optim.c), hyperparameters as fields, state, errors.
local T = dofile("tests/lua/testlib.lua")
local lunet = rawget(_G, "lunet") or require "lunet"
local optim, tensor, nn = lunet.optim, lunet.tensor, lunet.nn

local function param() return tensor { 1, -2, 0.5 }:requires_grad() end
local function set_grad(w) w.grad = tensor { 0.1, -0.2, 0.3 } end

T.test("a spec is unbound until bound", function()
  local opt = optim.Adam { lr = 1e-2 }
  T.eq(opt.bound, false)
  T.eq(tostring(opt), "Adam(lr=0.01, beta1=0.9, beta2=0.999, eps=1e-07), not bound to parameters yet")
  T.raises(function() opt:step() end,
           "Adam: not bound to any parameters; make it with optim.Adam(model:parameters(), {...}) or call opt:bind(params)")
  local w = param()
  T.eq(opt:bind { w }, opt)
  T.eq(opt.bound, true)
  set_grad(w)
  opt:step()
  T.eq(opt.iterations, 1)
  T.truthy(tostring(opt):find("over 1 tensors (3 numbers), 1 steps taken", 1, true), tostring(opt))
end)

T.test("SGD with momentum, two steps", function()
  local w = param()
  local opt = optim.SGD({ w }, { lr = 0.1, momentum = 0.9 })
  for _ = 1, 2 do set_grad(w); opt:step() end
  T.close(w:totable(), { 0.971, -1.942, 0.413 }, 1e-6)
end)

T.test("SGD with Nesterov momentum and weight decay", function()
  local w = param()
  local opt = optim.SGD({ w }, { lr = 0.1, momentum = 0.9, nesterov = true })
  for _ = 1, 2 do set_grad(w); opt:step() end
  T.close(w:totable(), { 0.9539, -1.9078, 0.3617 }, 1e-6)
  local v = param()
  local wd = optim.SGD({ v }, { lr = 0.1, momentum = 0.9, weight_decay = 0.01 })
  for _ = 1, 2 do set_grad(v); wd:step() end
  T.close(v:totable(), { 0.969011, -1.938022, 0.4120305 }, 1e-6)
end)

T.test("Adam, RMSprop, Adagrad, two steps each", function()
  local cases = {
    { optim.Adam, { lr = 0.1 }, { 0.800005399, -1.8000027, 0.3000018 } },
    { optim.Adam, { learning_rate = 0.1, weight_decay = 0.1 }, { 0.781105367, -1.76120268, 0.291051789 } },
    { optim.RMSprop, { lr = 0.1 }, { 0.454378347, -1.45436196, -0.0456410723 } },
    { optim.RMSprop, { lr = 0.1, momentum = 0.5 }, { 0.296272369, -1.29625006, -0.203754077 } },
    { optim.Adagrad, { lr = 0.1 }, { 0.940981378, -1.89940733, 0.374480637 } },
  }
  for i, c in ipairs(cases) do
    local w = param()
    local opt = c[1]({ w }, c[2])
    for _ = 1, 2 do set_grad(w); opt:step() end
    T.close(w:totable(), c[3], 2e-6, "case " .. i)
  end
end)

T.test("hyperparameters are fields; lr can change between steps", function()
  local opt = optim.Adam()
  T.near(opt.lr, 0.001, 1e-9)
  T.near(opt.beta2, 0.999, 1e-7)
  opt.lr = 0.01
  T.near(opt.lr, 0.01, 1e-9)
  T.near(opt.learning_rate, 0.01, 1e-9)
  opt.learning_rate = 0.5
  T.near(opt.lr, 0.5, 1e-9)
  T.raises(function() opt.lr = -1 end, "Adam: lr must be a number >= 0, got -1")
  T.raises(function() opt.momentum = 0.9 end, "Adam: cannot set 'momentum' (settable: lr, weight_decay, beta1, beta2, eps, iterations)")
  T.eq(opt.name, "Adam")
  local sgd = optim.SGD()
  T.near(sgd.lr, 0.01, 1e-9)
  T.eq(sgd.nesterov, false)
  local w = param()
  sgd:bind { w }
  set_grad(w); sgd:step()
  sgd.lr = 1
  set_grad(w); sgd:step()
  T.close(w:totable(), { 1 - 0.001 - 0.1, -2 + 0.002 + 0.2, 0.5 - 0.003 - 0.3 }, 1e-6)
end)

T.test("optimizers bind to a model or a layer", function()
  local m = nn.Sequential({ nn.Dense(3, "relu"), nn.Dense(1) }, { input_shape = { 2 } })
  local opt = optim.Adam(m, { lr = 0.1 })
  T.eq(#opt:parameters(), 4)
  local before = m[2].bias:item()
  local loss = nn.losses.mse(m(tensor { { 1, 2 } }), { { 10 } })
  opt:zero_grad(); loss:backward(); opt:step()
  T.truthy(m[2].bias:item() > before, "the bias moved towards the target")
  local d = nn.Dense(2, { input_shape = { 2 } })
  T.eq(#optim.SGD(d):parameters(), 2)
  T.raises(function() optim.SGD(nn.Sequential { nn.Dense(2) }) end, "the model has no parameters yet; build it first")
end)

T.test("zero_grad drops the gradients", function()
  local w = param()
  local opt = optim.SGD { w }
  T.eq(opt.bound, true)   -- a list of tensors binds at once
  set_grad(w)
  opt:zero_grad()
  T.eq(w.grad, nil)
  opt:step()              -- no gradient: nothing moves
  T.close(w:totable(), { 1, -2, 0.5 })
end)

T.test("state can be read and restored", function()
  local w1, w2 = param(), param()
  local a, b = optim.Adam({ w1 }, { lr = 0.1 }), optim.Adam({ w2 }, { lr = 0.1 })
  set_grad(w1); a:step()
  local s = a:state()
  T.eq(s.iterations, 1)
  T.close(s[1].momentum:totable(), { 0.01, -0.02, 0.03 }, 1e-7)
  T.close(s[1].velocity:totable(), { 1e-5, 4e-5, 9e-5 }, 1e-8)   -- (1 - beta2) g^2, in float32
  tensor.no_grad(function() w2:copy(w1) end)
  b:set_state(s)
  T.eq(b.iterations, 1)
  set_grad(w1); set_grad(w2); a:step(); b:step()
  T.close(w2:totable(), w1:totable(), 0)
end)

T.test("optim.get turns names into optimizers", function()
  T.eq(optim.get("adam").name, "Adam")
  T.eq(optim.get("SGD").name, "SGD")
  T.near(optim.get("rmsprop").rho, 0.9, 1e-7)
  local o = optim.Adagrad { lr = 0.5 }
  T.truthy(rawequal(optim.get(o), o))
  T.raises(function() optim.get("adamw") end, "optim.get: unknown optimizer 'adamw' (valid: sgd, adam, rmsprop, adagrad)")
end)

T.test("errors are clear", function()
  T.raises(function() optim.SGD { lr = 0.1, beta1 = 0.9 } end,
           "optim.SGD: unknown option 'beta1' (valid: lr, momentum, nesterov, weight_decay)")
  T.raises(function() optim.SGD { lr = "fast" } end, "SGD: lr must be a number, got string")
  T.raises(function() optim.SGD { momentum = 2 } end, "SGD: momentum must be in [0, 1], got 2")
  T.raises(function() optim.SGD { nesterov = true } end, "SGD: nesterov needs a momentum > 0")
  T.raises(function() optim.Adam { tensor.zeros(3) } end, "Adam: parameter 1 [3] does not require grad")
  T.raises(function() optim.Adam({ param(), 5 }) end, "optim.Adam: parameter 2 is a number, expected a tensor")
  T.raises(function() optim.Adam(42) end, "optim.Adam: expected options {lr = ...} or (params, {lr = ...}), got number")
end)

T.done()
