-- optim.lua — the Lua half of optim: optim.get, which turns what compile{optimizer = ...}
-- accepts (a name or an optimizer) into an optimizer. The optimizers are C (src/lua_optim.c).
local lunet = ...
local optim = lunet.optim

local by_name = { sgd = "SGD", adam = "Adam", rmsprop = "RMSprop", adagrad = "Adagrad" }

--- optim.get(spec) — spec is a name ("adam", "sgd", "rmsprop", "adagrad": Keras' defaults)
--- or an optimizer such as optim.Adam{lr = 1e-3}, which is returned as it is.
function optim.get(spec)
  if type(spec) == "string" then
    local ctor = by_name[spec:lower()]
    if not ctor then
      error("optim.get: unknown optimizer '" .. spec .. "' (valid: sgd, adam, rmsprop, adagrad)", 2)
    end
    return optim[ctor]()
  end
  if type(spec) == "userdata" and getmetatable(spec) and getmetatable(spec).__name == "optimizer" then
    return spec
  end
  error("optim.get: expected an optimizer name or an optimizer such as optim.Adam{lr = 1e-3}, got " .. type(spec), 2)
end
