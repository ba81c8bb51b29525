-- test_fit_mnist.lua — examples/mnist.lua run for real: the lecture's network on data.mnist().
-- On the 8,000-image sample this model levels off at 0.95 test accuracy (PyTorch's run of the same
-- model and data levels off at 0.94-0.95 too), so the bar here is 0.94.
local T = dofile("tests/lua/testlib.lua")

T.test("the lecture's model learns MNIST digits: test accuracy >= 0.94", function()
  local r = dofile("examples/mnist.lua")
  T.eq(#r.history.loss, 20)
  T.truthy(r.history.accuracy[20] > 0.99, "it fits the training images")
  T.truthy(r.test_accuracy >= 0.94, ("test accuracy %.4f, expected >= 0.94"):format(r.test_accuracy))
end)

T.done()
