/* lua_train.c — model:fit, model:evaluate, model:predict, model:save and nn.load.
 *
 * Arguments and options are checked here; the loops are in the core (train.c, checkpoint.c);
 * what is printed, plotted and kept in the history is decided by lua/train.lua, whose reporter
 * objects the core calls back through the fit_callbacks below:
 *   R = lunet._train.reporter(kind, info)   kind "fit" | "evaluate" | "predict"
 *   R:progress(status)      within an epoch (at most ~10 times a second) and at its end
 *   R:epoch_end(status)     after the epoch: returns false to stop training
 *   R:finish(history, end)  prints the closing messages; returns the history
 * status is one table, refilled for every call, so that reporting allocates next to nothing.
 *
 * Lua is only ever called under lua_pcall while the core holds resources, so an error (or the
 * "interrupted!" of a Ctrl-C, which the REPL's hook raises at the next Lua instruction) never
 * jumps over the core's clean-up; it is raised once the core has returned. */
#include <math.h>
#include <string.h>
#include <unistd.h>

#include "lua_nn.h"
#include "train.h"
#include "checkpoint.h"

/* ---- options ---- */


static lua_Integer opt_int(lua_State *L, int opts, const char *key, const char *who, lua_Integer dflt, lua_Integer lo)
{
    lua_Integer v = dflt;
    if (lunet_getopt(L, opts, key) != LUA_TNIL) {
        int ok;
        v = lua_tointegerx(L, -1, &ok);
        if (!ok || lua_type(L, -1) != LUA_TNUMBER)
            luaL_error(L, "%s: %s must be a whole number, got %s", who, key,
                       lua_type(L, -1) == LUA_TNUMBER ? lua_tostring(L, -1) : luaL_typename(L, -1));
        if (v < lo) luaL_error(L, "%s: %s must be at least %d, got %d", who, key, (int)lo, (int)v);
    }
    lua_pop(L, 1);
    return v;
}

static double opt_number(lua_State *L, int opts, const char *key, const char *who, double dflt)
{
    double v = dflt;
    if (lunet_getopt(L, opts, key) != LUA_TNIL) {
        if (lua_type(L, -1) != LUA_TNUMBER) luaL_error(L, "%s: %s must be a number, got %s", who, key, luaL_typename(L, -1));
        v = lua_tonumber(L, -1);
    }
    lua_pop(L, 1);
    return v;
}

static int opt_bool(lua_State *L, int opts, const char *key, const char *who, int dflt)
{
    int v = dflt, t = lunet_getopt(L, opts, key);
    if (t == LUA_TBOOLEAN) v = lua_toboolean(L, -1);
    else if (t != LUA_TNIL) luaL_error(L, "%s: %s must be true or false, got %s", who, key, luaL_typename(L, -1));
    lua_pop(L, 1);
    return v;
}

/* verbose = 0, 1 or 2 (true is 1, false is 0), as Keras. */
static int opt_verbose(lua_State *L, int opts, const char *who, int dflt)
{
    int v = dflt, t = lunet_getopt(L, opts, "verbose");
    if (t == LUA_TBOOLEAN) v = lua_toboolean(L, -1);
    else if (t != LUA_TNIL) {
        int ok;
        lua_Integer k = lua_tointegerx(L, -1, &ok);
        if (!ok || lua_type(L, -1) != LUA_TNUMBER || k < 0 || k > 2)
            luaL_error(L, "%s: verbose must be 0 (silent), 1 (progress bar) or 2 (one line per epoch), got %s", who,
                       lua_type(L, -1) == LUA_TNUMBER ? lua_tostring(L, -1) : luaL_typename(L, -1));
        v = (int)k;
    }
    lua_pop(L, 1);
    return v;
}

/* The options table at idx (0 when absent); raises when something else was given. */
static int opts_arg(lua_State *L, int idx, const char *who, const char *example)
{
    if (lua_isnoneornil(L, idx)) return 0;
    if (lua_type(L, idx) != LUA_TTABLE)
        luaL_error(L, "%s: the options must be a table such as %s, got %s", who, example, luaL_typename(L, idx));
    return idx;
}

