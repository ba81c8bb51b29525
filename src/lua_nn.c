/* lua_nn.c — nn in Lua: layer constructors (nn.Dense, nn.Linear, nn.Flatten, ...), the layer and
 * Sequential types, and nn.losses. Arguments are checked here and results pushed here; the maths
 * is in the core (nn.h, model.h, losses.h). Presentation (summary) is in lua/nn.lua.
 *
 * Boxes (see lua_nn.h): a layer box's user value 1 caches the boxes of its parameters; a model
 * box's user value 1 holds the boxes of its layers and user value 2 a table for fields set from
 * Lua (model.history = ...). */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "lua_nn.h"

typedef struct { layer *l; } lbox;
typedef struct { model *m; } mbox;

/* ---- boxes ---- */

layer *lunet_tolayer(lua_State *L, int idx)
{
    lbox *b = luaL_testudata(L, idx, LUNET_LAYER_MT);
    return b ? b->l : NULL;
}

model *lunet_tomodel(lua_State *L, int idx)
{
    mbox *b = luaL_testudata(L, idx, LUNET_MODEL_MT);
    return b ? b->m : NULL;
}

layer *lunet_checklayer(lua_State *L, int idx)
{
    lbox *b = luaL_testudata(L, idx, LUNET_LAYER_MT);
    if (!b) luaL_typeerror(L, idx, "layer");
    if (!b->l) luaL_argerror(L, idx, "layer was closed");
    return b->l;
}

model *lunet_checkmodel(lua_State *L, int idx)
{
    mbox *b = luaL_testudata(L, idx, LUNET_MODEL_MT);
    if (!b) luaL_typeerror(L, idx, "model");
    if (!b->m) luaL_argerror(L, idx, "model was closed");
    return b->m;
}

/* Empty boxes first, filled by the caller: an error in between leaves nothing half-made. */
static lbox *new_layer_box(lua_State *L)
{
    lbox *b = lua_newuserdatauv(L, sizeof *b, 1);
    b->l = NULL;
    luaL_setmetatable(L, LUNET_LAYER_MT);
    return b;
}

static mbox *new_model_box(lua_State *L)
{
    mbox *b = lua_newuserdatauv(L, sizeof *b, 2);
    b->m = NULL;
    luaL_setmetatable(L, LUNET_MODEL_MT);
    lua_newtable(L);
    lua_setiuservalue(L, -2, 1);
    lua_newtable(L);
    lua_setiuservalue(L, -2, 2);
    return b;
}

void lunet_pushlayer(lua_State *L, layer *l)
{
    if (!l) { lunet_error(L); return; }
    new_layer_box(L)->l = l;
}

void lunet_pushmodel(lua_State *L, model *m)
{
    if (!m) { lunet_error(L); return; }
    new_model_box(L)->m = m;
}

static int layer_gc(lua_State *L)
{
    lbox *b = luaL_checkudata(L, 1, LUNET_LAYER_MT);
    layer_release(b->l);
    b->l = NULL;
    return 0;
}

static int model_gc(lua_State *L)
{
    mbox *b = luaL_checkudata(L, 1, LUNET_MODEL_MT);
    model_release(b->m);
    b->m = NULL;
    return 0;
}

/* The table in user value n of the box at idx (made when missing), pushed. */
static void push_uservalue_table(lua_State *L, int idx, int n)
{
    if (lua_getiuservalue(L, idx, n) != LUA_TTABLE) {
        lua_pop(L, 1);
        lua_newtable(L);
        lua_pushvalue(L, -1);
        lua_setiuservalue(L, idx, n);
    }
}

/* Pushes the box of parameter k of the layer boxed at lidx: the same Lua value each time. */
static void push_param(lua_State *L, int lidx, int k)
{
    layer *l = lunet_checklayer(L, lidx);
    tensor *p = l->params[k];
    push_uservalue_table(L, lidx, 1);
    lua_rawgeti(L, -1, k + 1);
    if (lunet_totensor(L, -1) != p) {
        lua_pop(L, 1);
        lunet_pushtensor(L, tensor_retain(p));
        lua_pushvalue(L, -1);
        lua_rawseti(L, -3, k + 1);
    }
    lua_remove(L, -2);
}

/* Pushes the box of layer k (0-based) of the model boxed at midx: the box the user gave when
 * there was one, else one made now and kept. */
static void push_model_layer(lua_State *L, int midx, int k)
{
    model *m = lunet_checkmodel(L, midx);
    push_uservalue_table(L, midx, 1);
    lua_rawgeti(L, -1, k + 1);
    if (lunet_tolayer(L, -1) != m->layers[k]) {
        lua_pop(L, 1);
        lunet_pushlayer(L, layer_retain(m->layers[k]));
        lua_pushvalue(L, -1);
        lua_rawseti(L, -3, k + 1);
    }
    lua_remove(L, -2);
}

static void push_shape(lua_State *L, int ndim, const int64_t *shape)
{
    lua_createtable(L, ndim, 0);
    for (int d = 0; d < ndim; d++) { lua_pushinteger(L, shape[d]); lua_rawseti(L, -2, d + 1); }
}

/* ---- reading options ---- */

/* A whole number (units, sizes), with a message naming what it is; the range is checked by the core. */
static int64_t check_whole(lua_State *L, int idx, const char *who, const char *what)
{
    int isnum;
    lua_Number v = lua_tonumberx(L, idx, &isnum);
    if (!isnum || lua_type(L, idx) == LUA_TSTRING || v != floor(v) || fabs(v) > 9e15) {
        if (isnum && lua_type(L, idx) == LUA_TNUMBER)
            luaL_error(L, "%s: %s must be a positive integer, got %s", who, what, lua_tostring(L, idx));
        else if (lua_type(L, idx) == LUA_TSTRING)
            luaL_error(L, "%s: %s must be a positive integer, got the string '%s'", who, what, lua_tostring(L, idx));
        else
            luaL_error(L, "%s: %s must be a positive integer, got %s", who, what, luaL_typename(L, idx));
    }
    return (int64_t)v;
}

static float check_float(lua_State *L, int idx, const char *who, const char *what)
{
    if (lua_type(L, idx) != LUA_TNUMBER) luaL_error(L, "%s: %s must be a number, got %s", who, what, luaL_typename(L, idx));
    return (float)lua_tonumber(L, idx);
}

