/* repl.c — the read-eval-print loop and protected calls with Ctrl-C, in the manner of lua.c.
 *
 * Uses Lua, GNU Readline and core.h (only for ln_interrupted); knows nothing of tensors.
 * Policies live in Lua: results print through lunet.repl_print (or print), Tab asks
 * lunet.repl_complete(text) for candidates, the greeting is lunet.repl_greet(). This file is the
 * glue: reading lines, recognising incomplete chunks, history, signals.
 *
 * Reading at the terminal uses readline's callback interface with pselect(), so that Ctrl-C at
 * the prompt (our own SIGINT handler sets a flag, pselect wakes) clears the line without longjmp
 * tricks and without readline's signal handlers ever resending SIGINT to the process.
 *
 * Memory: readline hands out lines allocated with malloc and takes ownership of completion
 * strings it receives, so those (and only those) use malloc/free directly. */
#define _GNU_SOURCE             /* pipe2 */
#include <errno.h>
#include <locale.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/select.h>
#include <unistd.h>

#include <readline/readline.h>
#include <readline/history.h>

#include <lua.h>
#include <lauxlib.h>

#include "core.h"
#include "repl.h"

#define PROMPT        "> "
#define PROMPT_MORE   ">> "
#define CHUNKNAME     "=stdin"
#define HISTORY_MAX   1000
#define EOFMARK       "<eof>"
#define PROGNAME      "lunet"

/* ------------------------------------------------------------------------------------------ */
/* Signals                                                                                    */

enum { MODE_IDLE, MODE_RUNNING, MODE_PROMPT };

static int use_readline;                         /* the REPL reads a terminal */

static int sigint_ignored;                       /* SIGINT was SIG_IGN when we started */
static volatile sig_atomic_t sig_mode = MODE_IDLE;
static volatile sig_atomic_t prompt_interrupted; /* Ctrl-C while reading a line */
static volatile sig_atomic_t unanswered_presses; /* Ctrl-C presses Lua has not seen yet */
static volatile sig_atomic_t sigint_presses;     /* every Ctrl-C while Lua code ran */
static volatile sig_atomic_t window_changed, continued;
/* The prompt waits in pselect on the terminal and on this pipe. A process-wide signal may be
 * handled by any thread that does not block it (OpenBLAS keeps worker threads), and then the
 * main thread's pselect would not wake: so the handlers also write a byte here. */
static int wake_pipe[2] = {-1, -1};

static void wake_prompt(void)
{
    if (wake_pipe[1] >= 0) {
        ssize_t r = write(wake_pipe[1], "", 1);
        (void)r;
    }
}
static lua_State *volatile running_L;            /* the state repl_docall is running */
static int interrupt_raised;                     /* the hook raised "interrupted!" */

void repl_init(void)
{
    struct sigaction sa;
    if (sigaction(SIGINT, NULL, &sa) == 0 && sa.sa_handler == SIG_IGN) sigint_ignored = 1;
}

static void write_stderr(const char *s)
{
    ssize_t r = write(STDERR_FILENO, s, strlen(s));
    (void)r;
}

/* The hook armed by Ctrl-C: Lua is in control again, so deliver the interrupt — unless C code
 * has consumed it already by clearing ln_interrupted. */
static void interrupt_hook(lua_State *L, lua_Debug *ar)
{
    (void)ar;
    lua_sethook(L, NULL, 0, 0);
    unanswered_presses = 0;
    if (ln_interrupted) {
        ln_interrupted = 0;
        interrupt_raised = 1;
        luaL_error(L, "interrupted!");
    }
}

static void on_sigint(int sig)
{
    (void)sig;
    if (sig_mode == MODE_PROMPT) {
        prompt_interrupted = 1;
        wake_prompt();
        return;
    }
    if (sig_mode != MODE_RUNNING || !running_L) return;    /* between commands: nothing to stop */
    ln_interrupted = 1;
    sigint_presses++;
    unanswered_presses++;
    if (unanswered_presses == 2) {
        write_stderr("\nlunet: still busy in C code; press Ctrl-C once more to quit lunet\n");
    } else if (unanswered_presses >= 3) {
        signal(SIGINT, SIG_DFL);
        raise(SIGINT);
        return;
    }
    /* lua_sethook is safe to call from a signal handler (lua.c relies on it too). */
    lua_sethook(running_L, interrupt_hook, LUA_MASKCALL | LUA_MASKRET | LUA_MASKLINE | LUA_MASKCOUNT, 1);
}

