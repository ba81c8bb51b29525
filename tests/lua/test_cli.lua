-- test_cli.lua — the REPL's Lua policies (lua/workspace.lua): how results print
-- (lunet.repl_format / repl_print) and what Tab completes (lunet.repl_complete).
local T = dofile("tests/lua/testlib.lua")
local lunet = rawget(_G, "lunet") or require "lunet"

local function has(list, x)
  for _, v in ipairs(list) do if v == x then return true end end
  return false
end

T.test("repl_format: strings print as they are, numbers and booleans with tostring", function()
  T.eq(lunet.repl_format("a b"), "a b")
  T.eq(lunet.repl_format(3), "3")
  T.eq(lunet.repl_format(0.5), "0.5")
  T.eq(lunet.repl_format(nil), "nil")
  T.eq(lunet.repl_format(true), "true")
end)

T.test("repl_format: tables print as literals (a shape is {2, 3})", function()
  T.eq(lunet.repl_format({2, 3}), "{2, 3}")
  T.eq(lunet.repl_format({}), "{}")
  T.eq(lunet.repl_format({1, "x", {a = 1}}), '{1, "x", {a = 1}}')
  T.eq(lunet.repl_format({b = 2, a = 1, [10] = true, ["not a name"] = 0}),
       '{[10] = true, a = 1, b = 2, ["not a name"] = 0}')
  T.eq(lunet.repl_format({"line\nbreak"}), '{"line\\nbreak"}')
end)

T.test("repl_format: long, deep and cyclic tables are cut short", function()
  local long = {}
  for i = 1, 100 do long[i] = i end
  local s = lunet.repl_format(long)
  T.truthy(s:find("^{1, 2, 3, "), s)
  T.truthy(s:find("%.%.%. %(100 items%)}$"), s)
  T.eq(lunet.repl_format({{{{{1}}}}}), "{{{{...}}}}")
  local cyc = {}
  cyc.self = cyc
  T.eq(lunet.repl_format(cyc), "{self = {<cycle>}}")
end)

T.test("repl_format: values with __tostring use it; multi-line ones shortened inside tables", function()
  local obj = setmetatable({}, {__tostring = function() return "first\nsecond" end})
  T.eq(lunet.repl_format(obj), "first\nsecond")
  T.eq(lunet.repl_format({obj}), "{first ...}")
end)

T.test("repl_print: prints its arguments tab-separated on one line", function()
  local path = os.tmpname()
  local f = assert(io.open(path, "w"))
  local saved = io.output()
  io.output(f)
  lunet.repl_print(1, "two", {3}, nil)
  io.output(saved)
  f:close()
  local got = assert(io.open(path)):read("a")
  os.remove(path)
  T.eq(got, "1\ttwo\t{3}\tnil\n")
end)

T.test("repl_complete: global names and keywords by prefix", function()
  local c = lunet.repl_complete("tos")
  T.eq(#c, 1)
  T.eq(c[1], "tostring")
  T.truthy(has(lunet.repl_complete("wh"), "while"), "keyword while")
  T.truthy(has(lunet.repl_complete("lun"), "lunet"), "global lunet")
  T.eq(#lunet.repl_complete("no_such_global_prefix_xyz"), 0)
end)

T.test("repl_complete: fields of a table path", function()
  local c = lunet.repl_complete("string.up")
  T.eq(#c, 1)
  T.eq(c[1], "string.upper")
  T.truthy(has(lunet.repl_complete("math.p"), "math.pi"))
  T.truthy(has(lunet.repl_complete("math."), "math.floor"))
  T.truthy(has(lunet.repl_complete("lunet.repl_"), "lunet.repl_complete"))
  T.eq(#lunet.repl_complete("no_such_table.x"), 0)
  T.eq(#lunet.repl_complete("3.1"), 0)
end)

T.test("repl_complete: after ':' only methods, through __index tables", function()
  local Class = {}
  Class.__index = Class
  function Class.run() end
  Class.rate = 0.1
  _G.__complete_obj = setmetatable({own = 1, ownf = function() end}, Class)
  local c = lunet.repl_complete("__complete_obj:")
  T.truthy(has(c, "__complete_obj:run"), "inherited method")
  T.truthy(has(c, "__complete_obj:ownf"), "own function")
  T.truthy(not has(c, "__complete_obj:rate"), "a number is not a method")
  T.truthy(not has(c, "__complete_obj:own"), "a number is not a method")
  local d = lunet.repl_complete("__complete_obj.")
  T.truthy(has(d, "__complete_obj.rate") and has(d, "__complete_obj.own"), "'.' offers every field")
  _G.__complete_obj = nil
end)

T.test("repl_complete: strings and userdata use their metatable's __index table", function()
  _G.__complete_s = "abc"
  T.truthy(has(lunet.repl_complete("__complete_s:up"), "__complete_s:upper"))
  _G.__complete_s = nil
  T.truthy(has(lunet.repl_complete("io.stdout:wr"), "io.stdout:write"))
end)

T.test("repl_complete: a __complete hook adds names (for __index functions)", function()
  local mt = {
    __index = function(_, k) if k == "grad" then return 1 end end,
    __complete = function() return {"grad", "shape"} end,
  }
  _G.__complete_h = setmetatable({}, mt)
  local c = lunet.repl_complete("__complete_h.")
  T.truthy(has(c, "__complete_h.grad") and has(c, "__complete_h.shape"), table.concat(c, " "))
  mt.__complete = {"listed"}
  T.truthy(has(lunet.repl_complete("__complete_h.li"), "__complete_h.listed"))
  mt.__complete = function() error("a broken hook") end
  T.eq(#lunet.repl_complete("__complete_h.g"), 0)
  _G.__complete_h = nil
end)

T.test("repl_complete: never runs __index functions while walking a path", function()
  local called = false
  _G.__complete_p = setmetatable({}, {__index = function() called = true return {x = 1} end})
  T.eq(#lunet.repl_complete("__complete_p.a.x"), 0)
  T.truthy(not called, "__index function was called")
  _G.__complete_p = nil
end)

T.test("repl_complete: _private names only when the prefix starts with _", function()
  T.truthy(not has(lunet.repl_complete("lunet."), "lunet._load"), "lunet._load offered for lunet.")
  T.truthy(has(lunet.repl_complete("lunet._"), "lunet._load"), "lunet._load not offered for lunet._")
end)

T.test("repl_complete: tensor methods and fields (t:resh, t.gr)", function()
  _G.__complete_t = tensor{{1, 2}, {3, 4}}
  T.truthy(has(lunet.repl_complete("__complete_t:resh"), "__complete_t:reshape"))
  T.truthy(has(lunet.repl_complete("__complete_t:"), "__complete_t:backward"))
  T.truthy(has(lunet.repl_complete("__complete_t.gr"), "__complete_t.grad"))
  _G.__complete_t = nil
end)

T.done()
