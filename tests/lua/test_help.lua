-- test_help.lua — help(x), who() and timeit() (lua/help.lua, lua/who.lua, lua/timeit.lua) and
-- the topics behind them (lua/help_topics.lua, help_en.lua, help_ko.lua): what is printed for
-- functions, names, modules and objects in both languages, suggestions for typos, the list of
-- topics, the workspace table, timings, Tab completion of topic names, and every example.
local T = dofile("tests/lua/testlib.lua")
local lunet = rawget(_G, "lunet") or require "lunet"
local tensor, nn, optim = lunet.tensor, lunet.nn, lunet.optim
local H = lunet._help
local help, who, timeit = lunet.help, lunet.who, lunet.timeit

-- Runs fn and returns what it wrote through io.write (help, who and timeit write that way).
local function capture(fn, ...)
  local buf = {}
  local saved = io.write
  io.write = function(...)
    for i = 1, select("#", ...) do buf[#buf + 1] = tostring((select(i, ...))) end
    return io.stdout
  end
  local res = table.pack(pcall(fn, ...))
  io.write = saved
  if not res[1] then error(res[2], 0) end
  return table.concat(buf), table.unpack(res, 2, res.n)
end

local function has(text, piece, what)
  if not text:find(piece, 1, true) then
    error((what or "text") .. " lacks " .. string.format("%q", piece) .. ":\n" .. text, 2)
  end
end

local function lacks(text, piece, what)
  if text:find(piece, 1, true) then
    error((what or "text") .. " should not contain " .. string.format("%q", piece) .. ":\n" .. text, 2)
  end
end

local function first_line(s) return s:match("^[^\n]*") end

-- Runs fn with lunet.lang set to lang, restoring it after.
local function in_lang(lang, fn)
  local saved = rawget(lunet, "lang")
  lunet.lang = lang
  local ok, err = pcall(fn)
  lunet.lang = saved
  if not ok then error(err, 0) end
end

T.test("help(tensor.zeros) by value: signature, description, arguments, returns, example, see also", function()
  in_lang("en", function()
    local out, n = capture(function() return select("#", help(tensor.zeros)) end)
    T.eq(n, 0, "help returns nothing, so the prompt does not print the text twice")
    T.eq(first_line(out), "tensor.zeros(d1, d2, ...)    tensor.zeros{d1, d2, ...}")
    has(out, "A new tensor of the given shape, filled with zeros.")
    has(out, "\nArguments\n  d1, d2, ...   the size of each dimension")
    has(out, "\nReturns\n  a new tensor")
    has(out, "\nExample\n  print(tensor.zeros(2, 3))    --> tensor([[0, 0, 0], [0, 0, 0]], shape=2x3)")
    has(out, "\nSee also: tensor.ones, tensor.full, tensor.zeros_like")
  end)
end)

T.test("help of methods and aliases by value: t.reshape, a.dot, optimizer and model methods", function()
  in_lang("en", function()
    local t = tensor.zeros(2, 3)
    T.eq(first_line(capture(help, t.reshape)), "t:reshape(d1, d2, ...)    t:reshape{d1, d2, ...}")
    T.eq(first_line(capture(help, t.dot)), "tensor.matmul(a, b)    a:matmul(b)    a:dot(b)")
    T.eq(first_line(capture(help, tensor.dot)), "tensor.matmul(a, b)    a:matmul(b)    a:dot(b)")
    T.eq(first_line(capture(help, t.sub)), "t:add(x)    t:sub(x)    t:mul(x)    t:div(x)    t:pow(x)")
    T.eq(first_line(capture(help, lunet.autograd.no_grad)), "tensor.no_grad(fn, ...)")
    local opt = optim.SGD { lr = 0.1 }
    T.eq(first_line(capture(help, opt.step)), "opt:step()")
    local m = nn.Sequential({ nn.Dense(2) }, { input_shape = { 3 } })
    T.eq(first_line(capture(help, m.summary)), "model:summary()")
    T.eq(first_line(capture(help, m.add)), "model:add(layer)")
    T.eq(first_line(capture(help, nn.losses.mean_squared_error)), "nn.losses.mse(pred, target)")
    T.eq(first_line(capture(help, help)), "help([x])    ?x")
  end)
end)

T.test("help by name: \"tensor.reshape\", \"reshape\", \"t:reshape\", \"Dense\", \"nn.Dense\", \"fit\"", function()
  in_lang("en", function()
    local reshape = "t:reshape(d1, d2, ...)    t:reshape{d1, d2, ...}"
    for _, name in ipairs { "tensor.reshape", "reshape", "t:reshape", "tensor:reshape", "reshape()", " reshape " } do
      T.eq(first_line(capture(help, name)), reshape, name)
    end
    for _, name in ipairs { "Dense", "nn.Dense", "dense" } do
      local out = capture(help, name)
      -- two signatures too wide for one line go on two
      T.eq(out:match("^[^\n]*\n[^\n]*"), "nn.Dense(units [, activation] [, opts])\nnn.Dense{units = n, activation = ...}", name)
    end
    for _, name in ipairs { "fit", "model:fit", "model.fit", "m:fit" } do
      T.eq(first_line(capture(help, name)), "history = model:fit(x, y [, opts])", name)
    end
    T.eq(first_line(capture(help, "mse")), "nn.losses.mse(pred, target)")
    T.eq(first_line(capture(help, "losses.mse")), "nn.losses.mse(pred, target)")
  end)
end)

T.test("a name shared by several topics shows the first and names the others", function()
  in_lang("en", function()
    local out = capture(help, "step")
    T.eq(first_line(out), "t:step()")
    has(out, "Also named 'step': optimizer:step — e.g. help(\"optimizer:step\")")
  end)
end)

T.test("help(\"x\") for a variable of the user's, and help(\"x:method\") through it", function()
  in_lang("en", function()
    rawset(_G, "help_test_x", tensor.ones(4, 5))
    local out = capture(help, "help_test_x")
    has(out, "This tensor: shape 4x5, float32, 20 elements (80 B), requires_grad = false")
    T.eq(first_line(capture(help, "help_test_x:sum")), "t:sum([d [, keepdim]])")
    has(capture(help, "help_test_x[2]"), "This tensor: shape 5, float32, 5 elements (20 B)")
    rawset(_G, "help_test_x", nil)
  end)
end)

T.test("help(module) lists the members with their one-line summaries", function()
  in_lang("en", function()
    local out = capture(help, nn)
    T.eq(first_line(out), "nn")
    has(out, "Neural networks: layers, Sequential models, losses.")
    has(out, "\nLayers\n  nn.Dense       A fully connected layer: y = activation(x·W + b).")
    has(out, "  nn.Sequential")
    has(out, "One of them in full: help(nn.Dense) or ?nn.Dense")
    out = capture(help, tensor)
    has(out, "\nCreating tensors\n  tensor.zeros ")
    has(out, "  t:reshape ")
    has(out, "  t:backward ")
    for name, piece in pairs { autograd = "autograd.gradcheck", optim = "optim.Adam", data = "data.mnist",
                               metrics = "metrics.accuracy", plot = "plot.fn" } do
      has(capture(help, lunet[name]), "  " .. piece .. " ", "help(" .. name .. ")")
    end
    has(capture(help, nn.losses), "  nn.losses.sparse_categorical_crossentropy")
    if rawget(lunet, "lesson") then has(capture(help, lunet.lesson), "  lesson.start ") end
    has(capture(help, "optimizer"), "  opt:step ")
  end)
end)

T.test("help(tensor) for a tensor: the tensor overview, then its shape, dtype and requires_grad", function()
  in_lang("en", function()
    local x = tensor.zeros(2, 3)
    local out = capture(help, x)
    T.eq(first_line(out), "This tensor: shape 2x3, float32, 6 elements (24 B), requires_grad = false")
    has(out, "\nCreating tensors\n")
    local w = tensor.randn(3):requires_grad()
    local y = w * 2
    out = capture(help, y)
    has(out, "requires_grad = true")
    has(out, "It was computed by mul_scalar")
    local s = capture(help, tensor(3))
    has(s, "This tensor: shape (), float32, 1 element (4 B)")
  end)
end)

T.test("help(model), help(layer), help(optimizer): the type's documentation and what this one is", function()
  in_lang("en", function()
    local m = nn.Sequential({ nn.Dense(4, "relu"), nn.Dense(1) }, { input_shape = { 2 } })
    local out = capture(help, m)
    T.truthy(first_line(out):match('^This model: "sequential[_%d]*", 2 layers, 17 parameters$'), first_line(out))
    has(out, "  model:summary ")
    out = capture(help, nn.Dense(128, "relu"))
    T.eq(first_line(out), "This layer: Dense(? -> 128, relu)")
    has(out, "nn.Dense(units [, activation] [, opts])")
    has(out, "Its methods: help(\"layer\")")
    out = capture(help, nn.ReLU())
    has(out, "\nnn.ReLU()\n")
    out = capture(help, optim.Adam { lr = 0.01 })
    has(out, "This optimizer: Adam(lr=0.01")
    has(out, "\noptim.Adam{lr = 1e-3")
  end)
end)

T.test("Korean: lunet.lang = \"ko\" gives Korean headings and text; help(x, \"en\") overrides", function()
  in_lang("ko", function()
    local out = capture(help, tensor.zeros)
    has(out, "주어진 모양의 새 텐서를 만들고 0으로 채웁니다.")
    has(out, "\n인자\n  d1, d2, ...   각 차원의 크기")
    has(out, "\n반환값\n  새 텐서")
    has(out, "\n예제\n")
    has(capture(help, nn.Dense), "y = layer(tensor.zeros(32, 784))    -- 이미지 32장짜리 배치")
    has(out, "\n함께 보기: tensor.ones")
    out = capture(help, nn)
    has(out, "\n층\n  nn.Dense ")
    has(out, "하나를 자세히 보려면: help(nn.Dense) 또는 ?nn.Dense")
    out = capture(help, tensor.zeros(2, 2))
    T.eq(first_line(out), "이 텐서: 모양 2x2, float32, 원소 4개 (16 B), requires_grad = false")
    out = capture(help, "resahpe")
    has(out, "'resahpe'에 대한 도움말이 없습니다.")
    has(out, "혹시 이것을 찾으셨나요? reshape")
    out = capture(help, tensor.zeros, "en")
    has(out, "A new tensor of the given shape, filled with zeros.")
  end)
  in_lang("en", function()
    has(capture(help, tensor.zeros, "ko"), "0으로 채웁니다")
  end)
end)

T.test("the language comes from lunet.lang, else from LC_ALL, LC_MESSAGES, LANG", function()
  local function env(t) return function(k) return t[k] end end
  T.eq(H.locale_lang(env { LANG = "ko_KR.UTF-8" }), "ko")
  T.eq(H.locale_lang(env { LANG = "en_US.UTF-8" }), "en")
  T.eq(H.locale_lang(env { LC_ALL = "C", LANG = "ko_KR.UTF-8" }), "en")
  T.eq(H.locale_lang(env { LC_MESSAGES = "ko_KR.UTF-8", LANG = "en_US.UTF-8" }), "ko")
  T.eq(H.locale_lang(env {}), "en")
  in_lang("ko", function() T.eq(H.lang(), "ko") end)
  in_lang("en", function() T.eq(H.lang(), "en") end)
  T.eq(H.lang("ko"), "ko")
end)

T.test("typos get close matches: resahpe, Dnese, fitt, tensor.zero, crossentropy", function()
  in_lang("en", function()
    local out = capture(help, "resahpe")
    T.eq(out, "No help for 'resahpe'.\nDid you mean: reshape?\nhelp() lists every topic.\n")
    has(capture(help, "Dnese"), "Did you mean: Dense?")
    has(capture(help, "fitt"), "Did you mean: fit?")
    has(capture(help, "tensor.zero"), "Did you mean: tensor.zeros, tensor.zeros_like?")
    has(capture(help, "crossentropy"), "binary_crossentropy, categorical_crossentropy")
    has(capture(help, "nn.Dens"), "Did you mean: nn.Dense?")
  end)
end)

T.test("help() lists the topics: modules, concepts and tools, with how to ask for one", function()
  in_lang("en", function()
    local out = capture(help)
    has(out, "\nModules\n  tensor     Tensors: n-dimensional arrays")
    for _, name in ipairs { "autograd", "nn", "nn.losses", "optim", "data", "metrics", "plot", "lesson",
                            "help", "who", "timeit", "tensor.broadcasting" } do
      has(out, "\n  " .. name .. " ", "help()")
    end
    has(out, "One topic: help(name) or ?name")
    T.eq(capture(help, lunet), out)
  end)
end)

T.test("unknown names and odd values give a friendly message, never an error", function()
  in_lang("en", function()
    T.eq(capture(help, "xyzzy"), "No help for 'xyzzy'.\nhelp() lists every topic.\n")
    has(capture(help, nil), "help got nil: the name you gave is not defined (yet), or it names a method.")
    has(capture(help, 42), "A number: 42.")
    has(capture(help, true), "A boolean: true.")
    has(capture(help, { 1, 2, 3 }), "A Lua table with 3 items.")
    has(capture(help, coroutine.create(function() end)), "A thread:")
    has(capture(help, ""), "Modules")
    local out = capture(help, print)
    has(out, "print is part of Lua's standard library, not of lunet.")
    has(out, "https://www.lua.org/manual/5.4/manual.html#pdf-print")
    has(capture(help, string.format), "#pdf-string.format")
    has(capture(help, io.stdout), "#pdf-io.open")
    local function area(width, height) return width * height end
    has(capture(help, area), "A Lua function (width, height) defined at tests/lua/test_help.lua:")
    rawset(_G, "help_test_fn", area)
    has(capture(help, "help_test_fn"), "help_test_fn is a function of your own.")
    rawset(_G, "help_test_fn", nil)
    has(capture(help, { loss = { 0.5, 0.3 } }), "This looks like a training history")
  end)
end)

T.test("functions added or replaced after start-up are found by looking again", function()
  in_lang("en", function()
    local metrics = lunet.metrics
    local saved = metrics.accuracy
    metrics.accuracy = function(pred, y) return saved(pred, y) end
    local ok, out = pcall(capture, help, metrics.accuracy)
    metrics.accuracy = saved
    T.truthy(ok, out)
    T.eq(first_line(out), "metrics.accuracy(pred, y)")
  end)
end)

-- The names the API contract (API.md) fixes; each must have a topic in both languages.
local CONTRACT = {
  "tensor", "tensor.zeros", "tensor.ones", "tensor.full", "tensor.eye", "tensor.rand", "tensor.randn",
  "tensor.seed", "tensor.arange", "tensor.linspace", "tensor.cat", "tensor.stack", "tensor.matmul",
  "tensor.where", "tensor.no_grad", "shape", "size", "dim", "numel", "item", "totable", "reshape",
  "flatten", "transpose", "T", "squeeze", "unsqueeze", "narrow", "select", "clone", "contiguous", "add",
  "sub", "mul", "div", "pow", "exp", "log", "sqrt", "abs", "sin", "cos", "tanh", "sigmoid", "relu",
  "t:step", "clamp", "t:matmul", "t:dot", "gt", "ge", "lt", "le", "eq", "masked", "sum", "mean", "max",
  "min", "std", "var", "argmax", "argmin", "requires_grad", "grad", "backward", "t:zero_grad", "detach",
  "autograd", "autograd.numgrad", "autograd.gradcheck",
  "nn", "nn.Dense", "nn.Linear", "nn.Flatten", "nn.ReLU", "nn.Sigmoid", "nn.Tanh", "nn.Softmax",
  "nn.Step", "nn.LeakyReLU", "nn.Dropout", "nn.Conv2D", "nn.MaxPool2D", "nn.BatchNorm", "nn.SimpleRNN",
  "nn.LSTM", "nn.GRU", "nn.Sequential", "model:add", "model:forward", "model:parameters", "model:train",
  "model:eval", "model:summary", "model:compile", "model:fit", "model:evaluate", "model:predict",
  "model:save", "nn.load", "layer:parameters", "nn.losses", "nn.losses.mse", "nn.losses.binary_crossentropy",
  "nn.losses.categorical_crossentropy", "nn.losses.sparse_categorical_crossentropy", "nn.activations",
  "optim", "optim.SGD", "optim.Adam", "optim.RMSprop", "optim.Adagrad", "optimizer:zero_grad",
  "optimizer:step", "data", "data.load_idx", "data.mnist", "data.fashion_mnist", "data.fashion_mnist_labels",
  "data.one_hot", "data.split", "data.batches", "data.csv", "data.gates", "metrics", "metrics.accuracy",
  "metrics.confusion_matrix", "metrics.print_confusion", "plot", "plot.fn", "plot.line", "plot.lines",
  "plot.scatter", "plot.hist", "plot.image", "plot.images", "plot.boundary", "plot.history", "plot.live",
  "live:add", "plot.terminal", "plot.save", "plot.close", "lesson", "lesson.list", "lesson.start", "next",
  "n", "back", "b", "again", "hint", "check", "quit", "help", "who", "timeit",
}

T.test("every name of the API contract has a topic, in English and in Korean", function()
  local en, ko = H.texts("en"), H.texts("ko")
  for _, name in ipairs(CONTRACT) do
    local list = H.lookup(name)
    T.truthy(list, "no topic for " .. name)
    local e = list[1]
    T.truthy(en[e.name] and en[e.name][1], "no English text for " .. e.name)
    T.truthy(ko[e.name] and ko[e.name][1], "no Korean text for " .. e.name)
  end
end)

T.test("topics and texts agree: both languages, the same argument names, links that resolve", function()
  local en, ko = H.texts("en"), H.texts("ko")
  for _, e in ipairs(H.order) do
    local a, b = en[e.name], ko[e.name]
    T.truthy(a and type(a[1]) == "string" and a[1] ~= "", "English summary of " .. e.name)
    T.truthy(b and type(b[1]) == "string" and b[1] ~= "", "Korean summary of " .. e.name)
    T.truthy(not a[1]:find("\n"), "the summary of " .. e.name .. " is one line")
    T.truthy(b[1]:find("[\128-\255]"), "the Korean summary of " .. e.name .. " is in Korean")
    local an, bn = {}, {}
    for i = 1, #(a.args or {}), 2 do an[#an + 1] = a.args[i] end
    for i = 1, #(b.args or {}), 2 do bn[#bn + 1] = b.args[i] end
    T.eq(table.concat(bn, ", "), table.concat(an, ", "), "argument names of " .. e.name)
    T.eq(b.ret ~= nil, a.ret ~= nil, "both or neither say what " .. e.name .. " returns")
    for _, s in ipairs(e.see or {}) do T.truthy(H.lookup(s), e.name .. " sees " .. s .. ", which is no topic") end
    for _, g in ipairs(e.groups or {}) do
      T.truthy(en._groups[g[1]] and ko._groups[g[1]], "group title " .. g[1])
      for _, m in ipairs(g[2]) do T.truthy(H.entries[m], e.name .. " lists " .. m .. ", which is no topic") end
    end
    if not e.module then T.truthy(e.ex, e.name .. " has an example") end
    for line in ((e.ex or "") .. "\n"):gmatch("(.-)\n") do
      local comment = line:match("%-%- (.*)$")
      if comment and not line:find("-->", 1, true) then
        T.truthy(ko._comments[comment], "Korean for the comment of " .. e.name .. ": " .. comment)
      end
    end
  end
  for k in pairs(en) do
    if k:sub(1, 1) ~= "_" then T.truthy(H.entries[k], "English text for a topic that does not exist: " .. k) end
  end
  for k in pairs(ko) do
    if k:sub(1, 1) ~= "_" then T.truthy(H.entries[k], "Korean text for a topic that does not exist: " .. k) end
  end
  for k in pairs(en._ui) do   -- English singulars ("1 layer") have no Korean counterpart
    if not k:match("_one$") then T.truthy(ko._ui[k], "Korean UI text " .. k) end
  end
end)

-- Runs an example statement by statement as the prompt would, checking each `--> result`
-- against what the statement printed. Returns nil, or a message.
local function run_example(e)
  local out = {}
  local env = setmetatable({}, { __index = _G })
  env.print = function(...)
    local p = {}
    for i = 1, select("#", ...) do p[i] = tostring((select(i, ...))) end
    out[#out + 1] = table.concat(p, "\t")
  end
  local buf = ""
  for line in (e.ex .. "\n"):gmatch("(.-)\n") do
    buf = buf .. line .. "\n"
    local f, err = load(buf, "=" .. e.name, "t", env)
    if f or not tostring(err):find("<eof>") then
      if not f then return "does not compile: " .. tostring(err) end
      out = {}
      local ok, rerr = pcall(f)
      if not ok then return "raised: " .. tostring(rerr) end
      local want = line:match("%-%->%s*(.-)%s*$")
      if want and table.concat(out, "\n") ~= want then
        return ("%s\n    printed %q"):format(line, table.concat(out, "\n"))
      end
      buf = ""
    end
  end
  if buf:match("%S") then return "ends inside a statement" end
  return nil
end

T.test("every example runs, and every --> result is what it prints", function()
  local problems, ran = {}, 0
  local saved_print, saved_write = print, io.write
  print = function() end                          -- summaries and graphs print through these
  io.write = function() return io.stdout end
  for _, e in ipairs(H.order) do
    if e.ex and e.run ~= false then
      ran = ran + 1
      local ok, msg = pcall(run_example, e)
      if not ok then msg = tostring(msg) end
      if msg then problems[#problems + 1] = e.name .. ": " .. msg end
    end
  end
  print, io.write = saved_print, saved_write
  tensor.seed(os.time())
  T.truthy(#problems == 0, table.concat(problems, "\n"))
  T.truthy(ran > 100, "ran " .. ran .. " examples")
end)

T.test("who() lists the user's variables by name with type, shape or value and memory", function()
  in_lang("en", function()
    T.eq(capture(who), "No variables yet. Variables you make, like x = tensor.zeros(2, 3), are listed here.\n")
    rawset(_G, "x", tensor.zeros(2, 3))
    rawset(_G, "model", nn.Sequential({ nn.Dense(4, "relu"), nn.Dense(1) }, { input_shape = { 2 } }))
    rawset(_G, "n", 42)
    rawset(_G, "Rate", 0.25)
    rawset(_G, "s", "hello")
    rawset(_G, "list", { 1, 2, 3 })
    rawset(_G, "cfg", { lr = 0.1, epochs = 5 })
    rawset(_G, "area", function(w, h) return w * h end)
    rawset(_G, "w", tensor.randn(3):requires_grad())
    local out, nres = capture(function() return select("#", who()) end)
    for _, k in ipairs { "x", "model", "n", "Rate", "s", "list", "cfg", "area", "w" } do rawset(_G, k, nil) end
    T.eq(nres, 0, "who returns nothing")
    local lines = {}
    for l in out:gmatch("[^\n]+") do lines[#lines + 1] = l end
    T.eq(lines[1], "Name   Type        Shape / value        Memory")
    T.truthy(lines[2]:match("^%-+$"), lines[2])
    T.eq(lines[3], "area   function    (w, h)")
    T.eq(lines[4], "cfg    table       2 items: epochs, lr")
    T.eq(lines[5], "list   table       3 items")
    T.eq(lines[6], "model  Sequential  2 layers, 17 params    68 B")
    T.eq(lines[7], "n      integer     42")
    T.eq(lines[8], "Rate   number      0.25")
    T.eq(lines[9], "s      string      \"hello\"")
    T.eq(lines[10], "w      tensor      3, requires_grad       12 B")
    T.eq(lines[11], "x      tensor      2x3                    24 B")
    T.eq(lines[12], "9 variables; tensors and parameters take 104 B.")
    T.eq(#lines, 12)
    for _, own in ipairs { "tensor", "nn", "help", "who", "print", "string", "lunet", "arg" } do
      lacks(out, "\n" .. own .. " ", "lunet's and Lua's own globals")
    end
  end)
  in_lang("ko", function()
    rawset(_G, "x", tensor.zeros(2))
    local out = capture(who)
    rawset(_G, "x", nil)
    has(out, "이름  종류    모양 / 값  메모리")
    has(out, "변수 1개, 텐서와 파라미터가 차지하는 메모리는 8 B입니다.")
  end)
end)

T.test("who() leaves out lunet's and Lua's globals, but not a standard name given a new value", function()
  in_lang("en", function()
    local saved = rawget(_G, "print")
    rawset(_G, "print", function(...) return saved(...) end)
    local out = capture(who)
    rawset(_G, "print", saved)
    has(out, "print  function")
    T.eq(capture(who), "No variables yet. Variables you make, like x = tensor.zeros(2, 3), are listed here.\n")
  end)
end)

T.test("timeit returns a positive time per call and prints mean ± std", function()
  in_lang("en", function()
    local a = tensor.randn(8, 8)
    local out, secs = capture(timeit, function() return a:matmul(a) end)
    T.truthy(type(secs) == "number" and secs > 0, "timeit returned " .. tostring(secs))
    T.truthy(out:match("^[%d%.]+ %S*s ± [%d%.]+ %S*s per call %(mean ± std%. dev%. of 7 runs, [%d,]+ calls each%)\n$"), out)
    local calls = 0
    out, secs = capture(timeit, function() calls = calls + 1 end, 10)
    T.eq(calls, 10, "timeit(fn, 10) calls fn 10 times")
    T.truthy(secs > 0)
    has(out, "(mean ± std. dev. of 7 runs, 10 calls in all)")
    calls = 0
    out = capture(timeit, function() calls = calls + 1 end, 14)
    T.eq(calls, 14)
    has(out, "of 7 runs, 2 calls each)")
    calls = 0
    capture(timeit, function() calls = calls + 1 end, 3)
    T.eq(calls, 3)
    out = capture(timeit, function() end, 1)
    T.truthy(out:match("^[%d%.]+ %S*s per call %(1 run, 1 call%)\n$"), out)
  end)
  in_lang("ko", function()
    has(capture(timeit, function() end, 7), "(7번 실행의 평균 ± 표준편차, 실행마다 1번 호출)")
  end)
end)

T.test("timeit: a non-function or a bad n is a clear error", function()
  T.raises(function() timeit(42) end, "timeit: expected a function to time, got number")
  T.raises(function() timeit(tensor.zeros(2)) end, "timeit: expected a function to time, got tensor")
  T.raises(function() timeit() end, "got nil (wrap the code in a function: timeit(function() return a:matmul(b) end))")
  T.raises(function() timeit(function() end, 0) end, "timeit: n must be a whole number of calls >= 1, got 0")
  T.raises(function() timeit(function() end, 2.5) end, "timeit: n must be a whole number of calls >= 1, got 2.5")
  T.raises(function() timeit(function() error("inside") end, 1) end, "inside")
end)

T.test("times are shown in ns, µs, ms or s with about three digits", function()
  T.eq(H.fmt_time(12.3e-6), "12.3 µs")
  T.eq(H.fmt_time(0.4e-6, 12.3e-6), "0.4 µs")
  T.eq(H.fmt_time(371e-9), "371 ns")
  T.eq(H.fmt_time(1.5e-3), "1.50 ms")
  T.eq(H.fmt_time(2.25), "2.25 s")
end)

T.test("Tab completion and help agree: ?topics complete, and every topic's name completes", function()
  local complete = lunet.repl_complete
  local function offers(text, want)
    for _, c in ipairs(complete(text)) do if c == want then return end end
    error("Tab on " .. text .. " does not offer " .. want .. " (got " .. table.concat(complete(text), " ") .. ")", 2)
  end
  offers("?tensor.ze", "?tensor.zeros")
  offers("?resh", "?reshape")
  offers("?nn.D", "?nn.Dense")
  offers("?fi", "?fit")
  for _, c in ipairs(complete("?")) do T.truthy(not c:find(":", 1, true), c .. " is no Lua expression") end
  -- each documented module function and each method on an object of its kind
  rawset(_G, "help_t", tensor.zeros(2))
  rawset(_G, "help_m", nn.Sequential({ nn.Dense(2) }, { input_shape = { 2 } }))
  rawset(_G, "help_l", nn.Dense(2))
  rawset(_G, "help_o", optim.SGD { lr = 0.1 })
  local receiver = { tensor = "help_t", model = "help_m", layer = "help_l", optimizer = "help_o" }
  local missing = {}
  for _, e in ipairs(H.order) do
    for _, name in ipairs { e.name, table.unpack(e.also or {}) } do
      local owner, method = name:match("^(%w+):([%w_]+)$")
      if owner and receiver[owner] then
        local obj = rawget(_G, receiver[owner])
        if obj[method] ~= nil then
          local text = receiver[owner] .. ":" .. method
          local found = false
          for _, c in ipairs(complete(text)) do found = found or c == text end
          if not found then missing[#missing + 1] = text end
        end
      elseif name:match("^[%a_][%w_]*%.[%w_%.]+$") then
        local v = _G
        for part in name:gmatch("[^%.]+") do v = type(v) == "table" and rawget(v, part) or nil end
        if v ~= nil then
          local found = false
          for _, c in ipairs(complete(name)) do found = found or c == name end
          if not found then missing[#missing + 1] = name end
        end
      end
    end
  end
  for _, k in ipairs { "help_t", "help_m", "help_l", "help_o" } do rawset(_G, k, nil) end
  T.truthy(#missing == 0, "Tab does not complete: " .. table.concat(missing, ", "))
end)

T.done()