static void on_sigwinch(int sig) { (void)sig; window_changed = 1; wake_prompt(); }
static void on_sigcont(int sig) { (void)sig; continued = 1; wake_prompt(); }

/* Installs handler for sig (keeping the old action in *old). restart: SA_RESTART, so that Lua's
 * io.read is not cut short by a resize; the prompt wakes anyway, pselect is never restarted. */
static void set_handler(int sig, void (*handler)(int), int restart, struct sigaction *old)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = handler;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = restart ? SA_RESTART : 0;
    sigaction(sig, &sa, old);
}

/* ------------------------------------------------------------------------------------------ */
/* Protected calls                                                                            */

/* Message handler: appends a traceback to the error message (lua.c's msghandler). */
static int msghandler(lua_State *L)
{
    const char *msg = lua_tostring(L, 1);
    if (msg == NULL) {
        if (luaL_callmeta(L, 1, "__tostring") && lua_type(L, -1) == LUA_TSTRING) return 1;
        msg = lua_pushfstring(L, "(error object is a %s value)", luaL_typename(L, 1));
    }
    luaL_traceback(L, L, msg, 1);
    return 1;
}

int repl_docall(lua_State *L, int narg, int nres)
{
    int base = lua_gettop(L) - narg;        /* the function's index */
    lua_pushcfunction(L, msghandler);
    lua_insert(L, base);

    struct sigaction old;
    int handle = !sigint_ignored;
    lua_State *outer_L = running_L;
    sig_atomic_t outer_mode = sig_mode;
    if (handle) set_handler(SIGINT, on_sigint, 1, &old);
    running_L = L;
    unanswered_presses = 0;
    sig_mode = MODE_RUNNING;

    int status = lua_pcall(L, narg, nres, base);

    sig_mode = outer_mode;
    running_L = outer_L;
    if (handle) sigaction(SIGINT, &old, NULL);
    /* An interrupt that arrived just as the call ended must not fire in the next one. */
    if (lua_gethook(L) == interrupt_hook) lua_sethook(L, NULL, 0, 0);
    lua_remove(L, base);
    return status;
}

int repl_report(lua_State *L, int status)
{
    if (status != LUA_OK) {
        const char *msg = lua_tostring(L, -1);
        fflush(stdout);
        fprintf(stderr, "%s: %s\n", PROGNAME, msg ? msg : "(error object is not a string)");
        fflush(stderr);
        lua_pop(L, 1);
    }
    return status;
}

/* A traceback is "\nstack traceback:" then frames, each "\n\t<where>: in <what>". */
static size_t frame_len(const char *f)
{
    const char *end = strchr(f + 1, '\n');
    return end ? (size_t)(end - f) : strlen(f);
}

static int starts_with(const char *s, size_t n, const char *prefix)
{
    size_t k = strlen(prefix);
    return n >= k && memcmp(s, prefix, k) == 0;
}

static int ends_with(const char *s, size_t n, const char *suffix)
{
    size_t k = strlen(suffix);
    return n >= k && memcmp(s + n - k, suffix, k) == 0;
}

/* At the prompt the message says where (stdin:1:) already; a traceback that only repeats it
 * ([C] frames and the main chunk) is noise for a student, so it is dropped. A traceback that
 * passes through other Lua functions is kept, without the final "[C]: in ?" frame (the REPL's
 * own protected call). */
