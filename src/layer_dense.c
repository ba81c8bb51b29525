/* layer_dense.c — the fully connected layers: Keras' Dense(units [, activation]) and Torch's
 * Linear(in, out). Both compute y = act(x @ kernel + bias) with kernel [in, units] and bias
 * [units] through the fused tensor_linear op, so their backward is that op's.
 *   Dense:  input size inferred on first use (or from input_shape); kernel glorot_uniform and
 *           bias zeros, as Keras; kernel_initializer = "he_normal" etc. to change.
 *   Linear: input size given; kernel and bias U(-1/sqrt(in), 1/sqrt(in)), as Torch7's nn.Linear.
 * Uses nn.h. */
#include "nn.h"

#include <math.h>
#include <stdio.h>

static int dense_setup(layer *l)
{
    layer_config *c = &l->cfg;
    if (c->units <= 0) {
        ln_seterror("units must be a positive integer, got %lld", (long long)c->units);
        return -1;
    }
    if ((unsigned)c->activation >= ACT_COUNT) { ln_seterror("unknown activation %d", (int)c->activation); return -1; }
    if ((unsigned)c->kernel_init >= INIT_COUNT || (unsigned)c->bias_init >= INIT_COUNT) {
        ln_seterror("unknown initializer");
        return -1;
    }
    if (c->activation == ACT_LEAKY_RELU) {
        if (isnan(c->alpha)) c->alpha = NN_LEAKY_ACTIVATION_ALPHA;
        if (!isfinite(c->alpha) || c->alpha < 0) {
            ln_seterror("alpha (the slope for x < 0) must be a number >= 0, got %g", (double)c->alpha);
            return -1;
        }
    }
    return 0;
}

static int linear_setup(layer *l)
{
    layer_config *c = &l->cfg;
    if (c->in_features <= 0) {
        ln_seterror("the input size must be a positive integer, got %lld", (long long)c->in_features);
        return -1;
    }
    if (c->units <= 0) {
        ln_seterror("the output size must be a positive integer, got %lld", (long long)c->units);
        return -1;
    }
    c->activation = ACT_LINEAR;
    if (c->kernel_init == INIT_DEFAULT) c->kernel_init = INIT_TORCH;
    if (c->bias_init == INIT_DEFAULT) c->bias_init = INIT_TORCH;
    if (c->input_ndim > 0 && !(c->input_ndim == 1 && c->input_shape[0] == c->in_features)) {
        char b[96];
        ln_seterror("input_shape %s does not match the input size %lld",
                    ln_shape_str(b, c->input_ndim, c->input_shape), (long long)c->in_features);
        return -1;
    }
    c->input_ndim = 1;   /* known now: layer_new builds it */
    c->input_shape[0] = c->in_features;
    return dense_setup(l);
}

static int dense_build(layer *l)
{
    char b[96];
    if (l->in_ndim != 1) {
        if (l->in_ndim == 0)
            ln_seterror("expected input [N,features], got %s — a column of numbers needs the shape [N,1]: "
                        "x:reshape(-1, 1)", nn_batch_shape_str(b, l->in_ndim, l->in_shape));
        else
            ln_seterror("expected input [N,features], got %s — add nn.Flatten() first",
                        nn_batch_shape_str(b, l->in_ndim, l->in_shape));
        return -1;
    }
    int64_t in = l->in_shape[0], units = l->cfg.units;
    if (in <= 0) { ln_seterror("expected input [N,features] with features > 0, got %s", nn_batch_shape_str(b, 1, &in)); return -1; }
    int64_t kshape[2] = {in, units};
    tensor *k = layer_add_param(l, "kernel", 2, kshape);
    if (!k) return -1;
    nn_init ki = l->cfg.kernel_init == INIT_DEFAULT ? INIT_GLOROT_UNIFORM : l->cfg.kernel_init;
    if (nn_init_fill(k, ki, in, units) < 0) return -1;
    if (l->cfg.use_bias) {
        tensor *bias = layer_add_param(l, "bias", 1, &units);
        if (!bias) return -1;
        if (nn_init_fill(bias, l->cfg.bias_init == INIT_DEFAULT ? INIT_ZEROS : l->cfg.bias_init, in, units) < 0)
            return -1;
    }
    l->out_ndim = 1;
    l->out_shape[0] = units;
    return 0;
}

static tensor *dense_forward(layer *l, tensor *x, int training)
{
    (void)training;
    char b1[96], b2[96];
    int64_t in = l->in_shape[0];
    if (x->ndim != 2 || x->shape[1] != in) {
        nn_batch_shape_str(b1, 1, &in);
        if (x->ndim == 0)
            ln_seterror("expected input %s, got a 0-d tensor", b1);
        else if (x->ndim == 1 && x->shape[0] == in)
            ln_seterror("expected input %s, got %s — one sample needs a batch dimension: x:reshape(1, %lld)",
                        b1, ln_shape_str(b2, 1, x->shape), (long long)in);
        else if (x->ndim == 1)
            ln_seterror("expected input %s, got %s", b1, ln_shape_str(b2, 1, x->shape));
        else
            ln_seterror("expected input %s, got %s%s", b1, nn_batch_shape_str(b2, x->ndim - 1, x->shape + 1),
                        x->ndim > 2 ? " — add nn.Flatten() first" : "");
        return NULL;
    }
    tensor *y = tensor_linear(x, l->params[0], l->cfg.use_bias ? l->params[1] : NULL);
    if (!y || l->cfg.activation == ACT_LINEAR) return y;
    tensor *a = nn_activate(y, l->cfg.activation, l->cfg.alpha);
    tensor_release(y);
    return a;
}

static void dense_describe(const layer *l, char *buf, size_t n)
{
    char in[32] = "?";
    if (l->built) snprintf(in, sizeof in, "%lld", (long long)l->in_shape[0]);
    if (l->cfg.activation == ACT_LINEAR)
        snprintf(buf, n, "%s -> %lld", in, (long long)l->cfg.units);
    else
        snprintf(buf, n, "%s -> %lld, %s", in, (long long)l->cfg.units, nn_activation_name[l->cfg.activation]);
}

const layer_type layer_dense = {
    .name = "Dense", .prefix = "dense", .setup = dense_setup, .build = dense_build,
    .forward = dense_forward, .describe = dense_describe,
};

const layer_type layer_linear = {
    .name = "Linear", .prefix = "linear", .setup = linear_setup, .build = dense_build,
    .forward = dense_forward, .describe = dense_describe,
};
