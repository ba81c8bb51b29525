/* test_views.c — reshape, flatten, transpose, permute, narrow, select, squeeze, unsqueeze, expand,
 * cat, stack: values against numpy, storage sharing, error text, and gradchecks. */
#include "test.h"
#include "gradcheck.h"

/* 1 when t holds exactly the n values v (row-major); prints the first difference otherwise. */
static int has_values(const tensor *t, const float *v, int64_t n)
{
    if (t->numel != n) { printf("  numel %lld, expected %lld\n", (long long)t->numel, (long long)n); return 0; }
    float buf[256];
    tensor_copy_out(t, buf);
    for (int64_t k = 0; k < n; k++)
        if (!(buf[k] == v[k])) { printf("  element %lld is %g, expected %g\n", (long long)k, buf[k], v[k]); return 0; }
    return 1;
}

static int has_shape(const tensor *t, int ndim, const int64_t *shape)
{
    if (t->ndim != ndim) return 0;
    for (int d = 0; d < ndim; d++) if (t->shape[d] != shape[d]) return 0;
    return 1;
}

/* arange(n) reshaped to shape */
static tensor *iota(int ndim, const int64_t *shape)
{
    tensor *t = tensor_empty(ndim, shape);
    for (int64_t k = 0; k < t->numel; k++) tensor_data(t)[k] = (float)k;
    return t;
}

TEST(views_reshape_is_a_view_and_infers_minus_one)
{
    tensor *a = iota(2, (int64_t[]){2, 3});
    tensor *v = tensor_reshape(a, 2, (int64_t[]){3, -1});
    CHECK(v && has_shape(v, 2, (int64_t[]){3, 2}));
    CHECK(v->st == a->st);
    CHECK(has_values(v, (float[]){0, 1, 2, 3, 4, 5}, 6));
    tensor_set(v, (int64_t[]){1, 1}, 100);             /* element 3 of the base */
    CHECK(tensor_data(a)[3] == 100);
    tensor *s = tensor_reshape(a, 0, NULL);
    CHECK(!s);                                          /* 6 elements are not a scalar */
    tensor_release(v); tensor_release(a);
}

TEST(views_reshape_of_a_transposed_tensor_copies)
{
    tensor *a = iota(2, (int64_t[]){2, 3});
    tensor *t = tensor_transpose(a, 0, 1);
    tensor *r = tensor_reshape(t, 1, (int64_t[]){6});
    CHECK(r && r->st != a->st);
    CHECK(has_values(r, (float[]){0, 3, 1, 4, 2, 5}, 6));   /* numpy: a.T.reshape(6) */
    tensor *f = tensor_flatten(t);
    CHECK(f && has_values(f, (float[]){0, 3, 1, 4, 2, 5}, 6));
    tensor_release(f); tensor_release(r); tensor_release(t); tensor_release(a);
}

TEST(views_reshape_errors)
{
    tensor *a = iota(2, (int64_t[]){2, 3});
    CHECK_ERR(tensor_reshape(a, 2, (int64_t[]){4, 2}), "reshape: cannot reshape [2,3] (6 elements) into [4,2] (8 elements)");
    CHECK_ERR(tensor_reshape(a, 2, (int64_t[]){-1, -1}), "reshape: only one dimension may be -1");
    CHECK_ERR(tensor_reshape(a, 2, (int64_t[]){4, -1}), "reshape: cannot reshape [2,3] (6 elements) into [4,-1]");
    CHECK_ERR(tensor_reshape(a, 2, (int64_t[]){-2, 3}), "reshape: negative size -2 in shape [-2,3]");
    tensor_release(a);
    tensor *z = tensor_zeros(2, (int64_t[]){0, 3});
    CHECK_ERR(tensor_reshape(z, 2, (int64_t[]){-1, 0}), "reshape: cannot infer the -1 in [-1,0]");
    tensor *ok = tensor_reshape(z, 2, (int64_t[]){3, -1});
    CHECK(ok && has_shape(ok, 2, (int64_t[]){3, 0}));
    tensor_release(ok); tensor_release(z);
}

