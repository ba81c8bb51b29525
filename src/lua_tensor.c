/* lua_tensor.c — the tensor type in Lua: boxes, creation, inspection, indexing, ops, autograd.
 *
 * A Lua tensor is a full userdata holding one reference (tensor *) to a core tensor; __gc and
 * __close share one idempotent release. Arguments are checked here, results pushed here; the
 * maths is in the core. Indices and dims are 1-based in Lua and converted here, so every
 * message about an index or a dim is checked (and worded) here, in the user's 1-based terms.
 *
 * Ownership: a tensor returned by the core is a new reference and is boxed (pushed) at once,
 * so that a Lua error raised later in the same call cannot leak it. Tensors read from the
 * stack are borrowed from their boxes. Printing and the Lua half of autograd live in
 * lua/tensor.lua and lua/autograd.lua. */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "autograd.h"
#include "bindings.h"

typedef struct { tensor *t; } tbox;

/* ---- boxes ---- */

/* Lua's collector sees only the small box; tell it about the bytes behind it, so that a loop
 * making big temporaries collects them in time. A full collection once fresh bytes exceed what
 * was alive at the last one (at least 64 MB) keeps memory within about twice the live set. */
static int64_t fresh_bytes, live_at_collect, gc_debt;

/* What a box keeps alive in C besides the data: the tensor header, its storage record and
 * usually a graph node. Lua sees ~40 bytes; without this, tiny tensors pile up between cycles. */
#define BOX_OVERHEAD 512

static void account_bytes(lua_State *L, int64_t bytes)
{
    fresh_bytes += bytes;
    int64_t limit = live_at_collect > (64ll << 20) ? live_at_collect : (64ll << 20);
    if (fresh_bytes > limit) {
        fresh_bytes = gc_debt = 0;
        lua_gc(L, LUA_GCCOLLECT);
        live_at_collect = tensor_live_bytes();
        return;
    }
    /* smaller tensors: pay the collector in steps as if Lua had allocated the C memory */
    gc_debt += bytes + BOX_OVERHEAD;
    if (gc_debt >= (256 << 10)) {
        lua_gc(L, LUA_GCSTEP, (int)(gc_debt >> 10));
        gc_debt = 0;
    }
}

int lunet_error(lua_State *L) { return luaL_error(L, "%s", ln_error()); }

