/* bench_tensor.c — throughput of the tensor core next to what the machine can do:
 * matmul through tensor_matmul next to a bare cblas_sgemm on the same buffers, and elementwise
 * ops next to memcpy bandwidth. With a lunet binary as argument, the same operations are also
 * timed through the Lua API (bench/bench_tensor.lua, timed from outside: a run of N repetitions
 * minus a run of none, so start-up and set-up cancel out).
 *
 *   bench_tensor [LUNET]        built and run by bench/bench_tensor.sh
 *
 * Every figure is the median of several samples; a sample repeats the operation until it has
 * run for at least 50 ms, so that small products are not lost in timer noise, and the samples of
 * an operation and of its reference (sgemm, memcpy) alternate, so that other processes slow both
 * alike. In Lua, a:clone() stands in for memcpy. */
#include "tensor.h"
#include "autograd.h"

#include <cblas.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define SAMPLES 5
#define MIN_SAMPLE_S 0.05

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static double median(double *v, int n)
{
    qsort(v, (size_t)n, sizeof *v, cmp_double);
    return n % 2 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
}

/* Calls per sample so that one sample of fn lasts at least MIN_SAMPLE_S. */
static int calls_per_sample(void (*fn)(void *), void *ctx)
{
    fn(ctx);   /* warm-up: page faults, the pool, BLAS threads */
    double t0 = now();
    fn(ctx);
    double once = now() - t0;
    return once >= MIN_SAMPLE_S ? 1 : (int)(MIN_SAMPLE_S / (once > 1e-7 ? once : 1e-7)) + 1;
}

/* Median seconds per call of f and of its reference g, their samples taken in turn so that a
 * change in the machine's load (other processes) hits both alike. */
static void time_pair(void (*f)(void *), void (*g)(void *), void *ctx, double *tf, double *tg)
{
    int nf = calls_per_sample(f, ctx), ng = calls_per_sample(g, ctx);
    double sf[SAMPLES], sg[SAMPLES];
    for (int k = 0; k < SAMPLES; k++) {
        double t0 = now();
        for (int i = 0; i < nf; i++) f(ctx);
        sf[k] = (now() - t0) / nf;
        t0 = now();
        for (int i = 0; i < ng; i++) g(ctx);
        sg[k] = (now() - t0) / ng;
    }
    *tf = median(sf, SAMPLES);
    *tg = median(sg, SAMPLES);
}

/* ---- the operations ---- */
typedef struct {
    tensor *a, *b;
    float *c;       /* output buffer of the bare library call */
    int64_t M, N, K;
} job;

static void die(const char *what)
{
    fprintf(stderr, "bench_tensor: %s: %s\n", what, ln_error());
    exit(1);
}

static void lunet_matmul(void *p) { job *j = p; tensor *c = tensor_matmul(j->a, j->b); if (!c) die("matmul"); tensor_release(c); }
static void blas_sgemm(void *p)
{
    job *j = p;
    cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, (int)j->M, (int)j->N, (int)j->K, 1.0f,
                tensor_data(j->a), (int)j->K, tensor_data(j->b), (int)j->N, 0.0f, j->c, (int)j->N);
}
static void lunet_add(void *p) { job *j = p; tensor *c = tensor_binary(BIN_ADD, j->a, j->b); if (!c) die("add"); tensor_release(c); }
static void lunet_relu(void *p) { job *j = p; tensor *c = tensor_unary(UN_RELU, j->a); if (!c) die("relu"); tensor_release(c); }
static void lunet_sigmoid(void *p) { job *j = p; tensor *c = tensor_unary(UN_SIGMOID, j->a); if (!c) die("sigmoid"); tensor_release(c); }
static void lunet_mul_scalar(void *p) { job *j = p; tensor *c = tensor_binary_scalar(BIN_MUL, j->a, 2.0f, 0); if (!c) die("mul"); tensor_release(c); }
static void lunet_axpy(void *p) { job *j = p; if (tensor_axpy_(j->a, 1e-9f, j->b) < 0) die("axpy_"); }
static void bare_memcpy(void *p) { job *j = p; memcpy(j->c, tensor_data(j->a), (size_t)j->a->numel * sizeof(float)); }

/* ---- the same through Lua ---- */
static const char *lunet_bin;

/* Wall seconds of one lunet run doing `reps` repetitions of op on operands of `size`. */
static double lua_run(const char *op, const char *size, int reps)
{
    char cmd[1024];
    snprintf(cmd, sizeof cmd, "%s -e \"BENCH_OP='%s' BENCH_SIZE='%s' BENCH_N=%d\" bench/bench_tensor.lua >/dev/null 2>&1",
             lunet_bin, op, size, reps);
    double t0 = now();
    int rc = system(cmd);
    double t = now() - t0;
    return rc == 0 ? t : -1;
}

/* Seconds per operation through Lua, or -1 when the run fails. reps is chosen from the C time
 * so that the timed part lasts about a second. */
static double lua_time(const char *op, const char *size, double c_seconds)
{
    if (!lunet_bin) return -1;
    int reps = (int)(1.0 / c_seconds);
    if (reps < 3) reps = 3;
    if (reps > 2000) reps = 2000;
    double with[3], without[3];
    for (int k = 0; k < 3; k++) {
        with[k] = lua_run(op, size, reps);
        without[k] = lua_run(op, size, 0);
        if (with[k] < 0 || without[k] < 0) return -1;
    }
    double t = (median(with, 3) - median(without, 3)) / reps;
    return t > 0 ? t : -1;
}

