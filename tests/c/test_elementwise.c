/* test_elementwise.c — broadcasting, every binary/unary op, where, masked_select, axpy_:
 * values against hand-computed numpy results, error texts, and gradchecks of every backward. */
#include "test.h"
#include "gradcheck.h"
#include "values.h"

/* ---- broadcasting ---- */

TEST(broadcast_shape_follows_numpy)
{
    int n; int64_t s[T_MAXDIM];
    CHECK(broadcast_shape("add", 2, (int64_t[]){2, 1}, 1, (int64_t[]){3}, &n, s) == 0);
    CHECK(n == 2 && s[0] == 2 && s[1] == 3);
    CHECK(broadcast_shape("add", 0, NULL, 2, (int64_t[]){2, 3}, &n, s) == 0);
    CHECK(n == 2 && s[0] == 2 && s[1] == 3);
    CHECK(broadcast_shape("add", 3, (int64_t[]){4, 1, 5}, 2, (int64_t[]){3, 1}, &n, s) == 0);
    CHECK(n == 3 && s[0] == 4 && s[1] == 3 && s[2] == 5);
    CHECK(broadcast_shape("add", 1, (int64_t[]){0}, 1, (int64_t[]){1}, &n, s) == 0);
    CHECK(n == 1 && s[0] == 0);
}

TEST(broadcast_error_names_op_shapes_and_dimension)
{
    int n; int64_t s[T_MAXDIM];
    CHECK(broadcast_shape("add", 2, (int64_t[]){2, 3}, 1, (int64_t[]){4}, &n, s) < 0);
    CHECK(strcmp(ln_error(), "add: shapes [2,3] and [4] cannot be broadcast (dimension 2: 3 vs 4)") == 0);
    tensor *a = MK((2, 3), 1, 2, 3, 4, 5, 6), *b = MK((2, 2), 1, 2, 3, 4);
    CHECK_ERR(tensor_binary(BIN_MUL, a, b), "mul: shapes [2,3] and [2,2] cannot be broadcast (dimension 2: 3 vs 2)");
    CHECK_ERR(tensor_binary(BIN_SUB, b, a), "sub: shapes [2,2] and [2,3] cannot be broadcast (dimension 2: 2 vs 3)");
    tensor_release(a); tensor_release(b);
}

TEST(add_same_shape)
{
    tensor *a = MK((2, 3), 1, 2, 3, 4, 5, 6), *b = MK((2, 3), 10, 20, 30, 40, 50, 60);
    tensor *c = tensor_binary(BIN_ADD, a, b);
    CHECK(IS(c, (2, 3), 11, 22, 33, 44, 55, 66));
    tensor_release(a); tensor_release(b); tensor_release(c);
}

TEST(add_column_and_row_broadcast_2x1_plus_3)
{
    /* numpy: np.array([[1],[2]]) + np.array([10,20,30]) */
    tensor *a = MK((2, 1), 1, 2), *b = MK((3), 10, 20, 30);
    tensor *c = tensor_binary(BIN_ADD, a, b), *d = tensor_binary(BIN_SUB, b, a);
    CHECK(IS(c, (2, 3), 11, 21, 31, 12, 22, 32));
    CHECK(IS(d, (2, 3), 9, 19, 29, 8, 18, 28));
    tensor_release(a); tensor_release(b); tensor_release(c); tensor_release(d);
}

TEST(bias_broadcast_2x3_op_3_both_orders)
{
    tensor *a = MK((2, 3), 1, 2, 3, 4, 5, 6), *b = MK((3), 1, 2, 4);
    tensor *c = tensor_binary(BIN_DIV, a, b), *d = tensor_binary(BIN_DIV, b, a), *e = tensor_binary(BIN_SUB, a, b);
    CHECK(IS(c, (2, 3), 1, 1, 0.75f, 4, 2.5f, 1.5f));
    CHECK(IS(d, (2, 3), 1, 1, 4.0f / 3, 0.25f, 0.4f, 4.0f / 6));
    CHECK(IS(e, (2, 3), 0, 0, -1, 3, 3, 2));
    tensor_release(a); tensor_release(b); tensor_release(c); tensor_release(d); tensor_release(e);
}

