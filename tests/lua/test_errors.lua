-- test_errors.lua — every bad call raises a Lua error naming the function, in 1-based terms,
-- with shapes; and no input crashes the process.
local T = dofile("tests/lua/testlib.lua")
local lunet = rawget(_G, "lunet") or require "lunet"
local tensor = lunet.tensor

local function A() return tensor{{1, 2, 3}, {4, 5, 6}} end

T.test("wrong types, luaL_typeerror style", function()
  local a = A()
  T.raises(function() return tensor.matmul("x", a) end, "bad argument #1 to 'matmul' (tensor expected, got string)")
  T.raises(function() return tensor.matmul(a, nil) end, "bad argument #2 to 'matmul' (tensor expected, got nil)")
  T.raises(function() return a:matmul("x") end, "bad argument #1 to 'matmul' (tensor expected, got string)")
  T.raises(function() return a:matmul() end, "bad argument #1 to 'matmul' (tensor expected, got no value)")
  T.raises(function() return a + "x" end, "bad argument #2 to 'add' (tensor or number expected, got string)")
  T.raises(function() return a * nil end, "bad argument #2 to 'mul' (tensor or number expected, got nil)")
  T.raises(function() return true - a end, "bad argument #1 to 'sub' (tensor or number expected, got boolean)")
  T.raises(function() return a:add() end, "bad argument #1 to 'add' (tensor or number expected, got no value)")
  T.raises(function() return tensor.zeros(2, "x") end, "bad argument #2 to 'zeros' (number expected, got string)")
  T.raises(function() return tensor("abc") end, "bad argument #1 to 'tensor' (table expected, got string)")
  T.raises(function() return tensor() end, "tensor: expected a table of numbers, e.g. tensor{{1,2},{3,4}}")
  T.raises(function() return tensor.cat(a) end, "bad argument #1 to 'cat' (table expected, got tensor)")
  T.raises(function() return tensor.cat({a, "x"}) end, "bad argument #1 to 'cat' (item 2 is a string, expected a tensor)")
  T.raises(function() return a:masked() end, "bad argument #1 to 'masked' (tensor expected, got no value)")
  T.raises(function() return a:sum("x") end, "bad argument #1 to 'sum' (number expected, got string)")
  T.raises(function() return a.shape(5) end, "bad argument #1 to 'shape' (tensor expected, got number)")
  T.raises(function() return a:sum(1.5) end, "number has no integer representation")
  T.raises(function() tensor.seed("x") end, "bad argument #1 to 'seed' (number expected, got string)")
  T.raises(function() return tensor.no_grad(5) end, "bad argument #1 to 'no_grad' (function expected, got number)")
end)

T.test("ragged and malformed tables name the row", function()
  T.raises(function() return tensor{{1, 2}, {3}} end, "tensor: ragged table: row [2] has 1 items, expected 2")
  T.raises(function() return tensor{{1, 2}, 3} end, "tensor: ragged table: item [2] is a number, expected a row of 2 items")
  T.raises(function() return tensor{1, {2}} end, "tensor: ragged table: item [2] is a table, expected a number")
  T.raises(function() return tensor{{{1, 2}, {3, 4}}, {{1, 2}, {3}}} end,
    "tensor: ragged table: row [2][2] has 1 items, expected 2")
  T.raises(function() return tensor{1, "a"} end, "tensor: item [2] is a string, expected a number")
  T.raises(function() return tensor{1, nil, 3} end, "expected a number")
  T.raises(function() return tensor{tensor{1, 2}, tensor{3}} end, "tensor: all tensors must have the same shape")
  T.raises(function() return tensor{tensor{1, 2}, 3} end, "tensor: item [2] is a number, expected a tensor like item [1]")
  local r = {}
  r[1] = r
  T.raises(function() return tensor(r) end, "tensor: table nested more than 8 deep")
end)

