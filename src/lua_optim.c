/* lua_optim.c — optim in Lua: optim.SGD / Adam / RMSprop / Adagrad and the optimizer type.
 *   optim.Adam{lr = 1e-3}                  a spec, unbound: for compile, or opt:bind(params) later
 *   optim.Adam(params [, {lr = 1e-3}])     bound now; params a list of tensors, a model or a layer
 *   opt:zero_grad(); loss:backward(); opt:step()
 *   opt.lr = 0.01                          any hyperparameter may be changed between steps
 * Options take the names of optim.h and Keras' names (learning_rate, beta_1, beta_2, epsilon).
 * Arguments are checked here; the updates are in optim.c. */
#include <string.h>

#include "lua_nn.h"

typedef struct { optimizer *o; } obox;

optimizer *lunet_tooptim(lua_State *L, int idx)
{
    obox *b = luaL_testudata(L, idx, LUNET_OPTIM_MT);
    return b ? b->o : NULL;
}

optimizer *lunet_checkoptim(lua_State *L, int idx)
{
    obox *b = luaL_testudata(L, idx, LUNET_OPTIM_MT);
    if (!b) luaL_typeerror(L, idx, "optimizer");
    if (!b->o) luaL_argerror(L, idx, "optimizer was closed");
    return b->o;
}

static obox *new_box(lua_State *L)
{
    obox *b = lua_newuserdatauv(L, sizeof *b, 0);
    b->o = NULL;
    luaL_setmetatable(L, LUNET_OPTIM_MT);
    return b;
}

void lunet_pushoptim(lua_State *L, optimizer *o)
{
    if (!o) { lunet_error(L); return; }
    new_box(L)->o = o;
}

static int optim_gc(lua_State *L)
{
    obox *b = luaL_checkudata(L, 1, LUNET_OPTIM_MT);
    optim_release(b->o);
    b->o = NULL;
    return 0;
}

optimizer *lunet_checkoptimizer_arg(lua_State *L, int idx, const char *fname)
{
    optimizer *o = lunet_tooptim(L, idx);
    if (o) return optim_retain(o);
    if (lua_type(L, idx) == LUA_TSTRING) {
        int k = optim_kind_from_name(lua_tostring(L, idx));
        if (k < 0) luaL_error(L, "%s: %s", fname, ln_error());
        o = optim_new((optim_kind)k, NULL);
        if (!o) lunet_error(L);
        return o;
    }
    luaL_error(L, "%s: optimizer must be a name (\"adam\", \"sgd\", \"rmsprop\", \"adagrad\") or an optimizer "
               "such as optim.Adam{lr = 1e-3}, got %s", fname, luaL_typename(L, idx));
    return NULL;
}

/* ---- hyperparameters by name ---- */

typedef struct { const char *name, *alias; size_t off; int is_bool; unsigned kinds; } hyper;
#define K(k) (1u << (k))
#define ALL (K(OPT_SGD) | K(OPT_ADAM) | K(OPT_RMSPROP) | K(OPT_ADAGRAD))
static const hyper hypers[] = {
    {"lr", "learning_rate", offsetof(optim_config, lr), 0, ALL},
    {"momentum", NULL, offsetof(optim_config, momentum), 0, K(OPT_SGD) | K(OPT_RMSPROP)},
    {"nesterov", NULL, offsetof(optim_config, nesterov), 1, K(OPT_SGD)},
    {"weight_decay", NULL, offsetof(optim_config, weight_decay), 0, ALL},
    {"beta1", "beta_1", offsetof(optim_config, beta1), 0, K(OPT_ADAM)},
    {"beta2", "beta_2", offsetof(optim_config, beta2), 0, K(OPT_ADAM)},
    {"rho", NULL, offsetof(optim_config, rho), 0, K(OPT_RMSPROP)},
    {"eps", "epsilon", offsetof(optim_config, eps), 0, K(OPT_ADAM) | K(OPT_RMSPROP) | K(OPT_ADAGRAD)},
    {"initial_accumulator_value", NULL, offsetof(optim_config, initial_accumulator_value), 0, K(OPT_ADAGRAD)},
};
#define NHYPERS (sizeof hypers / sizeof *hypers)

