/* test_reduce.c — sum mean max min var std argmax argmin and sum_to: values against numpy (small
 * hand-checked cases) and against a naive double-precision oracle (larger strided cases), empty
 * tensors, error text, and gradchecks. */
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

static int has_shape(const tensor *t, int ndim, const int64_t *shape)
{
    if (t->ndim != ndim) return 0;
    for (int d = 0; d < ndim; d++) if (t->shape[d] != shape[d]) return 0;
    return 1;
}

static tensor *iota(int ndim, const int64_t *shape)
{
    tensor *t = tensor_empty(ndim, shape);
    for (int64_t k = 0; k < t->numel; k++) tensor_data(t)[k] = (float)k;
    return t;
}

/* The oracle: reduces t over dim by walking multi-indices with tensor_get, in double. */
static double oracle(redop op, const tensor *t, int dim, const int64_t *outidx)
{
    int64_t idx[T_MAXDIM], n = t->shape[dim];
    for (int d = 0, k = 0; d < t->ndim; d++) idx[d] = d == dim ? 0 : outidx[k++];
    double s = 0, best = 0, m, v2 = 0;
    int64_t bi = 0;
    for (int64_t r = 0; r < n; r++) { idx[dim] = r; s += tensor_get(t, idx); }
    m = s / (double)n;
    for (int64_t r = 0; r < n; r++) {
        idx[dim] = r;
        double v = tensor_get(t, idx);
        v2 += (v - m) * (v - m);
        int better = r == 0 || (op == RED_MAX || op == RED_ARGMAX ? v > best : v < best);
        if (better) { best = v; bi = r; }
    }
    switch (op) {
    case RED_SUM: return s;
    case RED_MEAN: return m;
    case RED_VAR: return v2 / (double)n;
    case RED_STD: return sqrt(v2 / (double)n);
    case RED_MAX: case RED_MIN: return best;
    default: return (double)bi;
    }
}

/* Every reduction of t over dim agrees with the oracle. */
static int agrees_with_oracle(tensor *t, int dim)
{
    for (int op = 0; op < RED_COUNT; op++) {
        tensor *r = tensor_reduce((redop)op, t, dim, 0);
        if (!r) { printf("  %s failed: %s\n", redop_name[op], ln_error()); return 0; }
        int64_t outidx[T_MAXDIM] = {0};
        const float *rd = tensor_data(r);
        for (int64_t k = 0; k < r->numel; k++) {
            double want = oracle((redop)op, t, dim, outidx);
            if (!(fabs(rd[k] - want) <= 1e-5 * fmax(1.0, fabs(want)))) {
                printf("  %s over dim %d, output %lld: %.9g, expected %.9g\n", redop_name[op], dim, (long long)k, rd[k], want);
                tensor_release(r);
                return 0;
            }
            for (int d = r->ndim - 1; d >= 0; d--) { if (++outidx[d] < r->shape[d]) break; outidx[d] = 0; }
        }
        tensor_release(r);
    }
    return 1;
}

