/* ptydrive.c — runs a program in a pseudo-terminal and plays a script against it, the way a
 * person at a terminal would; used by tests/repl/test_*.sh to test the real readline path.
 *
 *   ptydrive [-n NAME] SCRIPT -- COMMAND [ARGS...]      (SCRIPT "-" is standard input)
 *
 * Script lines (blank lines and lines starting with # are ignored):
 *   test NAME        starts a named check; each prints "PASS: NAME" or "FAIL: NAME — why"
 *   send TEXT        types TEXT; escapes: \n \r \t \e \\ \xHH (\x03 is Ctrl-C, \x04 Ctrl-D)
 *   expect TEXT      waits until TEXT appears in the output that follows the previous match
 *   expect-re REGEX  the same with a POSIX extended regex; ^ and $ match at line ends;
 *                    \n \t \e \xHH work here too, other escapes are the regex's own
 *   sleep SECONDS    waits (still reading the output, so the program never blocks on it)
 *   timeout SECONDS  the limit for the following expect and wait-exit lines (default 20)
 *   wait-exit CODE   waits for the program to exit with status CODE
 * The output is matched as text: escape sequences, carriage returns and other control
 * characters are removed first. The limits are generous on purpose: they catch a hung program,
 * they do not measure speed. The terminal is 100x30 with TERM=xterm.
 *
 * Once a step fails the session's state is unknown, so the remaining checks are reported as
 * failed without being run, and the program is killed. Exit status: 0 when every check passed. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pty.h>
#include <regex.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static int master = -1;
static pid_t child = -1;
static int child_exited, child_status;
static int output_closed;

/* Output seen so far, cleaned; `consumed` marks the end of the previous match. */
static char *out;
static size_t out_len, out_cap, consumed;

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static void append(char c)
{
    if (out_len + 2 > out_cap) {
        out_cap = out_cap ? out_cap * 2 : 4096;
        out = realloc(out, out_cap);
        if (!out) { perror("ptydrive"); exit(2); }
    }
    out[out_len++] = c;
    out[out_len] = '\0';
}

/* Strips terminal control sequences as bytes arrive (a sequence may span two reads). */
static void clean(const char *buf, size_t n)
{
    static enum { TEXT, ESC, CSI, OSC, OSC_ESC } st = TEXT;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)buf[i];
        switch (st) {
        case TEXT:
            if (c == 0x1b) st = ESC;
            else if (c == '\n' || c == '\t' || c >= 0x20) append((char)c);
            break;
        case ESC:
            st = c == '[' ? CSI : c == ']' ? OSC : TEXT;
            break;
        case CSI:
            if (c >= 0x40 && c <= 0x7e) st = TEXT;
            break;
        case OSC:
            if (c == 0x07) st = TEXT;
            else if (c == 0x1b) st = OSC_ESC;
            break;
        case OSC_ESC:
            st = TEXT;
            break;
        }
    }
}

static void reap(int block)
{
    if (child_exited || child < 0) return;
    int status;
    pid_t r = waitpid(child, &status, block ? 0 : WNOHANG);
    if (r == child) { child_exited = 1; child_status = status; }
}

/* Reads what the program wrote, waiting at most `wait` seconds for something to arrive. */
static void pump(double wait)
{
    if (output_closed) {
        reap(0);
        if (!child_exited && wait > 0) usleep((useconds_t)(wait > 0.05 ? 50000 : wait * 1e6));
        return;
    }
    struct pollfd p = { .fd = master, .events = POLLIN };
    int ms = (int)(wait * 1000);
    int r = poll(&p, 1, ms < 0 ? 0 : ms);
    if (r > 0) {
        char buf[4096];
        ssize_t n = read(master, buf, sizeof buf);
        if (n > 0) clean(buf, (size_t)n);
        else if (n == 0 || (errno != EINTR && errno != EAGAIN)) output_closed = 1;   /* EIO: gone */
    }
    reap(0);
}

