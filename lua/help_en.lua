-- help_en.lua — the English words of help, who and timeit. One entry per topic of
-- lua/help_topics.lua: [1] a one-line summary (shown in module lists), [2] the rest of the
-- description, args = {name, text, ...}, ret = what comes back, note = a closing remark.
-- The Korean texts (help_ko.lua) follow the same names and the same argument names.
local E = {}

E._ui = {
  args = "Arguments", returns = "Returns", example = "Example", see = "See also:",
  more = "One of them in full: help(%s) or ?%s",
  more_name = "One of them in full: help(\"%s\")",
  usage = "One topic: help(name) or ?name — e.g. ?tensor.zeros, help(nn.Dense), help(\"fit\"),\n" ..
          "help(x) for your own variable x. Language: lunet.lang = \"ko\" (한국어) or \"en\",\n" ..
          "or start lunet with --lang ko.",
  closed_tensor = "This tensor was closed: its memory has been released.",
  this_tensor = "This tensor: shape %s, float32, %s elements (%s), requires_grad = %s",
  this_tensor_one = "This tensor: shape %s, float32, %s element (%s), requires_grad = %s",
  made_by = "It was computed by %s and is part of an autograd graph.",
  has_grad = "It has a gradient in .grad.",
  this_model = "This model: \"%s\", %d layers, %s parameters",
  this_model_one = "This model: \"%s\", %d layer, %s parameters",
  this_layer = "This layer: %s",
  params = "%s parameters",
  this_optimizer = "This optimizer: %s",
  methods_of = "Its methods: help(\"%s\")",
  c_function = "It is written in C and has no documentation.",
  lua_function = "A Lua function (%s) defined at %s; it has no documentation.",
  std = "%s is part of Lua's standard library, not of lunet. The Lua 5.4 manual explains it:\n  %s",
  also_named = "Also named '%s': %s — e.g. help(\"%s\")",
  unknown = "No help for '%s'.",
  did_you_mean = "Did you mean: %s?",
  try_topics = "help() lists every topic.",
  undocumented = "%s has no documentation yet.",
  function_named = "%s is a function of your own.",
  a_function = "A function of your own.",
  history = "This looks like a training history, the table model:fit returns: one value per epoch\n" ..
            "in history.loss, history.accuracy, history.val_loss and history.val_accuracy.",
  plain_table = "A Lua table with %d items. help() lists lunet's topics; who() lists your variables.",
  ["nil"] = "help got nil: the name you gave is not defined (yet), or it names a method.\n" ..
            "To ask by name, put it in quotes: help(\"reshape\"), help(\"model:fit\").\n" ..
            "help() lists every topic.",
  plain_value = "A %s: %s. help() lists lunet's topics; who() lists your variables.",
  failed = "help could not show this topic (%s). help() lists every topic.",
  who_name = "Name", who_type = "Type", who_info = "Shape / value", who_memory = "Memory",
  who_none = "No variables yet. Variables you make, like x = tensor.zeros(2, 3), are listed here.",
  who_total = "%d variables; tensors and parameters take %s.",
  who_total_one = "%d variable; tensors and parameters take %s.",
  who_model = "%d layers, %s params",
  who_model_one = "%d layer, %s params",
  who_items = "%d items",
  who_items_one = "%d item",
  who_fields = "%d items: %s",
  who_fields_one = "%d item: %s",
  timeit_line = "%s ± %s per call (%s)",
  timeit_line_one = "%s per call (%s)",
  timeit_each = "mean ± std. dev. of %d runs, %s calls each",
  timeit_each_one = "mean ± std. dev. of %d runs, %s call each",
  timeit_all = "mean ± std. dev. of %d runs, %s calls in all",
  timeit_one = "1 run, 1 call",
}

E._groups = {
  modules = "Modules", concepts = "Concepts", tools = "Tools",
  create = "Creating tensors", inspect = "Looking inside", shape = "Changing shape (views where possible)",
  math = "Arithmetic", activations = "Activation functions", compare = "Comparing and selecting",
  reduce = "Reductions (with an optional dim)", inplace = "In place", grad = "Gradients",
  check = "Checking gradients", graph = "Pictures of the graph",
  layers = "Layers", layers_more = "Convolution, normalisation and recurrent layers", models = "Models",
  losses = "Losses and activations", build = "Building", train = "Training (Keras style)",
  use = "Using by hand", files = "Files", optimizers = "Optimizers",
  datasets = "Datasets", prepare = "Preparing data", metrics = "Metrics",
  functions = "Functions", data = "Data", images = "Images", output = "Terminals and files",
  start = "Starting", move = "Moving through a lesson (typed at the prompt)",
}

---------------------------------------------------------------------------------------------
-- Overviews

E["lunet"] = {
  "lunet: deep learning from scratch at an interactive prompt.",
  "Everything below is a global you can use right away. Tensors hold the numbers, autograd " ..
  "computes gradients, nn builds models that train Keras-style, and plot draws with gnuplot.",
}
E["tensor"] = {
  "Tensors: n-dimensional arrays of float32 numbers, with numpy's semantics.",
  "tensor{...} makes a tensor from a (nested) Lua table of numbers, tensor(x) copies a tensor or " ..
  "turns a number into a 0-d tensor. Indices and dims are 1-based as in Lua; a negative dim " ..
  "counts from the end. Arithmetic broadcasts as in numpy, and every operation can record a " ..
  "graph for autograd.",
}
E["autograd"] = {
  "Automatic differentiation: gradients of any computation on tensors.",
  "Mark the inputs you want gradients for with t:requires_grad(); every operation on them builds " ..
  "a graph as it runs (define-by-run, as in PyTorch). y:backward() walks that graph backwards " ..
  "and adds dy/dx into x.grad for each marked x. The checks compare with finite differences.",
}
E["nn"] = {
  "Neural networks: layers, Sequential models, losses.",
  "Layers are callables: layer(x) computes a batch. nn.Sequential chains them into a model that " ..
  "compiles and fits like Keras; its parameters are ordinary tensors, so a training loop of your " ..
  "own works too.",
}
E["model"] = {
  "A model made by nn.Sequential: a list of layers applied in order.",
  "#model is the number of layers and model[i] the i-th one; model.layers, model.name, " ..
  "model.training, model.input_shape and model.output_shape describe it.",
}
E["layer"] = {
  "A layer: one step of a model, such as nn.Dense or nn.ReLU.",
  "Every layer has the same methods. A layer whose input size is not given is built on its " ..
  "first call, when it sees the data.",
}
E["nn.losses"] = {
  "Loss functions: how far predictions are from targets, as a 0-d tensor.",
  "Each returns the mean over the batch and has a backward, so it can start y:backward(). " ..
  "model:compile takes the same names as strings.",
}
E["optim"] = {
  "Optimizers: rules that update parameters from their gradients.",
  "optim.Adam{lr = 1e-3} (braces) makes an optimizer for model:compile. optim.Adam(params, " ..
  "{lr = 1e-3}) makes one bound to a list of tensors, for a training loop of your own: " ..
  "opt:zero_grad(), loss:backward(), opt:step(). Options can be changed between steps (opt.lr = 0.01).",
}
E["optimizer"] = {
  "An optimizer object, made by optim.SGD, optim.Adam, optim.RMSprop or optim.Adagrad.",
  "Its hyperparameters are fields: opt.lr, opt.momentum, ... can be read and set.",
}
E["data"] = {
  "Datasets and data preparation: MNIST, Fashion-MNIST, logic gates, batches, files.",
}
E["metrics"] = {
  "Measuring a classifier: accuracy, confusion matrix, precision and recall.",
}
E["plot"] = {
  "Plots drawn by gnuplot: functions, data, images, decision boundaries, training curves.",
  "Plots appear in a window when there is a display, as sixel graphics in terminals that " ..
  "support them, and otherwise as text in this terminal; plot.terminal changes the choice.",
}
E["lesson"] = {
  "Interactive lessons: step-by-step exercises with hints and checks.",
  "A lesson runs at the normal prompt, so every variable it makes is yours to inspect. Progress " ..
  "is remembered between runs.",
}

