/* test_plot.c — the gnuplot pipe (plot.c): data blocks as gnuplot reads them, the grid of
 * plot.boundary, and real gnuplot processes: a drawing synced by its marker, errors on stderr, a
 * gnuplot that exits mid-way, a missing program, and no process or zombie left behind. */
#include <signal.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include "plot.h"
#include "test.h"

/* 1 while pid exists (as a process or a zombie). */
static int exists(pid_t pid) { return kill(pid, 0) == 0; }

TEST(plot_datablock_writes_rows_and_gaps)
{
    float x[3] = {1, 2.5f, 3}, y[3] = {-1, NAN, 1e-3f};
    const float *cols[2] = {x, y};
    plot_buf b = {0};
    CHECK(plot_datablock(&b, "d", 2, 3, cols) == 0);
    CHECK(strcmp(b.s, "$d << EOD\n1 -1\n2.5 NaN\n3 0.001\nEOD\n") == 0);
    plot_buf_free(&b);
    float inf = INFINITY;
    const float *one[1] = {&inf};
    CHECK(plot_datablock(&b, "e", 1, 1, one) == 0);
    CHECK(strcmp(b.s, "$e << EOD\nNaN\nEOD\n") == 0);
    plot_buf_free(&b);
}

TEST(plot_matrixblock_keeps_rows_in_order)
{
    float m[6] = {1, 2, 3, 4, 5, 6};   /* (2, 3) */
    plot_buf b = {0};
    CHECK(plot_matrixblock(&b, "m", 2, 3, m) == 0);
    CHECK(strcmp(b.s, "$m << EOD\n1 2 3\n4 5 6\nEOD\n") == 0);
    plot_buf_free(&b);
}

TEST(plot_grid_varies_x_fastest)
{
    float g[12];   /* (3*2, 2) */
    plot_grid(g, -1, 1, 3, 0, 2, 2);
    float want[12] = {-1, 0, 0, 0, 1, 0, -1, 2, 0, 2, 1, 2};
    for (int i = 0; i < 12; i++) CHECK_NEAR(g[i], want[i], 1e-6);
}

TEST(plot_missing_program_is_named)
{
    CHECK_ERR(plot_start("/nonexistent/gnuplot"), "plot: cannot run '/nonexistent/gnuplot': No such file or directory");
    const char *path = getenv("PATH");
    char *saved = path ? strdup(path) : NULL;
    setenv("PATH", "/nonexistent", 1);
    plot_proc *p = plot_start(NULL);
    if (saved) { setenv("PATH", saved, 1); free(saved); }
    CHECK_ERR(p, PLOT_NOT_FOUND);
}

TEST(plot_run_returns_the_drawing_before_the_marker)
{
    plot_proc *p = plot_start(NULL);
    CHECK(p != NULL);
    pid_t pid = plot_pid(p);
    const char *s = "set terminal dumb size 60,20\nplot x title 'line'\n";
    plot_reply r = {{0}, {0}};
    CHECK(plot_run(p, s, strlen(s), 20, &r) == 0);
    CHECK(r.out.n > 0 && strstr(r.out.s, "line") != NULL);
    CHECK(strstr(r.out.s, "LUNET_SYNC") == NULL);
    CHECK(r.err.n == 0);
    plot_reply_free(&r);
    /* an error goes to stderr, verbatim, and gnuplot carries on */
    const char *bad = "plot nosuchfunction(x)\n";
    CHECK(plot_run(p, bad, strlen(bad), 20, &r) == 0);
    CHECK(r.err.s && strstr(r.err.s, "undefined function: nosuchfunction") != NULL);
    plot_reply_free(&r);
    CHECK(plot_alive(p));
    plot_stop(p);
    CHECK(!exists(pid));   /* reaped: not even a zombie */
}

TEST(plot_run_sends_big_data_without_deadlock)
{
    /* 200,000 points in, a big text drawing out, through 64 KB pipes */
    plot_proc *p = plot_start(NULL);
    CHECK(p != NULL);
    int64_t n = 200000;
    float *x = malloc(sizeof(float) * (size_t)n), *y = malloc(sizeof(float) * (size_t)n);
    for (int64_t i = 0; i < n; i++) { x[i] = (float)i; y[i] = (float)(i % 97); }
    const float *cols[2] = {x, y};
    plot_buf b = {0};
    CHECK(plot_buf_add(&b, "set terminal dumb size 400,200\n", 31) == 0);
    CHECK(plot_datablock(&b, "big", 2, n, cols) == 0);
    CHECK(plot_buf_printf(&b, "plot $big using 1:2 with dots\nprint STATS_records\n") == 0);
    free(x);
    free(y);
    plot_reply r = {{0}, {0}};
    CHECK(plot_run(p, b.s, b.n, 60, &r) == 0);
    CHECK(r.out.n > 400 * 150);
    plot_buf_free(&b);
    plot_reply_free(&r);
    plot_stop(p);
}

TEST(plot_gnuplot_that_exits_is_reported_and_reaped)
{
    plot_proc *p = plot_start(NULL);
    CHECK(p != NULL);
    pid_t pid = plot_pid(p);
    plot_reply r = {{0}, {0}};
    CHECK(plot_run(p, "exit\n", 5, 20, &r) == PLOT_DIED);
    CHECK(strstr(ln_error(), "plot: gnuplot exited") != NULL);
    CHECK(!plot_alive(p));
    CHECK(plot_pid(p) == 0);
    CHECK(!exists(pid));
    /* and the next run says the same without blocking or crashing (SIGPIPE is ignored) */
    CHECK(plot_run(p, "plot x\n", 7, 20, &r) == PLOT_DIED);
    plot_reply_free(&r);
    plot_stop(p);
}

TEST(plot_killed_gnuplot_is_reaped)
{
    plot_proc *p = plot_start(NULL);
    CHECK(p != NULL);
    pid_t pid = plot_pid(p);
    kill(pid, SIGKILL);
    plot_reply r = {{0}, {0}};
    CHECK(plot_run(p, "plot x\n", 7, 20, &r) == PLOT_DIED);
    plot_reply_free(&r);
    CHECK(!exists(pid));
    plot_stop(p);
}

TEST(plot_timeout_stops_gnuplot)
{
    /* `pause 5` keeps gnuplot busy past a 0.3 s limit: the run fails and the process is gone */
    plot_proc *p = plot_start(NULL);
    CHECK(p != NULL);
    pid_t pid = plot_pid(p);
    plot_reply r = {{0}, {0}};
    CHECK(plot_run(p, "pause 5\n", 8, 0.3, &r) == -1);
    CHECK(strstr(ln_error(), "did not finish within 0.3 s") != NULL);
    plot_reply_free(&r);
    CHECK(!exists(pid));
    plot_stop(p);
}
