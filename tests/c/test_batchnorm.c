/* test_batchnorm.c — the fused batch-norm op: training values and the moving statistics against
 * numpy (Keras' formulas: biased batch variance, moving = moving * momentum + batch * (1 - momentum)),
 * evaluation with the moving statistics, images normalized per channel, gradient checks in both
 * modes, error texts; the BatchNorm layer's parameters, buffers and train/eval behaviour. */
#include "gradcheck.h"
#include "nn.h"

static tensor *vec(int64_t n, const float *v) { return tensor_from_data(1, &n, v); }

/* x [4,3] = ((k*37) % 101) / 25 - 2, the input the numpy references were computed from */
static tensor *bn_input(void)
{
    int64_t xs[2] = {4, 3};
    tensor *x = tensor_empty(2, xs);
    for (int64_t k = 0; k < 12; k++) tensor_data(x)[k] = (float)((double)((k * 37) % 101) / 25.0 - 2.0);
    return x;
}

TEST(batch_norm_training_matches_numpy_and_updates_the_moving_statistics)
{
    static const float want[] = {-1.907449f, 0.869150f, 0.272811f, -0.569150f, 0.423050f, 0.831650f,
                                 0.769150f, -0.023050f, 1.390490f, 2.107449f, -0.469150f, -3.694951f};
    static const float gv[] = {1.5f, -0.5f, 2.0f}, bv[] = {0.1f, 0.2f, -0.3f}, zero[] = {0, 0, 0}, one[] = {1, 1, 1};
    tensor *x = bn_input(), *g = vec(3, gv), *b = vec(3, bv), *mm = vec(3, zero), *mv = vec(3, one);
    tensor *y = tensor_batch_norm(x, g, b, mm, mv, 1, 0.99f, 1e-3f);
    CHECK(y && y->ndim == 2 && y->shape[0] == 4 && y->shape[1] == 3);
    for (int k = 0; k < 12; k++) CHECK_NEAR(tensor_data(y)[k], want[k], 1e-5);
    /* batch mean {-1.4, 0.08, 0.55}, variance {0.2, 0.2, 2.0483} */
    CHECK_NEAR(tensor_data(mm)[0], -0.014, 1e-6);
    CHECK_NEAR(tensor_data(mm)[1], 0.0008, 1e-6);
    CHECK_NEAR(tensor_data(mm)[2], 0.0055, 1e-6);
    CHECK_NEAR(tensor_data(mv)[0], 0.992, 1e-6);
    CHECK_NEAR(tensor_data(mv)[2], 1.010483, 1e-6);
    tensor_release(y);
    /* evaluation: the moving statistics, and they stay as they are */
    static const float ev[] = {-2.889482f, 0.461316f, 1.598133f, -2.287370f, 0.260613f, 2.393579f,
                               -1.685259f, 0.059909f, 3.189025f, -1.083148f, -0.140795f, -4.049534f};
    y = tensor_batch_norm(x, g, b, mm, mv, 0, 0.99f, 1e-3f);
    CHECK(y);
    for (int k = 0; k < 12; k++) CHECK_NEAR(tensor_data(y)[k], ev[k], 1e-5);
    CHECK_NEAR(tensor_data(mm)[0], -0.014, 1e-6);
    CHECK_NEAR(tensor_data(mv)[0], 0.992, 1e-6);
    tensor_release(y);
    tensor_release(x); tensor_release(g); tensor_release(b); tensor_release(mm); tensor_release(mv);
}

TEST(batch_norm_normalizes_images_per_channel)
{
    /* [N,H,W,C] = [3,4,5,2]: every channel gets mean 0 and variance var/(var+eps) over N*H*W */
    int64_t xs[4] = {3, 4, 5, 2};
    tensor *x = tensor_randn(4, xs);
    for (int64_t k = 0; k < x->numel; k++) tensor_data(x)[k] = tensor_data(x)[k] * (k % 2 ? 3.0f : 0.5f) + (k % 2 ? -2.0f : 7.0f);
    static const float zero[] = {0, 0}, one[] = {1, 1};
    tensor *mm = vec(2, zero), *mv = vec(2, one);
    tensor *y = tensor_batch_norm(x, NULL, NULL, mm, mv, 1, 0.0f, 1e-3f);
    CHECK(y);
    for (int c = 0; c < 2; c++) {
        double s = 0, ss = 0;
        for (int64_t r = 0; r < 60; r++) s += tensor_data(y)[r * 2 + c];
        for (int64_t r = 0; r < 60; r++) ss += pow(tensor_data(y)[r * 2 + c] - s / 60, 2);
        CHECK_NEAR(s / 60, 0.0, 1e-5);
        double var = tensor_data(mv)[c];   /* momentum 0: the batch variance itself */
        CHECK_NEAR(ss / 60, var / (var + 1e-3), 1e-4);
    }
    CHECK_NEAR(tensor_data(mm)[0], 7.0, 0.5);
    CHECK_NEAR(tensor_data(mm)[1], -2.0, 1.5);
    tensor_release(y); tensor_release(x); tensor_release(mm); tensor_release(mv);
}

static int bn_training;
static tensor *bn_mm, *bn_mv;
static tensor *bn_f(tensor **in) { return tensor_batch_norm(in[0], in[1], in[2], bn_mm, bn_mv, bn_training, 0.9f, 1e-3f); }

