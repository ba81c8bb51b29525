/* test_losses.c — the losses against values computed independently (PyTorch, numpy with Keras'
 * formulas, float64), their gradients by finite differences, the fused softmax/sigmoid paths,
 * and the error texts. */
#include "gradcheck.h"
#include "losses.h"

static tensor *mk(int ndim, const int64_t *shape, const float *v, int grad)
{
    tensor *t = tensor_from_data(ndim, shape, v);
    t->requires_grad = grad != 0;
    return t;
}

static int grad_is(const tensor *t, const double *want, int n, double tol)
{
    if (!t->grad || t->grad->numel != n) return 0;
    for (int k = 0; k < n; k++)
        if (fabs(tensor_data(t->grad)[k] - want[k]) > tol) {
            printf("  grad[%d] = %.9g, expected %.9g\n", k, tensor_data(t->grad)[k], want[k]);
            return 0;
        }
    return 1;
}

TEST(loss_mse_value_and_gradient)
{
    int64_t s[2] = {2, 2};
    tensor *p = mk(2, s, (float[]){0.5f, 1, 2, -1}, 1), *t = mk(2, s, (float[]){1, 1, 0, 0}, 0);
    tensor *l = loss_mse(p, t);
    CHECK(l && l->ndim == 0);
    CHECK_NEAR(tensor_item(l), 1.3125, 1e-6);
    CHECK(ag_backward(l, NULL, 0) == 0);
    CHECK(grad_is(p, (double[]){-0.25, 0, 1, -0.5}, 4, 1e-6));
    tensor_release(l); tensor_release(p); tensor_release(t);
}

TEST(loss_mse_accepts_n_by_1_against_n)
{
    int64_t s2[2] = {3, 1}, s1[1] = {3};
    tensor *p = mk(2, s2, (float[]){1, 2, 3}, 0), *t = mk(1, s1, (float[]){1, 1, 1}, 0);
    tensor *l = loss_mse(p, t);
    CHECK(l);
    CHECK_NEAR(tensor_item(l), 5.0 / 3, 1e-6);   /* not the [3,3] broadcast numpy would make */
    tensor_release(l); tensor_release(p); tensor_release(t);
}

TEST(loss_mse_shape_errors)
{
    int64_t s2[2] = {4, 10}, s1[1] = {4}, s3[2] = {4, 2};
    tensor *p = tensor_zeros(2, s2), *t = tensor_zeros(1, s1), *u = tensor_zeros(2, s3);
    CHECK_ERR(loss_mse(p, t), "mse: prediction [4,10] and target [4] have different shapes — class labels for 10 "
                              "outputs must be one-hot encoded first: data.one_hot(y, 10)");
    CHECK_ERR(loss_binary_crossentropy(u, p, 0), "binary_crossentropy: prediction [4,2] and target [4,10] have different shapes");
    tensor_release(p); tensor_release(t); tensor_release(u);
}

TEST(loss_bce_clips_probabilities_like_keras)
{
    int64_t s[1] = {5};
    tensor *p = mk(1, s, (float[]){0.9f, 0.2f, 0.6f, 1.0f, 0.0f}, 0), *y = mk(1, s, (float[]){1, 0, 1, 1, 1}, 0);
    tensor *l = loss_binary_crossentropy(p, y, 0);
    CHECK(l);
    CHECK_NEAR(tensor_item(l), 3.3914850883392704, 1e-5);   /* finite: log(0) was clipped to log(1e-7) */
    tensor_release(l); tensor_release(p); tensor_release(y);
}

TEST(loss_bce_gradient_from_probabilities)
{
    int64_t s[1] = {3};
    tensor *p = mk(1, s, (float[]){0.9f, 0.2f, 0.6f}, 1), *y = mk(1, s, (float[]){1, 0, 1}, 0);
    tensor *l = loss_binary_crossentropy(p, y, 0);
    CHECK(l);
    CHECK_NEAR(tensor_item(l), 0.2797765635793423, 1e-6);
    CHECK(ag_backward(l, NULL, 0) == 0);
    CHECK(grad_is(p, (double[]){-0.3703703703703704, 0.4166666666666666, -0.5555555555555556}, 3, 1e-5));
    tensor_release(l); tensor_release(p); tensor_release(y);
}

