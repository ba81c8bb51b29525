-- train.lua — what fit, evaluate and predict print, plot and keep: Keras' progress lines, the
-- history table, the user's per-epoch callback and the live plot. The loops themselves run in C
-- (src/train.c); src/lua_train.c calls the reporter made here:
--   R = lunet._train.reporter(kind, info)   kind "fit" | "evaluate" | "predict"
--   R:progress(s)          during an epoch (at most ~10 times a second) and once at its end (s.done)
--   R:epoch_end(s)         after the epoch; false stops training
--   R:finish(history, e)   the closing lines; returns the history
-- s = {epoch, epochs, batch, batches, rows, loss, accuracy, val_loss, val_accuracy, seconds, done}
-- (one table, refilled for every call: copy what you keep).
local lunet = ...
local train = lunet._train
local BAR = 30              -- Keras' progress bar width

-- ---- formatting, as keras.utils.Progbar ----

-- A metric value: 4 decimals, or scientific notation when tiny.
local function value(v)
  if v ~= v then return "nan" end
  if math.abs(v) > 1e-3 or v == 0 then return ("%.4f"):format(v) end
  return ("%.4e"):format(v)
end

-- " 3ms/step"
local function per_step(sec, unit)
  unit = unit or "step"
  if sec >= 1 or sec == 0 then return (" %.0fs/%s"):format(sec, unit) end
  if sec >= 1e-3 then return (" %.0fms/%s"):format(sec * 1e3, unit) end
  return (" %.0fus/%s"):format(sec * 1e6, unit)
end