---------------------------------------------------------------------------------------------
-- Tools

E["help"] = {
  "Shows the documentation of a function, module, object or topic name.",
  "help(x) takes a value (help(tensor.zeros), help(nn), help(model)) or a name " ..
  "(help(\"reshape\"), help(\"fit\")); for a name that is not found it suggests close ones. " ..
  "At the prompt ?x is short for help(x). help() lists every topic. The language follows " ..
  "lunet.lang (\"en\" or \"ko\"), set by --lang or from the locale.",
  args = { "x", "what to explain: a function, module, tensor, model, layer, optimizer or a name",
           "lang", "optional: \"en\" or \"ko\" for this call only" },
  ret = "nothing; the text is printed",
}
E["who"] = {
  "Lists your global variables with their type, shape or value, and memory.",
  "Tensors show their shape and bytes, models their layers and parameters, tables how many " ..
  "items they hold. lunet's own globals and Lua's standard library are left out. Sorted by name.",
  ret = "nothing; the table is printed",
}
E["timeit"] = {
  "Measures how long a function takes per call.",
  "Without n, timeit calls fn 1, 2, 5, 10, 20, ... times until one run lasts long enough to " ..
  "measure, then repeats that run 7 times, like IPython's %timeit; the whole takes well under " ..
  "a second or two. It prints the mean time per call ± the standard deviation over the runs.",
  args = { "fn", "the function to time, called with no arguments; wrap code in function() ... end",
           "n", "optional: call fn exactly n times in all (split into up to 7 runs)" },
  ret = "the mean time per call, in seconds",
}
E["stats"] = {
  "Counts the tensors alive now and the bytes they hold.",
  "Useful to see that a loop does not leak memory; who() shows the same per variable.",
  ret = "a table {tensors = n, bytes = n, pool_bytes = n}",
}

---------------------------------------------------------------------------------------------
-- tensor: creation

E["tensor.zeros"] = {
  "A new tensor of the given shape, filled with zeros.",
  "Like every creation function, it takes the shape as numbers or as one table.",
  args = { "d1, d2, ...", "the size of each dimension, or one table {d1, d2, ...}" },
  ret = "a new tensor",
}
E["tensor.ones"] = {
  "A new tensor of the given shape, filled with ones.",
  args = { "d1, d2, ...", "the size of each dimension, or one table {d1, d2, ...}" },
  ret = "a new tensor",
}
E["tensor.full"] = {
  "A new tensor of the given shape, every element equal to value.",
  args = { "d1, d2, ...", "the shape, as one table {d1, d2, ...} or as numbers before value",
           "value", "the number to fill with" },
  ret = "a new tensor",
}
E["tensor.eye"] = {
  "The n×n identity matrix: ones on the diagonal, zeros elsewhere.",
  args = { "n", "the number of rows and columns" },
  ret = "a new n×n tensor",
}
E["tensor.rand"] = {
  "A tensor of random numbers drawn uniformly from [0, 1).",
  "tensor.seed(n) makes the draws reproducible.",
  args = { "d1, d2, ...", "the shape, as numbers or one table" },
  ret = "a new tensor",
}
E["tensor.randn"] = {
  "A tensor of random numbers from the standard normal distribution N(0, 1).",
  "Multiply to change the spread: tensor.randn(n) * 0.1 has standard deviation 0.1.",
  args = { "d1, d2, ...", "the shape, as numbers or one table" },
  ret = "a new tensor",
}
E["tensor.seed"] = {
  "Makes every random draw reproducible.",
  "After tensor.seed(n) the same program draws the same numbers: tensor.rand/randn, the initial " ..
  "weights of layers, the shuffling of data and dropout masks.",
  args = { "n", "any whole number" },
  ret = "nothing",
}
E["tensor.arange"] = {
  "Evenly spaced numbers from start up to, but not including, stop.",
  "As numpy.arange: with one argument it counts from 0.",
  args = { "start", "the first value (default 0)", "stop", "the end, not included",
           "step", "the spacing (default 1; may be negative or fractional)" },
  ret = "a new 1-D tensor",
}
E["tensor.linspace"] = {
  "n evenly spaced numbers from a to b, both ends included.",
  args = { "a", "the first value", "b", "the last value", "n", "how many numbers (default 50)" },
  ret = "a new 1-D tensor of n elements",
}
E["tensor.zeros_like"] = {
  "A new tensor with the shape of t, filled with zeros, ones or value.",
  args = { "t", "the tensor whose shape to copy", "value", "for full_like: the number to fill with" },
  ret = "a new tensor of t's shape",
}

---------------------------------------------------------------------------------------------
-- tensor: inspection

E["tensor:shape"] = {
  "The shape of t as a Lua table, e.g. {2, 3}.",
  "At the prompt it prints as {2, 3}. The table is a copy: changing it does not change t.",
  ret = "a table of sizes, one per dimension ({} for a 0-d tensor)",
}
E["tensor:size"] = {
  "The size of one dimension of t.",
  "With no argument it is the same as t:shape().",
  args = { "d", "the dimension, 1-based; -1 is the last" },
  ret = "a number",
}
E["tensor:dim"] = {
  "The number of dimensions of t (0 for a single number, 1 for a vector, 2 for a matrix).",
  ret = "a number",
}
E["tensor:numel"] = {
  "The number of elements of t: the product of its sizes.",
  ret = "a number",
}
E["tensor:item"] = {
  "The value of a one-element tensor as a Lua number.",
  "Reductions such as t:sum() return 0-d tensors; :item() turns them into numbers for printing " ..
  "or for if-tests. A tensor with more elements is an error.",
  ret = "a number",
}
E["tensor:totable"] = {
  "The values of t as nested Lua tables of numbers (a number for a 0-d tensor).",
  ret = "a Lua table (or number)",
}
E["tensor.indexing"] = {
  "Indexing: t[i] reads row i, t[i] = v writes it, #t is the size of dimension 1.",
  "Indices start at 1; negative ones count from the end (t[-1] is the last row). For a 1-D " ..
  "tensor t[i] is a number; otherwise it is a view of row i that shares t's memory, so " ..
  "t[i][j] reads one element. t[i] = v assigns a number, a table or a tensor to the row.",
  args = { "i", "the row, 1..#t or -#t..-1", "v", "a number, a table or a tensor that fits the row" },
  ret = "t[i]: a number (1-D) or a tensor view",
}
E["tensor.is_tensor"] = {
  "Whether x is a tensor.",
  args = { "x", "any value" },
  ret = "true or false",
}
E["tensor:is_contiguous"] = {
  "Whether t's elements lie in memory in row-major order, without gaps.",
  "Views such as t:T() are usually not contiguous; t:contiguous() makes a contiguous copy.",
  ret = "true or false",
}