/* Turns \n \r \t \e \xHH into bytes; other backslash pairs become their character, or are
 * kept whole when regex is set (so "\(" still means a literal parenthesis to regcomp). */
static void unescape(const char *s, char *dst, size_t *len, int regex)
{
    size_t k = 0;
    for (; *s; s++) {
        if (*s != '\\' || !s[1]) { dst[k++] = *s; continue; }
        s++;
        switch (*s) {
        case 'n': dst[k++] = '\n'; break;
        case 'r': dst[k++] = '\r'; break;
        case 't': dst[k++] = '\t'; break;
        case 'e': dst[k++] = 0x1b; break;
        case 'x': {
            char hex[3] = { 0, 0, 0 };
            if (s[1]) { hex[0] = s[1]; s++; }
            if (s[1] && strchr("0123456789abcdefABCDEF", s[1])) { hex[1] = s[1]; s++; }
            dst[k++] = (char)strtol(hex, NULL, 16);
            break;
        }
        default:
            if (regex) dst[k++] = '\\';
            dst[k++] = *s;
            break;
        }
    }
    dst[k] = '\0';
    *len = k;
}

/* The tail of the screen, indented, for a failure report. */
static void show_tail(void)
{
    size_t start = out_len > 1200 ? out_len - 1200 : 0;
    int lines = 0;
    for (size_t i = out_len; i > start; i--)
        if (out[i - 1] == '\n' && ++lines > 14) { start = i; break; }
    printf("    | ");
    for (size_t i = start; i < out_len; i++) {
        putchar(out[i]);
        if (out[i] == '\n') printf("    | ");
    }
    printf("\n");
}

static char test_name[512];
static int test_open, failed, passed, broken;