TEST(batch_norm_gradcheck_training_and_evaluation)
{
    int64_t xs[3] = {5, 2, 3}, cs[1] = {3};
    static const float mmv[] = {0.3f, -0.2f, 0.1f}, mvv[] = {0.5f, 2.0f, 1.2f};
    bn_mm = vec(3, mmv); bn_mv = vec(3, mvv);
    for (bn_training = 1; bn_training >= 0; bn_training--) {
        tensor *in[3] = {gc_leaf(3, xs, -2, 2), gc_leaf(1, cs, 0.5, 1.5), gc_leaf(1, cs, -1, 1)};
        int ok = gradcheck(bn_f, 3, in, 2e-2);
        for (int k = 0; k < 3; k++) tensor_release(in[k]);
        if (!ok) printf("  training = %d\n", bn_training);
        CHECK(ok);
    }
    tensor_release(bn_mm); tensor_release(bn_mv);
}

TEST(batch_norm_errors)
{
    static const float two[] = {1, 1};
    tensor *x = bn_input(), *g = vec(2, two), *empty = tensor_zeros(2, (int64_t[]){0, 3});
    static const float zero[] = {0, 0, 0}, one[] = {1, 1, 1};
    tensor *mm = vec(3, zero), *mv = vec(3, one);
    CHECK_ERR(tensor_batch_norm(x, g, NULL, mm, mv, 1, 0.99f, 1e-3f),
              "batch_norm: gamma [2] does not match the 3 channels of the input [4,3]");
    CHECK_ERR(tensor_batch_norm(x, NULL, NULL, mm, mv, 1, 1.5f, 1e-3f), "momentum in [0, 1]");
    CHECK_ERR(tensor_batch_norm(empty, NULL, NULL, mm, mv, 1, 0.99f, 1e-3f), "empty batch [0,3]");
    tensor *y = tensor_batch_norm(empty, NULL, NULL, mm, mv, 0, 0.99f, 1e-3f);
    CHECK(y && y->numel == 0);
    tensor_release(y);
    tensor_release(x); tensor_release(g); tensor_release(empty); tensor_release(mm); tensor_release(mv);
}

/* ---- the BatchNorm layer ---- */

TEST(batchnorm_layer_state_train_and_eval)
{
    layer *l = layer_new(&layer_batchnorm, NULL);
    char buf[128];
    layer_describe(l, buf, sizeof buf);
    CHECK(strcmp(buf, "BatchNorm(?)") == 0);
    int64_t in[3] = {4, 4, 8};
    CHECK(layer_build(l, 3, in) == 0);
    layer_describe(l, buf, sizeof buf);
    CHECK(strcmp(buf, "BatchNorm(8)") == 0);
    /* Keras: gamma, beta trainable; moving_mean, moving_variance not; 4*8 numbers in all */
    int64_t nt;
    CHECK(layer_count_params(l, &nt) == 16 && nt == 16);
    CHECK(strcmp(l->param_names[0], "gamma") == 0 && strcmp(l->param_names[1], "beta") == 0);
    CHECK(strcmp(l->buffer_names[0], "moving_mean") == 0 && strcmp(l->buffer_names[1], "moving_variance") == 0);
    CHECK(tensor_data(l->params[0])[3] == 1.0f && tensor_data(l->params[1])[3] == 0.0f);
    CHECK(tensor_data(l->buffers[0])[3] == 0.0f && tensor_data(l->buffers[1])[3] == 1.0f);
    layer_count_formula(l, buf, sizeof buf);
    CHECK(strcmp(buf, "8 + 8 + 8 + 8") == 0);
    int64_t xs[4] = {6, 4, 4, 8};
    tensor *x = tensor_randn(4, xs);
    for (int64_t k = 0; k < x->numel; k++) tensor_data(x)[k] = tensor_data(x)[k] * 2 + 5;
    /* evaluation at the start: the moving statistics are 0 and 1, so y = x / sqrt(1 + eps) */
    tensor *y = layer_forward(l, x, 0);
    CHECK_NEAR(tensor_data(y)[7], tensor_data(x)[7] / sqrt(1.001), 1e-5);
    CHECK(tensor_data(l->buffers[0])[0] == 0.0f);
    tensor_release(y);
    /* training: normalized by the batch, and the moving mean moves 1% of the way to it */
    y = layer_forward(l, x, 1);
    double s = 0;
    for (int64_t r = 0; r < 96; r++) s += tensor_data(y)[r * 8 + 2];
    CHECK_NEAR(s / 96, 0.0, 1e-5);
    double mean = 0;
    for (int64_t r = 0; r < 96; r++) mean += tensor_data(x)[r * 8 + 2];
    CHECK_NEAR(tensor_data(l->buffers[0])[2], 0.01 * mean / 96, 1e-5);
    tensor_release(y);
    /* the layer's own mode decides when the call does not */
    layer_set_training(l, 0);
    y = layer_forward(l, x, -1);
    CHECK(fabs(tensor_data(y)[2]) > 2);   /* moving mean ~0.05: far from normalized */
    tensor_release(y);
    tensor_release(x);
    layer_release(l);
    layer_config c;
    layer_config_defaults(&c);
    c.momentum = 2;
    CHECK_ERR(layer_new(&layer_batchnorm, &c), "BatchNorm: momentum must be in [0, 1], got 2");
    c.momentum = 0.9f;
    l = layer_new(&layer_batchnorm, &c);
    layer_describe(l, buf, sizeof buf);
    CHECK(strcmp(buf, "BatchNorm(?, momentum=0.9)") == 0);
    layer_release(l);
}