---------------------------------------------------------------------------------------------
-- tensor: shape

E["tensor:reshape"] = {
  "The same elements in a new shape.",
  "The number of elements must stay the same; one size may be -1 and is then worked out. The " ..
  "result shares memory with t where possible (a view), as in numpy. t:view is the same.",
  args = { "d1, d2, ...", "the new shape, as numbers or one table; one of them may be -1" },
  ret = "a tensor of the new shape",
}
E["tensor:flatten"] = {
  "All the elements of t in one dimension.",
  "To flatten each image of a batch, use t:reshape(n, -1) or the layer nn.Flatten().",
  ret = "a 1-D tensor",
}
E["tensor:transpose"] = {
  "Swaps two dimensions; with none given, transposes a matrix.",
  "The result is a view: no data is copied. With no arguments a tensor of more than 2 " ..
  "dimensions has all its dimensions reversed, as numpy's .T.",
  args = { "d1, d2", "the two dimensions to swap (default: 1 and 2)" },
  ret = "a view with the dimensions swapped",
}
E["tensor:T"] = {
  "The transpose of t (numpy's t.T).",
  ret = "a view",
}
E["tensor:permute"] = {
  "Reorders all the dimensions of t.",
  "Dimension k of the result is dimension dk of t.",
  args = { "d1, d2, ...", "a permutation of 1..t:dim()" },
  ret = "a view",
}
E["tensor:squeeze"] = {
  "Removes dimensions of size 1.",
  args = { "d", "optional: only this dimension (it must have size 1)" },
  ret = "a view",
}
E["tensor:unsqueeze"] = {
  "Inserts a dimension of size 1 at position d.",
  "Handy for turning a vector into a row (unsqueeze(1)) or a column (unsqueeze(2)).",
  args = { "d", "where the new dimension goes, 1..t:dim() + 1" },
  ret = "a view",
}
E["tensor:narrow"] = {
  "A slice of len consecutive entries of dimension d, starting at start.",
  "Like numpy's t[:, start:start+len] for d = 2. The result shares memory with t.",
  args = { "d", "the dimension", "start", "the first index kept (1-based)", "len", "how many to keep" },
  ret = "a view",
}
E["tensor:select"] = {
  "Entry i of dimension d, with that dimension removed.",
  "t:select(1, i) is t[i]; t:select(2, j) is column j.",
  args = { "d", "the dimension", "i", "the index in it (1-based)" },
  ret = "a view with one dimension less",
}
E["tensor:expand"] = {
  "Repeats size-1 dimensions to a larger shape without copying.",
  "This is what broadcasting does behind the scenes.",
  args = { "d1, d2, ...", "the new shape" },
  ret = "a view",
}
E["tensor:clone"] = {
  "A copy of t with its own memory.",
  "Changing the copy leaves t as it was. The copy stays in the autograd graph.",
  ret = "a new tensor",
}
E["tensor:contiguous"] = {
  "t itself if it is contiguous, else a contiguous copy.",
  ret = "a contiguous tensor",
}
E["tensor.cat"] = {
  "Joins tensors end to end along an existing dimension.",
  "All sizes except dimension d must agree.",
  args = { "{a, b, ...}", "a list of tensors", "d", "the dimension to join along (default 1)" },
  ret = "a new tensor",
}
E["tensor.stack"] = {
  "Stacks tensors of the same shape along a new dimension.",
  args = { "{a, b, ...}", "a list of tensors of one shape", "d", "where the new dimension goes (default 1)" },
  ret = "a new tensor with one dimension more",
}

---------------------------------------------------------------------------------------------
-- tensor: arithmetic

E["tensor.operators"] = {
  "The operators + - * / ^ and unary - work elementwise, with broadcasting.",
  "A Lua number works as a scalar on either side (2 - a, a / 2). * is elementwise, not the " ..
  "matrix product: that is a:matmul(b).",
  ret = "a new tensor",
}
E["tensor.broadcasting"] = {
  "Broadcasting: how tensors of different shapes combine elementwise, as in numpy.",
  "Shapes are compared from the last dimension backwards; two sizes fit when they are equal or " ..
  "one of them is 1, and a missing dimension counts as 1. The size-1 dimension is then repeated " ..
  "to match. So a [2,3] matrix plus a [3] vector adds the vector to every row, and plus a [2,1] " ..
  "column adds the column to every column. Shapes that do not fit are an error that names both.",
}
E["tensor:add"] = {
  "Elementwise t + x, t - x, t * x, t / x and t ^ x, with broadcasting.",
  "The same as the operators; x may be a tensor, a number or a table.",
  args = { "x", "a tensor, a number or a table of numbers" },
  ret = "a new tensor",
}
E["tensor:exp"] = {
  "Elementwise math: e^x, ln x, √x, |x|, sin, cos, x², the sign (-1, 0, 1) and -x.",
  "Each has its derivative for autograd. log of a negative number gives nan.",
  ret = "a new tensor of t's shape",
}
E["tensor:clamp"] = {
  "Limits every element to the range [lo, hi].",
  args = { "lo", "the lower bound (nil: none)", "hi", "the upper bound (nil: none)" },
  ret = "a new tensor",
}
E["tensor.matmul"] = {
  "The matrix product, as numpy.dot.",
  "For two matrices [n,k]·[k,m] → [n,m]; a vector on either side acts as a row or column; two " ..
  "vectors give their dot product (a 0-d tensor); 3-D tensors are multiplied batch by batch. " ..
  "Computed with BLAS.",
  args = { "a", "a tensor (1-D, 2-D or 3-D)", "b", "a tensor whose first size matches a's last" },
  ret = "a new tensor",
}
E["tensor.maximum"] = {
  "The elementwise larger (or smaller) of two tensors, with broadcasting.",
  "Not to be confused with t:max(), which reduces one tensor.",
  args = { "a", "a tensor or number", "b", "a tensor or number" },
  ret = "a new tensor",
}