static int opt_float(lua_State *L, int opts, const char *key, const char *who, float *out)
{
    int set = lunet_getopt(L, opts, key) != LUA_TNIL;
    if (set) *out = check_float(L, -1, who, key);
    lua_pop(L, 1);
    return set;
}

static void opt_bool(lua_State *L, int opts, const char *key, int *out)
{
    if (lunet_getopt(L, opts, key) != LUA_TNIL) *out = lua_toboolean(L, -1);
    lua_pop(L, 1);
}

static void opt_activation(lua_State *L, int idx, const char *who, nn_activation *out)
{
    if (lua_isnoneornil(L, idx)) return;
    if (lua_type(L, idx) != LUA_TSTRING)
        luaL_error(L, "%s: activation must be a name such as \"relu\", got %s", who, luaL_typename(L, idx));
    int a = nn_activation_from_name(who, lua_tostring(L, idx));
    if (a < 0) lunet_error(L);
    *out = (nn_activation)a;
}

static void opt_init(lua_State *L, int opts, const char *key, const char *who, nn_init *out)
{
    if (lunet_getopt(L, opts, key) != LUA_TNIL) {
        if (lua_type(L, -1) != LUA_TSTRING)
            luaL_error(L, "%s: %s must be a name such as \"he_normal\", got %s", who, key, luaL_typename(L, -1));
        int k = nn_init_from_name(who, lua_tostring(L, -1));
        if (k < 0) lunet_error(L);
        *out = (nn_init)k;
    }
    lua_pop(L, 1);
}

/* input_shape = {28, 28} or 784, without the batch dimension. */
static void opt_input_shape(lua_State *L, int opts, const char *who, layer_config *c)
{
    int t = lunet_getopt(L, opts, "input_shape");
    if (t == LUA_TNUMBER) {
        c->input_ndim = 1;
        c->input_shape[0] = check_whole(L, -1, who, "input_shape");
    } else if (t == LUA_TTABLE) {
        c->input_ndim = lunet_checkshape(L, lua_gettop(L), c->input_shape, who);
        if (c->input_ndim == 0) luaL_error(L, "%s: input_shape is empty; give the shape of one sample, e.g. {784}", who);
    } else if (t != LUA_TNIL) {
        luaL_error(L, "%s: input_shape must be a table of sizes such as {28, 28}, got %s", who, luaL_typename(L, -1));
    }
    lua_pop(L, 1);
}

/* Makes the layer into the box on top of the stack and applies the name option. */
static int finish_layer(lua_State *L, const layer_type *t, const layer_config *c, int opts)
{
    lbox *b = lua_touserdata(L, -1);
    b->l = layer_new(t, c);
    if (!b->l) return lunet_error(L);
    if (lunet_getopt(L, opts, "name") == LUA_TSTRING) snprintf(b->l->name, sizeof b->l->name, "%s", lua_tostring(L, -1));
    lua_pop(L, 1);
    return 1;
}

static void read_common(lua_State *L, int opts, const char *who, layer_config *c)
{
    opt_input_shape(L, opts, who, c);
    opt_init(L, opts, "kernel_initializer", who, &c->kernel_init);
    opt_init(L, opts, "bias_initializer", who, &c->bias_init);
    opt_bool(L, opts, "use_bias", &c->use_bias);
}

/* ---- constructors ---- */

/* nn.Dense(units [, activation] [, opts]) or nn.Dense{units = 128, activation = "relu", ...} */
static int l_dense(lua_State *L)
{
    const char *who = "Dense";
    layer_config c;
    layer_config_defaults(&c);
    int opts = 0;
    if (lua_type(L, 1) == LUA_TTABLE) {
        opts = 1;
        lunet_checkopts(L, opts, "nn.Dense", "units activation input_shape kernel_initializer bias_initializer use_bias alpha name");
        if (lunet_getopt(L, opts, "units") == LUA_TNIL) luaL_error(L, "Dense: units is missing: nn.Dense(128, \"relu\")");
        c.units = check_whole(L, -1, who, "units");
        lua_pop(L, 1);
        lunet_getopt(L, opts, "activation");
        opt_activation(L, lua_gettop(L), who, &c.activation);
        lua_pop(L, 1);
    } else {
        if (lua_isnoneornil(L, 1)) luaL_error(L, "Dense: units is missing: nn.Dense(128, \"relu\")");
        c.units = check_whole(L, 1, who, "units");
        if (lua_type(L, 2) == LUA_TTABLE) opts = 2;
        else {
            opt_activation(L, 2, who, &c.activation);
            if (lua_type(L, 3) == LUA_TTABLE) opts = 3;
            else if (!lua_isnoneornil(L, 3)) luaL_error(L, "Dense: the third argument must be an options table, got %s", luaL_typename(L, 3));
        }
        if (opts) {
            lunet_checkopts(L, opts, "nn.Dense", "activation input_shape kernel_initializer bias_initializer use_bias alpha name");
            if (lunet_getopt(L, opts, "activation") != LUA_TNIL) opt_activation(L, lua_gettop(L), who, &c.activation);
            lua_pop(L, 1);
        }
    }
    read_common(L, opts, who, &c);
    opt_float(L, opts, "alpha", who, &c.alpha);
    new_layer_box(L);
    return finish_layer(L, &layer_dense, &c, opts);
}

/* nn.Linear(in, out [, bias | opts]) */
static int l_linear(lua_State *L)
{
    const char *who = "Linear";
    layer_config c;
    layer_config_defaults(&c);
    if (lua_isnoneornil(L, 1) || lua_isnoneornil(L, 2)) luaL_error(L, "Linear: expected nn.Linear(inputs, outputs), e.g. nn.Linear(2, 8)");
    c.in_features = check_whole(L, 1, who, "the input size");
    c.units = check_whole(L, 2, who, "the output size");
    int opts = 0;
    if (lua_type(L, 3) == LUA_TBOOLEAN) c.use_bias = lua_toboolean(L, 3);
    else if (lua_type(L, 3) == LUA_TTABLE) {
        opts = 3;
        lunet_checkopts(L, opts, "nn.Linear", "bias use_bias kernel_initializer bias_initializer input_shape name");
        opt_bool(L, opts, "bias", &c.use_bias);
    } else if (!lua_isnoneornil(L, 3)) luaL_error(L, "Linear: the third argument must be true/false (bias) or an options table");
    read_common(L, opts, who, &c);
    new_layer_box(L);
    return finish_layer(L, &layer_linear, &c, opts);
}

