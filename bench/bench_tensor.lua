-- bench_tensor.lua — the Lua half of bench_tensor: builds the operands, then runs one operation
-- BENCH_N times. bench_tensor times the whole run from outside and subtracts a run with
-- BENCH_N = 0, so start-up and set-up cancel out. Set by the caller with -e:
--   BENCH_OP    matmul | add | relu | mul_scalar | sigmoid | clone
--   BENCH_SIZE  "M,K,N" for matmul
--   BENCH_N     repetitions
local op, n = BENCH_OP, BENCH_N or 0
tensor.seed(1)

local run
if op == "matmul" then
  local m, k, nn = BENCH_SIZE:match("(%d+),(%d+),(%d+)")
  local a, b = tensor.randn(tonumber(m), tonumber(k)), tensor.randn(tonumber(k), tonumber(nn))
  run = function() return tensor.matmul(a, b) end
else
  local a, b = tensor.randn(10000000), tensor.randn(10000000)
  local ops = {
    add = function() return a + b end,
    relu = function() return a:relu() end,
    mul_scalar = function() return a * 2 end,
    sigmoid = function() return a:sigmoid() end,
    clone = function() return a:clone() end,
  }
  run = assert(ops[op], "unknown BENCH_OP")
end

for _ = 1, n do
  local r = run()
  r = nil
end
