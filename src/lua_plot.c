/* lua_plot.c — stub until the binding is written. */
#include "bindings.h"
void lunet_open_plot(lua_State *L) { (void)L; }
