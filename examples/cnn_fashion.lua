-- cnn_fashion.lua — the lecture's convolutional network on Fashion-MNIST, as in Keras:
-- two Conv2D + MaxPool2D blocks find local patterns (edges, then parts of clothes), a Dense
-- layer combines them, and softmax gives the 10 class probabilities.
-- Run it with:  lunet examples/cnn_fashion.lua [epochs]     (an epoch takes some 15 s on 2 cores)
tensor.seed(42)   -- the same weights, shuffles and numbers on every run
local epochs = tonumber(arg and arg[1]) or 5

-- 1. The data: 60,000 training and 10,000 test images of 28x28 grey pixels, labels 0..9.
local x_train, y_train, x_test, y_test = data.fashion_mnist()

-- 2. Pixels scaled to 0..1, and one channel added: convolutions read images as
--    [N, height, width, channels], channels last as in Keras.
x_train = (x_train / 255):reshape(-1, 28, 28, 1)
collectgarbage()   -- the unscaled images (188 MB) go now rather than later
x_test = (x_test / 255):reshape(-1, 28, 28, 1)

-- 3. The model. Conv2D(32, 3): 32 filters of 3x3 slide over the image; "valid" padding trims the
--    border, so 28x28 becomes 26x26. MaxPool2D(2) keeps the largest of each 2x2 block: 13x13.
local model = nn.Sequential({
  nn.Conv2D(32, 3, "relu", { input_shape = { 28, 28, 1 } }),
  nn.MaxPool2D(2),
  nn.Conv2D(64, 3, "relu"),
  nn.MaxPool2D(2),
  nn.Flatten(),
  nn.Dense(64, "relu"),
  nn.Dense(10, "softmax"),
})
-- A filter has 3*3*channels weights and one bias: 3*3*1*32 + 32 = 320 for the first layer.
model:summary()

-- 4. Compile: integer labels 0..9 go straight into sparse_categorical_crossentropy.
model:compile { optimizer = "adam", loss = "sparse_categorical_crossentropy", metrics = { "accuracy" } }

-- 5. Train, keeping the last 10% of the training images to watch for overfitting.
local history = model:fit(x_train, y_train, { epochs = epochs, batch_size = 32, validation_split = 0.1 })

-- 6. Evaluate on the 10,000 test images; the MLP of examples/fashion_mnist.lua gets about 0.88.
local test_loss, test_acc = model:evaluate(x_test, y_test)
print(("Test loss: %.4f   Test accuracy: %.4f"):format(test_loss, test_acc))

-- 7. Which classes get confused (shirts, T-shirts and pullovers, mostly)?
local pred = model:predict(x_test):argmax(2) - 1
metrics.print_confusion(metrics.confusion_matrix(y_test, pred, 10), data.fashion_mnist_labels)

return { history = history, test_loss = test_loss, test_accuracy = test_acc }
