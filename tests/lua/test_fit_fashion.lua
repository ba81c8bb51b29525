-- test_fit_fashion.lua — the lecture's script (examples/fashion_mnist.lua) run for real: 10 epochs
-- of the 784-128-64-10 network on Fashion-MNIST must reach a test accuracy of at least 0.875, and
-- the whole script must stay under 400 MB of memory (peak resident set, VmHWM).
local T = dofile("tests/lua/testlib.lua")

local function vm_hwm_kb()
  for line in io.lines("/proc/self/status") do
    local kb = line:match("^VmHWM:%s+(%d+) kB")
    if kb then return tonumber(kb) end
  end
end

T.test("the lecture's Fashion-MNIST script reaches test accuracy >= 0.875 within 400 MB", function()
  local r = dofile("examples/fashion_mnist.lua")
  T.eq(#r.history.loss, 10)
  T.eq(#r.history.val_accuracy, 10)
  T.truthy(r.history.loss[10] < r.history.loss[1], "the training loss goes down")
  T.truthy(r.test_accuracy >= 0.875, ("test accuracy %.4f, expected >= 0.875"):format(r.test_accuracy))
  local peak = vm_hwm_kb()
  print(("peak RSS %.1f MB, test accuracy %.4f"):format(peak / 1024, r.test_accuracy))
  -- a sanitizer build keeps shadow memory and freed blocks in quarantine: its RSS says nothing
  if not os.getenv("ASAN_OPTIONS") then
    T.truthy(peak < 400 * 1024, ("peak RSS %.1f MB, expected < 400 MB"):format(peak / 1024))
  end
end)

T.done()
