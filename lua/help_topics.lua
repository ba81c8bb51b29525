-- help_topics.lua — what help knows, apart from the words: every topic's name, the other names
-- it answers to (`also`), its signature lines, a short runnable example, "see also", and for
-- modules the members in groups. The summaries and descriptions, in English and Korean, are in
-- help_en.lua and help_ko.lua under the same names; tests/lua/test_help.lua checks that the
-- three agree and runs the examples (all but those marked run = false: files, gnuplot, long
-- training, or parts that only run inside a lesson).
--
-- Names: "module.function" for functions, "owner:method" for methods (tensor, model, layer,
-- optimizer, live), and a module's own name for its overview. The order is the order of
-- preference when a short name ("step", "zero_grad") belongs to several topics.
local L = {}
local function T(name, t)
  t.name = name
  L[#L + 1] = t
  return t
end

---------------------------------------------------------------------------------------------
-- Overviews

T("lunet", { module = true, sig = { "lunet — help topics" }, groups = {
  { "modules", { "tensor", "autograd", "nn", "model", "layer", "nn.losses", "optim", "optimizer",
                 "data", "metrics", "plot", "lesson" } },
  { "concepts", { "tensor.indexing", "tensor.operators", "tensor.broadcasting", "nn.activations",
                  "plot.options" } },
  { "tools", { "help", "who", "timeit", "stats" } },
} })

T("tensor", { module = true, sig = { "tensor{...}", "tensor(x)" }, more = "tensor.zeros", groups = {
  { "create", { "tensor.zeros", "tensor.ones", "tensor.full", "tensor.eye", "tensor.rand", "tensor.randn",
                "tensor.arange", "tensor.linspace", "tensor.zeros_like", "tensor.seed" } },
  { "inspect", { "tensor:shape", "tensor:size", "tensor:dim", "tensor:numel", "tensor:item", "tensor:totable",
                 "tensor.indexing", "tensor.is_tensor", "tensor:is_contiguous" } },
  { "shape", { "tensor:reshape", "tensor:flatten", "tensor:transpose", "tensor:T", "tensor:permute",
               "tensor:squeeze", "tensor:unsqueeze", "tensor:narrow", "tensor:select", "tensor:expand",
               "tensor:clone", "tensor:contiguous", "tensor.cat", "tensor.stack" } },
  { "math", { "tensor.operators", "tensor.broadcasting", "tensor:add", "tensor:exp", "tensor:clamp",
              "tensor.matmul", "tensor.maximum" } },
  { "activations", { "tensor:sigmoid", "tensor:tanh", "tensor:relu", "tensor:step", "tensor:leaky_relu",
                     "tensor:softmax", "tensor:log_softmax", "tensor:dropout" } },
  { "compare", { "tensor:gt", "tensor:masked", "tensor.where" } },
  { "reduce", { "tensor:sum", "tensor:mean", "tensor:max", "tensor:std", "tensor:argmax" } },
  { "inplace", { "tensor:fill", "tensor:copy" } },
  { "grad", { "tensor:requires_grad", "tensor.grad", "tensor:backward", "tensor:zero_grad", "tensor:detach",
              "tensor.no_grad", "tensor:needs_grad", "tensor:is_leaf", "tensor:grad_fn", "tensor.set_grad_enabled" } },
}, ex = [==[
a = tensor{{1, 2}, {3, 4}}
print(a)                --> tensor([[1, 2], [3, 4]], shape=2x2)
print(a:matmul(a))      --> tensor([[7, 10], [15, 22]], shape=2x2)
print(tensor(3.5))      --> tensor(3.5)]==], see = { "tensor.zeros", "tensor.indexing", "tensor.operators", "autograd" } })

T("autograd", { module = true, more = "autograd.gradcheck", groups = {
  { "grad", { "tensor:requires_grad", "tensor.grad", "tensor:backward", "tensor:zero_grad", "tensor:detach",
              "tensor.no_grad", "tensor.set_grad_enabled", "tensor.is_grad_enabled" } },
  { "check", { "autograd.numgrad", "autograd.gradcheck", "autograd.detect_anomaly" } },
  { "graph", { "autograd.graph", "autograd.format_graph", "autograd.dot" } },
}, ex = [==[
x = tensor{1, 2, 3}:requires_grad()
y = (x * x):sum()        -- y = x1² + x2² + x3²
y:backward()
print(x.grad)            --> tensor([2, 4, 6], shape=3)]==], see = { "tensor:backward", "autograd.gradcheck", "optim" } })

T("nn", { module = true, more = "nn.Dense", groups = {
  { "layers", { "nn.Dense", "nn.Linear", "nn.Flatten", "nn.Activation", "nn.ReLU", "nn.Sigmoid", "nn.Tanh",
                "nn.Softmax", "nn.Step", "nn.LeakyReLU", "nn.Dropout" } },
  { "layers_more", { "nn.Conv2D", "nn.MaxPool2D", "nn.BatchNorm", "nn.SimpleRNN", "nn.LSTM", "nn.GRU" } },
  { "models", { "nn.Sequential", "model", "layer", "nn.load" } },
  { "losses", { "nn.losses", "nn.activations" } },
}, ex = [==[
model = nn.Sequential({
  nn.Dense(4, "relu"),
  nn.Dense(1, "sigmoid"),
}, {input_shape = {2}})
print(model:count_params())   --> 17]==], see = { "nn.Sequential", "model", "model:fit", "nn.losses" } })

T("model", { module = true, sig = { "model = nn.Sequential({layer, ...} [, opts])" }, more = "model:fit",
  groups = {
  { "build", { "nn.Sequential", "model:add", "model:summary", "model:count_params", "model:build" } },
  { "train", { "model:compile", "model:fit", "model:evaluate", "model:predict" } },
  { "use", { "model:forward", "model:parameters", "model:train", "model:zero_grad" } },
  { "files", { "model:save", "nn.load" } },
}, ex = [==[
model = nn.Sequential({nn.Dense(8, "relu"), nn.Dense(1, "sigmoid")}, {input_shape = {2}})
model:compile{optimizer = "adam", loss = "binary_crossentropy", metrics = {"accuracy"}}
history = model:fit(data.gates.XOR.x, data.gates.XOR.y, {epochs = 200, verbose = 0})
print(model:predict(data.gates.XOR.x))]==], run = false, see = { "nn", "layer", "optim" } })

T("layer", { module = true, sig = { "layer = nn.Dense(...), nn.ReLU(), ..." }, more = "layer:forward", groups = {
  { "use", { "layer:forward", "layer:parameters", "layer:train", "layer:zero_grad" } },
  { "build", { "layer:build", "layer:count_params", "layer:info" } },
}, ex = [==[
d = nn.Dense(3, "relu")
y = d(tensor.ones(2, 4))     -- built on first use: 4 inputs
print(d)                     --> Dense(4 -> 3, relu)
print(d:count_params())      --> 15]==], see = { "nn", "model" } })

T("nn.losses", { module = true, sig = { "nn.losses.NAME(pred, target [, opts])" }, more = "nn.losses.mse", groups = {
  { "losses", { "nn.losses.mse", "nn.losses.binary_crossentropy", "nn.losses.categorical_crossentropy",
                "nn.losses.sparse_categorical_crossentropy", "nn.losses.get" } },
}, ex = [==[
pred, target = tensor{1, 2}, tensor{1, 4}
print(nn.losses.mse(pred, target))    --> tensor(2)]==], see = { "model:compile", "tensor:backward" } })

T("optim", { module = true, more = "optim.Adam", groups = {
  { "optimizers", { "optim.SGD", "optim.Adam", "optim.RMSprop", "optim.Adagrad", "optim.get" } },
  { "use", { "optimizer", "optimizer:step", "optimizer:zero_grad" } },
}, ex = [==[
w = tensor{1, 2}:requires_grad()
opt = optim.SGD({w}, {lr = 0.1})
loss = (w * w):sum()
loss:backward()
opt:step()
print(w)        --> tensor([0.8, 1.6], shape=2, requires_grad=true)]==], see = { "model:compile", "autograd" } })

T("optimizer", { module = true, sig = { "opt = optim.Adam(params [, opts])" }, more = "optimizer:step", groups = {
  { "use", { "optimizer:step", "optimizer:zero_grad", "optimizer:bind", "optimizer:parameters",
             "optimizer:state" } },
}, ex = [==[
w = tensor{1, 2}:requires_grad()
opt = optim.Adam({w}, {lr = 0.1})
for step = 1, 100 do
  opt:zero_grad()
  local loss = (w * w):sum()
  loss:backward()
  opt:step()
end
print(w:abs():max():item() < 0.1)    --> true]==], see = { "optim", "optim.Adam" } })

T("data", { module = true, more = "data.mnist", groups = {
  { "datasets", { "data.mnist", "data.fashion_mnist", "data.fashion_mnist_labels", "data.gates" } },
  { "prepare", { "data.one_hot", "data.split", "data.batches" } },
  { "files", { "data.load_idx", "data.save_idx", "data.csv" } },
}, ex = [==[
x_train, y_train, x_test, y_test = data.mnist()
x_train = x_train:reshape(-1, 784) / 255
print(x_train:shape())]==], run = false, see = { "metrics", "model:fit" } })

T("metrics", { module = true, more = "metrics.accuracy", groups = {
  { "metrics", { "metrics.accuracy", "metrics.confusion_matrix", "metrics.print_confusion",
                 "metrics.precision_recall" } },
}, ex = [==[
pred = tensor{{0.9, 0.1}, {0.2, 0.8}, {0.6, 0.4}}
print(metrics.accuracy(pred, tensor{0, 1, 1}))    --> 0.66666666666667]==], see = { "model:evaluate", "plot.confusion" } })

T("plot", { module = true, more = "plot.fn", groups = {
  { "functions", { "plot.fn", "plot.activation" } },
  { "data", { "plot.line", "plot.lines", "plot.scatter", "plot.hist" } },
  { "images", { "plot.image", "plot.images" } },
  { "models", { "plot.boundary", "plot.history", "plot.confusion", "plot.live", "live:add", "live:close" } },
  { "output", { "plot.terminal", "plot.save", "plot.close", "plot.options" } },
}, ex = [==[
plot.fn(math.sin, {from = -3.14, to = 3.14, title = "sin"})
plot.fn(function(x) return x:sigmoid() end, {title = "sigmoid"})]==], run = false,
  see = { "plot.options", "plot.terminal" } })

T("lesson", { module = true, more = "lesson.start", groups = {
  { "start", { "lesson.list", "lesson.start", "lesson.lang" } },
  { "move", { "lesson.next", "lesson.back", "lesson.again", "lesson.hint", "lesson.check", "lesson.quit" } },
}, ex = [==[
lesson.list()
lesson.start("xor")    -- or: lunet --lesson xor   (--lang ko for Korean)]==], run = false, see = { "help" } })

---------------------------------------------------------------------------------------------
-- Tools

T("help", { sig = { "help([x])", "?x" }, ex = [==[
help()                -- the list of topics
help(tensor.zeros)    -- a function
help(nn)              -- a module: its members
help("reshape")       -- by name; typos get suggestions
lunet.lang = "ko"     -- help in Korean]==], run = false, see = { "who", "timeit", "lunet" } })

T("who", { sig = { "who()" }, ex = [==[
x = tensor.zeros(28, 28)
n = 42
who()]==], run = false, see = { "help", "stats" } })

T("timeit", { sig = { "timeit(fn [, n])" }, ex = [==[
a = tensor.randn(256, 256)
timeit(function() return a:matmul(a) end)
timeit(function() return a:matmul(a) end, 100)   -- exactly 100 calls]==], run = false, see = { "who", "help" } })

T("stats", { sig = { "stats()", "lunet.stats()" }, also = { "lunet.stats" }, ex = [==[
s = stats()
print(s.tensors, s.bytes)]==], see = { "who" } })

---------------------------------------------------------------------------------------------
-- tensor: creation

T("tensor.zeros", { sig = { "tensor.zeros(d1, d2, ...)", "tensor.zeros{d1, d2, ...}" }, ex = [==[
print(tensor.zeros(2, 3))    --> tensor([[0, 0, 0], [0, 0, 0]], shape=2x3)
print(tensor.zeros{2, 2})    --> tensor([[0, 0], [0, 0]], shape=2x2)]==],
  see = { "tensor.ones", "tensor.full", "tensor.zeros_like" } })
T("tensor.ones", { sig = { "tensor.ones(d1, d2, ...)", "tensor.ones{d1, d2, ...}" }, ex = [==[
print(tensor.ones(2, 2))    --> tensor([[1, 1], [1, 1]], shape=2x2)]==],
  see = { "tensor.zeros", "tensor.full", "tensor.ones_like" } })
T("tensor.full", { sig = { "tensor.full({d1, d2, ...}, value)", "tensor.full(d1, d2, ..., value)" }, ex = [==[
print(tensor.full({2, 3}, 7))    --> tensor([[7, 7, 7], [7, 7, 7]], shape=2x3)]==],
  see = { "tensor.zeros", "tensor.full_like" } })
T("tensor.eye", { sig = { "tensor.eye(n)" }, ex = [==[
I = tensor.eye(3)
print(I:sum():item())    --> 3.0]==], see = { "tensor.zeros", "tensor.matmul" } })
T("tensor.rand", { sig = { "tensor.rand(d1, d2, ...)" }, ex = [==[
tensor.seed(42)
r = tensor.rand(2, 2)
print(r:min():item() >= 0, r:max():item() < 1)    --> true	true]==],
  see = { "tensor.randn", "tensor.seed" } })
T("tensor.randn", { sig = { "tensor.randn(d1, d2, ...)" }, ex = [==[
tensor.seed(42)
w = tensor.randn(784, 128) * 0.05    -- small random weights
print(w:shape())]==], see = { "tensor.rand", "tensor.seed" } })
T("tensor.seed", { sig = { "tensor.seed(n)" }, ex = [==[
tensor.seed(7); a = tensor.rand(3)
tensor.seed(7); b = tensor.rand(3)
print(a:eq(b):sum():item())    --> 3.0]==], see = { "tensor.rand", "tensor.randn", "nn.Dropout" } })
T("tensor.arange", { sig = { "tensor.arange(start, stop [, step])", "tensor.arange(stop)" }, ex = [==[
print(tensor.arange(0, 5))          --> tensor([0, 1, 2, 3, 4], shape=5)
print(tensor.arange(0, 1, 0.25))    --> tensor([0.00, 0.25, 0.50, 0.75], shape=4)]==],
  see = { "tensor.linspace", "tensor:reshape" } })
T("tensor.linspace", { sig = { "tensor.linspace(a, b [, n])" }, ex = [==[
print(tensor.linspace(0, 1, 5))    --> tensor([0.00, 0.25, 0.50, 0.75, 1.00], shape=5)]==],
  see = { "tensor.arange", "plot.fn" } })
T("tensor.zeros_like", { sig = { "tensor.zeros_like(t)", "tensor.ones_like(t)", "tensor.full_like(t, value)" },
  also = { "tensor.ones_like", "tensor.full_like" }, ex = [==[
a = tensor{{1, 2}, {3, 4}}
print(tensor.full_like(a, 9))    --> tensor([[9, 9], [9, 9]], shape=2x2)]==], see = { "tensor.zeros", "tensor.full" } })

---------------------------------------------------------------------------------------------
-- tensor: inspection

T("tensor:shape", { sig = { "t:shape()" }, ex = [==[
t = tensor.zeros(2, 3)
print(t:shape()[1], t:shape()[2])    --> 2	3]==], see = { "tensor:size", "tensor:dim", "tensor:reshape" } })
T("tensor:size", { sig = { "t:size(d)", "t:size()" }, ex = [==[
t = tensor.zeros(2, 3)
print(t:size(2), t:size(-1))    --> 3	3]==], see = { "tensor:shape", "tensor.indexing" } })
T("tensor:dim", { sig = { "t:dim()" }, ex = [==[
print(tensor.zeros(2, 3):dim())    --> 2]==], see = { "tensor:shape", "tensor:numel" } })
T("tensor:numel", { sig = { "t:numel()" }, ex = [==[
print(tensor.zeros(2, 3):numel())    --> 6]==], see = { "tensor:shape", "tensor:dim" } })
T("tensor:item", { sig = { "t:item()" }, ex = [==[
loss = tensor{1, 2, 3}:mean()
print(loss:item())    --> 2.0]==], see = { "tensor:totable", "tensor:sum" } })
T("tensor:totable", { sig = { "t:totable()" }, ex = [==[
rows = tensor{{1, 2}, {3, 4}}:totable()
print(rows[2][1])    --> 3.0]==], see = { "tensor:item", "tensor.indexing" } })
T("tensor.indexing", { sig = { "t[i]", "t[i] = v", "#t" }, also = { "indexing", "index" }, ex = [==[
a = tensor{{1, 2}, {3, 4}}
print(a[2])       --> tensor([3, 4], shape=2)
print(a[2][1])    --> 3.0
a[1] = 0          -- row 1 becomes zeros
print(#a)         --> 2]==], see = { "tensor:select", "tensor:narrow", "tensor:masked" } })
T("tensor.is_tensor", { sig = { "tensor.is_tensor(x)" }, ex = [==[
print(tensor.is_tensor(tensor{1}), tensor.is_tensor({1}))    --> true	false]==], see = { "tensor" } })
T("tensor:is_contiguous", { sig = { "t:is_contiguous()" }, ex = [==[
a = tensor.zeros(2, 3)
print(a:is_contiguous(), a:T():is_contiguous())    --> true	false]==], see = { "tensor:contiguous", "tensor:transpose" } })

---------------------------------------------------------------------------------------------
-- tensor: shape

T("tensor:reshape", { sig = { "t:reshape(d1, d2, ...)", "t:reshape{d1, d2, ...}" }, also = { "tensor:view" }, ex = [==[
t = tensor.arange(6)
print(t:reshape(2, 3))     --> tensor([[0, 1, 2], [3, 4, 5]], shape=2x3)
print(t:reshape(-1, 2):shape()[1])    --> 3]==], see = { "tensor:flatten", "tensor:view", "tensor:unsqueeze" } })
T("tensor:flatten", { sig = { "t:flatten()" }, ex = [==[
img = tensor.zeros(28, 28)
print(img:flatten():shape()[1])    --> 784]==], see = { "tensor:reshape", "nn.Flatten" } })
T("tensor:transpose", { sig = { "t:transpose([d1, d2])" }, ex = [==[
a = tensor{{1, 2}, {3, 4}}
print(a:transpose())    --> tensor([[1, 3], [2, 4]], shape=2x2)]==], see = { "tensor:T", "tensor:permute" } })
T("tensor:T", { sig = { "t:T()" }, ex = [==[
a = tensor{{1, 2, 3}}
print(a:T():shape()[1])    --> 3]==], see = { "tensor:transpose", "tensor.matmul" } })
T("tensor:permute", { sig = { "t:permute(d1, d2, ...)" }, ex = [==[
x = tensor.zeros(2, 3, 4)
print(x:permute(3, 1, 2):shape()[1])    --> 4]==], see = { "tensor:transpose" } })
T("tensor:squeeze", { sig = { "t:squeeze([d])" }, ex = [==[
print(tensor{{1}, {2}}:squeeze())    --> tensor([1, 2], shape=2)]==], see = { "tensor:unsqueeze", "tensor:reshape" } })
T("tensor:unsqueeze", { sig = { "t:unsqueeze(d)" }, ex = [==[
v = tensor{1, 2, 3}
print(v:unsqueeze(1):shape()[1], v:unsqueeze(2):shape()[1])    --> 1	3]==], see = { "tensor:squeeze" } })
T("tensor:narrow", { sig = { "t:narrow(d, start, len)" }, ex = [==[
b = tensor.arange(6):reshape(2, 3)
print(b:narrow(2, 2, 2))    --> tensor([[1, 2], [4, 5]], shape=2x2)]==], see = { "tensor:select", "tensor.indexing" } })
T("tensor:select", { sig = { "t:select(d, i)" }, ex = [==[
b = tensor.arange(6):reshape(2, 3)
print(b:select(2, 1))    --> tensor([0, 3], shape=2)]==], see = { "tensor:narrow", "tensor.indexing" } })
T("tensor:expand", { sig = { "t:expand(d1, d2, ...)" }, ex = [==[
print(tensor{1, 2, 3}:expand(2, 3))    --> tensor([[1, 2, 3], [1, 2, 3]], shape=2x3)]==],
  see = { "tensor.broadcasting" } })
T("tensor:clone", { sig = { "t:clone()" }, ex = [==[
a = tensor{1, 2}
b = a:clone()
b[1] = 9
print(a[1])    --> 1.0]==], see = { "tensor:detach", "tensor:copy" } })
T("tensor:contiguous", { sig = { "t:contiguous()" }, ex = [==[
a = tensor.zeros(2, 3):T()
print(a:contiguous():is_contiguous())    --> true]==], see = { "tensor:is_contiguous" } })
T("tensor.cat", { sig = { "tensor.cat({a, b, ...} [, d])" }, ex = [==[
a = tensor{{1, 2}}
print(tensor.cat({a, a}, 1))    --> tensor([[1, 2], [1, 2]], shape=2x2)
print(tensor.cat({a, a}, 2))    --> tensor([[1, 2, 1, 2]], shape=1x4)]==], see = { "tensor.stack" } })
T("tensor.stack", { sig = { "tensor.stack({a, b, ...} [, d])" }, ex = [==[
a, b = tensor{1, 2}, tensor{3, 4}
print(tensor.stack({a, b}))    --> tensor([[1, 2], [3, 4]], shape=2x2)]==], see = { "tensor.cat" } })

---------------------------------------------------------------------------------------------
-- tensor: arithmetic

T("tensor.operators", { sig = { "a + b   a - b   a * b   a / b   a ^ b   -a" }, also = { "operators" }, ex = [==[
a = tensor{{1, 2}, {3, 4}}
print(a + 1)      --> tensor([[2, 3], [4, 5]], shape=2x2)
print(a * a)      --> tensor([[1, 4], [9, 16]], shape=2x2)
print(2 - a)      --> tensor([[1, 0], [-1, -2]], shape=2x2)]==],
  see = { "tensor:add", "tensor.broadcasting", "tensor.matmul" } })
T("tensor.broadcasting", { sig = { "broadcasting" }, also = { "broadcasting", "broadcast" }, ex = [==[
x = tensor{{1, 2, 3}, {4, 5, 6}}    -- 2x3
b = tensor{10, 20, 30}              -- 3: added to every row
print(x + b)    --> tensor([[11, 22, 33], [14, 25, 36]], shape=2x3)
c = tensor{{100}, {200}}            -- 2x1: added to every column
print(x + c)    --> tensor([[101, 102, 103], [204, 205, 206]], shape=2x3)]==],
  see = { "tensor.operators", "tensor:expand" } })
T("tensor:add", { sig = { "t:add(x)", "t:sub(x)", "t:mul(x)", "t:div(x)", "t:pow(x)" },
  also = { "tensor:sub", "tensor:mul", "tensor:div", "tensor:pow" }, ex = [==[
a = tensor{1, 2, 3}
print(a:mul(2), a:pow(2))    --> tensor([2, 4, 6], shape=3)	tensor([1, 4, 9], shape=3)]==],
  see = { "tensor.operators", "tensor.broadcasting" } })
T("tensor:exp", { sig = { "t:exp()", "t:log()", "t:sqrt()", "t:abs()", "t:sin()", "t:cos()", "t:square()",
  "t:sign()", "t:neg()" }, also = { "tensor:log", "tensor:sqrt", "tensor:abs", "tensor:sin", "tensor:cos",
  "tensor:square", "tensor:sign", "tensor:neg" }, ex = [==[
print(tensor{0, 1}:exp())    --> tensor([1.0000, 2.7183], shape=2)
print(tensor{-2, 3}:abs())   --> tensor([2, 3], shape=2)]==], see = { "tensor:sigmoid", "tensor:tanh" } })
T("tensor:clamp", { sig = { "t:clamp(lo, hi)" }, ex = [==[
print(tensor{1, 5, 3}:clamp(2, 4))    --> tensor([2, 4, 3], shape=3)]==], see = { "tensor.maximum", "tensor:relu" } })
T("tensor.matmul", { sig = { "tensor.matmul(a, b)", "a:matmul(b)", "a:dot(b)" },
  also = { "tensor.dot", "tensor:matmul", "tensor:dot", "matmul" }, ex = [==[
a = tensor{{1, 2}, {3, 4}}
print(a:matmul(a))    --> tensor([[7, 10], [15, 22]], shape=2x2)
print(tensor{1, 2, 3}:dot(tensor{4, 5, 6}))    --> tensor(32)]==],
  see = { "tensor.operators", "nn.Dense", "tensor:T" } })
T("tensor.maximum", { sig = { "tensor.maximum(a, b)", "tensor.minimum(a, b)", "a:maximum(b)", "a:minimum(b)" },
  also = { "tensor.minimum", "tensor:maximum", "tensor:minimum" }, ex = [==[
a = tensor{1, 5, 3}
print(tensor.maximum(a, 2.5))    --> tensor([2.5, 5.0, 3.0], shape=3)]==], see = { "tensor:max", "tensor:clamp" } })

-- activations
T("tensor:sigmoid", { sig = { "t:sigmoid()" }, ex = [==[
print(tensor{0}:sigmoid())    --> tensor([0.5], shape=1)]==], see = { "nn.Sigmoid", "tensor:tanh", "plot.activation" } })
T("tensor:tanh", { sig = { "t:tanh()" }, ex = [==[
print(tensor{0, 1}:tanh())    --> tensor([0.0000, 0.7616], shape=2)]==], see = { "nn.Tanh", "tensor:sigmoid" } })
T("tensor:relu", { sig = { "t:relu()" }, ex = [==[
print(tensor{-2, -1, 0, 1, 2}:relu())    --> tensor([0, 0, 0, 1, 2], shape=5)]==],
  see = { "nn.ReLU", "tensor:leaky_relu", "tensor:step" } })
T("tensor:step", { sig = { "t:step()" }, ex = [==[
print(tensor{-2, 0, 2}:step())    --> tensor([0, 0, 1], shape=3)]==], see = { "nn.Step", "tensor:relu" } })
T("tensor:leaky_relu", { sig = { "t:leaky_relu([alpha])" }, ex = [==[
print(tensor{-2, 2}:leaky_relu())       --> tensor([-0.4, 2.0], shape=2)
print(tensor{-2, 2}:leaky_relu(0.1))    --> tensor([-0.2, 2.0], shape=2)]==], see = { "nn.LeakyReLU", "tensor:relu" } })
T("tensor:softmax", { sig = { "t:softmax([d])" }, ex = [==[
print(tensor{1, 2, 3}:softmax())    --> tensor([0.0900, 0.2447, 0.6652], shape=3)]==],
  see = { "nn.Softmax", "tensor:log_softmax", "nn.losses.categorical_crossentropy" } })
T("tensor:log_softmax", { sig = { "t:log_softmax([d])" }, ex = [==[
print(tensor{1, 2, 3}:log_softmax())    --> tensor([-2.4076, -1.4076, -0.4076], shape=3)]==], see = { "tensor:softmax" } })
T("tensor:dropout", { sig = { "t:dropout(p)" }, ex = [==[
tensor.seed(0)
print(tensor.ones(8):dropout(0.5))    --> tensor([2, 2, 0, 0, 2, 2, 0, 2], shape=8)]==], see = { "nn.Dropout" } })

-- comparisons
T("tensor:gt", { sig = { "t:gt(x)", "t:ge(x)", "t:lt(x)", "t:le(x)", "t:eq(x)", "t:ne(x)" },
  also = { "tensor:ge", "tensor:lt", "tensor:le", "tensor:eq", "tensor:ne" }, ex = [==[
a = tensor{1, 5, 3}
print(a:gt(2))    --> tensor([0, 1, 1], shape=3)
print(a:gt(2):sum():item())    --> 2.0]==], see = { "tensor:masked", "tensor.where" } })
T("tensor:masked", { sig = { "t:masked(mask)" }, ex = [==[
a = tensor{1, 5, 3}
print(a:masked(a:gt(2)))    --> tensor([5, 3], shape=2)]==], see = { "tensor:gt", "tensor.where" } })
T("tensor.where", { sig = { "tensor.where(mask, a, b)" }, ex = [==[
a = tensor{{1, 2}, {3, 4}}
print(tensor.where(a:gt(2), a, 0))    --> tensor([[0, 0], [3, 4]], shape=2x2)]==], see = { "tensor:gt", "tensor:masked" } })

-- in place
T("tensor:fill", { sig = { "t:fill(v)" }, ex = [==[
print(tensor.zeros(3):fill(5))    --> tensor([5, 5, 5], shape=3)]==], see = { "tensor:copy", "tensor.full" } })
T("tensor:copy", { sig = { "t:copy(src)" }, ex = [==[
print(tensor.zeros(2):copy(tensor{7, 8}))    --> tensor([7, 8], shape=2)]==], see = { "tensor:fill", "tensor:clone" } })

---------------------------------------------------------------------------------------------
-- tensor: reductions

T("tensor:sum", { sig = { "t:sum([d [, keepdim]])" }, ex = [==[
a = tensor{{1, 2}, {3, 4}}
print(a:sum())           --> tensor(10)
print(a:sum(1))          --> tensor([4, 6], shape=2)
print(a:sum(2, true))    --> tensor([[3], [7]], shape=2x1)]==], see = { "tensor:mean", "tensor:item" } })
T("tensor:mean", { sig = { "t:mean([d [, keepdim]])" }, ex = [==[
a = tensor{{1, 2}, {3, 4}}
print(a:mean(), a:mean(2))    --> tensor(2.5)	tensor([1.5, 3.5], shape=2)]==], see = { "tensor:sum", "tensor:std" } })
T("tensor:max", { sig = { "t:max([d [, keepdim]])", "t:min([d [, keepdim]])" }, also = { "tensor:min" }, ex = [==[
a = tensor{{1, 2}, {3, 4}}
print(a:max(), a:max(1))    --> tensor(4)	tensor([3, 4], shape=2)]==], see = { "tensor:argmax", "tensor.maximum" } })
T("tensor:std", { sig = { "t:std([d [, keepdim]])", "t:var([d [, keepdim]])" }, also = { "tensor:var" }, ex = [==[
a = tensor{{1, 2}, {3, 4}}
print(a:var(), a:std())    --> tensor(1.25)	tensor(1.118)]==], see = { "tensor:mean" } })
T("tensor:argmax", { sig = { "t:argmax([d [, keepdim]])", "t:argmin([d [, keepdim]])" }, also = { "tensor:argmin" }, ex = [==[
probs = tensor{{0.1, 0.7, 0.2}, {0.8, 0.1, 0.1}}
print(probs:argmax(2))    --> tensor([2, 1], shape=2)]==], see = { "tensor:max", "metrics.accuracy" } })

---------------------------------------------------------------------------------------------
-- tensor: autograd

T("tensor:requires_grad", { sig = { "t:requires_grad([flag])" }, ex = [==[
w = tensor.randn(3):requires_grad()
print(w:needs_grad())    --> true]==], see = { "tensor:backward", "tensor.grad", "autograd" } })
T("tensor.grad", { sig = { "t.grad" }, also = { "grad", "tensor:grad" }, ex = [==[
x = tensor{1, 2, 3}:requires_grad()
(x * x):sum():backward()
print(x.grad)    --> tensor([2, 4, 6], shape=3)]==], see = { "tensor:backward", "tensor:zero_grad" } })
T("tensor:backward", { sig = { "y:backward([grad] [, {retain_graph = true}])" }, also = { "backward" }, ex = [==[
x = tensor{2}:requires_grad()
y = x ^ 3                 -- dy/dx = 3x² = 12
y:backward()
print(x.grad)    --> tensor([12], shape=1)]==], see = { "tensor.grad", "tensor:requires_grad", "autograd.gradcheck" } })
T("tensor:zero_grad", { sig = { "t:zero_grad()" }, ex = [==[
x = tensor{1, 2}:requires_grad()
x:sum():backward()
x:zero_grad()
print(x.grad)    --> tensor([0, 0], shape=2)]==], see = { "tensor.grad", "optimizer:zero_grad" } })
T("tensor:detach", { sig = { "t:detach()" }, ex = [==[
x = tensor{1, 2}:requires_grad()
y = (x * 2):detach()
print(y:needs_grad())    --> false]==], see = { "tensor.no_grad", "tensor:clone" } })
T("tensor.no_grad", { sig = { "tensor.no_grad(fn, ...)" }, also = { "autograd.no_grad", "no_grad" }, ex = [==[
w = tensor{1, 2}:requires_grad()
y = tensor.no_grad(function() return w * 2 end)
print(y:needs_grad())    --> false]==], see = { "tensor:detach", "tensor.set_grad_enabled" } })
T("tensor:needs_grad", { sig = { "t:needs_grad()" }, ex = [==[
print(tensor{1}:needs_grad())    --> false]==], see = { "tensor:requires_grad" } })
T("tensor:is_leaf", { sig = { "t:is_leaf()" }, ex = [==[
x = tensor{1, 2}:requires_grad()
y = x * 2
print(x:is_leaf(), y:is_leaf())    --> true	false]==], see = { "tensor:grad_fn", "autograd.graph" } })
T("tensor:grad_fn", { sig = { "t:grad_fn()" }, ex = [==[
x = tensor{1, 2}:requires_grad()
print((x * 2):grad_fn())    --> mul_scalar]==], see = { "tensor:is_leaf", "autograd.graph" } })
T("tensor.set_grad_enabled", { sig = { "tensor.set_grad_enabled(flag)", "autograd.set_enabled(flag)" },
  also = { "autograd.set_enabled" }, ex = [==[
old = tensor.set_grad_enabled(false)
-- ... evaluation without graphs ...
tensor.set_grad_enabled(old)]==], see = { "tensor.no_grad", "tensor.is_grad_enabled" } })
T("tensor.is_grad_enabled", { sig = { "tensor.is_grad_enabled()", "autograd.is_enabled()" },
  also = { "autograd.is_enabled" }, ex = [==[
print(tensor.is_grad_enabled())    --> true]==], see = { "tensor.set_grad_enabled", "tensor.no_grad" } })

-- autograd module
T("autograd.numgrad", { sig = { "autograd.numgrad(f, x [, eps])" }, ex = [==[
g = autograd.numgrad(function(t) return (t * t):sum() end, tensor{1, 2, 3})
print(g)    --> tensor([2, 4, 6], shape=3)]==], see = { "autograd.gradcheck", "tensor:backward" } })
T("autograd.gradcheck", { sig = { "autograd.gradcheck(f, {inputs...} [, tol])" }, ex = [==[
ok, err = autograd.gradcheck(function(a, b) return a:matmul(b) end,
                             {tensor.randn(2, 3), tensor.randn(3, 2)})
print(ok)    --> true]==], see = { "autograd.numgrad", "tensor:backward" } })
T("autograd.graph", { sig = { "autograd.graph(y)" }, ex = [==[
x = tensor{1, 2, 3}:requires_grad()
y = (x * 2 + 1):sum()
autograd.graph(y)]==], see = { "autograd.format_graph", "autograd.dot", "tensor:grad_fn" } })
T("autograd.format_graph", { sig = { "autograd.format_graph(y)" }, ex = [==[
x = tensor{1, 2}:requires_grad()
text = autograd.format_graph((x * x):sum())
print(text:match("^%a+"))    --> sum]==], see = { "autograd.graph" } })
T("autograd.dot", { sig = { "autograd.dot(y [, path])" }, ex = [==[
x = tensor{1, 2}:requires_grad()
autograd.dot((x * x):sum(), "graph.dot")
-- in a shell: dot -Tsvg graph.dot > graph.svg]==], run = false, see = { "autograd.graph" } })
T("autograd.detect_anomaly", { sig = { "autograd.detect_anomaly([flag])" }, ex = [==[
autograd.detect_anomaly(true)     -- NaN or inf now raises an error naming the op
x = tensor{0}:requires_grad()
print(pcall(function() return x:log() end))
autograd.detect_anomaly(false)]==], run = false, see = { "tensor:backward" } })

---------------------------------------------------------------------------------------------
-- nn: layers

T("nn.Dense", { sig = { "nn.Dense(units [, activation] [, opts])", "nn.Dense{units = n, activation = ...}" },
  also = { "Dense" }, ex = [==[
layer = nn.Dense(128, "relu")
y = layer(tensor.zeros(32, 784))    -- a batch of 32 images
print(layer)                        --> Dense(784 -> 128, relu)
print(layer:count_params())         --> 100480]==], see = { "nn.Linear", "nn.activations", "nn.Sequential" } })
T("nn.Linear", { sig = { "nn.Linear(in, out [, bias])" }, ex = [==[
l = nn.Linear(2, 8)
print(l, l:count_params())    --> Linear(2 -> 8)	24]==], see = { "nn.Dense" } })
T("nn.Flatten", { sig = { "nn.Flatten()" }, ex = [==[
f = nn.Flatten()
print(f(tensor.zeros(5, 28, 28)):shape()[2])    --> 784]==], see = { "tensor:flatten", "nn.Dense" } })
T("nn.Activation", { sig = { "nn.Activation(name)" }, ex = [==[
print(nn.Activation("relu")(tensor{-1, 3}))    --> tensor([0, 3], shape=2)]==], see = { "nn.activations" } })
T("nn.ReLU", { sig = { "nn.ReLU()" }, ex = [==[
print(nn.ReLU()(tensor{-1, 2}))    --> tensor([0, 2], shape=2)]==], see = { "tensor:relu", "nn.LeakyReLU" } })
T("nn.Sigmoid", { sig = { "nn.Sigmoid()" }, ex = [==[
print(nn.Sigmoid()(tensor{0}))    --> tensor([0.5], shape=1)]==], see = { "tensor:sigmoid" } })
T("nn.Tanh", { sig = { "nn.Tanh()" }, ex = [==[
print(nn.Tanh()(tensor{0}))    --> tensor([0], shape=1)]==], see = { "tensor:tanh" } })
T("nn.Softmax", { sig = { "nn.Softmax()" }, ex = [==[
print(nn.Softmax()(tensor{{1, 1}}))    --> tensor([[0.5, 0.5]], shape=1x2)]==],
  see = { "tensor:softmax", "nn.losses.categorical_crossentropy" } })
T("nn.Step", { sig = { "nn.Step()" }, ex = [==[
print(nn.Step()(tensor{-1, 1}))    --> tensor([0, 1], shape=2)]==], see = { "tensor:step" } })
T("nn.LeakyReLU", { sig = { "nn.LeakyReLU([alpha])" }, ex = [==[
print(nn.LeakyReLU()(tensor{-1, 1}))    --> tensor([-0.3, 1.0], shape=2)]==], see = { "tensor:leaky_relu", "nn.ReLU" } })
T("nn.Dropout", { sig = { "nn.Dropout(p)" }, ex = [==[
drop = nn.Dropout(0.5)
drop:eval()                          -- evaluation: nothing is dropped
print(drop(tensor.ones(4)))          --> tensor([1, 1, 1, 1], shape=4)]==], see = { "model:train", "tensor:dropout" } })
T("nn.Conv2D", { sig = { "nn.Conv2D(filters, kernel [, opts])" }, also = { "Conv2D" }, ex = [==[
model = nn.Sequential({
  nn.Conv2D(32, 3, {activation = "relu", padding = "same"}),
  nn.MaxPool2D(2),
  nn.Flatten(),
  nn.Dense(10, "softmax"),
}, {input_shape = {28, 28, 1}})]==], run = false, see = { "nn.MaxPool2D", "nn.Flatten" } })
T("nn.MaxPool2D", { sig = { "nn.MaxPool2D(size)" }, ex = [==[
pool = nn.MaxPool2D(2)    -- [N, 28, 28, C] -> [N, 14, 14, C]]==], run = false, see = { "nn.Conv2D" } })
T("nn.BatchNorm", { sig = { "nn.BatchNorm()" }, ex = [==[
model = nn.Sequential({nn.Dense(64), nn.BatchNorm(), nn.ReLU(), nn.Dense(10)}, {input_shape = {784}})]==],
  run = false, see = { "model:train", "nn.Dropout" } })
T("nn.SimpleRNN", { sig = { "nn.SimpleRNN(units [, opts])" }, ex = [==[
model = nn.Sequential({nn.SimpleRNN(16), nn.Dense(1)}, {input_shape = {10, 1}})]==], run = false,
  see = { "nn.LSTM", "nn.GRU" } })
T("nn.LSTM", { sig = { "nn.LSTM(units [, opts])" }, ex = [==[
model = nn.Sequential({nn.LSTM(32, {return_sequences = true}), nn.LSTM(32), nn.Dense(1)},
                      {input_shape = {20, 1}})]==], run = false, see = { "nn.GRU", "nn.SimpleRNN" } })
T("nn.GRU", { sig = { "nn.GRU(units [, opts])" }, ex = [==[
model = nn.Sequential({nn.GRU(32), nn.Dense(1)}, {input_shape = {20, 1}})]==], run = false,
  see = { "nn.LSTM", "nn.SimpleRNN" } })
T("nn.activations", { sig = { '"linear"  "step"  "sigmoid"  "tanh"  "relu"  "leaky_relu"  "softmax"' },
  also = { "activations", "activation" }, ex = [==[
hidden = nn.Dense(64, "relu")
output = nn.Dense(10, "softmax")]==], see = { "nn.Dense", "plot.activation" } })

---------------------------------------------------------------------------------------------
-- nn: models

T("nn.Sequential", { sig = { "nn.Sequential({layer, ...} [, {input_shape = {...}, name = ...}])" },
  also = { "Sequential" }, ex = [==[
model = nn.Sequential({
  nn.Flatten(),
  nn.Dense(128, "relu"),
  nn.Dense(64, "relu"),
  nn.Dense(10, "softmax"),
}, {input_shape = {28, 28}})
print(model:count_params())    --> 109386]==], see = { "model", "model:summary", "model:compile" } })
T("model:add", { sig = { "model:add(layer)" }, ex = [==[
model = nn.Sequential({}, {input_shape = {2}})
model:add(nn.Dense(4, "relu"))
model:add(nn.Dense(1, "sigmoid"))
print(#model)    --> 2]==], see = { "nn.Sequential" } })
T("model:summary", { sig = { "model:summary()" }, also = { "summary" }, ex = [==[
model = nn.Sequential({nn.Dense(128, "relu"), nn.Dense(64, "relu"), nn.Dense(10, "softmax")},
                      {input_shape = {784}})
model:summary()    -- Total params: 109,386]==], see = { "model:count_params", "nn.Sequential" } })
T("model:count_params", { sig = { "model:count_params()" }, ex = [==[
model = nn.Sequential({nn.Dense(4, "relu"), nn.Dense(1)}, {input_shape = {2}})
print(model:count_params())    --> 17]==], see = { "model:summary" } })
T("model:build", { sig = { "model:build(input_shape)" }, ex = [==[
model = nn.Sequential({nn.Dense(4), nn.Dense(1)})
model:build({2})
print(model:count_params())    --> 17]==], see = { "nn.Sequential", "model:summary" } })
T("model:compile", { sig = { "model:compile{optimizer = ..., loss = ..., metrics = {...}}" }, also = { "compile" }, ex = [==[
model:compile{
  optimizer = "adam",                        -- or optim.Adam{lr = 1e-3}
  loss = "sparse_categorical_crossentropy",
  metrics = {"accuracy"},
}]==], run = false, see = { "model:fit", "optim", "nn.losses" } })
T("model:fit", { sig = { "history = model:fit(x, y [, opts])" }, also = { "fit" }, ex = [==[
x_train, y_train, x_test, y_test = data.fashion_mnist()
x_train, x_test = x_train / 255, x_test / 255
model = nn.Sequential({nn.Flatten(), nn.Dense(128, "relu"), nn.Dense(10, "softmax")},
                      {input_shape = {28, 28}})
model:compile{optimizer = "adam", loss = "sparse_categorical_crossentropy", metrics = {"accuracy"}}
history = model:fit(x_train, y_train, {epochs = 5, batch_size = 32, validation_split = 0.1})
plot.history(history)]==], run = false, see = { "model:compile", "model:evaluate", "plot.history" } })
T("model:evaluate", { sig = { "loss, acc = model:evaluate(x, y)" }, also = { "evaluate" }, ex = [==[
loss, acc = model:evaluate(x_test, y_test)
print(("test accuracy: %.4f"):format(acc))]==], run = false, see = { "model:fit", "model:predict" } })
T("model:predict", { sig = { "model:predict(x)" }, also = { "predict" }, ex = [==[
probs = model:predict(x_test)       -- [10000, 10]
classes = probs:argmax(2) - 1       -- 0-based class numbers, like y_test
print(metrics.accuracy(probs, y_test))]==], run = false, see = { "model:evaluate", "tensor:argmax" } })
T("model:save", { sig = { "model:save(path)", "nn.save(model, path)" }, also = { "nn.save" }, ex = [==[
model:save("fashion.lunet")
again = nn.load("fashion.lunet")]==], run = false, see = { "nn.load" } })
T("nn.load", { sig = { "nn.load(path)" }, ex = [==[
model = nn.load("fashion.lunet")
model:summary()]==], run = false, see = { "model:save" } })
T("model:forward", { sig = { "model(x)", "model:forward(x)" }, ex = [==[
model = nn.Sequential({nn.Dense(4, "relu"), nn.Dense(1, "sigmoid")}, {input_shape = {2}})
y = model(tensor{{0, 1}, {1, 1}})
print(y:shape()[1], y:shape()[2])    --> 2	1]==], see = { "model:predict", "layer:forward" } })
T("model:parameters", { sig = { "model:parameters()" }, ex = [==[
model = nn.Sequential({nn.Dense(4), nn.Dense(1)}, {input_shape = {2}})
print(#model:parameters())    --> 4]==], see = { "optim", "layer:parameters" } })
T("model:train", { sig = { "model:train()", "model:eval()" }, also = { "model:eval" }, ex = [==[
model = nn.Sequential({nn.Dense(8), nn.Dropout(0.5)}, {input_shape = {2}})
model:eval()
print(model.training)    --> false]==], see = { "nn.Dropout", "nn.BatchNorm" } })
T("model:zero_grad", { sig = { "model:zero_grad()" }, ex = [==[
model:zero_grad()
loss = nn.losses.mse(model(x), y)
loss:backward()]==], run = false, see = { "optimizer:zero_grad", "tensor:zero_grad" } })

-- layer methods
T("layer:forward", { sig = { "layer(x)", "layer:forward(x)" }, ex = [==[
relu = nn.ReLU()
print(relu(tensor{-1, 1}))    --> tensor([0, 1], shape=2)]==], see = { "model:forward" } })
T("layer:parameters", { sig = { "layer:parameters()" }, ex = [==[
d = nn.Linear(2, 3)
w, b = table.unpack(d:parameters())
print(w:shape()[1], w:shape()[2], b:shape()[1])    --> 2	3	3]==], see = { "model:parameters" } })
T("layer:train", { sig = { "layer:train()", "layer:eval()" }, also = { "layer:eval" }, ex = [==[
drop = nn.Dropout(0.5)
drop:eval()
print(drop(tensor.ones(2)))    --> tensor([1, 1], shape=2)]==], see = { "model:train" } })
T("layer:zero_grad", { sig = { "layer:zero_grad()" }, ex = [==[
d = nn.Linear(2, 1)
d(tensor{{1, 2}}):sum():backward()
d:zero_grad()]==], see = { "model:zero_grad" } })
T("layer:build", { sig = { "layer:build(input_shape)" }, ex = [==[
d = nn.Dense(3)
d:build({4})
print(d)    --> Dense(4 -> 3)]==], see = { "model:build" } })
T("layer:count_params", { sig = { "layer:count_params()" }, ex = [==[
print(nn.Linear(784, 128):count_params())    --> 100480]==], see = { "model:count_params" } })
T("layer:info", { sig = { "layer:info()" }, ex = [==[
info = nn.Linear(2, 3):info()
print(info.type, info.params, info.formula)    --> Linear	9	2*3 + 3]==], see = { "model:summary" } })

---------------------------------------------------------------------------------------------
-- nn.losses

T("nn.losses.mse", { sig = { "nn.losses.mse(pred, target)" }, also = { "nn.losses.mean_squared_error" }, ex = [==[
print(nn.losses.mse(tensor{1, 2}, tensor{1, 4}))    --> tensor(2)]==], see = { "nn.losses", "model:compile" } })
T("nn.losses.binary_crossentropy", { sig = { "nn.losses.binary_crossentropy(pred, target [, {from_logits = true}])" }, ex = [==[
print(nn.losses.binary_crossentropy(tensor{0.9, 0.1}, tensor{1, 0}))    --> tensor(0.1054)]==],
  see = { "nn.Sigmoid", "nn.losses" } })
T("nn.losses.categorical_crossentropy", { sig = { "nn.losses.categorical_crossentropy(pred, target [, {from_logits = true}])" }, ex = [==[
pred = tensor{{0.7, 0.2, 0.1}}
print(nn.losses.categorical_crossentropy(pred, tensor{{1, 0, 0}}))    --> tensor(0.3567)]==],
  see = { "nn.losses.sparse_categorical_crossentropy", "data.one_hot", "nn.Softmax" } })
T("nn.losses.sparse_categorical_crossentropy", { sig = { "nn.losses.sparse_categorical_crossentropy(pred, target [, {from_logits = true}])" }, ex = [==[
pred = tensor{{0.7, 0.2, 0.1}}
print(nn.losses.sparse_categorical_crossentropy(pred, tensor{0}))    --> tensor(0.3567)]==],
  see = { "nn.losses.categorical_crossentropy" } })
T("nn.losses.get", { sig = { "nn.losses.get(name)" }, ex = [==[
f = nn.losses.get("mse")
print(f(tensor{0}, tensor{3}))    --> tensor(9)]==], see = { "nn.losses" } })

---------------------------------------------------------------------------------------------
-- optim

T("optim.SGD", { sig = { "optim.SGD{lr = 0.01, momentum = 0, nesterov = false, weight_decay = 0}", "optim.SGD(params [, opts])" }, also = { "SGD" }, ex = [==[
print(optim.SGD{lr = 0.1})    --> SGD(lr=0.1, momentum=0), not bound to parameters yet]==],
  see = { "optim.Adam", "optimizer", "model:compile" } })
T("optim.Adam", { sig = { "optim.Adam{lr = 1e-3, beta1 = 0.9, beta2 = 0.999, eps = 1e-7}", "optim.Adam(params [, opts])" },
  also = { "Adam" }, ex = [==[
model = nn.Sequential({nn.Dense(1)}, {input_shape = {2}})
opt = optim.Adam(model:parameters(), {lr = 0.01})
print(opt)]==], see = { "optim.SGD", "optimizer", "model:compile" } })
T("optim.RMSprop", { sig = { "optim.RMSprop{lr = 1e-3, rho = 0.9, momentum = 0, eps = 1e-7}", "optim.RMSprop(params [, opts])" },
  also = { "RMSprop" }, ex = [==[
print(optim.RMSprop{lr = 0.001})]==], see = { "optim.Adam", "optimizer" } })
T("optim.Adagrad", { sig = { "optim.Adagrad{lr = 1e-3, initial_accumulator_value = 0.1, eps = 1e-7}", "optim.Adagrad(params [, opts])" },
  also = { "Adagrad" }, ex = [==[
print(optim.Adagrad{lr = 0.01})]==], see = { "optim.Adam", "optimizer" } })
T("optim.get", { sig = { "optim.get(name_or_optimizer)" }, ex = [==[
print(optim.get("sgd"))    --> SGD(lr=0.01, momentum=0), not bound to parameters yet]==], see = { "model:compile" } })
T("optimizer:step", { sig = { "opt:step()" }, ex = [==[
w = tensor{1, 2}:requires_grad()
opt = optim.SGD({w}, {lr = 0.1})
(w * w):sum():backward()
opt:step()
print(w)    --> tensor([0.8, 1.6], shape=2, requires_grad=true)]==], see = { "optimizer:zero_grad", "tensor:backward" } })
T("optimizer:zero_grad", { sig = { "opt:zero_grad()" }, ex = [==[
w = tensor{1, 2}:requires_grad()
opt = optim.SGD({w})
w:sum():backward()
opt:zero_grad()
print(w.grad)    --> nil]==], see = { "optimizer:step", "tensor:zero_grad" } })
T("optimizer:bind", { sig = { "opt:bind(params)" }, ex = [==[
opt = optim.Adam{lr = 0.01}
w = tensor.randn(3):requires_grad()
opt:bind({w})
print(#opt:parameters())    --> 1]==], see = { "optim.Adam" } })
T("optimizer:parameters", { sig = { "opt:parameters()" }, ex = [==[
w = tensor{1}:requires_grad()
print(#optim.SGD({w}):parameters())    --> 1]==], see = { "model:parameters" } })
T("optimizer:state", { sig = { "opt:state()", "opt:set_state(state)" }, also = { "optimizer:set_state" }, ex = [==[
w = tensor{1}:requires_grad()
opt = optim.Adam({w})
print(opt:state().iterations)    --> 0]==], see = { "model:save" } })

---------------------------------------------------------------------------------------------
-- data

T("data.mnist", { sig = { "x_train, y_train, x_test, y_test = data.mnist([dir])" }, also = { "mnist" }, ex = [==[
x_train, y_train, x_test, y_test = data.mnist()
print(x_train:shape()[2], x_train:shape()[3])    --> 28	28
print(y_train[1])    -- a class number 0..9]==], run = false, see = { "data.fashion_mnist", "plot.images" } })
T("data.fashion_mnist", { sig = { "x_train, y_train, x_test, y_test = data.fashion_mnist([dir])" }, also = { "fashion_mnist" }, ex = [==[
x_train, y_train, x_test, y_test = data.fashion_mnist()
print(x_train:shape()[1])                              --> 60000
print(data.fashion_mnist_labels[y_train[1] + 1])    -- the class name]==], run = false,
  see = { "data.fashion_mnist_labels", "data.mnist", "plot.images" } })
T("data.fashion_mnist_labels", { sig = { "data.fashion_mnist_labels", "data.fashion_mnist_labels_ko", "data.mnist_labels" },
  also = { "data.fashion_mnist_labels_ko", "data.mnist_labels" }, ex = [==[
print(data.fashion_mnist_labels[1], data.fashion_mnist_labels[10])    --> T-shirt/top	Ankle boot]==],
  see = { "data.fashion_mnist", "metrics.print_confusion" } })
T("data.gates", { sig = { "data.gates.AND", "data.gates.OR", "data.gates.NAND", "data.gates.XOR", "..." }, ex = [==[
xor = data.gates.XOR
print(xor.y:flatten())    --> tensor([0, 1, 1, 0], shape=4)]==], see = { "lesson" } })
T("data.one_hot", { sig = { "data.one_hot(y [, n])" }, ex = [==[
print(data.one_hot(tensor{0, 2}, 3))    --> tensor([[1, 0, 0], [0, 0, 1]], shape=2x3)]==],
  see = { "nn.losses.categorical_crossentropy" } })
T("data.split", { sig = { "x_a, y_a, x_b, y_b = data.split(x, y, fraction [, shuffle])", "x_a, x_b = data.split(x, fraction [, shuffle])" }, ex = [==[
x = tensor.arange(10):reshape(5, 2)
y = tensor.arange(5)
x_train, y_train, x_val, y_val = data.split(x, y, 0.2)
print(x_train:shape()[1], x_val:shape()[1])    --> 4	1]==], see = { "model:fit", "data.batches" } })
T("data.batches", { sig = { "for xb, yb in data.batches(x, y, size [, shuffle]) do ... end" }, ex = [==[
x, y = tensor.zeros(5, 2), tensor.arange(5)
for xb, yb in data.batches(x, y, 2) do
  print(xb:shape()[1])    -- 2, 2, then 1
end]==], see = { "data.split", "model:fit" } })
T("data.load_idx", { sig = { "data.load_idx(path)" }, ex = [==[
images = data.load_idx("/usr/share/datasets/fashion-mnist/t10k-images-idx3-ubyte.gz")
print(images:shape()[1])    --> 10000]==], run = false, see = { "data.save_idx", "data.mnist" } })
T("data.save_idx", { sig = { "data.save_idx(path, t [, {type = ..., gzip = ...}])" }, ex = [==[
data.save_idx("small.idx", tensor{{1, 2}, {3, 4}})
print(data.load_idx("small.idx"))]==], run = false, see = { "data.load_idx" } })
T("data.csv", { sig = { "t, names = data.csv(path [, opts])" }, ex = [==[
t, names = data.csv("iris.csv")    -- a header line gives the column names
print(t:shape()[1], names[1])]==], run = false, see = { "data.split" } })

---------------------------------------------------------------------------------------------
-- metrics

T("metrics.accuracy", { sig = { "metrics.accuracy(pred, y)" }, also = { "accuracy" }, ex = [==[
pred = tensor{{0.9, 0.1}, {0.2, 0.8}}
print(metrics.accuracy(pred, tensor{0, 0}))    --> 0.5]==], see = { "model:evaluate", "metrics.confusion_matrix" } })
T("metrics.confusion_matrix", { sig = { "metrics.confusion_matrix(y_true, y_pred [, n])" }, also = { "confusion_matrix" }, ex = [==[
m = metrics.confusion_matrix(tensor{0, 1, 1}, tensor{0, 1, 0})
print(m)    --> tensor([[1, 0], [1, 1]], shape=2x2)]==], see = { "metrics.print_confusion", "plot.confusion" } })
T("metrics.print_confusion", { sig = { "metrics.print_confusion(m [, labels])" }, ex = [==[
metrics.print_confusion(tensor{{5, 1}, {2, 7}}, {"cat", "dog"})]==],
  see = { "metrics.confusion_matrix", "metrics.precision_recall", "plot.confusion" } })
T("metrics.precision_recall", { sig = { "precision, recall, f1, support = metrics.precision_recall(m)" }, ex = [==[
p, r = metrics.precision_recall(tensor{{5, 1}, {2, 7}})
print(("%.3f %.3f"):format(p[1], r[1]))    --> 0.714 0.833]==], see = { "metrics.print_confusion" } })

---------------------------------------------------------------------------------------------
-- plot

T("plot.fn", { sig = { "plot.fn(f [, opts])", "plot.fn({f1, f2, ...} [, opts])" }, ex = [==[
plot.fn(function(x) return 1 / (1 + math.exp(-x)) end, {from = -6, to = 6, title = "sigmoid"})
plot.fn({math.sin, math.cos}, {from = 0, to = 6.28, labels = {"sin", "cos"}})]==], run = false,
  see = { "plot.activation", "plot.line", "plot.options" } })
T("plot.activation", { sig = { "plot.activation(name [, opts])" }, ex = [==[
plot.activation("sigmoid")
plot.activation("leaky_relu", {alpha = 0.1})]==], run = false, see = { "nn.activations", "plot.fn" } })
T("plot.line", { sig = { "plot.line(x, y [, opts])", "plot.line(y [, opts])" }, ex = [==[
x = tensor.linspace(0, 1, 50)
plot.line(x, x ^ 2, {title = "x²", xlabel = "x"})]==], run = false, see = { "plot.lines", "plot.history" } })
T("plot.lines", { sig = { "plot.lines({{x, y, label}, ...} [, opts])" }, ex = [==[
x = tensor.linspace(-2, 2, 50)
plot.lines({{x, x:relu(), "relu"}, {x, x:tanh(), "tanh"}})]==], run = false, see = { "plot.line" } })
T("plot.scatter", { sig = { "plot.scatter(x, y [, labels, opts])", "plot.scatter(xy [, labels, opts])" }, ex = [==[
xor = data.gates.XOR
plot.scatter(xor.x, nil, xor.y, {title = "XOR"})]==], run = false, see = { "plot.boundary" } })
T("plot.hist", { sig = { "plot.hist(t [, bins, opts])" }, ex = [==[
plot.hist(tensor.randn(1000), 30, {title = "N(0, 1)"})]==], run = false, see = { "plot.line" } })
T("plot.image", { sig = { "plot.image(img [, opts])" }, ex = [==[
x_train, y_train = data.fashion_mnist()
plot.image(x_train[1], {title = data.fashion_mnist_labels[y_train[1] + 1]})]==], run = false,
  see = { "plot.images" } })
T("plot.images", { sig = { "plot.images(batch [, {titles, rows, cols, names, invert}])" }, ex = [==[
x_train, y_train = data.fashion_mnist()
plot.images(x_train:narrow(1, 1, 16), {titles = y_train:narrow(1, 1, 16),
                                       names = data.fashion_mnist_labels, rows = 4, cols = 4})]==],
  run = false, see = { "plot.image" } })
T("plot.boundary", { sig = { "plot.boundary(model_or_fn, {xmin, xmax, ymin, ymax} [, points, labels, opts])" }, ex = [==[
xor = data.gates.XOR
plot.boundary(model, {-0.5, 1.5, -0.5, 1.5}, xor.x, xor.y)]==], run = false, see = { "plot.scatter" } })
T("plot.history", { sig = { "plot.history(history [, opts])" }, ex = [==[
history = model:fit(x, y, {epochs = 20, validation_split = 0.2})
plot.history(history)]==], run = false, see = { "model:fit", "plot.live" } })
T("plot.confusion", { sig = { "plot.confusion(m [, labels, opts])" }, ex = [==[
m = metrics.confusion_matrix(y_test, model:predict(x_test))
plot.confusion(m, data.fashion_mnist_labels)]==], run = false, see = { "metrics.confusion_matrix" } })
T("plot.live", { sig = { "live = plot.live([opts])" }, ex = [==[
live = plot.live{title = "loss", xlabel = "step"}
for step = 1, 100 do live:add(step, 1 / step) end
live:close()]==], run = false, see = { "live:add", "model:fit" } })
T("live:add", { sig = { "live:add(x, y [, series])" }, ex = [==[
live = plot.live{title = "training"}
live:add(1, 0.9, "loss")
live:add(1, 0.6, "accuracy")]==], run = false, see = { "plot.live", "live:close" } })
T("live:close", { sig = { "live:close()" }, ex = [==[
live:close()
plot.save("curve.png")]==], run = false, see = { "plot.live" } })
T("plot.terminal", { sig = { "plot.terminal([name [, path]])" }, ex = [==[
plot.terminal("dumb")    -- text plots in this terminal
plot.terminal("auto")    -- back to the automatic choice]==], run = false, see = { "plot.save", "plot.options" } })
T("plot.save", { sig = { "plot.save(path [, opts])" }, ex = [==[
plot.fn(math.sin, {from = 0, to = 6.28})
plot.save("sin.png")]==], run = false, see = { "plot.terminal" } })
T("plot.close", { sig = { "plot.close()" }, ex = [==[
plot.close()]==], run = false, see = { "plot.terminal" } })
T("plot.options", { sig = { "{title, xlabel, ylabel, xrange = {lo, hi}, yrange = {lo, hi}, label, width, height}" },
  also = { "plot.opts" }, ex = [==[
plot.fn(math.exp, {from = -2, to = 2, title = "exp", ylabel = "e^x", yrange = {0, 8}})]==], run = false,
  see = { "plot", "plot.terminal" } })

---------------------------------------------------------------------------------------------
-- lessons

T("lesson.list", { sig = { "lesson.list()" }, ex = [==[
lesson.list()]==], run = false, see = { "lesson.start" } })
T("lesson.start", { sig = { "lesson.start(name)", "lunet --lesson NAME [--lang ko|en] [--auto]" }, ex = [==[
lesson.start(3)          -- by number
lesson.start("xor")      -- by short name]==], run = false, see = { "lesson.list", "lesson.next" } })
T("lesson.lang", { sig = { "lesson.lang([lang])" }, ex = [==[
lesson.lang("ko")      -- lessons and help in Korean
print(lesson.lang())   --> ko
lesson.lang("en")]==], see = { "lesson.start", "help" } })
T("lesson.next", { sig = { "next()", "n()" }, also = { "next", "n", "lesson.n" }, ex = [==[
n()]==], run = false, see = { "lesson.back", "lesson.check" } })
T("lesson.back", { sig = { "back()", "b()" }, also = { "back", "b", "lesson.b" }, ex = [==[
b()]==], run = false, see = { "lesson.next", "lesson.again" } })
T("lesson.again", { sig = { "again()" }, also = { "again" }, ex = [==[
again()]==], run = false, see = { "lesson.back" } })
T("lesson.hint", { sig = { "hint()" }, also = { "hint" }, ex = [==[
hint()]==], run = false, see = { "lesson.check" } })
T("lesson.check", { sig = { "check()" }, also = { "check" }, ex = [==[
check()]==], run = false, see = { "lesson.hint", "lesson.next" } })
T("lesson.quit", { sig = { "quit()" }, also = { "quit" }, ex = [==[
quit()]==], run = false, see = { "lesson.start" } })

return L
