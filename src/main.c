/* main.c — the lunet program: makes the Lua state, loads lunet into it, reads the command line and
 * runs -e chunks, a script, a lesson or the interactive REPL (repl.c).
 *
 * Uses Lua, core.h (the version) and repl.h; knows nothing of tensors. Shaped after lua.c: all
 * the work happens inside one protected call (pmain), so that even an error while loading lunet
 * or a memory error is reported as a message, never a crash. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <lua.h>
#include <lauxlib.h>
#include <lualib.h>

#include "core.h"
#include "repl.h"

int luaopen_lunet(lua_State *L);    /* lua_lunet.c */

#define PROGNAME "lunet"

static const char usage_text[] =
    "usage: " PROGNAME " [options] [script.lua [args]]\n"
    "Runs script.lua with its arguments in the table arg, or starts the interactive prompt.\n"
    "Options:\n"
    "  -e CODE        run the Lua code CODE (may be repeated; runs before the script)\n"
    "  -l NAME        require library NAME into the global NAME\n"
    "  -i             enter the interactive prompt after running the script\n"
    "  -v, --version  print the version\n"
    "  -h, --help     print this help\n"
    "  --lesson NAME  start lesson NAME (a number, file name or short name)\n"
    "  --auto         with --lesson: run every step and check unattended; fail on a failed step\n"
    "  --lang ko|en   the language of lessons and help\n"
    "  --             stop handling options\n"
    "  -              run standard input as a script\n"
    "With no script, " PROGNAME " starts the interactive prompt when standard input is a terminal\n"
    "and runs standard input as a script otherwise.\n"
    "At the prompt: Tab completes names, Ctrl-C interrupts, Ctrl-D quits.\n";

typedef struct {
    int argc;
    char **argv;
    int script;            /* argv index of the script ("-" is stdin), 0 when there is none */
    int interactive;       /* -i */
    int version;           /* -v */
    int n_run;             /* how many -e / -l */
    int *run;              /* argv indices of the -e / -l options, in order */
    const char *lesson;    /* --lesson NAME */
    int lesson_auto;       /* --auto */
    const char *lang;      /* --lang */
    int status;            /* the exit status pmain decides */
} options;

static void usage_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void usage_error(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs(PROGNAME ": ", stderr);
    vfprintf(stderr, fmt, ap);
    fputs("\nTry '" PROGNAME " --help' for more information.\n", stderr);
    va_end(ap);
}

/* Takes the value of an option given as "-e CODE", "-eCODE" or "--lesson=NAME"; NULL if missing. */
static const char *option_value(options *o, int *i, size_t optlen)
{
    const char *a = o->argv[*i];
    if (a[optlen] == '=' && a[1] == '-') return a + optlen + 1;
    if (a[optlen] != '\0') return a + optlen;
    if (*i + 1 >= o->argc) return NULL;
    return o->argv[++*i];
}

static int is_option(const char *a, const char *name)
{
    size_t n = strlen(name);
    return strncmp(a, name, n) == 0 && (a[n] == '\0' || (a[n] == '=' && a[1] == '-'));
}

/* Reads the options (lua.c's collectargs). Returns -1 to go on, otherwise an exit status. */
static int collect_args(options *o)
{
    for (int i = 1; i < o->argc; i++) {
        const char *a = o->argv[i];
        if (a[0] != '-' || strcmp(a, "-") == 0) { o->script = i; break; }
        if (strcmp(a, "--") == 0) { if (i + 1 < o->argc) o->script = i + 1; break; }
        if (strcmp(a, "-i") == 0) o->interactive = 1;
        else if (strcmp(a, "-v") == 0 || strcmp(a, "--version") == 0) o->version = 1;
        else if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) { fputs(usage_text, stdout); return 0; }
        else if (strncmp(a, "-e", 2) == 0 || strncmp(a, "-l", 2) == 0) {
            o->run[o->n_run++] = i;
            if (!option_value(o, &i, 2)) { usage_error("option '%s' needs an argument", a); return 2; }
        }
        else if (is_option(a, "--lesson")) {
            if (!(o->lesson = option_value(o, &i, 8)) || !*o->lesson) {
                usage_error("option '%s' needs a lesson name", "--lesson");
                return 2;
            }
        }
        else if (strcmp(a, "--auto") == 0) o->lesson_auto = 1;
        else if (is_option(a, "--lang")) {
            o->lang = option_value(o, &i, 6);
            if (!o->lang || (strcmp(o->lang, "ko") != 0 && strcmp(o->lang, "en") != 0)) {
                usage_error("option '--lang' takes ko or en, not '%s'", o->lang ? o->lang : "");
                return 2;
            }
        }
        else { usage_error("unrecognized option '%s'", a); return 2; }
    }
    if (o->lesson_auto && !o->lesson) { usage_error("%s needs --lesson NAME", "--auto"); return 2; }
    if (o->lesson && o->script) {
        usage_error("--lesson cannot be combined with a script ('%s')", o->argv[o->script]);
        return 2;
    }
    return -1;
}

