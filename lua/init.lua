-- init.lua — loads lunet's Lua half, in order, into the lunet table built by the C bindings.
-- Each file is a chunk called with the lunet table; it adds its fields and returns nothing.
local lunet = ...
for _, name in ipairs { "tensor", "autograd", "nn", "optim", "train", "data", "metrics", "plot", "workspace", "help", "lesson" } do
  lunet._load(name)
end
