/* test_matmul.c — tensor_matmul (numpy.dot for 1-D/2-D, batched 3-D) and tensor_linear: values
 * against hand-computed numpy results, transposed views read without copies, error texts, and
 * gradchecks of every form. */
#include "test.h"
#include "gradcheck.h"
#include "values.h"

/* A = [[1,2,3],[4,5,6]], B = [[7,8],[9,10],[11,12]]; numpy: A @ B = [[58,64],[139,154]] */
#define A23 MK((2, 3), 1, 2, 3, 4, 5, 6)
#define B32 MK((3, 2), 7, 8, 9, 10, 11, 12)

TEST(matmul_2d_2d)
{
    tensor *a = A23, *b = B32, *c = tensor_matmul(a, b);
    CHECK(IS(c, (2, 2), 58, 64, 139, 154));
    tensor_release(a); tensor_release(b); tensor_release(c);
}

TEST(matmul_1d_forms_follow_numpy_dot)
{
    tensor *a = A23, *u = MK((3), 1, 0, -1), *v = MK((2), 1, 2), *w = MK((3), 4, 5, 6);
    tensor *dot = tensor_matmul(u, w);     /* [3]·[3] -> 0-d */
    tensor *mv = tensor_matmul(a, u);      /* [2,3]·[3] -> [2] */
    tensor *vm = tensor_matmul(v, a);      /* [2]·[2,3] -> [3] */
    CHECK(dot && dot->ndim == 0 && tensor_item(dot) == -2.0f);
    CHECK(IS(mv, (2), -2, -2));
    CHECK(IS(vm, (3), 9, 12, 15));
    tensor_release(a); tensor_release(u); tensor_release(v); tensor_release(w);
    tensor_release(dot); tensor_release(mv); tensor_release(vm);
}

TEST(matmul_batched_3d)
{
    /* batch 1 of a3 is [[1,0,0],[0,1,0]], batch 1 of b3 is [[1,2],[3,4],[5,6]] */
    tensor *a3 = MK((2, 2, 3), 1, 2, 3, 4, 5, 6, 1, 0, 0, 0, 1, 0);
    tensor *b3 = MK((2, 3, 2), 7, 8, 9, 10, 11, 12, 1, 2, 3, 4, 5, 6);
    tensor *a = A23, *b = B32, *v = MK((3), 1, 1, 1);
    tensor *c = tensor_matmul(a3, b3), *cs = tensor_matmul(a3, b), *sc = tensor_matmul(a, b3);
    tensor *cv = tensor_matmul(a3, v), *vc = tensor_matmul(v, b3);
    CHECK(IS(c, (2, 2, 2), 58, 64, 139, 154, 1, 2, 3, 4));
    CHECK(IS(cs, (2, 2, 2), 58, 64, 139, 154, 7, 8, 9, 10));      /* b shared across the batch */
    CHECK(IS(sc, (2, 2, 2), 58, 64, 139, 154, 22, 28, 49, 64));   /* a shared across the batch */
    CHECK(IS(cv, (2, 2), 6, 15, 1, 1));
    CHECK(IS(vc, (2, 2), 27, 30, 9, 12));
    tensor *one = MK((1, 2, 3), 1, 2, 3, 4, 5, 6), *ob = tensor_matmul(one, b3);   /* batch 1 broadcasts */
    CHECK(IS(ob, (2, 2, 2), 58, 64, 139, 154, 22, 28, 49, 64));
    tensor_release(a3); tensor_release(b3); tensor_release(a); tensor_release(b); tensor_release(v);
    tensor_release(c); tensor_release(cs); tensor_release(sc); tensor_release(cv); tensor_release(vc);
    tensor_release(one); tensor_release(ob);
}

TEST(matmul_transposed_views)
{
    tensor *a = A23, *at = tview(a), *v2 = MK((2), 1, 1), *v3 = MK((3), 1, 1, 1);
    tensor *ata = tensor_matmul(at, a), *aat = tensor_matmul(a, at), *atat = tensor_matmul(at, at);
    tensor *atv = tensor_matmul(at, v2), *vat = tensor_matmul(v3, at);
    CHECK(IS(ata, (3, 3), 17, 22, 27, 22, 29, 36, 27, 36, 45));
    CHECK(IS(aat, (2, 2), 14, 32, 32, 77));
    CHECK(atat == NULL && strstr(ln_error(), "not aligned (2 vs 3)"));
    CHECK(IS(atv, (3), 5, 7, 9));
    CHECK(IS(vat, (2), 6, 15));
    tensor_release(a); tensor_release(at); tensor_release(v2); tensor_release(v3);
    tensor_release(ata); tensor_release(aat); tensor_release(atv); tensor_release(vat);
}