E["tensor:sigmoid"] = {
  "The logistic function 1 / (1 + e^-x), elementwise: squashes any number into (0, 1).",
  "Its derivative is s(1 - s). Used for outputs that are probabilities of yes/no.",
  ret = "a new tensor",
}
E["tensor:tanh"] = {
  "The hyperbolic tangent, elementwise: squashes any number into (-1, 1).",
  ret = "a new tensor",
}
E["tensor:relu"] = {
  "The rectifier max(0, x), elementwise.",
  "The default activation of hidden layers: cheap, and its gradient does not vanish for x > 0.",
  ret = "a new tensor",
}
E["tensor:step"] = {
  "The step function of the perceptron: 1 where x > 0, else 0.",
  "Its gradient is 0 everywhere, so it cannot be trained by gradient descent; that is why " ..
  "sigmoid replaced it.",
  ret = "a new tensor of 0s and 1s",
}
E["tensor:leaky_relu"] = {
  "x where x > 0, else alpha·x: a ReLU that lets a little gradient through for x < 0.",
  args = { "alpha", "the slope for x < 0 (default 0.2, as Keras' leaky_relu function)" },
  ret = "a new tensor",
}
E["tensor:softmax"] = {
  "Turns scores into probabilities that sum to 1 along dimension d.",
  "softmax(x)_i = e^x_i / Σ e^x_j, computed stably. For a batch [N, classes] the default, the " ..
  "last dimension, gives one distribution per row.",
  args = { "d", "the dimension (default: the last)" },
  ret = "a new tensor of t's shape",
}
E["tensor:log_softmax"] = {
  "log(softmax(x)), computed stably.",
  args = { "d", "the dimension (default: the last)" },
  ret = "a new tensor",
}
E["tensor:dropout"] = {
  "Sets each element to 0 with probability p and scales the others by 1/(1-p).",
  "This is inverted dropout, as in Keras; the expected value stays the same. Layers use " ..
  "nn.Dropout, which is active only while training.",
  args = { "p", "the probability of dropping, 0 <= p < 1" },
  ret = "a new tensor",
}

E["tensor:gt"] = {
  "Elementwise comparisons: >, >=, <, <=, == and ~=, giving 1 where true and 0 where false.",
  "With broadcasting; the result is a tensor of 0s and 1s, so :sum() counts the matches.",
  args = { "x", "a tensor or number" },
  ret = "a new tensor of 0s and 1s",
}
E["tensor:masked"] = {
  "The elements of t where mask is non-zero, as a 1-D tensor (numpy's t[t > 3]).",
  args = { "mask", "a tensor of t's shape, usually from a comparison" },
  ret = "a new 1-D tensor",
}
E["tensor.where"] = {
  "Chooses elementwise: a where mask is non-zero, b elsewhere.",
  args = { "mask", "a tensor of 0s and 1s", "a", "a tensor or number", "b", "a tensor or number" },
  ret = "a new tensor (shapes broadcast)",
}
E["tensor:fill"] = {
  "Sets every element of t to v, in place.",
  args = { "v", "a number" },
  ret = "t itself",
}
E["tensor:copy"] = {
  "Copies the values of src into t, in place (shapes broadcast).",
  args = { "src", "a tensor, table or number" },
  ret = "t itself",
}

---------------------------------------------------------------------------------------------
-- tensor: reductions

E["tensor:sum"] = {
  "The sum of the elements, of all of them or along dimension d.",
  "With no d the result is a 0-d tensor: use :item() for the number. With d, that dimension " ..
  "disappears, unless keepdim is true, which keeps it with size 1 (handy for broadcasting back).",
  args = { "d", "optional: the dimension to sum over", "keepdim", "optional: true keeps dimension d with size 1" },
  ret = "a tensor",
}
E["tensor:mean"] = {
  "The average of the elements, of all of them or along dimension d.",
  args = { "d", "optional: the dimension", "keepdim", "optional: true keeps dimension d with size 1" },
  ret = "a tensor",
}
E["tensor:max"] = {
  "The largest (or smallest) element, of all or along dimension d.",
  args = { "d", "optional: the dimension", "keepdim", "optional: true keeps dimension d with size 1" },
  ret = "a tensor",
}
E["tensor:std"] = {
  "The standard deviation (or variance) of the elements, of all or along dimension d.",
  "The population formula, dividing by n, as numpy's default.",
  args = { "d", "optional: the dimension", "keepdim", "optional: true keeps dimension d with size 1" },
  ret = "a tensor",
}
E["tensor:argmax"] = {
  "The 1-based position of the largest (or smallest) element, of all or along dimension d.",
  "For a batch of class probabilities [N, classes], probs:argmax(2) gives each row's class as " ..
  "1..classes; subtract 1 to compare with 0-based labels.",
  args = { "d", "optional: the dimension", "keepdim", "optional: true keeps dimension d with size 1" },
  ret = "a tensor of indices (1-based)",
}

---------------------------------------------------------------------------------------------
-- tensor: autograd

E["tensor:requires_grad"] = {
  "Marks t as a leaf whose gradient backward() should compute.",
  "Every operation on t from now on records itself in a graph. t:requires_grad(false) unmarks it.",
  args = { "flag", "optional: true (default) or false" },
  ret = "t itself, so that tensor.randn(3):requires_grad() can be written in one line",
}
E["tensor.grad"] = {
  "The gradient accumulated in t by backward(): a tensor of t's shape, or nil before any backward.",
  "backward() adds to it (+=), so clear it between steps with t:zero_grad() or opt:zero_grad(). " ..
  "It can also be set: t.grad = nil.",
}
E["tensor:backward"] = {
  "Computes the gradient of y with respect to every marked tensor it depends on.",
  "It walks the graph from y back to the leaves (the chain rule) and adds dy/dx to x.grad. The " ..
  "graph is freed afterwards unless retain_graph is true.",
  args = { "grad", "optional: the gradient flowing into y (needed when y has more than one element)",
           "retain_graph", "optional: keep the graph for a second backward" },
  ret = "nothing",
}
E["tensor:zero_grad"] = {
  "Sets t.grad to zeros, so the next backward starts afresh.",
  ret = "t itself",
}
E["tensor:detach"] = {
  "The same values, cut off from the autograd graph.",
  "Gradients do not flow through the result. It shares memory with t.",
  ret = "a tensor that needs no gradient",
}
E["tensor.no_grad"] = {
  "Runs fn without building autograd graphs.",
  "For evaluation and for updating weights by hand: faster, and no memory for graphs. The " ..
  "previous mode comes back afterwards, even after an error.",
  args = { "fn", "the function to run", "...", "its arguments" },
  ret = "whatever fn returns",
}
E["tensor:needs_grad"] = {
  "Whether t was marked with requires_grad or was computed from a marked tensor.",
  ret = "true or false",
}
E["tensor:is_leaf"] = {
  "Whether t is a leaf of the graph: made directly, not computed by a recorded operation.",
  ret = "true or false",
}
E["tensor:grad_fn"] = {
  "The name of the operation that computed t, or nil for a leaf.",
  ret = "a string such as \"matmul\", or nil",
}
E["tensor.set_grad_enabled"] = {
  "Turns graph building on or off for everything that follows.",
  args = { "flag", "true or false" },
  ret = "the previous setting, to restore later",
}
E["tensor.is_grad_enabled"] = {
  "Whether operations currently build autograd graphs.",
  ret = "true or false",
}