static void show_error(lua_State *L)
{
    size_t len;
    const char *msg = lua_tolstring(L, -1, &len);
    if (!msg) { msg = "(error object is not a string)"; len = strlen(msg); }
    const char *tb = strstr(msg, "\nstack traceback:");
    fflush(stdout);
    if (interrupt_raised && use_readline) fputc('\n', stderr);   /* after the terminal's "^C" */
    interrupt_raised = 0;
    if (!tb) {
        fprintf(stderr, "%.*s\n", (int)len, msg);
    } else {
        fprintf(stderr, "%.*s", (int)(tb - msg), msg);
        const char *frames = tb + strlen("\nstack traceback:");
        int interesting = 0;
        for (const char *f = frames; *f; f += frame_len(f))
            if (!starts_with(f, frame_len(f), "\n\t[C]:") && !ends_with(f, frame_len(f), ": in main chunk"))
                interesting = 1;
        if (interesting) {
            fputs("\nstack traceback:", stderr);
            for (const char *f = frames; *f; f += frame_len(f)) {
                size_t n = frame_len(f);
                if (!(n == strlen("\n\t[C]: in ?") && starts_with(f, n, "\n\t[C]: in ?")))
                    fprintf(stderr, "%.*s", (int)n, f);
            }
        }
        fputc('\n', stderr);
    }
    fflush(stderr);
    lua_pop(L, 1);
}

/* ------------------------------------------------------------------------------------------ */
/* Lua policy hooks                                                                           */

/* Pushes lunet[name] if it is a function and returns 1; otherwise pushes nothing, returns 0.
 * The global `lunet` is used (so a user may replace a hook), falling back on the loaded module. */
static int push_hook(lua_State *L, const char *name)
{
    if (lua_getglobal(L, "lunet") != LUA_TTABLE) {
        lua_pop(L, 1);
        luaL_getsubtable(L, LUA_REGISTRYINDEX, LUA_LOADED_TABLE);
        lua_getfield(L, -1, "lunet");
        lua_remove(L, -2);
        if (!lua_istable(L, -1)) { lua_pop(L, 1); return 0; }
    }
    lua_getfield(L, -1, name);
    lua_remove(L, -2);
    if (lua_isfunction(L, -1)) return 1;
    lua_pop(L, 1);
    return 0;
}

/* The printer of last resort, for a session where both repl_print and print are gone. */
static int plain_print(lua_State *L)
{
    int n = lua_gettop(L);
    for (int i = 1; i <= n; i++) {
        size_t len;
        const char *s = luaL_tolstring(L, i, &len);
        if (i > 1) fputc('\t', stdout);
        fwrite(s, 1, len, stdout);
        lua_pop(L, 1);
    }
    fputc('\n', stdout);
    fflush(stdout);
    return 0;
}

/* Prints the values above base through lunet.repl_print (or print), and pops them. */
static void print_results(lua_State *L, int base)
{
    int n = lua_gettop(L) - base;
    if (n <= 0) return;
    luaL_checkstack(L, LUA_MINSTACK, "too many results to print");
    if (!push_hook(L, "repl_print")) {
        if (lua_getglobal(L, "print") != LUA_TFUNCTION) {
            lua_pop(L, 1);
            lua_pushcfunction(L, plain_print);
        }
    }
    lua_insert(L, base + 1);
    if (repl_docall(L, n, 0) != LUA_OK) show_error(L);
    fflush(stdout);
}

static void greet(lua_State *L)
{
    if (push_hook(L, "repl_greet")) {
        if (repl_docall(L, 0, 0) != LUA_OK) show_error(L);
    } else {
        printf("lunet %s (%s) — Ctrl-D to quit\n", LUNET_VERSION, LUA_VERSION);
    }
    fflush(stdout);
}

/* ------------------------------------------------------------------------------------------ */
/* History: ~/.lunet_history (or $LUNET_HISTORY; empty means none), bounded, no repeats.      */

static char *history_path;     /* malloc'd; NULL when history is not kept in a file */

static void history_open(void)
{
    const char *env = getenv("LUNET_HISTORY");
    stifle_history(HISTORY_MAX);
    if (env) {
        if (!*env) return;
        history_path = strdup(env);
    } else {
        const char *home = getenv("HOME");
        if (!home || !*home) return;
        size_t n = strlen(home) + sizeof "/.lunet_history";
        history_path = malloc(n);
        if (history_path) snprintf(history_path, n, "%s/.lunet_history", home);
    }
    if (!history_path) return;
    read_history(history_path);                  /* a missing file is the normal first run */
    history_truncate_file(history_path, HISTORY_MAX);
    using_history();
}

