-- mnist.lua — the lecture's model on handwritten digits: the same Flatten-128-64-10 network and the
-- same steps as examples/fashion_mnist.lua, on data.mnist() (the full MNIST files when they are
-- installed, otherwise the 10,000-digit sample split 8,000 / 2,000).
-- Run it with:  lunet examples/mnist.lua
tensor.seed(42)

local x_train, y_train, x_test, y_test = data.mnist()
x_train = x_train / 255
x_test = x_test / 255

-- 8,000 digits are few for 109,386 weights: the network soon learns them by heart (training
-- accuracy 1.0, test 0.95). A digit moved by one pixel is still the same digit, so four shifted
-- copies of every image give five times the data for free ("data augmentation").
local function shifted(x, dy, dx)
  local n = x:size(1)
  if dx ~= 0 then
    local pad = tensor.zeros(n, 28, 1)
    x = dx > 0 and tensor.cat({ pad, x:narrow(3, 1, 27) }, 3) or tensor.cat({ x:narrow(3, 2, 27), pad }, 3)
  end
  if dy ~= 0 then
    local pad = tensor.zeros(n, 1, 28)
    x = dy > 0 and tensor.cat({ pad, x:narrow(2, 1, 27) }, 2) or tensor.cat({ x:narrow(2, 2, 27), pad }, 2)
  end
  return x
end
local xs, ys = { x_train }, { y_train }
for _, d in ipairs { { 0, 1 }, { 0, -1 }, { 1, 0 }, { -1, 0 } } do
  xs[#xs + 1], ys[#ys + 1] = shifted(x_train, d[1], d[2]), y_train
end
local x_more, y_more = tensor.cat(xs, 1), tensor.cat(ys, 1)
print(("training on %d images: %d digits and four shifted copies of each"):format(x_more:size(1), x_train:size(1)))

local model = nn.Sequential {
  nn.Flatten(),
  nn.Dense(128, "relu"),
  nn.Dense(64, "relu"),
  nn.Dense(10, "softmax"),
}
model:compile { optimizer = "adam", loss = "categorical_crossentropy", metrics = { "accuracy" } }
local history = model:fit(x_more, data.one_hot(y_more, 10), { epochs = 10, batch_size = 32, verbose = 1 })

local test_loss, test_acc = model:evaluate(x_test, data.one_hot(y_test, 10), { verbose = 2 })
print(("Test loss: %.4f   Test accuracy: %.4f"):format(test_loss, test_acc))

local pred_labels = model:predict(x_test):argmax(2) - 1   -- argmax counts from 1; digits from 0
metrics.print_confusion(metrics.confusion_matrix(y_test, pred_labels, 10), data.mnist_labels)

return { history = history, test_loss = test_loss, test_accuracy = test_acc }