/* Flatten, ReLU, Sigmoid, Tanh, Softmax, Step, LeakyReLU([alpha]), Dropout(p), Activation(name):
 * the layer type is upvalue 1. */
static int l_simple_layer(lua_State *L)
{
    const layer_type *t = lua_touserdata(L, lua_upvalueindex(1));
    char who[48];
    snprintf(who, sizeof who, "nn.%s", t->name);
    layer_config c;
    layer_config_defaults(&c);
    int opts = 0, a = 1;
    const char *valid = "input_shape name";
    if (t == &layer_leaky_relu) {
        valid = "alpha negative_slope input_shape name";
        if (lua_type(L, 1) == LUA_TNUMBER) c.alpha = (float)lua_tonumber(L, a++);
    } else if (t == &layer_dropout) {
        valid = "p rate input_shape name";
        if (lua_type(L, 1) == LUA_TNUMBER) c.p = (float)lua_tonumber(L, a++);
        else if (lua_type(L, 1) != LUA_TTABLE) luaL_error(L, "Dropout: expected the drop rate p, as in nn.Dropout(0.2), got %s", luaL_typename(L, 1));
    } else if (t == &layer_activation) {
        valid = "input_shape name alpha";
        if (lua_type(L, 1) != LUA_TSTRING) luaL_error(L, "Activation: expected an activation name, as in nn.Activation(\"relu\"), got %s", luaL_typename(L, 1));
        opt_activation(L, a++, t->name, &c.activation);
    }
    if (lua_type(L, a) == LUA_TTABLE) opts = a;
    else if (!lua_isnoneornil(L, a)) luaL_error(L, "%s: unexpected argument %d (%s)", who, a, luaL_typename(L, a));
    if (opts) {
        lunet_checkopts(L, opts, who, valid);
        opt_float(L, opts, "alpha", t->name, &c.alpha);
        opt_float(L, opts, "negative_slope", t->name, &c.alpha);
        int has_p = opt_float(L, opts, "p", t->name, &c.p) | opt_float(L, opts, "rate", t->name, &c.p);
        if (t == &layer_dropout && !has_p && a == 1) luaL_error(L, "Dropout: expected the drop rate p, as in nn.Dropout(0.2)");
        opt_input_shape(L, opts, t->name, &c);
    }
    new_layer_box(L);
    return finish_layer(L, t, &c, opts);
}

/* ---- the deeper layers: Conv2D, MaxPool2D, BatchNorm, SimpleRNN, LSTM, GRU ---- */

/* A window or stride given as n or {h, w}, into out[2]. */
static void check_pair(lua_State *L, int idx, const char *who, const char *what, int64_t out[2])
{
    if (lua_type(L, idx) == LUA_TTABLE) {
        if (luaL_len(L, idx) != 2) luaL_error(L, "%s: %s must be a number or a pair {h, w}", who, what);
        for (int k = 0; k < 2; k++) {
            lua_geti(L, idx, k + 1);
            out[k] = check_whole(L, -1, who, what);
            lua_pop(L, 1);
        }
    } else {
        out[0] = out[1] = check_whole(L, idx, who, what);
    }
    if (out[0] <= 0 || out[1] <= 0) luaL_error(L, "%s: %s must be positive, got %Ix%I", who, what,
                                               (lua_Integer)out[0], (lua_Integer)out[1]);
}

static int opt_pair(lua_State *L, int opts, const char *key, const char *who, int64_t out[2])
{
    int set = lunet_getopt(L, opts, key) != LUA_TNIL;
    if (set) check_pair(L, lua_gettop(L), who, key, out);
    lua_pop(L, 1);
    return set;
}

static void opt_padding(lua_State *L, int opts, const char *who, nn_padding *out)
{
    if (lunet_getopt(L, opts, "padding") != LUA_TNIL) {
        const char *p = lua_type(L, -1) == LUA_TSTRING ? lua_tostring(L, -1) : NULL;
        if (p && strcmp(p, "valid") == 0) *out = PAD_VALID;
        else if (p && strcmp(p, "same") == 0) *out = PAD_SAME;
        else luaL_error(L, "%s: padding must be \"valid\" or \"same\", got %s%s%s", who, p ? "'" : "",
                        p ? p : luaL_typename(L, -1), p ? "'" : "");
    }
    lua_pop(L, 1);
}

/* The options table at idx (0 when absent); anything else there is an error. */
static int opts_at(lua_State *L, int idx, const char *who)
{
    if (lua_type(L, idx) == LUA_TTABLE) return idx;
    if (!lua_isnoneornil(L, idx)) luaL_error(L, "%s: argument %d must be an options table, got %s", who, idx, luaL_typename(L, idx));
    return 0;
}

/* nn.Conv2D(filters, kernel [, activation] [, opts]) or nn.Conv2D{filters = 32, kernel_size = 3, ...} */
static int l_conv2d(lua_State *L)
{
    const char *who = "Conv2D";
    static const char *valid = "filters kernel_size activation padding stride strides input_shape "
                               "kernel_initializer bias_initializer use_bias alpha name";
    layer_config c;
    layer_config_defaults(&c);
    int opts = 0;
    if (lua_type(L, 1) == LUA_TTABLE) {
        opts = 1;
        lunet_checkopts(L, opts, "nn.Conv2D", valid);
        if (lunet_getopt(L, opts, "filters") == LUA_TNIL) luaL_error(L, "Conv2D: filters is missing: nn.Conv2D(32, 3, \"relu\")");
        c.units = check_whole(L, -1, who, "filters");
        lua_pop(L, 1);
        if (!opt_pair(L, opts, "kernel_size", who, c.kernel)) luaL_error(L, "Conv2D: kernel_size is missing: nn.Conv2D(32, 3, \"relu\")");
    } else {
        if (lua_isnoneornil(L, 1) || lua_isnoneornil(L, 2))
            luaL_error(L, "Conv2D: expected nn.Conv2D(filters, kernel_size [, activation] [, options]), e.g. nn.Conv2D(32, 3, \"relu\")");
        c.units = check_whole(L, 1, who, "filters");
        check_pair(L, 2, who, "kernel_size", c.kernel);
        int a = 3;
        if (lua_type(L, 3) == LUA_TSTRING) opt_activation(L, a++, who, &c.activation);
        opts = opts_at(L, a, who);
        if (opts) lunet_checkopts(L, opts, "nn.Conv2D", valid + strlen("filters kernel_size "));
    }
    if (lunet_getopt(L, opts, "activation") != LUA_TNIL) opt_activation(L, lua_gettop(L), who, &c.activation);
    lua_pop(L, 1);
    opt_padding(L, opts, who, &c.padding);
    opt_pair(L, opts, "strides", who, c.stride);
    opt_pair(L, opts, "stride", who, c.stride);
    read_common(L, opts, who, &c);
    opt_float(L, opts, "alpha", who, &c.alpha);
    new_layer_box(L);
    return finish_layer(L, &layer_conv2d, &c, opts);
}