static void print_version(void)
{
    printf("lunet %s (%s)\n", LUNET_VERSION, LUA_RELEASE);
    fflush(stdout);
}

/* luaL_requiref for lunet, then every field of the lunet table becomes a global, so that
 * students type tensor, nn, plot... directly. Fields named _x (internal) or repl_x (the REPL's
 * policy hooks, looked up in lunet itself) stay in the table. */
static int open_lunet(lua_State *L)
{
    luaL_requiref(L, "lunet", luaopen_lunet, 1);
    lua_pushglobaltable(L);
    lua_pushnil(L);
    while (lua_next(L, -3) != 0) {
        const char *k = lua_type(L, -2) == LUA_TSTRING ? lua_tostring(L, -2) : NULL;
        if (k && k[0] != '_' && strncmp(k, "repl_", 5) != 0) {
            lua_pushvalue(L, -2);
            lua_insert(L, -2);
            lua_rawset(L, -4);             /* _G[k] = v; leaves k for lua_next */
        } else {
            lua_pop(L, 1);
        }
    }
    return 0;
}

/* The global arg: arg[0] is the script, arg[1..] its arguments, negative indices the program
 * and its options (lua.c's createargtable). */
static void create_arg_table(lua_State *L, options *o)
{
    int script = o->script ? o->script : 0;
    lua_createtable(L, o->argc - script - 1 > 0 ? o->argc - script - 1 : 0, script + 1);
    for (int i = 0; i < o->argc; i++) {
        lua_pushstring(L, o->argv[i]);
        lua_rawseti(L, -2, i - script);
    }
    lua_setglobal(L, "arg");
}

static int dochunk(lua_State *L, int status)
{
    if (status == LUA_OK) status = repl_docall(L, 0, 0);
    return repl_report(L, status);
}

/* -l NAME: require NAME and set the global NAME, as lua.c does. */
static int dolibrary(lua_State *L, const char *name)
{
    lua_getglobal(L, "require");
    lua_pushstring(L, name);
    int status = repl_docall(L, 1, 1);
    if (status == LUA_OK) lua_setglobal(L, name);
    return repl_report(L, status);
}

static int run_args(lua_State *L, options *o)
{
    for (int k = 0; k < o->n_run; k++) {
        int i = o->run[k];
        const char *a = o->argv[i];
        const char *v = a[2] ? a + 2 : o->argv[i + 1];
        int status = a[1] == 'e' ? dochunk(L, luaL_loadbuffer(L, v, strlen(v), "=(command line)"))
                                 : dolibrary(L, v);
        if (status != LUA_OK) return 0;
    }
    return 1;
}

/* Runs the script with arg[1..] as its ... arguments. */
static int run_script(lua_State *L, options *o)
{
    const char *fname = o->argv[o->script];
    if (strcmp(fname, "-") == 0 && strcmp(o->argv[o->script - 1], "--") != 0) fname = NULL;
    int status = luaL_loadfile(L, fname);
    if (status == LUA_OK) {
        int n = o->argc - o->script - 1;
        luaL_checkstack(L, n + 3, "too many arguments to script");
        for (int i = 1; i <= n; i++) lua_pushstring(L, o->argv[o->script + i]);
        status = repl_docall(L, n, 0);
    }
    return repl_report(L, status) == LUA_OK;
}

/* Finds the lesson runner: lunet.lesson (or the global lesson) with a cli or run_cli function,
 * or, for an interactive start, its start function. Pushes it and returns 1 ("cli") or 2
 * ("start"); returns 0 with nothing pushed when lessons are not installed. */
