-- autoencoder.lua — a Dense autoencoder on Fashion-MNIST: 784 pixels squeezed through 64 numbers
-- and back. The network learns to copy its input, and the narrow middle forces it to keep only
-- what matters; the plot shows test images (top row) and their reconstructions (bottom row).
-- Run it with:  lunet examples/autoencoder.lua [epochs]
tensor.seed(1)
local epochs = tonumber(arg and arg[1]) or 5

-- 1. The data, flattened to [N, 784] and scaled to 0..1. The targets are the inputs themselves.
local x_train, _, x_test, y_test = data.fashion_mnist()
x_train = (x_train / 255):reshape(-1, 784)
collectgarbage()
x_test = (x_test / 255):reshape(-1, 784)

-- 2. Encoder 784 -> 64, decoder 64 -> 784. The sigmoid keeps each output pixel in 0..1, so the
--    reconstruction error can be binary cross-entropy, pixel by pixel.
local model = nn.Sequential({
  nn.Dense(64, "relu", { input_shape = { 784 } }),     -- the code: 64 numbers per image
  nn.Dense(784, "sigmoid"),
})
model:summary()
model:compile { optimizer = "adam", loss = "binary_crossentropy" }
local history = model:fit(x_train, x_train, { epochs = epochs, batch_size = 256, validation_data = { x_test, x_test } })

-- 3. Ten test images and what the autoencoder makes of them.
local n = 10
local originals = x_test:narrow(1, 1, n)
local recon = model:predict(originals)
local grid = tensor.cat({ originals, recon }, 1):reshape(2 * n, 28, 28)
local titles = {}
for i = 1, n do
  titles[i] = data.fashion_mnist_labels[y_test[i] + 1]
  titles[n + i] = "decoded"
end
plot.images(grid, { rows = 2, cols = n, titles = titles, title = "Fashion-MNIST: inputs (top) and reconstructions (bottom)" })
print(("reconstruction loss on the test images: %.4f"):format(model:evaluate(x_test, x_test)))

return { history = history }
