/* bindings.h — what the lua_*.c files share. Bindings check arguments, make the result box,
 * call the core and push the result; no maths here. */
#ifndef LUNET_BINDINGS_H
#define LUNET_BINDINGS_H

#include <lua.h>
#include <lauxlib.h>

#include "tensor.h"

#define LUNET_TENSOR_MT "lunet.tensor"

/* Each module adds its fields to the lunet table, which is on top of the stack. */
void lunet_open_tensor(lua_State *L);     /* lua_tensor.c:   tensor, autograd (C part), lunet.stats */
void lunet_open_nn(lua_State *L);         /* lua_nn.c:       nn, optim (C parts) */
void lunet_open_data(lua_State *L);       /* lua_data.c:     data (C part: IDX, CSV) */
void lunet_open_plot(lua_State *L);       /* lua_plot.c:     plot (C part: gnuplot processes) */
void lunet_open_train(lua_State *L);      /* lua_train.c:    fit/evaluate/predict, save/load (after nn) */

/* Tensor boxes (lua_tensor.c). */
tensor *lunet_checktensor(lua_State *L, int idx);        /* raises a Lua error naming the argument */
tensor *lunet_totensor(lua_State *L, int idx);           /* NULL when not a tensor */
/* Pushes t, taking over its reference. t == NULL raises the core's error (ln_error()). Also raises
 * a pending detect_anomaly error, and tells Lua's collector about the bytes. */
void lunet_pushtensor(lua_State *L, tensor *t);
/* Accepts a tensor, a number (0-d tensor) or a (nested) table of numbers; returns a new reference. */
tensor *lunet_astensor(lua_State *L, int idx, const char *fname);
/* Reads a shape given as numbers from idx on, or as one table at idx; returns ndim. */
int lunet_checkshape(lua_State *L, int idx, int64_t *shape, const char *fname);

/* Options tables (lua_lunet.c): raises "who: unknown option 'x' (valid: a, b)" unless every key of
 * the table at idx is one of the space-separated words in valid; getopt pushes opts[key] (nil
 * when opts is 0, i.e. no table) and returns its type. */
void lunet_checkopts(lua_State *L, int idx, const char *who, const char *valid);
int lunet_getopt(lua_State *L, int opts, const char *key);

/* Raises the core's last error as a Lua error. */
int lunet_error(lua_State *L);

#endif