static int push_lesson_runner(lua_State *L, int auto_mode)
{
    for (int where = 0; where < 2; where++) {
        if (where == 0) {
            if (lua_getglobal(L, "lunet") != LUA_TTABLE) { lua_pop(L, 1); continue; }
            lua_getfield(L, -1, "lesson");
            lua_remove(L, -2);
        } else {
            lua_getglobal(L, "lesson");
        }
        if (!lua_istable(L, -1)) { lua_pop(L, 1); continue; }
        static const char *const names[] = { "cli", "run_cli", "start" };
        for (int k = 0; k < 3; k++) {
            if (k == 2 && auto_mode) break;
            if (lua_getfield(L, -1, names[k]) == LUA_TFUNCTION) {
                lua_remove(L, -2);
                return k == 2 ? 2 : 1;
            }
            lua_pop(L, 1);
        }
        lua_pop(L, 1);
    }
    return 0;
}

/* --lesson NAME [--auto] [--lang ko|en]: hands over to the Lua lesson module as
 * lunet.lesson.cli{name = NAME, auto = true|false, lang = "ko"|"en"|nil}. Its result decides:
 * nil or true is success, false is failure, a number is the exit status. With --auto lunet then
 * exits; otherwise a successful start continues at the prompt. Returns -1 to continue, or an
 * exit status. */
static int run_lesson(lua_State *L, options *o)
{
    int kind = push_lesson_runner(L, o->lesson_auto);
    if (kind == 0) {
        fprintf(stderr, PROGNAME ": lessons are not installed yet\n");
        return 1;
    }
    if (kind == 1) {
        lua_createtable(L, 0, 3);
        lua_pushstring(L, o->lesson);
        lua_setfield(L, -2, "name");
        lua_pushboolean(L, o->lesson_auto);
        lua_setfield(L, -2, "auto");
        if (o->lang) { lua_pushstring(L, o->lang); lua_setfield(L, -2, "lang"); }
    } else {
        lua_pushstring(L, o->lesson);
    }
    int status = repl_docall(L, 1, 1);
    if (repl_report(L, status) != LUA_OK) return 1;
    int rc = 0;
    if (lua_type(L, -1) == LUA_TNUMBER) rc = (int)lua_tointeger(L, -1);
    else if (lua_type(L, -1) == LUA_TBOOLEAN && !lua_toboolean(L, -1)) rc = 1;
    lua_pop(L, 1);
    if (o->lesson_auto || rc != 0) return rc;
    return -1;
}

static int pmain(lua_State *L)
{
    options *o = lua_touserdata(L, 1);
    luaL_checkversion(L);
    luaL_openlibs(L);
    lua_pushcfunction(L, open_lunet);
    if (repl_report(L, repl_docall(L, 0, 0)) != LUA_OK) { o->status = 1; return 0; }
    create_arg_table(L, o);
    if (o->lang) {
        lua_getglobal(L, "lunet");
        lua_pushstring(L, o->lang);
        lua_setfield(L, -2, "lang");
        lua_pop(L, 1);
    }
    if (o->version) print_version();
    if (!run_args(L, o)) { o->status = 1; return 0; }
    if (o->script && !run_script(L, o)) { o->status = 1; return 0; }
    if (o->lesson) {
        int rc = run_lesson(L, o);
        if (rc >= 0) { o->status = rc; return 0; }
        o->status = repl_run(L, 0);
        return 0;
    }
    if (o->interactive) {
        o->status = repl_run(L, 1);
    } else if (!o->script && o->n_run == 0 && !o->version) {
        if (isatty(STDIN_FILENO)) {
            o->status = repl_run(L, 1);
        } else {                               /* lunet < file.lua: stdin is the script */
            o->status = dochunk(L, luaL_loadfile(L, NULL)) == LUA_OK ? 0 : 1;
        }
    }
    return 0;
}

int main(int argc, char **argv)
{
    options o;
    memset(&o, 0, sizeof o);
    o.argc = argc;
    o.argv = argv;
    o.run = ln_alloc((size_t)(argc > 0 ? argc : 1) * sizeof *o.run);
    if (!o.run) { fprintf(stderr, PROGNAME ": %s\n", ln_error()); return 1; }
    int rc = collect_args(&o);
    if (rc >= 0) { ln_free(o.run); return rc; }

    repl_init();
    lua_State *L = luaL_newstate();
    if (!L) {
        fprintf(stderr, PROGNAME ": cannot create the Lua state: not enough memory\n");
        ln_free(o.run);
        return 1;
    }
    lua_pushcfunction(L, pmain);
    lua_pushlightuserdata(L, &o);
    int status = lua_pcall(L, 1, 0, 0);
    if (status != LUA_OK) { repl_report(L, status); o.status = 1; }
    lua_close(L);
    fflush(stdout);
    ln_free(o.run);
    return o.status;
}
