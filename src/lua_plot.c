/* lua_plot.c — the C part of the plot module: gnuplot processes as Lua objects, and data (tensors
 * or Lua arrays) formatted into gnuplot data blocks. The policy — which commands draw which plot,
 * which terminal to use — is in lua/plot.lua, which takes these functions from lunet.plot and
 * hides them (names starting with "_").
 *
 * A process box holds one plot_proc; __gc and __close share one idempotent stop, so a figure that
 * is dropped never leaves a gnuplot (or a zombie) behind. Scratch arrays are Lua userdata, so a Lua
 * error half-way leaks nothing. */
#include <string.h>
#include <unistd.h>

#include "bindings.h"
#include "plot.h"

#define PROC_MT "lunet.plot.proc"

typedef struct { plot_proc *p; } pbox;

/* Raises the core's error as it is: "plot: ..." messages read the same wherever they come from. */
static int plot_error(lua_State *L)
{
    lua_pushstring(L, ln_error());
    return lua_error(L);
}

static plot_proc *checkproc(lua_State *L)
{
    pbox *b = luaL_checkudata(L, 1, PROC_MT);
    if (!b->p) luaL_error(L, "plot: this gnuplot was stopped");
    return b->p;
}

/* _start([exe]) -> process; raises the "gnuplot not found" message when it is missing */
static int l_start(lua_State *L)
{
    const char *exe = luaL_optstring(L, 1, "gnuplot");
    pbox *b = lua_newuserdatauv(L, sizeof *b, 0);
    b->p = NULL;
    luaL_setmetatable(L, PROC_MT);
    b->p = plot_start(exe);
    if (!b->p) return plot_error(L);
    return 1;
}

/* proc:run(script [, timeout]) -> out, err  |  nil, "exited", err
 * out: what gnuplot printed on stdout for this script (dumb text, sixel); err: its stderr. */
static int p_run(lua_State *L)
{
    plot_proc *p = checkproc(L);
    size_t len;
    const char *script = luaL_checklstring(L, 2, &len);
    double timeout = luaL_optnumber(L, 3, 60);
    plot_reply r;
    memset(&r, 0, sizeof r);
    int rc = plot_run(p, script, len, timeout, &r);
    if (rc == -1) {
        plot_reply_free(&r);
        return plot_error(L);
    }
    if (rc == PLOT_DIED) {
        lua_pushnil(L);
        lua_pushliteral(L, "exited");
        lua_pushlstring(L, r.err.s ? r.err.s : "", r.err.n);
        plot_reply_free(&r);
        return 3;
    }
    lua_pushlstring(L, r.out.s ? r.out.s : "", r.out.n);
    lua_pushlstring(L, r.err.s ? r.err.s : "", r.err.n);
    plot_reply_free(&r);
    return 2;
}

static int p_alive(lua_State *L)
{
    pbox *b = luaL_checkudata(L, 1, PROC_MT);
    lua_pushboolean(L, b->p && plot_alive(b->p));
    return 1;
}

static int p_pid(lua_State *L)
{
    pbox *b = luaL_checkudata(L, 1, PROC_MT);
    lua_pushinteger(L, b->p ? plot_pid(b->p) : 0);
    return 1;
}

static int p_stop(lua_State *L)
{
    pbox *b = luaL_checkudata(L, 1, PROC_MT);
    plot_stop(b->p);
    b->p = NULL;
    return 0;
}

/* ---- data ---- */

/* Reads argument idx (a tensor of any shape, read flat, or a Lua array of numbers) into a Lua-owned
 * float array pushed on the stack; returns it and its length. */
static float *checkfloats(lua_State *L, int idx, int64_t *n, const char *fname)
{
    idx = lua_absindex(L, idx);
    tensor *t = lunet_totensor(L, idx);
    if (t) {
        float *buf = lua_newuserdatauv(L, (size_t)(t->numel ? t->numel : 1) * sizeof(float), 0);
        tensor_copy_out(t, buf);
        *n = t->numel;
        return buf;
    }
    if (!lua_istable(L, idx))
        luaL_error(L, "%s: expected a tensor or a table of numbers, got %s", fname, luaL_typename(L, idx));
    int64_t len = (int64_t)luaL_len(L, idx);
    float *buf = lua_newuserdatauv(L, (size_t)(len ? len : 1) * sizeof(float), 0);
    for (int64_t i = 0; i < len; i++) {
        lua_geti(L, idx, i + 1);
        int isnum;
        lua_Number v = lua_tonumberx(L, -1, &isnum);
        if (!isnum) {
            tensor *e = lunet_totensor(L, -1);
            if (e && e->numel == 1) v = tensor_item(e), isnum = 1;
        }
        if (!isnum)
            luaL_error(L, "%s: item %lld is a %s, expected a number", fname, (long long)i + 1,
                       luaL_typename(L, -1));
        buf[i] = (float)v;
        lua_pop(L, 1);
    }
    *n = len;
    return buf;
}

static void push_buf(lua_State *L, plot_buf *b)
{
    lua_pushlstring(L, b->s ? b->s : "", b->n);
    plot_buf_free(b);
}

