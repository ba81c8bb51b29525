/* plot.c — gnuplot processes and pipes (see plot.h). Uses libc and POSIX only.
 *
 * The protocol: every drawing is a script followed by `print "LUNET_SYNC_<n>"`, with gnuplot's
 * print directed to stdout. gnuplot runs commands in order, so when the marker comes back on stdout
 * the drawing is complete: what came before it on stdout is the drawing itself (dumb text, sixel),
 * and whatever gnuplot had to say about the script is already in the stderr pipe (it writes stderr
 * unbuffered), where a non-blocking read picks it up. */
#define _GNU_SOURCE
#include "plot.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

/* ---- buffers ---- */

int plot_buf_reserve(plot_buf *b, size_t extra)
{
    if (b->n + extra + 1 <= b->cap) return 0;
    size_t cap = b->cap ? b->cap : 256;
    while (cap < b->n + extra + 1) cap *= 2;
    char *s = ln_realloc(b->s, cap);
    if (!s) return -1;
    b->s = s;
    b->cap = cap;
    return 0;
}

int plot_buf_add(plot_buf *b, const char *s, size_t n)
{
    if (plot_buf_reserve(b, n) < 0) return -1;
    memcpy(b->s + b->n, s, n);
    b->n += n;
    b->s[b->n] = 0;
    return 0;
}

int plot_buf_printf(plot_buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int k = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (k < 0 || plot_buf_reserve(b, (size_t)k) < 0) return -1;
    va_start(ap, fmt);
    vsnprintf(b->s + b->n, (size_t)k + 1, fmt, ap);
    va_end(ap);
    b->n += (size_t)k;
    return 0;
}

void plot_buf_free(plot_buf *b)
{
    ln_free(b->s);
    b->s = NULL;
    b->n = b->cap = 0;
}

int plot_buf_number(plot_buf *b, double v)
{
    if (!isfinite(v)) return plot_buf_add(b, "NaN", 3);   /* gnuplot leaves a gap there */
    if (plot_buf_reserve(b, 32) < 0) return -1;
    int k = snprintf(b->s + b->n, 32, "%.7g", v);
    b->n += (size_t)k;
    return 0;
}

int plot_datablock(plot_buf *b, const char *name, int ncols, int64_t nrows, const float *const *cols)
{
    if (plot_buf_printf(b, "$%s << EOD\n", name) < 0) return -1;
    for (int64_t r = 0; r < nrows; r++) {
        for (int c = 0; c < ncols; c++) {
            if (c && plot_buf_add(b, " ", 1) < 0) return -1;
            if (plot_buf_number(b, cols[c][r]) < 0) return -1;
        }
        if (plot_buf_add(b, "\n", 1) < 0) return -1;
    }
    return plot_buf_add(b, "EOD\n", 4);
}

int plot_matrixblock(plot_buf *b, const char *name, int64_t rows, int64_t cols, const float *data)
{
    if (plot_buf_printf(b, "$%s << EOD\n", name) < 0) return -1;
    for (int64_t r = 0; r < rows; r++) {           /* data: (rows, cols) */
        for (int64_t c = 0; c < cols; c++) {
            if (c && plot_buf_add(b, " ", 1) < 0) return -1;
            if (plot_buf_number(b, data[r * cols + c]) < 0) return -1;
        }
        if (plot_buf_add(b, "\n", 1) < 0) return -1;
    }
    return plot_buf_add(b, "EOD\n", 4);
}

void plot_reply_free(plot_reply *r)
{
    plot_buf_free(&r->out);
    plot_buf_free(&r->err);
}

/* ---- the process ---- */

struct plot_proc {
    pid_t pid;          /* 0 once reaped */
    int in, out, err;   /* our ends of gnuplot's stdin, stdout, stderr; -1 when closed */
    unsigned seq;       /* sync markers are numbered so a stale one is never mistaken */
};

static void close_fd(int *fd)
{
    if (*fd >= 0) close(*fd);
    *fd = -1;
}

static void set_nonblock(int fd) { fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK); }

static void sleep_ms(int ms)
{
    struct timespec ts = {ms / 1000, (long)(ms % 1000) * 1000000L};
    while (nanosleep(&ts, &ts) < 0 && errno == EINTR) {}
}

/* Waits up to ms for the child to exit; 1 when reaped. */
static int reap_within(plot_proc *p, int ms)
{
    for (int waited = 0; p->pid > 0; waited += 5) {
        pid_t r = waitpid(p->pid, NULL, WNOHANG);
        if (r == p->pid || (r < 0 && errno == ECHILD)) { p->pid = 0; return 1; }
        if (waited >= ms) return 0;
        sleep_ms(5);
    }
    return 1;
}