static int is_blank(const char *s)
{
    s += strspn(s, " \t\r\n");
    return *s == '\0';
}

/* Adds one typed line; it goes to the file at once, so a killed session loses nothing. Failures
 * to write are silent: history is a convenience, never a reason to disturb the session. */
static void history_add(const char *line)
{
    if (is_blank(line)) return;
    HIST_ENTRY *last = history_length > 0 ? history_get(history_base + history_length - 1) : NULL;
    if (last && last->line && strcmp(last->line, line) == 0) {
        using_history();
        return;
    }
    add_history(line);
    using_history();
    if (history_path && append_history(1, history_path) != 0)
        write_history(history_path);             /* the file did not exist yet */
}

static void history_close(void)
{
    if (history_path) {
        history_truncate_file(history_path, HISTORY_MAX);
        free(history_path);
        history_path = NULL;
    }
}

/* ------------------------------------------------------------------------------------------ */
/* Completion: candidates come from lunet.repl_complete(text), a list of whole words.         */

static lua_State *complete_L;
static char **candidates;      /* malloc'd strings handed one by one to readline */
static int n_candidates, next_candidate;

static void free_candidates(void)
{
    for (int i = next_candidate; i < n_candidates; i++) free(candidates[i]);
    free(candidates);
    candidates = NULL;
    n_candidates = next_candidate = 0;
}

static void fetch_candidates(const char *text)
{
    lua_State *L = complete_L;
    int top = lua_gettop(L);
    free_candidates();
    if (!push_hook(L, "repl_complete")) return;
    lua_pushstring(L, text);
    if (lua_pcall(L, 1, 1, 0) == LUA_OK && lua_istable(L, -1)) {
        lua_Integer n = luaL_len(L, -1);
        candidates = n > 0 ? malloc((size_t)n * sizeof *candidates) : NULL;
        for (lua_Integer i = 1; candidates && i <= n; i++) {
            lua_geti(L, -1, i);
            const char *s = lua_tostring(L, -1);
            char *copy = s ? strdup(s) : NULL;
            if (copy) candidates[n_candidates++] = copy;
            lua_pop(L, 1);
        }
    }
    lua_settop(L, top);
}

static char *next_match(const char *text, int state)
{
    (void)text; (void)state;
    if (next_candidate < n_candidates) return candidates[next_candidate++];   /* readline frees it */
    return NULL;
}

static char **complete(const char *text, int start, int end)
{
    (void)start; (void)end;
    rl_completion_append_character = '\0';      /* no space after a name: "(", "." or ":" follow */
    if (rl_completion_quote_character) {        /* inside a string: file names */
        rl_attempted_completion_over = 0;
        return NULL;
    }
    rl_attempted_completion_over = 1;           /* never fall back on file names for code */
    fetch_candidates(text);
    char **matches = n_candidates ? rl_completion_matches(text, next_match) : NULL;
    free_candidates();
    return matches;
}

/* Lists matches by their last part ("upper", not "string.upper"), as shells list file names. */
static void display_matches(char **matches, int n, int max_length)
{
    (void)max_length;
    char **shown = malloc((size_t)(n + 2) * sizeof *shown);
    if (!shown) return;
    int width = 0;
    shown[0] = matches[0];
    for (int i = 1; i <= n; i++) {
        const char *m = matches[i];
        const char *cut = strrchr(m, '.'), *colon = strrchr(m, ':');
        if (colon && (!cut || colon > cut)) cut = colon;
        shown[i] = (char *)(cut ? cut + 1 : m);
        int w = (int)strlen(shown[i]);
        if (w > width) width = w;
    }
    shown[n + 1] = NULL;
    rl_display_match_list(shown, n, width);
    rl_forced_update_display();
    free(shown);
}

