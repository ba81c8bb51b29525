-- rnn_fashion.lua — an LSTM that reads each Fashion-MNIST image as a sequence: 28 time steps, one
-- row of 28 pixels at a time, top to bottom, and names the item from what it remembers at the end.
-- Run it with:  lunet examples/rnn_fashion.lua [epochs]     (an epoch takes some 5 s on 2 cores)
tensor.seed(3)
local epochs = tonumber(arg and arg[1]) or 3

-- 1. The data: [N, 28, 28] is already [N, T, F] — N sequences of T = 28 rows of F = 28 pixels.
local x_train, y_train, x_test, y_test = data.fashion_mnist()
x_train = x_train / 255
collectgarbage()
x_test = x_test / 255

-- 2. The model: 64 LSTM units (4 gates * 64 * (64 + 28 + 1) = 23,808 parameters) and a softmax.
local model = nn.Sequential({
  nn.LSTM(64, { input_shape = { 28, 28 } }),
  nn.Dense(10, "softmax"),
})
model:summary()
model:compile { optimizer = "adam", loss = "sparse_categorical_crossentropy", metrics = { "accuracy" } }
local history = model:fit(x_train, y_train, { epochs = epochs, batch_size = 128, validation_split = 0.1 })

-- 3. The test images: the CNN of examples/cnn_fashion.lua does better, as it sees 2-D patterns.
local test_loss, test_acc = model:evaluate(x_test, y_test)
print(("Test loss: %.4f   Test accuracy: %.4f"):format(test_loss, test_acc))

return { history = history, test_loss = test_loss, test_accuracy = test_acc }
