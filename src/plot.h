/* plot.h — gnuplot as a child process: start it, feed it commands and data, wait for it to finish
 * a drawing, collect what it printed, stop it. Plain C: no Lua, no tensors (data arrive as float
 * arrays), so the policy of what to draw lives in lua/plot.lua and this file only moves bytes.
 *
 * One plot_proc is one gnuplot process (one figure). Its stdin, stdout and stderr are pipes owned
 * by the plot_proc; plot_stop() closes them and reaps the process, so no zombie is ever left.
 * Errors: functions return -1 or NULL after ln_seterror("plot: ..."). */
#ifndef LUNET_PLOT_H
#define LUNET_PLOT_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "core.h"

/* The message for a missing gnuplot; the Lua error shows exactly this. */
#define PLOT_NOT_FOUND "plot: gnuplot not found — install it with: apt-get install gnuplot-nox"

/* ---- growable byte buffer: command scripts and data blocks are built in one ---- */
typedef struct {
    char *s;        /* owned; always NUL-terminated when n > 0 or after plot_buf_reserve */
    size_t n, cap;
} plot_buf;

int plot_buf_reserve(plot_buf *b, size_t extra);     /* room for extra more bytes (+ NUL) */
int plot_buf_add(plot_buf *b, const char *s, size_t n);
int plot_buf_printf(plot_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void plot_buf_free(plot_buf *b);

/* Appends one number as gnuplot reads it: "%.7g", and NaN for NaN or infinity (a gap). */
int plot_buf_number(plot_buf *b, double v);

/* Appends an inline data block:  $name << EOD / one row per item, ncols columns / EOD.
 * cols[c] points at nrows floats (column c). */
int plot_datablock(plot_buf *b, const char *name, int ncols, int64_t nrows, const float *const *cols);

/* Appends a data block holding a matrix (rows lines of cols numbers), for `matrix with image`.
 * data: (rows, cols) row-major. */
int plot_matrixblock(plot_buf *b, const char *name, int64_t rows, int64_t cols, const float *data);

/* ---- the process ---- */
typedef struct plot_proc plot_proc;

/* The reply to one plot_run: what gnuplot wrote to stdout before the sync marker (the text of a
 * dumb drawing, sixel bytes, printed values) and everything it wrote to stderr (its errors and
 * warnings, verbatim). Both owned by the reply. */
typedef struct {
    plot_buf out;
    plot_buf err;
} plot_reply;
void plot_reply_free(plot_reply *r);

/* Starts `exe` (searched in PATH; NULL means "gnuplot") with its three streams on pipes, in a
 * process group of its own so the terminal's Ctrl-C reaches lunet and not gnuplot. SIGPIPE is
 * ignored in lunet from then on: a write to a dead gnuplot is an EPIPE error, not a crash.
 * Fails with PLOT_NOT_FOUND when gnuplot is missing (or "plot: cannot run 'x': why" for others). */
plot_proc *plot_start(const char *exe);

/* Sends script, then a sync marker, and collects the reply until the marker comes back (gnuplot
 * has then finished every command before it). Keeps reading while writing, so a big drawing on
 * stdout cannot deadlock against a big data block on stdin.
 * Returns 0 when the marker came back, PLOT_DIED when gnuplot exited (the process is then reaped
 * and plot_alive() is 0), -1 on a timeout or an interrupt (ln_interrupted; the process is stopped). */
#define PLOT_DIED (-2)
int plot_run(plot_proc *p, const char *script, size_t len, double timeout_s, plot_reply *reply);

int plot_alive(plot_proc *p);         /* 0 once the process has exited (and then it is reaped) */
pid_t plot_pid(const plot_proc *p);   /* 0 when no longer running */
/* Closes the pipes (gnuplot exits on end of input), waits briefly, kills if it must, reaps; frees p.
 * NULL is fine. */
void plot_stop(plot_proc *p);

/* ---- the terminal lunet runs in ---- */
/* Size of the terminal on fd: columns, rows and (when the terminal tells) pixels; -1 if fd is not
 * a terminal. */
int plot_term_size(int fd, int *cols, int *rows, int *xpix, int *ypix);

/* Monotonic clock in seconds, for rate-limiting live redraws. */
double plot_now(void);

/* Fills out (nx*ny, 2) with the points of a grid over [xmin,xmax] x [ymin,ymax], x varying fastest
 * (row j of the grid is y_j, rows from ymin up), as plot.boundary evaluates a model on it. */
void plot_grid(float *out, double xmin, double xmax, int64_t nx, double ymin, double ymax, int64_t ny);

#endif