TEST(loss_bce_from_logits)
{
    int64_t s[1] = {4};
    tensor *z = mk(1, s, (float[]){2, -1, 0.5f, -3}, 1), *y = mk(1, s, (float[]){1, 0, 0, 1}, 0);
    tensor *l = loss_binary_crossentropy(z, y, 1);
    CHECK(l);
    CHECK_NEAR(tensor_item(l), 1.115713508578761, 1e-6);
    CHECK(ag_backward(l, NULL, 0) == 0);
    CHECK(grad_is(z, (double[]){-0.02980073050552942, 0.06723535534249878, 0.15561483280046365, -0.2381435317056083}, 4, 1e-6));
    tensor_release(l); tensor_release(z); tensor_release(y);
}

TEST(loss_bce_fuses_with_sigmoid)
{
    int64_t s[1] = {4};
    tensor *z = mk(1, s, (float[]){2, -1, 0.5f, -3}, 1), *y = mk(1, s, (float[]){1, 0, 0, 1}, 0);
    tensor *p = tensor_unary(UN_SIGMOID, z);
    tensor *l = loss_binary_crossentropy(p, y, 0);
    CHECK(l && l->node && l->node->inputs[0] == z);   /* the backward goes straight to the logits */
    CHECK_NEAR(tensor_item(l), 1.115713508578761, 1e-6);
    CHECK(ag_backward(l, NULL, 0) == 0);
    CHECK(grad_is(z, (double[]){-0.02980073050552942, 0.06723535534249878, 0.15561483280046365, -0.2381435317056083}, 4, 1e-6));
    tensor_release(l); tensor_release(p); tensor_release(z); tensor_release(y);
}

TEST(loss_bce_fused_is_stable_where_probabilities_saturate)
{
    int64_t s[1] = {1};
    tensor *z = mk(1, s, (float[]){-100}, 1), *y = mk(1, s, (float[]){1}, 0);
    tensor *p = tensor_unary(UN_SIGMOID, z);
    tensor *l = loss_binary_crossentropy(p, y, 0);
    CHECK(l);
    CHECK_NEAR(tensor_item(l), 100.0, 1e-5);         /* sigmoid(-100) is 0 in float32; the logits keep it */
    CHECK(ag_backward(l, NULL, 0) == 0);
    CHECK(grad_is(z, (double[]){-1.0}, 1, 1e-6));    /* still learning, not a zero gradient */
    tensor_release(l); tensor_release(p); tensor_release(z); tensor_release(y);
}

static const double ce_value = 0.4076059644443804;
static const double ce_grad[6] = {0.04501528658519022, 0.12236423552739882, -0.1673795221125891,
                                  -0.1673795221125891, 0.04501528658519022, 0.12236423552739882};

TEST(loss_cce_fuses_with_softmax)
{
    int64_t s[2] = {2, 3};
    tensor *z = mk(2, s, (float[]){1, 2, 3, 1, -1, 0}, 1), *y = mk(2, s, (float[]){0, 0, 1, 1, 0, 0}, 0);
    tensor *p = tensor_softmax(z, 1);
    tensor *l = loss_categorical_crossentropy(p, y, 0);
    CHECK(l && l->node && l->node->inputs[0] == z);
    CHECK_NEAR(tensor_item(l), ce_value, 1e-6);
    CHECK(ag_backward(l, NULL, 0) == 0);
    CHECK(grad_is(z, ce_grad, 6, 1e-6));
    tensor_release(l); tensor_release(p); tensor_release(z); tensor_release(y);
}

TEST(loss_sparse_cce_fuses_with_softmax)
{
    int64_t s[2] = {2, 3}, ls[1] = {2};
    tensor *z = mk(2, s, (float[]){1, 2, 3, 1, -1, 0}, 1), *lab = mk(1, ls, (float[]){2, 0}, 0);
    tensor *p = tensor_softmax(z, 1);
    tensor *l = loss_sparse_categorical_crossentropy(p, lab, 0);
    CHECK(l && l->node && l->node->inputs[0] == z);
    CHECK_NEAR(tensor_item(l), ce_value, 1e-6);
    CHECK(ag_backward(l, NULL, 0) == 0);
    CHECK(grad_is(z, ce_grad, 6, 1e-6));
    tensor_release(l); tensor_release(p); tensor_release(z); tensor_release(lab);
}

TEST(loss_sparse_cce_accepts_n_by_1_labels_and_logits)
{
    int64_t s[2] = {2, 3}, ls[2] = {2, 1};
    tensor *z = mk(2, s, (float[]){1, 2, 3, 1, -1, 0}, 1), *lab = mk(2, ls, (float[]){2, 0}, 0);
    tensor *l = loss_sparse_categorical_crossentropy(z, lab, 1);
    CHECK(l);
    CHECK_NEAR(tensor_item(l), ce_value, 1e-6);
    CHECK(ag_backward(l, NULL, 0) == 0);
    CHECK(grad_is(z, ce_grad, 6, 1e-6));
    tensor_release(l); tensor_release(z); tensor_release(lab);
}

