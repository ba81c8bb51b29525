-- metrics.lua — reports on a classifier: per-class precision and recall, and the confusion matrix
-- printed as a labelled table like the lecture's pandas DataFrame. The counting (accuracy,
-- confusion_matrix) is in C, src/lua_data.c; this file adds to the same table.
local lunet = ...
local metrics = lunet.metrics

-- A confusion matrix as a square Lua table of counts, from a tensor [n,n] or a nested table.
local function square(m, who)
  local t = type(m) == "table" and m or m:totable()
  local n = #t
  for i = 1, n do
    if type(t[i]) ~= "table" or #t[i] ~= n then
      error(("%s: expected a square [n,n] confusion matrix (row %d has %s entries, expected %d)"):format(
        who, i, type(t[i]) == "table" and #t[i] or "no", n), 3)
    end
  end
  if n == 0 then error(who .. ": the confusion matrix is empty", 3) end
  return t, n
end

-- precision, recall, f1, support: Lua arrays indexed by class (1 = class 0). Precision of class k
-- is the fraction of rows predicted k that are k (column k); recall the fraction of rows of class
-- k predicted k (row k). A class never predicted (or never present) gets 0, as scikit-learn does.
function metrics.precision_recall(m)
  local t, n = square(m, "precision_recall")
  local precision, recall, f1, support = {}, {}, {}, {}
  for k = 1, n do
    local row, col = 0, 0
    for j = 1, n do row = row + t[k][j]; col = col + t[j][k] end
    local hit = t[k][k]
    precision[k] = col > 0 and hit / col or 0
    recall[k] = row > 0 and hit / row or 0
    local s = precision[k] + recall[k]
    f1[k] = s > 0 and 2 * precision[k] * recall[k] / s or 0
    support[k] = row
  end
  return precision, recall, f1, support
end

-- ---- text layout: widths in terminal columns (Hangul and CJK take two) ----

local function is_wide(c)
  return (c >= 0x1100 and c <= 0x115F) or (c >= 0x2E80 and c <= 0xA4CF) or (c >= 0xAC00 and c <= 0xD7A3)
      or (c >= 0xF900 and c <= 0xFAFF) or (c >= 0xFE30 and c <= 0xFE4F) or (c >= 0xFF00 and c <= 0xFF60)
      or (c >= 0xFFE0 and c <= 0xFFE6)
end

local function width(s)
  local ok, w = pcall(function()
    local n = 0
    for _, c in utf8.codes(s) do n = n + (is_wide(c) and 2 or 1) end
    return n
  end)
  return ok and w or #s   -- not UTF-8: count bytes
end

-- The longest prefix of s that fits in w columns.
local function cut(s, w)
  local out, n = {}, 0
  local ok = pcall(function()
    for _, c in utf8.codes(s) do
      local cw = is_wide(c) and 2 or 1
      if n + cw > w then break end
      out[#out + 1] = utf8.char(c)
      n = n + cw
    end
  end)
  return ok and table.concat(out) or s:sub(1, w)
end

local function rpad(s, w) return s .. string.rep(" ", w - width(s)) end
local function lpad(s, w) return string.rep(" ", w - width(s)) .. s end

-- A heading that fits w columns: the name itself; else the part before a "/" ("T-shirt" of
-- "T-shirt/top"); else the name cut short with a final "." ("Ankle b." of "Ankle boot").
local function abbreviate(name, w)
  if width(name) <= w then return name end
  local first = name:match("^([^/]+)/")
  if first and width(first) <= w and width(first) >= 3 then return first end
  if w <= 2 then return cut(name, w) end
  return cut(name, w - 1):gsub("[%s/_%-]+$", "") .. "."
end

local function count_str(v)
  return v == math.floor(v) and string.format("%d", v) or string.format("%.2f", v)
end

-- Prints m [n,n] (rows: true class, columns: predicted class) with class names across and down,
-- then precision, recall, F1 and support per class and the overall accuracy. labels: n names
-- (default 0..n-1). The table is kept within $COLUMNS (default 120) by shortening the headings.
function metrics.print_confusion(m, labels)
  local t, n = square(m, "print_confusion")
  if labels == nil then
    labels = {}
    for k = 1, n do labels[k] = tostring(k - 1) end
  elseif type(labels) ~= "table" or #labels ~= n then
    error(("print_confusion: labels must list %d class names, got %s"):format(
      n, type(labels) == "table" and #labels .. " names" or type(labels)), 2)
  end
  local names = {}
  for k = 1, n do names[k] = tostring(labels[k]) end

  local limit = math.tointeger(tonumber(os.getenv("COLUMNS") or "")) or 120
  if limit < 40 then limit = 40 end
  local index_w = 0
  for k = 1, n do index_w = math.max(index_w, width(names[k])) end
  index_w = math.min(index_w, 16)
  local count_w = 1
  for i = 1, n do for j = 1, n do count_w = math.max(count_w, #count_str(t[i][j])) end end
  -- Full class names across when they fit; otherwise the longest headings are shortened, one
  -- column at a time, until the table fits (never below the width of the counts).
  local head_w = 0
  for k = 1, n do head_w = math.max(head_w, width(names[k])) end
  local function table_width(hw)
    local total_w = index_w
    for j = 1, n do total_w = total_w + 2 + math.max(count_w, width(abbreviate(names[j], hw))) end
    return total_w
  end
  while head_w > count_w and head_w > 3 and table_width(head_w) > limit do head_w = head_w - 1 end

  local lines, total, right = {}, 0, 0
  local row = { string.rep(" ", index_w) }
  local col_w = {}
  for j = 1, n do
    local h = abbreviate(names[j], head_w)
    col_w[j] = math.max(count_w, width(h))
    row[#row + 1] = lpad(h, col_w[j])
  end
  lines[1] = table.concat(row, "  ")
  for i = 1, n do
    row = { rpad(abbreviate(names[i], index_w), index_w) }
    for j = 1, n do
      row[#row + 1] = lpad(count_str(t[i][j]), col_w[j])
      total = total + t[i][j]
      if i == j then right = right + t[i][j] end
    end
    lines[#lines + 1] = table.concat(row, "  ")
  end
  print("Confusion matrix (rows: true class, columns: predicted class)")
  print(table.concat(lines, "\n"))

  local precision, recall, f1, support = metrics.precision_recall(t)
  local w = math.max(index_w, 8)
  print()
  print(rpad("", w) .. "  precision     recall   f1-score    support")
  for k = 1, n do
    print(("%s  %9.4f  %9.4f  %9.4f  %9s"):format(rpad(abbreviate(names[k], w), w), precision[k], recall[k], f1[k],
      count_str(support[k])))
  end
  print(("%s  %9s  %9s  %9.4f  %9s"):format(rpad("accuracy", w), "", "", total > 0 and right / total or 0,
    count_str(total)))
end
