-- testlib.lua — a tiny harness for the Lua tests, run by the lunet binary (or lua5.4 + lunet.so).
--   local T = dofile("tests/lua/testlib.lua")
--   T.test("name", function() T.eq(1 + 1, 2) end)
--   T.done()   -- leak check on live tensors, then exit status
-- Prints "PASS: name" / "FAIL: name — why" for tests/run.sh to count.
local T = {}
local lunet = rawget(_G, "lunet") or require "lunet"
local failures = 0
local file = arg and arg[0] or "?"

local function fmt(v)
  if type(v) == "string" then return string.format("%q", v) end
  return tostring(v)
end

function T.test(name, fn)
  local ok, err = xpcall(fn, debug.traceback)
  if ok then
    print("PASS: " .. name)
  else
    failures = failures + 1
    print("FAIL: " .. name .. " — " .. tostring(err))
  end
end

function T.eq(got, want, msg)
  if got ~= want then
    error((msg and msg .. ": " or "") .. "expected " .. fmt(want) .. ", got " .. fmt(got), 2)
  end
end

function T.near(got, want, tol, msg)
  tol = tol or 1e-5
  if type(got) ~= "number" or math.abs(got - want) > tol * math.max(1, math.abs(want)) then
    error((msg and msg .. ": " or "") .. "expected " .. fmt(want) .. " ±" .. tol .. ", got " .. fmt(got), 2)
  end
end

-- Compares a tensor (or nested table) elementwise with a nested table of numbers.
function T.close(got, want, tol, msg)
  tol = tol or 1e-5
  if type(got) ~= "table" then got = got:totable() end
  local function walk(g, w, path)
    if type(w) == "table" then
      if type(g) ~= "table" or #g ~= #w then
        error((msg and msg .. ": " or "") .. "shape differs at " .. path .. ": expected " .. #w ..
              " items, got " .. (type(g) == "table" and #g or fmt(g)), 3)
      end
      for i = 1, #w do walk(g[i], w[i], path .. "[" .. i .. "]") end
    elseif type(g) ~= "number" or math.abs(g - w) > tol * math.max(1, math.abs(w)) then
      error((msg and msg .. ": " or "") .. "at " .. path .. ": expected " .. fmt(w) .. ", got " .. fmt(g), 3)
    end
  end
  walk(got, want, "")
end

function T.truthy(v, msg)
  if not v then error(msg or "expected a true value", 2) end
end

-- fn must raise an error whose text contains `pattern` (a plain substring).
function T.raises(fn, pattern)
  local ok, err = pcall(fn)
  if ok then error("expected an error containing " .. fmt(pattern) .. ", but none was raised", 2) end
  err = tostring(err)
  if pattern and not err:find(pattern, 1, true) then
    error("expected an error containing " .. fmt(pattern) .. ", got " .. fmt(err), 2)
  end
  return err
end

-- Live tensors at the start; done() checks that everything made since was released.
local base_tensors
function T.start()
  collectgarbage(); collectgarbage()
  base_tensors = lunet.stats().tensors
end

function T.done()
  T.test("no tensors leaked by " .. file, function()
    collectgarbage(); collectgarbage()
    local now = lunet.stats().tensors
    T.eq(now, base_tensors, "live tensors after the tests")
  end)
  os.exit(failures == 0 and 0 or 1)
end

T.start()
return T