/* nn.MaxPool2D([size] [, opts]): size a number or {h, w} (2 by default); strides = size unless given */
static int l_maxpool2d(lua_State *L)
{
    const char *who = "MaxPool2D";
    layer_config c;
    layer_config_defaults(&c);
    c.stride[0] = c.stride[1] = 0;   /* the pool size, once known */
    int opts = 0;
    if (lua_type(L, 1) == LUA_TTABLE && luaL_len(L, 1) == 0) opts = 1;
    else {
        if (!lua_isnoneornil(L, 1)) check_pair(L, 1, who, "pool_size", c.pool);
        opts = opts_at(L, 2, who);
    }
    if (opts) lunet_checkopts(L, opts, "nn.MaxPool2D", "pool_size strides stride padding input_shape name");
    opt_pair(L, opts, "pool_size", who, c.pool);
    opt_pair(L, opts, "strides", who, c.stride);
    opt_pair(L, opts, "stride", who, c.stride);
    opt_padding(L, opts, who, &c.padding);
    opt_input_shape(L, opts, who, &c);
    new_layer_box(L);
    return finish_layer(L, &layer_maxpool2d, &c, opts);
}

/* nn.BatchNorm([{momentum = 0.99, epsilon = 1e-3}]) */
static int l_batchnorm(lua_State *L)
{
    const char *who = "BatchNorm";
    layer_config c;
    layer_config_defaults(&c);
    int opts = opts_at(L, 1, who);
    if (opts) lunet_checkopts(L, opts, "nn.BatchNorm", "momentum epsilon input_shape name");
    opt_float(L, opts, "momentum", who, &c.momentum);
    opt_float(L, opts, "epsilon", who, &c.epsilon);
    opt_input_shape(L, opts, who, &c);
    new_layer_box(L);
    return finish_layer(L, &layer_batchnorm, &c, opts);
}

/* nn.SimpleRNN / nn.LSTM / nn.GRU (units [, opts]) or ({units = 16, ...}): the type is upvalue 1 */
static int l_recurrent(lua_State *L)
{
    const layer_type *t = lua_touserdata(L, lua_upvalueindex(1));
    const char *who = t->name;
    char fname[48];
    snprintf(fname, sizeof fname, "nn.%s", t->name);
    static const char *valid = "units activation return_sequences input_shape kernel_initializer "
                               "recurrent_initializer bias_initializer use_bias alpha name";
    layer_config c;
    layer_config_defaults(&c);
    c.activation = ACT_TANH;   /* Keras' default for all three */
    int opts = 0;
    if (lua_type(L, 1) == LUA_TTABLE) {
        opts = 1;
        lunet_checkopts(L, opts, fname, valid);
        if (lunet_getopt(L, opts, "units") == LUA_TNIL) luaL_error(L, "%s: units is missing: %s(16)", who, fname);
        c.units = check_whole(L, -1, who, "units");
        lua_pop(L, 1);
    } else {
        if (lua_isnoneornil(L, 1)) luaL_error(L, "%s: units is missing: %s(16)", who, fname);
        c.units = check_whole(L, 1, who, "units");
        opts = opts_at(L, 2, who);
        if (opts) lunet_checkopts(L, opts, fname, valid + strlen("units "));
    }
    if (lunet_getopt(L, opts, "activation") != LUA_TNIL) opt_activation(L, lua_gettop(L), who, &c.activation);
    lua_pop(L, 1);
    opt_bool(L, opts, "return_sequences", &c.return_sequences);
    opt_init(L, opts, "recurrent_initializer", who, &c.recurrent_init);
    read_common(L, opts, who, &c);
    opt_float(L, opts, "alpha", who, &c.alpha);
    new_layer_box(L);
    return finish_layer(L, t, &c, opts);
}

/* ---- layer methods ---- */

static int layer_forward_m(lua_State *L)
{
    layer *l = lunet_checklayer(L, 1);
    tensor *x = lunet_astensor(L, 2, l->type->name);
    tensor *y = layer_forward(l, x, -1);
    tensor_release(x);
    lunet_pushtensor(L, y);
    return 1;
}

static int layer_parameters_m(lua_State *L)
{
    layer *l = lunet_checklayer(L, 1);
    lua_createtable(L, l->nparams, 0);
    for (int k = 0; k < l->nparams; k++) { push_param(L, 1, k); lua_rawseti(L, -2, k + 1); }
    return 1;
}

static int layer_train_m(lua_State *L)
{
    layer_set_training(lunet_checklayer(L, 1), lua_isnoneornil(L, 2) ? 1 : lua_toboolean(L, 2));
    lua_settop(L, 1);
    return 1;
}

static int layer_eval_m(lua_State *L)
{
    layer_set_training(lunet_checklayer(L, 1), 0);
    lua_settop(L, 1);
    return 1;
}

/* layer:build(shape): builds for a per-sample input shape, as Keras' layer.build. */
static int layer_build_m(lua_State *L)
{
    layer *l = lunet_checklayer(L, 1);
    int64_t shape[T_MAXDIM];
    int n = lunet_checkshape(L, 2, shape, "build");
    if (layer_build(l, n, shape) < 0) return lunet_error(L);
    lua_settop(L, 1);
    return 1;
}

static int layer_count_params_m(lua_State *L)
{
    lua_pushinteger(L, layer_count_params(lunet_checklayer(L, 1), NULL));
    return 1;
}

static int layer_zero_grad_m(lua_State *L)
{
    layer *l = lunet_checklayer(L, 1);
    for (int k = 0; k < l->nparams; k++) { tensor_release(l->params[k]->grad); l->params[k]->grad = NULL; }
    lua_settop(L, 1);
    return 1;
}

/* layer:info() → {name, type, description, built, input_shape, output_shape, params,
 * nontrainable, formula}: what summary() prints. */