static const hyper *find_hyper(optim_kind k, const char *name)
{
    for (size_t j = 0; j < NHYPERS; j++)
        if ((hypers[j].kinds & K(k)) && (strcmp(hypers[j].name, name) == 0 || (hypers[j].alias && strcmp(hypers[j].alias, name) == 0)))
            return &hypers[j];
    return NULL;
}

static void valid_names(optim_kind k, char *buf, size_t n)
{
    size_t used = 0;
    buf[0] = 0;
    for (size_t j = 0; j < NHYPERS && used < n; j++)
        if (hypers[j].kinds & K(k)) used += (size_t)snprintf(buf + used, n - used, used ? ", %s" : "%s", hypers[j].name);
}

/* Sets hyperparameter h of c from the Lua value at idx. */
static void set_hyper(lua_State *L, optim_kind k, optim_config *c, const hyper *h, int idx)
{
    char *field = (char *)c + h->off;
    if (h->is_bool) {
        if (!lua_isboolean(L, idx)) luaL_error(L, "%s: %s must be true or false, got %s", optim_kind_name[k], h->name, luaL_typename(L, idx));
        *(int *)field = lua_toboolean(L, idx);
    } else {
        if (lua_type(L, idx) != LUA_TNUMBER) luaL_error(L, "%s: %s must be a number, got %s", optim_kind_name[k], h->name, luaL_typename(L, idx));
        *(float *)field = (float)lua_tonumber(L, idx);
    }
}

static void read_options(lua_State *L, int opts, optim_kind k, optim_config *c)
{
    char names[256];
    lua_pushnil(L);
    while (lua_next(L, opts)) {
        const hyper *h = lua_type(L, -2) == LUA_TSTRING ? find_hyper(k, lua_tostring(L, -2)) : NULL;
        if (!h) {
            valid_names(k, names, sizeof names);
            if (lua_type(L, -2) == LUA_TSTRING)
                luaL_error(L, "optim.%s: unknown option '%s' (valid: %s)", optim_kind_name[k], lua_tostring(L, -2), names);
            luaL_error(L, "optim.%s: options must be named, as in {lr = 0.01} (valid: %s)", optim_kind_name[k], names);
        }
        set_hyper(L, k, c, h, lua_gettop(L));
        lua_pop(L, 1);
    }
}

/* ---- binding to parameters ---- */

/* Collects the tensors at idx (a list of tensors, one tensor, a model or a layer) into a
 * Lua-owned array, so an error half-way leaks nothing; returns the count, array pushed. */
static int collect_params(lua_State *L, int idx, const char *who, tensor ***out)
{
    model *m = lunet_tomodel(L, idx);
    layer *l = lunet_tolayer(L, idx);
    tensor *t = lunet_totensor(L, idx);
    int n;
    if (m) n = model_parameters(m, NULL, 0);
    else if (l) n = l->nparams;
    else if (t) n = 1;
    else if (lua_type(L, idx) == LUA_TTABLE) n = (int)luaL_len(L, idx);
    else {
        luaL_error(L, "%s: expected the parameters to optimize (a list of tensors, or a model), got %s", who, luaL_typename(L, idx));
        return 0;
    }
    tensor **ps = lua_newuserdatauv(L, (size_t)(n ? n : 1) * sizeof *ps, 0);
    if (m) model_parameters(m, ps, n);
    else if (l) for (int k = 0; k < n; k++) ps[k] = l->params[k];
    else if (t) ps[0] = t;
    else
        for (int k = 0; k < n; k++) {
            lua_geti(L, idx, k + 1);
            ps[k] = lunet_totensor(L, -1);
            if (!ps[k]) luaL_error(L, "%s: parameter %d is a %s, expected a tensor", who, k + 1, luaL_typename(L, -1));
            lua_pop(L, 1);   /* the list keeps the box alive while we bind */
        }
    if ((m || l) && n == 0)
        luaL_error(L, "%s: the model has no parameters yet; build it first (give input_shape, or call it on a batch)", who);
    *out = ps;
    return n;
}