/* A tensor argument (tensor, number or nested table) kept alive by a box on the stack. Borrowed. */
static tensor *tensor_arg(lua_State *L, int idx, const char *who, const char *what)
{
    if (lua_isnoneornil(L, idx))
        luaL_error(L, "%s: %s is missing", who, what);
    tensor *t = lunet_totensor(L, idx);
    if (t) return t;
    if (lua_type(L, idx) != LUA_TTABLE && lua_type(L, idx) != LUA_TNUMBER && !luaL_testudata(L, idx, LUNET_TENSOR_MT))
        luaL_error(L, "%s: %s must be a tensor, got %s", who, what, luaL_typename(L, idx));
    t = lunet_astensor(L, idx, who);
    lunet_pushtensor(L, t);
    lua_replace(L, idx);
    return t;
}

/* ---- calling the reporter ---- */

typedef struct {
    lua_State *L;
    int reporter, status;       /* stack slots */
    int errslot;                /* where a Lua error from a callback is kept (nil: none) */
} lctx;

static void set_num(lua_State *L, int t, const char *k, double v, int present)
{
    if (present && !isnan(v)) lua_pushnumber(L, v); else lua_pushnil(L);
    lua_setfield(L, t, k);
}

static void fill_status(lua_State *L, int t, const fit_status *s)
{
    lua_pushinteger(L, s->epoch); lua_setfield(L, t, "epoch");
    lua_pushinteger(L, s->epochs); lua_setfield(L, t, "epochs");
    lua_pushinteger(L, s->batch); lua_setfield(L, t, "batch");
    lua_pushinteger(L, s->batches); lua_setfield(L, t, "batches");
    lua_pushinteger(L, s->rows); lua_setfield(L, t, "rows");
    set_num(L, t, "loss", s->loss, 1);
    set_num(L, t, "accuracy", s->accuracy, s->has_accuracy);
    set_num(L, t, "val_loss", s->val_loss, s->has_val);
    set_num(L, t, "val_accuracy", s->val_accuracy, s->has_val && s->has_accuracy);
    lua_pushnumber(L, s->seconds); lua_setfield(L, t, "seconds");
    lua_pushboolean(L, s->done); lua_setfield(L, t, "done");
}

/* An error raised by Ctrl-C: "interrupted!", possibly with a position in front. */
static int is_interrupt(lua_State *L, int idx)
{
    const char *msg = lua_tostring(L, idx);
    size_t n = msg ? strlen(msg) : 0;
    return n >= 12 && strcmp(msg + n - 12, "interrupted!") == 0;
}

/* Runs R:method(status) under pcall; a false result means stop. */
static int call_reporter(lctx *c, const char *method, const fit_status *s)
{
    lua_State *L = c->L;
    /* A Ctrl-C the core has not seen yet: the hook would raise at the first Lua instruction. */
    if (ln_interrupted) return FIT_INTERRUPT;
    if (!lua_checkstack(L, 4)) { ln_seterror("fit: the Lua stack is full"); return FIT_ERROR; }
    lua_getfield(L, c->reporter, method);
    lua_pushvalue(L, c->reporter);
    lua_pushvalue(L, c->status);
    fill_status(L, c->status, s);
    if (lua_pcall(L, 2, 1, 0) != LUA_OK) {
        if (is_interrupt(L, -1)) { lua_pop(L, 1); return FIT_INTERRUPT; }
        lua_replace(L, c->errslot);
        ln_seterror("%s", lua_tostring(L, c->errslot) ? lua_tostring(L, c->errslot) : "error in a callback");
        return FIT_ERROR;
    }
    int stop = lua_type(L, -1) == LUA_TBOOLEAN && !lua_toboolean(L, -1);
    lua_pop(L, 1);
    return stop ? FIT_STOP : FIT_GO_ON;
}

static int cb_progress(void *ctx, const fit_status *s) { return call_reporter(ctx, "progress", s); }
static int cb_epoch_end(void *ctx, const fit_status *s) { return call_reporter(ctx, "epoch_end", s); }

/* Pushes R = lunet._train.reporter(kind, info) where info is the table on top (popped). */
static void push_reporter(lua_State *L, const char *kind)
{
    int info = lua_gettop(L);
    lua_pushboolean(L, isatty(STDOUT_FILENO));
    lua_setfield(L, info, "tty");
    lua_getfield(L, LUA_REGISTRYINDEX, "lunet._train");
    if (lua_getfield(L, -1, "reporter") != LUA_TFUNCTION) luaL_error(L, "%s: lunet's Lua half is not loaded", kind);
    lua_remove(L, -2);
    lua_pushstring(L, kind);
    lua_pushvalue(L, info);
    lua_call(L, 2, 1);
    lua_remove(L, info);
}