static void fail(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void fail(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    printf("FAIL: %s — ", test_name);
    vprintf(fmt, ap);
    va_end(ap);
    printf("; the output ended with:\n");
    show_tail();
    fflush(stdout);
    failed++;
    test_open = 0;
    broken = 1;
}

static void finish_test(void)
{
    if (test_open) { printf("PASS: %s\n", test_name); fflush(stdout); passed++; }
    test_open = 0;
}

static void exit_text(char *buf, size_t n)
{
    if (WIFEXITED(child_status)) snprintf(buf, n, "exited with status %d", WEXITSTATUS(child_status));
    else if (WIFSIGNALED(child_status)) snprintf(buf, n, "was killed by signal %d", WTERMSIG(child_status));
    else snprintf(buf, n, "ended (status 0x%x)", child_status);
}

/* Waits for TEXT (or REGEX) after the previous match; consumes through the match. */
static void expect(const char *what, const char *as_written, int is_regex, double limit)
{
    regex_t re;
    if (is_regex && regcomp(&re, what, REG_EXTENDED | REG_NEWLINE) != 0) {
        fail("bad regex /%s/", as_written);
        return;
    }
    double deadline = now() + limit;
    for (;;) {
        const char *hay = out ? out + consumed : "";
        if (is_regex) {
            regmatch_t m;
            if (regexec(&re, hay, 1, &m, 0) == 0) { consumed += (size_t)m.rm_eo; break; }
        } else {
            const char *hit = strstr(hay, what);
            if (hit) { consumed = (size_t)(hit - (out ? out : hay)) + strlen(what); break; }
        }
        double left = deadline - now();
        if (left <= 0 || (child_exited && output_closed)) {
            char why[64] = "";
            if (child_exited) { char e[48]; exit_text(e, sizeof e); snprintf(why, sizeof why, " (the program %s)", e); }
            fail(is_regex ? "expected /%s/ within %g s%s" : "expected \"%s\" within %g s%s", as_written, limit, why);
            break;
        }
        pump(left > 0.2 ? 0.2 : left);
    }
    if (is_regex) regfree(&re);
}

static void send_text(const char *s, size_t n)
{
    while (n > 0) {
        ssize_t w = write(master, s, n);
        if (w < 0) {
            if (errno == EINTR || errno == EAGAIN) { pump(0.01); continue; }
            fail("could not type into the terminal: %s", strerror(errno));
            return;
        }
        s += w; n -= (size_t)w;
        pump(0);
    }
}

static void wait_exit(int code, double limit)
{
    double deadline = now() + limit;
    while (!child_exited && now() < deadline) pump(0.1);
    while (!output_closed && now() < deadline) { size_t before = out_len; pump(0.05); if (out_len == before) break; }
    if (!child_exited) { fail("expected the program to exit with status %d within %g s", code, limit); return; }
    if (!WIFEXITED(child_status) || WEXITSTATUS(child_status) != code) {
        char e[48];
        exit_text(e, sizeof e);
        fail("expected exit status %d, but the program %s", code, e);
    }
}

static void start(char **cmd)
{
    struct winsize ws = { .ws_row = 30, .ws_col = 100 };
    child = forkpty(&master, NULL, NULL, &ws);
    if (child < 0) { perror("ptydrive: forkpty"); exit(2); }
    if (child == 0) {
        setenv("TERM", "xterm", 1);
        signal(SIGINT, SIG_DFL);
        execvp(cmd[0], cmd);
        fprintf(stderr, "ptydrive: cannot run %s: %s\n", cmd[0], strerror(errno));
        _exit(127);
    }
}

static void stop(void)
{
    if (child_exited) return;
    kill(child, SIGHUP);
    kill(child, SIGTERM);
    double deadline = now() + 3;
    while (!child_exited && now() < deadline) pump(0.1);
    if (!child_exited) { kill(child, SIGKILL); reap(1); }
}

int main(int argc, char **argv)
{
    const char *name = NULL;
    int i = 1;
    if (i + 1 < argc && strcmp(argv[i], "-n") == 0) { name = argv[i + 1]; i += 2; }
    if (i + 2 >= argc || strcmp(argv[i + 1], "--") != 0) {
        fprintf(stderr, "usage: ptydrive [-n NAME] SCRIPT -- COMMAND [ARGS...]\n");
        return 2;
    }
    const char *script = argv[i];
    FILE *f = strcmp(script, "-") == 0 ? stdin : fopen(script, "r");
    if (!f) { perror(script); return 2; }
    snprintf(test_name, sizeof test_name, "%s", name ? name : script);

    signal(SIGPIPE, SIG_IGN);
    start(argv + i + 2);
    test_open = 1;

    double limit = 20;
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    while ((n = getline(&line, &cap, f)) >= 0) {
        if (n > 0 && line[n - 1] == '\n') line[--n] = '\0';
        char *cmd = line + strspn(line, " \t");
        if (!*cmd || *cmd == '#') continue;
        char *arg = cmd + strcspn(cmd, " \t");
        if (*arg) *arg++ = '\0';
        if (strcmp(cmd, "test") == 0) {
            finish_test();
            snprintf(test_name, sizeof test_name, "%s", arg);
            if (broken) { printf("FAIL: %s — not run: an earlier step failed\n", test_name); failed++; }
            else test_open = 1;
            continue;
        }
        if (broken) continue;
        char text[4096];
        size_t len;
        if (strlen(arg) >= sizeof text) { fail("script line too long"); continue; }
        unescape(arg, text, &len, strcmp(cmd, "expect-re") == 0);
        if (strcmp(cmd, "send") == 0) send_text(text, len);
        else if (strcmp(cmd, "expect") == 0) expect(text, arg, 0, limit);
        else if (strcmp(cmd, "expect-re") == 0) expect(text, arg, 1, limit);
        else if (strcmp(cmd, "sleep") == 0) {
            double until = now() + atof(arg);
            while (now() < until) pump(until - now());
        }
        else if (strcmp(cmd, "timeout") == 0) limit = atof(arg);
        else if (strcmp(cmd, "wait-exit") == 0) wait_exit(atoi(arg), limit);
        else { fail("unknown script command '%s'", cmd); }
    }
    finish_test();
    free(line);
    if (f != stdin) fclose(f);
    stop();
    free(out);
    return failed ? 1 : 0;
}
