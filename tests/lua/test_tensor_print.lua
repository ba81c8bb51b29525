-- test_tensor_print.lua — tostring(t): numpy-like layout, number formats, elision, images.
local T = dofile("tests/lua/testlib.lua")
local lunet = rawget(_G, "lunet") or require "lunet"
local tensor = lunet.tensor

local function lines_of(s)
  local r = {}
  for line in (s .. "\n"):gmatch("([^\n]*)\n") do r[#r + 1] = line end
  return r
end

local function longest(s)
  local m = 0
  for _, l in ipairs(lines_of(s)) do if #l > m then m = #l end end
  return m
end

T.test("small tensors print on one line, integers without .0", function()
  T.eq(tostring(tensor{{1, 2}, {3, 4}}), "tensor([[1, 2], [3, 4]], shape=2x2)")
  T.eq(tostring(tensor{1, 2, 3}), "tensor([1, 2, 3], shape=3)")
  T.eq(tostring(tensor{-1, 20}), "tensor([-1, 20], shape=2)")
end)

T.test("one format per tensor: common decimals, up to 4", function()
  T.eq(tostring(tensor{1.5, 2.25, 3}), "tensor([1.50, 2.25, 3.00], shape=3)")
  T.eq(tostring(tensor{{1.5, -2.25}, {3, 4}}), "tensor([[1.50, -2.25], [3.00, 4.00]], shape=2x2)")
  T.eq(tostring(tensor{1 / 3, 2}), "tensor([0.3333, 2.0000], shape=2)")
  T.eq(tostring(tensor{1.00001, 2}), "tensor([1.0, 2.0], shape=2)")
end)

T.test("scientific notation when the range demands, as numpy", function()
  T.eq(tostring(tensor{1e-5, 1}), "tensor([1e-05, 1e+00], shape=2)")
  T.eq(tostring(tensor{123456789, 1}), "tensor([1.2346e+08, 1.0000e+00], shape=2)")
  T.eq(tostring(tensor{0.5, 1000.5}), "tensor([5.0000e-01, 1.0005e+03], shape=2)")
end)

T.test("nan and inf", function()
  T.eq(tostring(tensor{0 / 0, 1.5, -math.huge}), "tensor([nan, 1.5, -inf], shape=3)")
  T.eq(tostring(tensor.full({2}, math.huge)), "tensor([inf, inf], shape=2)")
end)

T.test("0-d and empty tensors", function()
  T.eq(tostring(tensor(3.5)), "tensor(3.5)")
  T.eq(tostring(tensor(3)), "tensor(3)")
  T.eq(tostring(tensor{}), "tensor([], shape=0)")
  T.eq(tostring(tensor.zeros(0, 3)), "tensor([], shape=0x3)")
end)

T.test("matrices print a row a line, aligned", function()
  T.eq(tostring(tensor.eye(3)), "tensor([[1, 0, 0],\n        [0, 1, 0],\n        [0, 0, 1]], shape=3x3)")
  T.eq(tostring(tensor{{1, -20}, {3, 4}, {5, 6}}),
       "tensor([[  1, -20],\n        [  3,   4],\n        [  5,   6]], shape=3x2)")
  T.eq(tostring(tensor{{0.5, 1}, {2, 3}, {4, 5}}),
       "tensor([[0.5, 1.0],\n        [2.0, 3.0],\n        [4.0, 5.0]], shape=3x2)")
end)

T.test("3-D tensors separate their blocks with a blank line", function()
  T.eq(tostring(tensor.arange(12):reshape(2, 3, 2)),
       "tensor([[[ 0,  1],\n         [ 2,  3],\n         [ 4,  5]],\n\n" ..
       "        [[ 6,  7],\n         [ 8,  9],\n         [10, 11]]], shape=2x3x2)")
end)

T.test("views print their own elements", function()
  T.eq(tostring(tensor{{1, 2}, {3, 4}}:T()), "tensor([[1, 3], [2, 4]], shape=2x2)")
  T.eq(tostring(tensor.arange(6):reshape(2, 3):select(2, 2)), "tensor([1, 4], shape=2)")
end)

T.test("long vectors wrap at 80 columns", function()
  local s = tostring(tensor.arange(100))
  T.truthy(longest(s) <= 80, "lines at most 80 chars, got " .. longest(s))
  T.truthy(s:find("^tensor%(%[ 0,  1,  2,"), s)
  T.truthy(s:find("99%], shape=100%)$"), s)
  local n = 0
  for _ in s:gmatch("%d+") do n = n + 1 end
  T.eq(n, 101, "all 100 numbers and the shape")
end)

T.test("more than 1000 elements: dims elided with ... (3 at each end)", function()
  T.eq(tostring(tensor.arange(2000)), "tensor([0, 1, 2, ..., 1997, 1998, 1999], shape=2000)")
  local s = tostring(tensor.arange(1000 * 1000):reshape(1000, 1000))
  local ls = lines_of(s)
  T.eq(#ls, 7, "3 rows, ..., 3 rows")
  T.eq(ls[4], "        ...,")
  T.truthy(ls[1]:find("^tensor%(%[%[     0,      1,      2, ...,    997,    998,    999%],$"), ls[1])
  T.truthy(ls[7]:find("999999%]%], shape=1000x1000%)$"), ls[7])
  local r = tostring(tensor.randn(3, 1000))
  T.eq(#lines_of(r), 3)
  for _, l in ipairs(lines_of(r)) do T.truthy(l:find(", ..., ", 1, true), l) end
end)

-- A 28x28 image of integers 0..255 (a ring), as in a dataset sample.
local function ring_image()
  local img = tensor.zeros(28, 28)
  for i = 1, 28 do
    for j = 1, 28 do
      local d = math.sqrt((i - 14.5) ^ 2 + (j - 14.5) ^ 2)
      if d > 6 and d < 10 then img[i][j] = math.floor(255 * (1 - math.abs(d - 8) / 2)) end
    end
  end
  return img
end

T.test("a 28x28 image prints whole, a row a line, in one screen", function()
  local s = tostring(ring_image())
  local ls = lines_of(s)
  T.eq(#ls, 29, "a header and 28 rows")
  T.eq(ls[1], "tensor(shape=28x28,")
  T.truthy(longest(s) <= 116, "rows at most 116 chars, got " .. longest(s))
  local n = 0
  for _ in s:gmatch("%d+") do n = n + 1 end
  T.eq(n, 784 + 2, "all 784 values and the shape")
  T.truthy(not s:find("...", 1, true), "nothing elided")
  T.truthy(ls[2]:find("^%[%[  0   0   0"), ls[2])
  T.truthy(ls[29]:find("0%]%]%)$"), ls[29])
end)

T.test("a 28x28 image scaled to [0,1] still fits, with fewer decimals, and says so", function()
  local s = tostring(ring_image() / 255)
  local ls = lines_of(s)
  T.eq(#ls, 29)
  T.eq(ls[1], "tensor(shape=28x28, shown to 1 decimal,")
  T.truthy(longest(s) <= 116, "rows at most 116 chars, got " .. longest(s))
end)

T.test("requires_grad and grad_fn are shown", function()
  local x = tensor{1, 2}:requires_grad()
  T.eq(tostring(x), "tensor([1, 2], shape=2, requires_grad=true)")
  T.eq(tostring(tensor(2):requires_grad()), "tensor(2, requires_grad=true)")
  T.truthy(tostring((x * x):sum()):find("^tensor%(5, grad_fn=sum%)$"), tostring((x * x):sum()))
  T.eq(tostring(x:detach()), "tensor([1, 2], shape=2)")
end)

T.test("a closed tensor prints as closed", function()
  local keep
  do
    local t <close> = tensor{1, 2}
    keep = t
  end
  T.eq(tostring(keep), "tensor(closed)")
end)

T.done()