TEST(reduce_small_cases_match_numpy)
{
    tensor *x = tensor_from_data(2, (int64_t[]){2, 4}, (float[]){1, 2, 3, 4, 2, 4, 6, 8});
    tensor *r;
    r = tensor_reduce(RED_SUM, x, -1, 0);
    CHECK(r && r->ndim == 0 && tensor_item(r) == 30); tensor_release(r);
    r = tensor_reduce(RED_MEAN, x, 0, 0);
    CHECK(r && has_shape(r, 1, (int64_t[]){4}) && near_values(r, (float[]){1.5f, 3, 4.5f, 6}, 4, 0)); tensor_release(r);
    r = tensor_reduce(RED_SUM, x, 1, 1);
    CHECK(r && has_shape(r, 2, (int64_t[]){2, 1}) && near_values(r, (float[]){10, 20}, 2, 0)); tensor_release(r);
    r = tensor_reduce(RED_VAR, x, 1, 0);
    CHECK(r && near_values(r, (float[]){1.25f, 5}, 2, 1e-6)); tensor_release(r);
    r = tensor_reduce(RED_STD, x, 1, 0);
    CHECK(r && near_values(r, (float[]){1.118033989f, 2.236067977f}, 2, 1e-6)); tensor_release(r);
    r = tensor_reduce(RED_VAR, x, 0, 1);
    CHECK(r && has_shape(r, 2, (int64_t[]){1, 4}) && near_values(r, (float[]){0.25f, 1, 2.25f, 4}, 4, 1e-6)); tensor_release(r);
    r = tensor_reduce(RED_VAR, x, -1, 1);                 /* keepdim is ignored over everything */
    CHECK(r && r->ndim == 0 && near_values(r, (float[]){4.6875f}, 1, 1e-6)); tensor_release(r);
    r = tensor_reduce(RED_STD, x, -1, 0);
    CHECK(r && near_values(r, (float[]){2.165063509f}, 1, 1e-6)); tensor_release(r);
    r = tensor_reduce(RED_MAX, x, 0, 0);
    CHECK(r && near_values(r, (float[]){2, 4, 6, 8}, 4, 0)); tensor_release(r);
    r = tensor_reduce(RED_MIN, x, -1, 0);
    CHECK(r && tensor_item(r) == 1); tensor_release(r);
    r = tensor_reduce(RED_ARGMAX, x, -1, 0);              /* flat index, as numpy.argmax */
    CHECK(r && tensor_item(r) == 7); tensor_release(r);
    tensor_release(x);
}

TEST(reduce_3d_middle_dim_matches_numpy)
{
    tensor *b = iota(3, (int64_t[]){2, 3, 4});
    tensor *s = tensor_reduce(RED_SUM, b, 1, 0), *m = tensor_reduce(RED_MEAN, b, 1, 1), *x = tensor_reduce(RED_MAX, b, 1, 0);
    CHECK(s && has_shape(s, 2, (int64_t[]){2, 4}) && near_values(s, (float[]){12, 15, 18, 21, 48, 51, 54, 57}, 8, 0));
    CHECK(m && has_shape(m, 3, (int64_t[]){2, 1, 4}) && near_values(m, (float[]){4, 5, 6, 7, 16, 17, 18, 19}, 8, 0));
    CHECK(x && near_values(x, (float[]){8, 9, 10, 11, 20, 21, 22, 23}, 8, 0));
    tensor *a = tensor_reduce(RED_ARGMIN, b, 0, 0);
    CHECK(a && has_shape(a, 2, (int64_t[]){3, 4}) && tensor_data(a)[11] == 0);
    tensor_release(a); tensor_release(s); tensor_release(m); tensor_release(x); tensor_release(b);
}

TEST(reduce_ties_go_to_the_first_and_nan_propagates)
{
    tensor *x = tensor_from_data(2, (int64_t[]){2, 3}, (float[]){3, 1, 3, 1, 1, 2});
    tensor *am = tensor_reduce(RED_ARGMAX, x, 1, 0), *an = tensor_reduce(RED_ARGMIN, x, 1, 0);
    tensor *a0 = tensor_reduce(RED_ARGMIN, x, 0, 0);
    CHECK(am && near_values(am, (float[]){0, 2}, 2, 0));
    CHECK(an && near_values(an, (float[]){1, 0}, 2, 0));
    CHECK(a0 && near_values(a0, (float[]){1, 0, 1}, 3, 0));
    tensor *y = tensor_from_data(1, (int64_t[]){4}, (float[]){1, NAN, 5, NAN});
    tensor *my = tensor_reduce(RED_MAX, y, 0, 0), *ay = tensor_reduce(RED_ARGMIN, y, 0, 0);
    CHECK(my && isnan(tensor_item(my)));                  /* numpy: max([1, nan, 5]) is nan */
    CHECK(ay && tensor_item(ay) == 1);                    /* and argmin points at the first nan */
    tensor_release(my); tensor_release(ay); tensor_release(y);
    tensor_release(am); tensor_release(an); tensor_release(a0); tensor_release(x);
}

