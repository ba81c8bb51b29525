/* test_nnfunc.c — softmax, log_softmax and dropout: values against numpy, stability, error text,
 * the dropout mask and its scaling, and gradchecks. */
#include "test.h"
#include "gradcheck.h"

static int near_values(const tensor *t, const float *v, int64_t n, double tol)
{
    if (t->numel != n) { printf("  numel %lld, expected %lld\n", (long long)t->numel, (long long)n); return 0; }
    float buf[256];
    tensor_copy_out(t, buf);
    for (int64_t k = 0; k < n; k++)
        if (!(fabs(buf[k] - v[k]) <= tol * fmax(1.0, fabs(v[k])))) {
            printf("  element %lld is %.9g, expected %.9g\n", (long long)k, buf[k], v[k]);
            return 0;
        }
    return 1;
}

TEST(nnfunc_softmax_matches_numpy)
{
    tensor *x = tensor_from_data(2, (int64_t[]){2, 3}, (float[]){1, 2, 3, 1, 1, 1});
    tensor *s1 = tensor_softmax(x, 1), *s0 = tensor_softmax(x, 0);
    CHECK(s1 && near_values(s1, (float[]){0.090030573f, 0.244728471f, 0.665240956f, 1 / 3.0f, 1 / 3.0f, 1 / 3.0f}, 6, 1e-6));
    CHECK(s0 && near_values(s0, (float[]){0.5f, 0.731058579f, 0.880797078f, 0.5f, 0.268941421f, 0.119202922f}, 6, 1e-6));
    tensor *t = tensor_transpose(x, 0, 1);             /* [3,2], not contiguous: softmax over dim 1 = s0^T */
    tensor *st = tensor_softmax(t, 1);
    CHECK(st && near_values(st, (float[]){0.5f, 0.5f, 0.731058579f, 0.268941421f, 0.880797078f, 0.119202922f}, 6, 1e-6));
    tensor *l = tensor_log_softmax(x, 1);
    CHECK(l && near_values(l, (float[]){-2.407605964f, -1.407605964f, -0.407605964f, -1.098612289f, -1.098612289f, -1.098612289f}, 6, 1e-6));
    tensor_release(l); tensor_release(st); tensor_release(t); tensor_release(s0); tensor_release(s1); tensor_release(x);
}

TEST(nnfunc_softmax_is_stable_for_large_inputs)
{
    tensor *x = tensor_from_data(2, (int64_t[]){1, 3}, (float[]){1000, 1001, 1002});
    tensor *s = tensor_softmax(x, 1), *l = tensor_log_softmax(x, 1);
    CHECK(s && near_values(s, (float[]){0.090030573f, 0.244728471f, 0.665240956f}, 3, 1e-6));
    CHECK(l && near_values(l, (float[]){-2.407605964f, -1.407605964f, -0.407605964f}, 3, 1e-5));
    tensor *y = tensor_from_data(1, (int64_t[]){2}, (float[]){-1000, 0});
    tensor *ly = tensor_log_softmax(y, 0);             /* exp(-1000) underflows; the log does not */
    CHECK(ly && near_values(ly, (float[]){-1000, 0}, 2, 1e-6));
    tensor_release(ly); tensor_release(y); tensor_release(l); tensor_release(s); tensor_release(x);
}

TEST(nnfunc_softmax_over_a_middle_dim)
{
    tensor *x = tensor_empty(3, (int64_t[]){2, 3, 2});
    for (int k = 0; k < 12; k++) tensor_data(x)[k] = 0.5f * (float)k;
    tensor *s = tensor_softmax(x, 1);
    float a = 0.090030573f, b = 0.244728471f, c = 0.665240956f;
    CHECK(s && near_values(s, (float[]){a, a, b, b, c, c, a, a, b, b, c, c}, 12, 1e-6));
    /* a wide inner size crosses the block of inner positions */
    tensor *w = tensor_randn(3, (int64_t[]){2, 4, 300});
    tensor *sw = tensor_softmax(w, 1), *sum = tensor_reduce(RED_SUM, sw, 1, 0);
    CHECK(sw && sum && sum->numel == 600);
    for (int k = 0; k < 600; k++) CHECK_NEAR(tensor_data(sum)[k], 1.0, 1e-6);
    tensor_release(sum); tensor_release(sw); tensor_release(w); tensor_release(s); tensor_release(x);
}

TEST(nnfunc_softmax_errors)
{
    tensor *x = tensor_zeros(2, (int64_t[]){2, 3});
    CHECK_ERR(tensor_softmax(x, 2), "softmax: dimension 3 is out of range for a 2-D tensor");
    CHECK_ERR(tensor_log_softmax(x, -1), "log_softmax: dimension 0 is out of range for a 2-D tensor");
    tensor_release(x);
}

