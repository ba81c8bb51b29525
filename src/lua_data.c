/* lua_data.c — the C part of `data` and `metrics`: IDX and CSV files, one-hot labels, splits,
 * the batch iterator, accuracy and the confusion matrix. The Lua part (lua/data.lua,
 * lua/metrics.lua) adds the datasets, the truth tables and the printed reports on top.
 * Bindings only: arguments are checked here, the work is done by idx.c, csv.c, dataset.c and
 * metrics.c. */
#include <string.h>

#include "bindings.h"
#include "csv.h"
#include "dataset.h"
#include "idx.h"
#include "metrics.h"

/* Argument idx as a tensor, borrowed. A table or number is converted and the new tensor put in
 * the argument's slot, so that Lua owns it even if a later check raises an error. */
static tensor *arg_tensor(lua_State *L, int idx, const char *fname)
{
    if (lua_type(L, idx) == LUA_TUSERDATA) return lunet_checktensor(L, idx);   /* refuses a closed tensor */
    if (lua_isnoneornil(L, idx)) luaL_error(L, "%s: argument #%d: expected a tensor, got %s", fname, idx, luaL_typename(L, idx));
    lunet_pushtensor(L, lunet_astensor(L, idx, fname));
    lua_replace(L, idx);
    return lunet_totensor(L, idx);
}

static int opt_bool(lua_State *L, int idx, int def)
{
    return lua_isnoneornil(L, idx) ? def : lua_toboolean(L, idx);
}

/* ---- files ---- */

static int l_load_idx(lua_State *L)
{
    lunet_pushtensor(L, idx_load(luaL_checkstring(L, 1)));
    return 1;
}

static int idx_type_arg(lua_State *L, int opts)
{
    static const char *const names[] = {"auto", "ubyte", "byte", "short", "int", "float", "double", NULL};
    static const int types[] = {0, IDX_U8, IDX_I8, IDX_I16, IDX_I32, IDX_F32, IDX_F64};
    lua_getfield(L, opts, "type");
    int type = 0;
    if (!lua_isnil(L, -1)) {
        const char *s = lua_tostring(L, -1);
        int k = -1;
        for (int i = 0; s && names[i]; i++) if (strcmp(s, names[i]) == 0) k = i;
        if (k < 0) luaL_error(L, "save_idx: opts.type must be one of auto ubyte byte short int float double, got %s",
                              s ? s : luaL_typename(L, -1));
        type = types[k];
    }
    lua_pop(L, 1);
    return type;
}

/* data.save_idx(path, t [, {type = "ubyte"|"float"|..., gzip = bool}]); gzip defaults to a ".gz" path. */
static int l_save_idx(lua_State *L)
{
    size_t len;
    const char *path = luaL_checklstring(L, 1, &len);
    tensor *t = arg_tensor(L, 2, "save_idx");
    int type = 0, gzip = len > 3 && strcmp(path + len - 3, ".gz") == 0;
    if (lua_istable(L, 3)) {
        type = idx_type_arg(L, 3);
        lua_getfield(L, 3, "gzip");
        gzip = opt_bool(L, -1, gzip);
        lua_pop(L, 1);
    }
    if (idx_save(path, t, type, gzip) < 0) return lunet_error(L);
    return 0;
}

/* data.csv(path [, {header = true|false|"auto", delimiter = ",", columns = {1, "name", ...},
 * missing = value}]) -> tensor [rows, cols], names (nil when the file has no header) */