TEST(reduce_nan_in_long_lines_and_columns)
{
    /* long enough for the vectorized lanes of a line, and for the rows way down columns */
    tensor *v = tensor_randn(1, (int64_t[]){40});
    tensor_data(v)[35] = NAN; tensor_data(v)[37] = NAN;
    tensor *mx = tensor_reduce(RED_MAX, v, 0, 0), *amx = tensor_reduce(RED_ARGMAX, v, 0, 0), *amn = tensor_reduce(RED_ARGMIN, v, -1, 0);
    CHECK(mx && isnan(tensor_item(mx)) && amx && tensor_item(amx) == 35 && amn && tensor_item(amn) == 35);
    tensor *m = tensor_randn(2, (int64_t[]){40, 3});
    tensor_data(m)[20 * 3 + 1] = NAN; tensor_data(m)[30 * 3 + 1] = NAN;
    tensor *cm = tensor_reduce(RED_MIN, m, 0, 0), *ca = tensor_reduce(RED_ARGMAX, m, 0, 0);
    CHECK(cm && !isnan(tensor_data(cm)[0]) && isnan(tensor_data(cm)[1]) && !isnan(tensor_data(cm)[2]));
    CHECK(ca && tensor_data(ca)[1] == 20);
    tensor_release(cm); tensor_release(ca); tensor_release(m);
    tensor_release(mx); tensor_release(amx); tensor_release(amn); tensor_release(v);
}

TEST(reduce_strided_inputs_agree_with_the_oracle)
{
    /* 300 columns cross the 256-output block of the rows way */
    tensor *a = tensor_randn(2, (int64_t[]){37, 300});
    CHECK(agrees_with_oracle(a, 0));
    CHECK(agrees_with_oracle(a, 1));
    tensor *t = tensor_transpose(a, 0, 1);
    CHECK(agrees_with_oracle(t, 0));
    CHECK(agrees_with_oracle(t, 1));
    tensor *b = tensor_randn(3, (int64_t[]){5, 6, 7});
    tensor *p = tensor_permute(b, (int[]){2, 0, 1}), *n = tensor_narrow(b, 2, 1, 4);
    for (int d = 0; d < 3; d++) { CHECK(agrees_with_oracle(b, d)); CHECK(agrees_with_oracle(p, d)); CHECK(agrees_with_oracle(n, d)); }
    tensor *row = tensor_randn(2, (int64_t[]){1, 33}), *e = tensor_expand(row, 2, (int64_t[]){5, 33});   /* stride 0 */
    CHECK(agrees_with_oracle(e, 0));
    CHECK(agrees_with_oracle(e, 1));
    tensor_release(e); tensor_release(row);
    /* over everything, for a view whose elements are not one strided line */
    tensor *all = tensor_reduce(RED_SUM, n, -1, 0), *c = tensor_contiguous(n), *allc = tensor_reduce(RED_SUM, c, -1, 0);
    CHECK(all && allc && fabs(tensor_item(all) - tensor_item(allc)) < 1e-4);
    tensor *am = tensor_reduce(RED_ARGMAX, n, -1, 0), *amc = tensor_reduce(RED_ARGMAX, c, -1, 0);
    CHECK(am && amc && tensor_item(am) == tensor_item(amc));
    tensor_release(am); tensor_release(amc); tensor_release(all); tensor_release(allc); tensor_release(c);
    tensor_release(p); tensor_release(n); tensor_release(b); tensor_release(t); tensor_release(a);
}

