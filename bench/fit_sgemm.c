/* fit_sgemm.c — what the matrix products of one epoch of the lecture MLP cost on this machine
 * with OpenBLAS alone: the 8 cblas_sgemm calls of a training step (3 forward, 3 weight gradients,
 * 2 input gradients: the first layer's input needs none) at batch 128, repeated for 60,000 rows,
 * and a large square product for the machine's peak. Prints "key=value" lines for bench_fit.sh:
 *   epoch_gflop, sgemm_epoch_s, sgemm_gflops (for these shapes), peak_gflops (1024^3).
 * OpenBLAS's threads and core type are whatever the environment sets. */
#include <cblas.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

static float *buf(size_t n)
{
    float *p = malloc(n * sizeof *p);
    for (size_t i = 0; i < n; i++) p[i] = (float)((i * 2654435761u) % 1000) / 1000.0f - 0.5f;
    return p;
}

/* C[M,N] = A[M,K] @ B[K,N] (+ C when beta = 1), row-major; ta/tb: the operand is stored transposed */
static void mm(int ta, int tb, int M, int N, int K, const float *A, const float *B, float beta, float *C)
{
    cblas_sgemm(CblasRowMajor, ta ? CblasTrans : CblasNoTrans, tb ? CblasTrans : CblasNoTrans, M, N, K, 1.0f,
                A, ta ? M : K, B, tb ? K : N, beta, C, N);
}

int main(void)
{
    enum { N = 60000, B = 128, IN = 784, H1 = 128, H2 = 64, O = 10 };
    int steps = (N + B - 1) / B, last = N - (steps - 1) * B;
    float *x = buf((size_t)B * IN), *w1 = buf((size_t)IN * H1), *w2 = buf((size_t)H1 * H2), *w3 = buf((size_t)H2 * O);
    float *h1 = buf((size_t)B * H1), *h2 = buf((size_t)B * H2), *o = buf((size_t)B * O);
    float *g1 = buf((size_t)B * H1), *g2 = buf((size_t)B * H2), *g3 = buf((size_t)B * O);
    float *d1 = buf((size_t)IN * H1), *d2 = buf((size_t)H1 * H2), *d3 = buf((size_t)H2 * O);
    double flop = 0;
    for (int pass = 0; pass < 2; pass++) {   /* the first pass warms OpenBLAS's threads and buffers */
        double t0 = now();
        flop = 0;
        for (int s = 0; s < steps; s++) {
            int b = s == steps - 1 ? last : B;
            mm(0, 0, b, H1, IN, x, w1, 1, h1);      /* h1 = x @ W1 (+ bias rows) */
            mm(0, 0, b, H2, H1, h1, w2, 1, h2);
            mm(0, 0, b, O, H2, h2, w3, 1, o);
            mm(1, 0, H2, O, b, h2, g3, 0, d3);     /* dW3 = h2^T @ g3 */
            mm(0, 1, b, H2, O, g3, w3, 0, g2);     /* dh2 = g3 @ W3^T */
            mm(1, 0, H1, H2, b, h1, g2, 0, d2);
            mm(0, 1, b, H1, H2, g2, w2, 0, g1);
            mm(1, 0, IN, H1, b, x, g1, 0, d1);      /* dW1 = x^T @ g1 */
            flop += 2.0 * b * ((double)IN * H1 + H1 * H2 + H2 * O) * 2 + 2.0 * b * ((double)H1 * H2 + H2 * O);
        }
        double t = now() - t0;
        if (pass == 1) {
            printf("epoch_gflop=%.2f\n", flop / 1e9);
            printf("sgemm_epoch_s=%.4f\n", t);
            printf("sgemm_gflops=%.1f\n", flop / t / 1e9);
        }
    }
    int n = 1024;
    float *a = buf((size_t)n * n), *bb = buf((size_t)n * n), *c = buf((size_t)n * n);
    mm(0, 0, n, n, n, a, bb, 0, c);
    double t0 = now();
    int reps = 10;
    for (int r = 0; r < reps; r++) mm(0, 0, n, n, n, a, bb, 0, c);
    printf("peak_gflops=%.1f\n", 2.0 * n * n * n * reps / (now() - t0) / 1e9);
    return 0;
}
