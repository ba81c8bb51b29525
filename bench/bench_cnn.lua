-- bench_cnn.lua — seconds per epoch of the lecture's CNN on Fashion-MNIST (Conv2D(32,3,relu),
-- MaxPool2D(2), Conv2D(64,3,relu), MaxPool2D(2), Flatten, Dense(64,relu), Dense(10,softmax); Adam,
-- batch 32, sparse categorical cross-entropy), run by bench_cnn.sh through the lunet binary.
-- Prints "key=value" lines: lunet_cnn_epoch_s (the last epoch, scaled to 60,000 images),
-- lunet_cnn_rows, lunet_cnn_peak_rss_mb, lunet_cnn_train_loss, lunet_cnn_train_accuracy.
-- Usage: lunet bench/bench_cnn.lua [rows [epochs]]   (rows: how many training images, 60000 at most)
local rows = tonumber(arg and arg[1]) or 60000
local epochs = tonumber(arg and arg[2]) or 1
tensor.seed(0)
local x, y = data.fashion_mnist()
rows = math.min(rows, x:size(1))
x = (x:narrow(1, 1, rows) / 255):reshape(-1, 28, 28, 1)
y = y:narrow(1, 1, rows):clone()
collectgarbage()
local model = nn.Sequential({
  nn.Conv2D(32, 3, "relu", { input_shape = { 28, 28, 1 } }), nn.MaxPool2D(2),
  nn.Conv2D(64, 3, "relu"), nn.MaxPool2D(2),
  nn.Flatten(), nn.Dense(64, "relu"), nn.Dense(10, "softmax"),
})
model:compile { optimizer = "adam", loss = "sparse_categorical_crossentropy", metrics = { "accuracy" } }
local h = model:fit(x, y, { epochs = epochs, batch_size = 32, verbose = 0 })
local peak = 0
for line in io.lines("/proc/self/status") do
  peak = tonumber(line:match("^VmHWM:%s+(%d+)")) or peak
end
print(("lunet_cnn_epoch_s=%.3f"):format(h.seconds[#h.seconds] * 60000 / rows))
print(("lunet_cnn_rows=%d"):format(rows))
print(("lunet_cnn_peak_rss_mb=%.1f"):format(peak / 1024))
print(("lunet_cnn_train_loss=%.4f"):format(h.loss[#h.loss]))
print(("lunet_cnn_train_accuracy=%.4f"):format(h.accuracy[#h.accuracy]))