TEST(views_flatten_and_scalars)
{
    tensor *a = iota(3, (int64_t[]){2, 1, 2});
    tensor *f = tensor_flatten(a);
    CHECK(f && has_shape(f, 1, (int64_t[]){4}) && f->st == a->st);
    tensor *s = tensor_scalar(7);
    tensor *fs = tensor_flatten(s);
    CHECK(fs && has_shape(fs, 1, (int64_t[]){1}) && tensor_item(fs) == 7);
    tensor *back = tensor_reshape(fs, 0, NULL);
    CHECK(back && back->ndim == 0 && tensor_item(back) == 7);
    tensor_release(back); tensor_release(fs); tensor_release(s); tensor_release(f); tensor_release(a);
}

TEST(views_transpose_shares_storage)
{
    tensor *a = iota(2, (int64_t[]){2, 3});
    tensor *t = tensor_transpose(a, 1, 0);
    CHECK(t && has_shape(t, 2, (int64_t[]){3, 2}) && t->st == a->st);
    CHECK(!tensor_is_contiguous(t));
    CHECK(has_values(t, (float[]){0, 3, 1, 4, 2, 5}, 6));
    tensor_set(t, (int64_t[]){2, 0}, -1);              /* a[0][2] */
    CHECK(tensor_data(a)[2] == -1);
    CHECK_ERR(tensor_transpose(a, 0, 2), "transpose: dimension 3 is out of range for a 2-D tensor");
    tensor_release(t); tensor_release(a);
}

TEST(views_permute_matches_numpy)
{
    tensor *b = iota(3, (int64_t[]){2, 3, 4});
    tensor *p = tensor_permute(b, (int[]){2, 0, 1});
    CHECK(p && has_shape(p, 3, (int64_t[]){4, 2, 3}) && p->st == b->st);
    CHECK(tensor_get(p, (int64_t[]){3, 1, 2}) == 23);  /* numpy: b.transpose(2,0,1)[3,1,2] */
    float first8[8];
    tensor *c = tensor_contiguous(p);
    memcpy(first8, tensor_data(c), sizeof first8);
    CHECK(first8[0] == 0 && first8[1] == 4 && first8[5] == 20 && first8[6] == 1 && first8[7] == 5);
    CHECK_ERR(tensor_permute(b, (int[]){0, 0, 1}), "permute: [1,1,2] is not a permutation of the dimensions 1..3");
    CHECK_ERR(tensor_permute(b, (int[]){0, 1, 3}), "permute: [1,2,4] is not a permutation");
    tensor_release(c); tensor_release(p); tensor_release(b);
}

TEST(views_narrow_values_sharing_and_errors)
{
    tensor *a = iota(2, (int64_t[]){3, 4});
    tensor *n = tensor_narrow(a, 1, 1, 2);
    CHECK(n && has_shape(n, 2, (int64_t[]){3, 2}) && n->st == a->st);
    CHECK(has_values(n, (float[]){1, 2, 5, 6, 9, 10}, 6));
    tensor_set(n, (int64_t[]){2, 1}, 99);              /* a[2][2] */
    CHECK(tensor_data(a)[10] == 99);
    tensor *e = tensor_narrow(a, 0, 3, 0);             /* empty at the end is allowed, as a[3:3] */
    CHECK(e && e->numel == 0);
    CHECK_ERR(tensor_narrow(a, 1, 3, 2), "narrow: range 4..5 is out of bounds for dimension 2 of size 4");
    CHECK_ERR(tensor_narrow(a, 0, -1, 2), "narrow: range 0..1 is out of bounds for dimension 1 of size 3");
    CHECK_ERR(tensor_narrow(a, 2, 0, 1), "narrow: dimension 3 is out of range for a 2-D tensor");
    CHECK_ERR(tensor_narrow(a, 0, 0, -1), "narrow: length -1 is negative");
    tensor_release(e); tensor_release(n); tensor_release(a);
}

