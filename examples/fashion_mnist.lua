-- fashion_mnist.lua — the lecture's Fashion-MNIST classifier, line by line as in Keras:
-- 70,000 grey 28x28 images of clothes in 10 classes, a 784-128-64-10 network, 10 epochs of Adam.
-- Run it with:  lunet examples/fashion_mnist.lua
tensor.seed(42)   -- the same weights, shuffles and numbers on every run

-- 1. The data: 60,000 training and 10,000 test images, labels 0..9.
local x_train, y_train, x_test, y_test = data.fashion_mnist()
print("x_train", x_train:shape()[1], "x", x_train:shape()[2], "x", x_train:shape()[3])
print("classes:", table.concat(data.fashion_mnist_labels, ", "))

-- 2. Pixels 0..255 scaled to 0..1; labels one-hot encoded (Keras' to_categorical).
x_train = x_train / 255
collectgarbage()   -- the unscaled training images (188 MB) go now rather than whenever Lua gets to them
x_test = x_test / 255
local y_train_1h, y_test_1h = data.one_hot(y_train, 10), data.one_hot(y_test, 10)

-- 3. The model: each 28x28 image flattened to 784 numbers, two hidden layers, 10 class probabilities.
local model = nn.Sequential {
  nn.Flatten(),
  nn.Dense(128, "relu"),
  nn.Dense(64, "relu"),
  nn.Dense(10, "softmax"),
}

-- 4. Compile: the optimizer, the loss for one-hot targets, and the metric to watch.
model:compile { optimizer = "adam", loss = "categorical_crossentropy", metrics = { "accuracy" } }

-- 5. Train: 10 epochs of batches of 128; the last 30% of the training images check each epoch.
local history = model:fit(x_train, y_train_1h, { epochs = 10, batch_size = 128, verbose = 1, validation_split = 0.3 })
model:summary()   -- the layers know their input sizes now that fit has seen the images

-- 6. Evaluate on the 10,000 test images the model has never seen.
local test_loss, test_acc = model:evaluate(x_test, y_test_1h, { verbose = 2 })
print(("Test loss: %.4f   Test accuracy: %.4f"):format(test_loss, test_acc))

-- 7. Predict, take the most likely class of each image, and see which classes get confused.
local predictions = model:predict(x_test)
local pred_labels = predictions:argmax(2) - 1   -- argmax counts from 1, as Lua does; classes from 0
local m = metrics.confusion_matrix(y_test, pred_labels, 10)
metrics.print_confusion(m, data.fashion_mnist_labels)

return { history = history, test_loss = test_loss, test_accuracy = test_acc }
