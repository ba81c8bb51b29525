/* lua_train.c — stub until the binding is written. */
#include "bindings.h"
void lunet_open_train(lua_State *L) { (void)L; }