TEST(views_select_drops_the_dim)
{
    tensor *a = iota(2, (int64_t[]){3, 4});
    tensor *r = tensor_select(a, 0, 1), *c = tensor_select(a, 1, 2);
    CHECK(r && has_shape(r, 1, (int64_t[]){4}) && has_values(r, (float[]){4, 5, 6, 7}, 4));
    CHECK(c && has_shape(c, 1, (int64_t[]){3}) && has_values(c, (float[]){2, 6, 10}, 3));
    tensor *x = tensor_select(c, 0, 2);                /* down to a 0-d view of a[2][2] */
    CHECK(x && x->ndim == 0 && tensor_item(x) == 10);
    tensor_data(c)[c->stride[0]] = -5;                 /* c[1] is a[1][2] */
    CHECK(tensor_data(a)[6] == -5);
    CHECK_ERR(tensor_select(a, 0, 4), "select: index 5 is out of range for dimension 1 of size 3");
    CHECK_ERR(tensor_select(a, 1, -1), "select: index 0 is out of range for dimension 2 of size 4");
    CHECK_ERR(tensor_select(x, 0, 0), "select: dimension 1 is out of range for a 0-D tensor");
    tensor_release(x); tensor_release(r); tensor_release(c); tensor_release(a);
}

TEST(views_squeeze_and_unsqueeze)
{
    tensor *a = iota(3, (int64_t[]){1, 3, 1});
    tensor *all = tensor_squeeze(a, -1), *first = tensor_squeeze(a, 0), *last = tensor_squeeze(a, 2);
    CHECK(all && has_shape(all, 1, (int64_t[]){3}) && all->st == a->st);
    CHECK(first && has_shape(first, 2, (int64_t[]){3, 1}));
    CHECK(last && has_shape(last, 2, (int64_t[]){1, 3}));
    CHECK_ERR(tensor_squeeze(a, 1), "squeeze: cannot squeeze dimension 2 of size 3");
    CHECK_ERR(tensor_squeeze(a, 3), "squeeze: dimension 4 is out of range for a 3-D tensor");
    tensor *u0 = tensor_unsqueeze(all, 0), *u1 = tensor_unsqueeze(all, 1);
    CHECK(u0 && has_shape(u0, 2, (int64_t[]){1, 3}) && tensor_is_contiguous(u0));
    CHECK(u1 && has_shape(u1, 2, (int64_t[]){3, 1}) && has_values(u1, (float[]){0, 1, 2}, 3));
    CHECK_ERR(tensor_unsqueeze(all, 2), "unsqueeze: dimension 3 is out of range for a 1-D tensor (it must be 1..2)");
    /* squeezing a transposed view keeps its strides */
    tensor *b = iota(3, (int64_t[]){2, 1, 3});
    tensor *t = tensor_transpose(b, 0, 2), *s = tensor_squeeze(t, 1);
    CHECK(s && has_shape(s, 2, (int64_t[]){3, 2}) && has_values(s, (float[]){0, 3, 1, 4, 2, 5}, 6));
    tensor_release(s); tensor_release(t); tensor_release(b);
    tensor_release(u0); tensor_release(u1); tensor_release(all); tensor_release(first); tensor_release(last);
    tensor_release(a);
}

TEST(views_expand_is_broadcast_to)
{
    tensor *r = iota(1, (int64_t[]){3});
    tensor *e = tensor_expand(r, 2, (int64_t[]){2, 3});
    CHECK(e && has_shape(e, 2, (int64_t[]){2, 3}) && e->stride[0] == 0 && e->st == r->st);
    CHECK(has_values(e, (float[]){0, 1, 2, 0, 1, 2}, 6));
    tensor *c = iota(2, (int64_t[]){3, 1});
    tensor *f = tensor_expand(c, 2, (int64_t[]){3, 2});
    CHECK(f && f->stride[1] == 0 && has_values(f, (float[]){0, 0, 1, 1, 2, 2}, 6));
    tensor *k = tensor_expand(c, 3, (int64_t[]){2, -1, 2});    /* -1 keeps the size */
    CHECK(k && has_shape(k, 3, (int64_t[]){2, 3, 2}));
    tensor *a = iota(2, (int64_t[]){2, 3});
    CHECK_ERR(tensor_expand(a, 2, (int64_t[]){4, 3}), "expand: cannot broadcast [2,3] to [4,3] (dimension 1 has size 2");
    CHECK_ERR(tensor_expand(a, 1, (int64_t[]){3}), "expand: cannot broadcast [2,3] to [3] (the target has fewer dimensions)");
    CHECK_ERR(tensor_expand(a, 3, (int64_t[]){-1, 2, 3}), "expand: invalid size -1");
    tensor_release(a); tensor_release(k); tensor_release(f); tensor_release(c); tensor_release(e); tensor_release(r);
}

