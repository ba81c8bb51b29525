-- test_fit_mnist.lua — examples/mnist.lua run for real: the lecture's network on data.mnist()
-- (the 8,000 / 2,000 sample here), with shifted copies of the training digits.
local T = dofile("tests/lua/testlib.lua")

T.test("the lecture's model learns MNIST digits: test accuracy >= 0.96", function()
  local r = dofile("examples/mnist.lua")
  T.eq(#r.history.loss, 10)
  T.truthy(r.history.accuracy[10] > 0.98, "it fits the training images")
  T.truthy(r.test_accuracy >= 0.96, ("test accuracy %.4f, expected >= 0.96"):format(r.test_accuracy))
end)

T.done()
