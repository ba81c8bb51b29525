-- bench_fit.lua — seconds per epoch of the lecture's Fashion-MNIST MLP (784-128-64-10, Adam, batch
-- 128, all 60,000 training images, shuffled), run by bench_fit.sh through the lunet binary.
-- Prints "key=value" lines: lunet_epoch_s (median of epochs 2..N), lunet_epochs_s, lunet_peak_rss_mb,
-- lunet_train_loss, lunet_train_accuracy.   Usage: lunet bench/bench_fit.lua [epochs [png-path]]
-- With a png path, fit draws its live loss curves (plot = true) into that file while it trains.
local epochs = tonumber(arg and arg[1]) or 5
local png = arg and arg[2]
if png then plot.terminal("png", png) end
tensor.seed(0)
local x, y = data.fashion_mnist()
x = x / 255
collectgarbage()
y = data.one_hot(y, 10)
local model = nn.Sequential { nn.Flatten(), nn.Dense(128, "relu"), nn.Dense(64, "relu"), nn.Dense(10, "softmax") }
model:compile { optimizer = "adam", loss = "categorical_crossentropy", metrics = { "accuracy" } }
local h = model:fit(x, y, { epochs = epochs, batch_size = 128, verbose = 0, plot = png ~= nil })

local t = {}
for k = 2, #h.seconds do t[#t + 1] = h.seconds[k] end
if #t == 0 then t[1] = h.seconds[1] end
table.sort(t)
local median = #t % 2 == 1 and t[(#t + 1) // 2] or (t[#t // 2] + t[#t // 2 + 1]) / 2
local peak = 0
for line in io.lines("/proc/self/status") do
  peak = tonumber(line:match("^VmHWM:%s+(%d+)")) or peak
end
local all = {}
for k, s in ipairs(h.seconds) do all[k] = ("%.3f"):format(s) end
print(("lunet_epoch_s=%.4f"):format(median))
print("lunet_epochs_s=" .. table.concat(all, ","))
print(("lunet_peak_rss_mb=%.1f"):format(peak / 1024))
print(("lunet_train_loss=%.4f"):format(h.loss[#h.loss]))
print(("lunet_train_accuracy=%.4f"):format(h.accuracy[#h.accuracy]))