/* The interrupt has been taken care of. The hook the REPL armed with it is left in place on
 * purpose: it raises only while ln_interrupted is set, so now it just removes itself at the next
 * Lua instruction, and in doing so tells the REPL that the press was answered (removing it here
 * would leave the press counted, and the third Ctrl-C of a session quits lunet). A debug hook of
 * the user's is not ours to remove either. Under the stock lua5.4, whose hook raises without
 * looking at the flag, the flag is never set: the hook's error reaches fit inside a callback. */
static void consume_interrupt(lua_State *L)
{
    (void)L;
    ln_interrupted = 0;
}

/* ---- fit ---- */

static void push_array(lua_State *L, const double *v, int n)
{
    lua_createtable(L, n, 0);
    for (int k = 0; k < n; k++) { lua_pushnumber(L, v[k]); lua_rawseti(L, -2, k + 1); }
}

static const char *const end_names[] = {"finished", "early_stopped", "stopped", "interrupted"};

/* (lightuserdata fit_result) → history, end info. Run under pcall: the result is freed after. */
static int build_history(lua_State *L)
{
    const fit_result *r = lua_touserdata(L, 1);
    lua_newtable(L);
    push_array(L, r->loss, r->nepochs); lua_setfield(L, -2, "loss");
    if (r->has_accuracy) { push_array(L, r->accuracy, r->nepochs); lua_setfield(L, -2, "accuracy"); }
    if (r->has_val) {
        push_array(L, r->val_loss, r->nepochs); lua_setfield(L, -2, "val_loss");
        if (r->has_accuracy) { push_array(L, r->val_accuracy, r->nepochs); lua_setfield(L, -2, "val_accuracy"); }
    }
    lua_createtable(L, r->nepochs, 0);
    for (int k = 0; k < r->nepochs; k++) { lua_pushinteger(L, r->epoch[k]); lua_rawseti(L, -2, k + 1); }
    lua_setfield(L, -2, "epoch");
    push_array(L, r->seconds, r->nepochs); lua_setfield(L, -2, "seconds");
    lua_newtable(L);
    lua_pushstring(L, end_names[r->end]); lua_setfield(L, -2, "reason");
    lua_pushinteger(L, r->stop_epoch); lua_setfield(L, -2, "epoch");
    lua_pushinteger(L, r->stop_batch); lua_setfield(L, -2, "batch");
    lua_pushinteger(L, r->batches); lua_setfield(L, -2, "batches");
    lua_pushinteger(L, r->best_epoch); lua_setfield(L, -2, "best_epoch");
    lua_pushboolean(L, r->restored); lua_setfield(L, -2, "restored");
    lua_pushstring(L, fit_monitor_name[r->monitor]); lua_setfield(L, -2, "monitor");
    lua_pushinteger(L, r->nepochs ? r->epoch[r->nepochs - 1] : 0); lua_setfield(L, -2, "last_epoch");
    return 2;
}

#define FIT_OPTIONS "epochs batch_size validation_split validation_data shuffle verbose plot callback " \
                    "patience monitor min_delta restore_best_weights initial_epoch"

/* model:fit(x, y [, {epochs, batch_size, validation_split, validation_data = {x, y}, shuffle, verbose,
 * plot, callback, patience, monitor, min_delta, restore_best_weights, initial_epoch}]) → history */