T.test("bad shapes and sizes", function()
  T.raises(function() return tensor.zeros(-1, 2) end, "zeros: negative size in shape [-1,2]")
  T.raises(function() return tensor.ones{3, -2} end, "ones: negative size in shape [3,-2]")
  T.raises(function() return tensor.rand(2.5) end, "rand: size 1 of the shape must be an integer, got 2.5")
  T.raises(function() return tensor.randn{2, 1e300} end, "randn: size 2 of the shape must be an integer, got 1e+300")
  T.raises(function() return tensor.zeros{2, "a"} end, "zeros: size 2 of the shape must be an integer, got string")
  T.raises(function() return tensor.zeros(1e6, 1e6) end,
    "zeros: shape [1000000,1000000] needs 4000.0 GB, more than half of this machine's memory")
  T.raises(function() return tensor.ones(1, 1, 1, 1, 1, 1, 1, 1, 1) end, "ones: too many dimensions (at most 8)")
  T.raises(function() return tensor.zeros{1, 1, 1, 1, 1, 1, 1, 1, 1} end, "zeros: 9 dimensions (at most 8)")
  T.raises(function() return tensor.full({2}) end, "full: expected a shape and a value, e.g. tensor.full({2,3}, 0.5)")
  T.raises(function() return tensor.eye(-3) end, "eye: negative size in shape [-3,-3]")
  T.raises(function() return tensor.arange(0, 10, 0) end, "arange: step must be non-zero and bounds finite (got start=0, stop=10, step=0)")
  T.raises(function() return tensor.arange(0, 1 / 0) end, "arange: step must be non-zero and bounds finite")
  T.raises(function() return tensor.arange(0, 1e300, 1e-300) end, "arange: inf elements are too many")
  T.raises(function() return tensor.linspace(0, 1, -2) end, "linspace: number of points must be >= 0, got -2")
end)

T.test("reshape count mismatch and bad -1", function()
  local a = A()
  T.raises(function() return a:reshape(4, 2) end, "reshape: cannot reshape [2,3] (6 elements) into [4,2] (8 elements)")
  T.raises(function() return a:reshape(-1, 4) end, "reshape: cannot reshape [2,3] (6 elements) into [-1,4]")
  T.raises(function() return a:reshape(-1, -1) end, "reshape: only one size can be -1, got [-1,-1]")
  T.raises(function() return a:reshape(-2, 3) end, "reshape: negative size in shape [-2,3]")
  T.raises(function() return tensor.zeros(0, 3):reshape(-1, 0) end, "reshape:")
end)

T.test("broadcasting and matmul mismatches show both shapes", function()
  local a = A()
  T.raises(function() return a + tensor{1, 2} end, "add: shapes [2,3] and [2] cannot be broadcast (dimension 2: 3 vs 2)")
  T.raises(function() return a:mul(tensor.ones(3, 3)) end, "mul: shapes [2,3] and [3,3] cannot be broadcast")
  T.raises(function() return a:gt(tensor{1, 2}) end, "gt: shapes [2,3] and [2] cannot be broadcast")
  T.raises(function() return tensor.where(a:gt(2), a, tensor{1, 2}) end, "where: shapes [2,3] and [2] cannot be broadcast")
  T.raises(function() return a:masked(tensor{1, 0}) end, "masked: mask of shape [2] cannot be broadcast to the tensor's shape [2,3]")
  T.raises(function() return tensor.matmul(a, a) end, "matmul: shapes [2,3] and [2,3] are not aligned (3 vs 2)")
  T.raises(function() return a:dot(tensor{1, 2}) end, "matmul: shapes [2,3] and [2] are not aligned (3 vs 2)")
  T.raises(function() return tensor{1, 2}:matmul(tensor{1, 2, 3}) end, "matmul: shapes [2] and [3] are not aligned (2 vs 3)")
  T.raises(function() return tensor.matmul(tensor.zeros(2, 2, 2, 2), a) end, "matmul: shapes [2,2,2,2] and [2,3]")
  T.raises(function() return a:expand(3, 3) end, "expand: cannot broadcast [2,3] to [3,3]")
  T.raises(function() return tensor.cat({a, tensor{1}}) end, "cat: shapes [2,3] and [1]")
  T.raises(function() return tensor.stack({a, tensor{1}}) end, "stack: all tensors must have the same shape (got [2,3] and [1])")
  T.raises(function() return tensor.cat({}) end, "cat: expected a non-empty list of tensors")
  T.raises(function() local t = tensor.zeros(2, 3); t[1] = tensor{1, 2} end,
    "index assignment: shapes [3] and [2] cannot be broadcast")
  T.raises(function() tensor.zeros(2, 2):copy(tensor{1, 2, 3}) end, "copy: shapes [2,2] and [3] cannot be broadcast")
end)