TEST(views_cat_along_each_dim)
{
    tensor *a = iota(2, (int64_t[]){2, 2});
    tensor *b = tensor_full(2, (int64_t[]){2, 3}, 9);
    tensor *ab = tensor_cat(2, (tensor *[]){a, b}, 1);
    CHECK(ab && has_shape(ab, 2, (int64_t[]){2, 5}));
    CHECK(has_values(ab, (float[]){0, 1, 9, 9, 9, 2, 3, 9, 9, 9}, 10));
    tensor *at = tensor_transpose(a, 0, 1);            /* a non-contiguous input: [[0,2],[1,3]] */
    tensor *rows = tensor_cat(3, (tensor *[]){a, at, a}, 0);
    CHECK(rows && has_shape(rows, 2, (int64_t[]){6, 2}));
    CHECK(has_values(rows, (float[]){0, 1, 2, 3, 0, 2, 1, 3, 0, 1, 2, 3}, 12));
    CHECK_ERR(tensor_cat(2, (tensor *[]){a, b}, 0), "cat: shapes [2,2] and [2,3] must match except in dimension 1");
    CHECK_ERR(tensor_cat(2, (tensor *[]){a, b}, 2), "cat: dimension 3 is out of range for a 2-D tensor");
    tensor *v = iota(1, (int64_t[]){2});
    CHECK_ERR(tensor_cat(2, (tensor *[]){a, v}, 0), "cat: shapes [2,2] and [2] must match except in dimension 1");
    tensor *s = tensor_scalar(1);
    CHECK_ERR(tensor_cat(1, (tensor *[]){s}, 0), "cat: 0-d tensors cannot be concatenated");
    CHECK_ERR(tensor_cat(0, NULL, 0), "cat: needs at least one tensor");
    tensor_release(s); tensor_release(v); tensor_release(rows); tensor_release(at); tensor_release(ab);
    tensor_release(b); tensor_release(a);
}

TEST(views_stack_makes_a_new_dim)
{
    tensor *a = iota(1, (int64_t[]){2});
    tensor *b = tensor_full(1, (int64_t[]){2}, 7);
    tensor *s0 = tensor_stack(2, (tensor *[]){a, b}, 0), *s1 = tensor_stack(2, (tensor *[]){a, b}, 1);
    CHECK(s0 && has_shape(s0, 2, (int64_t[]){2, 2}) && has_values(s0, (float[]){0, 1, 7, 7}, 4));
    CHECK(s1 && has_shape(s1, 2, (int64_t[]){2, 2}) && has_values(s1, (float[]){0, 7, 1, 7}, 4));
    tensor *c = iota(1, (int64_t[]){3});
    CHECK_ERR(tensor_stack(2, (tensor *[]){a, c}, 0), "stack: all tensors must have the same shape (got [2] and [3])");
    CHECK_ERR(tensor_stack(2, (tensor *[]){a, b}, 2), "stack: dimension 3 is out of range for stacking 1-D tensors (it must be 1..2)");
    tensor *x = tensor_scalar(1), *y = tensor_scalar(2);
    tensor *xy = tensor_stack(2, (tensor *[]){x, y}, 0);
    CHECK(xy && has_shape(xy, 1, (int64_t[]){2}) && has_values(xy, (float[]){1, 2}, 2));
    tensor_release(xy); tensor_release(x); tensor_release(y); tensor_release(c);
    tensor_release(s0); tensor_release(s1); tensor_release(a); tensor_release(b);
}

