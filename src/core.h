/* core.h — what every core file shares: the one allocator, the error slot, the RNG.
 *
 * The core (every src/ file not named lua_*.c, repl.c or main.c) knows nothing of Lua.
 * Functions report failure by returning NULL or -1 after ln_seterror(); they never exit. */
#ifndef LUNET_CORE_H
#define LUNET_CORE_H

#include <stddef.h>
#include <stdint.h>

#define LUNET_VERSION "0.1.0"

/* All allocation goes through these, so a test build can fail the k-th call. */
void *ln_alloc(size_t n);              /* uninitialised; NULL + error on failure */
void *ln_calloc(size_t n, size_t sz);  /* zeroed */
void *ln_realloc(void *p, size_t n);
void ln_free(void *p);
void ln_alloc_fail_after(long k);      /* test hook: the k-th next call fails; -1 disables */

/* The last error of this thread. Messages start with the function's name: "matmul: ...". */
void ln_seterror(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
const char *ln_error(void);

/* Interrupt flag: set by the SIGINT handler, polled by long C loops (fit, backward). */
extern volatile int ln_interrupted;

/* Random numbers: one seeded generator (xoshiro256**) for every draw in lunet. */
void rng_seed(uint64_t seed);
uint64_t rng_u64(void);
double rng_uniform(void);           /* [0, 1) */
double rng_normal(void);            /* N(0, 1) */
int64_t rng_below(int64_t n);       /* uniform integer in [0, n) */
void rng_shuffle(int64_t *idx, int64_t n);

/* Formats a shape as "[2,3]" into buf (at least 96 bytes); returns buf. */
char *ln_shape_str(char *buf, int ndim, const int64_t *shape);

#endif
