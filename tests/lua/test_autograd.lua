-- test_autograd.lua — backward against hand values and PyTorch, numgrad, gradcheck, graph
-- pictures, no_grad, detect_anomaly and the error texts of misuse.
local T = dofile("tests/lua/testlib.lua")
local lunet = rawget(_G, "lunet") or require "lunet"
local tensor, autograd = lunet.tensor, lunet.autograd

T.test("grad of sum(x*x) is 2x; .grad is nil before backward", function()
  local x = tensor{1, 2, 3}:requires_grad()
  T.eq(x.grad, nil)
  local y = (x * x):sum()
  y:backward()
  T.close(x.grad, {2, 4, 6})
end)

T.test("requires_grad marks a leaf and returns it; flags can be read", function()
  local x = tensor{1, 2}
  T.eq(x:needs_grad(), false)
  T.eq(x:requires_grad(), x)
  T.eq(x:needs_grad(), true)
  T.eq(x:is_leaf(), true)
  local y = x * 2
  T.eq(y:is_leaf(), false)
  T.eq(y:needs_grad(), true)
  T.truthy(y:grad_fn() ~= nil, "an op made y")
  x:requires_grad(false)
  T.eq(x:needs_grad(), false)
  T.eq((x * 2):needs_grad(), false)
end)

T.test("numbers on either side of operators", function()
  local x = tensor{1, 2}:requires_grad()
  local y = (3 * x + 1 - x / 2 + 2 ^ x - 1 / x):sum()
  y:backward()
  -- d/dx = 3 - 0.5 + 2^x ln 2 + 1/x^2
  T.close(x.grad, {3 - 0.5 + 2 * math.log(2) + 1, 3 - 0.5 + 4 * math.log(2) + 0.25}, 1e-5)
  local z = tensor{2, 3}:requires_grad()
  ;(z ^ 3):sum():backward()
  T.close(z.grad, {12, 27})
  local u = tensor{1, -2}:requires_grad()
  ;(-u):sum():backward()
  T.close(u.grad, {-1, -1})
end)

T.test("broadcast gradients are summed back to the input's shape", function()
  local a = tensor{{1, -2, 3}, {-4, 5, -6}}:requires_grad()
  local b = tensor{0.5, 1.5, -2.5}:requires_grad()
  ;(a * b):sum():backward()
  T.close(a.grad, {{0.5, 1.5, -2.5}, {0.5, 1.5, -2.5}})
  T.close(b.grad, {-3, 3, -3})
  local c = tensor{{1}, {2}}:requires_grad()
  local d = tensor{{10, 20, 30}}:requires_grad()
  ;(c + d):sum():backward()
  T.close(c.grad, {{3}, {3}})
  T.close(d.grad, {{2, 2, 2}})
  local s = tensor(2):requires_grad()
  ;(a:detach() * s):sum():backward()
  T.near(s.grad:item(), -3)
end)

T.test("matmul gradients: dW = g x^T, dx = W^T g", function()
  local W = tensor{{1, 2, 3}, {4, 5, 6}}:requires_grad()
  local x = tensor{1, -1, 2}:requires_grad()
  local b = tensor{0.5, -0.5}:requires_grad()
  local h = (W:matmul(x) + b):relu()
  local loss = (h * h):mean()
  T.near(loss:item(), 70.25)
  loss:backward()
  T.close(W.grad, {{5.5, -5.5, 11}, {10.5, -10.5, 21}})
  T.close(b.grad, {5.5, 10.5})
  T.close(x.grad, {47.5, 63.5, 79.5})
  local A = tensor{{1, 2}, {3, 4}}:requires_grad()
  local B = tensor{{5, 6}, {7, 8}}:requires_grad()
  tensor.matmul(A, B):sum():backward()
  T.close(A.grad, {{11, 15}, {11, 15}})
  T.close(B.grad, {{4, 4}, {6, 6}})
end)

T.test("activations and softmax against PyTorch", function()
  local x = tensor{0.5, -1, 2}:requires_grad()
  ;(x:tanh() * x:sigmoid()):sum():backward()
  T.close(x.grad, {0.598131, -0.03679, 0.163446}, 1e-5)
  local A = tensor{{1, -2, 3}, {-4, 5, -6}}:requires_grad()
  A:log_softmax(2):select(2, 1):sum():backward()
  T.close(A.grad, {{0.8815, -0.0059, -0.8756}, {0.999877, -0.99986, -1.67e-05}}, 1e-4)
  A.grad = nil
  ;(A:softmax(2) * tensor{{1, 2, 3}}):sum():backward()
  T.close(A.grad, {{-0.208216, -0.004467, 0.212683}, {-0.000123, 0.000107, 1.67e-05}}, 1e-4)
end)