TEST(matmul_reads_transposed_views_without_copying)
{
    /* any copy would be released into the pool; only the output may be */
    int64_t s[2] = {64, 32};
    tensor *a = tensor_randn(2, s), *b = tensor_randn(2, s), *bt = tensor_transpose(b, 0, 1);
    CHECK(bt != NULL);
    tensor_pool_trim();
    tensor *c = tensor_matmul(a, bt);   /* [64,32] @ [32,64] */
    CHECK(c && c->shape[0] == 64 && c->shape[1] == 64);
    CHECK(tensor_pool_bytes() == 0);
    tensor_release(c);
    CHECK(tensor_pool_bytes() == 64 * 64 * (int64_t)sizeof(float));
    tensor *x = tensor_randn(2, s), *w = tensor_randn(2, s), *wt = tensor_transpose(w, 0, 1);
    tensor_pool_trim();
    tensor *y = tensor_linear(x, wt, NULL);
    CHECK(y && tensor_pool_bytes() == 0);
    tensor_release(a); tensor_release(b); tensor_release(bt);
    tensor_release(x); tensor_release(w); tensor_release(wt); tensor_release(y);
}

TEST(matmul_views_blas_cannot_read_are_copied_correctly)
{
    /* e: [[1,2,3],[1,2,3]] with row stride 0; s: [3,2] with strides [8,4] */
    tensor *r = MK((3), 1, 2, 3), *e = tensor_expand(r, 2, (int64_t[]){2, 3}), *b = B32;
    int64_t s324[3] = {3, 2, 4};
    tensor *base = tensor_arange(0, 24, 1), *b3 = tensor_reshape(base, 3, s324), *sl = tensor_select(b3, 2, 0);
    CHECK(e && sl && e->stride[0] == 0 && sl->stride[0] == 8 && sl->stride[1] == 4);
    /* sl = [[0,4],[8,12],[16,20]] */
    tensor *m = MK((2, 2), 1, 2, 3, 4), *c = tensor_matmul(e, b), *d = tensor_matmul(sl, m);
    CHECK(IS(c, (2, 2), 58, 64, 58, 64));
    CHECK(IS(d, (3, 2), 12, 16, 44, 64, 76, 112));
    tensor_release(r); tensor_release(e); tensor_release(b); tensor_release(base); tensor_release(b3);
    tensor_release(sl); tensor_release(m); tensor_release(c); tensor_release(d);
}