static void readline_setup(lua_State *L)
{
    if (wake_pipe[0] < 0 && pipe2(wake_pipe, O_CLOEXEC | O_NONBLOCK) < 0) wake_pipe[0] = wake_pipe[1] = -1;
    complete_L = L;
    rl_readline_name = "lunet";                 /* for $if lunet in ~/.inputrc */
    rl_catch_signals = 0;                       /* SIGINT is ours, see the file header */
    rl_catch_sigwinch = 0;
    rl_change_environment = 0;                  /* keep LINES/COLUMNS out of gnuplot's env */
    rl_attempted_completion_function = complete;
    rl_completion_display_matches_hook = display_matches;
    /* '.' and ':' are not word breaks, so "string.up" and "s:up" are completed whole. */
    rl_basic_word_break_characters = " \t\n\"'`@$><=;|&{}()[],+-*/%^~#";
    rl_completer_word_break_characters = rl_basic_word_break_characters;
    rl_completer_quote_characters = "\"'";
    history_open();
}

/* ------------------------------------------------------------------------------------------ */
/* Reading lines                                                                              */

enum { READ_LINE = 1, READ_EOF = 0, READ_CANCEL = -1 };

static char *accepted_line;
static int line_ready;

static void on_line(char *line)
{
    accepted_line = line;
    line_ready = 1;
    rl_callback_handler_remove();               /* restores the terminal before Lua runs */
}

/* Reads one line at the terminal with readline. Returns READ_LINE with *out (malloc'd),
 * READ_EOF on Ctrl-D at an empty line, READ_CANCEL on Ctrl-C. */
static int read_tty_line(const char *prompt, char **out)
{
    sigset_t block, orig;
    sigemptyset(&block);
    sigaddset(&block, SIGINT);
    sigaddset(&block, SIGWINCH);
    sigaddset(&block, SIGCONT);
    sigprocmask(SIG_BLOCK, &block, &orig);      /* delivered only inside pselect: no lost wakeup */

    int result = READ_LINE;
    int fd = fileno(rl_instream ? rl_instream : stdin);
    prompt_interrupted = 0;
    sig_mode = MODE_PROMPT;
    line_ready = 0;
    accepted_line = NULL;
    fflush(stdout);
    rl_callback_handler_install(prompt, on_line);
    if (window_changed) { window_changed = 0; rl_resize_terminal(); }
    while (!line_ready) {
        if (prompt_interrupted) {
            prompt_interrupted = 0;
            FILE *o = rl_outstream ? rl_outstream : stdout;
            rl_point = rl_end;                  /* "^C" goes after the text, as in a shell */
            rl_redisplay();
            fputs("^C", o);                     /* before the handler goes: leaving raw mode */
            fflush(o);                          /* may return the cursor to column 0 */
            rl_free_line_state();
            rl_callback_sigcleanup();
            rl_callback_handler_remove();
            fputc('\n', o);
            fflush(o);
            using_history();
            result = READ_CANCEL;
            break;
        }
        if (window_changed) { window_changed = 0; rl_resize_terminal(); }
        if (continued) {                        /* back from Ctrl-Z: the shell reset the tty */
            continued = 0;
            rl_deprep_terminal();
            rl_prep_terminal(1);
            rl_forced_update_display();
        }
        fd_set fds;
        FD_ZERO(&fds);
        FD_SET(fd, &fds);
        int maxfd = fd;
        if (wake_pipe[0] >= 0) { FD_SET(wake_pipe[0], &fds); if (wake_pipe[0] > maxfd) maxfd = wake_pipe[0]; }
        int n = pselect(maxfd + 1, &fds, NULL, NULL, NULL, &orig);
        if (n < 0) {
            if (errno == EINTR) continue;
            rl_callback_handler_remove();
            result = READ_EOF;
            break;
        }
        if (wake_pipe[0] >= 0 && FD_ISSET(wake_pipe[0], &fds)) {
            char drain[64];
            while (read(wake_pipe[0], drain, sizeof drain) > 0) {}
        }
        if (n > 0 && FD_ISSET(fd, &fds)) rl_callback_read_char();
    }
    sig_mode = MODE_IDLE;
    sigprocmask(SIG_SETMASK, &orig, NULL);
    if (result == READ_LINE) {
        if (!accepted_line) return READ_EOF;
        *out = accepted_line;
    }
    return result;
}

/* Reads one line from a stdin that is not a terminal (lunet -i < file), printing the prompt as
 * lua.c does without readline. */