T.test("reductions: mean spreads 1/n, max picks the winner, std as PyTorch", function()
  local A = tensor{{1, -2, 3}, {-4, 5, -6}}:requires_grad()
  A:mean():backward()
  T.close(A.grad, {{1 / 6, 1 / 6, 1 / 6}, {1 / 6, 1 / 6, 1 / 6}})
  A:zero_grad()
  T.close(A.grad, {{0, 0, 0}, {0, 0, 0}})
  A:max():backward()
  T.close(A.grad, {{0, 0, 0}, {0, 1, 0}})
  A.grad = nil
  A:sum(2):sum():backward()
  T.close(A.grad, {{1, 1, 1}, {1, 1, 1}})
  A.grad = nil
  A:std(2):sum():backward()
  T.close(A.grad, {{0.054074, -0.43259, 0.378517}, {-0.162571, 0.464489, -0.301918}}, 1e-4)
end)

T.test("views pass gradients to the right elements", function()
  local x = tensor.arange(6):reshape(2, 3):requires_grad()
  local y = x:T():narrow(1, 2, 2):select(2, 2)   -- x[2][2], x[2][3]
  ;(y * tensor{10, 20}):sum():backward()
  T.close(x.grad, {{0, 0, 0}, {0, 10, 20}})
  local v = tensor{1, 2, 3, 4}:requires_grad()
  ;(v:reshape(2, 2)[2] * 3):sum():backward()
  T.close(v.grad, {0, 0, 3, 3})
  local a, b = tensor{1, 2}:requires_grad(), tensor{3}:requires_grad()
  ;(tensor.cat({a, b}) * tensor{1, 2, 3}):sum():backward()
  T.close(a.grad, {1, 2})
  T.close(b.grad, {3})
end)

T.test("gradients accumulate over backward calls until zero_grad", function()
  local x = tensor{1, 2}:requires_grad()
  ;(x * 3):sum():backward()
  ;(x * 3):sum():backward()
  T.close(x.grad, {6, 6})
  x:zero_grad()
  ;(x * 3):sum():backward()
  T.close(x.grad, {3, 3})
end)

T.test("backward with a gradient, and retain_graph", function()
  local x = tensor{1, 2, 3}:requires_grad()
  local y = x * 2
  y:backward(tensor{1, 0, -1})
  T.close(x.grad, {2, 0, -2})
  x.grad = nil
  local z = (x * x):sum()
  z:backward({retain_graph = true})
  z:backward()
  T.close(x.grad, {4, 8, 12})
  x.grad = nil
  local w = x * 3
  w:backward({1, 1, 1}, {retain_graph = true})
  w:backward(tensor{1, 1, 1})
  T.close(x.grad, {6, 6, 6})
  x.grad = nil
  local s = (x * 1):sum()
  s:backward(2)
  T.close(x.grad, {2, 2, 2})
end)

T.test("backward twice without retain_graph is an error that says what to do", function()
  local x = tensor{1, 2}:requires_grad()
  local y = (x * x):sum()
  y:backward()
  T.raises(function() y:backward() end,
    "backward: the graph of this tensor was already freed by an earlier backward(); " ..
    "call backward with retain_graph = true the first time to keep it")
  T.raises(function() tensor{1, 2}:sum():backward() end, "backward: this tensor does not require grad")
  T.raises(function() (x * 2):backward() end, "backward: output has shape [2]; give a gradient of that shape")
  T.raises(function() (x * 2):backward(tensor{1, 2, 3}) end,
    "backward: gradient shape [3] does not match output shape [2]")
end)

T.test("detach shares storage but leaves the graph", function()
  local x = tensor{1, 2}:requires_grad()
  local d = (x * 2):detach()
  T.eq(d:needs_grad(), false)
  T.close(d, {2, 4})
  local e = x:detach()
  tensor.no_grad(function() x[1] = 7 end)
  T.eq(e[1], 7, "same storage")
end)

T.test("no_grad runs fn without building a graph and returns its values", function()
  local x = tensor{1, 2}:requires_grad()
  local y, n = tensor.no_grad(function(a, k) return a * k, k + 1 end, x, 3)
  T.eq(y:needs_grad(), false)
  T.close(y, {3, 6})
  T.eq(n, 4)
  T.eq(tensor.is_grad_enabled(), true)
  T.eq((x * 2):needs_grad(), true)
end)

T.test("no_grad restores grad mode when fn raises", function()
  local ok, err = pcall(tensor.no_grad, function() error("boom") end)
  T.eq(ok, false)
  T.truthy(tostring(err):find("boom", 1, true), tostring(err))
  T.eq(tensor.is_grad_enabled(), true)
  local x = tensor{1}:requires_grad()
  T.eq((x * 2):needs_grad(), true)
  T.eq(autograd.no_grad, tensor.no_grad)
end)