E["autograd.numgrad"] = {
  "The gradient of a scalar function by central differences, without autograd.",
  "df/dx_k ≈ (f(x + h·e_k) - f(x - h·e_k)) / 2h for each element of x. Slow but simple: the " ..
  "reference that autograd's answers are checked against.",
  args = { "f", "a function of x returning a number or a one-element tensor", "x", "a tensor",
           "eps", "optional: the step h (default 1e-2)" },
  ret = "a tensor of x's shape",
}
E["autograd.gradcheck"] = {
  "Checks backward() against finite differences for a function of several tensors.",
  args = { "f", "a function of the inputs returning a tensor", "{inputs...}", "a list of tensors",
           "tol", "optional: the allowed relative error (default 1e-2)" },
  ret = "ok (true or false) and the largest error found",
}
E["autograd.graph"] = {
  "Prints the computation graph of y as an indented tree.",
  "Each line is the operation that made a tensor and its shape, its inputs indented below it; " ..
  "leaves show as leaf, constants as const.",
  args = { "y", "a tensor computed from marked tensors" },
  ret = "nothing",
}
E["autograd.format_graph"] = {
  "The text autograd.graph prints, as a string.",
  args = { "y", "a tensor" },
  ret = "a string",
}
E["autograd.dot"] = {
  "The graph of y in Graphviz dot format, like micrograd's draw_dot.",
  args = { "y", "a tensor", "path", "optional: a file to write" },
  ret = "the dot text",
}
E["autograd.detect_anomaly"] = {
  "Turns on (or off) checks that stop at the first nan or inf, naming the operation.",
  "Slower; for finding where a training run goes wrong.",
  args = { "flag", "optional: true or false; without it, only reads the setting" },
  ret = "the previous setting",
}

---------------------------------------------------------------------------------------------
-- nn: layers

E["nn.Dense"] = {
  "A fully connected layer: y = activation(x·W + b).",
  "W is [inputs, units] and b is [units]. The input size is taken from the first batch the " ..
  "layer sees, or from input_shape. Weights start Glorot-uniform, biases at zero, as in Keras.",
  args = { "units", "the number of outputs (neurons)",
           "activation", "optional: \"relu\", \"sigmoid\", \"softmax\", ... (see help(\"activations\")); default linear",
           "opts", "optional table: input_shape, use_bias, kernel_initializer, bias_initializer, name" },
  ret = "a layer",
}
E["nn.Linear"] = {
  "A fully connected layer with explicit sizes, as Torch's nn.Linear: y = x·W + b.",
  args = { "in", "the number of inputs", "out", "the number of outputs",
           "bias", "optional: false for no bias" },
  ret = "a layer",
}
E["nn.Flatten"] = {
  "Flattens each sample of a batch: [N, 28, 28] becomes [N, 784].",
  ret = "a layer",
}
E["nn.Activation"] = {
  "A layer that applies an activation by name.",
  args = { "name", "\"relu\", \"sigmoid\", \"tanh\", \"softmax\", \"step\", \"leaky_relu\" or \"linear\"" },
  ret = "a layer",
}
E["nn.ReLU"] = { "A layer that applies max(0, x).", ret = "a layer" }
E["nn.Sigmoid"] = { "A layer that applies the logistic sigmoid 1 / (1 + e^-x).", ret = "a layer" }
E["nn.Tanh"] = { "A layer that applies tanh.", ret = "a layer" }
E["nn.Softmax"] = {
  "A layer that turns each row of scores into probabilities (softmax over the last dimension).",
  ret = "a layer",
}
E["nn.Step"] = {
  "A layer that applies the perceptron's step function (1 where x > 0, else 0).",
  "Its gradient is zero, so a model with it cannot learn by backpropagation.",
  ret = "a layer",
}
E["nn.LeakyReLU"] = {
  "A layer that applies x for x > 0, else alpha·x.",
  args = { "alpha", "optional: the slope for x < 0 (default 0.3, as Keras' LeakyReLU layer)" },
  ret = "a layer",
}
E["nn.Dropout"] = {
  "While training, zeroes each input with probability p and scales the rest by 1/(1-p).",
  "A regulariser against overfitting. In evaluation (model:eval(), evaluate, predict) it passes " ..
  "its input through unchanged.",
  args = { "p", "the drop rate, 0 <= p < 1 (e.g. 0.2)" },
  ret = "a layer",
}
E["nn.Conv2D"] = {
  "A 2-D convolution over images in channels-last layout [N, H, W, C], as in Keras.",
  args = { "filters", "the number of output channels", "kernel", "the kernel size: a number or {h, w}",
           "opts", "optional table: activation, padding = \"valid\" | \"same\", stride, input_shape" },
  ret = "a layer",
}
E["nn.MaxPool2D"] = {
  "Keeps the largest value of each size×size window of [N, H, W, C] images.",
  args = { "size", "the window size (and stride)" },
  ret = "a layer",
}
E["nn.BatchNorm"] = {
  "Normalises each feature over the batch, then scales and shifts it by learned parameters.",
  "While training it uses the batch's statistics and keeps running averages; in evaluation it " ..
  "uses the running averages.",
  ret = "a layer",
}
E["nn.SimpleRNN"] = {
  "A simple recurrent layer over sequences [N, T, F]: h_t = tanh(x_t·W + h_{t-1}·U + b).",
  args = { "units", "the size of the hidden state",
           "opts", "optional table: return_sequences (true gives every step's output), input_shape" },
  ret = "a layer",
}
E["nn.LSTM"] = {
  "A long short-term memory layer over sequences [N, T, F].",
  args = { "units", "the size of the hidden state",
           "opts", "optional table: return_sequences (true gives every step's output), input_shape" },
  ret = "a layer",
}
E["nn.GRU"] = {
  "A gated recurrent unit layer over sequences [N, T, F].",
  args = { "units", "the size of the hidden state",
           "opts", "optional table: return_sequences (true gives every step's output), input_shape" },
  ret = "a layer",
}
E["nn.activations"] = {
  "The activation names that layers and nn.Activation accept.",
  "\"linear\" (none), \"step\" (perceptron), \"sigmoid\" (yes/no probabilities), \"tanh\", " ..
  "\"relu\" (hidden layers), \"leaky_relu\" and \"softmax\" (class probabilities). " ..
  "plot.activation(name) draws each with its derivative.",
}

---------------------------------------------------------------------------------------------
-- nn: models