static void bind_from(lua_State *L, optimizer *o, int idx)
{
    char who[48];
    snprintf(who, sizeof who, "optim.%s", optim_kind_name[o->kind]);
    tensor **ps = NULL;
    int n = collect_params(L, idx, who, &ps);
    if (optim_bind(o, n, ps) < 0) lunet_error(L);
    lua_pop(L, 1);
}

/* optim.X([params] [, opts]) — upvalue 1 is the kind */
static int l_make(lua_State *L)
{
    optim_kind k = (optim_kind)lua_tointeger(L, lua_upvalueindex(1));
    optim_config c = optim_defaults(k);
    int params = 0, opts = 0;
    int t1 = lua_type(L, 1);
    /* A table with a first item, a tensor, a model or a layer is a parameter list; a table of
     * named options is the spec. */
    if (t1 == LUA_TTABLE) {
        lua_geti(L, 1, 1);
        int listy = !lua_isnil(L, -1) || !lua_isnoneornil(L, 2);
        lua_pop(L, 1);
        if (listy) params = 1; else opts = 1;
    } else if (t1 == LUA_TUSERDATA) params = 1;
    else if (t1 != LUA_TNONE && t1 != LUA_TNIL)
        luaL_error(L, "optim.%s: expected options {lr = ...} or (params, {lr = ...}), got %s", optim_kind_name[k], luaL_typename(L, 1));
    if (params) {
        if (lua_type(L, 2) == LUA_TTABLE) opts = 2;
        else if (!lua_isnoneornil(L, 2)) luaL_error(L, "optim.%s: the second argument must be an options table such as {lr = 0.01}", optim_kind_name[k]);
    }
    if (opts) read_options(L, opts, k, &c);
    obox *b = new_box(L);
    b->o = optim_new(k, &c);
    if (!b->o) return lunet_error(L);
    if (params) bind_from(L, b->o, params);
    return 1;
}

/* ---- methods ---- */

static int m_bind(lua_State *L)
{
    optimizer *o = lunet_checkoptim(L, 1);
    bind_from(L, o, 2);
    lua_settop(L, 1);
    return 1;
}

static int m_step(lua_State *L)
{
    if (optim_step(lunet_checkoptim(L, 1)) < 0) return lunet_error(L);
    return 0;
}

static int m_zero_grad(lua_State *L)
{
    optim_zero_grad(lunet_checkoptim(L, 1));
    return 0;
}

static int m_params(lua_State *L)
{
    optimizer *o = lunet_checkoptim(L, 1);
    lua_createtable(L, o->nparams, 0);
    for (int i = 0; i < o->nparams; i++) { lunet_pushtensor(L, tensor_retain(o->params[i])); lua_rawseti(L, -2, i + 1); }
    return 1;
}

/* opt:state() → {iterations = n, {momentum = t, velocity = t}, ...}: one table of slot tensors per
 * parameter (the optimizer's own buffers, not copies), for checkpoints and for looking inside. */
static int m_state(lua_State *L)
{
    optimizer *o = lunet_checkoptim(L, 1);
    lua_createtable(L, o->nparams, 1);
    lua_pushinteger(L, o->iterations);
    lua_setfield(L, -2, "iterations");
    for (int i = 0; i < o->nparams; i++) {
        lua_newtable(L);
        for (int s = 0; s < optim_num_slots(o); s++) {
            tensor *t = optim_slot(o, i, s);
            if (!t) continue;
            lunet_pushtensor(L, tensor_retain(t));
            lua_setfield(L, -2, optim_slot_name(o, s));
        }
        lua_rawseti(L, -2, i + 1);
    }
    return 1;
}

/* opt:set_state(state): restores what state() returned (values copied in). */
static int m_set_state(lua_State *L)
{
    optimizer *o = lunet_checkoptim(L, 1);
    luaL_checktype(L, 2, LUA_TTABLE);
    if (lua_getfield(L, 2, "iterations") == LUA_TNUMBER) o->iterations = (int64_t)lua_tointeger(L, -1);
    lua_pop(L, 1);
    for (int i = 0; i < o->nparams; i++) {
        if (lua_geti(L, 2, i + 1) == LUA_TTABLE)
            for (int s = 0; s < optim_num_slots(o); s++) {
                lua_getfield(L, -1, optim_slot_name(o, s));
                tensor *t = lunet_totensor(L, -1);
                if (t && optim_set_slot(o, i, s, t) < 0) return lunet_error(L);
                lua_pop(L, 1);
            }
        lua_pop(L, 1);
    }
    lua_settop(L, 1);
    return 1;
}