T.test("indices out of range, in 1-based terms", function()
  local a = A()
  T.raises(function() return a[3] end, "index: index 3 is out of range for dimension 1 of size 2 (shape [2,3])")
  T.raises(function() return a[0] end, "index: index 0 is out of range for dimension 1 of size 2 (shape [2,3])")
  T.raises(function() return a[-3] end, "index: index -3 is out of range for dimension 1 of size 2 (shape [2,3])")
  T.raises(function() return a[math.maxinteger] end, "index: index " .. math.maxinteger .. " is out of range")
  T.raises(function() return a[math.mininteger] end, "is out of range for dimension 1 of size 2")
  T.raises(function() return a[1.5] end, "index: index must be an integer, got 1.5")
  T.raises(function() return a[{}] end, "index: tensors take integer indices or method names, got table")
  T.raises(function() a[3] = 1 end, "index assignment: index 3 is out of range for dimension 1 of size 2 (shape [2,3])")
  T.raises(function() a[1] = "x" end, "index assignment: expected a number or a tensor, got string")
  T.raises(function() a.foo = 1 end, "tensor: cannot set field 'foo' (tensors take integer indices)")
  T.raises(function() return tensor{}[1] end, "index: index 1 is out of range for dimension 1 of size 0 (shape [0])")
  T.raises(function() return tensor(1)[1] end, "index: a 0-d tensor cannot be indexed (use :item())")
  T.raises(function() return a:select(1, 3) end, "select: index 3 is out of range for dimension 1 of size 2 (shape [2,3])")
  T.raises(function() return a:select(2, -4) end, "select: index -4 is out of range for dimension 2 of size 3 (shape [2,3])")
  T.raises(function() return a:narrow(2, 3, 2) end, "narrow: start 3 and length 2 do not fit dimension 2 of size 3 (shape [2,3])")
  T.raises(function() return a:narrow(1, 1, -1) end, "narrow: start 1 and length -1 do not fit dimension 1 of size 2")
  T.raises(function() return a:narrow(1, 1, math.maxinteger) end, "narrow: start 1 and length")
  T.raises(function() return a:_get(7) end, "_get: flat index 7 is out of range for 6 elements (shape [2,3])")
end)

T.test("dims out of range, in 1-based terms", function()
  local a = A()
  local msg = "dimension 3 is out of range for a 2-D tensor of shape [2,3] (valid: 1..2 or -2..-1)"
  T.raises(function() return a:size(3) end, "size: " .. msg)
  T.raises(function() return a:sum(3) end, "sum: " .. msg)
  T.raises(function() return a:argmax(3) end, "argmax: " .. msg)
  T.raises(function() return a:softmax(3) end, "softmax: " .. msg)
  T.raises(function() return a:transpose(1, 3) end, "transpose: " .. msg)
  T.raises(function() return a:narrow(3, 1, 1) end, "narrow: " .. msg)
  T.raises(function() return tensor.cat({a, a}, 3) end, "cat: " .. msg)
  T.raises(function() return a:size(0) end, "size: dimension 0 is out of range for a 2-D tensor")
  T.raises(function() return a:mean(-3) end, "mean: dimension -3 is out of range for a 2-D tensor")
  T.raises(function() return tensor(1):sum(1) end, "sum: dimension 1 is out of range for a 0-d tensor (it has no dimensions)")
  T.raises(function() return a:unsqueeze(4) end,
    "unsqueeze: dimension 4 is out of range for inserting into a 2-D tensor (valid: 1..3 or -3..-1)")
  T.raises(function() return tensor.stack({a}, 4) end, "stack: dimension 4 is out of range for inserting into a 2-D tensor")
  T.raises(function() return a:squeeze(1) end, "squeeze: dimension 1 has size 2, not 1 (shape [2,3])")
  T.raises(function() return a:permute(1, 1) end, "permute: dims must be a permutation of 1..2, got 1 at position 2")
  T.raises(function() return a:permute(1) end, "permute: expected 2 dims for shape [2,3], got 1")
  T.raises(function() return tensor(1):softmax() end, "softmax: needs a tensor with at least 1 dimension, got a 0-d tensor")
end)

