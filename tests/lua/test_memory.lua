-- test_memory.lua — tensors are released by __gc/__close, and plain Lua loops that make big
-- temporaries keep resident memory flat. A memory test, not a timing test: it reads VmRSS and
-- VmHWM (the peak) from /proc/self/status.
local T = dofile("tests/lua/testlib.lua")
local lunet = rawget(_G, "lunet") or require "lunet"
local tensor = lunet.tensor

local MB = 1024 * 1024

local function status_kb(field)
  local f = io.open("/proc/self/status")
  if not f then return nil end
  local s = f:read("a")
  f:close()
  return tonumber(s:match(field .. ":%s*(%d+) kB"))
end

local function live() collectgarbage(); collectgarbage(); return lunet.stats() end

T.test("10,000 tensors of 1000x1000 in a plain loop stay under 200 MB resident", function()
  if not status_kb("VmRSS") then print("  (no /proc/self/status: skipped)"); return end
  for _ = 1, 10000 do
    local t = tensor.zeros(1000, 1000)
    t = nil
  end
  local peak = status_kb("VmHWM") * 1024
  T.truthy(peak < 200 * MB, string.format("peak resident %.0f MB", peak / MB))
  T.truthy(status_kb("VmRSS") * 1024 < 200 * MB, "resident after the loop")
end)

T.test("temporaries of arithmetic in a loop are collected too", function()
  if not status_kb("VmRSS") then return end
  local x = tensor.ones(1000, 1000)
  local acc = 0
  for _ = 1, 1000 do
    local y = (x * 2 + 1):relu()
    acc = acc + y[1][1]
  end
  T.eq(acc, 3000)
  T.truthy(status_kb("VmHWM") * 1024 < 200 * MB, string.format("peak resident %.0f MB", status_kb("VmHWM") / 1024))
end)

T.test("a training-style loop with backward keeps the live tensor count flat", function()
  local w = tensor.randn(256, 256):requires_grad()
  local x = tensor.randn(64, 256)
  local function steps(n)
    for _ = 1, n do
      local loss = (x:matmul(w):tanh() ^ 2):mean()
      loss:backward()
      tensor.no_grad(function() w:copy(w - w.grad * 0.01) end)
      w:zero_grad()
    end
  end
  steps(10)
  local start = live().tensors
  steps(300)
  T.eq(live().tensors, start, "live tensors after 300 more steps")
end)

T.test("<close> releases a tensor at once, before any collection", function()
  local before = lunet.stats()
  do
    local t <close> = tensor.zeros(1000, 1000)
    T.eq(lunet.stats().tensors, before.tensors + 1)
  end
  T.eq(lunet.stats().tensors, before.tensors, "released at the end of the block")
  T.truthy(lunet.stats().bytes <= before.bytes, "its bytes are released")
end)

T.test("views keep their storage alive after the base is gone", function()
  local v
  do
    local base = tensor.arange(1000000):reshape(1000, 1000)
    v = base[1000]:narrow(1, 998, 3)
  end
  collectgarbage(); collectgarbage()
  T.close(v, {999997, 999998, 999999})
end)

T.test("lunet.stats counts live tensors and bytes", function()
  local s0 = live()
  local t = tensor.zeros(100, 100)
  local s1 = lunet.stats()
  T.eq(s1.tensors, s0.tensors + 1)
  T.eq(s1.bytes - s0.bytes, 100 * 100 * 4)
  t = nil
  local s2 = live()
  T.eq(s2.tensors, s0.tensors)
  T.eq(s2.bytes, s0.bytes)
  T.eq(type(s2.pool_bytes), "number")
end)

T.done()