/* luaL_error with C's printf formats (luaL_error knows only a few: no %lld, no precision). */
static int errorf(lua_State *L, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static int errorf(lua_State *L, const char *fmt, ...)
{
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    return luaL_error(L, "%s", msg);
}

/* Raises the core's error as the error of fname, the function the user called: the core names
 * its own function ("masked_select: ...", "copy: ..."), which becomes fname's. An anomaly
 * report keeps its own name, since it names the op that produced the NaN. */
static int core_error(lua_State *L, const char *fname)
{
    const char *msg = ln_error();
    size_t k = strspn(msg, "abcdefghijklmnopqrstuvwxyz_");
    if (k > 0 && msg[k] == ':' && msg[k + 1] == ' ' && strncmp(msg, "detect_anomaly:", 15) != 0)
        msg += k + 2;
    return errorf(L, "%s: %s", fname, msg);
}

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

/* Pushes the result of a core call made on behalf of fname; NULL raises its error. */
static int push(lua_State *L, tensor *t, const char *fname)
{
    if (!t) { ag_take_anomaly(); return core_error(L, fname); }
    lunet_pushtensor(L, t);
    return 1;
}

static int t_gc(lua_State *L)
{
    tbox *b = luaL_checkudata(L, 1, LUNET_TENSOR_MT);
    tensor_release(b->t);
    b->t = NULL;
    return 0;
}

/* ---- reading arguments ---- */

/* The type of a value for messages: a closed tensor is not "userdata" to the user. */
static const char *kind_of(lua_State *L, int idx)
{
    if (luaL_testudata(L, idx, LUNET_TENSOR_MT)) return lunet_totensor(L, idx) ? "tensor" : "closed tensor";
    return luaL_typename(L, idx);
}

static int64_t shape_entry(lua_State *L, int idx, const char *fname, int entry)
{
    int isint;
    lua_Integer v = lua_tointegerx(L, idx, &isint);
    if (!isint) {
        if (lua_type(L, idx) == LUA_TNUMBER)
            errorf(L, "%s: size %d of the shape must be an integer, got %s", fname, entry,
                   luaL_tolstring(L, idx, NULL));
        errorf(L, "%s: size %d of the shape must be an integer, got %s", fname, entry, luaL_typename(L, idx));
    }
    return (int64_t)v;
}

int lunet_checkshape(lua_State *L, int idx, int64_t *shape, const char *fname)
{
    int n = 0;
    if (lua_istable(L, idx)) {
        lua_Integer len = luaL_len(L, idx);
        if (len > T_MAXDIM) errorf(L, "%s: %lld dimensions (at most %d)", fname, (long long)len, T_MAXDIM);
        n = (int)len;
        for (int i = 0; i < n; i++) {
            lua_geti(L, idx, i + 1);
            shape[i] = shape_entry(L, -1, fname, i + 1);
            lua_pop(L, 1);
        }
        return n;
    }
    int top = lua_gettop(L);
    for (int i = idx; i <= top; i++) {
        if (n == T_MAXDIM) errorf(L, "%s: too many dimensions (at most %d)", fname, T_MAXDIM);
        luaL_checknumber(L, i);   /* the type error names the argument */
        shape[n] = shape_entry(L, i, fname, n + 1);
        n++;
    }
    return n;
}

/* A shape for a new tensor: no negative sizes, and not more than half of this machine's memory
 * (an allocation that the system would grant and then kill us for touching is not an error
 * the student can read). */
static void check_new_shape(lua_State *L, int n, const int64_t *shape, const char *fname)
{
    char b[96];
    double bytes = sizeof(float);
    for (int d = 0; d < n; d++) {
        if (shape[d] < 0) errorf(L, "%s: negative size in shape %s", fname, ln_shape_str(b, n, shape));
        bytes *= (double)shape[d];
    }
    long pages = sysconf(_SC_PHYS_PAGES), psize = sysconf(_SC_PAGESIZE);
    double limit = pages > 0 && psize > 0 ? (double)pages * (double)psize / 2 : 1e12;
    if (bytes > limit)
        errorf(L, "%s: shape %s needs %.1f GB, more than half of this machine's memory (%.1f GB)", fname,
               ln_shape_str(b, n, shape), bytes / 1e9, 2 * limit / 1e9);
}

/* Shape of a nested table; values are written (and raggedness found) by fill_table. */
static void table_shape(lua_State *L, int idx, int depth, int *ndim, int64_t *shape, const char *fname)
{
    int64_t n = (int64_t)luaL_len(L, idx);
    if (depth >= T_MAXDIM) errorf(L, "%s: table nested more than %d deep", fname, T_MAXDIM);
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
        errorf(L, "%s: ragged table: row %s has %lld items, expected %lld", fname, plen ? path : "{}",
               (long long)n, (long long)shape[depth]);
    for (int64_t i = 1; i <= n; i++) {
        lua_geti(L, idx, i);
        if (depth + 1 < ndim) {
            if (!lua_istable(L, -1))
                errorf(L, "%s: ragged table: item %s[%lld] is a %s, expected a row of %lld items", fname, path,
                       (long long)i, luaL_typename(L, -1), (long long)shape[depth + 1]);
            if (plen < 200) snprintf(path + plen, 24, "[%lld]", (long long)i);
            fill_table(L, lua_gettop(L), depth + 1, ndim, shape, out, fname, path);
            path[plen] = 0;
        } else {
            float v = 0;
            tensor *t = lunet_totensor(L, -1);
            if (lua_type(L, -1) == LUA_TNUMBER) v = (float)lua_tonumber(L, -1);
            else if (t && t->numel == 1) v = tensor_item(t);
            else
                errorf(L, "%s: %sitem %s[%lld] is a %s, expected a number", fname,
                       lua_istable(L, -1) ? "ragged table: " : "", path, (long long)i, kind_of(L, -1));
            *(*out)++ = v;
        }
        lua_pop(L, 1);
    }
}

/* {t1, t2, ...} of tensors of one shape: stacked, as numpy.array([a, b]) does. */
static tensor *from_tensor_list(lua_State *L, int idx, const char *fname)
{
    int64_t n = (int64_t)luaL_len(L, idx);
    if (n > INT32_MAX) errorf(L, "%s: too many items", fname);
    tensor **ts = lua_newuserdatauv(L, (size_t)n * sizeof *ts, 0);
    for (int64_t i = 0; i < n; i++) {
        lua_geti(L, idx, i + 1);
        ts[i] = lunet_totensor(L, -1);
        if (!ts[i]) errorf(L, "%s: item [%lld] is a %s, expected a tensor like item [1]", fname,
                           (long long)i + 1, kind_of(L, -1));
        lua_pop(L, 1);   /* still held by the table */
    }
    tensor *t = tensor_stack((int)n, ts, 0);
    lua_pop(L, 1);
    if (!t) core_error(L, fname);
    return t;
}

/* Nested table -> new tensor. The data goes into a Lua-owned buffer first so that a Lua error
 * raised half-way (ragged input) leaks nothing. */
static tensor *from_table(lua_State *L, int idx, const char *fname)
{
    int ndim = 0;
    int64_t shape[T_MAXDIM];
    idx = lua_absindex(L, idx);
    lua_geti(L, idx, 1);
    tensor *first = lunet_totensor(L, -1);
    lua_pop(L, 1);
    if (first && first->ndim > 0) return from_tensor_list(L, idx, fname);
    table_shape(L, idx, 0, &ndim, shape, fname);
    int64_t numel = 1;
    for (int d = 0; d < ndim; d++) numel *= shape[d];
    float *buf = lua_newuserdatauv(L, (size_t)(numel ? numel : 1) * sizeof(float), 0), *p = buf;
    char path[256] = "";
    fill_table(L, idx, 0, ndim, shape, &p, fname, path);
    tensor *t = tensor_from_data(ndim, shape, buf);
    lua_pop(L, 1);
    if (!t) core_error(L, fname);
    return t;
}

tensor *lunet_astensor(lua_State *L, int idx, const char *fname)
{
    tensor *t = lunet_totensor(L, idx);
    if (t) return tensor_retain(t);
    if (luaL_testudata(L, idx, LUNET_TENSOR_MT)) luaL_argerror(L, idx, "tensor was closed");
    if (lua_type(L, idx) == LUA_TNUMBER) return tensor_scalar((float)lua_tonumber(L, idx));
    if (lua_istable(L, idx)) return from_table(L, idx, fname);
    luaL_typeerror(L, idx, "tensor, number or table");
    return NULL;
}

/* Tensor argument given as a tensor, a number or a table: borrowed, the box (if new) pushed. */
static tensor *arg_tensor(lua_State *L, int idx, const char *fname)
{
    tensor *t = lunet_totensor(L, idx);
    if (t) return t;
    t = lunet_astensor(L, idx, fname);
    push(L, t, fname);
    lua_replace(L, idx);   /* the box now lives in the argument's slot */
    return t;
}

/* ---- dims and indices: 1-based in Lua, negative counts from the end ---- */

static int checkdim(lua_State *L, int arg, const tensor *t, const char *fname)
{
    char b[96];
    lua_Integer d0 = luaL_checkinteger(L, arg), d = d0;
    if (d < 0) d += t->ndim + 1;        /* -1 is the last dim, as in Torch */
    if (d < 1 || d > t->ndim) {
        if (t->ndim == 0) errorf(L, "%s: dimension %lld is out of range for a 0-d tensor (it has no dimensions)",
                                 fname, (long long)d0);
        errorf(L, "%s: dimension %lld is out of range for a %d-D tensor of shape %s (valid: 1..%d or -%d..-1)",
               fname, (long long)d0, t->ndim, ln_shape_str(b, t->ndim, t->shape), t->ndim, t->ndim);
    }
    return (int)d - 1;
}

static int optdim(lua_State *L, int arg, const tensor *t, const char *fname, int def)
{
    return lua_isnoneornil(L, arg) ? def : checkdim(L, arg, t, fname);
}

/* A position for a new dim (unsqueeze, stack): 1..ndim+1; -1 appends. */
static int checknewdim(lua_State *L, int arg, int ndim, const char *fname)
{
    lua_Integer d0 = luaL_checkinteger(L, arg), d = d0;
    if (d < 0) d += ndim + 2;
    if (d < 1 || d > ndim + 1)
        errorf(L, "%s: dimension %lld is out of range for inserting into a %d-D tensor (valid: 1..%d or -%d..-1)",
               fname, (long long)d0, ndim, ndim + 1, ndim + 1);
    return (int)d - 1;
}

/* Index i into dim d of t: 1..size, negative counts from the end; returns 0-based. */
static int64_t checkindex_dim(lua_State *L, const tensor *t, int d, lua_Integer i, const char *fname)
{
    char b[96];
    lua_Integer i0 = i;
    if (i < 0) i += t->shape[d] + 1;
    if (i < 1 || i > t->shape[d])
        errorf(L, "%s: index %lld is out of range for dimension %d of size %lld (shape %s)", fname,
               (long long)i0, d + 1, (long long)t->shape[d], ln_shape_str(b, t->ndim, t->shape));
    return (int64_t)i - 1;
}

static int64_t checkindex(lua_State *L, const tensor *t, lua_Integer i, const char *fname)
{
    if (t->ndim == 0) errorf(L, "%s: a 0-d tensor cannot be indexed (use :item())", fname);
    return checkindex_dim(L, t, 0, i, fname);
}

/* In-place writes into a tensor that is part of a graph would silently corrupt its gradients. */
static void check_writable(lua_State *L, const tensor *t, const char *fname)
{
    if (t->requires_grad && ag_enabled())
        errorf(L, "%s: cannot modify a tensor that requires grad in place; do it inside "
               "tensor.no_grad(function() ... end), or on t:detach()", fname);
}

/* ---- creation ---- */

static int l_tensor_call(lua_State *L)   /* tensor{...} or tensor(t) */
{
    if (lua_gettop(L) < 2) return errorf(L, "tensor: expected a table of numbers, e.g. tensor{{1,2},{3,4}}");
    tensor *src = lunet_totensor(L, 2);
    if (src) return push(L, tensor_clone(src), "tensor");
    if (lua_type(L, 2) != LUA_TNUMBER && !lua_istable(L, 2))
        return errorf(L, "bad argument #1 to 'tensor' (table expected, got %s)", luaL_typename(L, 2));
    lunet_pushtensor(L, lunet_astensor(L, 2, "tensor"));
    return 1;
}

#define SHAPED_CREATOR(lname, fname, expr)                              \
    static int lname(lua_State *L)                                      \
    {                                                                   \
        int64_t shape[T_MAXDIM];                                        \
        int n = lunet_checkshape(L, 1, shape, fname);                   \
        check_new_shape(L, n, shape, fname);                            \
        return push(L, expr, fname);                                    \
    }
SHAPED_CREATOR(l_zeros, "zeros", tensor_zeros(n, shape))
SHAPED_CREATOR(l_ones, "ones", tensor_full(n, shape, 1.0f))
SHAPED_CREATOR(l_rand, "rand", tensor_rand(n, shape))
SHAPED_CREATOR(l_randn, "randn", tensor_randn(n, shape))

static int l_full(lua_State *L)   /* full({2,3}, v) or full(2, 3, v) */
{
    int64_t shape[T_MAXDIM];
    int n, top = lua_gettop(L);
    if (top < 2) return errorf(L, "full: expected a shape and a value, e.g. tensor.full({2,3}, 0.5)");
    float v = (float)luaL_checknumber(L, top);
    lua_settop(L, top - 1);
    if (lua_istable(L, 1) && top != 2) return errorf(L, "full: expected a shape and a value, e.g. tensor.full({2,3}, 0.5)");
    n = lunet_checkshape(L, 1, shape, "full");
    check_new_shape(L, n, shape, "full");
    return push(L, tensor_full(n, shape, v), "full");
}

static int l_eye(lua_State *L)
{
    int64_t shape[2];
    shape[0] = shape[1] = (int64_t)luaL_checkinteger(L, 1);
    check_new_shape(L, 2, shape, "eye");
    return push(L, tensor_eye(shape[0]), "eye");
}

static int l_arange(lua_State *L)
{
    double a = luaL_checknumber(L, 1), b, s = luaL_optnumber(L, 3, 1);
    if (lua_isnoneornil(L, 2)) { b = a; a = 0; }
    else b = luaL_checknumber(L, 2);
    if (s == 0 || !isfinite(a) || !isfinite(b) || !isfinite(s))
        return errorf(L, "arange: step must be non-zero and bounds finite (got start=%g, stop=%g, step=%g)", a, b, s);
    double c = ceil((b - a) / s);
    if (c > 1e15) return errorf(L, "arange: %g elements are too many (start=%g, stop=%g, step=%g)", c, a, b, s);
    int64_t n = c > 0 ? (int64_t)c : 0;
    check_new_shape(L, 1, &n, "arange");
    return push(L, tensor_arange(a, b, s), "arange");
}

static int l_linspace(lua_State *L)
{
    double a = luaL_checknumber(L, 1), b = luaL_checknumber(L, 2);
    int64_t n = (int64_t)luaL_optinteger(L, 3, 50);
    if (n < 0) return errorf(L, "linspace: number of points must be >= 0, got %lld", (long long)n);
    check_new_shape(L, 1, &n, "linspace");
    return push(L, tensor_linspace(a, b, n), "linspace");
}

static int l_seed(lua_State *L)
{
    rng_seed((uint64_t)luaL_checkinteger(L, 1));
    return 0;
}

static int l_is_tensor(lua_State *L)
{
    lua_pushboolean(L, luaL_testudata(L, 1, LUNET_TENSOR_MT) != NULL);
    return 1;
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

static int m_size(lua_State *L)
{
    tensor *t = lunet_checktensor(L, 1);
    if (lua_isnoneornil(L, 2)) return m_shape(L);
    lua_pushinteger(L, t->shape[checkdim(L, 2, t, "size")]);
    return 1;
}

static int m_dim(lua_State *L) { lua_pushinteger(L, lunet_checktensor(L, 1)->ndim); return 1; }
static int m_numel(lua_State *L) { lua_pushinteger(L, lunet_checktensor(L, 1)->numel); return 1; }
static int m_is_contiguous(lua_State *L) { lua_pushboolean(L, tensor_is_contiguous(lunet_checktensor(L, 1))); return 1; }

static int m_item(lua_State *L)
{
    tensor *t = lunet_checktensor(L, 1);
    char b[96];
    if (t->numel != 1)
        return errorf(L, "item: only one-element tensors can be converted to a number (shape %s has %lld elements)",
                      ln_shape_str(b, t->ndim, t->shape), (long long)t->numel);
    lua_pushnumber(L, tensor_item(t));
    return 1;
}

static void push_nested(lua_State *L, const tensor *t, int d, int64_t off)
{
    if (d == t->ndim) { lua_pushnumber(L, t->st->data[off]); return; }
    lua_createtable(L, t->shape[d] < INT32_MAX ? (int)t->shape[d] : 0, 0);
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

/* Flat access in row-major order, 1-based: t:_get(k), t:_set(k, v). For numgrad/gradcheck,
 * which perturb one element at a time (also through views), and for printing. */
static int64_t flat_offset(lua_State *L, const tensor *t, const char *fname)
{
    char b[96];
    lua_Integer k = luaL_checkinteger(L, 2);
    if (k < 1 || k > t->numel)
        errorf(L, "%s: flat index %lld is out of range for %lld elements (shape %s)", fname, (long long)k,
               (long long)t->numel, ln_shape_str(b, t->ndim, t->shape));
    int64_t r = (int64_t)k - 1, off = t->offset;
    for (int d = t->ndim - 1; d >= 0; d--) { off += (r % t->shape[d]) * t->stride[d]; r /= t->shape[d]; }
    return off;
}

static int m_flat_get(lua_State *L)
{
    tensor *t = lunet_checktensor(L, 1);
    lua_pushnumber(L, t->st->data[flat_offset(L, t, "_get")]);
    return 1;
}

static int m_flat_set(lua_State *L)
{
    tensor *t = lunet_checktensor(L, 1);
    int64_t off = flat_offset(L, t, "_set");
    t->st->data[off] = (float)luaL_checknumber(L, 3);
    return 0;
}

static int m_len(lua_State *L)
{
    tensor *t = lunet_checktensor(L, 1);
    if (t->ndim == 0) return errorf(L, "#: a 0-d tensor has no length (use :item())");
    lua_pushinteger(L, t->shape[0]);
    return 1;
}

static int64_t index_key(lua_State *L, const tensor *t, const char *fname)
{
    int isint;
    lua_Integer i = lua_tointegerx(L, 2, &isint);
    if (!isint) errorf(L, "%s: index must be an integer, got %s", fname, luaL_tolstring(L, 2, NULL));
    return checkindex(L, t, i, fname);
}

/* t[i]: a number for 1-D, else a view of row i; t.grad; methods. */
static int t_index(lua_State *L)
{
    luaL_checkudata(L, 1, LUNET_TENSOR_MT);
    if (lua_type(L, 2) == LUA_TSTRING) {
        const char *k = lua_tostring(L, 2);
        if (strcmp(k, "grad") == 0) {
            tensor *t = lunet_checktensor(L, 1);
            if (t->grad) lunet_pushtensor(L, tensor_retain(t->grad)); else lua_pushnil(L);
            return 1;
        }
        lua_getfield(L, lua_upvalueindex(1), k);   /* methods; closed tensors fail when called */
        return 1;
    }
    tensor *t = lunet_checktensor(L, 1);
    if (lua_type(L, 2) != LUA_TNUMBER)
        return errorf(L, "index: tensors take integer indices or method names, got %s", luaL_typename(L, 2));
    int64_t i = index_key(L, t, "index");
    if (t->ndim == 1) { lua_pushnumber(L, t->st->data[t->offset + i * t->stride[0]]); return 1; }
    return push(L, tensor_select(t, 0, i), "index");
}

static int t_newindex(lua_State *L)
{
    tensor *t = lunet_checktensor(L, 1);
    if (lua_type(L, 2) == LUA_TNUMBER) {
        int64_t i = index_key(L, t, "index assignment");
        check_writable(L, t, "index assignment");
        if (t->ndim == 1 && lua_type(L, 3) == LUA_TNUMBER) {
            t->st->data[t->offset + i * t->stride[0]] = (float)lua_tonumber(L, 3);
            return 0;
        }
        if (lua_type(L, 3) != LUA_TNUMBER && !lua_istable(L, 3) && !luaL_testudata(L, 3, LUNET_TENSOR_MT))
            return errorf(L, "index assignment: expected a number or a tensor, got %s", luaL_typename(L, 3));
        tensor *src = arg_tensor(L, 3, "index assignment");
        push(L, tensor_select(t, 0, i), "index assignment");
        if (tensor_copy_(lunet_totensor(L, -1), src) < 0) return core_error(L, "index assignment");
        return 0;
    }
    if (lua_type(L, 2) == LUA_TSTRING && strcmp(lua_tostring(L, 2), "grad") == 0) {
        char b1[96], b2[96];
        tensor *g = lua_isnil(L, 3) ? NULL : lunet_checktensor(L, 3);
        if (g && !tensor_same_shape(g, t))
            return errorf(L, "grad: gradient shape %s does not match tensor shape %s",
                          ln_shape_str(b1, g->ndim, g->shape), ln_shape_str(b2, t->ndim, t->shape));
        tensor_retain(g);
        tensor_release(t->grad);
        t->grad = g;
        return 0;
    }
    return errorf(L, "tensor: cannot set field '%s' (tensors take integer indices)", luaL_tolstring(L, 2, NULL));
}

static int t_tostring(lua_State *L)
{
    tbox *box = luaL_checkudata(L, 1, LUNET_TENSOR_MT);
    if (!box->t) { lua_pushliteral(L, "tensor(closed)"); return 1; }
    tensor *t = box->t;
    /* pretty-printing lives in Lua (lua/tensor.lua) when it has been loaded */
    lua_getfield(L, lua_upvalueindex(1), "_format");
    if (lua_isfunction(L, -1)) { lua_pushvalue(L, 1); lua_call(L, 1, 1); return 1; }
    char b[96];
    lua_pushfstring(L, "tensor(shape=%s)", ln_shape_str(b, t->ndim, t->shape));
    return 1;
}

/* ---- shape ---- */

static int m_reshape(lua_State *L)
{
    int64_t shape[T_MAXDIM];
    char b[96];
    tensor *t = lunet_checktensor(L, 1);
    int n = lunet_checkshape(L, 2, shape, "reshape"), infer = 0;
    for (int d = 0; d < n; d++) {
        if (shape[d] == -1 && infer++) return errorf(L, "reshape: only one size can be -1, got %s", ln_shape_str(b, n, shape));
        if (shape[d] < -1) return errorf(L, "reshape: negative size in shape %s", ln_shape_str(b, n, shape));
    }
    return push(L, tensor_reshape(t, n, shape), "reshape");
}

static int m_flatten(lua_State *L) { return push(L, tensor_flatten(lunet_checktensor(L, 1)), "flatten"); }

/* transpose(d1, d2); with no dims: swaps a matrix, reverses the dims otherwise (numpy's .T). */
static int m_transpose(lua_State *L)
{
    tensor *t = lunet_checktensor(L, 1);
    if (lua_isnoneornil(L, 2) && lua_isnoneornil(L, 3)) {
        if (t->ndim < 2) { lua_settop(L, 1); return 1; }   /* numpy: a vector is its own transpose */
        if (t->ndim == 2) return push(L, tensor_transpose(t, 0, 1), "transpose");
        int perm[T_MAXDIM];
        for (int d = 0; d < t->ndim; d++) perm[d] = t->ndim - 1 - d;
        return push(L, tensor_permute(t, perm), "transpose");
    }
    int d1 = checkdim(L, 2, t, "transpose"), d2 = checkdim(L, 3, t, "transpose");
    return push(L, tensor_transpose(t, d1, d2), "transpose");
}

static int m_T(lua_State *L) { lua_settop(L, 1); return m_transpose(L); }

static int m_permute(lua_State *L)
{
    tensor *t = lunet_checktensor(L, 1);
    int64_t dims[T_MAXDIM];
    int perm[T_MAXDIM], seen[T_MAXDIM] = {0};
    int n = lunet_checkshape(L, 2, dims, "permute");
    if (n != t->ndim) {
        char b[96];
        return errorf(L, "permute: expected %d dims for shape %s, got %d", t->ndim, ln_shape_str(b, t->ndim, t->shape), n);
    }
    for (int k = 0; k < n; k++) {
        int64_t d = dims[k] < 0 ? dims[k] + n + 1 : dims[k];
        if (d < 1 || d > n || seen[d - 1]++)
            return errorf(L, "permute: dims must be a permutation of 1..%d, got %lld at position %d", n,
                          (long long)dims[k], k + 1);
        perm[k] = (int)d - 1;
    }
    return push(L, tensor_permute(t, perm), "permute");
}

static int m_squeeze(lua_State *L)
{
    tensor *t = lunet_checktensor(L, 1);
    if (lua_isnoneornil(L, 2)) return push(L, tensor_squeeze(t, -1), "squeeze");
    int d = checkdim(L, 2, t, "squeeze");
    if (t->shape[d] != 1) {
        char b[96];
        return errorf(L, "squeeze: dimension %d has size %lld, not 1 (shape %s)", d + 1,
                      (long long)t->shape[d], ln_shape_str(b, t->ndim, t->shape));
    }
    return push(L, tensor_squeeze(t, d), "squeeze");
}

static int m_unsqueeze(lua_State *L)
{
    tensor *t = lunet_checktensor(L, 1);
    if (t->ndim >= T_MAXDIM) return errorf(L, "unsqueeze: a tensor has at most %d dimensions", T_MAXDIM);
    return push(L, tensor_unsqueeze(t, checknewdim(L, 2, t->ndim, "unsqueeze")), "unsqueeze");
}

static int m_narrow(lua_State *L)
{
    char b[96];
    tensor *t = lunet_checktensor(L, 1);
    int d = checkdim(L, 2, t, "narrow");
    lua_Integer start = luaL_checkinteger(L, 3), len = luaL_checkinteger(L, 4), s = start;
    if (s < 0) s += t->shape[d] + 1;
    if (s < 1 || s > t->shape[d] + 1 || len < 0 || len > t->shape[d] - s + 1)
        return errorf(L, "narrow: start %lld and length %lld do not fit dimension %d of size %lld (shape %s)",
                      (long long)start, (long long)len, d + 1, (long long)t->shape[d],
                      ln_shape_str(b, t->ndim, t->shape));
    return push(L, tensor_narrow(t, d, s - 1, len), "narrow");
}

static int m_select(lua_State *L)
{
    tensor *t = lunet_checktensor(L, 1);
    int d = checkdim(L, 2, t, "select");
    int64_t i = checkindex_dim(L, t, d, luaL_checkinteger(L, 3), "select");
    return push(L, tensor_select(t, d, i), "select");
}

static int m_expand(lua_State *L)
{
    int64_t shape[T_MAXDIM];
    tensor *t = lunet_checktensor(L, 1);
    int n = lunet_checkshape(L, 2, shape, "expand");
    return push(L, tensor_expand(t, n, shape), "expand");
}

static int m_clone(lua_State *L) { return push(L, tensor_clone(lunet_checktensor(L, 1)), "clone"); }
static int m_contiguous(lua_State *L) { return push(L, tensor_contiguous(lunet_checktensor(L, 1)), "contiguous"); }

/* cat({a, b, ...}, d) and stack({a, b, ...}, d): the list's tensors are borrowed from it. */
static int cat_or_stack(lua_State *L, int stack)
{
    const char *fname = stack ? "stack" : "cat";
    luaL_checktype(L, 1, LUA_TTABLE);
    lua_settop(L, 2);
    lua_Integer n = luaL_len(L, 1);
    if (n < 1) return errorf(L, "%s: expected a non-empty list of tensors", fname);
    if (n > INT32_MAX) return errorf(L, "%s: too many tensors", fname);
    tensor **ts = lua_newuserdatauv(L, (size_t)n * sizeof *ts, 0);
    lua_newtable(L);   /* keeps the boxes of converted tables alive */
    int keep = lua_gettop(L);
    for (lua_Integer i = 0; i < n; i++) {
        lua_geti(L, 1, i + 1);
        tensor *t = lunet_totensor(L, -1);
        if (!t && (lua_istable(L, -1) || lua_type(L, -1) == LUA_TNUMBER)) {
            t = lunet_astensor(L, -1, fname);
            push(L, t, fname);
            lua_rawseti(L, keep, i + 1);
        } else if (!t) {
            return errorf(L, "bad argument #1 to '%s' (item %d is a %s, expected a tensor)", fname, (int)i + 1,
                          kind_of(L, -1));
        }
        lua_pop(L, 1);
        ts[i] = t;
    }
    int d;
    lua_settop(L, keep);
    lua_pushvalue(L, 2);
    int arg = lua_gettop(L);
    if (lua_isnil(L, arg)) { lua_pop(L, 1); lua_pushinteger(L, 1); }
    d = stack ? checknewdim(L, arg, ts[0]->ndim, fname) : checkdim(L, arg, ts[0], fname);
    return push(L, stack ? tensor_stack((int)n, ts, d) : tensor_cat((int)n, ts, d), fname);
}

static int l_cat(lua_State *L) { return cat_or_stack(L, 0); }
static int l_stack(lua_State *L) { return cat_or_stack(L, 1); }

/* ---- arithmetic ---- */

static const char *const bin_fname[BIN_COUNT] = {
    "add", "sub", "mul", "div", "pow", "maximum", "minimum", "gt", "ge", "lt", "le", "eq", "ne"
};

static int binary(lua_State *L, binop op)
{
    const char *fname = bin_fname[op];
    tensor *a = lunet_totensor(L, 1), *b = lunet_totensor(L, 2);
    if (a && b) return push(L, tensor_binary(op, a, b), fname);
    if (a && lua_type(L, 2) == LUA_TNUMBER) return push(L, tensor_binary_scalar(op, a, (float)lua_tonumber(L, 2), 0), fname);
    if (b && lua_type(L, 1) == LUA_TNUMBER) return push(L, tensor_binary_scalar(op, b, (float)lua_tonumber(L, 1), 1), fname);
    for (int i = 1; i <= 2; i++)
        if (!lunet_totensor(L, i) && lua_type(L, i) != LUA_TNUMBER && !lua_istable(L, i)) {
            if (luaL_testudata(L, i, LUNET_TENSOR_MT)) luaL_argerror(L, i, "tensor was closed");
            luaL_typeerror(L, i, "tensor or number");
        }
    if (!a && !b && lua_type(L, 1) == LUA_TNUMBER && lua_type(L, 2) == LUA_TNUMBER)
        return errorf(L, "%s: expected at least one tensor, got two numbers", fname);
    /* a table operand: convert it, then combine */
    tensor *x = arg_tensor(L, 1, fname), *y = arg_tensor(L, 2, fname);
    return push(L, tensor_binary(op, x, y), fname);
}

#define BINARY(lname, op) static int lname(lua_State *L) { return binary(L, op); }
BINARY(m_add, BIN_ADD) BINARY(m_sub, BIN_SUB) BINARY(m_mul, BIN_MUL) BINARY(m_div, BIN_DIV)
BINARY(m_pow, BIN_POW) BINARY(m_maximum, BIN_MAX) BINARY(m_minimum, BIN_MIN)
BINARY(m_gt, BIN_GT) BINARY(m_ge, BIN_GE) BINARY(m_lt, BIN_LT) BINARY(m_le, BIN_LE)
BINARY(m_eq, BIN_EQ) BINARY(m_ne, BIN_NE)

#define UNARY(lname, op, fname) \
    static int lname(lua_State *L) { return push(L, tensor_unary(op, lunet_checktensor(L, 1)), fname); }
UNARY(m_neg, UN_NEG, "neg") UNARY(m_exp, UN_EXP, "exp") UNARY(m_log, UN_LOG, "log")
UNARY(m_sqrt, UN_SQRT, "sqrt") UNARY(m_abs, UN_ABS, "abs") UNARY(m_sin, UN_SIN, "sin")
UNARY(m_cos, UN_COS, "cos") UNARY(m_tanh, UN_TANH, "tanh") UNARY(m_sigmoid, UN_SIGMOID, "sigmoid")
UNARY(m_relu, UN_RELU, "relu") UNARY(m_step, UN_STEP, "step") UNARY(m_square, UN_SQUARE, "square")
UNARY(m_sign, UN_SIGN, "sign")

static int m_clamp(lua_State *L)
{
    tensor *t = lunet_checktensor(L, 1);
    double lo = luaL_optnumber(L, 2, -HUGE_VAL), hi = luaL_optnumber(L, 3, HUGE_VAL);
    if (lo > hi) return errorf(L, "clamp: lower bound %g is greater than upper bound %g", lo, hi);
    return push(L, tensor_clamp(t, (float)lo, (float)hi), "clamp");
}

/* The default slope is Keras' keras.activations.leaky_relu (0.2), as for the "leaky_relu"
 * activation of nn layers; nn.LeakyReLU() follows Keras' layer default (0.3). */
static int m_leaky_relu(lua_State *L)
{
    tensor *t = lunet_checktensor(L, 1);
    return push(L, tensor_leaky_relu(t, (float)luaL_optnumber(L, 2, 0.2)), "leaky_relu");
}

static int m_softmax(lua_State *L)
{
    tensor *t = lunet_checktensor(L, 1);
    if (t->ndim == 0) return errorf(L, "softmax: needs a tensor with at least 1 dimension, got a 0-d tensor");
    return push(L, tensor_softmax(t, optdim(L, 2, t, "softmax", t->ndim - 1)), "softmax");
}

static int m_log_softmax(lua_State *L)
{
    tensor *t = lunet_checktensor(L, 1);
    if (t->ndim == 0) return errorf(L, "log_softmax: needs a tensor with at least 1 dimension, got a 0-d tensor");
    return push(L, tensor_log_softmax(t, optdim(L, 2, t, "log_softmax", t->ndim - 1)), "log_softmax");
}

static int m_dropout(lua_State *L)
{
    tensor *t = lunet_checktensor(L, 1);
    double p = luaL_checknumber(L, 2);
    if (!(p >= 0 && p < 1)) return errorf(L, "dropout: probability must be in [0, 1), got %g", p);
    return push(L, tensor_dropout(t, (float)p), "dropout");
}

static int m_matmul(lua_State *L)
{
    tensor *a = lunet_checktensor(L, 1), *b = lunet_checktensor(L, 2);   /* in order, for the message */
    return push(L, tensor_matmul(a, b), "matmul");
}

static int l_where(lua_State *L)
{
    if (lua_gettop(L) < 3) return errorf(L, "where: expected (mask, a, b)");
    tensor *m = arg_tensor(L, 1, "where"), *a = arg_tensor(L, 2, "where"), *b = arg_tensor(L, 3, "where");
    return push(L, tensor_where(m, a, b), "where");
}

static int m_masked(lua_State *L)
{
    tensor *t = lunet_checktensor(L, 1);
    if (lua_isnoneornil(L, 2)) luaL_typeerror(L, 2, "tensor");
    return push(L, tensor_masked_select(t, arg_tensor(L, 2, "masked")), "masked");
}

/* In place, Torch7 style: t:fill(v), t:copy(src); both return t. */
static int m_fill(lua_State *L)
{
    tensor *t = lunet_checktensor(L, 1);
    float v = (float)luaL_checknumber(L, 2);
    check_writable(L, t, "fill");
    tensor_fill_(t, v);
    lua_settop(L, 1);
    return 1;
}

static int m_copy(lua_State *L)
{
    tensor *t = lunet_checktensor(L, 1);
    if (lua_isnoneornil(L, 2)) luaL_typeerror(L, 2, "tensor");
    tensor *src = arg_tensor(L, 2, "copy");
    check_writable(L, t, "copy");
    if (tensor_copy_(t, src) < 0) return core_error(L, "copy");
    lua_settop(L, 1);
    return 1;
}

/* ---- reductions: t:sum([dim [, keepdim]]) ---- */

static int reduce(lua_State *L, redop op, const char *fname)
{
    tensor *t = lunet_checktensor(L, 1);
    int keep = lua_toboolean(L, 3);
    int d = optdim(L, 2, t, fname, -1);
    push(L, tensor_reduce(op, t, d, keep), fname);
    if (op == RED_ARGMAX || op == RED_ARGMIN)   /* the core counts from 0, Lua from 1 */
        push(L, tensor_binary_scalar(BIN_ADD, lunet_totensor(L, -1), 1.0f, 0), fname);
    if (d < 0 && keep && t->ndim > 0) {   /* numpy's keepdims without an axis: all ones */
        int64_t ones[T_MAXDIM];
        for (int k = 0; k < t->ndim; k++) ones[k] = 1;
        push(L, tensor_reshape(lunet_totensor(L, -1), t->ndim, ones), fname);
    }
    return 1;
}

#define REDUCE(lname, op, fname) static int lname(lua_State *L) { return reduce(L, op, fname); }
REDUCE(m_sum, RED_SUM, "sum") REDUCE(m_mean, RED_MEAN, "mean") REDUCE(m_max, RED_MAX, "max")
REDUCE(m_min, RED_MIN, "min") REDUCE(m_var, RED_VAR, "var") REDUCE(m_std, RED_STD, "std")
REDUCE(m_argmax, RED_ARGMAX, "argmax") REDUCE(m_argmin, RED_ARGMIN, "argmin")

/* ---- autograd ---- */

static int m_requires_grad(lua_State *L)
{
    tensor *t = lunet_checktensor(L, 1);
    int on = lua_isnoneornil(L, 2) ? 1 : lua_toboolean(L, 2);
    if (t->node && !on)
        return errorf(L, "requires_grad: only leaves can be unmarked; this tensor was computed by %s "
                      "(use t:detach() for a copy outside the graph)", t->node->op->name);
    t->requires_grad = on;
    lua_settop(L, 1);
    return 1;
}

static int m_needs_grad(lua_State *L) { lua_pushboolean(L, lunet_checktensor(L, 1)->requires_grad); return 1; }
static int m_is_leaf(lua_State *L) { lua_pushboolean(L, lunet_checktensor(L, 1)->node == NULL); return 1; }

static int m_grad_fn(lua_State *L)
{
    tensor *t = lunet_checktensor(L, 1);
    if (t->node) lua_pushstring(L, t->node->op->name); else lua_pushnil(L);
    return 1;
}

/* y:backward([grad] [, {retain_graph = true}]) */
static int m_backward(lua_State *L)
{
    tensor *t = lunet_checktensor(L, 1);
    tensor *g = NULL;
    int retain = 0;
    lua_settop(L, 3);
    /* an options table is told from a gradient given as a table by its retain_graph field */
    if (lua_istable(L, 2) && lua_isnil(L, 3) && lua_getfield(L, 2, "retain_graph") != LUA_TNIL) {
        lua_replace(L, 3);
        lua_pushnil(L);
        lua_replace(L, 2);
    } else if (lua_istable(L, 3)) {
        lua_getfield(L, 3, "retain_graph");
        lua_replace(L, 3);
    }
    retain = lua_toboolean(L, 3);
    if (!lua_isnil(L, 2)) g = arg_tensor(L, 2, "backward");
    int rc = ag_backward(t, g, retain);
    if (ag_take_anomaly() || rc < 0) return core_error(L, "backward");
    return 0;
}

static int m_zero_grad(lua_State *L)
{
    tensor *t = lunet_checktensor(L, 1);
    if (t->grad) tensor_fill_(t->grad, 0.0f);
    lua_settop(L, 1);
    return 1;
}

static int m_detach(lua_State *L) { return push(L, tensor_detach(lunet_checktensor(L, 1)), "detach"); }

/* tensor.no_grad(fn, ...): runs fn with graph building off, restoring the mode even on error. */
static int l_no_grad(lua_State *L)
{
    luaL_checktype(L, 1, LUA_TFUNCTION);
    int was = ag_set_enabled(0);
    int rc = lua_pcall(L, lua_gettop(L) - 1, LUA_MULTRET, 0);
    ag_set_enabled(was);
    if (rc != LUA_OK) return lua_error(L);
    return lua_gettop(L);
}

static int l_set_grad_enabled(lua_State *L)
{
    luaL_checkany(L, 1);
    lua_pushboolean(L, ag_set_enabled(lua_toboolean(L, 1)));
    return 1;
}

static int l_is_grad_enabled(lua_State *L) { lua_pushboolean(L, ag_enabled()); return 1; }

/* autograd.detect_anomaly([flag]) → the previous setting */
static int l_detect_anomaly(lua_State *L)
{
    int was = ag_detect_anomaly();
    if (!lua_isnone(L, 1)) ag_set_detect_anomaly(lua_toboolean(L, 1));
    lua_pushboolean(L, was);
    return 1;
}

/* autograd._graph(y) → { {depth=, op=, shape=, id=, requires_grad=, leaf=, freed=, grad=}, ... }
 * in ag_walk's depth-first order (y first, depth 0). A tensor reached twice has the same id and
 * is expanded only the first time. The walk is done twice, counting then recording, into a Lua
 * buffer, so that raising a Lua error while building the table leaks nothing. */
typedef struct { tensor *t; int depth; } gentry;
typedef struct { gentry *v; int64_t n, cap; } gwalk;

static void graph_visit(tensor *t, int depth, void *ctx)
{
    gwalk *w = ctx;
    if (w->v && w->n < w->cap) { w->v[w->n].t = t; w->v[w->n].depth = depth; }
    w->n++;
}

static int l_graph(lua_State *L)
{
    tensor *y = lunet_checktensor(L, 1);
    gwalk w = {NULL, 0, 0};
    ag_walk(y, graph_visit, &w);
    w.cap = w.n; w.n = 0;
    w.v = lua_newuserdatauv(L, (size_t)(w.cap ? w.cap : 1) * sizeof *w.v, 0);
    ag_walk(y, graph_visit, &w);
    if (w.n > w.cap) w.n = w.cap;
    lua_newtable(L);   /* pointer -> id */
    int ids = lua_gettop(L), next_id = 0;
    lua_createtable(L, (int)w.n, 0);
    for (int64_t k = 0; k < w.n; k++) {
        tensor *t = w.v[k].t;
        lua_createtable(L, 0, 8);
        lua_pushinteger(L, w.v[k].depth); lua_setfield(L, -2, "depth");
        lua_pushstring(L, t->node ? t->node->op->name : t->requires_grad ? "leaf" : "const");
        lua_setfield(L, -2, "op");
        lua_createtable(L, t->ndim, 0);
        for (int d = 0; d < t->ndim; d++) { lua_pushinteger(L, t->shape[d]); lua_rawseti(L, -2, d + 1); }
        lua_setfield(L, -2, "shape");
        lua_pushlightuserdata(L, t);
        if (lua_rawget(L, ids) == LUA_TNIL) {
            lua_pop(L, 1);
            lua_pushinteger(L, ++next_id);
            lua_pushlightuserdata(L, t);
            lua_pushvalue(L, -2);
            lua_rawset(L, ids);
        }
        lua_setfield(L, -2, "id");
        lua_pushboolean(L, t->requires_grad); lua_setfield(L, -2, "requires_grad");
        lua_pushboolean(L, t->node == NULL); lua_setfield(L, -2, "leaf");
        lua_pushboolean(L, t->graph_freed); lua_setfield(L, -2, "freed");
        lua_pushinteger(L, t->node ? t->node->ninputs : 0); lua_setfield(L, -2, "ninputs");
        if (t->numel == 1) { lua_pushnumber(L, tensor_item(t)); lua_setfield(L, -2, "value"); }
        if (t->grad) { lunet_pushtensor(L, tensor_retain(t->grad)); lua_setfield(L, -2, "grad"); }
        lua_rawseti(L, -2, k + 1);
    }
    return 1;
}

static const luaL_Reg tensor_funcs[] = {
    {"zeros", l_zeros}, {"ones", l_ones}, {"full", l_full}, {"eye", l_eye}, {"rand", l_rand},
    {"randn", l_randn}, {"arange", l_arange}, {"linspace", l_linspace}, {"seed", l_seed},
    {"matmul", m_matmul}, {"dot", m_matmul}, {"cat", l_cat}, {"stack", l_stack}, {"where", l_where},
    {"maximum", m_maximum}, {"minimum", m_minimum}, {"no_grad", l_no_grad},
    {"set_grad_enabled", l_set_grad_enabled}, {"is_grad_enabled", l_is_grad_enabled},
    {"is_tensor", l_is_tensor},
    {NULL, NULL}
};

static const luaL_Reg tensor_methods[] = {
    /* inspection */
    {"shape", m_shape}, {"size", m_size}, {"dim", m_dim}, {"numel", m_numel}, {"item", m_item},
    {"totable", m_totable}, {"is_contiguous", m_is_contiguous}, {"_get", m_flat_get}, {"_set", m_flat_set},
    /* shape */
    {"reshape", m_reshape}, {"view", m_reshape}, {"flatten", m_flatten}, {"transpose", m_transpose}, {"T", m_T},
    {"permute", m_permute}, {"squeeze", m_squeeze}, {"unsqueeze", m_unsqueeze}, {"narrow", m_narrow},
    {"select", m_select}, {"expand", m_expand}, {"clone", m_clone}, {"contiguous", m_contiguous},
    /* arithmetic */
    {"add", m_add}, {"sub", m_sub}, {"mul", m_mul}, {"div", m_div}, {"pow", m_pow},
    {"maximum", m_maximum}, {"minimum", m_minimum}, {"neg", m_neg},
    {"exp", m_exp}, {"log", m_log}, {"sqrt", m_sqrt}, {"abs", m_abs}, {"sin", m_sin}, {"cos", m_cos},
    {"tanh", m_tanh}, {"sigmoid", m_sigmoid}, {"relu", m_relu}, {"step", m_step}, {"square", m_square},
    {"sign", m_sign}, {"clamp", m_clamp}, {"leaky_relu", m_leaky_relu}, {"softmax", m_softmax},
    {"log_softmax", m_log_softmax}, {"dropout", m_dropout}, {"matmul", m_matmul}, {"dot", m_matmul},
    {"gt", m_gt}, {"ge", m_ge}, {"lt", m_lt}, {"le", m_le}, {"eq", m_eq}, {"ne", m_ne},
    {"masked", m_masked}, {"fill", m_fill}, {"copy", m_copy},
    /* reductions */
    {"sum", m_sum}, {"mean", m_mean}, {"max", m_max}, {"min", m_min}, {"var", m_var}, {"std", m_std},
    {"argmax", m_argmax}, {"argmin", m_argmin},
    /* autograd */
    {"requires_grad", m_requires_grad}, {"needs_grad", m_needs_grad}, {"is_leaf", m_is_leaf},
    {"grad_fn", m_grad_fn}, {"backward", m_backward}, {"zero_grad", m_zero_grad}, {"detach", m_detach},
    {NULL, NULL}
};

static const luaL_Reg tensor_meta[] = {
    {"__gc", t_gc}, {"__close", t_gc}, {"__len", m_len}, {"__newindex", t_newindex},
    {"__add", m_add}, {"__sub", m_sub}, {"__mul", m_mul}, {"__div", m_div}, {"__pow", m_pow},
    {"__unm", m_neg},
    {NULL, NULL}
};

static const luaL_Reg autograd_funcs[] = {
    {"detect_anomaly", l_detect_anomaly}, {"_graph", l_graph}, {"no_grad", l_no_grad},
    {"set_enabled", l_set_grad_enabled}, {"is_enabled", l_is_grad_enabled},
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

    /* lunet.autograd: the C part; lua/autograd.lua adds numgrad, gradcheck, graph, dot */
    lua_newtable(L);
    luaL_setfuncs(L, autograd_funcs, 0);
    lua_setfield(L, -2, "autograd");

    lua_pushcfunction(L, l_stats);
    lua_setfield(L, -2, "stats");
}
