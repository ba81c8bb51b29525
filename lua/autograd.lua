-- autograd.lua — the Lua half of lunet.autograd: finite-difference checks and graph pictures.
-- The C part (lua_tensor.c) gives detect_anomaly, no_grad, set_enabled, is_enabled and _graph
-- (the graph of a tensor as a flat list from ag_walk); everything here uses only the public
-- tensor API, so it reads as a description of what the checks do.
local lunet = ...
local tensor = lunet.tensor
local autograd = lunet.autograd

local function is_tensor(x) return tensor.is_tensor(x) end

local function shape_str(shape) return "[" .. table.concat(shape, ",") .. "]" end

-- f(x) as a Lua number: f may return a number or a one-element tensor.
local function scalar_of(v, who)
  if type(v) == "number" then return v end
  if is_tensor(v) then
    if v:numel() ~= 1 then
      error(who .. ": f must return a number or a one-element tensor, got a tensor of shape " ..
            shape_str(v:shape()) .. " (reduce it, e.g. with :sum())", 3)
    end
    return v:item()
  end
  error(who .. ": f must return a number or a one-element tensor, got " .. type(v), 3)
end

-- Runs fn() and then restore(), even when fn raises; re-raises fn's error.
local function finally(fn, restore)
  local res = table.pack(pcall(fn))
  restore()
  if not res[1] then error(res[2], 0) end
  return table.unpack(res, 2, res.n)
end

--- autograd.numgrad(f, x [, eps]) — central-difference gradient of the scalar function f at x:
--- df/dx_k ≈ (f(x + h e_k) - f(x - h e_k)) / (2h), h = eps (default 1e-2). x is perturbed in
--- place, one element at a time, and restored. The step actually taken is read back from
--- float32 storage, and the difference is formed in double, so the only float32 error left is
--- f's own; that error divided by h is why h is not smaller (1e-2 balances it against the
--- h^2 error of the formula for float32 sums; 1e-4, right in double, is 50 times worse here).
function autograd.numgrad(f, x, eps)
  if type(f) ~= "function" and not (getmetatable(f) or {}).__call then
    error("bad argument #1 to 'numgrad' (function expected, got " .. type(f) .. ")", 2)
  end
  if not is_tensor(x) then error("bad argument #2 to 'numgrad' (tensor expected, got " .. type(x) .. ")", 2) end
  eps = eps or 1e-2
  if type(eps) ~= "number" or not (eps > 0) then error("numgrad: eps must be a positive number", 2) end
  local n = x:numel()
  local g = {}
  local k, orig = 0, nil
  finally(function()
    tensor.no_grad(function()
      for i = 1, n do
        k, orig = i, x:_get(i)
        x:_set(i, orig + eps); local xp = x:_get(i); local fp = scalar_of(f(x), "numgrad")
        x:_set(i, orig - eps); local xm = x:_get(i); local fm = scalar_of(f(x), "numgrad")
        x:_set(i, orig); orig = nil
        g[i] = (fp - fm) / (xp - xm)
      end
    end)
  end, function() if orig then x:_set(k, orig) end end)
  local r = tensor.zeros(x:shape())
  for i = 1, n do r:_set(i, g[i]) end
  return r
end

-- Fixed weights in [-1, 1] from a golden-ratio sequence: every output element counts, with
-- different weights, and the user's random stream is left alone.
local function weights(n)
  local w = {}
  for k = 1, n do w[k] = ((k * 0.6180339887498949 + 0.31) % 1) * 2 - 1 end
  return w
end

local function weighted_sum(out, w, who)
  if type(out) == "number" then out = tensor(out) end
  if not is_tensor(out) then error(who .. ": f must return a tensor, got " .. type(out), 0) end
  local s = 0
  for k = 1, out:numel() do s = s + out:_get(k) * w[k] end
  return s
end