TEST(three_d_broadcast_middle_dim)
{
    /* [2,1,2] * [3,1] -> [2,3,2] */
    tensor *a = MK((2, 1, 2), 1, 2, 3, 4), *b = MK((3, 1), 1, 10, 100);
    tensor *c = tensor_binary(BIN_MUL, a, b);
    CHECK(IS(c, (2, 3, 2), 1, 2, 10, 20, 100, 200, 3, 4, 30, 40, 300, 400));
    tensor_release(a); tensor_release(b); tensor_release(c);
}

TEST(zero_d_tensors_broadcast_as_scalars)
{
    tensor *s = tensor_scalar(2), *t = tensor_scalar(5), *a = MK((3), 1, 2, 3);
    tensor *st = tensor_binary(BIN_MUL, s, t), *sa = tensor_binary(BIN_SUB, s, a), *as = tensor_binary(BIN_POW, a, s);
    CHECK(st && st->ndim == 0 && tensor_item(st) == 10.0f);
    CHECK(IS(sa, (3), 1, 0, -1));
    CHECK(IS(as, (3), 1, 4, 9));
    tensor_release(s); tensor_release(t); tensor_release(a);
    tensor_release(st); tensor_release(sa); tensor_release(as);
}

TEST(empty_tensors_give_empty_results)
{
    int64_t z[2] = {0, 3};
    tensor *e = tensor_zeros(2, z), *b = MK((3), 1, 2, 3);
    tensor *c = tensor_binary(BIN_ADD, e, b), *u = tensor_unary(UN_EXP, e);
    CHECK(c && c->ndim == 2 && c->shape[0] == 0 && c->shape[1] == 3 && c->numel == 0);
    CHECK(u && u->numel == 0);
    tensor_release(e); tensor_release(b); tensor_release(c); tensor_release(u);
}

TEST(non_contiguous_inputs_transposed_view)
{
    /* a = [[1,2,3],[4,5,6]]; a.T = [[1,4],[2,5],[3,6]] */
    tensor *a = MK((2, 3), 1, 2, 3, 4, 5, 6), *at = tview(a);
    tensor *b = MK((3, 2), 10, 20, 30, 40, 50, 60), *r = MK((2), 100, 200);
    tensor *c = tensor_binary(BIN_ADD, at, b), *d = tensor_binary(BIN_MUL, at, r), *e = tensor_binary(BIN_SUB, at, at);
    tensor *f = tensor_binary_scalar(BIN_MUL, at, 2, 0), *g = tensor_binary(BIN_SUB, b, at);
    CHECK(IS(c, (3, 2), 11, 24, 32, 45, 53, 66));
    CHECK(IS(d, (3, 2), 100, 800, 200, 1000, 300, 1200));
    CHECK(IS(e, (3, 2), 0, 0, 0, 0, 0, 0));
    CHECK(IS(f, (3, 2), 2, 8, 4, 10, 6, 12));
    CHECK(IS(g, (3, 2), 9, 16, 28, 35, 47, 54));
    tensor_release(a); tensor_release(at); tensor_release(b); tensor_release(r);
    tensor_release(c); tensor_release(d); tensor_release(e); tensor_release(f); tensor_release(g);
}

TEST(every_binop_value)
{
    tensor *a = MK((4), 1, -2, 3, 2), *b = MK((4), 2, 2, -1, 2);
    tensor *r[BIN_COUNT];
    for (int op = 0; op < BIN_COUNT; op++) r[op] = tensor_binary((binop)op, a, b);
    CHECK(IS(r[BIN_ADD], (4), 3, 0, 2, 4));
    CHECK(IS(r[BIN_SUB], (4), -1, -4, 4, 0));
    CHECK(IS(r[BIN_MUL], (4), 2, -4, -3, 4));
    CHECK(IS(r[BIN_DIV], (4), 0.5f, -1, -3, 1));
    CHECK(IS(r[BIN_POW], (4), 1, 4, 1.0f / 3, 4));
    CHECK(IS(r[BIN_MAX], (4), 2, 2, 3, 2));
    CHECK(IS(r[BIN_MIN], (4), 1, -2, -1, 2));
    CHECK(IS(r[BIN_GT], (4), 0, 0, 1, 0));
    CHECK(IS(r[BIN_GE], (4), 0, 0, 1, 1));
    CHECK(IS(r[BIN_LT], (4), 1, 1, 0, 0));
    CHECK(IS(r[BIN_LE], (4), 1, 1, 0, 1));
    CHECK(IS(r[BIN_EQ], (4), 0, 0, 0, 1));
    CHECK(IS(r[BIN_NE], (4), 1, 1, 1, 0));
    CHECK(strcmp(binop_name[BIN_ADD], "add") == 0 && strcmp(binop_name[BIN_NE], "ne") == 0);
    for (int op = 0; op < BIN_COUNT; op++) tensor_release(r[op]);
    tensor_release(a); tensor_release(b);
}