TEST(reduce_sums_accumulate_in_double)
{
    /* 1e8 then 1000 ones: a float accumulator never moves from 1e8 (its spacing there is 8) */
    tensor *x = tensor_full(2, (int64_t[]){1001, 2}, 1.0f);
    tensor_data(x)[0] = tensor_data(x)[1] = 1e8f;
    tensor *cols = tensor_reduce(RED_SUM, x, 0, 0);                    /* the rows way */
    tensor *t = tensor_transpose(x, 0, 1), *c = tensor_contiguous(t);
    tensor *rows = tensor_reduce(RED_SUM, c, 1, 0);                    /* the line way */
    tensor *mean = tensor_reduce(RED_MEAN, c, -1, 0);
    CHECK(cols && near_values(cols, (float[]){100001000.0f, 100001000.0f}, 2, 0));
    CHECK(rows && near_values(rows, (float[]){100001000.0f, 100001000.0f}, 2, 0));
    CHECK(mean && near_values(mean, (float[]){(float)(200002000.0 / 2002)}, 1, 0));
    tensor_release(mean); tensor_release(rows); tensor_release(c); tensor_release(t); tensor_release(cols); tensor_release(x);
}

TEST(reduce_empty_tensors_as_numpy)
{
    tensor *e = tensor_zeros(1, (int64_t[]){0});
    tensor *s = tensor_reduce(RED_SUM, e, -1, 0), *m = tensor_reduce(RED_MEAN, e, 0, 0);
    CHECK(s && tensor_item(s) == 0);
    CHECK(m && isnan(tensor_item(m)));
    CHECK_ERR(tensor_reduce(RED_MAX, e, 0, 0), "max: cannot reduce an empty dimension");
    CHECK_ERR(tensor_reduce(RED_ARGMIN, e, -1, 0), "argmin: cannot reduce an empty tensor");
    tensor *z = tensor_zeros(2, (int64_t[]){2, 0});
    tensor *zs = tensor_reduce(RED_SUM, z, 1, 0), *zm = tensor_reduce(RED_MAX, z, 0, 0);
    CHECK(zs && has_shape(zs, 1, (int64_t[]){2}) && near_values(zs, (float[]){0, 0}, 2, 0));
    CHECK(zm && has_shape(zm, 1, (int64_t[]){0}));        /* nothing empty is reduced: an empty result */
    tensor_release(zs); tensor_release(zm); tensor_release(z);
    tensor_release(s); tensor_release(m); tensor_release(e);
}

TEST(reduce_errors_name_the_op_and_dim)
{
    tensor *x = iota(2, (int64_t[]){2, 3});
    CHECK_ERR(tensor_reduce(RED_SUM, x, 2, 0), "sum: dimension 3 is out of range for a 2-D tensor");
    CHECK_ERR(tensor_reduce(RED_STD, x, 5, 1), "std: dimension 6 is out of range for a 2-D tensor");
    tensor *s = tensor_scalar(3);
    CHECK_ERR(tensor_reduce(RED_MEAN, s, 0, 0), "mean: dimension 1 is out of range for a 0-D tensor");
    tensor *all = tensor_reduce(RED_MEAN, s, -1, 0);
    CHECK(all && tensor_item(all) == 3);
    tensor_release(all); tensor_release(s); tensor_release(x);
}

