-- test_data.lua — the data module: IDX and CSV files, the two MNIST datasets, one_hot, split,
-- batches and the logic-gate truth tables, with numbers checked against numpy's reading of the
-- same files.
local T = dofile("tests/lua/testlib.lua")
local lunet = rawget(_G, "lunet") or require "lunet"
local data, tensor = lunet.data, lunet.tensor

local function tmp(name) return os.tmpname() .. "_" .. name end

local function write(path, bytes)
  local f = assert(io.open(path, "wb"))
  f:write(bytes)
  f:close()
end

-- Sum of the elements of a tensor of any shape, through totable (independent of the reductions).
local function total(t)
  local function walk(v) if type(v) == "number" then return v end
    local s = 0
    for i = 1, #v do s = s + walk(v[i]) end
    return s
  end
  return walk(t:totable())
end

local function counts(y, n)
  local c = {}
  for k = 1, n do c[k] = 0 end
  for _, v in ipairs(y:totable()) do c[v + 1] = c[v + 1] + 1 end
  return c
end

T.test("load_idx reads a hand-written IDX file", function()
  local p = tmp("images.idx")
  write(p, "\0\0\8\3" .. "\0\0\0\2" .. "\0\0\0\2" .. "\0\0\0\3" .. string.char(0, 1, 2, 3, 4, 255, 10, 20, 30, 40, 50, 128))
  local x = data.load_idx(p)
  os.remove(p)
  T.close(x:shape(), { 2, 2, 3 })
  T.close(x, { { { 0, 1, 2 }, { 3, 4, 255 } }, { { 10, 20, 30 }, { 40, 50, 128 } } })
end)

T.test("save_idx and load_idx round-trip, gzipped by the .gz name", function()
  local p = tmp("labels.idx.gz")
  data.save_idx(p, tensor { 9, 0, 0, 3, 0 })
  local f = assert(io.open(p, "rb"))
  local magic = f:read(2)
  f:close()
  T.eq(magic, "\31\139", "gzip magic")
  local y = data.load_idx(p)
  os.remove(p)
  T.close(y, { 9, 0, 0, 3, 0 })
end)

T.test("load_idx error texts: truncated, foreign, missing", function()
  local p = tmp("short.idx")
  write(p, "\0\0\8\1\0\0\0\5" .. "\1\2\3")
  T.raises(function() data.load_idx(p) end, "load_idx: " .. p .. ": truncated: expected 5 bytes of data, found 3")
  write(p, "GIF89a..........")
  T.raises(function() data.load_idx(p) end, "load_idx: " .. p .. ": not an IDX file (magic 0x47494638)")
  os.remove(p)
  T.raises(function() data.load_idx(p) end, "No such file or directory")
end)

T.test("fashion_mnist: shapes, first labels and pixels match numpy", function()
  local x_train, y_train, x_test, y_test = data.fashion_mnist()
  T.close(x_train:shape(), { 60000, 28, 28 })
  T.close(y_train:shape(), { 60000 })
  T.close(x_test:shape(), { 10000, 28, 28 })
  T.close(y_test:shape(), { 10000 })
  T.eq(y_train[1], 9)
  T.eq(data.fashion_mnist_labels[y_train[1] + 1], "Ankle boot")
  T.eq(data.fashion_mnist_labels_ko[y_train[1] + 1], "앵클 부츠")
  T.close({ y_train[2], y_train[3], y_train[4], y_train[5] }, { 0, 0, 3, 0 })
  T.close({ y_test[1], y_test[2], y_test[3] }, { 9, 2, 1 })
  T.eq(total(x_train[1]), 76247, "pixel sum of the first training image")
  T.close(x_train[1][15], { 0, 0, 1, 4, 6, 7, 2, 0, 0, 0, 0, 0, 237, 226, 217, 223, 222, 219, 222, 221, 216,
                            223, 229, 215, 218, 255, 77, 0 })
  T.eq(total(x_test[1]), 33456, "pixel sum of the first test image")
  T.eq(total(x_train[60000]), 16684, "pixel sum of the last training image")
  T.close(counts(y_train, 10), { 6000, 6000, 6000, 6000, 6000, 6000, 6000, 6000, 6000, 6000 })
end)