E["nn.Sequential"] = {
  "A model that applies its layers one after the other, as Keras' Sequential.",
  "With input_shape (without the batch dimension) every layer is built at once and " ..
  "model:summary() shows all the sizes; otherwise the model is built on its first batch.",
  args = { "{layer, ...}", "the layers, in order (may be empty: add them with model:add)",
           "opts", "optional table: input_shape = {28, 28}, name = \"...\"" },
  ret = "a model",
}
E["model:add"] = {
  "Appends a layer at the end of the model.",
  args = { "layer", "a layer such as nn.Dense(10)" },
  ret = "the model",
}
E["model:summary"] = {
  "Prints a Keras-style table: each layer with its output shape and parameter count.",
  "Each count is written out as the lecture does, e.g. 784*128 + 128 = 100480, followed by the " ..
  "total. 784→128→64→10 has 109,386 parameters.",
  ret = "the total number of parameters (and the printed text)",
}
E["model:count_params"] = {
  "The total number of parameters (weights and biases) of the model.",
  ret = "a number",
}
E["model:build"] = {
  "Builds every layer for samples of the given shape, without running any data.",
  args = { "input_shape", "the shape of one sample, e.g. {784} or {28, 28}" },
  ret = "the model",
}
E["model:compile"] = {
  "Chooses the optimizer, the loss and the metrics for fit and evaluate.",
  args = { "optimizer", "\"adam\", \"sgd\", \"rmsprop\", \"adagrad\" or an optimizer such as optim.Adam{lr = 1e-3}",
           "loss", "\"mse\", \"binary_crossentropy\", \"categorical_crossentropy\" or \"sparse_categorical_crossentropy\"",
           "metrics", "optional: {\"accuracy\"}" },
  ret = "nothing",
}
E["model:fit"] = {
  "Trains the model on x, y for some epochs, as Keras' fit.",
  "Each epoch goes through the data in shuffled batches: forward, loss, backward, optimizer " ..
  "step. With verbose = 1 it prints a progress bar and a line per epoch with loss and metrics. " ..
  "Ctrl-C stops at the end of the current batch and returns the history so far; the model stays " ..
  "usable.",
  args = { "x", "inputs, one sample per row", "y", "targets (labels or one-hot rows, to suit the loss)",
           "epochs", "how many passes over the data (default 1)", "batch_size", "samples per step (default 32)",
           "validation_split", "a fraction of x, y kept aside to validate on",
           "validation_data", "{x_val, y_val} to validate on",
           "shuffle", "shuffle before each epoch (default true)",
           "verbose", "0 silent, 1 progress bar (default), 2 one line per epoch",
           "plot", "true draws the loss and accuracy curves live",
           "callback", "function(epoch, logs) called after each epoch; returning false stops training",
           "patience", "early stopping: stop after this many epochs without improvement",
           "monitor", "what early stopping watches: \"val_loss\", \"val_accuracy\", \"loss\" or \"accuracy\" (default: val_loss with validation data, else loss)",
           "min_delta", "the smallest change that counts as an improvement (default 0)",
           "restore_best_weights", "after early stopping, go back to the best epoch's weights (default true)",
           "initial_epoch", "the epoch to count from when training continues (default 0)" },
  ret = "history: history.loss, history.accuracy, history.val_loss, history.val_accuracy — one value per epoch",
}
E["model:evaluate"] = {
  "The loss (and accuracy, if compiled with it) of the model on x, y, in evaluation mode.",
  args = { "x", "inputs", "y", "targets" },
  ret = "loss, accuracy",
}
E["model:predict"] = {
  "The model's outputs for x, computed in evaluation mode and in batches, without a graph.",
  args = { "x", "inputs, one sample per row" },
  ret = "a tensor of outputs, one row per sample",
}
E["model:save"] = {
  "Writes the model (layers, weights, compile settings) to a file.",
  "The format is lunet's own binary format; loading it never runs code. nn.save(model, path) " ..
  "is the same.",
  args = { "path", "the file name" },
  ret = "nothing",
}
E["nn.load"] = {
  "Reads a model written by model:save.",
  "Every field of the file is checked; a damaged file gives an error saying what is wrong.",
  args = { "path", "the file name" },
  ret = "a model",
}
E["model:forward"] = {
  "Applies the model to a batch: model(x) is the same.",
  "Records the graph when the parameters require gradients, so a loss of the result can " ..
  "backward() into them.",
  args = { "x", "a batch of inputs" },
  ret = "a tensor of outputs",
}
E["model:parameters"] = {
  "All the trainable tensors of the model, in layer order (weight, bias, ...).",
  ret = "a Lua list of tensors",
}
E["model:train"] = {
  "Switches the model to training mode (train) or evaluation mode (eval).",
  "It matters for Dropout and BatchNorm. fit switches to training, evaluate and predict to " ..
  "evaluation; model.training tells the current mode.",
  ret = "the model",
}
E["model:zero_grad"] = {
  "Clears the gradients of every parameter of the model.",
  ret = "the model",
}

E["layer:forward"] = {
  "Applies the layer to a batch: layer(x) is the same.",
  args = { "x", "a batch of inputs" },
  ret = "a tensor",
}
E["layer:parameters"] = {
  "The trainable tensors of the layer (for Dense: the weights, then the bias).",
  ret = "a Lua list of tensors (empty for layers without parameters)",
}
E["layer:train"] = {
  "Switches the layer to training (train) or evaluation (eval) mode.",
  ret = "the layer",
}
E["layer:zero_grad"] = {
  "Clears the gradients of the layer's parameters.",
  ret = "the layer",
}
E["layer:build"] = {
  "Builds the layer for samples of the given shape.",
  args = { "input_shape", "the shape of one sample, e.g. {784}" },
  ret = "the layer",
}
E["layer:count_params"] = {
  "The number of parameters of the layer (0 until it is built).",
  ret = "a number",
}
E["layer:info"] = {
  "What model:summary knows about the layer, as a table.",
  ret = "a table: name, type, description, built, input_shape, output_shape, params, formula",
}

---------------------------------------------------------------------------------------------
-- nn.losses

E["nn.losses.mse"] = {
  "Mean squared error: the mean of (pred - target)².",
  "For regression. nn.losses.mean_squared_error is the same.",
  args = { "pred", "predictions", "target", "targets of the same shape" },
  ret = "a 0-d tensor",
}
E["nn.losses.binary_crossentropy"] = {
  "Cross-entropy for yes/no outputs: the mean of -(y·log p + (1-y)·log(1-p)).",
  "For one sigmoid output per sample; probabilities are clipped away from 0 and 1.",
  args = { "pred", "probabilities in (0, 1)", "target", "0s and 1s of the same shape",
           "from_logits", "optional: true when pred are raw scores rather than probabilities" },
  ret = "a 0-d tensor",
}
E["nn.losses.categorical_crossentropy"] = {
  "Cross-entropy for one-hot targets: the mean over rows of -Σ y·log p.",
  "For a softmax output; targets are one-hot rows (data.one_hot).",
  args = { "pred", "probabilities [N, classes]", "target", "one-hot rows [N, classes]",
           "from_logits", "optional: true when pred are raw scores (softmax is then applied inside)" },
  ret = "a 0-d tensor",
}
E["nn.losses.sparse_categorical_crossentropy"] = {
  "Cross-entropy for class-number targets: the mean of -log p[class].",
  "The same as categorical_crossentropy with the labels as numbers 0..classes-1, as the datasets " ..
  "give them.",
  args = { "pred", "probabilities [N, classes]", "target", "class numbers [N], 0-based",
           "from_logits", "optional: true when pred are raw scores" },
  ret = "a 0-d tensor",
}
E["nn.losses.get"] = {
  "The loss function for a name (or the function itself).",
  args = { "name", "\"mse\", \"binary_crossentropy\", ... or a function" },
  ret = "a function(pred, target)",
}

