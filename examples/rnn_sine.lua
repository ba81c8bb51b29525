-- rnn_sine.lua — an LSTM that predicts the next value of a sine wave from the 20 before it, then
-- runs on its own: each prediction is fed back in as the newest input, as a forecast would be.
-- Run it with:  lunet examples/rnn_sine.lua [epochs]
tensor.seed(7)
local epochs = tonumber(arg and arg[1]) or 20
local WINDOW, STEP = 20, 0.25      -- 20 samples, a quarter radian apart: a bit under one period

-- 1. The data: windows of sin(t) with a random start; the target is the value right after.
--    Sequences are [N, T, F]: N windows, T = 20 time steps, F = 1 feature (the value).
local function windows(n)
  local t0 = tensor.rand(n, 1) * 2 * math.pi
  local steps = tensor.arange(0, WINDOW + 1):reshape(1, WINDOW + 1) * STEP
  local wave = (t0 + steps):sin()                            -- [n, 21]
  return wave:narrow(2, 1, WINDOW):reshape(n, WINDOW, 1), wave:narrow(2, WINDOW + 1, 1)
end
local x_train, y_train = windows(2000)
local x_val, y_val = windows(200)

-- 2. The model: 16 LSTM units read the window step by step; a Dense layer turns the last state
--    into the predicted value. LSTM parameters: 4 gates * 16 * (16 + 1 + 1) = 1,152.
local model = nn.Sequential({
  nn.LSTM(16, { input_shape = { WINDOW, 1 } }),
  nn.Dense(1),
})
model:summary()
model:compile { optimizer = optim.Adam { lr = 0.01 }, loss = "mse" }
local history = model:fit(x_train, y_train, { epochs = epochs, batch_size = 32, validation_data = { x_val, y_val } })
print(("validation mse: %.6f"):format(history.val_loss[#history.val_loss]))

-- 3. Forecast: start from a true window, then keep appending the model's own predictions.
local phase = 1.0
local window = (tensor.arange(0, WINDOW) * STEP + phase):sin():reshape(1, WINDOW, 1)
local truth, forecast, ts = {}, {}, {}
for k = 1, 100 do
  local next_value = model:predict(window):item()
  forecast[k], ts[k] = next_value, k
  truth[k] = math.sin(phase + (WINDOW - 1 + k) * STEP)
  window = tensor.cat({ window:narrow(2, 2, WINDOW - 1), tensor.full({ 1, 1, 1 }, next_value) }, 2)
end
local err = 0
for k = 1, 100 do err = err + math.abs(forecast[k] - truth[k]) end
print(("next value: predicted %.4f, true %.4f"):format(forecast[1], truth[1]))
print(("mean absolute error over 100 steps of free running: %.4f"):format(err / 100))

plot.lines({ { ts, truth, "sin(t)" }, { ts, forecast, "LSTM forecast" } },
           { title = "An LSTM continuing a sine wave on its own", xlabel = "steps ahead", ylabel = "value" })

return { history = history, forecast = forecast, truth = truth }
