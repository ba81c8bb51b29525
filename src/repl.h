/* repl.h — running Lua code the way a terminal user expects, and the interactive loop.
 *
 * repl.c knows Lua and GNU Readline, not tensors: printing, completion and greeting policies live
 * in Lua (lunet.repl_print, lunet.repl_complete, lunet.repl_greet); repl.c only calls them.
 *
 * Ctrl-C. While Lua code runs under repl_docall, the first Ctrl-C sets ln_interrupted = 1
 * (core.h) and arms a Lua hook. The hook fires at the next Lua instruction and raises
 * "interrupted!" — unless C code has consumed the interrupt first by clearing ln_interrupted
 * (that is how a C training loop stops at the end of a batch and still returns its results:
 * it checks the flag, clears it, and returns normally). A C loop that calls back into Lua should
 * check the flag before the call, or the callback is where "interrupted!" is raised. A second
 * Ctrl-C while C code still has not looked at the flag prints a notice; a third ends the program
 * (the way out of a C function that never checks). A program started with SIGINT ignored (a
 * background job of a script) keeps ignoring it. */
#ifndef LUNET_REPL_H
#define LUNET_REPL_H

#include <lua.h>

/* Must be called once before any other repl_ function: notes whether SIGINT was ignored. */
void repl_init(void);

/* Like lua_pcall(L, narg, nres, 0) with a message handler that appends a traceback, and with
 * Ctrl-C interrupting the call as described above. On error the message is left on the stack. */
int repl_docall(lua_State *L, int narg, int nres);

/* If status is not LUA_OK, prints the message on the stack top to stderr as "lunet: msg" (the
 * full traceback, as lua.c does for scripts) and pops it. Returns status. */
int repl_report(lua_State *L, int status);

/* The interactive loop: reads chunks ("> ", then ">> " while a chunk is incomplete), runs them
 * and prints their results, until end of input (Ctrl-D). Uses readline, history and completion
 * when stdin is a terminal, plain line reads otherwise. greet: call lunet.repl_greet() (or print
 * the default greeting line) first. Returns the exit status for a normal end: 0. */
int repl_run(lua_State *L, int greet);

#endif
