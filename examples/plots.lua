-- plots.lua — one PNG of every plot kind, into a directory (default: plots/).
--   lunet examples/plots.lua [dir]
-- Each figure is drawn in the current terminal (text, sixel or a window) and saved with plot.save.
local lunet = rawget(_G, "lunet") or require "lunet"
local plot, tensor, data = lunet.plot, lunet.tensor, lunet.data

local dir = arg and arg[1] or "plots"
os.execute("mkdir -p '" .. dir .. "'")
local function save(name, opts)
  local path = dir .. "/" .. name .. ".png"
  plot.save(path, opts)
  print("wrote " .. path)
end

-- functions: a Lua function of a number, and several on one figure with their legends
plot.fn({ math.sin, math.cos, function(x) return x / 5 end },
        { from = -6, to = 6, title = "sin, cos and a line", labels = { "sin(x)", "cos(x)", "x/5" } })
save("fn")

-- the activations of the lesson, each with its derivative
for _, name in ipairs { "step", "sigmoid", "tanh", "relu", "leaky_relu" } do
  plot.activation(name)
  save("activation_" .. name)
end

-- a line, and several
local xs, ys = {}, {}
for i = 1, 50 do xs[i], ys[i] = i, math.exp(-i / 15) + 0.05 * math.sin(i) end
plot.line(xs, ys, { title = "a decaying curve", xlabel = "step", ylabel = "value", label = "y" })
save("line")
local y2 = {}
for i = 1, 50 do y2[i] = math.exp(-i / 25) end
plot.lines({ { xs, ys, "fast" }, { xs, y2, "slow" } }, { title = "two curves", xlabel = "step" })
save("lines")

-- points coloured by class: two noisy clouds
tensor.seed(1)
local n = 200
local pts, labels = {}, {}
for i = 1, n do
  local c = i <= n / 2 and 0 or 1
  local a = math.random() * 2 * math.pi
  local r = (c == 0 and 1 or 3) + (math.random() - 0.5) * 0.8
  pts[i] = { r * math.cos(a), r * math.sin(a) }
  labels[i] = c
end
local X, Y = tensor(pts), tensor(labels)
plot.scatter(X, Y, { title = "two rings", names = { "inner", "outer" } })
save("scatter")

-- a histogram of normal draws
plot.hist(tensor.randn(5000), 40, { title = "5000 draws from N(0,1)", xlabel = "value" })
save("hist")

-- decision regions: a hand-made rule as a Lua function f(x, y), with the rings on top
plot.boundary(function(x, y) return x * x + y * y < 4 and 0 or 1 end, { -4, 4, -4, 4 }, X, Y,
              { title = "x^2 + y^2 < 4", names = { "inner", "outer" } })
save("boundary")
-- and a smooth probability (as a sigmoid output would give)
plot.boundary(function(x, y) return 1 / (1 + math.exp(-(x * x + y * y - 4) * 1.5)) end, { -4, 4, -4, 4 }, X, Y,
              { title = "p(outer)", names = { "inner", "outer" } })
save("boundary_prob")

-- a training history
plot.history({
  loss = { 0.62, 0.41, 0.36, 0.33, 0.31, 0.29, 0.28, 0.27 },
  accuracy = { 0.78, 0.85, 0.87, 0.88, 0.89, 0.895, 0.90, 0.905 },
  val_loss = { 0.45, 0.40, 0.37, 0.36, 0.35, 0.35, 0.36, 0.36 },
  val_accuracy = { 0.84, 0.855, 0.865, 0.87, 0.875, 0.876, 0.874, 0.875 },
}, { title = "training history" })
save("history")

-- a confusion matrix
local names = data.fashion_mnist_labels
local cm = {}
for i = 1, 10 do
  cm[i] = {}
  for j = 1, 10 do cm[i][j] = i == j and 850 + 10 * i or ((i + j) % 4 == 0 and 25 or 3) end
end
plot.confusion(cm, names)
save("confusion")

-- images: Fashion-MNIST when it is installed, else a drawn ring
local ok, x_train, y_train = pcall(data.fashion_mnist)
if ok then
  plot.image(x_train[1], { title = names[y_train[1] + 1] })
  save("image")
  plot.image(x_train[1], { title = names[y_train[1] + 1] .. " (inverted)", invert = true })
  save("image_invert")
  local titles = {}
  for i = 1, 16 do titles[i] = names[y_train[i] + 1] end
  plot.images(x_train:narrow(1, 1, 16), { titles = titles, rows = 4, cols = 4, invert = true })
  save("images", { width = 800, height = 880 })
else
  local img = {}
  for i = 1, 28 do
    img[i] = {}
    for j = 1, 28 do
      local d = math.sqrt((i - 10) ^ 2 + (j - 14) ^ 2)
      img[i][j] = math.abs(d - 7) < 2 and 255 or 0
    end
  end
  plot.image(tensor(img), { title = "a ring, high in the picture" })
  save("image")
end

-- a live plot, as fit{plot = true} draws it
local live = plot.live { title = "live", xlabel = "epoch", ylabel = "loss" }
for e = 1, 30 do
  live:add(e, 1 / e, "loss")
  live:add(e, 1.2 / e + 0.02, "val_loss")
end
live:close()
save("live")