T.test("in-place writes into a tensor that requires grad are refused outside no_grad", function()
  local x = tensor{1, 2}:requires_grad()
  T.raises(function() x[1] = 5 end,
    "index assignment: cannot modify a tensor that requires grad in place; do it inside tensor.no_grad")
  T.raises(function() x:fill(0) end, "fill: cannot modify a tensor that requires grad in place")
  tensor.no_grad(function() x[1] = 5; x:fill(1) end)
  T.close(x, {1, 1})
  T.raises(function() (x * 2):requires_grad(false) end,
    "requires_grad: only leaves can be unmarked; this tensor was computed by")
  T.raises(function() x.grad = tensor{1, 2, 3} end, "grad: gradient shape [3] does not match tensor shape [2]")
end)

T.test("numgrad: central differences agree with backward", function()
  local x = tensor{0.5, -1, 2}
  local g = autograd.numgrad(function(v) return (v:tanh() * v:sigmoid()):sum() end, x)
  T.close(g, {0.598131, -0.03679, 0.163446}, 1e-3)
  T.close(x, {0.5, -1, 2}, 0, "x restored")
  local W = tensor{{1, 2}, {3, 4}}
  local n = autograd.numgrad(function(w) return (w:matmul(tensor{1, -1}) ^ 2):sum():item() end, W, 1e-2)
  T.close(n, {{-2, 2}, {-2, 2}}, 1e-3)
  local m = tensor{1, 2, 3}
  T.close(autograd.numgrad(function(v) return (v * v):sum() end, m), {2, 4, 6}, 1e-3)
  T.close(autograd.numgrad(function(v) return (v * v):sum() end, m:reshape(3, 1):T()), {{2, 4, 6}}, 1e-3)
end)

T.test("numgrad restores x when f raises, and names bad returns", function()
  local x = tensor{1, 2}
  T.raises(function() autograd.numgrad(function() error("inside f") end, x) end, "inside f")
  T.close(x, {1, 2}, 0)
  T.raises(function() autograd.numgrad(function(v) return v * 2 end, x) end,
    "numgrad: f must return a number or a one-element tensor, got a tensor of shape [2]")
  T.raises(function() autograd.numgrad(function() return "x" end, x) end,
    "numgrad: f must return a number or a one-element tensor, got string")
  T.raises(function() autograd.numgrad(nil, x) end, "bad argument #1 to 'numgrad' (function expected, got nil)")
  T.raises(function() autograd.numgrad(print, 3) end, "bad argument #2 to 'numgrad' (tensor expected, got number)")
end)

T.test("gradcheck passes for correct backwards and returns the error", function()
  tensor.seed(3)
  local ok, err = autograd.gradcheck(function(a, b) return a:matmul(b):tanh() end,
    {tensor.randn(3, 4), tensor.randn(4, 2)})
  T.eq(ok, true)
  T.truthy(err >= 0 and err < 1e-2, "max error " .. err)
  ok = autograd.gradcheck(function(a, b) return (a * b + a:exp()):log_softmax(2) end,
    {tensor.randn(2, 3), tensor.randn(3)})
  T.eq(ok, true)
  ok = autograd.gradcheck(function(a) return a:std(1) end, {tensor.randn(4, 2)})
  T.eq(ok, true)
  ok = autograd.gradcheck(function(a) return a:sigmoid():sum() end, {tensor.randn(5)})
  T.eq(ok, true)
end)

T.test("gradcheck catches a gradient that is wrong (step jumps, its backward says 0)", function()
  local ok, err = autograd.gradcheck(function(a) return a:step() end, {tensor{0.001, 1}})
  T.eq(ok, false)
  T.truthy(err > 1, "max error " .. err)
end)

T.test("gradcheck leaves its inputs as it found them", function()
  local a = tensor{1, 2}
  local b = tensor{3, 4}:requires_grad()
  ;(b * 2):sum():backward()
  autograd.gradcheck(function(x, y) return x * y end, {a, b})
  T.eq(a:needs_grad(), false)
  T.eq(a.grad, nil)
  T.eq(b:needs_grad(), true)
  T.close(b.grad, {2, 2})
  T.raises(function() autograd.gradcheck(function(x) return x end, a) end,
    "bad argument #2 to 'gradcheck' (table of tensors expected, got tensor; wrap it: {x})")
  T.raises(function() autograd.gradcheck(function(x) return x end, {b * 2}) end,
    "gradcheck: input 1 was computed from other tensors")
end)

local function graph_example()
  local W = tensor{{1, 2, 3}, {4, 5, 6}}:requires_grad()
  local b = tensor{0.5, -0.5}:requires_grad()
  local h = (W:matmul(tensor{1, -1, 2}) + b):relu()
  return (h * h):mean(), W, b
end