static int layer_info_m(lua_State *L)
{
    layer *l = lunet_checklayer(L, 1);
    char buf[256];
    lua_createtable(L, 0, 9);
    lua_pushstring(L, l->name); lua_setfield(L, -2, "name");
    lua_pushstring(L, l->type->name); lua_setfield(L, -2, "type");
    layer_describe(l, buf, sizeof buf);
    lua_pushstring(L, buf); lua_setfield(L, -2, "description");
    lua_pushboolean(L, l->built); lua_setfield(L, -2, "built");
    if (l->built) {
        push_shape(L, l->in_ndim, l->in_shape); lua_setfield(L, -2, "input_shape");
        push_shape(L, l->out_ndim, l->out_shape); lua_setfield(L, -2, "output_shape");
    }
    int64_t nt, n = layer_count_params(l, &nt);
    lua_pushinteger(L, n); lua_setfield(L, -2, "params");
    lua_pushinteger(L, nt); lua_setfield(L, -2, "nontrainable");
    layer_count_formula(l, buf, sizeof buf);
    lua_pushstring(L, buf); lua_setfield(L, -2, "formula");
    return 1;
}

static int layer_tostring(lua_State *L)
{
    char buf[256];
    layer_describe(lunet_checklayer(L, 1), buf, sizeof buf);
    lua_pushstring(L, buf);
    return 1;
}

static int layer_call(lua_State *L) { return layer_forward_m(L); }

/* The fields of the deeper layers, as Keras names them; pushes one and returns 1, or returns 0. */
static int deep_layer_field(lua_State *L, const layer *l, const char *k)
{
    const layer_config *c = &l->cfg;
    const layer_type *t = l->type;
    int conv = t == &layer_conv2d, pool = t == &layer_maxpool2d;
    int rnn = t == &layer_simple_rnn || t == &layer_lstm || t == &layer_gru;
    const int64_t *pair = NULL;
    if (conv && strcmp(k, "filters") == 0) { lua_pushinteger(L, c->units); return 1; }
    if (conv && strcmp(k, "kernel_size") == 0) pair = c->kernel;
    else if (pool && strcmp(k, "pool_size") == 0) pair = c->pool;
    else if ((conv || pool) && strcmp(k, "strides") == 0) pair = c->stride;
    if (pair) { push_shape(L, 2, pair); return 1; }
    if ((conv || pool) && strcmp(k, "padding") == 0) { lua_pushstring(L, c->padding == PAD_SAME ? "same" : "valid"); return 1; }
    if (rnn && strcmp(k, "return_sequences") == 0) { lua_pushboolean(L, c->return_sequences); return 1; }
    if (t == &layer_batchnorm && strcmp(k, "momentum") == 0) { lua_pushnumber(L, c->momentum); return 1; }
    if (t == &layer_batchnorm && strcmp(k, "epsilon") == 0) { lua_pushnumber(L, c->epsilon); return 1; }
    for (int j = 0; j < l->nbuffers; j++)   /* moving_mean, moving_variance: read-only state */
        if (strcmp(l->buffer_names[j], k) == 0) { lunet_pushtensor(L, tensor_retain(l->buffers[j])); return 1; }
    return 0;
}

static int layer_index(lua_State *L)
{
    layer *l = lunet_checklayer(L, 1);
    if (lua_type(L, 2) != LUA_TSTRING) return 0;
    const char *k = lua_tostring(L, 2);
    if (lua_getfield(L, lua_upvalueindex(1), k) != LUA_TNIL) return 1;   /* a method */
    const layer_config *c = &l->cfg;
    if (strcmp(k, "name") == 0) lua_pushstring(L, l->name);
    else if (strcmp(k, "type") == 0) lua_pushstring(L, l->type->name);
    else if (strcmp(k, "built") == 0) lua_pushboolean(L, l->built);
    else if (strcmp(k, "training") == 0) lua_pushboolean(L, l->training);
    else if (strcmp(k, "units") == 0 && c->units > 0) lua_pushinteger(L, c->units);
    else if (strcmp(k, "activation") == 0 && l->type != &layer_dropout && l->type != &layer_flatten &&
             l->type != &layer_maxpool2d && l->type != &layer_batchnorm)
        lua_pushstring(L, nn_activation_name[c->activation]);
    else if (deep_layer_field(L, l, k)) ;   /* pushed: filters, kernel_size, moving_mean, ... */
    else if (strcmp(k, "alpha") == 0 && c->activation == ACT_LEAKY_RELU) lua_pushnumber(L, c->alpha);
    else if (strcmp(k, "p") == 0 && l->type == &layer_dropout) lua_pushnumber(L, c->p);
    else if (strcmp(k, "input_shape") == 0 && l->built) push_shape(L, l->in_ndim, l->in_shape);
    else if (strcmp(k, "output_shape") == 0 && l->built) push_shape(L, l->out_ndim, l->out_shape);
    else {
        for (int j = 0; j < l->nparams; j++)
            if (strcmp(l->param_names[j], k) == 0) { push_param(L, 1, j); return 1; }
        lua_pushnil(L);
    }
    return 1;
}

/* layer.kernel = t / layer.bias = t: copies the values into the parameter (which stays the same
 * tensor, so optimizers bound to it keep working). An unbuilt Dense or Linear is built from the
 * kernel's shape [in, units] first: nn.Dense(1, "step") then .kernel = {{1}, {1}}, .bias = {-1.5}. */
static int layer_newindex(lua_State *L)
{
    layer *l = lunet_checklayer(L, 1);
    const char *k = luaL_checkstring(L, 2);
    char desc[160], b1[96], b2[96];
    if (strcmp(k, "training") == 0) return luaL_error(L, "%s: use layer:train() or layer:eval()", l->type->name);
    tensor *v = lunet_astensor(L, 3, k);
    lunet_pushtensor(L, v);   /* the box owns it: errors below leak nothing */
    if (!l->built && strcmp(k, "kernel") == 0 && (l->type == &layer_dense || l->type == &layer_linear) &&
        v->ndim == 2 && v->shape[1] == l->cfg.units && layer_build(l, 1, v->shape) < 0)
        return lunet_error(L);
    tensor *p = layer_param(l, k);
    layer_describe(l, desc, sizeof desc);
    if (!p) {
        if (!l->built && l->type->build)
            return luaL_error(L, "%s: '%s' does not exist before the layer is built (call it on a batch first)", desc, k);
        if (l->nparams == 0) return luaL_error(L, "%s: cannot set '%s' (this layer has no parameters)", desc, k);
        return luaL_error(L, "%s: cannot set '%s' (settable: %s%s%s)", desc, k, l->param_names[0],
                          l->nparams > 1 ? ", " : "", l->nparams > 1 ? l->param_names[1] : "");
    }
    if (!tensor_same_shape(p, v))
        return luaL_error(L, "%s: %s must have shape %s, got %s", desc, k, ln_shape_str(b1, p->ndim, p->shape),
                          ln_shape_str(b2, v->ndim, v->shape));
    if (tensor_copy_(p, v) < 0) return lunet_error(L);
    return 0;
}

