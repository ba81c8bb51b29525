/* lua_nn.c — stub until the binding is written. */
#include "bindings.h"
void lunet_open_nn(lua_State *L) { (void)L; }