/* Makes sure the child is gone and reaped: a polite wait, then SIGTERM, then SIGKILL. */
static void reap(plot_proc *p, int polite_ms)
{
    if (p->pid <= 0) return;
    if (reap_within(p, polite_ms)) return;
    kill(p->pid, SIGTERM);
    if (reap_within(p, 300)) return;
    kill(p->pid, SIGKILL);
    while (waitpid(p->pid, NULL, 0) < 0 && errno == EINTR) {}
    p->pid = 0;
}

plot_proc *plot_start(const char *exe)
{
    if (!exe || !*exe) exe = "gnuplot";
    /* A window closed or a gnuplot killed must show up as EPIPE on write, not kill lunet. */
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = SIG_IGN;
    sigaction(SIGPIPE, &sa, NULL);

    int pin[2] = {-1, -1}, pout[2] = {-1, -1}, perr[2] = {-1, -1};
    if (pipe2(pin, O_CLOEXEC) < 0 || pipe2(pout, O_CLOEXEC) < 0 || pipe2(perr, O_CLOEXEC) < 0) {
        ln_seterror("plot: cannot make pipes for gnuplot: %s", strerror(errno));
        close_fd(&pin[0]); close_fd(&pin[1]); close_fd(&pout[0]); close_fd(&pout[1]);
        close_fd(&perr[0]); close_fd(&perr[1]);
        return NULL;
    }
    plot_proc *p = ln_calloc(1, sizeof *p);
    if (!p) {
        close_fd(&pin[0]); close_fd(&pin[1]); close_fd(&pout[0]); close_fd(&pout[1]);
        close_fd(&perr[0]); close_fd(&perr[1]);
        return NULL;
    }

    posix_spawn_file_actions_t fa;
    posix_spawnattr_t at;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_adddup2(&fa, pin[0], 0);
    posix_spawn_file_actions_adddup2(&fa, pout[1], 1);
    posix_spawn_file_actions_adddup2(&fa, perr[1], 2);
    posix_spawnattr_init(&at);
    sigset_t def, none;
    sigemptyset(&def);
    sigaddset(&def, SIGPIPE);
    sigaddset(&def, SIGINT);
    sigaddset(&def, SIGTERM);
    sigemptyset(&none);
    posix_spawnattr_setsigdefault(&at, &def);
    posix_spawnattr_setsigmask(&at, &none);
    posix_spawnattr_setpgroup(&at, 0);
    posix_spawnattr_setflags(&at, POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETPGROUP);
    char *argv[] = {(char *)exe, NULL};
    int rc = posix_spawnp(&p->pid, exe, &fa, &at, argv, environ);
    posix_spawn_file_actions_destroy(&fa);
    posix_spawnattr_destroy(&at);
    close_fd(&pin[0]);
    close_fd(&pout[1]);
    close_fd(&perr[1]);
    if (rc != 0) {
        if (rc == ENOENT && !strchr(exe, '/') && strcmp(exe, "gnuplot") == 0)
            ln_seterror("%s", PLOT_NOT_FOUND);
        else
            ln_seterror("plot: cannot run '%s': %s", exe, strerror(rc));
        close_fd(&pin[1]); close_fd(&pout[0]); close_fd(&perr[0]);
        ln_free(p);
        return NULL;
    }
    p->in = pin[1];
    p->out = pout[0];
    p->err = perr[0];
    set_nonblock(p->in);
    set_nonblock(p->out);
    set_nonblock(p->err);
    return p;
}

int plot_alive(plot_proc *p)
{
    if (!p || p->pid <= 0) return 0;
    pid_t r = waitpid(p->pid, NULL, WNOHANG);
    if (r == p->pid || (r < 0 && errno == ECHILD)) { p->pid = 0; return 0; }
    return 1;
}

pid_t plot_pid(const plot_proc *p) { return p ? p->pid : 0; }

void plot_stop(plot_proc *p)
{
    if (!p) return;
    close_fd(&p->in);      /* end of input: gnuplot exits by itself */
    close_fd(&p->out);
    close_fd(&p->err);
    reap(p, 1000);
    ln_free(p);
}

/* Reads what is there on fd into b; 0 when something or nothing (EAGAIN) was read, 1 at end of
 * file, -1 on error. */
static int read_some(int fd, plot_buf *b)
{
    for (;;) {
        if (plot_buf_reserve(b, 65536) < 0) return -1;
        ssize_t k = read(fd, b->s + b->n, 65536);
        if (k > 0) { b->n += (size_t)k; b->s[b->n] = 0; continue; }
        if (k == 0) return 1;
        if (errno == EINTR) continue;
        if (errno == EAGAIN || errno == EWOULDBLOCK) return 0;
        return -1;
    }
}

