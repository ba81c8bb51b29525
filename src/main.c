/* main.c — stub */
#include <lua.h>
#include <lualib.h>
#include <lauxlib.h>
int luaopen_lunet(lua_State *L);
int main(int argc, char **argv) { (void)argc; (void)argv; lua_State *L = luaL_newstate(); luaL_openlibs(L); luaL_requiref(L, "lunet", luaopen_lunet, 0); lua_close(L); return 0; }