T.test("values out of range and one-element rules", function()
  local a = A()
  T.raises(function() return a:item() end,
    "item: only one-element tensors can be converted to a number (shape [2,3] has 6 elements)")
  T.raises(function() return #tensor(1) end, "#: a 0-d tensor has no length (use :item())")
  T.raises(function() return a:clamp(2, 1) end, "clamp: lower bound 2 is greater than upper bound 1")
  T.raises(function() return a:dropout(1) end, "dropout: probability must be in [0, 1), got 1")
  T.raises(function() return tensor.zeros(0):max() end, "max: cannot reduce an empty tensor")
  T.raises(function() return tensor.zeros(0, 3):argmax(1) end, "argmax: cannot reduce an empty dimension")
end)

T.test("closed tensors (<close>) give an error, not a crash", function()
  local keep
  do
    local t <close> = tensor{1, 2}
    keep = t
  end
  T.raises(function() return keep:sum() end, "calling 'sum' on bad self (tensor was closed)")
  T.raises(function() return keep + 1 end, "bad argument #1 to 'add' (tensor was closed)")
  T.raises(function() return tensor{1} * keep end, "bad argument #2 to 'mul' (tensor was closed)")
  T.raises(function() return keep[1] end, "tensor was closed")
  T.raises(function() keep[1] = 2 end, "tensor was closed")
  T.raises(function() return #keep end, "tensor was closed")
  T.raises(function() return tensor.cat({keep}) end, "bad argument #1 to 'cat' (item 1 is a closed tensor, expected a tensor)")
  T.raises(function() return tensor.matmul(keep, keep) end, "bad argument #1 to 'matmul' (tensor was closed)")
  T.raises(function() return tensor.where(keep, 1, 2) end, "tensor was closed")
  T.eq(tostring(keep), "tensor(closed)")
  getmetatable(keep).__close(keep)   -- closing twice is harmless
end)

-- Every method with odd arguments: the process must survive, and whatever is raised is a string.
T.test("no input crashes the process", function()
  local samples = {
    tensor{{1, 2}, {3, 4}}, tensor{}, tensor(3), tensor.zeros(0, 3), tensor.zeros(3, 0, 2), tensor{0 / 0, 1 / 0, -1 / 0},
    tensor.arange(24):reshape(2, 3, 4):T(), tensor.arange(12):reshape(3, 4):narrow(2, 2, 2):select(1, 2),
    tensor.ones(1, 1, 1, 1, 1, 1, 1, 1),
  }
  local args = { {}, {1}, {-1}, {0}, {2}, {1, 1}, {1, 0}, {2, -1}, {1, true}, {nil, true}, {"x"}, {{}}, {{1}},
                 {tensor{1, 2}}, {tensor(2)}, {tensor{}}, {0 / 0}, {math.huge}, {math.maxinteger}, {math.mininteger},
                 {1, 2, 3}, {{2, -1}}, {-1, 1, 0} }
  local names = {}
  for k in pairs(tensor.methods) do names[#names + 1] = k end
  table.sort(names)
  local calls, errors = 0, 0
  for _, name in ipairs(names) do
    if name ~= "backward" then
      for _, t in ipairs(samples) do
        for _, a in ipairs(args) do
          local ok, res = pcall(t[name], t, table.unpack(a, 1, 3))
          calls = calls + 1
          if not ok then
            errors = errors + 1
            T.eq(type(res), "string", name)
          elseif tensor.is_tensor(res) then
            tostring(res)
          end
        end
      end
    end
  end
  for _, f in ipairs { "zeros", "ones", "rand", "randn", "eye", "arange", "linspace", "full", "cat", "stack",
                       "where", "matmul", "maximum" } do
    for _, a in ipairs(args) do
      local ok, res = pcall(tensor[f], table.unpack(a, 1, 3))
      if not ok then T.eq(type(res), "string", f) end
    end
  end
  T.truthy(calls > 1000 and errors > 0, calls .. " calls, " .. errors .. " errors")
end)

T.test("errors leave no half-made tensors behind", function()
  collectgarbage(); collectgarbage()
  local before = lunet.stats().tensors
  for _ = 1, 50 do
    pcall(function() return tensor{{1, 2}, {3}} end)
    pcall(function() return tensor.cat({tensor{1}, "x"}) end)
    pcall(function() return A() + tensor{1, 2} end)
    pcall(function() local t = tensor.zeros(2, 3); t[1] = {1, 2} end)
  end
  collectgarbage(); collectgarbage()
  T.eq(lunet.stats().tensors, before)
end)

T.done()