static int l_csv(lua_State *L)
{
    const char *path = luaL_checkstring(L, 1);
    csv_opts o = {.header = -1};
    if (!lua_isnoneornil(L, 2)) {
        luaL_checktype(L, 2, LUA_TTABLE);
        lua_getfield(L, 2, "header");
        if (lua_isboolean(L, -1)) o.header = lua_toboolean(L, -1);
        else if (!lua_isnil(L, -1) && !(lua_type(L, -1) == LUA_TSTRING && strcmp(lua_tostring(L, -1), "auto") == 0))
            return luaL_error(L, "csv: opts.header must be true, false or \"auto\"");
        lua_getfield(L, 2, "delimiter");
        if (!lua_isnil(L, -1)) {
            size_t dl;
            const char *d = lua_tolstring(L, -1, &dl);
            if (!d || dl != 1 || *d == '"' || *d == '\n' || *d == '\r')
                return luaL_error(L, "csv: opts.delimiter must be one character such as \",\", \";\" or \"\\t\"");
            o.delimiter = *d;
        }
        lua_getfield(L, 2, "missing");
        if (!lua_isnil(L, -1)) { o.has_missing = 1; o.missing = (float)luaL_checknumber(L, -1); }
        lua_getfield(L, 2, "columns");
        if (!lua_isnil(L, -1)) {
            luaL_checktype(L, -1, LUA_TTABLE);
            int n = (int)luaL_len(L, -1), ct = lua_gettop(L);
            if (n < 1) return luaL_error(L, "csv: opts.columns must list at least one column");
            /* Lua-owned arrays: nothing leaks if a check below raises */
            int *cols = lua_newuserdatauv(L, (size_t)n * sizeof *cols, 0);
            const char **names = lua_newuserdatauv(L, (size_t)n * sizeof *names, 0);
            for (int i = 0; i < n; i++) {
                lua_geti(L, ct, i + 1);
                names[i] = NULL;
                cols[i] = -1;
                if (lua_type(L, -1) == LUA_TSTRING) names[i] = lua_tostring(L, -1);   /* kept alive by opts */
                else if (lua_isinteger(L, -1) && lua_tointeger(L, -1) >= 1) cols[i] = (int)lua_tointeger(L, -1) - 1;
                else return luaL_error(L, "csv: opts.columns[%d] must be a column number (from 1) or a name", i + 1);
                lua_pop(L, 1);
            }
            o.ncols = n; o.cols = cols; o.names = names;
        }
    }
    csv_result r;
    if (csv_load(path, &o, &r) < 0) return lunet_error(L);
    lunet_pushtensor(L, r.t);
    if (!r.names) { lua_pushnil(L); return 2; }
    lua_createtable(L, r.ncols, 0);
    for (int i = 0; i < r.ncols; i++) { lua_pushstring(L, r.names[i]); lua_rawseti(L, -2, i + 1); }
    csv_result_free(&r);
    return 2;
}

/* ---- preparing data ---- */

static int l_one_hot(lua_State *L)
{
    tensor *y = arg_tensor(L, 1, "one_hot");
    lua_Integer n = 0;
    if (!lua_isnoneornil(L, 2)) {
        n = luaL_checkinteger(L, 2);
        if (n < 1) return luaL_error(L, "one_hot: the number of classes must be at least 1, got %d", (int)n);
    }
    lunet_pushtensor(L, data_one_hot(y, n));
    return 1;
}

/* data.split(x, y, fraction [, shuffle]) -> x_a, y_a, x_b, y_b; or data.split(x, fraction [, shuffle]) -> x_a, x_b */
static int l_split(lua_State *L)
{
    tensor *x = arg_tensor(L, 1, "split");
    int has_y = lua_type(L, 2) != LUA_TNUMBER;
    tensor *y = has_y ? arg_tensor(L, 2, "split") : NULL;
    int fa = has_y ? 3 : 2;
    if (lua_type(L, fa) != LUA_TNUMBER)
        return luaL_error(L, "split: expected a fraction such as 0.2 after %s, got %s", has_y ? "x, y" : "x",
                          luaL_typename(L, fa));
    tensor *out[4];
    if (data_split(x, y, lua_tonumber(L, fa), opt_bool(L, fa + 1, 0), out) < 0) return lunet_error(L);
    for (int k = 0; k < 4; k++) if (out[k] || has_y) lunet_pushtensor(L, out[k]);
    return has_y ? 4 : 2;
}

typedef struct { int64_t n, size, pos; int64_t idx[]; } batch_state;

