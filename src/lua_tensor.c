/* lua_tensor.c — the tensor type in Lua: boxes, creation, inspection, indexing, ops, autograd.
 *
 * A Lua tensor is a full userdata holding one reference (tensor *) to a core tensor; __gc and
 * __close share one idempotent release. Arguments are checked here, results pushed here; the
 * maths is in the core. Indices and dims are 1-based in Lua and converted here. */
#include <math.h>
#include <string.h>

#include "autograd.h"
#include "bindings.h"

typedef struct { tensor *t; } tbox;

/* ---- boxes ---- */

/* Lua's collector sees only the small box; tell it about the bytes behind it, so that a loop
 * making big temporaries collects them in time. A full collection once fresh bytes exceed what
 * was alive at the last one (at least 64 MB) keeps memory within about twice the live set. */
static int64_t fresh_bytes, live_at_collect;

static void account_bytes(lua_State *L, int64_t bytes)
{
    fresh_bytes += bytes;
    int64_t limit = live_at_collect > (64ll << 20) ? live_at_collect : (64ll << 20);
    if (fresh_bytes > limit) {
        fresh_bytes = 0;
        lua_gc(L, LUA_GCCOLLECT);
        live_at_collect = tensor_live_bytes();
    }
}

int lunet_error(lua_State *L) { return luaL_error(L, "%s", ln_error()); }

tensor *lunet_totensor(lua_State *L, int idx)
{
    tbox *b = luaL_testudata(L, idx, LUNET_TENSOR_MT);
    return b ? b->t : NULL;
}

tensor *lunet_checktensor(lua_State *L, int idx)
{
    tbox *b = luaL_testudata(L, idx, LUNET_TENSOR_MT);
    if (!b) luaL_typeerror(L, idx, "tensor");
    if (!b->t) luaL_argerror(L, idx, "tensor was closed");
    return b->t;
}

void lunet_pushtensor(lua_State *L, tensor *t)
{
    if (!t) { lunet_error(L); return; }
    if (ag_take_anomaly()) { tensor_release(t); lunet_error(L); return; }
    /* box first, then fill: an allocation error in between leaves nothing half-made */
    tbox *b = lua_newuserdatauv(L, sizeof *b, 0);
    b->t = NULL;
    luaL_setmetatable(L, LUNET_TENSOR_MT);
    b->t = t;
    account_bytes(L, t->numel * (int64_t)sizeof(float));
}

static int t_gc(lua_State *L)
{
    tbox *b = luaL_checkudata(L, 1, LUNET_TENSOR_MT);
    tensor_release(b->t);
    b->t = NULL;
    return 0;
}

/* ---- reading arguments ---- */

int lunet_checkshape(lua_State *L, int idx, int64_t *shape, const char *fname)
{
    int n = 0;
    if (lua_istable(L, idx)) {
        n = (int)luaL_len(L, idx);
        if (n > T_MAXDIM) luaL_error(L, "%s: %d dimensions (at most %d)", fname, n, T_MAXDIM);
        for (int i = 0; i < n; i++) {
            lua_geti(L, idx, i + 1);
            if (!lua_isinteger(L, -1) && !(lua_isnumber(L, -1) && lua_tonumber(L, -1) == floor(lua_tonumber(L, -1))))
                luaL_error(L, "%s: shape entry %d must be an integer, got %s", fname, i + 1, luaL_typename(L, -1));
            shape[i] = (int64_t)lua_tonumber(L, -1);
            lua_pop(L, 1);
        }
        return n;
    }
    int top = lua_gettop(L);
    for (int i = idx; i <= top; i++) {
        if (n == T_MAXDIM) luaL_error(L, "%s: too many dimensions (at most %d)", fname, T_MAXDIM);
        lua_Number v = luaL_checknumber(L, i);
        if (v != floor(v)) luaL_argerror(L, i, "size must be an integer");
        shape[n++] = (int64_t)v;
    }
    return n;
}

