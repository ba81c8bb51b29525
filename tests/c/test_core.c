/* test_core.c — allocator failure injection, RNG, tensor life cycle, autograd engine basics. */
#include "test.h"

TEST(zeros_full_eye)
{
    int64_t s[2] = {2, 3};
    tensor *z = tensor_zeros(2, s), *f = tensor_full(2, s, 2.5f), *e = tensor_eye(3);
    CHECK(z && f && e);
    CHECK(z->numel == 6 && tensor_data(z)[5] == 0.0f);
    CHECK(tensor_data(f)[4] == 2.5f);
    CHECK(tensor_data(e)[0] == 1 && tensor_data(e)[1] == 0 && tensor_data(e)[4] == 1);
    tensor_release(z); tensor_release(f); tensor_release(e);
}

TEST(negative_size_is_an_error)
{
    int64_t s[2] = {2, -3};
    CHECK_ERR(tensor_zeros(2, s), "negative size in shape [2,-3]");
}

TEST(arange_and_linspace_match_numpy)
{
    tensor *a = tensor_arange(0, 1, 0.25), *l = tensor_linspace(0, 1, 5), *e = tensor_arange(3, 1, 1);
    CHECK(a && l && e);
    CHECK(a->numel == 4 && tensor_data(a)[3] == 0.75f);
    CHECK(l->numel == 5 && tensor_data(l)[4] == 1.0f && tensor_data(l)[1] == 0.25f);
    CHECK(e->numel == 0);
    tensor_release(a); tensor_release(l); tensor_release(e);
}

TEST(seeded_rng_repeats)
{
    int64_t s[1] = {5};
    rng_seed(7); tensor *a = tensor_randn(1, s);
    rng_seed(7); tensor *b = tensor_randn(1, s);
    CHECK(a && b && memcmp(tensor_data(a), tensor_data(b), 5 * sizeof(float)) == 0);
    tensor_release(a); tensor_release(b);
}

TEST(uniform_mean_is_half)
{
    double s = 0;
    for (int i = 0; i < 100000; i++) s += rng_uniform();
    CHECK_NEAR(s / 100000, 0.5, 0.01);
}

TEST(failed_allocation_is_an_error_not_a_crash)
{
    /* fail the k-th allocation for k = 0, 1, ... until the call succeeds: every path cleans up */
    int64_t s[2] = {7, 1763};   /* a size no pool holds */
    int64_t before = tensor_live_count();
    int failures = 0;
    for (long k = 0; k < 10; k++) {
        ln_seterror("none");
        ln_alloc_fail_after(k);
        tensor *t = tensor_zeros(2, s);
        ln_alloc_fail_after(-1);
        if (t) { tensor_release(t); break; }
        CHECK(strstr(ln_error(), "out of memory") != NULL);
        CHECK(tensor_live_count() == before);
        failures++;
    }
    CHECK(failures >= 1);
}

TEST(pool_reuses_buffers)
{
    int64_t s[1] = {1000};
    tensor *a = tensor_zeros(1, s);
    CHECK(a);
    float *p = a->st->data;
    tensor_release(a);
    tensor *b = tensor_zeros(1, s);
    CHECK(b && b->st->data == p);
    tensor_release(b);
}
