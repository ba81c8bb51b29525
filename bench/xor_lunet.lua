-- xor_lunet.lua STEPS — a hand-written training loop of a 2-2-1 sigmoid MLP on XOR (batch 4,
-- MSE, SGD), as a student writes it: forward, loss, backward, step. Prints µs per step and the
-- live tensor count / RSS after 10% and after all steps (memory must stay flat).
local steps = tonumber(arg[1]) or 100000
tensor.seed(1)
local x = tensor{{0,0},{0,1},{1,0},{1,1}}
local y = tensor{{0},{1},{1},{0}}
local model = nn.Sequential{nn.Dense(2, "sigmoid"), nn.Dense(1, "sigmoid")}
model(x)
local opt = optim.SGD(model:parameters(), {lr = 0.5})

local function rss_kb()
  for line in io.lines("/proc/self/status") do
    local v = line:match("^VmRSS:%s+(%d+)")
    if v then return tonumber(v) end
  end
end

local function step()
  opt:zero_grad()
  local loss = nn.losses.mse(model(x), y)
  loss:backward()
  opt:step()
  return loss
end

for _ = 1, 1000 do step() end            -- warm-up
local t0 = os.clock()
local early_rss, loss
for i = 1, steps do
  loss = step()
  if i == steps // 10 then early_rss = rss_kb() end
end
local dt = os.clock() - t0
print(string.format("lunet_us_per_step %.3f", dt / steps * 1e6))
print(string.format("lunet_final_loss %.5f", loss:item()))
print(string.format("lunet_rss_kb %d %d", early_rss, rss_kb()))