TEST(maximum_and_minimum_propagate_nan)
{
    tensor *a = MK((2), NAN, 1), *b = MK((2), 1, NAN);
    tensor *mx = tensor_binary(BIN_MAX, a, b), *mn = tensor_binary(BIN_MIN, a, b);
    CHECK(mx && isnan(tensor_data(mx)[0]) && isnan(tensor_data(mx)[1]));
    CHECK(mn && isnan(tensor_data(mn)[0]) && isnan(tensor_data(mn)[1]));
    tensor_release(a); tensor_release(b); tensor_release(mx); tensor_release(mn);
}

TEST(scalar_ops_both_orders)
{
    tensor *x = MK((3), 1, 2, 4);
    tensor *r1 = tensor_binary_scalar(BIN_SUB, x, 2, 1);   /* 2 - x */
    tensor *r2 = tensor_binary_scalar(BIN_DIV, x, 1, 1);   /* 1 / x */
    tensor *r3 = tensor_binary_scalar(BIN_POW, x, 2, 1);   /* 2 ^ x */
    tensor *r4 = tensor_binary_scalar(BIN_POW, x, 2, 0);   /* x ^ 2 */
    tensor *r5 = tensor_binary_scalar(BIN_SUB, x, 2, 0);   /* x - 2 */
    tensor *r6 = tensor_binary_scalar(BIN_GT, x, 1.5f, 0); /* x > 1.5 */
    tensor *r7 = tensor_binary_scalar(BIN_MAX, x, 3, 1);
    CHECK(IS(r1, (3), 1, 0, -2));
    CHECK(IS(r2, (3), 1, 0.5f, 0.25f));
    CHECK(IS(r3, (3), 2, 4, 16));
    CHECK(IS(r4, (3), 1, 4, 16));
    CHECK(IS(r5, (3), -1, 0, 2));
    CHECK(IS(r6, (3), 0, 1, 1));
    CHECK(IS(r7, (3), 3, 3, 4));
    tensor_release(x); tensor_release(r1); tensor_release(r2); tensor_release(r3);
    tensor_release(r4); tensor_release(r5); tensor_release(r6); tensor_release(r7);
}

TEST(comparisons_are_not_recorded)
{
    int64_t s[1] = {3};
    tensor *a = gc_leaf(1, s, -1, 1), *b = gc_leaf(1, s, -1, 1);
    tensor *c = tensor_binary(BIN_GT, a, b), *d = tensor_binary_scalar(BIN_EQ, a, 0, 0);
    tensor *e = tensor_binary(BIN_ADD, a, b);
    CHECK(c && !c->requires_grad && !c->node);
    CHECK(d && !d->requires_grad && !d->node);
    CHECK(e && e->requires_grad && e->node && strcmp(e->node->op->name, "add") == 0);
    tensor_release(a); tensor_release(b); tensor_release(c); tensor_release(d); tensor_release(e);
}

/* ---- unary ---- */

TEST(every_unop_value)
{
    tensor *x = MK((4), -1, 0, 0.5f, 2);
    tensor *r[UN_COUNT];
    for (int op = 0; op < UN_COUNT; op++) r[op] = tensor_unary((unop)op, x);
    CHECK(IS(r[UN_NEG], (4), 1, 0, -0.5f, -2));
    CHECK(IS(r[UN_EXP], (4), 0.36787944f, 1, 1.6487213f, 7.3890561f));
    CHECK(IS(r[UN_ABS], (4), 1, 0, 0.5f, 2));
    CHECK(IS(r[UN_SIN], (4), -0.84147098f, 0, 0.47942554f, 0.90929743f));
    CHECK(IS(r[UN_COS], (4), 0.54030231f, 1, 0.87758256f, -0.41614684f));
    CHECK(IS(r[UN_TANH], (4), -0.76159416f, 0, 0.46211716f, 0.96402758f));
    CHECK(IS(r[UN_SIGMOID], (4), 0.26894142f, 0.5f, 0.62245933f, 0.88079708f));
    CHECK(IS(r[UN_RELU], (4), 0, 0, 0.5f, 2));
    CHECK(IS(r[UN_STEP], (4), 0, 0, 1, 1));
    CHECK(IS(r[UN_SQUARE], (4), 1, 0, 0.25f, 4));
    CHECK(IS(r[UN_SIGN], (4), -1, 0, 1, 1));
    CHECK(r[UN_LOG] && isnan(tensor_data(r[UN_LOG])[0]) && isinf(tensor_data(r[UN_LOG])[1]));
    CHECK_NEAR(tensor_data(r[UN_LOG])[3], 0.69314718, 1e-6);
    CHECK(r[UN_SQRT] && isnan(tensor_data(r[UN_SQRT])[0]));
    CHECK_NEAR(tensor_data(r[UN_SQRT])[3], 1.41421356, 1e-6);
    CHECK(strcmp(unop_name[UN_SIGMOID], "sigmoid") == 0);
    for (int op = 0; op < UN_COUNT; op++) tensor_release(r[op]);
    tensor_release(x);
}