static int read_plain_line(const char *prompt, char **out)
{
    struct sigaction old;
    char *buf = NULL;
    size_t cap = 0;
    fputs(prompt, stdout);
    fflush(stdout);
    prompt_interrupted = 0;
    sig_mode = MODE_PROMPT;
    if (!sigint_ignored) set_handler(SIGINT, on_sigint, 0, &old);   /* getline must wake */
    ssize_t n = getline(&buf, &cap, stdin);
    int interrupted = n < 0 && errno == EINTR && prompt_interrupted;
    if (!sigint_ignored) sigaction(SIGINT, &old, NULL);
    sig_mode = MODE_IDLE;
    if (n < 0) {
        free(buf);
        clearerr(stdin);
        if (interrupted) { fputc('\n', stdout); return READ_CANCEL; }
        return READ_EOF;
    }
    if (n > 0 && buf[n - 1] == '\n') buf[--n] = '\0';
    if (n > 0 && buf[n - 1] == '\r') buf[--n] = '\0';
    *out = buf;
    return READ_LINE;
}

/* A block pasted at the prompt arrives as one line holding newlines (readline's bracketed
 * paste). It is taken apart and read line by line, exactly as if typed, so "=x" on its third
 * line and the value of its last expression behave as they would by hand. The lines are on the
 * screen already, so they get no prompt. */
static char *pasted;            /* malloc'd block; NULL when none is pending */
static size_t pasted_pos;

static void drop_pasted(void)
{
    free(pasted);
    pasted = NULL;
}

static int next_pasted_line(char **out)
{
    const char *s = pasted + pasted_pos;
    size_t n = strcspn(s, "\n");
    *out = strndup(s, n);
    pasted_pos += n;
    if (pasted[pasted_pos] == '\n') pasted_pos++;
    if (pasted[pasted_pos] == '\0') drop_pasted();   /* a final newline adds no empty line */
    return *out ? READ_LINE : READ_EOF;
}

static int read_line(const char *prompt, char **out)
{
    int r;
    if (pasted) {
        r = next_pasted_line(out);
    } else if (!use_readline) {
        return read_plain_line(prompt, out);
    } else {
        r = read_tty_line(prompt, out);
        if (r == READ_LINE && strchr(*out, '\n')) {
            pasted = *out;
            pasted_pos = 0;
            r = next_pasted_line(out);
        }
    }
    if (r == READ_LINE) history_add(*out);
    return r;
}

/* ------------------------------------------------------------------------------------------ */
/* Chunks                                                                                     */

enum { CHUNK_EOF = -1, CHUNK_CANCEL = -2 };

/* A syntax error that ends at <eof> means the chunk is not finished yet. */
static int incomplete(lua_State *L, int status)
{
    if (status != LUA_ERRSYNTAX) return 0;
    size_t len;
    const char *msg = lua_tolstring(L, -1, &len);
    size_t mlen = sizeof EOFMARK - 1;
    return msg && len >= mlen && strcmp(msg + len - mlen, EOFMARK) == 0;
}

/* Rewrites the first line of a chunk: "=expr" is "return expr" (Lua 5.1's habit) and "?x" is
 * "help(x)". Pushes the resulting source. */
static void push_first_line(lua_State *L, const char *line)
{
    const char *s = line + strspn(line, " \t");
    if (s[0] == '=') {
        lua_pushfstring(L, "return %s", s + 1);
    } else if (s[0] == '?') {
        const char *arg = s + 1 + strspn(s + 1, " \t");
        size_t n = strlen(arg);
        while (n > 0 && (arg[n - 1] == ' ' || arg[n - 1] == '\t')) n--;
        /* pass the text, quoted: help resolves names, paths (t:reshape) and expressions itself */
        luaL_Buffer b;
        luaL_buffinit(L, &b);
        luaL_addstring(&b, "help(\"");
        for (size_t i = 0; i < n; i++) {
            if (arg[i] == '"' || arg[i] == '\\') luaL_addchar(&b, '\\');
            luaL_addchar(&b, arg[i]);
        }
        luaL_addstring(&b, "\")");
        luaL_pushresult(&b);
    } else {
        lua_pushstring(L, line);
    }
}