/* ---- gradients ---- */

/* gradcheck reads f's output after restoring the input, so a view of the input would show no
 * change: the test functions return a (differentiable) copy of the view. */
static tensor *own(tensor *v)
{
    tensor *c = v ? tensor_clone(v) : NULL;
    tensor_release(v);
    return c;
}

static tensor *f_reshape(tensor **in) { return own(tensor_reshape(in[0], 3, (int64_t[]){2, -1, 2})); }
static tensor *f_flatten_t(tensor **in)   /* a transposed input takes the copying path */
{
    tensor *t = tensor_transpose(in[0], 0, 1), *f = tensor_flatten(t);
    tensor_release(t);
    return f;
}
static tensor *f_transpose(tensor **in) { return own(tensor_transpose(in[0], 0, 2)); }
static tensor *f_permute(tensor **in) { return own(tensor_permute(in[0], (int[]){1, 2, 0})); }
static tensor *f_narrow(tensor **in) { return own(tensor_narrow(in[0], 1, 1, 2)); }
static tensor *f_select(tensor **in) { return own(tensor_select(in[0], 2, 3)); }
static tensor *f_squeeze_unsqueeze(tensor **in)
{
    tensor *s = tensor_squeeze(in[0], -1), *u = tensor_unsqueeze(s, 0);
    tensor_release(s);
    return own(u);
}
static tensor *f_expand(tensor **in) { return own(tensor_expand(in[0], 3, (int64_t[]){2, 3, 4})); }
static tensor *f_cat2(tensor **in) { return tensor_cat(2, in, 1); }
static tensor *f_cat6(tensor **in) { return tensor_cat(6, in, 0); }
static tensor *f_stack3(tensor **in) { return tensor_stack(3, in, 1); }
static tensor *f_cat_self(tensor **in) { return tensor_cat(3, (tensor *[]){in[0], in[1], in[0]}, 1); }

TEST(views_gradcheck_every_view)
{
    int64_t s234[3] = {2, 3, 4}, s34[2] = {3, 4}, s3_1[3] = {3, 1, 4};
    tensor *a = gc_leaf(3, s234, -1, 1);
    CHECK(gradcheck(f_reshape, 1, &a, 1e-2));
    CHECK(gradcheck(f_transpose, 1, &a, 1e-2));
    CHECK(gradcheck(f_permute, 1, &a, 1e-2));
    CHECK(gradcheck(f_narrow, 1, &a, 1e-2));
    CHECK(gradcheck(f_select, 1, &a, 1e-2));
    tensor *b = gc_leaf(2, s34, -2, 2);
    CHECK(gradcheck(f_flatten_t, 1, &b, 1e-2));
    CHECK(gradcheck(f_expand, 1, &b, 1e-2));             /* [3,4] -> [2,3,4]: sums over the new dim */
    tensor *c = gc_leaf(3, s3_1, -1, 1);
    CHECK(gradcheck(f_squeeze_unsqueeze, 1, &c, 1e-2));
    tensor *d = gc_leaf(2, (int64_t[]){3, 1}, -1, 1);
    CHECK(gradcheck(f_expand, 1, &d, 1e-2));             /* [3,1] -> [2,3,4]: sums over two dims */
    tensor_release(a); tensor_release(b); tensor_release(c); tensor_release(d);
}

