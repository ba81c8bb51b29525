-- test_metrics.lua — accuracy, the confusion matrix, precision/recall and the printed report,
-- on small cases worked out by hand.
local T = dofile("tests/lua/testlib.lua")
local lunet = rawget(_G, "lunet") or require "lunet"
local metrics, data, tensor = lunet.metrics, lunet.data, lunet.tensor

-- Runs fn with print captured; returns the printed lines.
local function printed(fn)
  local lines, old = {}, print
  print = function(...)
    local parts = table.pack(...)
    for i = 1, parts.n do parts[i] = tostring(parts[i]) end
    for line in (table.concat(parts, "\t") .. "\n"):gmatch("(.-)\n") do lines[#lines + 1] = line end
  end
  local ok, err = pcall(fn)
  print = old
  if not ok then error(err, 0) end
  return lines
end

local function columns(s) return utf8.len(s) or #s end

T.test("accuracy of scores against labels and one-hot rows", function()
  local pred = tensor { { 0.1, 0.7, 0.2 }, { 0.9, 0.05, 0.05 }, { 0.2, 0.3, 0.5 }, { 0.3, 0.3, 0.4 } }
  local y = tensor { 1, 0, 2, 0 }          -- the last row is predicted 2: wrong
  T.near(metrics.accuracy(pred, y), 0.75)
  T.near(metrics.accuracy(pred, data.one_hot(y, 3)), 0.75)
  T.near(metrics.accuracy(pred, tensor { { 1 }, { 0 }, { 2 }, { 2 } }), 1.0)
  T.near(metrics.accuracy({ { 2, 1 }, { -1, 3 } }, { 0, 0 }), 0.5, nil, "logits and Lua tables")
end)

T.test("accuracy of probabilities cut at 0.5", function()
  T.near(metrics.accuracy(tensor { { 0.9 }, { 0.2 }, { 0.51 }, { 0.5 } }, tensor { 1, 0, 0, 0 }), 0.75)
  T.near(metrics.accuracy(tensor { 0.9, 0.2, 0.7 }, tensor { { 1 }, { 1 }, { 1 } }), 2 / 3)
  T.near(metrics.accuracy(tensor { 3, 1, 4 }, tensor { 3, 1, 5 }), 2 / 3, nil, "class numbers on both sides")
  local xor = data.gates.XOR
  T.near(metrics.accuracy(tensor { { 0.1 }, { 0.8 }, { 0.7 }, { 0.6 } }, xor.y), 0.75)
end)

T.test("accuracy errors name the problem", function()
  T.raises(function() metrics.accuracy(tensor.zeros(4, 3), tensor { 0, 1, 2 }) end, "accuracy: pred has 4 rows but y has 3")
  T.raises(function() metrics.accuracy(tensor { 2.5, 0.1 }, tensor { 1, 0 }) end,
    "accuracy: pred holds 2.5 at row 1: expected class numbers (0, 1, 2, ...) or probabilities in [0,1]")
  T.raises(function() metrics.accuracy(tensor.zeros(2, 3), tensor.zeros(2, 4)) end,
    "accuracy: pred has 3 columns (classes) but y has 4")
end)

T.test("confusion_matrix: rows true, columns predicted", function()
  local y_true = tensor { 0, 0, 1, 1, 2, 2, 2 }
  local y_pred = tensor { 0, 1, 1, 1, 0, 2, 2 }
  local m = metrics.confusion_matrix(y_true, y_pred)
  T.close(m, { { 1, 1, 0 }, { 0, 2, 0 }, { 1, 0, 2 } })
  T.close(metrics.confusion_matrix(y_true, y_pred, 4):shape(), { 4, 4 })
  -- the same from a score matrix and one-hot targets
  local scores = tensor { { 5, 1, 0 }, { 0, 3, 1 }, { 0, 9, 0 }, { 1, 2, 0 }, { 7, 0, 0 }, { 0, 0, 1 }, { 1, 0, 2 } }
  T.close(metrics.confusion_matrix(data.one_hot(y_true, 3), scores), m:totable())
  T.raises(function() metrics.confusion_matrix(tensor { 0, 1, 12 }, tensor { 0, 1, 2 }, 10) end,
    "confusion_matrix: label 12 at row 3 of y_true is out of range for 10 classes")
  T.raises(function() metrics.confusion_matrix(tensor { 0, 1 }, tensor { 0, 1, 2 }) end,
    "confusion_matrix: y_true has 2 rows but y_pred has 3")
end)

T.test("precision_recall per class", function()
  local m = tensor { { 1, 1, 0 }, { 0, 2, 0 }, { 1, 0, 2 } }
  local p, r, f1, support = metrics.precision_recall(m)
  T.close(p, { 0.5, 2 / 3, 1 })
  T.close(r, { 0.5, 1, 2 / 3 })
  T.close(f1, { 0.5, 0.8, 0.8 })
  T.close(support, { 2, 2, 3 })
  local p0 = metrics.precision_recall({ { 1, 0 }, { 1, 0 } })
  T.close(p0, { 0.5, 0 }, nil, "a class never predicted has precision 0")
  T.raises(function() metrics.precision_recall(tensor.zeros(2, 3)) end, "expected a square [n,n] confusion matrix")
end)

T.test("print_confusion prints a labelled table and the per-class report", function()
  local m = tensor { { 1, 1, 0 }, { 0, 2, 0 }, { 1, 0, 12 } }
  local lines = printed(function() metrics.print_confusion(m, { "cat", "dog", "bird" }) end)
  T.eq(lines[2], "      cat  dog  bird")
  T.eq(lines[3], "cat     1    1     0")
  T.eq(lines[5], "bird    1    0    12")
  local report = table.concat(lines, "\n")
  T.truthy(report:find("bird         1.0000     0.9231     0.9600         13", 1, true), report)
  T.truthy(report:find("accuracy                           0.8824         17", 1, true), report)
  local plain = printed(function() metrics.print_confusion(m) end)
  T.eq(plain[2], "    0   1   2")
  T.raises(function() metrics.print_confusion(m, { "a", "b" }) end, "print_confusion: labels must list 3 class names, got 2 names")
end)

T.test("print_confusion fits the ten Fashion-MNIST classes in 120 columns", function()
  local rows = {}
  for i = 1, 10 do
    rows[i] = {}
    for j = 1, 10 do rows[i][j] = i == j and 900 + i or (i * j) % 7 end
  end
  for _, labels in ipairs { data.fashion_mnist_labels, data.fashion_mnist_labels_ko } do
    local lines = printed(function() metrics.print_confusion(tensor(rows), labels) end)
    for _, line in ipairs(lines) do
      local w = 0
      for _, c in utf8.codes(line) do w = w + ((c >= 0xAC00 and c <= 0xD7A3) and 2 or 1) end
      T.truthy(w <= 120, "line wider than 120 columns: " .. line)
    end
    T.truthy(lines[2]:find(labels[10], 1, true), "the header names the classes: " .. lines[2])
    T.eq(lines[12]:sub(1, #labels[10]), labels[10], "the rows are named")
    T.truthy(lines[12]:find("910$"), "counts right-aligned: " .. lines[12])
  end
  local narrow = printed(function()
    metrics.print_confusion(tensor(rows), { "T-shirt/top and more", "Trouser legs long", "c", "d", "e", "f", "g", "h",
                                             "i", "j" })
  end)
  T.truthy(narrow[2]:find("T-shirt", 1, true) and columns(narrow[2]) <= 120, narrow[2])
end)

T.done()