/* _columns(name, c1, c2, ...) -> the text of data block $name with one column per argument */
static int l_columns(lua_State *L)
{
    const char *name = luaL_checkstring(L, 1);
    int ncols = lua_gettop(L) - 1;
    if (ncols < 1 || ncols > 16) luaL_error(L, "plot: 1 to 16 data columns, got %d", ncols);
    const float *cols[16];
    int64_t n = -1;
    for (int c = 0; c < ncols; c++) {
        int64_t k;
        cols[c] = checkfloats(L, c + 2, &k, "plot");
        if (n >= 0 && k != n)
            luaL_error(L, "plot: data columns have different lengths (%lld and %lld)", (long long)n, (long long)k);
        n = k;
    }
    plot_buf b = {0};
    if (plot_datablock(&b, name, ncols, n, cols) < 0) { plot_buf_free(&b); return lunet_error(L); }
    push_buf(L, &b);
    return 1;
}

/* _matrix(name, m [, rows, cols]) -> text of data block $name holding m as rows of numbers.
 * m is a 2-D tensor, or anything of rows*cols numbers when rows and cols are given. */
static int l_matrix(lua_State *L)
{
    const char *name = luaL_checkstring(L, 1);
    int64_t n, rows, cols;
    tensor *t = lunet_totensor(L, 2);
    const float *data = checkfloats(L, 2, &n, "plot");
    if (!lua_isnoneornil(L, 3)) {
        rows = luaL_checkinteger(L, 3);
        cols = luaL_checkinteger(L, 4);
        if (rows * cols != n)
            luaL_error(L, "plot: %lld numbers do not make a %lldx%lld matrix", (long long)n, (long long)rows,
                       (long long)cols);
    } else if (t && t->ndim == 2) {
        rows = t->shape[0];
        cols = t->shape[1];
    } else {
        return luaL_error(L, "plot: expected a 2-D tensor (a matrix)");
    }
    plot_buf b = {0};
    if (plot_matrixblock(&b, name, rows, cols, data) < 0) { plot_buf_free(&b); return lunet_error(L); }
    push_buf(L, &b);
    return 1;
}

/* _values(x) -> Lua array of the numbers in x (tensor read flat, or a table), and x's shape */
static int l_values(lua_State *L)
{
    int64_t n;
    const float *v = checkfloats(L, 1, &n, "plot");
    lua_createtable(L, (int)n, 0);
    for (int64_t i = 0; i < n; i++) {
        lua_pushnumber(L, v[i]);
        lua_rawseti(L, -2, i + 1);
    }
    tensor *t = lunet_totensor(L, 1);
    lua_createtable(L, t ? t->ndim : 1, 0);
    if (t) {
        for (int d = 0; d < t->ndim; d++) {
            lua_pushinteger(L, t->shape[d]);
            lua_rawseti(L, -2, d + 1);
        }
    } else {
        lua_pushinteger(L, n);
        lua_rawseti(L, -2, 1);
    }
    return 2;
}

/* _grid(xmin, xmax, ymin, ymax, nx, ny) -> tensor [nx*ny, 2] of grid points, x fastest */
static int l_grid(lua_State *L)
{
    double xmin = luaL_checknumber(L, 1), xmax = luaL_checknumber(L, 2);
    double ymin = luaL_checknumber(L, 3), ymax = luaL_checknumber(L, 4);
    lua_Integer nx = luaL_checkinteger(L, 5), ny = luaL_checkinteger(L, 6);
    luaL_argcheck(L, nx >= 1 && nx <= 4096, 5, "grid size must be 1..4096");
    luaL_argcheck(L, ny >= 1 && ny <= 4096, 6, "grid size must be 1..4096");
    int64_t shape[2] = {nx * ny, 2};
    tensor *t = tensor_empty(2, shape);
    if (t) plot_grid(tensor_data(t), xmin, xmax, nx, ymin, ymax, ny);
    lunet_pushtensor(L, t);
    return 1;
}

/* _termsize() -> cols, rows, xpixels, ypixels of the terminal on stdout, or nil */
static int l_termsize(lua_State *L)
{
    int c, r, xp, yp;
    if (plot_term_size(STDOUT_FILENO, &c, &r, &xp, &yp) < 0) return 0;
    lua_pushinteger(L, c);
    lua_pushinteger(L, r);
    lua_pushinteger(L, xp);
    lua_pushinteger(L, yp);
    return 4;
}

static int l_isatty(lua_State *L)
{
    lua_pushboolean(L, isatty((int)luaL_optinteger(L, 1, STDOUT_FILENO)));
    return 1;
}

static const luaL_Reg plot_funcs[] = {
    {"_start", l_start}, {"_columns", l_columns}, {"_matrix", l_matrix}, {"_values", l_values},
    {"_grid", l_grid}, {"_termsize", l_termsize}, {"_isatty", l_isatty},
    {NULL, NULL}
};

static const luaL_Reg proc_methods[] = {
    {"run", p_run}, {"alive", p_alive}, {"pid", p_pid}, {"stop", p_stop},
    {NULL, NULL}
};

void lunet_open_plot(lua_State *L)
{
    luaL_newmetatable(L, PROC_MT);
    lua_pushcfunction(L, p_stop);
    lua_setfield(L, -2, "__gc");
    lua_pushcfunction(L, p_stop);
    lua_setfield(L, -2, "__close");
    lua_pushliteral(L, "gnuplot process");
    lua_setfield(L, -2, "__name");
    lua_newtable(L);
    luaL_setfuncs(L, proc_methods, 0);
    lua_setfield(L, -2, "__index");
    lua_pop(L, 1);

    lua_newtable(L);
    luaL_setfuncs(L, plot_funcs, 0);
    lua_setfield(L, -2, "plot");
}