T.test("fashion_mnist names the Debian package when the files are missing", function()
  T.raises(function() data.fashion_mnist("/nonexistent/fashion") end, "sudo apt-get install dataset-fashion-mnist")
  T.eq(#data.fashion_mnist_labels, 10)
  T.eq(#data.fashion_mnist_labels_ko, 10)
  T.eq(data.fashion_mnist_labels[1], "T-shirt/top")
end)

T.test("mnist: the sample's shapes, label counts and first image", function()
  local x_train, y_train, x_test, y_test = data.mnist()
  local real = #y_train == 60000
  if real then   -- real MNIST in LUNET_DATA or ~/.local/share/lunet/mnist
    T.close(x_test:shape(), { 10000, 28, 28 })
    T.eq(y_train[1], 5)
    return
  end
  T.close(x_train:shape(), { 8000, 28, 28 })
  T.close(y_train:shape(), { 8000 })
  T.close(x_test:shape(), { 2000, 28, 28 })
  T.close(y_test:shape(), { 2000 })
  T.close(counts(y_train, 10), { 819, 908, 792, 832, 760, 683, 810, 856, 756, 784 })
  T.close(counts(y_test, 10), { 182, 219, 199, 200, 220, 180, 204, 214, 188, 194 })
  T.close({ y_train[1], y_train[2], y_train[3] }, { 8, 2, 9 })
  T.eq(total(x_train[1]), 33170, "pixel sum of the first training digit")
  T.eq(total(x_test[1]), 20883, "pixel sum of the first test digit")
end)

T.test("mnist without any files says how to get them", function()
  local err = T.raises(function() data.mnist("/nonexistent/mnist") end, "mnist: no dataset files found")
  T.truthy(err:find("make setup", 1, true) and err:find("LUNET_DATA", 1, true), err)
end)

T.test("one_hot is Keras' to_categorical", function()
  local h = data.one_hot(tensor { 2, 0, 1 }, 4)
  T.close(h, { { 0, 0, 1, 0 }, { 1, 0, 0, 0 }, { 0, 1, 0, 0 } })
  T.close(data.one_hot(tensor { { 1 }, { 0 } }):shape(), { 2, 2 }, nil, "n inferred from a column of labels")
  T.close(data.one_hot({ 0, 3 }):shape(), { 2, 4 }, nil, "from a Lua table")
  T.raises(function() data.one_hot(tensor { 0, 1, 2, 3, 12 }, 10) end,
    "one_hot: label 12 at row 5 is out of range for 10 classes")
  T.raises(function() data.one_hot(tensor { 0, -1 }, 3) end, "one_hot: label -1 at row 2 is out of range for 3 classes")
end)

T.test("split: the last fraction goes second; shuffled keeps pairs", function()
  local x = tensor.zeros(100, 3)
  for i = 1, 100 do x[i] = i end
  local y = tensor.zeros(100)
  for i = 1, 100 do y[i] = 1000 + i end
  local xa, ya, xb, yb = data.split(x, y, 0.2)
  T.close(xa:shape(), { 80, 3 })
  T.close(xb:shape(), { 20, 3 })
  T.eq(#ya, 80); T.eq(#yb, 20)
  T.eq(xb[1][1], 81); T.eq(yb[20], 1100); T.eq(xa[80][3], 80)
  tensor.seed(5)
  xa, ya, xb, yb = data.split(x, y, 0.25, true)
  T.eq(#xa, 75); T.eq(#xb, 25)
  local seen = 0
  for i = 1, 75 do T.eq(ya[i], 1000 + xa[i][2]); seen = seen + xa[i][1] end
  for i = 1, 25 do T.eq(yb[i], 1000 + xb[i][2]); seen = seen + xb[i][1] end
  T.eq(seen, 5050, "every row exactly once")
  tensor.seed(5)
  local xa2 = data.split(x, y, 0.25, true)
  T.close(xa2, xa:totable(), 0, "the same seed gives the same split")
  local a, b = data.split(x, 0.1)
  T.eq(#a, 90); T.eq(#b, 10)
  T.raises(function() data.split(x, tensor.zeros(99), 0.2) end, "split: x has 100 rows but y has 99")
  T.raises(function() data.split(x, y, 1.5) end, "split: fraction must be between 0 and 1, got 1.5")
end)

T.test("batches iterate in order, the last one smaller", function()
  local x = tensor.zeros(10, 2)
  for i = 1, 10 do x[i] = i end
  local y = tensor.zeros(10)
  for i = 1, 10 do y[i] = i end
  local sizes, firsts = {}, {}
  for xb, yb in data.batches(x, y, 4) do
    sizes[#sizes + 1] = #xb
    firsts[#firsts + 1] = xb[1][1]
    T.eq(#yb, #xb)
    T.eq(yb[1], xb[1][2])
  end
  T.close(sizes, { 4, 4, 2 })
  T.close(firsts, { 1, 5, 9 })
  local sum, n = 0, 0
  for xb, yb in data.batches(x, y, 3, true) do
    for i = 1, #xb do sum = sum + xb[i][1]; T.eq(yb[i], xb[i][1]) end
    n = n + 1
  end
  T.eq(sum, 55, "a shuffled epoch visits every row once")
  T.eq(n, 4)
  local only = 0
  for xb in data.batches(x, nil, 5) do only = only + #xb end
  T.eq(only, 10)
  T.raises(function() data.batches(tensor.zeros(100, 2), tensor.zeros(99), 32) end, "batches: x has 100 rows but y has 99")
  T.raises(function() data.batches(x, y, 0) end, "batches: size must be a whole number >= 1, got 0")
end)

T.test("csv reads a file with a header, picks columns, names bad cells", function()
  local p = tmp("iris.csv")
  write(p, "sepal_length,sepal_width,species\n5.1,3.5,setosa\n7.0,3.2,versicolor\n6.3,3.3,virginica\n")
  local t, names = data.csv(p, { columns = { 1, "sepal_width" } })
  T.close(t, { { 5.1, 3.5 }, { 7.0, 3.2 }, { 6.3, 3.3 } })
  T.close({ #names, names[1] == "sepal_length" and 1 or 0, names[2] == "sepal_width" and 1 or 0 }, { 2, 1, 1 })
  T.raises(function() data.csv(p) end, "csv: " .. p .. ":2: column 3 ('species'): 'setosa' is not a number")
  write(p, "1;2\n3;4\n")
  local u, none = data.csv(p, { delimiter = ";", header = false })
  T.close(u, { { 1, 2 }, { 3, 4 } })
  T.eq(none, nil)
  write(p, "a,b\n1,\n")
  T.close(data.csv(p, { missing = 0 }), { { 1, 0 } })
  os.remove(p)
  T.raises(function() data.csv(p) end, "No such file or directory")
end)

T.test("gates hold the truth tables, rows 00 01 10 11", function()
  local g = data.gates
  T.close(g.XOR.x, { { 0, 0 }, { 0, 1 }, { 1, 0 }, { 1, 1 } })
  T.close(g.AND.y, { { 0 }, { 0 }, { 0 }, { 1 } })
  T.close(g.OR.y, { { 0 }, { 1 }, { 1 }, { 1 } })
  T.close(g.NAND.y, { { 1 }, { 1 }, { 1 }, { 0 } })
  T.close(g.XOR.y, { { 0 }, { 1 }, { 1 }, { 0 } })
end)

T.done()