/* ---- Sequential ---- */

/* The layer at idx, or a Lua error that says what went wrong ("item 2 is a function — ..."). */
static layer *check_item(lua_State *L, int idx, const char *who, int item)
{
    layer *l = lunet_tolayer(L, idx);
    if (l) return l;
    if (lua_isfunction(L, idx))
        luaL_error(L, "%s: item %d is a function — did you forget the parentheses, as in nn.ReLU()?", who, item);
    if (lunet_tomodel(L, idx))
        luaL_error(L, "%s: item %d is a Sequential model; models cannot be nested — add its layers one by one", who, item);
    luaL_error(L, "%s: item %d is a %s, expected a layer such as nn.Dense(10)", who, item, luaL_typename(L, idx));
    return NULL;
}

/* Appends the layer boxed at lidx to the model boxed at midx, keeping the box. */
static void add_layer(lua_State *L, int midx, int lidx, const char *who, int item)
{
    model *m = lunet_checkmodel(L, midx);
    layer *l = check_item(L, lidx, who, item);
    if (model_add(m, l) < 0) lunet_error(L);
    push_uservalue_table(L, midx, 1);
    lua_pushvalue(L, lidx);
    lua_rawseti(L, -2, m->nlayers);
    lua_pop(L, 1);
}

/* nn.Sequential({layer, ...} [, {input_shape = {28, 28}, name = "..."}]) or nn.Sequential(l1, l2, ...) */
static int l_sequential(lua_State *L)
{
    int top = lua_gettop(L), list = 0, opts = 0;
    if (top >= 1 && lua_type(L, 1) == LUA_TTABLE) {
        list = 1;
        if (lua_type(L, 2) == LUA_TTABLE) opts = 2;
        else if (!lua_isnoneornil(L, 2)) luaL_error(L, "nn.Sequential: the second argument must be an options table such as {input_shape = {784}}");
    } else if (top >= 1 && lua_type(L, top) == LUA_TTABLE) {
        opts = top--;
    }
    if (opts) lunet_checkopts(L, opts, "nn.Sequential", "input_shape name");
    mbox *b = new_model_box(L);
    int midx = lua_gettop(L);
    b->m = model_new();
    if (!b->m) return lunet_error(L);
    if (list) {
        lua_Integer n = luaL_len(L, 1);
        for (lua_Integer k = 1; k <= n; k++) {
            lua_geti(L, 1, k);
            add_layer(L, midx, lua_gettop(L), "nn.Sequential", (int)k);
            lua_pop(L, 1);
        }
    } else {
        for (int k = 1; k <= top; k++) add_layer(L, midx, k, "nn.Sequential", k);
    }
    if (opts) {
        layer_config c;
        layer_config_defaults(&c);
        opt_input_shape(L, opts, "nn.Sequential", &c);
        if (c.input_ndim > 0 && model_build(b->m, c.input_ndim, c.input_shape) < 0) return lunet_error(L);
        if (lunet_getopt(L, opts, "name") == LUA_TSTRING) snprintf(b->m->name, sizeof b->m->name, "%s", lua_tostring(L, -1));
        lua_pop(L, 1);
    }
    lua_settop(L, midx);
    return 1;
}

static int model_add_m(lua_State *L)
{
    model *m = lunet_checkmodel(L, 1);
    if (lua_isnoneornil(L, 2)) luaL_error(L, "add: expected a layer, as in model:add(nn.Dense(10))");
    add_layer(L, 1, 2, "add", m->nlayers + 1);
    lua_settop(L, 1);
    return 1;
}

static int model_forward_m(lua_State *L)
{
    model *m = lunet_checkmodel(L, 1);
    tensor *x = lunet_astensor(L, 2, "forward");
    tensor *y = model_forward(m, x, -1);
    tensor_release(x);
    lunet_pushtensor(L, y);
    return 1;
}

static int model_parameters_m(lua_State *L)
{
    model *m = lunet_checkmodel(L, 1);
    lua_newtable(L);
    int out = lua_gettop(L), n = 0;
    for (int k = 0; k < m->nlayers; k++) {
        int again = 0;   /* a layer added twice shares its weights: list them once, as model_parameters does */
        for (int j = 0; j < k; j++) again |= m->layers[j] == m->layers[k];
        if (again) continue;
        push_model_layer(L, 1, k);
        int lidx = lua_gettop(L);
        for (int j = 0; j < m->layers[k]->nparams; j++) { push_param(L, lidx, j); lua_rawseti(L, out, ++n); }
        lua_pop(L, 1);
    }
    return 1;
}

static int model_train_m(lua_State *L)
{
    model_set_training(lunet_checkmodel(L, 1), lua_isnoneornil(L, 2) ? 1 : lua_toboolean(L, 2));
    lua_settop(L, 1);
    return 1;
}

static int model_eval_m(lua_State *L)
{
    model_set_training(lunet_checkmodel(L, 1), 0);
    lua_settop(L, 1);
    return 1;
}

static int model_zero_grad_m(lua_State *L)
{
    model_zero_grad(lunet_checkmodel(L, 1));
    lua_settop(L, 1);
    return 1;
}

static int model_build_m(lua_State *L)
{
    model *m = lunet_checkmodel(L, 1);
    int64_t shape[T_MAXDIM];
    int n = lunet_checkshape(L, 2, shape, "build");
    if (model_build(m, n, shape) < 0) return lunet_error(L);
    lua_settop(L, 1);
    return 1;
}

/* model:compile{optimizer = "adam" | optim.Adam{...}, loss = "categorical_crossentropy",
 * metrics = {"accuracy"}}. A model not built yet (no input_shape) keeps the choice, and fit
 * binds the optimizer once the first batch has built the layers, as Keras does. */
