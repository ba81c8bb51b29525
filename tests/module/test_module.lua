-- test_module.lua — `require "lunet"` from the stock lua5.4 gives the same API as the lunet binary.
-- Run: lua5.4 -e "package.cpath='build/?.so;'..package.cpath" tests/module/test_module.lua
local lunet = require "lunet"
local T = dofile("tests/lua/testlib.lua")
local tensor, autograd = lunet.tensor, lunet.autograd

T.test("require 'lunet' gives the tensor and autograd modules", function()
  T.eq(type(lunet), "table")
  T.eq(type(lunet.version), "string")
  T.eq(type(getmetatable(tensor).__call), "function")
  T.eq(type(autograd.numgrad), "function")
  T.eq(type(autograd.gradcheck), "function")
  T.eq(type(lunet.stats().tensors), "number")
  T.eq(package.loaded.lunet, lunet)
end)

T.test("tensors compute as in the lunet binary", function()
  local a = tensor{{1, 2}, {3, 4}}
  T.close(a:matmul(a), {{7, 10}, {15, 22}})
  T.eq((a + 1):sum():item(), 14)
  T.close(a:T()[1], {1, 3})
  T.close(tensor.arange(3) * 2, {0, 2, 4})
end)

T.test("printing is numpy-like", function()
  T.eq(tostring(tensor{{1, 2}, {3, 4}}), "tensor([[1, 2], [3, 4]], shape=2x2)")
  T.eq(tostring(tensor(3.5)), "tensor(3.5)")
  T.eq(tostring(tensor.zeros(0)), "tensor([], shape=0)")
end)

T.test("errors name the function and the shapes", function()
  local a = tensor.zeros(2, 3)
  T.raises(function() return tensor.matmul(a, a) end, "matmul: shapes [2,3] and [2,3] are not aligned (3 vs 2)")
  T.raises(function() return tensor.matmul("x", a) end, "bad argument #1 to 'matmul' (tensor expected, got string)")
  T.raises(function() return tensor{{1, 2}, {3}} end, "tensor: ragged table: row [2] has 1 items, expected 2")
end)

T.test("autograd works through the module", function()
  local x = tensor{1, 2, 3}:requires_grad()
  ;(x * x):sum():backward()
  T.close(x.grad, {2, 4, 6})
  T.close(autograd.numgrad(function(v) return (v * v):sum() end, tensor{1, 2, 3}), {2, 4, 6}, 1e-3)
end)

T.done()