static int m_fit(lua_State *L)
{
    const char *who = "fit";
    model *m = lunet_checkmodel(L, 1);
    tensor *x = tensor_arg(L, 2, who, "x (the inputs)");
    tensor *y = tensor_arg(L, 3, who, "y (the targets)");
    int opts = opts_arg(L, 4, who, "{epochs = 10, batch_size = 128}");
    if (opts) lunet_checkopts(L, opts, who, FIT_OPTIONS);
    fit_options o;
    fit_options_defaults(&o);
    o.epochs = (int)opt_int(L, opts, "epochs", who, 1, 0);
    o.initial_epoch = (int)opt_int(L, opts, "initial_epoch", who, 0, 0);
    o.batch_size = opt_int(L, opts, "batch_size", who, 32, 1);
    o.validation_split = opt_number(L, opts, "validation_split", who, 0);
    o.shuffle = opt_bool(L, opts, "shuffle", who, 1);
    int verbose = opt_verbose(L, opts, who, 1);
    int plot = opt_bool(L, opts, "plot", who, 0);
    if (lunet_getopt(L, opts, "validation_data") != LUA_TNIL) {
        if (lua_type(L, -1) != LUA_TTABLE || luaL_len(L, -1) != 2)
            luaL_error(L, "%s: validation_data must be a pair {x_val, y_val}", who);
        int vd = lua_gettop(L);
        lua_geti(L, vd, 1);
        o.val_x = tensor_arg(L, lua_gettop(L), who, "validation_data[1]");
        lua_geti(L, vd, 2);
        o.val_y = tensor_arg(L, lua_gettop(L), who, "validation_data[2]");
        /* the two boxes stay on the stack for the whole fit */
    } else {
        lua_pop(L, 1);
    }
    if (lunet_getopt(L, opts, "patience") != LUA_TNIL) {
        lua_pop(L, 1);
        o.patience = (int)opt_int(L, opts, "patience", who, 0, 0);
    } else {
        lua_pop(L, 1);
    }
    if (lunet_getopt(L, opts, "monitor") != LUA_TNIL) {
        const char *mon = lua_tostring(L, -1);
        o.monitor = -2;
        for (int k = 0; k < MONITOR_COUNT && mon; k++)
            if (lua_type(L, -1) == LUA_TSTRING && strcmp(mon, fit_monitor_name[k]) == 0) o.monitor = k;
        if (o.monitor == -2)
            luaL_error(L, "%s: monitor must be \"val_loss\", \"val_accuracy\", \"loss\" or \"accuracy\", got %s", who,
                       mon ? mon : luaL_typename(L, -1));
        if (o.patience < 0) luaL_error(L, "%s: monitor is for early stopping; give patience too, e.g. patience = 3", who);
    }
    lua_pop(L, 1);
    o.min_delta = fabs(opt_number(L, opts, "min_delta", who, 0));
    o.restore_best = opt_bool(L, opts, "restore_best_weights", who, 1);
    if (lunet_getopt(L, opts, "callback") != LUA_TNIL && lua_type(L, -1) != LUA_TFUNCTION)
        luaL_error(L, "%s: callback must be a function(epoch, logs), got %s", who, luaL_typename(L, -1));
    int callback = lua_gettop(L);

    /* the reporter: printing, history per epoch, the user's callback, the live plot */
    lua_newtable(L);
    lua_pushinteger(L, verbose); lua_setfield(L, -2, "verbose");
    lua_pushboolean(L, plot); lua_setfield(L, -2, "plot");
    lua_pushvalue(L, callback); lua_setfield(L, -2, "callback");
    lua_pushinteger(L, o.epochs); lua_setfield(L, -2, "epochs");
    lua_pushvalue(L, 1); lua_setfield(L, -2, "model");
    push_reporter(L, "fit");
    lctx c = {L, 0, 0, 0};
    c.reporter = lua_gettop(L);
    lua_createtable(L, 0, 12);
    c.status = lua_gettop(L);
    lua_pushnil(L);
    c.errslot = lua_gettop(L);
    lua_pushcfunction(L, build_history);   /* pushed now: nothing may fail between fit and pcall */
    int builder = lua_gettop(L);

    fit_callbacks cb = {&c, cb_progress, cb_epoch_end};
    fit_result r;
    int rc = train_fit(m, x, y, &o, &cb, &r);
    if (r.end == FIT_INTERRUPTED) consume_interrupt(L);
    lua_pushvalue(L, builder);
    lua_pushlightuserdata(L, &r);
    int hs = lua_pcall(L, 1, 2, 0);
    fit_result_free(&r);
    if (rc < 0) {
        if (!lua_isnil(L, c.errslot)) { lua_pushvalue(L, c.errslot); return lua_error(L); }
        return lunet_error(L);
    }
    if (hs != LUA_OK) return lua_error(L);
    /* R:finish(history, end) prints the closing lines and returns the history */
    lua_getfield(L, c.reporter, "finish");
    lua_pushvalue(L, c.reporter);
    lua_rotate(L, -4, 2);               /* finish, R, history, end */
    lua_call(L, 3, 1);
    return 1;
}

/* ---- evaluate, predict ---- */

/* evaluate and predict: a reporter for `who` with its status table and error slot on the stack. */
static lctx start_report(lua_State *L, const char *who, int verbose)
{
    lua_newtable(L);
    lua_pushinteger(L, verbose); lua_setfield(L, -2, "verbose");
    push_reporter(L, who);
    lctx c = {L, lua_gettop(L), 0, 0};
    lua_createtable(L, 0, 12);
    c.status = lua_gettop(L);
    lua_pushnil(L);
    c.errslot = lua_gettop(L);
    return c;
}