/* gnuplot is gone: keep what it said last, reap it, and say so. */
static int died(plot_proc *p, plot_reply *reply)
{
    if (p->err >= 0) read_some(p->err, &reply->err);
    close_fd(&p->in);
    reap(p, 500);
    ln_seterror("plot: gnuplot exited");
    return PLOT_DIED;
}

int plot_run(plot_proc *p, const char *script, size_t len, double timeout_s, plot_reply *reply)
{
    if (!p || p->pid <= 0 || p->in < 0) { ln_seterror("plot: gnuplot exited"); return PLOT_DIED; }
    if (!plot_alive(p)) return died(p, reply);

    char marker[48], tail[96];
    int mlen = snprintf(marker, sizeof marker, "LUNET_SYNC_%u\n", ++p->seq);
    int tlen = snprintf(tail, sizeof tail, "\nset print \"-\"\nprint \"LUNET_SYNC_%u\"\n", p->seq);
    size_t sent = 0, total = len + (size_t)tlen, scanned = 0;
    double deadline = plot_now() + timeout_s;

    for (;;) {
        /* marker back? everything before it is the drawing */
        if (reply->out.n >= (size_t)mlen) {
            char *m = memmem(reply->out.s + scanned, reply->out.n - scanned, marker, (size_t)mlen);
            if (m) {
                reply->out.n = (size_t)(m - reply->out.s);
                reply->out.s[reply->out.n] = 0;
                read_some(p->err, &reply->err);
                return 0;
            }
            scanned = reply->out.n - (size_t)mlen + 1;
        }
        if (ln_interrupted) {
            ln_seterror("plot: interrupted; gnuplot was stopped, the next plot starts a new one");
            close_fd(&p->in);
            reap(p, 0);
            return -1;
        }
        double left = deadline - plot_now();
        if (left <= 0) {
            ln_seterror("plot: gnuplot did not finish within %g s; it was stopped, the next plot starts a new one",
                        timeout_s);
            close_fd(&p->in);
            reap(p, 0);
            return -1;
        }

        struct pollfd fds[3] = {
            {p->out, POLLIN, 0},
            {p->err, POLLIN, 0},
            {sent < total ? p->in : -1, POLLOUT, 0},
        };
        int wait_ms = left < 0.1 ? (int)(left * 1000) + 1 : 100;   /* wake up for Ctrl-C */
        int rc = poll(fds, 3, wait_ms);
        if (rc < 0) {
            if (errno == EINTR) continue;
            ln_seterror("plot: poll: %s", strerror(errno));
            return -1;
        }
        if (fds[2].revents & (POLLOUT | POLLERR | POLLHUP)) {
            while (sent < total) {
                const char *src = sent < len ? script + sent : tail + (sent - len);
                size_t n = sent < len ? len - sent : total - sent;
                ssize_t k = write(p->in, src, n);
                if (k > 0) { sent += (size_t)k; continue; }
                if (k < 0 && errno == EINTR) continue;
                if (k < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) break;
                return died(p, reply);          /* EPIPE: gnuplot is gone */
            }
        }
        if (fds[1].revents & (POLLIN | POLLHUP | POLLERR)) {
            if (read_some(p->err, &reply->err) != 0) close_fd(&p->err);
        }
        if (fds[0].revents & (POLLIN | POLLHUP | POLLERR)) {
            int r = read_some(p->out, &reply->out);
            if (r < 0) return died(p, reply);
            if (r == 1) {
                /* end of stdout: the marker may still be in what was just read */
                char *m = memmem(reply->out.s + scanned, reply->out.n - scanned, marker, (size_t)mlen);
                if (m) continue;
                return died(p, reply);
            }
        }
    }
}

/* ---- the terminal ---- */

int plot_term_size(int fd, int *cols, int *rows, int *xpix, int *ypix)
{
    struct winsize ws;
    if (ioctl(fd, TIOCGWINSZ, &ws) < 0 || ws.ws_col == 0 || ws.ws_row == 0) return -1;
    *cols = ws.ws_col;
    *rows = ws.ws_row;
    *xpix = ws.ws_xpixel;
    *ypix = ws.ws_ypixel;
    return 0;
}

double plot_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

void plot_grid(float *out, double xmin, double xmax, int64_t nx, double ymin, double ymax, int64_t ny)
{
    for (int64_t j = 0; j < ny; j++) {           /* out: (nx*ny, 2) */
        double y = ny > 1 ? ymin + (ymax - ymin) * (double)j / (double)(ny - 1) : ymin;
        for (int64_t i = 0; i < nx; i++) {
            double x = nx > 1 ? xmin + (xmax - xmin) * (double)i / (double)(nx - 1) : xmin;
            out[2 * (j * nx + i)] = (float)x;
            out[2 * (j * nx + i) + 1] = (float)y;
        }
    }
}
