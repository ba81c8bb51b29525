-- timeit.lua — timeit(fn [, n]): how long fn takes per call, measured as IPython's %timeit does:
-- several runs of many calls each, reported as mean ± standard deviation of the per-call time.
-- Loaded by help.lua; the report's words are in help_en.lua / help_ko.lua.
local lunet = ...
local H = lunet._help

local RUNS = 7             -- runs of calls whose per-call times give the mean and the spread
local RUN_TARGET = 0.04    -- seconds one run should last when n is chosen automatically
local BUDGET = 0.8         -- seconds all the runs may take: a slow fn gets fewer runs, so that
                           -- timeit(fn) returns within about a second, calibration included

-- Wall-clock seconds (monotonic): os.clock would count every BLAS thread's CPU time.
local clock = lunet._now

local function run(fn, calls)
  local t0 = clock()
  for _ = 1, calls do fn() end
  return clock() - t0
end

-- Seconds as IPython shows them: 3 significant digits in ns, µs, ms or s. `ref` picks the unit
-- and the number of decimals (so that the spread is shown in the mean's unit).
local UNITS = { { 1e-9, "ns" }, { 1e-6, "µs" }, { 1e-3, "ms" }, { 1, "s" } }
local function unit_of(s)
  local u = UNITS[1]
  for _, x in ipairs(UNITS) do if s >= x[1] then u = x end end
  return u
end
local function fmt_time(s, ref)
  local u = unit_of(ref or s)
  local v, r = s / u[1], (ref or s) / u[1]
  local decimals = r >= 100 and 0 or (r >= 10 and 1 or 2)
  return string.format("%." .. decimals .. "f %s", v, u[2])
end
H.fmt_time = fmt_time

--- timeit(fn [, n]) → seconds per call (the mean); the report with the spread is printed.
--- Without n, the number of calls per run is chosen (1, 2, 5, 10, 20, ...) so that a run lasts
--- at least 0.04 s, and up to 7 runs are made within about 0.8 s; with n, fn is called exactly
--- n times in all, split into up to 7 runs.
function lunet.timeit(fn, n)
  if type(fn) ~= "function" then
    error("timeit: expected a function to time, got " .. (H.kind(fn) or type(fn)) ..
          " (wrap the code in a function: timeit(function() return a:matmul(b) end))", 2)
  end
  if n ~= nil and (math.type(n) == nil or n < 1 or n ~= math.floor(n)) then
    error("timeit: n must be a whole number of calls >= 1, got " .. tostring(n), 2)
  end
  collectgarbage()
  local per_call, calls_each, runs = {}, nil, 0
  if n then
    n = math.tointeger(n)
    runs = math.min(RUNS, n)
    local base, extra = n // runs, n % runs
    for r = 1, runs do
      local calls = base + (r <= extra and 1 or 0)
      per_call[r] = run(fn, calls) / calls
    end
    if extra == 0 then calls_each = base end
  else
    -- calibrate: 1, 2, 5, 10, 20, 50, ... calls until a run lasts RUN_TARGET; that last run
    -- counts as the first of the runs
    local calls, t = 1, run(fn, 1)
    local steps = { 2, 2.5, 2 }
    local k = 0
    while t < RUN_TARGET do
      k = k % 3 + 1
      calls = math.floor(calls * steps[k] + 0.5)
      t = run(fn, calls)
    end
    calls_each = calls
    runs = math.max(1, math.min(RUNS, math.floor(BUDGET / t)))
    per_call[1] = t / calls
    for r = 2, runs do per_call[r] = run(fn, calls) / calls end
  end
  local mean = 0
  for _, v in ipairs(per_call) do mean = mean + v end
  mean = mean / runs
  local var = 0
  for _, v in ipairs(per_call) do var = var + (v - mean) ^ 2 end
  local std = runs > 1 and math.sqrt(var / (runs - 1)) or 0
  local T = H.texts()._ui
  local how
  if runs == 1 then
    how = T.timeit_one
  elseif calls_each then
    how = H.counted(nil, "timeit_each", calls_each):format(runs, H.commas(calls_each))
  else
    how = T.timeit_all:format(runs, H.commas(n))
  end
  if runs == 1 then   -- no spread to speak of
    io.write(T.timeit_line_one:format(fmt_time(mean), how), "\n")
  else
    io.write(T.timeit_line:format(fmt_time(mean), fmt_time(std, mean), how), "\n")
  end
  io.flush()
  return mean
end