/* Reads and compiles one chunk. On success pushes the function and returns LUA_OK; on a syntax
 * error pushes the message and returns its status; CHUNK_EOF / CHUNK_CANCEL push nothing.
 *
 * Each attempt tries "return <chunk>" first, so that expressions print, then the chunk as
 * statements; while either form is merely unfinished, the next line is read with ">> ". */
static int read_chunk(lua_State *L)
{
    char *line;
    int r;
    for (;;) {
        r = read_line(PROMPT, &line);
        if (r != READ_LINE) return r == READ_EOF ? CHUNK_EOF : CHUNK_CANCEL;
        if (!is_blank(line)) break;
        free(line);
    }
    push_first_line(L, line);
    free(line);
    for (;;) {
        size_t len;
        const char *src = lua_tolstring(L, -1, &len);
        lua_pushfstring(L, "return %s", src);
        size_t rlen;
        const char *rsrc = lua_tolstring(L, -1, &rlen);
        int rstatus = luaL_loadbuffer(L, rsrc, rlen, CHUNKNAME);
        if (rstatus == LUA_OK) {                /* stack: src, "return src", fn */
            lua_replace(L, -3);
            lua_pop(L, 1);
            return LUA_OK;
        }
        int r_incomplete = incomplete(L, rstatus);   /* stack: src, rsrc, rmsg */
        lua_remove(L, -2);
        int status = luaL_loadbuffer(L, src, len, CHUNKNAME);   /* src, rmsg, fn|msg */
        if (status == LUA_OK) {
            lua_replace(L, -3);
            lua_pop(L, 1);
            return LUA_OK;
        }
        int s_incomplete = incomplete(L, status);
        if (!s_incomplete && !r_incomplete) {    /* a real error: the statement form's message */
            lua_replace(L, -3);
            lua_pop(L, 1);
            return status;
        }
        r = read_line(PROMPT_MORE, &line);
        if (r == READ_CANCEL) {
            lua_pop(L, 3);
            return CHUNK_CANCEL;
        }
        if (r == READ_EOF) {                    /* Ctrl-D inside a chunk: say what is missing */
            if (!s_incomplete) lua_pop(L, 1); else lua_remove(L, -2);
            lua_replace(L, -2);
            return LUA_ERRSYNTAX;
        }
        lua_pop(L, 2);
        lua_pushliteral(L, "\n");
        lua_pushstring(L, line);
        free(line);
        lua_concat(L, 3);
    }
}

int repl_run(lua_State *L, int greet_first)
{
    int base = lua_gettop(L);
    struct sigaction old_int, old_winch, old_cont;
    int tty = isatty(STDIN_FILENO);

    use_readline = tty;
    if (!sigint_ignored) set_handler(SIGINT, on_sigint, 1, &old_int);
    if (tty) {
        setlocale(LC_CTYPE, "");                /* readline needs it for UTF-8 (Korean) input */
        set_handler(SIGWINCH, on_sigwinch, 1, &old_winch);
        set_handler(SIGCONT, on_sigcont, 1, &old_cont);
        readline_setup(L);
    }
    if (greet_first && tty) greet(L);

    for (;;) {
        lua_settop(L, base);
        int status = read_chunk(L);
        if (status == CHUNK_EOF) break;
        if (status == CHUNK_CANCEL) { drop_pasted(); continue; }
        sig_atomic_t presses_before = sigint_presses;
        if (status == LUA_OK) {
            ln_interrupted = 0;                 /* a stale Ctrl-C must not stop this command */
            interrupt_raised = 0;
            status = repl_docall(L, 0, LUA_MULTRET);
        }
        if (status == LUA_OK) print_results(L, base);
        else show_error(L);
        if (sigint_presses != presses_before) drop_pasted();   /* Ctrl-C stops a pasted block */
    }
    lua_settop(L, base);
    if (tty) {
        /* readline has already moved to a new line for the shell's prompt after Ctrl-D */
        history_close();
        sigaction(SIGWINCH, &old_winch, NULL);
        sigaction(SIGCONT, &old_cont, NULL);
    }
    fflush(stdout);
    if (!sigint_ignored) sigaction(SIGINT, &old_int, NULL);
    return 0;
}