static int model_compile_m(lua_State *L)
{
    model *m = lunet_checkmodel(L, 1);
    if (!lua_istable(L, 2))
        return luaL_error(L, "compile: expected a table, e.g. model:compile{optimizer = \"adam\", "
                             "loss = \"categorical_crossentropy\", metrics = {\"accuracy\"}}");
    lua_getfield(L, 2, "loss");
    if (lua_type(L, -1) != LUA_TSTRING)
        return luaL_error(L, "compile: loss must be one of mse, binary_crossentropy, categorical_crossentropy, "
                             "sparse_categorical_crossentropy (got %s)", luaL_typename(L, -1));
    int loss = loss_from_name(lua_tostring(L, -1));
    if (loss < 0) return luaL_error(L, "compile: %s", ln_error() + strlen("loss: "));
    int metrics = 0;
    lua_getfield(L, 2, "metrics");
    if (lua_type(L, -1) == LUA_TSTRING) {   /* metrics = "accuracy", a common slip */
        lua_createtable(L, 1, 0);
        lua_insert(L, -2);
        lua_rawseti(L, -2, 1);
    }
    if (lua_istable(L, -1)) {
        for (lua_Integer i = 1; i <= luaL_len(L, -1); i++) {
            lua_geti(L, -1, i);
            const char *name = lua_tostring(L, -1);
            if (name && (strcmp(name, "accuracy") == 0 || strcmp(name, "acc") == 0)) metrics |= MODEL_METRIC_ACCURACY;
            else return luaL_error(L, "compile: unknown metric '%s' (valid: accuracy)", name ? name : luaL_typename(L, -1));
            lua_pop(L, 1);
        }
    } else if (!lua_isnil(L, -1)) {
        return luaL_error(L, "compile: metrics must be a list such as {\"accuracy\"}, got %s", luaL_typename(L, -1));
    }
    lua_getfield(L, 2, "optimizer");
    if (lua_isnil(L, -1)) { lua_pop(L, 1); lua_pushliteral(L, "rmsprop"); }   /* Keras' default */
    optimizer *o = lunet_checkoptimizer_arg(L, -1, "compile");   /* new ref: no Lua error after this */
    int rc = 0;
    if (model_built(m)) {
        rc = model_compile(m, o, loss, metrics);
    } else {
        optim_release(m->opt);
        m->opt = optim_retain(o);
        m->loss = loss;
        m->metrics = metrics;
    }
    optim_release(o);
    if (rc < 0) return lunet_error(L);
    return 0;   /* as Keras: nothing, so the prompt does not print the model again */
}

static int model_count_params_m(lua_State *L)
{
    lua_pushinteger(L, model_count_params(lunet_checkmodel(L, 1), NULL));
    return 1;
}

static int model_len(lua_State *L)
{
    lua_pushinteger(L, lunet_checkmodel(L, 1)->nlayers);
    return 1;
}

static int model_call(lua_State *L) { return model_forward_m(L); }

static int model_tostring(lua_State *L)
{
    model *m = lunet_checkmodel(L, 1);
    luaL_Buffer b;
    char buf[300];
    luaL_buffinit(L, &b);
    luaL_addstring(&b, m->nlayers ? "Sequential {\n" : "Sequential {}");
    for (int k = 0; k < m->nlayers; k++) {
        char desc[256];
        layer_describe(m->layers[k], desc, sizeof desc);
        snprintf(buf, sizeof buf, "  (%d): %s\n", k + 1, desc);
        luaL_addstring(&b, buf);
    }
    if (m->nlayers) luaL_addstring(&b, "}");
    luaL_pushresult(&b);
    return 1;
}

static int model_index(lua_State *L)
{
    model *m = lunet_checkmodel(L, 1);
    if (lua_isinteger(L, 2)) {
        lua_Integer k = lua_tointeger(L, 2);
        if (k < 0) k += m->nlayers + 1;
        if (k < 1 || k > m->nlayers) return 0;
        push_model_layer(L, 1, (int)k - 1);
        return 1;
    }
    if (lua_type(L, 2) != LUA_TSTRING) return 0;
    const char *k = lua_tostring(L, 2);
    if (lua_getfield(L, lua_upvalueindex(1), k) != LUA_TNIL) return 1;   /* a method */
    lua_pop(L, 1);
    if (strcmp(k, "layers") == 0) {
        lua_createtable(L, m->nlayers, 0);
        for (int j = 0; j < m->nlayers; j++) { push_model_layer(L, 1, j); lua_rawseti(L, -2, j + 1); }
    } else if (strcmp(k, "name") == 0) lua_pushstring(L, m->name);
    else if (strcmp(k, "training") == 0) lua_pushboolean(L, m->training);
    else if (strcmp(k, "built") == 0) lua_pushboolean(L, model_built(m));
    else if (strcmp(k, "input_shape") == 0) {
        if (m->in_ndim) push_shape(L, m->in_ndim, m->in_shape);
        else if (m->nlayers && m->layers[0]->built) push_shape(L, m->layers[0]->in_ndim, m->layers[0]->in_shape);
        else lua_pushnil(L);
    } else if (strcmp(k, "output_shape") == 0) {
        layer *last = m->nlayers ? m->layers[m->nlayers - 1] : NULL;
        if (last && model_built(m)) push_shape(L, last->out_ndim, last->out_shape);
        else lua_pushnil(L);
    } else if (strcmp(k, "loss") == 0 && m->loss >= 0) lua_pushstring(L, loss_name[m->loss]);
    else if (strcmp(k, "optimizer") == 0 && m->opt) lunet_pushoptim(L, optim_retain(m->opt));
    else {
        lua_getiuservalue(L, 1, 2);   /* fields set from Lua */
        lua_getfield(L, -1, k);
    }
    return 1;
}

static int model_newindex(lua_State *L)
{
    model *m = lunet_checkmodel(L, 1);
    if (lua_type(L, 2) == LUA_TNUMBER) return luaL_error(L, "Sequential: layers cannot be assigned; use model:add(layer)");
    const char *k = luaL_checkstring(L, 2);
    static const char *const fixed[] = {"layers", "training", "built", "input_shape", "output_shape", "loss", "optimizer", NULL};
    for (int j = 0; fixed[j]; j++)
        if (strcmp(fixed[j], k) == 0)
            return luaL_error(L, "Sequential: '%s' cannot be set directly%s", k,
                              strcmp(k, "training") == 0 ? "; use model:train() or model:eval()" : "");
    if (strcmp(k, "name") == 0) { snprintf(m->name, sizeof m->name, "%s", luaL_checkstring(L, 3)); return 0; }
    lua_getiuservalue(L, 1, 2);
    lua_pushvalue(L, 3);
    lua_setfield(L, -2, k);
    return 0;
}

