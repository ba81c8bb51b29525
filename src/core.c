/* core.c — the allocator, the error slot, the interrupt flag and the random generator.
 * Uses only libc. */
#include "core.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

static long fail_after = -1;

static int should_fail(void)
{
    if (fail_after < 0) return 0;
    if (fail_after == 0) { fail_after = -1; return 1; }
    fail_after--;
    return 0;
}

void ln_alloc_fail_after(long k) { fail_after = k; }

void *ln_alloc(size_t n)
{
    void *p = should_fail() ? NULL : malloc(n ? n : 1);
    if (!p) ln_seterror("out of memory (asked for %zu bytes)", n);
    return p;
}

void *ln_calloc(size_t n, size_t sz)
{
    void *p = should_fail() ? NULL : calloc(n ? n : 1, sz ? sz : 1);
    if (!p) ln_seterror("out of memory (asked for %zu x %zu bytes)", n, sz);
    return p;
}

void *ln_realloc(void *p, size_t n)
{
    void *q = should_fail() ? NULL : realloc(p, n ? n : 1);
    if (!q) ln_seterror("out of memory (asked for %zu bytes)", n);
    return q;
}

void ln_free(void *p) { free(p); }

static char errbuf[1024];

void ln_seterror(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(errbuf, sizeof errbuf, fmt, ap);
    va_end(ap);
}

const char *ln_error(void) { return errbuf[0] ? errbuf : "unknown error"; }

volatile int ln_interrupted = 0;

/* xoshiro256** (Blackman & Vigna), seeded through splitmix64. */
static uint64_t rs[4] = {0x9E3779B97F4A7C15ull, 0xBF58476D1CE4E5B9ull, 0x94D049BB133111EBull, 42};

static uint64_t splitmix64(uint64_t *x)
{
    uint64_t z = (*x += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

void rng_seed(uint64_t seed)
{
    for (int i = 0; i < 4; i++) rs[i] = splitmix64(&seed);
}

static inline uint64_t rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

uint64_t rng_u64(void)
{
    uint64_t r = rotl(rs[1] * 5, 7) * 9, t = rs[1] << 17;
    rs[2] ^= rs[0]; rs[3] ^= rs[1]; rs[1] ^= rs[2]; rs[0] ^= rs[3];
    rs[2] ^= t; rs[3] = rotl(rs[3], 45);
    return r;
}

double rng_uniform(void) { return (double)(rng_u64() >> 11) * 0x1.0p-53; }

double rng_normal(void)
{
    /* Box-Muller; the second value is dropped so that one draw is one call (reproducible order). */
    double u1 = rng_uniform(), u2 = rng_uniform();
    if (u1 < 1e-300) u1 = 1e-300;
    return sqrt(-2.0 * log(u1)) * cos(6.283185307179586 * u2);
}

int64_t rng_below(int64_t n) { return n <= 0 ? 0 : (int64_t)(rng_u64() % (uint64_t)n); }

void rng_shuffle(int64_t *idx, int64_t n)
{
    for (int64_t i = n - 1; i > 0; i--) {
        int64_t j = rng_below(i + 1), t = idx[i];
        idx[i] = idx[j]; idx[j] = t;
    }
}

char *ln_shape_str(char *buf, int ndim, const int64_t *shape)
{
    int k = 0;
    k += snprintf(buf + k, 96 - k, "[");
    for (int i = 0; i < ndim && k < 90; i++)
        k += snprintf(buf + k, 96 - k, i ? ",%lld" : "%lld", (long long)shape[i]);
    snprintf(buf + k, 96 - k, "]");
    return buf;
}