TEST(sigmoid_saturates_without_nan)
{
    tensor *x = MK((3), -200, 0, 200);
    tensor *s = tensor_unary(UN_SIGMOID, x), *t = tensor_unary(UN_TANH, x);
    CHECK(IS(s, (3), 0, 0.5f, 1));
    CHECK(IS(t, (3), -1, 0, 1));
    tensor_release(x); tensor_release(s); tensor_release(t);
}

TEST(unary_on_transposed_view)
{
    tensor *a = MK((2, 3), -1, 2, -3, 4, -5, 6), *at = tview(a);
    tensor *r = tensor_unary(UN_RELU, at), *s = tensor_unary(UN_SQUARE, at);
    CHECK(IS(r, (3, 2), 0, 4, 2, 0, 0, 6));
    CHECK(IS(s, (3, 2), 1, 16, 4, 25, 9, 36));
    tensor_release(a); tensor_release(at); tensor_release(r); tensor_release(s);
}

TEST(leaky_relu_and_clamp_values)
{
    tensor *x = MK((5), -2, -0.5f, 0, 0.5f, 2);
    tensor *l = tensor_leaky_relu(x, 0.1f), *c = tensor_clamp(x, -1, 1), *d = tensor_clamp(x, -INFINITY, 0.25f);
    CHECK(IS(l, (5), -0.2f, -0.05f, 0, 0.5f, 2));
    CHECK(IS(c, (5), -1, -0.5f, 0, 0.5f, 1));
    CHECK(IS(d, (5), -2, -0.5f, 0, 0.25f, 0.25f));
    CHECK_ERR(tensor_clamp(x, 1, -1), "clamp: lower bound 1 is greater than upper bound -1");
    tensor_release(x); tensor_release(l); tensor_release(c); tensor_release(d);
}

/* ---- where, masked_select ---- */

TEST(where_broadcasts_mask_and_operands)
{
    /* np.where([[1],[0]], [[1,2,3],[4,5,6]], -1) */
    tensor *m = MK((2, 1), 1, 0), *a = MK((2, 3), 1, 2, 3, 4, 5, 6), *b = tensor_scalar(-1);
    tensor *w = tensor_where(m, a, b);
    CHECK(IS(w, (2, 3), 1, 2, 3, -1, -1, -1));
    tensor *m2 = MK((3), 0, 2, 0), *w2 = tensor_where(m2, a, b);   /* any non-zero selects */
    CHECK(IS(w2, (2, 3), -1, 2, -1, -1, 5, -1));
    tensor *bad = MK((2), 1, 0);
    CHECK_ERR(tensor_where(bad, a, b), "where: shapes [2] and [2,3] cannot be broadcast (dimension 2: 2 vs 3)");
    tensor_release(m); tensor_release(a); tensor_release(b); tensor_release(w);
    tensor_release(m2); tensor_release(w2); tensor_release(bad);
}