/* Shape of a nested table, checking that it is not ragged; values are written by fill_table. */
static void table_shape(lua_State *L, int idx, int depth, int *ndim, int64_t *shape, const char *fname)
{
    int64_t n = (int64_t)luaL_len(L, idx);
    if (depth >= T_MAXDIM) luaL_error(L, "%s: table nested more than %d deep", fname, T_MAXDIM);
    shape[depth] = n;
    *ndim = depth + 1;
    if (n == 0) return;
    lua_geti(L, idx, 1);
    if (lua_istable(L, -1)) table_shape(L, lua_gettop(L), depth + 1, ndim, shape, fname);
    lua_pop(L, 1);
}

static void fill_table(lua_State *L, int idx, int depth, int ndim, const int64_t *shape, float **out,
                       const char *fname, char *path)
{
    int64_t n = (int64_t)luaL_len(L, idx);
    size_t plen = strlen(path);
    if (n != shape[depth])
        luaL_error(L, "%s: ragged table: row %s has %lld items, expected %lld", fname, plen ? path : "{}",
                   (long long)n, (long long)shape[depth]);
    for (int64_t i = 1; i <= n; i++) {
        lua_geti(L, idx, i);
        if (depth + 1 < ndim) {
            if (!lua_istable(L, -1))
                luaL_error(L, "%s: ragged table: item %s[%lld] is a %s, expected a table", fname, path,
                           (long long)i, luaL_typename(L, -1));
            if (plen < 200) snprintf(path + plen, 24, "[%lld]", (long long)i);
            fill_table(L, lua_gettop(L), depth + 1, ndim, shape, out, fname, path);
            path[plen] = 0;
        } else {
            int isnum;
            lua_Number v = lua_tonumberx(L, -1, &isnum);
            if (!isnum) {
                tensor *t = lunet_totensor(L, -1);
                if (t && t->numel == 1) v = tensor_item(t), isnum = 1;
            }
            if (!isnum)
                luaL_error(L, "%s: item %s[%lld] is a %s, expected a number%s", fname, path, (long long)i,
                           luaL_typename(L, -1), lua_istable(L, -1) ? " (ragged table)" : "");
            *(*out)++ = (float)v;
        }
        lua_pop(L, 1);
    }
}

/* Nested table -> new tensor. The data goes into a Lua-owned buffer first so that a Lua error
 * raised half-way (ragged input) leaks nothing. */
static tensor *from_table(lua_State *L, int idx, const char *fname)
{
    int ndim = 0;
    int64_t shape[T_MAXDIM];
    idx = lua_absindex(L, idx);
    table_shape(L, idx, 0, &ndim, shape, fname);
    int64_t numel = 1;
    for (int d = 0; d < ndim; d++) numel *= shape[d];
    float *buf = lua_newuserdatauv(L, (size_t)(numel ? numel : 1) * sizeof(float), 0), *p = buf;
    char path[256] = "";
    fill_table(L, idx, 0, ndim, shape, &p, fname, path);
    tensor *t = tensor_from_data(ndim, shape, buf);
    lua_pop(L, 1);
    return t;
}

tensor *lunet_astensor(lua_State *L, int idx, const char *fname)
{
    tensor *t = lunet_totensor(L, idx);
    if (t) return tensor_retain(t);
    if (lua_type(L, idx) == LUA_TNUMBER) return tensor_scalar((float)lua_tonumber(L, idx));
    if (lua_istable(L, idx)) return from_table(L, idx, fname);
    luaL_error(L, "%s: expected a tensor, a number or a table of numbers, got %s", fname, luaL_typename(L, idx));
    return NULL;
}

/* ---- creation ---- */

static int l_tensor_call(lua_State *L)   /* tensor{...} or tensor(t) */
{
    if (lua_gettop(L) < 2) return luaL_error(L, "tensor: expected a table of numbers, e.g. tensor{{1,2},{3,4}}");
    tensor *src = lunet_totensor(L, 2);
    lunet_pushtensor(L, src ? tensor_clone(src) : lunet_astensor(L, 2, "tensor"));
    return 1;
}