TEST(reduce_sum_to_every_broadcast_shape)
{
    tensor *x = iota(2, (int64_t[]){4, 3});
    tensor *r;
    r = tensor_sum_to(x, 1, (int64_t[]){3});
    CHECK(r && has_shape(r, 1, (int64_t[]){3}) && near_values(r, (float[]){18, 22, 26}, 3, 0)); tensor_release(r);
    r = tensor_sum_to(x, 2, (int64_t[]){1, 3});
    CHECK(r && has_shape(r, 2, (int64_t[]){1, 3}) && near_values(r, (float[]){18, 22, 26}, 3, 0)); tensor_release(r);
    r = tensor_sum_to(x, 2, (int64_t[]){4, 1});
    CHECK(r && has_shape(r, 2, (int64_t[]){4, 1}) && near_values(r, (float[]){3, 12, 21, 30}, 4, 0)); tensor_release(r);
    r = tensor_sum_to(x, 0, NULL);
    CHECK(r && r->ndim == 0 && tensor_item(r) == 66); tensor_release(r);
    r = tensor_sum_to(x, 2, (int64_t[]){4, 3});
    CHECK(r && r->numel == 12); tensor_release(r);
    tensor *t = tensor_transpose(x, 0, 1);                /* [3,4], not contiguous */
    r = tensor_sum_to(t, 1, (int64_t[]){4});
    CHECK(r && near_values(r, (float[]){3, 12, 21, 30}, 4, 0)); tensor_release(r);
    tensor *b = iota(3, (int64_t[]){2, 3, 4});
    r = tensor_sum_to(b, 2, (int64_t[]){3, 1});           /* numpy: b.sum(0).sum(1, keepdims=True) */
    CHECK(r && has_shape(r, 2, (int64_t[]){3, 1}) && near_values(r, (float[]){60, 92, 124}, 3, 0)); tensor_release(r);
    CHECK_ERR(tensor_sum_to(x, 1, (int64_t[]){4}), "sum_to: cannot sum [4,3] down to [4]");
    CHECK_ERR(tensor_sum_to(x, 3, (int64_t[]){1, 4, 3}), "sum_to: cannot sum [4,3] down to [1,4,3]");
    tensor_release(b); tensor_release(t); tensor_release(x);
}

TEST(reduce_argmax_is_not_recorded)
{
    tensor *x = gc_leaf(2, (int64_t[]){2, 3}, -1, 1);
    tensor *a = tensor_reduce(RED_ARGMAX, x, 1, 0), *s = tensor_reduce(RED_SUM, x, 1, 0);
    CHECK(a && !a->requires_grad && !a->node);
    CHECK(s && s->requires_grad && s->node && !strcmp(s->node->op->name, "sum"));
    tensor_release(a); tensor_release(s); tensor_release(x);
}

/* ---- gradients ---- */

static redop g_op;
static int g_dim, g_keep;
static tensor *f_reduce(tensor **in) { return tensor_reduce(g_op, in[0], g_dim, g_keep); }
static tensor *f_reduce_t(tensor **in)   /* through a transposed view: the strided kernels */
{
    tensor *t = tensor_transpose(in[0], 0, 1), *r = tensor_reduce(g_op, t, g_dim, g_keep);
    tensor_release(t);
    return r;
}
static int64_t g_shape[T_MAXDIM];
static int g_ndim;
static tensor *f_sum_to(tensor **in) { return tensor_sum_to(in[0], g_ndim, g_shape); }

/* A leaf whose values are a shuffled ladder 0.25 apart, so that a max moves only when it should. */
static tensor *ladder_leaf(int ndim, const int64_t *shape)
{
    tensor *t = gc_leaf(ndim, shape, 0, 1);
    int64_t n = t->numel, *perm = ln_alloc((size_t)n * sizeof *perm);
    for (int64_t k = 0; k < n; k++) perm[k] = k;
    rng_shuffle(perm, n);
    for (int64_t k = 0; k < n; k++) tensor_data(t)[k] = 0.25f * (float)perm[k] - 2.0f;
    ln_free(perm);
    return t;
}