TEST(matmul_error_texts)
{
    tensor *a = A23, *a2 = A23, *u = MK((3), 1, 2, 3), *w = MK((4), 1, 2, 3, 4), *s = tensor_scalar(2);
    tensor *x = MK((2, 2, 3), 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
    tensor *y = tensor_zeros(3, (int64_t[]){3, 3, 2}), *z = tensor_zeros(4, (int64_t[]){1, 1, 2, 2});
    CHECK_ERR(tensor_matmul(a, a2), "matmul: shapes [2,3] and [2,3] are not aligned (3 vs 2)");
    CHECK_ERR(tensor_matmul(u, w), "matmul: shapes [3] and [4] are not aligned (3 vs 4)");
    CHECK_ERR(tensor_matmul(x, y), "matmul: shapes [2,2,3] and [3,3,2] have different batch sizes (2 vs 3)");
    CHECK_ERR(tensor_matmul(s, u), "matmul: shapes [] and [3]: operands must have 1, 2 or 3 dimensions (use * to multiply by a scalar)");
    CHECK_ERR(tensor_matmul(z, z), "matmul: shapes [1,1,2,2] and [1,1,2,2]: operands must have 1, 2 or 3 dimensions");
    tensor_release(a); tensor_release(a2); tensor_release(u); tensor_release(w); tensor_release(s);
    tensor_release(x); tensor_release(y); tensor_release(z);
}

TEST(matmul_empty_inner_dimension_gives_zeros)
{
    tensor *a = tensor_zeros(2, (int64_t[]){2, 0}), *b = tensor_zeros(2, (int64_t[]){0, 3});
    tensor_fill_(a, 1);
    tensor *c = tensor_matmul(a, b);
    CHECK(IS(c, (2, 3), 0, 0, 0, 0, 0, 0));
    tensor_release(a); tensor_release(b); tensor_release(c);
}

/* ---- matmul gradients ---- */

static tensor *f_mm(tensor **in) { return tensor_matmul(in[0], in[1]); }

static int check_mm(int an, const int64_t *as, int bn, const int64_t *bs)
{
    tensor *in[2] = {gc_leaf(an, as, -1, 1), gc_leaf(bn, bs, -1, 1)};
    int ok = gradcheck(f_mm, 2, in, 1e-2);
    if (!ok) {
        char b1[96], b2[96];
        printf("  (matmul %s @ %s)\n", ln_shape_str(b1, an, as), ln_shape_str(b2, bn, bs));
    }
    tensor_release(in[0]); tensor_release(in[1]);
    return ok;
}

TEST(gradcheck_matmul_every_form)
{
    int64_t k[1] = {3}, m2[1] = {2}, mk[2] = {2, 3}, kn[2] = {3, 4};
    int64_t bmk[3] = {2, 2, 3}, bkn[3] = {2, 3, 4}, one[3] = {1, 2, 3};
    CHECK(check_mm(2, mk, 2, kn));     /* 2-D @ 2-D */
    CHECK(check_mm(1, k, 1, k));       /* 1-D · 1-D -> 0-d */
    CHECK(check_mm(2, mk, 1, k));      /* 2-D · 1-D */
    CHECK(check_mm(1, m2, 2, mk));     /* 1-D · 2-D */
    CHECK(check_mm(3, bmk, 3, bkn));   /* batched */
    CHECK(check_mm(3, bmk, 2, kn));    /* weight shared over the batch */
    CHECK(check_mm(2, mk, 3, bkn));    /* left operand shared */
    CHECK(check_mm(3, one, 3, bkn));   /* batch of 1 broadcast */
    CHECK(check_mm(3, bmk, 1, k));
    CHECK(check_mm(1, k, 3, bkn));
}

static tensor *f_mm_tt(tensor **in)   /* in[0]^T @ in[1]^T, both transposed views */
{
    tensor *a = tensor_transpose(in[0], 0, 1), *b = tensor_transpose(in[1], 0, 1);
    tensor *c = a && b ? tensor_matmul(a, b) : NULL;
    tensor_release(a); tensor_release(b);
    return c;
}
static tensor *f_mm_t_vec(tensor **in)   /* in[0]^T · in[1] */
{
    tensor *a = tensor_transpose(in[0], 0, 1);
    tensor *c = a ? tensor_matmul(a, in[1]) : NULL;
    tensor_release(a);
    return c;
}

TEST(gradcheck_matmul_through_transposed_views)
{
    int64_t s34[2] = {3, 4}, s23[2] = {2, 3}, s2[1] = {2};
    tensor *in[2] = {gc_leaf(2, s34, -1, 1), gc_leaf(2, s23, -1, 1)};   /* [4,3] @ [3,2] */
    CHECK(gradcheck(f_mm_tt, 2, in, 1e-2));
    tensor *jn[2] = {gc_leaf(2, s23, -1, 1), gc_leaf(1, s2, -1, 1)};    /* [3,2] · [2] */
    CHECK(gradcheck(f_mm_t_vec, 2, jn, 1e-2));
    tensor_release(in[0]); tensor_release(in[1]); tensor_release(jn[0]); tensor_release(jn[1]);
}

TEST(matmul_gradient_of_a_transposed_leaf_matches_a_copy)
{
    int64_t s[2] = {3, 2}, t[2] = {3, 4};
    tensor *base = tensor_randn(2, s), *v = tview(base), *c = tensor_clone(v), *b = tensor_randn(2, t);
    v->requires_grad = 1; c->requires_grad = 1;
    tensor *yv = tensor_matmul(v, b), *yc = tensor_matmul(c, b);
    tensor *g = tensor_randn(2, (int64_t[]){2, 4});
    CHECK(yv && yc && ag_backward(yv, g, 0) == 0 && ag_backward(yc, g, 0) == 0);
    float want[6];
    tensor_copy_out(c->grad, want);
    CHECK(tensor_is(v->grad, 2, (int64_t[]){2, 3}, want, 1e-5));
    tensor_release(base); tensor_release(v); tensor_release(c); tensor_release(b);
    tensor_release(yv); tensor_release(yc); tensor_release(g);
}

TEST(matmul_gradients_accumulate_across_backward_calls)
{
    tensor *a = A23, *b = B32, *g = MK((2, 2), 1, 0, 0, 1);
    a->requires_grad = 1; b->requires_grad = 1;
    for (int k = 0; k < 2; k++) {
        tensor *c = tensor_matmul(a, b);
        CHECK(c && ag_backward(c, g, 0) == 0);
        tensor_release(c);
    }
    /* dA = dC @ B^T = B^T (dC = I), twice; dB = A^T @ dC = A^T, twice */
    CHECK(IS(a->grad, (2, 3), 14, 18, 22, 16, 20, 24));
    CHECK(IS(b->grad, (3, 2), 2, 8, 4, 10, 6, 12));
    tensor_release(a); tensor_release(b); tensor_release(g);
}

/* ---- linear ---- */

TEST(linear_values_with_and_without_bias)
{
    /* x @ w = [[1,2,3],[3,4,7]] */
    tensor *x = MK((2, 2), 1, 2, 3, 4), *w = MK((2, 3), 1, 0, 1, 0, 1, 1), *b = MK((3), 10, 20, 30);
    tensor *y = tensor_linear(x, w, b), *z = tensor_linear(x, w, NULL);
    CHECK(IS(y, (2, 3), 11, 22, 33, 13, 24, 37));
    CHECK(IS(z, (2, 3), 1, 2, 3, 3, 4, 7));
    tensor *x1 = MK((2), 1, 2), *y1 = tensor_linear(x1, w, b);   /* one sample, 1-D */
    CHECK(IS(y1, (3), 11, 22, 33));
    tensor *x3 = MK((2, 1, 2), 1, 2, 3, 4), *y3 = tensor_linear(x3, w, b);   /* [N,T,in] */
    CHECK(IS(y3, (2, 1, 3), 11, 22, 33, 13, 24, 37));
    tensor *xt = tview(x), *yt = tensor_linear(xt, w, b);   /* x^T = [[1,3],[2,4]] */
    CHECK(IS(yt, (2, 3), 11, 23, 34, 12, 24, 36));
    tensor_release(x); tensor_release(w); tensor_release(b); tensor_release(y); tensor_release(z);
    tensor_release(x1); tensor_release(y1); tensor_release(x3); tensor_release(y3);
    tensor_release(xt); tensor_release(yt);
}

TEST(linear_error_texts)
{
    tensor *x = tensor_zeros(2, (int64_t[]){4, 3}), *w = tensor_zeros(2, (int64_t[]){2, 5});
    tensor *w35 = tensor_zeros(2, (int64_t[]){3, 5}), *b = tensor_zeros(1, (int64_t[]){4}), *v = tensor_zeros(1, (int64_t[]){3});
    CHECK_ERR(tensor_linear(x, w, NULL), "linear: input [4,3] does not match weight [2,5] (3 vs 2)");
    CHECK_ERR(tensor_linear(x, w35, b), "linear: bias [4] does not match weight [3,5] (4 vs 5)");
    CHECK_ERR(tensor_linear(x, v, NULL), "linear: weight must be 2-D [in,out], got [3]");
    tensor_release(x); tensor_release(w); tensor_release(w35); tensor_release(b); tensor_release(v);
}

static tensor *f_linear(tensor **in) { return tensor_linear(in[0], in[1], in[2]); }
static tensor *f_linear_nobias(tensor **in) { return tensor_linear(in[0], in[1], NULL); }
static tensor *f_linear_wt(tensor **in)   /* weight stored [out,in], used transposed */
{
    tensor *wt = tensor_transpose(in[1], 0, 1);
    tensor *y = wt ? tensor_linear(in[0], wt, in[2]) : NULL;
    tensor_release(wt);
    return y;
}

TEST(gradcheck_linear_with_and_without_bias)
{
    int64_t xs[2] = {4, 3}, ws[2] = {3, 5}, bs[1] = {5}, x3[3] = {2, 2, 3}, wts[2] = {5, 3};
    tensor *in[3] = {gc_leaf(2, xs, -1, 1), gc_leaf(2, ws, -1, 1), gc_leaf(1, bs, -1, 1)};
    CHECK(gradcheck(f_linear, 3, in, 1e-2));
    CHECK(gradcheck(f_linear_nobias, 2, in, 1e-2));
    tensor *jn[3] = {gc_leaf(3, x3, -1, 1), in[1], in[2]};
    CHECK(gradcheck(f_linear, 3, jn, 1e-2));
    tensor *kn[3] = {in[0], gc_leaf(2, wts, -1, 1), in[2]};
    CHECK(gradcheck(f_linear_wt, 3, kn, 1e-2));
    tensor_release(in[0]); tensor_release(in[1]); tensor_release(in[2]); tensor_release(jn[0]); tensor_release(kn[1]);
}

TEST(linear_skips_dx_when_input_needs_no_grad_and_accumulates)
{
    tensor *x = MK((2, 2), 1, 2, 3, 4), *w = MK((2, 3), 1, 0, 1, 0, 1, 1), *b = MK((3), 10, 20, 30);
    w->requires_grad = 1; b->requires_grad = 1;
    tensor *g = MK((2, 3), 1, 1, 1, 1, 1, 1);
    for (int k = 0; k < 2; k++) {
        tensor *y = tensor_linear(x, w, b);
        CHECK(y && ag_backward(y, g, 0) == 0);
        tensor_release(y);
    }
    CHECK(x->grad == NULL);
    /* dW = x^T @ 1 = [[4,4,4],[6,6,6]], db = [2,2,2]; twice */
    CHECK(IS(w->grad, (2, 3), 8, 8, 8, 12, 12, 12));
    CHECK(IS(b->grad, (3), 4, 4, 4));
    tensor_release(x); tensor_release(w); tensor_release(b); tensor_release(g);
}

TEST(matmul_empty_batch_gives_a_zero_gradient_to_a_shared_operand)
{
    tensor *a = MK((2, 3), 1, 2, 3, 4, 5, 6), *b = tensor_zeros(3, (int64_t[]){0, 3, 2});
    a->requires_grad = 1;
    tensor *c = tensor_matmul(a, b), *g = tensor_zeros(3, (int64_t[]){0, 2, 2});
    CHECK(c && c->ndim == 3 && c->numel == 0);
    CHECK(ag_backward(c, g, 0) == 0);
    CHECK(IS(a->grad, (2, 3), 0, 0, 0, 0, 0, 0));
    tensor_release(a); tensor_release(b); tensor_release(c); tensor_release(g);
}

/* Fills the storage pool with NaN buffers of n floats, so that a kernel reading a fresh
 * (uninitialised) output shows up as NaN. */
static void poison_pool(int64_t n)
{
    tensor *t[4];
    for (int k = 0; k < 4; k++) t[k] = tensor_full(1, &n, NAN);
    for (int k = 0; k < 4; k++) tensor_release(t[k]);
}

TEST(linear_and_matmul_gradients_never_read_fresh_buffers)
{
    /* sizes of at least 4 floats: smaller buffers bypass the pool */
    tensor *x = MK((2, 2), 1, 2, 3, 4), *w = MK((2, 5), 1, 0, 1, 0, 1, 0, 1, 1, 1, 0), *b = MK((5), 1, 2, 3, 4, 5);
    x->requires_grad = 1; w->requires_grad = 1; b->requires_grad = 1;
    tensor *y = tensor_linear(x, w, b), *g = MK((2, 5), 1, 1, 1, 1, 1, 1, 1, 1, 1, 1);
    poison_pool(4); poison_pool(5); poison_pool(10);
    CHECK(y && ag_backward(y, g, 0) == 0);
    CHECK(IS(b->grad, (5), 2, 2, 2, 2, 2));
    CHECK(IS(w->grad, (2, 5), 4, 4, 4, 4, 4, 6, 6, 6, 6, 6));
    CHECK(IS(x->grad, (2, 2), 3, 3, 3, 3));
    tensor *u = MK((4), 1, 2, 3, 4), *v = MK((4), 1, 1, 1, 1);
    u->requires_grad = 1;
    tensor *d = tensor_matmul(u, v);
    poison_pool(4);
    CHECK(d && ag_backward(d, NULL, 0) == 0);
    CHECK(IS(u->grad, (4), 1, 1, 1, 1));
    tensor_release(x); tensor_release(w); tensor_release(b); tensor_release(y); tensor_release(g);
    tensor_release(u); tensor_release(v); tensor_release(d);
}
