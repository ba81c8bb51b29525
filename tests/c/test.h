/* test.h — a tiny C test harness: tests register themselves; test_main.c runs them all.
 *   TEST(tensor_zeros_is_zero) { tensor *t = ...; CHECK(t != NULL); CHECK_NEAR(x, 1.0, 1e-6); }
 * Prints "PASS: name" or "FAIL: name — file:line: what" for tests/run.sh; exits 1 on failure. */
#ifndef LUNET_TEST_H
#define LUNET_TEST_H

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "tensor.h"
#include "autograd.h"

typedef struct test_case { const char *name; void (*fn)(void); struct test_case *next; } test_case;
void test_register(test_case *tc);
extern int test_failed_now;   /* set by CHECK in the running test */

#define TEST(name)                                                              \
    static void name(void);                                                     \
    static test_case tc_##name = {#name, name, 0};                              \
    __attribute__((constructor)) static void reg_##name(void) { test_register(&tc_##name); } \
    static void name(void)

#define CHECK(cond) do { if (!(cond)) {                                         \
    printf("FAIL: %s — %s:%d: %s (last error: %s)\n", test_current, __FILE__, __LINE__, #cond, ln_error()); \
    test_failed_now = 1; return; } } while (0)
#define CHECK_NEAR(a, b, tol) do { double a_ = (a), b_ = (b);                   \
    if (!(fabs(a_ - b_) <= (tol) * fmax(1.0, fabs(b_)))) {                      \
    printf("FAIL: %s — %s:%d: %s = %.9g, expected %.9g\n", test_current, __FILE__, __LINE__, #a, a_, b_); \
    test_failed_now = 1; return; } } while (0)
#define CHECK_ERR(expr, substr) do { void *p_ = (void *)(expr);                 \
    if (p_ || !strstr(ln_error(), (substr))) {                                  \
    printf("FAIL: %s — %s:%d: %s should fail with \"%s\", got %s\n", test_current, __FILE__, __LINE__, \
           #expr, (substr), p_ ? "success" : ln_error());                      \
    test_failed_now = 1; return; } } while (0)

extern const char *test_current;

/* Runs scenario with the k-th allocation failing, for every k until it runs clean: no crash, and
 * every tensor it made is released whatever failed. 1 when it got through. */
static inline int survives_failed_allocations(int (*scenario)(void))
{
    for (long k = 0; k < 1000; k++) {
        int64_t before = tensor_live_count();
        ln_alloc_fail_after(k);
        int rc = scenario();
        ln_alloc_fail_after(-1);
        if (tensor_live_count() != before) { printf("  failing allocation %ld leaked tensors\n", k); return 0; }
        if (rc == 0) return 1;
    }
    return 0;
}

#endif