TEST(reduce_gradcheck_every_reduction)
{
    int64_t shapes[2][3] = {{3, 4}, {2, 3, 5}};
    redop ops[6] = {RED_SUM, RED_MEAN, RED_MAX, RED_MIN, RED_VAR, RED_STD};
    for (int si = 0; si < 2; si++) {
        int nd = si == 0 ? 2 : 3;
        for (int oi = 0; oi < 6; oi++)
            for (int dim = -1; dim < nd; dim++) {
                tensor *x = ladder_leaf(nd, shapes[si]);
                g_op = ops[oi]; g_dim = dim; g_keep = dim == 1;
                int ok = gradcheck(f_reduce, 1, &x, 1e-2);
                if (!ok) printf("  %s over dim %d of a %d-D tensor\n", redop_name[g_op], dim, nd);
                if (ok && nd == 3 && dim >= 0) { ok = gradcheck(f_reduce_t, 1, &x, 1e-2); if (!ok) printf("  (transposed)\n"); }
                tensor_release(x);
                CHECK(ok);
            }
    }
}

TEST(reduce_gradcheck_sum_to)
{
    int64_t s[3] = {2, 3, 4};
    tensor *x = gc_leaf(3, s, -1, 1);
    g_ndim = 1; g_shape[0] = 4;                          /* the fast leading-rows way */
    CHECK(gradcheck(f_sum_to, 1, &x, 1e-2));
    g_ndim = 2; g_shape[0] = 3; g_shape[1] = 1;          /* the general way */
    CHECK(gradcheck(f_sum_to, 1, &x, 1e-2));
    g_ndim = 0;
    CHECK(gradcheck(f_sum_to, 1, &x, 1e-2));
    tensor_release(x);
}

TEST(reduce_max_gradient_goes_to_the_first_maximum)
{
    tensor *x = tensor_from_data(2, (int64_t[]){2, 3}, (float[]){3, 1, 3, 1, 1, 2});
    x->requires_grad = 1;
    tensor *m = tensor_reduce(RED_MAX, x, 1, 0);
    tensor *g = tensor_from_data(1, (int64_t[]){2}, (float[]){10, 20});
    CHECK(m && ag_backward(m, g, 0) == 0);
    CHECK(x->grad && near_values(x->grad, (float[]){10, 0, 0, 0, 0, 20}, 6, 0));
    tensor_release(g); tensor_release(m); tensor_release(x);
}

TEST(reduce_std_of_a_constant_has_zero_gradient)
{
    tensor *x = tensor_full(1, (int64_t[]){4}, 2.0f);
    x->requires_grad = 1;
    tensor *s = tensor_reduce(RED_STD, x, -1, 0);
    CHECK(s && tensor_item(s) == 0 && ag_backward(s, NULL, 0) == 0);
    CHECK(x->grad && near_values(x->grad, (float[]){0, 0, 0, 0}, 4, 0));
    tensor_release(s); tensor_release(x);
}

/* ---- failed allocations ---- */

/* every differentiable reduction and sum_to, forward and backward, on a strided view of a leaf */
static tensor *fa_x;
static int reduce_scenario(void)
{
    tensor *t = tensor_transpose(fa_x, 0, 1);
    tensor *r[7] = {0};
    int rc = t ? 0 : -1;
    for (int op = RED_SUM; op <= RED_STD && rc == 0; op++) {
        r[op] = tensor_reduce((redop)op, t, op % 2 ? 0 : -1, 1);
        if (!r[op]) rc = -1;
    }
    if (rc == 0) r[6] = tensor_sum_to(t, 1, (int64_t[]){3});
    for (int k = 0; k < 7 && rc == 0; k++) {
        tensor *s = r[k] ? tensor_reduce(RED_SUM, r[k], -1, 0) : NULL;
        if (!s || ag_backward(s, NULL, 1) < 0) rc = -1;   /* they share the transpose */
        tensor_release(s);
    }
    for (int k = 0; k < 7; k++) tensor_release(r[k]);
    tensor_release(t);
    tensor_release(fa_x->grad); fa_x->grad = NULL;
    return rc;
}

TEST(reduce_failed_allocations_leave_nothing_behind)
{
    fa_x = ladder_leaf(2, (int64_t[]){3, 4});
    int ok = survives_failed_allocations(reduce_scenario);
    tensor_release(fa_x);
    CHECK(ok);
}