TEST(loss_cce_is_stable_for_huge_logits)
{
    int64_t s[2] = {1, 3}, ls[1] = {1};
    tensor *z = mk(2, s, (float[]){1000, 0, -1000}, 1), *lab = mk(1, ls, (float[]){1}, 0);
    tensor *p = tensor_softmax(z, 1);
    tensor *l = loss_sparse_categorical_crossentropy(p, lab, 0);
    CHECK(l);
    CHECK_NEAR(tensor_item(l), 1000.0, 1e-6);
    tensor_release(l); tensor_release(p); tensor_release(z); tensor_release(lab);
}

TEST(loss_cce_from_probabilities)
{
    int64_t s[2] = {2, 3};
    tensor *p = mk(2, s, (float[]){0.7f, 0.2f, 0.1f, 0.1f, 0.3f, 0.6f}, 0), *y = mk(2, s, (float[]){1, 0, 0, 0, 0, 1}, 0);
    tensor *l = loss_categorical_crossentropy(p, y, 0);
    CHECK(l);
    CHECK_NEAR(tensor_item(l), 0.4337502838523616, 1e-6);
    tensor_release(l); tensor_release(p); tensor_release(y);
}

TEST(loss_cce_renormalises_probabilities_like_keras)
{
    int64_t s[2] = {1, 3};
    tensor *p = mk(2, s, (float[]){2, 1, 1}, 0), *y = mk(2, s, (float[]){1, 0, 0}, 0);
    tensor *l = loss_categorical_crossentropy(p, y, 0);
    CHECK(l);
    CHECK_NEAR(tensor_item(l), log(2.0), 1e-6);
    tensor_release(l); tensor_release(p); tensor_release(y);
}

TEST(loss_cce_label_errors)
{
    int64_t s[2] = {32, 10}, ls[1] = {32}, bad[2] = {32, 5};
    tensor *p = tensor_full(2, s, 0.1f), *lab = tensor_zeros(1, ls), *oh = tensor_zeros(2, s), *y5 = tensor_zeros(2, bad);
    CHECK_ERR(loss_categorical_crossentropy(p, lab, 0),
              "categorical_crossentropy: target [32] looks like integer labels; use sparse_categorical_crossentropy "
              "or data.one_hot(y, 10)");
    CHECK_ERR(loss_categorical_crossentropy(p, y5, 0),
              "categorical_crossentropy: prediction [32,10] and target [32,5] have different shapes — one-hot targets need 10 columns");
    CHECK_ERR(loss_sparse_categorical_crossentropy(p, oh, 0),
              "sparse_categorical_crossentropy: target [32,10] looks like one-hot rows; use categorical_crossentropy");
    tensor_data(lab)[4] = 10;
    CHECK_ERR(loss_sparse_categorical_crossentropy(p, lab, 0),
              "sparse_categorical_crossentropy: label 10 in row 5 is out of range for 10 classes (labels are 0-based: 0..9)");
    tensor_data(lab)[4] = -1;
    CHECK_ERR(loss_sparse_categorical_crossentropy(p, lab, 0), "label -1 in row 5 is out of range");
    tensor_data(lab)[4] = 2.5f;
    CHECK_ERR(loss_sparse_categorical_crossentropy(p, lab, 0), "label 2.5 in row 5 is not a whole number");
    int64_t l7[1] = {7};
    tensor *short_lab = tensor_zeros(1, l7);
    CHECK_ERR(loss_sparse_categorical_crossentropy(p, short_lab, 0),
              "sparse_categorical_crossentropy: expected integer labels of shape [32] for prediction [32,10], got [7]");
    tensor_release(p); tensor_release(lab); tensor_release(oh); tensor_release(y5); tensor_release(short_lab);
}

TEST(loss_names)
{
    CHECK(loss_from_name("mse") == LOSS_MSE);
    CHECK(loss_from_name("mean_squared_error") == LOSS_MSE);
    CHECK(loss_from_name("sparse_categorical_crossentropy") == LOSS_SPARSE_CATEGORICAL_CROSSENTROPY);
    CHECK(loss_from_name("cross_entropy") < 0);
    CHECK(strstr(ln_error(), "unknown loss 'cross_entropy' (valid: mse, binary_crossentropy"));
}

/* ---- gradient checks on random shapes ---- */

