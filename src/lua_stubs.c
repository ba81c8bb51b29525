#include "bindings.h"
void lunet_open_nn(lua_State *L) { (void)L; }
void lunet_open_data(lua_State *L) { (void)L; }
void lunet_open_plot(lua_State *L) { (void)L; }
void lunet_open_tensor(lua_State *L) { (void)L; }
