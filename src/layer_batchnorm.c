/* layer_batchnorm.c — BatchNorm: Keras' BatchNormalization over the last axis (the features of
 * [N, F], the channels of [N, H, W, C]). Parameters gamma (ones) and beta (zeros), buffers
 * moving_mean (zeros) and moving_variance (ones), all [C]. In training mode (the default, and
 * during fit) it normalizes with the batch's statistics and updates the moving ones with
 * cfg.momentum (0.99); in evaluation mode (model:eval(), evaluate, predict) it uses the moving
 * ones. cfg.epsilon (1e-3) keeps the division finite. The work is tensor_batch_norm (batchnorm.c).
 * Uses nn.h. */
#include "nn.h"

#include <stdio.h>

static int bn_setup(layer *l)
{
    const layer_config *c = &l->cfg;
    if (!(c->momentum >= 0 && c->momentum <= 1)) {
        ln_seterror("momentum must be in [0, 1], got %g", (double)c->momentum);
        return -1;
    }
    if (!(c->epsilon > 0)) { ln_seterror("epsilon must be > 0, got %g", (double)c->epsilon); return -1; }
    return 0;
}

static int bn_build(layer *l)
{
    char b[96];
    if (l->in_ndim < 1 || l->in_shape[l->in_ndim - 1] <= 0) {
        ln_seterror("expected input [N,...,features], got %s", nn_batch_shape_str(b, l->in_ndim, l->in_shape));
        return -1;
    }
    int64_t C = l->in_shape[l->in_ndim - 1];
    tensor *gamma = layer_add_param(l, "gamma", 1, &C);
    if (!gamma || !layer_add_param(l, "beta", 1, &C) || !layer_add_buffer(l, "moving_mean", 1, &C)) return -1;
    tensor *var = layer_add_buffer(l, "moving_variance", 1, &C);
    if (!var) return -1;
    tensor_fill_(gamma, 1.0f);
    tensor_fill_(var, 1.0f);
    l->out_ndim = l->in_ndim;
    for (int d = 0; d < l->in_ndim; d++) l->out_shape[d] = l->in_shape[d];
    return 0;
}

static tensor *bn_forward(layer *l, tensor *x, int training)
{
    char b1[96], b2[96];
    int ok = x->ndim == l->in_ndim + 1;
    for (int d = 0; ok && d < l->in_ndim; d++) ok = x->shape[d + 1] == l->in_shape[d];
    if (!ok) {
        if (x->ndim == 0) ln_seterror("expected input %s, got a 0-d tensor", nn_batch_shape_str(b1, l->in_ndim, l->in_shape));
        else ln_seterror("expected input %s, got %s", nn_batch_shape_str(b1, l->in_ndim, l->in_shape),
                         nn_batch_shape_str(b2, x->ndim - 1, x->shape + 1));
        return NULL;
    }
    return tensor_batch_norm(x, l->params[0], l->params[1], l->buffers[0], l->buffers[1], training,
                             l->cfg.momentum, l->cfg.epsilon);
}

/* "32" (the features), then the momentum and epsilon where they are not Keras' defaults */
static void bn_describe(const layer *l, char *buf, size_t n)
{
    const layer_config *c = &l->cfg;
    int k = l->built ? snprintf(buf, n, "%lld", (long long)l->in_shape[l->in_ndim - 1]) : snprintf(buf, n, "?");
    if (k >= 0 && (size_t)k < n && c->momentum != 0.99f)
        k += snprintf(buf + k, n - (size_t)k, ", momentum=%g", (double)c->momentum);
    if (k >= 0 && (size_t)k < n && c->epsilon != 1e-3f)
        snprintf(buf + k, n - (size_t)k, ", epsilon=%g", (double)c->epsilon);
}

const layer_type layer_batchnorm = {
    .name = "BatchNorm", .prefix = "batch_normalization", .setup = bn_setup, .build = bn_build,
    .forward = bn_forward, .describe = bn_describe,
};