--- autograd.gradcheck(f, {inputs...} [, tol [, eps]]) → ok, max_abs_error
--- Compares the analytic gradient (backward) of L = sum(f(inputs...) * R), R fixed weights,
--- with central differences, for every element of every input. An element passes when
--- |analytic - numerical| <= tol * max(1, |numerical|) (tol defaults to 1e-2, float32's share).
--- Inputs are marked requires_grad for the check; their flags and gradients are restored.
function autograd.gradcheck(f, inputs, tol, eps)
  if type(f) ~= "function" and not (getmetatable(f) or {}).__call then
    error("bad argument #1 to 'gradcheck' (function expected, got " .. type(f) .. ")", 2)
  end
  if type(inputs) ~= "table" or is_tensor(inputs) then
    error("bad argument #2 to 'gradcheck' (table of tensors expected, got " ..
          (is_tensor(inputs) and "tensor; wrap it: {x}" or type(inputs)) .. ")", 2)
  end
  for i = 1, #inputs do
    if not is_tensor(inputs[i]) then
      error("gradcheck: input " .. i .. " is a " .. type(inputs[i]) .. ", expected a tensor", 2)
    end
    if not inputs[i]:is_leaf() then
      error("gradcheck: input " .. i .. " was computed from other tensors (" .. inputs[i]:grad_fn() ..
            "); pass leaves, e.g. x:detach()", 2)
    end
  end
  tol, eps = tol or 1e-2, eps or 1e-2
  local saved = {}
  for i, x in ipairs(inputs) do
    saved[i] = { flag = x:needs_grad(), grad = x.grad }
    x.grad = nil
    x:requires_grad(true)
  end
  local function restore()
    for i, x in ipairs(inputs) do
      x:requires_grad(saved[i].flag)
      x.grad = saved[i].grad
    end
  end
  return finally(function()
    local out = f(table.unpack(inputs, 1, #inputs))
    if not is_tensor(out) then error("gradcheck: f must return a tensor, got " .. type(out), 0) end
    local w = weights(out:numel())
    local R = tensor.zeros(out:shape())
    for k = 1, #w do R:_set(k, w[k]) end
    local analytic = {}
    if out:needs_grad() then
      (out * R):sum():backward()
    end
    for i, x in ipairs(inputs) do analytic[i] = x.grad end
    local ok, maxerr = true, 0
    tensor.no_grad(function()
      for i, x in ipairs(inputs) do
        for k = 1, x:numel() do
          local orig = x:_get(k)
          local h = eps * math.max(1, math.abs(orig))
          local num = finally(function()
            x:_set(k, orig + h); local xp = x:_get(k)
            local fp = weighted_sum(f(table.unpack(inputs, 1, #inputs)), w, "gradcheck")
            x:_set(k, orig - h); local xm = x:_get(k)
            local fm = weighted_sum(f(table.unpack(inputs, 1, #inputs)), w, "gradcheck")
            return (fp - fm) / (xp - xm)
          end, function() x:_set(k, orig) end)
          local ana = analytic[i] and analytic[i]:_get(k) or 0
          local err = math.abs(ana - num)
          if err > maxerr then maxerr = err end
          if not (err <= tol * math.max(1, math.abs(num))) then ok = false end
        end
      end
    end)
    return ok, maxerr
  end, restore)
end

-- ---- pictures of the graph ----

local function fmt_num(v) return string.format("%.4g", v) end

local function norm(g) return math.sqrt((g * g):sum():item()) end

-- The entries of y's graph with display labels, and how often each tensor appears.
local function check_tensor_arg(y, who)
  if not is_tensor(y) then error("bad argument #1 to '" .. who .. "' (tensor expected, got " .. type(y) .. ")", 3) end
end

local function graph_entries(y)
  local es = autograd._graph(y)
  local seen = {}
  for _, e in ipairs(es) do seen[e.id] = (seen[e.id] or 0) + 1 end
  for _, e in ipairs(es) do
    -- a tensor whose graph backward() freed is no leaf, though it has no op any more
    e.label = (e.freed and e.leaf) and "result" or e.op
    local info = {}
    if e.value then info[#info + 1] = "data=" .. fmt_num(e.value) end
    if e.grad then
      if e.grad:numel() == 1 then info[#info + 1] = "grad=" .. fmt_num(e.grad:item())
      else info[#info + 1] = "grad_norm=" .. fmt_num(norm(e.grad)) end
    end
    e.info = info
    e.shared = seen[e.id] > 1
  end
  return es
end

--- autograd.format_graph(y) → the text autograd.graph prints.
function autograd.format_graph(y)
  check_tensor_arg(y, "format_graph")
  local es = graph_entries(y)
  local lines, shown = {}, {}
  for _, e in ipairs(es) do
    local parts = { string.rep("  ", e.depth) .. e.label, shape_str(e.shape) }
    if e.leaf and e.requires_grad and not e.freed then parts[#parts + 1] = "requires_grad" end
    for _, s in ipairs(e.info) do parts[#parts + 1] = s end
    if e.shared then parts[#parts + 1] = "#" .. e.id end
    if e.freed then parts[#parts + 1] = "(graph freed by backward(); pass {retain_graph = true} to keep it)" end
    if shown[e.id] and not e.leaf then parts[#parts + 1] = "(shown above)" end
    shown[e.id] = true
    lines[#lines + 1] = table.concat(parts, " ")
  end
  return table.concat(lines, "\n")
end

--- autograd.graph(y) prints the computation graph of y as an indented tree: each line the op
--- that made a tensor and its shape, its inputs indented below it; leaves show as
--- `leaf [2,3] requires_grad`, constants as `const [3]`; after a backward that kept the graph
--- (retain_graph), leaves show their gradient (its norm when it has more than one element).
function autograd.graph(y)
  check_tensor_arg(y, "graph")
  print(autograd.format_graph(y))
end

local function dot_escape(s) return (s:gsub('[\\"{}|<>]', "\\%0")) end

--- autograd.dot(y [, path]) → the graph in Graphviz dot format (as micrograd's draw_dot: a record
--- per tensor, an ellipse per op); written to path when given. Render: dot -Tsvg g.dot > g.svg
function autograd.dot(y, path)
  check_tensor_arg(y, "dot")
  local es = graph_entries(y)
  local out = { "digraph lunet {", "  rankdir=LR;", "  node [fontname=\"Helvetica\"];" }
  local declared, parent_at = {}, {}
  for _, e in ipairs(es) do
    local node = "t" .. e.id
    if not declared[e.id] then
      declared[e.id] = true
      local fields = { e.leaf and e.label or ("#" .. e.id),
                       "shape " .. shape_str(e.shape) }
      for _, s in ipairs(e.info) do fields[#fields + 1] = s end
      for i, s in ipairs(fields) do fields[i] = dot_escape(s) end
      out[#out + 1] = string.format('  %s [shape=record, label="{ %s }"];', node, table.concat(fields, " | "))
      if not e.leaf then
        out[#out + 1] = string.format('  %s_op [label="%s"];', node, dot_escape(e.op))
        out[#out + 1] = string.format("  %s_op -> %s;", node, node)
      end
    end
    parent_at[e.depth] = e
    local p = e.depth > 0 and parent_at[e.depth - 1]
    if p then out[#out + 1] = string.format("  %s -> t%d_op;", node, p.id) end
  end
  out[#out + 1] = "}"
  local text = table.concat(out, "\n") .. "\n"
  if path then
    local f, err = io.open(path, "w")
    if not f then error("dot: cannot write " .. tostring(path) .. ": " .. tostring(err), 2) end
    f:write(text)
    f:close()
  end
  return text
end