TEST(views_gradcheck_cat_and_stack)
{
    tensor *in[6];
    in[0] = gc_leaf(2, (int64_t[]){2, 3}, -1, 1);
    in[1] = gc_leaf(2, (int64_t[]){2, 1}, -1, 1);
    CHECK(gradcheck(f_cat2, 2, in, 1e-2));
    tensor_release(in[0]); tensor_release(in[1]);
    /* six inputs: more than a node holds, so the graph concatenates in groups */
    for (int k = 0; k < 6; k++) in[k] = gc_leaf(2, (int64_t[]){k % 3 + 1, 2}, -1, 1);
    in[2]->requires_grad = 0;                            /* a constant among them gets no grad */
    CHECK(gradcheck(f_cat6, 6, in, 1e-2));
    CHECK(in[2]->grad == NULL);
    tensor *out = tensor_cat(6, in, 0);
    CHECK(out && out->numel == 24 && tensor_get(out, (int64_t[]){23 / 2, 1}) == tensor_data(in[5])[5]);
    tensor_release(out);
    for (int k = 0; k < 6; k++) tensor_release(in[k]);
    for (int k = 0; k < 3; k++) in[k] = gc_leaf(2, (int64_t[]){2, 2}, -1, 1);
    CHECK(gradcheck(f_stack3, 3, in, 1e-2));
    CHECK(gradcheck(f_cat_self, 2, in, 1e-2));          /* in[0] twice: its gradient accumulates */
    for (int k = 0; k < 3; k++) tensor_release(in[k]);
}

TEST(views_view_of_a_leaf_records_and_backward_reaches_it)
{
    tensor *a = gc_leaf(2, (int64_t[]){2, 3}, -1, 1);
    tensor *t = tensor_transpose(a, 0, 1), *r = tensor_select(t, 0, 2);   /* a[:, 2] */
    CHECK(r && r->requires_grad && r->node && !strcmp(r->node->op->name, "select"));
    tensor *g = tensor_from_data(1, (int64_t[]){2}, (float[]){5, 7});
    CHECK(ag_backward(r, g, 0) == 0);
    CHECK(a->grad && has_values(a->grad, (float[]){0, 0, 5, 0, 0, 7}, 6));
    tensor_release(g); tensor_release(r); tensor_release(t); tensor_release(a);
}

TEST(views_no_graph_when_grad_mode_is_off)
{
    tensor *a = gc_leaf(2, (int64_t[]){2, 3}, -1, 1);
    int was = ag_set_enabled(0);
    tensor *t = tensor_transpose(a, 0, 1);
    ag_set_enabled(was);
    CHECK(t && !t->requires_grad && !t->node);
    tensor_release(t); tensor_release(a);
}

/* ---- failed allocations ---- */

/* forward and backward of every view and of a grouped cat, on leaves made outside the window */
static tensor *fa_in[6];
static int views_scenario(void)
{
    tensor *x = fa_in[0];
    tensor *t = tensor_transpose(x, 0, 1), *r = t ? tensor_reshape(t, 1, (int64_t[]){-1}) : NULL;
    tensor *n = r ? tensor_narrow(r, 0, 1, 4) : NULL, *u = n ? tensor_unsqueeze(n, 0) : NULL;
    tensor *e = u ? tensor_expand(u, 2, (int64_t[]){3, 4}) : NULL, *sel = e ? tensor_select(e, 1, 2) : NULL;
    tensor *parts[7] = {sel, fa_in[1], fa_in[2], fa_in[3], fa_in[4], fa_in[5], sel};
    tensor *c = sel ? tensor_cat(7, parts, 0) : NULL;
    tensor *st = c ? tensor_stack(2, (tensor *[]){c, c}, 1) : NULL;
    tensor *s = st ? tensor_reduce(RED_SUM, st, -1, 0) : NULL;
    int rc = s && ag_backward(s, NULL, 0) == 0 ? 0 : -1;
    tensor *all[] = {t, r, n, u, e, sel, c, st, s};
    for (size_t k = 0; k < sizeof all / sizeof *all; k++) tensor_release(all[k]);
    for (int k = 0; k < 6; k++) { tensor_release(fa_in[k]->grad); fa_in[k]->grad = NULL; }
    return rc;
}

TEST(views_failed_allocations_leave_nothing_behind)
{
    fa_in[0] = gc_leaf(2, (int64_t[]){2, 3}, -1, 1);
    for (int k = 1; k < 6; k++) fa_in[k] = gc_leaf(1, (int64_t[]){k}, -1, 1);
    int ok = survives_failed_allocations(views_scenario);
    for (int k = 0; k < 6; k++) tensor_release(fa_in[k]);
    CHECK(ok);
}