local function eta(sec)
  sec = math.floor(sec + 0.5)
  if sec > 3600 then
    return ("%d:%02d:%02d"):format(sec // 3600, (sec % 3600) // 60, sec % 60)
  elseif sec > 60 then
    return ("%d:%02d"):format(sec // 60, sec % 60)
  end
  return ("%ds"):format(sec)
end

-- "[=========>....................]" for done of total
local function bar(done, total)
  local width = total > 0 and math.floor(BAR * done / total) or BAR
  local s = "["
  if width > 0 then
    s = s .. ("="):rep(width - 1) .. (done < total and ">" or "=")
  end
  return s .. ("."):rep(BAR - width) .. "]"
end
train.bar = bar

local METRICS = { "loss", "accuracy", "val_loss", "val_accuracy" }

local function metrics(s, with_val)
  local parts = {}
  for _, k in ipairs(METRICS) do
    if s[k] ~= nil and (with_val or not k:find("^val_")) then
      parts[#parts + 1] = (" - %s: %s"):format(k, value(s[k]))
    end
  end
  return table.concat(parts)
end

-- The line for status s: verbose 1 is the bar ("ETA: 1s" while running, "1s 3ms/step" at the end),
-- verbose 2 the one-line summary of a finished epoch.
function train.progress_line(s, verbose)
  local digits = #tostring(s.batches)
  local count = ("%" .. digits .. "d/%d"):format(s.batch, s.batches)
  if verbose == 2 then
    return ("%s - %.0fs%s -%s -%s"):format(count, s.seconds, metrics(s, true), per_step(s.seconds, "epoch"),
      per_step(s.batch > 0 and s.seconds / s.batch or 0))
  end
  local step = s.batch > 0 and s.seconds / s.batch or 0
  local info
  if s.done then
    info = (" - %.0fs%s"):format(s.seconds, per_step(step))
  else
    info = " - ETA: " .. eta(step * (s.batches - s.batch))
  end
  return count .. " " .. bar(s.batch, s.batches) .. info .. metrics(s, s.done)
end

-- ---- the reporter ----

local Reporter = {}
Reporter.__index = Reporter

local function out(str)
  io.stdout:write(str)
  io.stdout:flush()
end

-- With a live plot drawn as text, the progress lines live in the plot's footer (redrawn with it),
-- since lines printed under an in-place drawing would be overdrawn by its next redraw.
local FOOTER_KEEP = 3   -- finished lines kept under the drawing, besides the running one

function Reporter:footer_mode()
  return self.live ~= nil and self.live_text
end

function Reporter:update_footer(line, final)
  local done = self.footer_done
  if final then
    done[#done + 1] = line
    if #done > FOOTER_KEEP then table.remove(done, 1) end
    self.footer_cur = nil
  else
    self.footer_cur = line
  end
  local lines = { table.unpack(done) }
  if self.footer_cur then lines[#lines + 1] = self.footer_cur end
  self:plot_call(function() self.live:footer(table.concat(lines, "\n")) end)
end

-- Writes line in place of the previous one on a terminal.
function Reporter:show(line, final)
  if self:footer_mode() then
    if final or self.verbose == 1 then self:update_footer(line, final) end
  elseif self.tty and self.verbose == 1 then
    local pad = self.width > #line and (" "):rep(self.width - #line) or ""
    out("\r" .. line .. pad .. (final and "\n" or ""))
    self.width = final and 0 or #line
    self.open = not final
  elseif final then
    out(line .. "\n")
  end
end

-- Closes a line left open by in-place updates, before other output.
function Reporter:close_line()
  if self.open then out("\n"); self.open = false; self.width = 0 end
end

function Reporter:progress(s)
  if self.kind == "fit" and s.epoch ~= self.epoch then
    self.epoch = s.epoch
    if self.verbose > 0 and self:footer_mode() then
      self:update_footer(("Epoch %d/%d"):format(s.epoch, s.epochs), true)
    elseif self.verbose > 0 then
      self:close_line()
      out(("Epoch %d/%d\n"):format(s.epoch, s.epochs))
    end
  end
  if self.verbose == 1 and (s.done or self.tty) then
    self:show(train.progress_line(s, 1), s.done)
  elseif self.verbose == 2 and s.done then
    self:show(train.progress_line(s, 2), true)
  end
  if self.live and not s.done then self:plot_within(s) end
end

-- ---- the live plot (plot = true) ----

function Reporter:plot_call(fn, ...)
  local ok, err = pcall(fn, ...)
  if not ok then
    self:close_line()
    io.stderr:write(("fit: the live plot stopped (%s); training goes on without it\n"):format(tostring(err)))
    self.live = nil
  end
end

function Reporter:start_plot()
  local plot = lunet.plot
  if type(plot) ~= "table" or type(plot.live) ~= "function" then
    io.stderr:write("fit: plot = true needs the plot module (plot.live), which is not available; training goes on without it\n")
    return
  end
  self:plot_call(function()
    self.live = plot.live { title = "training", xlabel = "epoch", ylabel = "loss / accuracy" }
    -- a live object of the user's own (tests, other plotters) may lack text(): then no footer
    self.live_text = type(self.live.text) == "function" and self.live:text()
  end)
  self.footer_done = {}
  self.next_point = 0
end

-- A few points within each epoch, at fractional epochs: the curves move while an epoch runs.
function Reporter:plot_within(s)
  local x = (s.epoch - 1) + s.batch / s.batches
  if x < self.next_point then return end
  self.next_point = (s.epoch - 1) + (math.floor(4 * s.batch / s.batches) + 1) / 4
  self:plot_call(function()
    self.live:add(x, s.loss, "loss")
    if s.accuracy then self.live:add(x, s.accuracy, "accuracy") end
  end)
end

function Reporter:plot_epoch(s)
  self:plot_call(function()
    for _, k in ipairs(METRICS) do
      if s[k] then self.live:add(s.epoch, s[k], k) end
    end
  end)
  self.next_point = s.epoch
end

function Reporter:epoch_end(s)
  if self.live then self:plot_epoch(s) end
  if self.callback then
    local logs = {}
    for _, k in ipairs(METRICS) do logs[k] = s[k] end
    if self.callback(s.epoch, logs) == false then return false end
  end
  return true
end

-- The history is a plain table of arrays; its metatable adds a summary for printing and, for
-- code written after Keras, history.history (the same table).
local History = { __name = "History" }
function History.__index(h, k)
  if k == "history" then return h end
end
function History.__tostring(h)
  local n = #h.loss
  local parts = { ("History (%d epoch%s)"):format(n, n == 1 and "" or "s") }
  for _, k in ipairs(METRICS) do
    if h[k] and n > 0 then parts[#parts + 1] = ("%s %s -> %s"):format(k, value(h[k][1]), value(h[k][n])) end
  end
  return table.concat(parts, n > 0 and ", " or "")
end

function Reporter:finish(history, e)
  self:close_line()
  if self.live then self:plot_call(function() self.live:close() end) end
  if e.reason == "interrupted" then
    out(("Training interrupted (Ctrl-C) at epoch %d, batch %d/%d — the model keeps its weights\n"):format(
      e.epoch, e.batch, e.batches))
  elseif e.reason == "early_stopped" and self.verbose > 0 then
    out(("Epoch %d: early stopping\n"):format(e.last_epoch))
  end
  if e.restored and self.verbose > 0 then
    out(("Restoring model weights from the end of the best epoch: %d.\n"):format(e.best_epoch))
  end
  setmetatable(history, History)
  if self.model then self.model.history = history end
  return history
end

-- info: {verbose, tty, plot, callback, epochs, model}
function train.reporter(kind, info)
  local self = setmetatable({
    kind = kind, verbose = info.verbose or 1, tty = info.tty, callback = info.callback,
    model = info.model, width = 0, open = false,
  }, Reporter)
  if info.plot then self:start_plot() end
  return self
end