static void print_lua(double v, double ref, const char *unit)
{
    if (v < 0) printf("  %10s  %6s\n", "-", "-");
    else printf("  %6.1f %-4s %6.2f\n", v, unit, v / ref);
}

int main(int argc, char **argv)
{
    lunet_bin = argc > 1 ? argv[1] : NULL;
    ag_set_enabled(0);
    rng_seed(1);
    printf("lunet tensor benchmark: median of %d samples, each >= %.0f ms; %s\n", SAMPLES, MIN_SAMPLE_S * 1e3,
           openblas_get_config());
    printf("OpenBLAS threads: %d\n\n", openblas_get_num_threads());

    /* matmul */
    static const int64_t sizes[][3] = {{128, 784, 128}, {1000, 1000, 1000}, {2048, 2048, 2048}};
    printf("%-28s %12s %14s %6s  %12s %6s\n", "matmul (M x K @ K x N)", "tensor_matmul", "cblas_sgemm", "ratio",
           lunet_bin ? "Lua API" : "", lunet_bin ? "ratio" : "");
    for (size_t s = 0; s < sizeof sizes / sizeof sizes[0]; s++) {
        job j = {0};
        j.M = sizes[s][0]; j.K = sizes[s][1]; j.N = sizes[s][2];
        j.a = tensor_randn(2, (int64_t[]){j.M, j.K});
        j.b = tensor_randn(2, (int64_t[]){j.K, j.N});
        j.c = ln_alloc((size_t)(j.M * j.N) * sizeof(float));
        if (!j.a || !j.b || !j.c) die("allocation");
        double flop = 2.0 * (double)j.M * (double)j.N * (double)j.K;
        double tl, tb;
        time_pair(lunet_matmul, blas_sgemm, &j, &tl, &tb);
        char label[64], size[64];
        snprintf(label, sizeof label, "%lldx%lld @ %lldx%lld", (long long)j.M, (long long)j.K, (long long)j.K, (long long)j.N);
        snprintf(size, sizeof size, "%lld,%lld,%lld", (long long)j.M, (long long)j.K, (long long)j.N);
        printf("  %-26s %6.1f GF/s %9.1f GF/s %6.2f", label, flop / tl * 1e-9, flop / tb * 1e-9, tb / tl);
        if (lunet_bin) { fflush(stdout); double tq = lua_time("matmul", size, tl); print_lua(tq > 0 ? flop / tq * 1e-9 : -1, flop / tb * 1e-9, "GF/s"); }
        else printf("\n");
        tensor_release(j.a); tensor_release(j.b); ln_free(j.c);
    }

    /* elementwise on 10^7 floats; bytes moved = inputs read + output written.
     * The storage pool is bounded and keeps what it already holds, so the big matmul buffers
     * would keep the 40 MB outputs out of it and every call would fault fresh pages in; a
     * training loop reaches the steady state this measures. */
    tensor_pool_trim();
    const int64_t n = 10000000;
    job e = {0};
    e.a = tensor_randn(1, &n); e.b = tensor_randn(1, &n);
    e.c = ln_alloc((size_t)n * sizeof(float));
    if (!e.a || !e.b || !e.c) die("allocation");
    memset(e.c, 0, (size_t)n * sizeof(float));
    printf("\n%-28s %12s %14s %6s  %12s %6s\n", "elementwise, 10^7 floats", "lunet C", "memcpy", "ratio",
           lunet_bin ? "Lua API" : "", lunet_bin ? "ratio" : "");
    struct { const char *name, *lua; void (*fn)(void *); double bytes; } ew[] = {
        {"memcpy (read 4 B, write 4 B)", "clone", bare_memcpy, 8},
        {"a + b", "add", lunet_add, 12},
        {"relu(a)", "relu", lunet_relu, 8},
        {"a * 2", "mul_scalar", lunet_mul_scalar, 8},
        {"sigmoid(a)", "sigmoid", lunet_sigmoid, 8},
        {"axpy_ a += alpha*b (grads)", NULL, lunet_axpy, 12},
    };
    for (size_t k = 0; k < sizeof ew / sizeof ew[0]; k++) {
        double t, tm;
        time_pair(ew[k].fn, bare_memcpy, &e, &t, &tm);
        double gbs = ew[k].bytes * (double)n / t * 1e-9, mem_gbs = 8.0 * (double)n / tm * 1e-9;
        printf("  %-26s %6.1f GB/s %9.1f GB/s %6.2f", ew[k].name, gbs, mem_gbs, gbs / mem_gbs);
        if (lunet_bin && ew[k].lua) { fflush(stdout); double tq = lua_time(ew[k].lua, "", t); print_lua(tq > 0 ? ew[k].bytes * n / tq * 1e-9 : -1, mem_gbs, "GB/s"); }
        else printf("\n");
    }
    tensor_release(e.a); tensor_release(e.b); ln_free(e.c);
    if (!lunet_bin) printf("\n(Lua API timings skipped: no working lunet binary)\n");
    return 0;
}