---------------------------------------------------------------------------------------------
-- optim

E["optim.SGD"] = {
  "Stochastic gradient descent: w ← w - lr·grad, optionally with momentum.",
  "With braces it makes an optimizer for model:compile; with a list of parameters it is bound " ..
  "to them for a loop of your own.",
  args = { "lr", "the learning rate (default 0.01)", "momentum", "default 0",
           "nesterov", "Nesterov momentum (default false)", "weight_decay", "L2 penalty (default 0)",
           "params", "optional: the tensors to update (a list, a model or a layer)" },
  ret = "an optimizer",
}
E["optim.Adam"] = {
  "Adam: gradient descent with per-parameter step sizes from running averages of the gradient " ..
  "and its square.",
  "A good default for most models.",
  args = { "lr", "the learning rate (default 1e-3)", "beta1", "default 0.9", "beta2", "default 0.999",
           "eps", "default 1e-7", "weight_decay", "default 0",
           "params", "optional: the tensors to update (a list, a model or a layer)" },
  ret = "an optimizer",
}
E["optim.RMSprop"] = {
  "RMSprop: divides each step by a running average of the gradient's size.",
  args = { "lr", "default 1e-3", "rho", "the averaging factor (default 0.9)", "momentum", "default 0",
           "eps", "default 1e-7", "params", "optional: the tensors to update" },
  ret = "an optimizer",
}
E["optim.Adagrad"] = {
  "Adagrad: step sizes that shrink for parameters that have had large gradients.",
  args = { "lr", "default 1e-3", "initial_accumulator_value", "default 0.1", "eps", "default 1e-7",
           "params", "optional: the tensors to update" },
  ret = "an optimizer",
}
E["optim.get"] = {
  "An optimizer from a name with Keras' defaults, or the optimizer given.",
  args = { "name_or_optimizer", "\"sgd\", \"adam\", \"rmsprop\", \"adagrad\" or an optimizer" },
  ret = "an optimizer",
}
E["optimizer:step"] = {
  "Updates every bound parameter from its gradient, once.",
  "Call it after loss:backward(). Parameters without a gradient are left alone.",
  ret = "nothing",
}
E["optimizer:zero_grad"] = {
  "Clears the gradients of the bound parameters (sets them to nil), before the next backward.",
  ret = "nothing",
}
E["optimizer:bind"] = {
  "Binds an optimizer made with braces to the tensors it should update.",
  args = { "params", "a list of tensors, a model or a layer" },
  ret = "the optimizer",
}
E["optimizer:parameters"] = {
  "The tensors the optimizer updates.",
  ret = "a Lua list of tensors",
}
E["optimizer:state"] = {
  "The optimizer's internal state (step count, moment estimates), to save and restore.",
  args = { "state", "for set_state: a table returned by state()" },
  ret = "state(): a table",
}

---------------------------------------------------------------------------------------------
-- data

E["data.mnist"] = {
  "The MNIST handwritten digits: images [N, 28, 28] with pixels 0..255, labels 0..9.",
  "Uses the real MNIST files where they are installed ($LUNET_DATA, or ~/.local/share/lunet/mnist); " ..
  "otherwise a sample of 10,000 real digits split 8,000 / 2,000. It says which one it loaded.",
  args = { "dir", "optional: a directory holding the four IDX files" },
  ret = "x_train, y_train, x_test, y_test",
}
E["data.fashion_mnist"] = {
  "Fashion-MNIST: 70,000 grey images of clothes [N, 28, 28], pixels 0..255, labels 0..9.",
  "60,000 for training and 10,000 for testing, as Keras' fashion_mnist.load_data(). " ..
  "data.fashion_mnist_labels names the classes.",
  args = { "dir", "optional: a directory holding the four IDX files" },
  ret = "x_train, y_train, x_test, y_test",
}
E["data.fashion_mnist_labels"] = {
  "The names of the ten Fashion-MNIST classes, in label order (label 0 is item 1).",
  "data.fashion_mnist_labels_ko has them in Korean; data.mnist_labels are the digits.",
}
E["data.gates"] = {
  "Truth tables of logic gates, for perceptrons and XOR.",
  "data.gates.AND, OR, NAND, NOR, XOR and XNOR are each {x = tensor [4,2] of inputs 00, 01, 10, " ..
  "11, y = tensor [4,1] of outputs}.",
}
E["data.one_hot"] = {
  "Turns class numbers into one-hot rows, as Keras' to_categorical.",
  args = { "y", "class numbers, 0-based", "n", "optional: the number of classes (default: the largest + 1)" },
  ret = "a tensor [N, n] of 0s and 1s",
}
E["data.split"] = {
  "Splits data into two parts by rows: the first keeps 1 - fraction, the second fraction.",
  "Typically for a validation set. Without shuffle the order is kept (the second part is the end).",
  args = { "x", "inputs", "y", "optional: targets, split the same way",
           "fraction", "the share of rows in the second part, e.g. 0.2",
           "shuffle", "optional: true shuffles the rows first" },
  ret = "x_a, y_a, x_b, y_b (or x_a, x_b without y)",
}
E["data.batches"] = {
  "An iterator over mini-batches of rows, for a training loop of your own.",
  "The last batch may be smaller.",
  args = { "x", "inputs", "y", "targets (or nil)", "size", "rows per batch",
           "shuffle", "optional: true for a new random order" },
  ret = "an iterator giving xb, yb",
}
E["data.load_idx"] = {
  "Reads an IDX file (the MNIST format), gzipped or not, into a tensor.",
  args = { "path", "the file" },
  ret = "a tensor: images as numbers 0..255, labels as class numbers",
}
E["data.save_idx"] = {
  "Writes a tensor as an IDX file (gzipped when the name ends in .gz).",
  args = { "path", "the file", "t", "a tensor", "type", "optional: \"ubyte\", \"float\", ... (default chosen from the values)",
           "gzip", "optional: true or false" },
  ret = "nothing",
}
E["data.csv"] = {
  "Reads a CSV file of numbers into a tensor [rows, columns].",
  args = { "path", "the file",
           "opts", "optional table: header = true | false | \"auto\", delimiter = \",\", columns = {...}, missing = value" },
  ret = "a tensor, and the column names (nil without a header)",
}

---------------------------------------------------------------------------------------------
-- metrics