/* The iterator: upvalues x, y (or nil), state. Returns the next xb, yb, or nothing at the end. */
static int batch_next(lua_State *L)
{
    batch_state *s = lua_touserdata(L, lua_upvalueindex(3));
    if (s->pos >= s->n) return 0;
    int64_t k = s->n - s->pos < s->size ? s->n - s->pos : s->size;
    tensor *x = lunet_checktensor(L, lua_upvalueindex(1));
    tensor *y = lunet_totensor(L, lua_upvalueindex(2));
    if (x->shape[0] != s->n || (y && y->shape[0] != s->n))
        return luaL_error(L, "batches: x or y changed size during the loop");
    lunet_pushtensor(L, data_take_rows(x, s->idx + s->pos, 0, k));
    if (y) lunet_pushtensor(L, data_take_rows(y, s->idx + s->pos, 0, k));
    s->pos += k;
    return y ? 2 : 1;
}

/* for xb, yb in data.batches(x, y, size [, shuffle]) do ... end; the last batch may be smaller.
 * y may be nil: then only xb is given. */
static int l_batches(lua_State *L)
{
    tensor *x = arg_tensor(L, 1, "batches");
    tensor *y = lua_isnil(L, 2) ? NULL : arg_tensor(L, 2, "batches");
    int whole = 0;
    lua_Integer size = lua_type(L, 3) == LUA_TNUMBER ? lua_tointegerx(L, 3, &whole) : 0;
    if (lua_type(L, 3) != LUA_TNUMBER)
        return luaL_error(L, "batches: size must be a whole number >= 1, got %s", luaL_typename(L, 3));
    if (!whole || size < 1)
        return luaL_error(L, "batches: size must be a whole number >= 1, got %s", lua_tostring(L, 3));
    if (x->ndim == 0) return luaL_error(L, "batches: x must have rows (got a 0-d tensor)");
    if (y && data_check_rows("batches", x, y) < 0) return lunet_error(L);
    int64_t n = x->shape[0];
    int shuffle = opt_bool(L, 4, 0);
    lua_settop(L, 2);
    lua_pushvalue(L, 1);
    lua_pushvalue(L, 2);
    batch_state *s = lua_newuserdatauv(L, sizeof *s + (size_t)n * sizeof(int64_t), 0);
    s->n = n; s->size = size; s->pos = 0;
    data_order(s->idx, n, shuffle);
    lua_pushcclosure(L, batch_next, 3);
    return 1;
}

/* ---- metrics ---- */

static int l_accuracy(lua_State *L)
{
    tensor *pred = arg_tensor(L, 1, "accuracy");
    tensor *y = arg_tensor(L, 2, "accuracy");
    double acc;
    if (metrics_accuracy(pred, y, &acc) < 0) return lunet_error(L);
    lua_pushnumber(L, acc);
    return 1;
}

static int l_confusion_matrix(lua_State *L)
{
    tensor *t = arg_tensor(L, 1, "confusion_matrix");
    tensor *p = arg_tensor(L, 2, "confusion_matrix");
    lua_Integer n = 0;
    if (!lua_isnoneornil(L, 3)) {
        n = luaL_checkinteger(L, 3);
        if (n < 1) return luaL_error(L, "confusion_matrix: the number of classes must be at least 1, got %d", (int)n);
    }
    lunet_pushtensor(L, metrics_confusion(t, p, n));
    return 1;
}

static const luaL_Reg data_funcs[] = {
    {"load_idx", l_load_idx}, {"save_idx", l_save_idx}, {"csv", l_csv}, {"one_hot", l_one_hot},
    {"split", l_split}, {"batches", l_batches},
    {NULL, NULL}
};

static const luaL_Reg metrics_funcs[] = {
    {"accuracy", l_accuracy}, {"confusion_matrix", l_confusion_matrix},
    {NULL, NULL}
};

void lunet_open_data(lua_State *L)
{
    lua_newtable(L);
    luaL_setfuncs(L, data_funcs, 0);
#ifdef LUNET_SRCDIR
    /* the source tree, where `make setup` put the MNIST sample: the last place data.mnist looks */
    lua_pushliteral(L, LUNET_SRCDIR);
    lua_setfield(L, -2, "_srcdir");
#endif
    lua_setfield(L, -2, "data");
    lua_newtable(L);
    luaL_setfuncs(L, metrics_funcs, 0);
    lua_setfield(L, -2, "metrics");
}