/* ---- losses: nn.losses.mse(pred, target [, {from_logits = true}]) ---- */

static int loss_call(lua_State *L, loss_kind k)
{
    tensor *pred = lunet_checktensor(L, 1);
    if (lua_isnoneornil(L, 2)) luaL_error(L, "%s: expected (prediction, target)", loss_name[k]);
    int from_logits = 0;
    if (lua_type(L, 3) == LUA_TTABLE) {
        lunet_checkopts(L, 3, loss_name[k], k == LOSS_MSE ? "" : "from_logits");
        opt_bool(L, 3, "from_logits", &from_logits);
    }
    tensor *target = lunet_astensor(L, 2, loss_name[k]);
    tensor *out = NULL;
    switch (k) {
    case LOSS_MSE: out = loss_mse(pred, target); break;
    case LOSS_BINARY_CROSSENTROPY: out = loss_binary_crossentropy(pred, target, from_logits); break;
    case LOSS_CATEGORICAL_CROSSENTROPY: out = loss_categorical_crossentropy(pred, target, from_logits); break;
    default: out = loss_sparse_categorical_crossentropy(pred, target, from_logits); break;
    }
    tensor_release(target);
    lunet_pushtensor(L, out);
    return 1;
}

static int l_mse(lua_State *L) { return loss_call(L, LOSS_MSE); }
static int l_bce(lua_State *L) { return loss_call(L, LOSS_BINARY_CROSSENTROPY); }
static int l_cce(lua_State *L) { return loss_call(L, LOSS_CATEGORICAL_CROSSENTROPY); }
static int l_scce(lua_State *L) { return loss_call(L, LOSS_SPARSE_CATEGORICAL_CROSSENTROPY); }

/* ---- registration ---- */

static const luaL_Reg layer_methods[] = {
    {"forward", layer_forward_m}, {"parameters", layer_parameters_m}, {"train", layer_train_m},
    {"eval", layer_eval_m}, {"build", layer_build_m}, {"count_params", layer_count_params_m},
    {"zero_grad", layer_zero_grad_m}, {"info", layer_info_m},
    {NULL, NULL}
};

static const luaL_Reg model_methods[] = {
    {"add", model_add_m}, {"forward", model_forward_m}, {"parameters", model_parameters_m},
    {"train", model_train_m}, {"eval", model_eval_m}, {"zero_grad", model_zero_grad_m},
    {"build", model_build_m}, {"count_params", model_count_params_m}, {"compile", model_compile_m},
    {NULL, NULL}
};

/* Makes metatable `name` with the given metamethods, an __index closure over a fresh methods
 * table, and that table in field "methods"; leaves the methods table on the stack. */
static void create_meta(lua_State *L, const char *name, const luaL_Reg *meta, const luaL_Reg *methods,
                        lua_CFunction index, const char *typename)
{
    luaL_newmetatable(L, name);
    luaL_setfuncs(L, meta, 0);
    lua_pushstring(L, typename);
    lua_setfield(L, -2, "__name");
    lua_newtable(L);
    luaL_setfuncs(L, methods, 0);
    lua_pushvalue(L, -1);
    lua_setfield(L, -3, "methods");
    lua_pushvalue(L, -1);
    lua_pushcclosure(L, index, 1);
    lua_setfield(L, -3, "__index");
    lua_remove(L, -2);
}

void lunet_open_nn(lua_State *L)
{
    static const luaL_Reg layer_meta[] = {
        {"__gc", layer_gc}, {"__close", layer_gc}, {"__call", layer_call}, {"__tostring", layer_tostring},
        {"__newindex", layer_newindex},
        {NULL, NULL}
    };
    static const luaL_Reg model_meta[] = {
        {"__gc", model_gc}, {"__close", model_gc}, {"__call", model_call}, {"__tostring", model_tostring},
        {"__len", model_len}, {"__newindex", model_newindex},
        {NULL, NULL}
    };
    int lunet = lua_gettop(L);
    lua_newtable(L);   /* nn */
    int nn = lua_gettop(L);

    create_meta(L, LUNET_LAYER_MT, layer_meta, layer_methods, layer_index, "layer");
    lua_setfield(L, nn, "_layer_methods");
    create_meta(L, LUNET_MODEL_MT, model_meta, model_methods, model_index, "Sequential");
    lua_setfield(L, nn, "_model_methods");

    lua_pushcfunction(L, l_dense); lua_setfield(L, nn, "Dense");
    lua_pushcfunction(L, l_linear); lua_setfield(L, nn, "Linear");
    lua_pushcfunction(L, l_sequential); lua_setfield(L, nn, "Sequential");
    const layer_type *simple[] = {&layer_flatten, &layer_relu, &layer_leaky_relu, &layer_sigmoid, &layer_tanh,
                                  &layer_softmax, &layer_step, &layer_dropout, &layer_activation};
    for (size_t k = 0; k < sizeof simple / sizeof *simple; k++) {
        lua_pushlightuserdata(L, (void *)simple[k]);
        lua_pushcclosure(L, l_simple_layer, 1);
        lua_setfield(L, nn, simple[k]->name);
    }
    lua_pushcfunction(L, l_conv2d); lua_setfield(L, nn, "Conv2D");
    lua_pushcfunction(L, l_maxpool2d); lua_setfield(L, nn, "MaxPool2D");
    lua_pushcfunction(L, l_batchnorm); lua_setfield(L, nn, "BatchNorm");
    const layer_type *recurrent[] = {&layer_simple_rnn, &layer_lstm, &layer_gru};
    for (size_t k = 0; k < sizeof recurrent / sizeof *recurrent; k++) {
        lua_pushlightuserdata(L, (void *)recurrent[k]);
        lua_pushcclosure(L, l_recurrent, 1);
        lua_setfield(L, nn, recurrent[k]->name);
    }

    lua_newtable(L);   /* nn.losses */
    lua_pushcfunction(L, l_mse); lua_setfield(L, -2, "mse");
    lua_pushcfunction(L, l_bce); lua_setfield(L, -2, "binary_crossentropy");
    lua_pushcfunction(L, l_cce); lua_setfield(L, -2, "categorical_crossentropy");
    lua_pushcfunction(L, l_scce); lua_setfield(L, -2, "sparse_categorical_crossentropy");
    lua_setfield(L, nn, "losses");

    lua_setfield(L, lunet, "nn");
    lunet_open_optim(L);
}
