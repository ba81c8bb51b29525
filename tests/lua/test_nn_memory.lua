-- test_nn_memory.lua — a hand-written Lua training loop keeps its memory flat: after 10,000
-- and after 100,000 XOR steps (forward, loss, backward, step) the live tensor count is the
-- same and the process has not grown. Not a timing test.
local T = dofile("tests/lua/testlib.lua")
local lunet = rawget(_G, "lunet") or require "lunet"
local nn, optim, tensor, data = lunet.nn, lunet.optim, lunet.tensor, lunet.data

local function rss_kb()
  local f = io.open("/proc/self/status", "r")
  if not f then return nil end
  local s = f:read("a")
  f:close()
  return tonumber(s:match("VmRSS:%s*(%d+)"))
end

T.test("100,000 training steps keep tensors and memory flat", function()
  tensor.seed(1)
  local g = data.gates.XOR
  local model = nn.Sequential({ nn.Dense(2, "sigmoid"), nn.Dense(1, "sigmoid") }, { input_shape = { 2 } })
  local opt = optim.Adam(model:parameters(), { lr = 0.01 })
  local function steps(n)
    for _ = 1, n do
      opt:zero_grad()
      local loss = nn.losses.binary_crossentropy(model(g.x), g.y)
      loss:backward()
      opt:step()
    end
  end
  steps(10000)
  collectgarbage(); collectgarbage()
  local tensors10k, rss10k = lunet.stats().tensors, rss_kb()
  steps(90000)
  collectgarbage(); collectgarbage()
  local tensors100k, rss100k = lunet.stats().tensors, rss_kb()
  T.eq(tensors100k, tensors10k, "live tensors after 100k steps vs 10k")
  -- AddressSanitizer keeps freed memory in quarantine, so RSS says nothing under it
  if rss10k and rss100k and not os.getenv("ASAN_OPTIONS") then
    T.truthy(rss100k - rss10k < 4096, "RSS grew from " .. rss10k .. " kB to " .. rss100k .. " kB")
  end
end)

T.done()