/* After a failed evaluate/predict: Ctrl-C, a callback's own error, or the core's. */
static int raise_failure(lua_State *L, const lctx *c)
{
    if (strstr(ln_error(), "interrupted (Ctrl-C)")) { consume_interrupt(L); return luaL_error(L, "interrupted!"); }
    if (!lua_isnil(L, c->errslot)) { lua_pushvalue(L, c->errslot); return lua_error(L); }
    return lunet_error(L);
}

/* model:evaluate(x, y [, {batch_size = 32, verbose = 1}]) → loss, accuracy (nil without the metric) */
static int m_evaluate(lua_State *L)
{
    const char *who = "evaluate";
    model *m = lunet_checkmodel(L, 1);
    tensor *x = tensor_arg(L, 2, who, "x (the inputs)");
    tensor *y = tensor_arg(L, 3, who, "y (the targets)");
    int opts = opts_arg(L, 4, who, "{batch_size = 32, verbose = 0}");
    if (opts) lunet_checkopts(L, opts, who, "batch_size verbose");
    int64_t bs = opt_int(L, opts, "batch_size", who, 32, 1);
    int verbose = opt_verbose(L, opts, who, 1);
    lctx c = start_report(L, who, verbose);
    fit_callbacks cb = {&c, cb_progress, NULL};
    double loss, acc;
    int rc = train_evaluate(m, x, y, bs, verbose ? &cb : NULL, &loss, &acc);
    if (rc < 0) {
        return raise_failure(L, &c);
    }
    lua_pushnumber(L, loss);
    if (isnan(acc)) lua_pushnil(L); else lua_pushnumber(L, acc);
    return 2;
}

/* model:predict(x [, {batch_size = 32, verbose = 0}]) → tensor */
static int m_predict(lua_State *L)
{
    const char *who = "predict";
    model *m = lunet_checkmodel(L, 1);
    tensor *x = tensor_arg(L, 2, who, "x (the inputs)");
    int opts = opts_arg(L, 3, who, "{batch_size = 32}");
    if (opts) lunet_checkopts(L, opts, who, "batch_size verbose");
    int64_t bs = opt_int(L, opts, "batch_size", who, 32, 1);
    int verbose = opt_verbose(L, opts, who, 0);
    lctx c = start_report(L, who, verbose);
    fit_callbacks cb = {&c, cb_progress, NULL};
    tensor *out = train_predict(m, x, bs, verbose ? &cb : NULL);
    if (!out) {
        return raise_failure(L, &c);
    }
    lunet_pushtensor(L, out);
    return 1;
}

/* ---- save, load ---- */

static int m_save(lua_State *L)
{
    model *m = lunet_checkmodel(L, 1);
    const char *path = luaL_checkstring(L, 2);
    if (model_save(m, path) < 0) return lunet_error(L);
    lua_settop(L, 1);
    return 1;
}

static int l_load(lua_State *L)
{
    const char *path = luaL_checkstring(L, 1);
    lunet_pushmodel(L, model_load(path));
    return 1;
}

/* nn.save(model, path), for symmetry with nn.load */
static int l_save(lua_State *L)
{
    lunet_checkmodel(L, 1);
    return m_save(L);
}

static int l_isatty(lua_State *L)
{
    lua_pushboolean(L, isatty((int)luaL_optinteger(L, 1, STDOUT_FILENO)));
    return 1;
}

void lunet_open_train(lua_State *L)
{
    static const luaL_Reg methods[] = {
        {"fit", m_fit}, {"evaluate", m_evaluate}, {"predict", m_predict}, {"save", m_save},
        {NULL, NULL}
    };
    int lunet = lua_gettop(L);
    luaL_getmetatable(L, LUNET_MODEL_MT);
    lua_getfield(L, -1, "methods");
    luaL_setfuncs(L, methods, 0);
    lua_pop(L, 2);
    lua_getfield(L, lunet, "nn");
    lua_pushcfunction(L, l_load); lua_setfield(L, -2, "load");
    lua_pushcfunction(L, l_save); lua_setfield(L, -2, "save");
    lua_pop(L, 1);
    /* lunet._train: the reporters of lua/train.lua go here; the binding finds it in the registry */
    lua_newtable(L);
    lua_pushcfunction(L, l_isatty); lua_setfield(L, -2, "isatty");
    lua_pushvalue(L, -1);
    lua_setfield(L, LUA_REGISTRYINDEX, "lunet._train");
    lua_setfield(L, lunet, "_train");
}