TEST(masked_select_is_numpy_boolean_indexing)
{
    /* a = np.array([[1,5],[7,2]]); a[a > 3] -> [5, 7] */
    tensor *a = MK((2, 2), 1, 5, 7, 2);
    tensor *m = tensor_binary_scalar(BIN_GT, a, 3, 0), *s = tensor_masked_select(a, m);
    CHECK(IS(s, (2), 5, 7));
    tensor *row = MK((2), 0, 1), *s2 = tensor_masked_select(a, row);   /* mask broadcast over rows */
    CHECK(IS(s2, (2), 5, 2));
    tensor *none = MK((2, 2), 0, 0, 0, 0), *s3 = tensor_masked_select(a, none);
    CHECK(s3 && s3->ndim == 1 && s3->numel == 0);
    tensor *bad = MK((3), 1, 0, 1);
    CHECK_ERR(tensor_masked_select(a, bad), "masked_select: mask of shape [3] cannot be broadcast to the tensor's shape [2,2]");
    tensor *big = MK((2, 2, 2), 1, 1, 1, 1, 1, 1, 1, 1);
    CHECK_ERR(tensor_masked_select(a, big), "masked_select: mask of shape [2,2,2] cannot be broadcast to the tensor's shape [2,2]");
    tensor_release(a); tensor_release(m); tensor_release(s); tensor_release(row); tensor_release(s2);
    tensor_release(none); tensor_release(s3); tensor_release(bad); tensor_release(big);
}

/* ---- axpy_ ---- */