E["metrics.accuracy"] = {
  "The fraction of correct predictions.",
  "pred may be class probabilities [N, classes] (the largest wins), one probability per " ..
  "sample (> 0.5 means 1) or class numbers; y holds class numbers or one-hot rows.",
  args = { "pred", "predictions", "y", "true labels" },
  ret = "a number between 0 and 1",
}
E["metrics.confusion_matrix"] = {
  "Counts how often each true class was predicted as each class.",
  "Row i is the true class i-1, column j the predicted class j-1. Predictions may be class " ..
  "numbers or probability rows.",
  args = { "y_true", "true class numbers", "y_pred", "predicted classes or probabilities",
           "n", "optional: the number of classes" },
  ret = "a tensor [n, n] of counts",
}
E["metrics.print_confusion"] = {
  "Prints a confusion matrix as a labelled table, then precision, recall and F1 per class.",
  args = { "m", "a confusion matrix", "labels", "optional: the class names" },
  ret = "nothing",
}
E["metrics.precision_recall"] = {
  "Precision, recall, F1 and support of each class, from a confusion matrix.",
  args = { "m", "a confusion matrix" },
  ret = "four Lua lists indexed by class (1 = class 0)",
}

---------------------------------------------------------------------------------------------
-- plot

E["plot.fn"] = {
  "Draws the graph of a function, or of several on one figure.",
  "f may be a Lua function of a number or a function from tensor to tensor.",
  args = { "f", "a function, or a list of functions",
           "opts", "optional: from = -5, to = 5, n = 200 points, label(s), title, ... (help(\"plot.options\"))" },
  ret = "nothing",
}
E["plot.activation"] = {
  "Draws an activation function together with its derivative.",
  args = { "name", "\"step\", \"sigmoid\", \"tanh\", \"relu\", \"leaky_relu\" or \"linear\"",
           "opts", "optional: alpha for leaky_relu, and the usual plot options" },
  ret = "nothing",
}
E["plot.line"] = {
  "Draws y against x as a line (against 1..n when only y is given).",
  args = { "x", "a tensor or Lua list", "y", "a tensor or Lua list of the same length", "opts", "optional plot options" },
  ret = "nothing",
}
E["plot.lines"] = {
  "Draws several lines on one figure, each with a label.",
  args = { "{{x, y, label}, ...}", "the lines", "opts", "optional plot options" },
  ret = "nothing",
}
E["plot.scatter"] = {
  "Draws points, coloured by class when labels are given.",
  args = { "x", "x coordinates, or an [N, 2] tensor of both", "y", "y coordinates (nil with [N, 2])",
           "labels", "optional: a class per point", "opts", "optional plot options" },
  ret = "nothing",
}
E["plot.hist"] = {
  "Draws a histogram of the values of t.",
  args = { "t", "a tensor or list", "bins", "optional: the number of bins (default 20)",
           "opts", "optional plot options, and range = {lo, hi}" },
  ret = "nothing",
}
E["plot.image"] = {
  "Shows a grey-scale image, row 1 at the top.",
  args = { "img", "[H, W] (or [H, W, 1], or 784 values)",
           "opts", "optional: title, invert = true for dark ink on white, range = {lo, hi}" },
  ret = "nothing",
}
E["plot.images"] = {
  "Shows a grid of images with a caption under each, like the lecture's 4x4 grid.",
  args = { "batch", "images [N, H, W]",
           "opts", "optional: titles (strings or class numbers), names (for class numbers), rows, cols, invert" },
  ret = "nothing",
}
E["plot.boundary"] = {
  "Colours the plane by the class a model predicts, with the data points on top.",
  "A Lua function is called as f(x, y) → number; a model gets an [N, 2] tensor. Paler colours " ..
  "mean the model is less sure.",
  args = { "model_or_fn", "a model or a function", "{xmin, xmax, ymin, ymax}", "the region",
           "points", "optional: [N, 2] data points", "labels", "optional: their classes", "opts", "optional plot options" },
  ret = "nothing",
}
E["plot.history"] = {
  "Draws the training curves of a history from model:fit: loss and accuracy, training and validation.",
  args = { "history", "what model:fit returned", "opts", "optional plot options" },
  ret = "nothing",
}
E["plot.confusion"] = {
  "Draws a confusion matrix as a coloured grid with the counts.",
  args = { "m", "a confusion matrix", "labels", "optional: the class names", "opts", "optional plot options" },
  ret = "nothing",
}
E["plot.live"] = {
  "A figure that redraws as points are added, for watching training as it runs.",
  "model:fit{plot = true} uses one.",
  args = { "opts", "optional: title, xlabel, ylabel, interval = 0.25 (seconds between redraws)" },
  ret = "a live plot with add and close",
}
E["live:add"] = {
  "Adds a point to a live plot; the figure is redrawn at most every interval seconds.",
  args = { "x", "a number", "y", "a number", "series", "optional: the name of the line (default one line)" },
  ret = "nothing",
}
E["live:close"] = {
  "Draws the final state of a live plot; it then becomes the current figure (plot.save works).",
  ret = "nothing",
}
E["plot.terminal"] = {
  "Chooses where plots appear.",
  "\"auto\" (default) picks a window when there is a display, sixel in terminals that support " ..
  "it, else \"dumb\" (text in this terminal). \"png\" and \"svg\" write files.",
  args = { "name", "\"auto\", \"dumb\", \"sixel\", \"png\", \"svg\", \"qt\", \"wxt\" or \"x11\"",
           "path", "optional: the file for png or svg" },
  ret = "the terminal now in use",
}
E["plot.save"] = {
  "Saves the current figure to a file; the extension picks the format.",
  args = { "path", "a name ending in .png, .svg, .pdf or .txt", "opts", "optional: width, height" },
  ret = "the path",
}
E["plot.close"] = {
  "Closes the current figure (its window, and the gnuplot behind it).",
  ret = "nothing",
}
E["plot.options"] = {
  "The options every plot function takes, in a table as its last argument.",
  "title; xlabel, ylabel (axis names); xrange, yrange ({lo, hi}); label (the legend); width, " ..
  "height (picture size).",
}

---------------------------------------------------------------------------------------------
-- lessons

E["lesson.list"] = {
  "Lists the lessons with their numbers and short names.",
  ret = "nothing",
}
E["lesson.start"] = {
  "Starts a lesson at the prompt.",
  "From the shell: lunet --lesson NAME; --lang ko|en chooses the language, --auto runs every " ..
  "step and check without a person.",
  args = { "name", "the lesson's number (3), file name (\"03_xor\") or short name (\"xor\")" },
  ret = "nothing",
}
E["lesson.lang"] = {
  "Reads or switches the language of lessons and help.",
  "The same as setting lunet.lang. Without an argument it tells the language in use: lunet.lang, " ..
  "else the locale's.",
  args = { "lang", "optional: \"ko\" or \"en\"" },
  ret = "the language in use",
}
E["lesson.next"] = { "Goes to the next step of the lesson (n() for short).", ret = "nothing" }
E["lesson.back"] = { "Goes back one step (b() for short).", ret = "nothing" }
E["lesson.again"] = { "Shows the current step again.", ret = "nothing" }
E["lesson.hint"] = { "Gives a hint for the current exercise.", ret = "nothing" }
E["lesson.check"] = { "Checks your answer to the current exercise.", ret = "nothing" }
E["lesson.quit"] = { "Leaves the lesson; your progress is kept.", ret = "nothing" }

return E
