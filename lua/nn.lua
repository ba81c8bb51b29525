-- nn.lua — the Lua half of nn: model:summary() (Keras' table, with the arithmetic of each
-- parameter count as the lecture writes it), the losses' long names and nn.losses.get.
-- The layers, Sequential and the losses themselves are C (src/lua_nn.c); layer:info() gives
-- this file what it prints.
local lunet = ...
local nn = lunet.nn
local Model = nn._model_methods

-- 109386 -> "109,386"
local function commas(n)
  local s = tostring(math.floor(n))
  local sign, digits = s:match("^(-?)(%d+)$")
  digits = digits:reverse():gsub("(%d%d%d)", "%1,"):reverse():gsub("^,", "")
  return sign .. digits
end

-- {128} -> "(None, 128)"
local function keras_shape(shape)
  if not shape then return "?" end
  local parts = { "None" }
  for i = 1, #shape do parts[#parts + 1] = tostring(shape[i]) end
  return "(" .. table.concat(parts, ", ") .. ")"
end

local function bytes(n)
  local units, v, u = { "B", "KB", "MB", "GB" }, n, 1
  while v >= 1024 and u < #units do v, u = v / 1024, u + 1 end
  return string.format("%.2f %s", v, units[u])
end

local function pad(s, w) return s .. string.rep(" ", w - #s) end

--- model:summary() — prints the model as Keras does: one row per layer with its output shape
--- and its parameter count written out ("784*128 + 128 = 100480"), then the totals.
--- Returns the total number of parameters. model:summary_text() gives the text and the total.
function Model.summary_text(self)
  local rows, total, nontrainable, unbuilt, seen = {}, 0, 0, false, {}
  for i, layer in ipairs(self.layers) do
    local info = layer:info()
    local count
    if not info.built then
      count, unbuilt = "? (not built)", true
    elseif info.params + info.nontrainable == 0 then
      count = "0"
    else
      count = info.formula .. " = " .. (info.params + info.nontrainable)
    end
    rows[i] = { info.name .. " (" .. info.type .. ")", keras_shape(info.output_shape), count }
    if not seen[layer] then   -- a layer used twice shares its weights: count them once
      seen[layer] = true
      total = total + info.params + info.nontrainable
      nontrainable = nontrainable + info.nontrainable
    end
  end
  local head = { "Layer (type)", "Output Shape", "Param #" }
  local w = { #head[1], #head[2], #head[3] }
  for _, r in ipairs(rows) do
    for c = 1, 3 do w[c] = math.max(w[c], #r[c]) end
  end
  w[1], w[2] = w[1] + 3, w[2] + 3
  local width = 1 + w[1] + w[2] + w[3] + 1
  local out = {}
  local function line(s) out[#out + 1] = s end
  line('Model: "' .. self.name .. '"')
  line(string.rep("_", width))
  line(" " .. pad(head[1], w[1]) .. pad(head[2], w[2]) .. head[3])
  line(string.rep("=", width))
  for _, r in ipairs(rows) do line(" " .. pad(r[1], w[1]) .. pad(r[2], w[2]) .. r[3]) end
  if #rows == 0 then line(" (no layers yet: model:add(nn.Dense(10)))") end
  line(string.rep("=", width))
  line("Total params: " .. commas(total) .. " (" .. bytes(total * 4) .. ")")
  line("Trainable params: " .. commas(total - nontrainable) .. " (" .. bytes((total - nontrainable) * 4) .. ")")
  line("Non-trainable params: " .. commas(nontrainable) .. " (" .. bytes(nontrainable * 4) .. ")")
  if unbuilt then
    line("The model is not built yet, so some counts are unknown: give the input shape,")
    line("nn.Sequential({...}, {input_shape = {784}}), or call the model once on a batch.")
  end
  line(string.rep("_", width))
  return table.concat(out, "\n"), total
end

function Model.summary(self)
  local text, total = Model.summary_text(self)
  print(text)
  return total
end

-- Keras' long names for the losses, and nn.losses.get(name_or_function).
local losses = nn.losses
losses.mean_squared_error = losses.mse

function losses.get(name)
  if type(name) == "function" then return name end
  local f = type(name) == "string" and rawget(losses, name)
  if type(f) ~= "function" or name == "get" then
    error("nn.losses.get: unknown loss " .. (type(name) == "string" and ("'" .. name .. "'") or type(name)) ..
          " (valid: mse, binary_crossentropy, categorical_crossentropy, sparse_categorical_crossentropy)", 2)
  end
  return f
end

-- Keras' longer names for two of the layers, so that code copied from Keras runs as it is.
nn.MaxPooling2D = nn.MaxPool2D
nn.BatchNormalization = nn.BatchNorm