#define SHAPED_CREATOR(lname, expr)                                     \
    static int lname(lua_State *L)                                      \
    {                                                                   \
        int64_t shape[T_MAXDIM];                                        \
        int n = lunet_checkshape(L, 1, shape, #lname + 2);              \
        lunet_pushtensor(L, expr);                                      \
        return 1;                                                       \
    }
SHAPED_CREATOR(l_zeros, tensor_zeros(n, shape))
SHAPED_CREATOR(l_ones, tensor_full(n, shape, 1.0f))
SHAPED_CREATOR(l_rand, tensor_rand(n, shape))
SHAPED_CREATOR(l_randn, tensor_randn(n, shape))

static int l_full(lua_State *L)
{
    int64_t shape[T_MAXDIM];
    luaL_checktype(L, 1, LUA_TTABLE);
    int n = lunet_checkshape(L, 1, shape, "full");
    lunet_pushtensor(L, tensor_full(n, shape, (float)luaL_checknumber(L, 2)));
    return 1;
}

static int l_eye(lua_State *L)
{
    lua_Integer n = luaL_checkinteger(L, 1);
    if (n < 0) return luaL_error(L, "eye: size must be >= 0, got %d", (int)n);
    lunet_pushtensor(L, tensor_eye(n));
    return 1;
}

static int l_arange(lua_State *L)
{
    double a = luaL_checknumber(L, 1);
    if (lua_isnoneornil(L, 2)) { lunet_pushtensor(L, tensor_arange(0, a, 1)); return 1; }
    lunet_pushtensor(L, tensor_arange(a, luaL_checknumber(L, 2), luaL_optnumber(L, 3, 1)));
    return 1;
}

static int l_linspace(lua_State *L)
{
    lunet_pushtensor(L, tensor_linspace(luaL_checknumber(L, 1), luaL_checknumber(L, 2), luaL_optinteger(L, 3, 50)));
    return 1;
}

static int l_seed(lua_State *L)
{
    rng_seed((uint64_t)luaL_checkinteger(L, 1));
    return 0;
}

static int l_stats(lua_State *L)
{
    lua_createtable(L, 0, 3);
    lua_pushinteger(L, tensor_live_count()); lua_setfield(L, -2, "tensors");
    lua_pushinteger(L, tensor_live_bytes()); lua_setfield(L, -2, "bytes");
    lua_pushinteger(L, tensor_pool_bytes()); lua_setfield(L, -2, "pool_bytes");
    return 1;
}

/* ---- inspection ---- */

static int m_shape(lua_State *L)
{
    tensor *t = lunet_checktensor(L, 1);
    lua_createtable(L, t->ndim, 0);
    for (int d = 0; d < t->ndim; d++) { lua_pushinteger(L, t->shape[d]); lua_rawseti(L, -2, d + 1); }
    return 1;
}

static int checkdim(lua_State *L, int arg, const tensor *t, const char *fname)
{
    lua_Integer d = luaL_checkinteger(L, arg);
    if (d < 0) d += t->ndim + 1;        /* -1 is the last dim, as in Torch */
    if (d < 1 || d > t->ndim)
        luaL_error(L, "%s: dimension %d is out of range for a %d-D tensor", fname, (int)luaL_checkinteger(L, arg), t->ndim);
    return (int)d - 1;
}

static int m_size(lua_State *L)
{
    tensor *t = lunet_checktensor(L, 1);
    if (lua_isnoneornil(L, 2)) return m_shape(L);
    lua_pushinteger(L, t->shape[checkdim(L, 2, t, "size")]);
    return 1;
}

static int m_dim(lua_State *L) { lua_pushinteger(L, lunet_checktensor(L, 1)->ndim); return 1; }
static int m_numel(lua_State *L) { lua_pushinteger(L, lunet_checktensor(L, 1)->numel); return 1; }

static int m_item(lua_State *L)
{
    tensor *t = lunet_checktensor(L, 1);
    char b[96];
    if (t->numel != 1)
        return luaL_error(L, "item: only one-element tensors can be converted to a number (shape %s has %d elements)",
                          ln_shape_str(b, t->ndim, t->shape), (int)t->numel);
    lua_pushnumber(L, tensor_item(t));
    return 1;
}

static void push_nested(lua_State *L, const tensor *t, int d, int64_t off)
{
    if (d == t->ndim) { lua_pushnumber(L, t->st->data[off]); return; }
    lua_createtable(L, (int)t->shape[d], 0);
    for (int64_t i = 0; i < t->shape[d]; i++) {
        push_nested(L, t, d + 1, off + i * t->stride[d]);
        lua_rawseti(L, -2, i + 1);
    }
}

static int m_totable(lua_State *L)
{
    tensor *t = lunet_checktensor(L, 1);
    if (t->ndim == 0) { lua_pushnumber(L, tensor_item(t)); return 1; }
    luaL_checkstack(L, t->ndim + 4, "totable");
    push_nested(L, t, 0, t->offset);
    return 1;
}

static int m_len(lua_State *L)
{
    tensor *t = lunet_checktensor(L, 1);
    if (t->ndim == 0) return luaL_error(L, "#: a 0-d tensor has no length (use :item())");
    lua_pushinteger(L, t->shape[0]);
    return 1;
}

/* t[i]: a number for 1-D, else a view of row i. */
static int64_t checkindex(lua_State *L, const tensor *t, lua_Integer i, const char *fname)
{
    char b[96];
    if (t->ndim == 0) luaL_error(L, "%s: a 0-d tensor cannot be indexed (use :item())", fname);
    if (i < 0) i += t->shape[0] + 1;
    if (i < 1 || i > t->shape[0])
        luaL_error(L, "%s: index %d is out of range for dimension 1 of size %d (shape %s)", fname,
                   (int)i, (int)t->shape[0], ln_shape_str(b, t->ndim, t->shape));
    return (int64_t)i - 1;
}

static int t_index(lua_State *L)
{
    tensor *t = lunet_checktensor(L, 1);
    if (lua_type(L, 2) == LUA_TNUMBER && lua_isinteger(L, 2)) {
        int64_t i = checkindex(L, t, lua_tointeger(L, 2), "index");
        if (t->ndim == 1) { lua_pushnumber(L, t->st->data[t->offset + i * t->stride[0]]); return 1; }
        lunet_pushtensor(L, tensor_select(t, 0, i));
        return 1;
    }
    if (lua_type(L, 2) == LUA_TSTRING) {
        const char *k = lua_tostring(L, 2);
        if (strcmp(k, "grad") == 0) {
            if (t->grad) lunet_pushtensor(L, tensor_retain(t->grad)); else lua_pushnil(L);
            return 1;
        }
        lua_getfield(L, lua_upvalueindex(1), k);   /* methods */
        return 1;
    }
    lua_pushnil(L);
    return 1;
}

static int t_newindex(lua_State *L)
{
    tensor *t = lunet_checktensor(L, 1);
    if (lua_type(L, 2) == LUA_TNUMBER && lua_isinteger(L, 2)) {
        int64_t i = checkindex(L, t, lua_tointeger(L, 2), "index assignment");
        if (t->ndim == 1 && lua_type(L, 3) == LUA_TNUMBER) {
            t->st->data[t->offset + i * t->stride[0]] = (float)lua_tonumber(L, 3);
            return 0;
        }
        tensor *row = tensor_select(t, 0, i);
        if (!row) return lunet_error(L);
        tensor *src = lunet_totensor(L, 3);
        int rc;
        if (src) rc = tensor_copy_(row, src);
        else if (lua_type(L, 3) == LUA_TNUMBER) rc = tensor_fill_(row, (float)lua_tonumber(L, 3));
        else { tensor_release(row); return luaL_error(L, "index assignment: expected a number or a tensor, got %s", luaL_typename(L, 3)); }
        tensor_release(row);
        if (rc < 0) return lunet_error(L);
        return 0;
    }
    if (lua_type(L, 2) == LUA_TSTRING && strcmp(lua_tostring(L, 2), "grad") == 0) {
        tensor *g = lua_isnil(L, 3) ? NULL : lunet_checktensor(L, 3);
        tensor_release(t->grad);
        t->grad = tensor_retain(g);
        return 0;
    }
    return luaL_error(L, "tensor: cannot set field '%s' (tensors take integer indices)", luaL_tolstring(L, 2, NULL));
}

static int t_tostring(lua_State *L)
{
    tensor *t = lunet_checktensor(L, 1);
    /* pretty-printing lives in Lua (lua/tensor.lua) when it has been loaded */
    lua_getfield(L, lua_upvalueindex(1), "_format");
    if (lua_isfunction(L, -1)) { lua_pushvalue(L, 1); lua_call(L, 1, 1); return 1; }
    char b[96];
    lua_pushfstring(L, "tensor(shape=%s)", ln_shape_str(b, t->ndim, t->shape));
    return 1;
}

/* ---- arithmetic ---- */

static int binary(lua_State *L, binop op)
{
    tensor *a = lunet_totensor(L, 1), *b = lunet_totensor(L, 2);
    if (a && b) { lunet_pushtensor(L, tensor_binary(op, a, b)); return 1; }
    if (a && lua_type(L, 2) == LUA_TNUMBER) { lunet_pushtensor(L, tensor_binary_scalar(op, a, (float)lua_tonumber(L, 2), 0)); return 1; }
    if (b && lua_type(L, 1) == LUA_TNUMBER) { lunet_pushtensor(L, tensor_binary_scalar(op, b, (float)lua_tonumber(L, 1), 1)); return 1; }
    /* a table operand: convert it, then combine */
    tensor *x = lunet_astensor(L, 1, binop_name[op] ? binop_name[op] : "op");
    tensor *y = NULL;
    lunet_pushtensor(L, x);
    y = lunet_astensor(L, 2, binop_name[op] ? binop_name[op] : "op");
    lunet_pushtensor(L, y);
    lunet_pushtensor(L, tensor_binary(op, x, y));
    return 1;
}

#define BINARY(lname, op) static int lname(lua_State *L) { return binary(L, op); }
BINARY(m_add, BIN_ADD) BINARY(m_sub, BIN_SUB) BINARY(m_mul, BIN_MUL) BINARY(m_div, BIN_DIV)
BINARY(m_pow, BIN_POW)

#define UNARY(lname, op) static int lname(lua_State *L) { lunet_pushtensor(L, tensor_unary(op, lunet_checktensor(L, 1))); return 1; }
UNARY(m_neg, UN_NEG) UNARY(m_exp, UN_EXP) UNARY(m_log, UN_LOG) UNARY(m_sigmoid, UN_SIGMOID)
UNARY(m_relu, UN_RELU) UNARY(m_tanh, UN_TANH)

static int m_matmul(lua_State *L)
{
    lunet_pushtensor(L, tensor_matmul(lunet_checktensor(L, 1), lunet_checktensor(L, 2)));
    return 1;
}

/* ---- autograd ---- */

static int m_requires_grad(lua_State *L)
{
    tensor *t = lunet_checktensor(L, 1);
    t->requires_grad = lua_isnoneornil(L, 2) ? 1 : lua_toboolean(L, 2);
    lua_settop(L, 1);
    return 1;
}

static int m_backward(lua_State *L)
{
    tensor *t = lunet_checktensor(L, 1);
    tensor *g = lua_isnoneornil(L, 2) || lua_istable(L, 2) ? NULL : lunet_checktensor(L, 2);
    int retain = 0;
    int opts = lua_istable(L, 2) ? 2 : lua_istable(L, 3) ? 3 : 0;
    if (opts) { lua_getfield(L, opts, "retain_graph"); retain = lua_toboolean(L, -1); lua_pop(L, 1); }
    if (ag_backward(t, g, retain) < 0) return lunet_error(L);
    return 0;
}

static int m_zero_grad(lua_State *L)
{
    tensor *t = lunet_checktensor(L, 1);
    if (t->grad) tensor_fill_(t->grad, 0.0f);
    lua_settop(L, 1);
    return 1;
}

static int m_detach(lua_State *L) { lunet_pushtensor(L, tensor_detach(lunet_checktensor(L, 1))); return 1; }
static int m_clone(lua_State *L) { lunet_pushtensor(L, tensor_clone(lunet_checktensor(L, 1))); return 1; }

static const luaL_Reg tensor_funcs[] = {
    {"zeros", l_zeros}, {"ones", l_ones}, {"full", l_full}, {"eye", l_eye}, {"rand", l_rand},
    {"randn", l_randn}, {"arange", l_arange}, {"linspace", l_linspace}, {"seed", l_seed},
    {"matmul", m_matmul},
    {NULL, NULL}
};

static const luaL_Reg tensor_methods[] = {
    {"shape", m_shape}, {"size", m_size}, {"dim", m_dim}, {"numel", m_numel}, {"item", m_item},
    {"totable", m_totable}, {"add", m_add}, {"sub", m_sub}, {"mul", m_mul}, {"div", m_div},
    {"pow", m_pow}, {"exp", m_exp}, {"log", m_log}, {"sigmoid", m_sigmoid}, {"relu", m_relu},
    {"tanh", m_tanh}, {"matmul", m_matmul}, {"dot", m_matmul}, {"clone", m_clone},
    {"requires_grad", m_requires_grad}, {"backward", m_backward}, {"zero_grad", m_zero_grad},
    {"detach", m_detach},
    {NULL, NULL}
};

static const luaL_Reg tensor_meta[] = {
    {"__gc", t_gc}, {"__close", t_gc}, {"__len", m_len}, {"__newindex", t_newindex},
    {"__add", m_add}, {"__sub", m_sub}, {"__mul", m_mul}, {"__div", m_div}, {"__pow", m_pow},
    {"__unm", m_neg},
    {NULL, NULL}
};

void lunet_open_tensor(lua_State *L)
{
    /* lunet.tensor: module functions, callable as tensor{...} */
    lua_newtable(L);
    luaL_setfuncs(L, tensor_funcs, 0);
    lua_newtable(L);
    lua_pushcfunction(L, l_tensor_call);
    lua_setfield(L, -2, "__call");
    lua_setmetatable(L, -2);
    int tmod = lua_gettop(L);

    /* methods table, also reachable as tensor.methods so Lua code can add methods */
    lua_newtable(L);
    luaL_setfuncs(L, tensor_methods, 0);
    int methods = lua_gettop(L);
    lua_pushvalue(L, methods);
    lua_setfield(L, tmod, "methods");

    luaL_newmetatable(L, LUNET_TENSOR_MT);
    luaL_setfuncs(L, tensor_meta, 0);
    lua_pushvalue(L, methods);
    lua_pushcclosure(L, t_index, 1);
    lua_setfield(L, -2, "__index");
    lua_pushvalue(L, tmod);
    lua_pushcclosure(L, t_tostring, 1);
    lua_setfield(L, -2, "__tostring");
    lua_pushliteral(L, "tensor");
    lua_setfield(L, -2, "__name");
    lua_pop(L, 2);   /* metatable, methods */

    lua_setfield(L, -2, "tensor");
    lua_pushcfunction(L, l_stats);
    lua_setfield(L, -2, "stats");
}