static int optim_index(lua_State *L)
{
    optimizer *o = lunet_checkoptim(L, 1);
    if (lua_type(L, 2) != LUA_TSTRING) return 0;
    const char *k = lua_tostring(L, 2);
    if (lua_getfield(L, lua_upvalueindex(1), k) != LUA_TNIL) return 1;
    const hyper *h = find_hyper(o->kind, k);
    if (h) {
        const char *field = (const char *)&o->cfg + h->off;
        if (h->is_bool) lua_pushboolean(L, *(const int *)field);
        else lua_pushnumber(L, *(const float *)field);
    } else if (strcmp(k, "iterations") == 0) lua_pushinteger(L, o->iterations);
    else if (strcmp(k, "name") == 0) lua_pushstring(L, optim_kind_name[o->kind]);
    else if (strcmp(k, "bound") == 0) lua_pushboolean(L, o->params != NULL);
    else lua_pushnil(L);
    return 1;
}

static int optim_newindex(lua_State *L)
{
    optimizer *o = lunet_checkoptim(L, 1);
    const char *k = luaL_checkstring(L, 2);
    if (strcmp(k, "iterations") == 0) {
        lua_Integer n = luaL_checkinteger(L, 3);
        if (n < 0) return luaL_error(L, "%s: iterations must be >= 0", optim_kind_name[o->kind]);
        o->iterations = n;
        return 0;
    }
    const hyper *h = find_hyper(o->kind, k);
    if (!h) {
        char names[256];
        valid_names(o->kind, names, sizeof names);
        return luaL_error(L, "%s: cannot set '%s' (settable: %s, iterations)", optim_kind_name[o->kind], k, names);
    }
    optim_config c = o->cfg;
    set_hyper(L, o->kind, &c, h, 3);
    if (optim_check_config(o->kind, &c) < 0) return lunet_error(L);
    o->cfg = c;
    return 0;
}

static int optim_tostring(lua_State *L)
{
    optimizer *o = lunet_checkoptim(L, 1);
    char buf[256];
    optim_describe(o, buf, sizeof buf);
    if (!o->params) { lua_pushfstring(L, "%s, not bound to parameters yet", buf); return 1; }
    int64_t numbers = 0;
    for (int i = 0; i < o->nparams; i++) numbers += o->params[i]->numel;
    lua_pushfstring(L, "%s, over %d tensors (%I numbers), %I steps taken", buf, o->nparams,
                    (lua_Integer)numbers, (lua_Integer)o->iterations);
    return 1;
}

void lunet_open_optim(lua_State *L)
{
    static const luaL_Reg meta[] = {
        {"__gc", optim_gc}, {"__close", optim_gc}, {"__newindex", optim_newindex}, {"__tostring", optim_tostring},
        {NULL, NULL}
    };
    static const luaL_Reg methods[] = {
        {"bind", m_bind}, {"step", m_step}, {"zero_grad", m_zero_grad}, {"parameters", m_params},
        {"state", m_state}, {"set_state", m_set_state},
        {NULL, NULL}
    };
    int lunet = lua_gettop(L);
    lua_newtable(L);   /* optim */
    luaL_newmetatable(L, LUNET_OPTIM_MT);
    luaL_setfuncs(L, meta, 0);
    lua_pushliteral(L, "optimizer");
    lua_setfield(L, -2, "__name");
    lua_newtable(L);
    luaL_setfuncs(L, methods, 0);
    lua_pushvalue(L, -1);
    lua_setfield(L, -3, "methods");
    lua_pushvalue(L, -1);
    lua_setfield(L, -4, "_methods");
    lua_pushcclosure(L, optim_index, 1);
    lua_setfield(L, -2, "__index");
    lua_pop(L, 1);
    for (int k = 0; k < OPT_COUNT; k++) {
        lua_pushinteger(L, k);
        lua_pushcclosure(L, l_make, 1);
        lua_setfield(L, -2, optim_kind_name[k]);
    }
    lua_setfield(L, lunet, "optim");
}