static tensor *gc_labels;
static tensor *f_mse(tensor **in) { return loss_mse(in[0], in[1]); }
static tensor *f_bce(tensor **in) { return loss_binary_crossentropy(in[0], in[1], 0); }
static tensor *f_bce_logits(tensor **in) { return loss_binary_crossentropy(in[0], in[1], 1); }
static tensor *f_bce_sigmoid(tensor **in)
{
    tensor *p = tensor_unary(UN_SIGMOID, in[0]);
    tensor *l = loss_binary_crossentropy(p, in[1], 0);
    tensor_release(p);
    return l;
}
static tensor *f_cce(tensor **in) { return loss_categorical_crossentropy(in[0], in[1], 0); }
static tensor *f_cce_logits(tensor **in) { return loss_categorical_crossentropy(in[0], in[1], 1); }
static tensor *f_cce_softmax(tensor **in)
{
    tensor *p = tensor_softmax(in[0], in[0]->ndim - 1);
    tensor *l = loss_categorical_crossentropy(p, in[1], 0);
    tensor_release(p);
    return l;
}
static tensor *f_scce(tensor **in) { return loss_sparse_categorical_crossentropy(in[0], gc_labels, 0); }
static tensor *f_scce_softmax(tensor **in)
{
    tensor *p = tensor_softmax(in[0], in[0]->ndim - 1);
    tensor *l = loss_sparse_categorical_crossentropy(p, gc_labels, 0);
    tensor_release(p);
    return l;
}
static tensor *f_scce_logits(tensor **in) { return loss_sparse_categorical_crossentropy(in[0], gc_labels, 1); }

/* A random one-hot (or soft, when soft) target of the given shape, rows summing to 1. */
static tensor *rand_targets(int ndim, const int64_t *shape, int soft, int grad)
{
    tensor *t = tensor_zeros(ndim, shape);
    int64_t k = shape[ndim - 1], rows = t->numel / k;
    float *d = tensor_data(t);
    for (int64_t r = 0; r < rows; r++) {
        if (soft) {
            double s = 0;
            for (int64_t j = 0; j < k; j++) s += d[r * k + j] = (float)(0.1 + rng_uniform());
            for (int64_t j = 0; j < k; j++) d[r * k + j] = (float)(d[r * k + j] / s);
        } else {
            d[r * k + rng_below(k)] = 1;
        }
    }
    t->requires_grad = grad != 0;
    return t;
}

TEST(loss_gradcheck_elementwise_losses)
{
    for (int trial = 0; trial < 3; trial++) {
        int64_t s[2] = {1 + rng_below(5), 1 + rng_below(4)};
        tensor *in[2] = {gc_leaf(2, s, 0.1, 0.9), gc_leaf(2, s, 0, 1)};
        CHECK(gradcheck(f_mse, 2, in, 1e-2));
        CHECK(gradcheck(f_bce, 2, in, 1e-2));
        CHECK(gradcheck(f_bce_logits, 2, in, 1e-2));
        CHECK(gradcheck(f_bce_sigmoid, 2, in, 1e-2));
        tensor_release(in[0]); tensor_release(in[1]);
    }
}

TEST(loss_gradcheck_categorical)
{
    for (int trial = 0; trial < 3; trial++) {
        int64_t s3[3] = {1 + rng_below(4), 1 + rng_below(3), 2 + rng_below(4)};
        int ndim = trial == 2 ? 3 : 2;
        const int64_t *s = ndim == 3 ? s3 : s3 + 1;
        tensor *in[2] = {gc_leaf(ndim, s, 0.2, 1.0), rand_targets(ndim, s, trial == 1, 1)};
        CHECK(gradcheck(f_cce, 2, in, 1e-2));
        CHECK(gradcheck(f_cce_logits, 2, in, 1e-2));
        CHECK(gradcheck(f_cce_softmax, 2, in, 1e-2));
        tensor_release(in[0]); tensor_release(in[1]);
    }
}

TEST(loss_gradcheck_sparse)
{
    for (int trial = 0; trial < 3; trial++) {
        int64_t s[2] = {1 + rng_below(5), 2 + rng_below(4)};
        gc_labels = tensor_zeros(1, s);
        for (int64_t r = 0; r < s[0]; r++) tensor_data(gc_labels)[r] = (float)rng_below(s[1]);
        tensor *in[1] = {gc_leaf(2, s, 0.2, 1.0)};
        CHECK(gradcheck(f_scce, 1, in, 1e-2));
        CHECK(gradcheck(f_scce_softmax, 1, in, 1e-2));
        CHECK(gradcheck(f_scce_logits, 1, in, 1e-2));
        tensor_release(in[0]);
        tensor_release(gc_labels);
        gc_labels = NULL;
    }

}
