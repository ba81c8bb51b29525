/* lua_nn.h — layers, models and optimizers as Lua values, for the bindings that build on them
 * (fit/evaluate/predict, save/load, help).
 *
 * Each is a full userdata box holding one reference; __gc and __close release it. Each
 * metatable keeps its methods table in the field "methods", so another binding can add methods:
 *   luaL_getmetatable(L, LUNET_MODEL_MT); lua_getfield(L, -1, "methods");
 *   luaL_setfuncs(L, train_methods, 0); lua_pop(L, 2);
 * and Lua code reaches the same tables as nn._model_methods, nn._layer_methods, optim._methods.
 * A model box keeps the boxes of its layers (its user value), so model[1] is the same Lua value
 * each time; a layer box keeps the boxes of its parameters, so model:parameters() returns the
 * same tensors each time. */
#ifndef LUNET_LUA_NN_H
#define LUNET_LUA_NN_H

#include "bindings.h"
#include "model.h"

#define LUNET_LAYER_MT "lunet.layer"
#define LUNET_MODEL_MT "lunet.model"
#define LUNET_OPTIM_MT "lunet.optimizer"

/* Borrowed pointers; raise a Lua error naming the argument when idx holds something else. */
layer *lunet_checklayer(lua_State *L, int idx);
model *lunet_checkmodel(lua_State *L, int idx);
optimizer *lunet_checkoptim(lua_State *L, int idx);
/* NULL when idx is not such a box. */
layer *lunet_tolayer(lua_State *L, int idx);
model *lunet_tomodel(lua_State *L, int idx);
optimizer *lunet_tooptim(lua_State *L, int idx);

/* Push a box taking over the reference; NULL raises the core's error (ln_error()). */
void lunet_pushlayer(lua_State *L, layer *l);
void lunet_pushmodel(lua_State *L, model *m);
void lunet_pushoptim(lua_State *L, optimizer *o);

/* compile's optimizer argument: a name ("adam", "sgd", ...) gives a new optimizer with Keras'
 * defaults; an optimizer value (optim.Adam{lr = 1e-2}) is returned retained. New ref; raises
 * a Lua error otherwise. */
optimizer *lunet_checkoptimizer_arg(lua_State *L, int idx, const char *fname);

/* Adds lunet.optim (lua_optim.c); lunet_open_nn calls it. */
void lunet_open_optim(lua_State *L);

#endif
