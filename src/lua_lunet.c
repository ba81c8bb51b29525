/* lua_lunet.c — luaopen_lunet: builds the lunet table from the C bindings and the embedded Lua.
 * Used by both the lunet binary (main.c) and `require "lunet"` from the stock lua5.4. */
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "bindings.h"

typedef struct { const char *name; const char *src; size_t len; } lunet_lua_file;
extern const lunet_lua_file lunet_lua_files[];

/* lunet._load(name): runs lua/<name>.lua (compiled in) with the lunet table as its argument. */
static int l_load(lua_State *L)
{
    const char *name = luaL_checkstring(L, 1);
    for (const lunet_lua_file *f = lunet_lua_files; f->name; f++) {
        if (strcmp(f->name, name) != 0) continue;
        char chunkname[64];
        snprintf(chunkname, sizeof chunkname, "@lua/%s.lua", f->name);
        if (luaL_loadbuffer(L, f->src, f->len, chunkname) != LUA_OK) return lua_error(L);
        lua_pushvalue(L, lua_upvalueindex(1));
        lua_call(L, 1, 1);
        return 1;
    }
    return luaL_error(L, "lunet._load: no built-in Lua file named '%s'", name);
}

/* Edit distance between a and the n bytes at b (small strings: option names). */
static size_t edit_distance(const char *a, const char *b, size_t n)
{
    size_t m = strlen(a), row[64];
    if (m >= 63 || n >= 63) return 99;
    for (size_t j = 0; j <= n; j++) row[j] = j;
    for (size_t i = 1; i <= m; i++) {
        size_t diag = row[0];
        row[0] = i;
        for (size_t j = 1; j <= n; j++) {
            size_t up = row[j], best = diag + (a[i - 1] != b[j - 1]);
            if (up + 1 < best) best = up + 1;
            if (row[j - 1] + 1 < best) best = row[j - 1] + 1;
            diag = up;
            row[j] = best;
        }
    }
    return row[n];
}

void lunet_checkopts(lua_State *L, int idx, const char *who, const char *valid)
{
    idx = lua_absindex(L, idx);
    lua_pushnil(L);
    while (lua_next(L, idx)) {
        lua_pop(L, 1);
        if (lua_type(L, -1) != LUA_TSTRING) luaL_error(L, "%s: options must be named, as in {name = value}", who);
        const char *k = lua_tostring(L, -1);
        size_t n = strlen(k);
        int found = 0;
        const char *near = NULL;       /* a valid name one or two typos away, as a hint */
        size_t near_len = 0, near_d = 3;
        for (const char *p = valid; *p && !found;) {
            const char *e = strchr(p, ' ');
            size_t len = e ? (size_t)(e - p) : strlen(p);
            found = len == n && strncmp(p, k, n) == 0;
            size_t d = edit_distance(k, p, len);
            if (d < near_d) { near = p; near_len = len; near_d = d; }
            p += len + (e ? 1 : 0);
        }
        if (found) continue;
        luaL_Buffer b;
        luaL_buffinit(L, &b);
        for (const char *q = valid; *q; q++) {
            if (*q == ' ') luaL_addstring(&b, ", ");
            else luaL_addchar(&b, *q);
        }
        luaL_pushresult(&b);
        const char *list = lua_tostring(L, -1);
        if (near)
            luaL_error(L, "%s: unknown option '%s' — did you mean '%s'? (valid: %s)", who, k,
                       lua_pushlstring(L, near, near_len), list);
        luaL_error(L, "%s: unknown option '%s' (valid: %s)", who, k, list);
    }
}

int lunet_getopt(lua_State *L, int opts, const char *key)
{
    if (!opts) { lua_pushnil(L); return LUA_TNIL; }
    return lua_getfield(L, opts, key);
}

/* lunet._now(): monotonic wall-clock seconds, for timeit and progress lines (os.clock is CPU
 * time, which BLAS threads inflate). */
static int l_now(lua_State *L)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    lua_pushnumber(L, (double)ts.tv_sec + ts.tv_nsec * 1e-9);
    return 1;
}

/* lunet._listdir(path) -> the directory's real path and a sorted list of its entries, or nil.
 * lunet._mkdir_p(path) -> true, or nil and a message. For the Lua modules that keep files
 * (lesson progress) and look for them (lessons), without going through a shell. */

static int l_listdir(lua_State *L)
{
    const char *path = luaL_checkstring(L, 1);
    char real[PATH_MAX];
    DIR *d = realpath(path, real) ? opendir(real) : NULL;
    if (!d) return 0;
    lua_pushstring(L, real);
    lua_newtable(L);
    int n = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL)
        if (e->d_name[0] != '.') { lua_pushstring(L, e->d_name); lua_rawseti(L, -2, ++n); }
    closedir(d);
    lua_getglobal(L, "table");
    lua_getfield(L, -1, "sort");
    lua_pushvalue(L, -3);
    lua_call(L, 1, 0);
    lua_pop(L, 1);
    return 2;
}

static int l_mkdir_p(lua_State *L)
{
    size_t n;
    const char *path = luaL_checklstring(L, 1, &n);
    luaL_Buffer b;
    char *p = luaL_buffinitsize(L, &b, n + 1);
    memcpy(p, path, n + 1);
    for (size_t i = 1; i <= n; i++) {
        if (p[i] != '/' && p[i] != 0) continue;
        char c = p[i];
        p[i] = 0;
        if (mkdir(p, 0777) != 0 && errno != EEXIST) {
            lua_pushnil(L);
            lua_pushfstring(L, "cannot create %s: %s", p, strerror(errno));
            return 2;
        }
        p[i] = c;
    }
    lua_pushboolean(L, 1);
    return 1;
}

int luaopen_lunet(lua_State *L);
int luaopen_lunet(lua_State *L)
{
    /* Tensors are small boxes with finalizers, made by the thousand in a training loop. The
     * incremental collector runs only a few finalizers per step and falls behind (memory grows
     * without bound); the generational one (lua.c's default too) keeps such loops flat. */
    lua_gc(L, LUA_GCGEN, 0, 0);
    lua_newtable(L);
    lua_pushliteral(L, LUNET_VERSION);
    lua_setfield(L, -2, "version");
    lua_pushcfunction(L, l_now);
    lua_setfield(L, -2, "_now");
    lua_pushcfunction(L, l_listdir);
    lua_setfield(L, -2, "_listdir");
    lua_pushcfunction(L, l_mkdir_p);
    lua_setfield(L, -2, "_mkdir_p");
    lunet_open_tensor(L);
    lunet_open_nn(L);
    lunet_open_data(L);
    lunet_open_plot(L);
    lunet_open_train(L);
    lua_pushvalue(L, -1);
    lua_pushcclosure(L, l_load, 1);
    lua_pushvalue(L, -1);
    lua_setfield(L, -3, "_load");
    lua_pushliteral(L, "init");
    lua_call(L, 1, 0);        /* lua/init.lua loads the rest in order */
    return 1;
}
