/* lua_data.c — stub until the binding is written. */
#include "bindings.h"
void lunet_open_data(lua_State *L) { (void)L; }
