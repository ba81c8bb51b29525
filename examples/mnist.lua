-- mnist.lua — the lecture's model on handwritten digits: the same Flatten-128-64-10 network and the
-- same steps as examples/fashion_mnist.lua, on data.mnist() (the full MNIST files when they are
-- installed, otherwise the 10,000-digit sample split 8,000 / 2,000).
-- Run it with:  lunet examples/mnist.lua
tensor.seed(42)

local x_train, y_train, x_test, y_test = data.mnist()
x_train = x_train / 255
x_test = x_test / 255
local y_train_1h, y_test_1h = data.one_hot(y_train, 10), data.one_hot(y_test, 10)

local model = nn.Sequential {
  nn.Flatten(),
  nn.Dense(128, "relu"),
  nn.Dense(64, "relu"),
  nn.Dense(10, "softmax"),
}
model:compile { optimizer = "adam", loss = "categorical_crossentropy", metrics = { "accuracy" } }

-- With only 8,000 training images every one counts: no validation split, and more, smaller batches.
local history = model:fit(x_train, y_train_1h, { epochs = 20, batch_size = 32, verbose = 1 })

local test_loss, test_acc = model:evaluate(x_test, y_test_1h, { verbose = 2 })
print(("Test loss: %.4f   Test accuracy: %.4f"):format(test_loss, test_acc))

local pred_labels = model:predict(x_test):argmax(2) - 1   -- argmax counts from 1; digits from 0
metrics.print_confusion(metrics.confusion_matrix(y_test, pred_labels, 10), data.mnist_labels)

return { history = history, test_loss = test_loss, test_accuracy = test_acc }