TEST(axpy_same_shape_broadcast_and_strided)
{
    tensor *d = MK((2, 3), 1, 2, 3, 4, 5, 6), *s = MK((2, 3), 1, 1, 1, 2, 2, 2), *r = MK((3), 10, 20, 30);
    CHECK(tensor_axpy_(d, 2, s) == 0);
    CHECK(IS(d, (2, 3), 3, 4, 5, 8, 9, 10));
    CHECK(tensor_axpy_(d, -1, r) == 0);
    CHECK(IS(d, (2, 3), -7, -16, -25, -2, -11, -20));
    tensor *dt = tview(d);   /* [3,2] view: dst strided */
    tensor *c = MK((2), 100, 1000);
    CHECK(tensor_axpy_(dt, 1, c) == 0);
    CHECK(IS(d, (2, 3), 93, 84, 75, 998, 989, 980));
    CHECK(tensor_axpy_(d, 1, d) == 0);   /* overlapping: d += d */
    CHECK(IS(d, (2, 3), 186, 168, 150, 1996, 1978, 1960));
    tensor *sc = tensor_scalar(0.5f);
    CHECK(tensor_axpy_(d, 2, sc) == 0);
    CHECK(IS(d, (2, 3), 187, 169, 151, 1997, 1979, 1961));
    tensor *bad = MK((2), 1, 2);
    CHECK(tensor_axpy_(d, 1, bad) < 0);
    CHECK(strcmp(ln_error(), "axpy_: shapes [2,3] and [2] cannot be broadcast (dimension 2: 3 vs 2)") == 0);
    tensor *bigger = MK((2, 2, 3), 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
    CHECK(tensor_axpy_(d, 1, bigger) < 0);
    CHECK(strcmp(ln_error(), "axpy_: cannot broadcast [2,2,3] into [2,3]") == 0);
    tensor_release(d); tensor_release(s); tensor_release(r); tensor_release(dt); tensor_release(c);
    tensor_release(sc); tensor_release(bad); tensor_release(bigger);
}

/* ---- gradients ---- */

/* Leaves whose values stay at least `gap` away from 0, for ops with a kink there. */
static tensor *leaf_away_from_zero(int ndim, const int64_t *shape, double gap)
{
    tensor *t = gc_leaf(ndim, shape, -1, 1);
    float *d = tensor_data(t);
    for (int64_t k = 0; k < t->numel; k++) if (fabsf(d[k]) < gap) d[k] = d[k] < 0 ? d[k] - (float)gap : d[k] + (float)gap;
    return t;
}

static binop gc_binop;
static tensor *f_binary(tensor **in) { return tensor_binary(gc_binop, in[0], in[1]); }

static int check_binop(binop op, int an, const int64_t *as, int bn, const int64_t *bs, double lo, double hi)
{
    gc_binop = op;
    tensor *in[2] = {gc_leaf(an, as, lo, hi), gc_leaf(bn, bs, lo, hi)};
    if (op == BIN_MAX || op == BIN_MIN) {   /* keep a and b apart so differences do not cross a tie */
        for (int64_t k = 0; k < in[1]->numel; k++) tensor_data(in[1])[k] += (k % 2 ? 0.5f : -0.5f);
    }
    int ok = gradcheck(f_binary, 2, in, 1e-2);
    if (!ok) printf("  (op %s)\n", binop_name[op]);
    tensor_release(in[0]); tensor_release(in[1]);
    return ok;
}

TEST(gradcheck_binops_same_shape)
{
    int64_t s[2] = {2, 3};
    CHECK(check_binop(BIN_ADD, 2, s, 2, s, -1, 1));
    CHECK(check_binop(BIN_SUB, 2, s, 2, s, -1, 1));
    CHECK(check_binop(BIN_MUL, 2, s, 2, s, -1, 1));
    CHECK(check_binop(BIN_DIV, 2, s, 2, s, 0.5, 1.5));
    CHECK(check_binop(BIN_POW, 2, s, 2, s, 0.5, 1.5));
    CHECK(check_binop(BIN_MAX, 2, s, 2, s, -1, 1));
    CHECK(check_binop(BIN_MIN, 2, s, 2, s, -1, 1));
}

TEST(gradcheck_binops_broadcast_sum_back_to_operand_shapes)
{
    int64_t s23[2] = {2, 3}, s3[1] = {3}, s21[2] = {2, 1}, s13[2] = {1, 3};
    for (int op = BIN_ADD; op <= BIN_MIN; op++) {
        double lo = op == BIN_DIV || op == BIN_POW ? 0.5 : -1, hi = lo + 1.5;
        CHECK(check_binop((binop)op, 2, s23, 1, s3, lo, hi));    /* the bias case */
        CHECK(check_binop((binop)op, 1, s3, 2, s23, lo, hi));
        CHECK(check_binop((binop)op, 2, s21, 2, s13, lo, hi));   /* both broadcast */
        CHECK(check_binop((binop)op, 2, s23, 0, NULL, lo, hi));  /* with a 0-d tensor */
    }
}

TEST(binary_gradient_of_broadcast_is_summed)
{
    /* d/db sum(a + b) with a [2,3], b [3] is 2 per element of b */
    int64_t s23[2] = {2, 3}, s3[1] = {3};
    tensor *a = gc_leaf(2, s23, 0, 1), *b = gc_leaf(1, s3, 0, 1);
    tensor *c = tensor_binary(BIN_ADD, a, b);
    CHECK(c && ag_backward(c, NULL, 0) < 0);   /* not one element: needs a gradient */
    tensor *g = tensor_full(2, s23, 1);
    CHECK(ag_backward(c, g, 0) == 0);
    CHECK(b->grad && IS(b->grad, (3), 2, 2, 2));
    CHECK(a->grad && IS(a->grad, (2, 3), 1, 1, 1, 1, 1, 1));
    tensor_release(a); tensor_release(b); tensor_release(c); tensor_release(g);
}

TEST(pow_gradient_wrt_exponent_is_zero_for_non_positive_base)
{
    tensor *a = MK((3), -2, 0, 2), *b = MK((3), 2, 2, 2);
    b->requires_grad = 1;
    tensor *c = tensor_binary(BIN_POW, a, b), *g = MK((3), 1, 1, 1);
    CHECK(c && ag_backward(c, g, 0) == 0);
    CHECK(b->grad && IS(b->grad, (3), 0, 0, 4 * 0.69314718f));
    tensor_release(a); tensor_release(b); tensor_release(c); tensor_release(g);
}

static int gc_scalar_op, gc_scalar_first;
static float gc_scalar;
static tensor *f_scalar(tensor **in) { return tensor_binary_scalar((binop)gc_scalar_op, in[0], gc_scalar, gc_scalar_first); }

TEST(gradcheck_scalar_ops_both_orders)
{
    int64_t s[2] = {2, 3};
    for (int op = BIN_ADD; op <= BIN_MIN; op++)
        for (int first = 0; first < 2; first++) {
            gc_scalar_op = op; gc_scalar_first = first; gc_scalar = 0.7f;
            tensor *x = gc_leaf(2, s, 0.5, 1.5);
            if (op == BIN_MAX || op == BIN_MIN)   /* away from the tie at 0.7 */
                for (int k = 0; k < 6; k++) tensor_data(x)[k] = k % 2 ? 1.2f + 0.1f * k : 0.1f * k;
            int ok = gradcheck(f_scalar, 1, &x, 1e-2);
            if (!ok) printf("  (op %s, scalar_first %d)\n", binop_name[op], first);
            tensor_release(x);
            CHECK(ok);
        }
}

static int gc_unop;
static tensor *f_unary(tensor **in) { return tensor_unary((unop)gc_unop, in[0]); }

TEST(gradcheck_every_unop)
{
    int64_t s[2] = {3, 4};
    for (int op = 0; op < UN_COUNT; op++) {
        gc_unop = op;
        tensor *x = (op == UN_LOG || op == UN_SQRT) ? gc_leaf(2, s, 0.5, 2) : leaf_away_from_zero(2, s, 0.05);
        int ok = gradcheck(f_unary, 1, &x, 1e-2);
        if (!ok) printf("  (op %s)\n", unop_name[op]);
        tensor_release(x);
        CHECK(ok);
    }
}

TEST(unary_gradient_through_transposed_view_matches_copy)
{
    int64_t s[2] = {2, 3};
    tensor *base = leaf_away_from_zero(2, s, 0.05);
    base->requires_grad = 0;
    tensor *v = tview(base), *c = tensor_clone(v);
    v->requires_grad = 1; c->requires_grad = 1;
    tensor *yv = tensor_unary(UN_TANH, v), *yc = tensor_unary(UN_TANH, c);
    tensor *g = MK((3, 2), 1, 2, 3, 4, 5, 6);
    CHECK(ag_backward(yv, g, 0) == 0 && ag_backward(yc, g, 0) == 0);
    float want[6];
    tensor_copy_out(c->grad, want);
    CHECK(tensor_is(v->grad, 2, (int64_t[]){3, 2}, want, 1e-6));
    tensor_release(base); tensor_release(v); tensor_release(c); tensor_release(yv); tensor_release(yc); tensor_release(g);
}

TEST(step_has_a_zero_gradient_and_relu_is_zero_at_zero)
{
    tensor *x = MK((3), -1, 0, 1);
    x->requires_grad = 1;
    tensor *s = tensor_unary(UN_STEP, x), *g = MK((3), 1, 1, 1);
    CHECK(s && s->requires_grad && ag_backward(s, g, 0) == 0);
    CHECK(x->grad && IS(x->grad, (3), 0, 0, 0));   /* present, and zero: nothing to learn from */
    tensor_release(x->grad); x->grad = NULL;
    tensor *r = tensor_unary(UN_RELU, x);
    CHECK(r && ag_backward(r, g, 0) == 0);
    CHECK(x->grad && IS(x->grad, (3), 0, 0, 1));
    tensor_release(x); tensor_release(s); tensor_release(g); tensor_release(r);
}

static float gc_p0, gc_p1;
static tensor *f_leaky(tensor **in) { return tensor_leaky_relu(in[0], gc_p0); }
static tensor *f_clamp(tensor **in) { return tensor_clamp(in[0], gc_p0, gc_p1); }

TEST(gradcheck_leaky_relu_and_clamp)
{
    int64_t s[1] = {8};
    tensor *x = leaf_away_from_zero(1, s, 0.05);
    gc_p0 = 0.2f;
    CHECK(gradcheck(f_leaky, 1, &x, 1e-2));
    float v[8] = {-2, -0.8f, -0.3f, 0.2f, 0.45f, 0.7f, 1.3f, 3};   /* inside and outside [-0.5, 0.6] */
    memcpy(tensor_data(x), v, sizeof v);
    gc_p0 = -0.5f; gc_p1 = 0.6f;
    CHECK(gradcheck(f_clamp, 1, &x, 1e-2));
    tensor *y = tensor_clamp(x, -0.5f, 0.6f), *g = tensor_full(1, s, 1);
    CHECK(ag_backward(y, g, 0) == 0);
    CHECK(IS(x->grad, (8), 0, 0, 1, 1, 1, 0, 0, 0));
    tensor_release(x); tensor_release(y); tensor_release(g);
}

static tensor *gc_mask;
static tensor *f_where(tensor **in) { return tensor_where(gc_mask, in[0], in[1]); }
static tensor *f_masked(tensor **in) { return tensor_masked_select(in[0], gc_mask); }

TEST(gradcheck_where_with_broadcasting)
{
    int64_t s23[2] = {2, 3}, s3[1] = {3};
    gc_mask = MK((2, 3), 1, 0, 0, 1, 1, 0);
    tensor *in[2] = {gc_leaf(2, s23, -1, 1), gc_leaf(1, s3, -1, 1)};
    CHECK(gradcheck(f_where, 2, in, 1e-2));
    tensor *w = tensor_where(gc_mask, in[0], in[1]), *g = tensor_full(2, s23, 1);
    CHECK(ag_backward(w, g, 0) == 0);
    CHECK(IS(in[0]->grad, (2, 3), 1, 0, 0, 1, 1, 0));
    CHECK(IS(in[1]->grad, (3), 0, 1, 2));   /* b is picked where the mask is 0 */
    tensor_release(in[0]); tensor_release(in[1]); tensor_release(gc_mask); tensor_release(w); tensor_release(g);
}

TEST(gradcheck_masked_select_scatters_back)
{
    int64_t s[2] = {2, 3};
    gc_mask = MK((3), 1, 0, 1);
    tensor *x = gc_leaf(2, s, -1, 1);
    CHECK(gradcheck(f_masked, 1, &x, 1e-2));
    tensor *y = tensor_masked_select(x, gc_mask), *g = MK((4), 1, 2, 3, 4);
    CHECK(y && ag_backward(y, g, 0) == 0);
    CHECK(IS(x->grad, (2, 3), 1, 0, 2, 3, 0, 4));
    tensor_release(x); tensor_release(gc_mask); tensor_release(y); tensor_release(g);
}

TEST(chained_ops_accumulate_into_a_reused_input)
{
    /* y = x*x + 3x  ->  dy/dx = 2x + 3 */
    tensor *x = MK((3), 1, 2, -1);
    x->requires_grad = 1;
    tensor *xx = tensor_binary(BIN_MUL, x, x), *x3 = tensor_binary_scalar(BIN_MUL, x, 3, 1);
    tensor *y = tensor_binary(BIN_ADD, xx, x3), *g = MK((3), 1, 1, 1);
    CHECK(y && ag_backward(y, g, 0) == 0);
    CHECK(IS(x->grad, (3), 5, 7, 1));
    tensor_release(x); tensor_release(xx); tensor_release(x3); tensor_release(y); tensor_release(g);
}

/* exp, tanh and sigmoid use polynomial kernels that vectorize; hold them to libm's accuracy */
TEST(exp_tanh_sigmoid_match_double_precision_within_a_few_ulp)
{
    tensor *x = tensor_linspace(-110, 95, 400001);
    tensor *e = tensor_unary(UN_EXP, x), *t = tensor_unary(UN_TANH, x), *s = tensor_unary(UN_SIGMOID, x);
    CHECK(e && t && s);
    const float *xv = tensor_data(x), *ev = tensor_data(e), *tv = tensor_data(t), *sv = tensor_data(s);
    double worst_e = 0, worst_t = 0, worst_s = 0;
    for (int64_t k = 0; k < x->numel; k++) {
        double xd = xv[k], re = exp(xd), rt = tanh(xd), rs = 1.0 / (1.0 + exp(-xd));
        if (!isinf((float)re)) {   /* ulp-relative error; absolute in the subnormal range */
            double de = fabs(ev[k] - re) / fmax(re * 0x1p-23, 0x1p-149);
            if (de > worst_e) worst_e = de;
        } else CHECK(isinf(ev[k]));
        double dt = fabs(tv[k] - rt) / fmax(fabs(rt) * 0x1p-23, 0x1p-149);
        double ds = fabs(sv[k] - rs) / fmax(rs * 0x1p-23, 0x1p-149);
        if (dt > worst_t) worst_t = dt;
        if (ds > worst_s) worst_s = ds;
    }
    if (worst_e > 2.0 || worst_t > 2.0 || worst_s > 2.0) printf("  worst ulp: exp %.2f tanh %.2f sigmoid %.2f\n", worst_e, worst_t, worst_s);
    CHECK(worst_e <= 2.0 && worst_t <= 2.0 && worst_s <= 2.0);
    tensor *sp = MK((7), INFINITY, -INFINITY, NAN, 88.7f, -103.0f, 1e-6f, -1e-30f);
    tensor *se = tensor_unary(UN_EXP, sp), *st = tensor_unary(UN_TANH, sp);
    const float *a = tensor_data(se), *b = tensor_data(st);
    CHECK(isinf(a[0]) && a[1] == 0.0f && isnan(a[2]) && isfinite(a[3]) && a[4] > 0.0f && a[4] < 1e-44f);
    CHECK(b[0] == 1.0f && b[1] == -1.0f && isnan(b[2]) && b[3] == 1.0f && b[4] == -1.0f);
    CHECK(b[5] == 1e-6f && b[6] == -1e-30f);
    tensor_release(x); tensor_release(e); tensor_release(t); tensor_release(s);
    tensor_release(sp); tensor_release(se); tensor_release(st);
}