T.test("autograd.graph prints an indented tree of ops, shapes and leaves", function()
  local loss = graph_example()
  local g = autograd.format_graph(loss)
  local lines = {}
  for l in g:gmatch("[^\n]+") do lines[#lines + 1] = l end
  T.eq(#lines, 9, g)
  T.truthy(lines[1]:find("^mean %[%] data=70.25$"), lines[1])
  T.truthy(lines[2]:find("^  mul %[2%]$"), lines[2])
  T.truthy(lines[3]:find("^    relu %[2%] #3$"), lines[3])
  T.truthy(lines[4]:find("^      add %[2%]$"), lines[4])
  T.truthy(lines[5]:find("^        matmul %[2%]$"), lines[5])
  T.eq(lines[6], "          leaf [2,3] requires_grad")
  T.eq(lines[7], "          const [3]")
  T.eq(lines[8], "        leaf [2] requires_grad")
  T.eq(lines[9], "    relu [2] #3 (shown above)")
end)

T.test("after a retained backward the graph shows gradient norms; a freed graph says so", function()
  local loss = graph_example()
  loss:backward({retain_graph = true})
  local g = autograd.format_graph(loss)
  T.truthy(g:find("leaf [2,3] requires_grad grad_norm=29.03", 1, true), g)   -- sqrt(843)
  T.truthy(g:find("leaf [2] requires_grad grad_norm=11.85", 1, true), g)
  loss:backward()
  T.eq(autograd.format_graph(loss),
       "result [] data=70.25 (graph freed by backward(); pass {retain_graph = true} to keep it)")
  local x = tensor(3):requires_grad()
  local y = x * x
  y:backward({retain_graph = true})
  T.truthy(autograd.format_graph(y):find("leaf [] requires_grad data=3 grad=6", 1, true), autograd.format_graph(y))
end)

T.test("autograd.dot writes Graphviz like micrograd's draw_dot", function()
  local loss = graph_example()
  local path = os.tmpname()
  local text = autograd.dot(loss, path)
  local f = assert(io.open(path))
  local written = f:read("a")
  f:close()
  os.remove(path)
  T.eq(written, text)
  T.truthy(text:find("^digraph lunet {\n  rankdir=LR;"), text)
  T.truthy(text:find('t1 [shape=record, label="{ #1 | shape [] | data=70.25 }"];', 1, true), text)
  T.truthy(text:find('t1_op [label="mean"];', 1, true), text)
  T.truthy(text:find("t1_op -> t1;", 1, true), text)
  T.truthy(text:find('[shape=record, label="{ leaf | shape [2,3] }"];', 1, true), text)
  T.truthy(text:find('[shape=record, label="{ const | shape [3] }"];', 1, true), text)
  local _, edges_to_mul = text:gsub("t3 %-> t2_op;", "")
  T.eq(edges_to_mul, 2, "h enters h*h twice")
  T.truthy(text:find("}\n$"), "closed")
  T.raises(function() autograd.graph(5) end, "bad argument #1 to 'graph' (tensor expected, got number)")
  T.raises(function() autograd.dot(loss, "/nonexistent/dir/g.dot") end, "dot: cannot write /nonexistent/dir/g.dot")
end)

T.test("detect_anomaly names the op that made a NaN", function()
  T.eq(autograd.detect_anomaly(true), false)
  T.raises(function() return tensor{-1, 1}:log() end, "detect_anomaly: log produced NaN (output shape [2], element 1)")
  local x = tensor{0, 1}:requires_grad()
  T.raises(function() return ((x - 2):sqrt() * x):sum() end, "detect_anomaly: sqrt produced NaN")
  T.raises(function() return (x + 1) / 0 end, "produced Inf")
  T.eq(autograd.detect_anomaly(false), true)
  local y = tensor{-1}:log()
  T.truthy(y[1] ~= y[1], "NaN passes silently when off")
  -- the flag does not linger: the next op is fine
  T.close(tensor{1} + 1, {2})
end)

T.test("gradients of overlapping narrow and select views add up in the input's gradient", function()
  local y = tensor.randn(3, 4):requires_grad()
  local z = (y:narrow(2, 1, 2) * 2):sum() + (y:narrow(2, 2, 3) * 3):sum() + y:select(1, 2):sum()
  z:backward()
  T.close(y.grad, { { 2, 5, 3, 3 }, { 3, 6, 4, 4 }, { 2, 5, 3, 3 } })
  -- a sequence taken apart step by step: every row gets exactly its own gradient
  local x = tensor.randn(50, 8):requires_grad()
  local acc
  for i = 1, 50 do
    local r = x:select(1, i):sum() * i
    acc = acc and acc + r or r
  end
  acc:backward()
  for i = 1, 50, 7 do T.close(x.grad[i], { i, i, i, i, i, i, i, i }) end
end)

T.done()