TEST(nnfunc_dropout_scales_what_it_keeps)
{
    int64_t n = 10000;
    tensor *x = tensor_full(1, &n, 3.0f);
    tensor *y = tensor_dropout(x, 0.25f);
    CHECK(y && y->numel == n);
    int64_t kept = 0;
    for (int64_t k = 0; k < n; k++) {
        float v = tensor_data(y)[k];
        CHECK(v == 0.0f || v == 4.0f);                  /* 3 / (1 - 0.25) */
        kept += v != 0;
    }
    CHECK_NEAR((double)kept / (double)n, 0.75, 0.02);
    rng_seed(5); tensor *a = tensor_dropout(x, 0.5f);
    rng_seed(5); tensor *b = tensor_dropout(x, 0.5f);
    CHECK(a && b && memcmp(tensor_data(a), tensor_data(b), (size_t)n * sizeof(float)) == 0);
    tensor *z = tensor_dropout(x, 0.0f);
    CHECK(z && z != x && z->st != x->st && tensor_data(z)[17] == 3.0f);
    CHECK_ERR(tensor_dropout(x, 1.0f), "dropout: p must be in [0, 1) (got 1)");
    CHECK_ERR(tensor_dropout(x, -0.5f), "dropout: p must be in [0, 1) (got -0.5)");
    CHECK_ERR(tensor_dropout(x, NAN), "dropout: p must be in [0, 1) (got nan)");
    tensor_release(z); tensor_release(a); tensor_release(b); tensor_release(y); tensor_release(x);
}

TEST(nnfunc_dropout_backward_uses_the_same_mask)
{
    tensor *x = tensor_rand(2, (int64_t[]){4, 5});
    x->requires_grad = 1;
    tensor *y = tensor_dropout(x, 0.5f);
    CHECK(y && y->node && !strcmp(y->node->op->name, "dropout"));
    tensor *s = tensor_reduce(RED_SUM, y, -1, 0);
    CHECK(s && ag_backward(s, NULL, 0) == 0 && x->grad);
    for (int k = 0; k < 20; k++) {                      /* dL/dx = mask: 2 where kept, 0 where dropped */
        float yk = tensor_data(y)[k], gk = tensor_data(x->grad)[k];
        CHECK(yk == 0 ? gk == 0 : gk == 2.0f);
    }
    tensor_release(s); tensor_release(y); tensor_release(x);
}

/* ---- gradients ---- */

static int g_dim;
static tensor *f_softmax(tensor **in) { return tensor_softmax(in[0], g_dim); }
static tensor *f_log_softmax(tensor **in) { return tensor_log_softmax(in[0], g_dim); }
static tensor *f_dropout(tensor **in)
{
    rng_seed(99);                                       /* the same mask on every call */
    return tensor_dropout(in[0], 0.3f);
}

TEST(nnfunc_gradcheck_softmax_and_log_softmax)
{
    tensor *a = gc_leaf(2, (int64_t[]){3, 5}, -2, 2), *b = gc_leaf(3, (int64_t[]){2, 3, 4}, -2, 2);
    for (g_dim = 0; g_dim < 2; g_dim++) {
        CHECK(gradcheck(f_softmax, 1, &a, 1e-2));
        CHECK(gradcheck(f_log_softmax, 1, &a, 1e-2));
    }
    for (g_dim = 0; g_dim < 3; g_dim++) {
        CHECK(gradcheck(f_softmax, 1, &b, 1e-2));
        CHECK(gradcheck(f_log_softmax, 1, &b, 1e-2));
    }
    tensor_release(a); tensor_release(b);
}

TEST(nnfunc_gradcheck_dropout)
{
    tensor *a = gc_leaf(2, (int64_t[]){4, 6}, -1, 1);
    CHECK(gradcheck(f_dropout, 1, &a, 1e-2));
    tensor_release(a);
}

/* ---- failed allocations ---- */

/* softmax, log_softmax (on a strided view) and dropout, forward and backward */
static tensor *fa_x;
static int nnfunc_scenario(void)
{
    tensor *t = tensor_transpose(fa_x, 0, 1);
    tensor *y[3] = {0};
    int rc = t ? 0 : -1;
    if (rc == 0) y[0] = tensor_softmax(t, 0);
    if (y[0]) y[1] = tensor_log_softmax(t, 1);
    if (y[1]) y[2] = tensor_dropout(fa_x, 0.5f);
    for (int k = 0; k < 3 && rc == 0; k++) {
        tensor *s = y[k] ? tensor_reduce(RED_MAX, y[k], -1, 0) : NULL;
        if (!s || ag_backward(s, NULL, 1) < 0) rc = -1;   /* they share the transpose */
        tensor_release(s);
    }
    for (int k = 0; k < 3; k++) tensor_release(y[k]);
    tensor_release(t);
    tensor_release(fa_x->grad); fa_x->grad = NULL;
    return rc;
}

TEST(nnfunc_failed_allocations_leave_nothing_behind)
{
    fa_x = gc_leaf(2, (int64_t[]){3, 4}, -1, 1);
    int ok = survives_failed_allocations(nnfunc_scenario);
    tensor_release(fa_x);
    CHECK(ok);
}
