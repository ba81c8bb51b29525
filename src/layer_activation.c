/* layer_activation.c — the activation functions by name, and the layers that apply one:
 * Activation(name), ReLU, LeakyReLU, Sigmoid, Tanh, Softmax, Step. They have no parameters and
 * take any shape; softmax is over the last dim (the classes of a [N, K] batch).
 * Uses nn.h and the recorded elementwise ops of tensor.h. */
#include "nn.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

const char *const nn_activation_name[ACT_COUNT] = {
    "linear", "step", "sigmoid", "tanh", "relu", "leaky_relu", "softmax"
};

int nn_activation_from_name(const char *who, const char *name)
{
    for (int k = 0; k < ACT_COUNT; k++)
        if (strcmp(nn_activation_name[k], name) == 0) return k;
    char list[256];
    size_t n = 0;
    list[0] = 0;
    for (int k = 0; k < ACT_COUNT; k++)
        n += (size_t)snprintf(list + n, sizeof list - n, k ? ", %s" : "%s", nn_activation_name[k]);
    ln_seterror("%s: unknown activation '%s' (valid: %s)", who, name, list);
    return -1;
}

tensor *nn_activate(tensor *x, nn_activation act, float alpha)
{
    switch (act) {
    case ACT_LINEAR: return tensor_retain(x);
    case ACT_STEP: return tensor_unary(UN_STEP, x);
    case ACT_SIGMOID: return tensor_unary(UN_SIGMOID, x);
    case ACT_TANH: return tensor_unary(UN_TANH, x);
    case ACT_RELU: return tensor_unary(UN_RELU, x);
    case ACT_LEAKY_RELU: return tensor_leaky_relu(x, isnan(alpha) ? NN_LEAKY_ACTIVATION_ALPHA : alpha);
    case ACT_SOFTMAX: return tensor_softmax(x, x->ndim > 0 ? x->ndim - 1 : 0);
    default: break;
    }
    ln_seterror("activation: unknown activation %d", (int)act);
    return NULL;
}

static tensor *activation_forward(layer *l, tensor *x, int training)
{
    (void)training;
    return nn_activate(x, l->cfg.activation, l->cfg.alpha);
}

/* Checks the slope where the activation uses one. */
static int check_alpha(layer *l, float dflt)
{
    if (l->cfg.activation != ACT_LEAKY_RELU) return 0;
    if (isnan(l->cfg.alpha)) l->cfg.alpha = dflt;
    if (!isfinite(l->cfg.alpha) || l->cfg.alpha < 0) {
        ln_seterror("alpha (the slope for x < 0) must be a number >= 0, got %g", (double)l->cfg.alpha);
        return -1;
    }
    return 0;
}

static int activation_setup(layer *l)
{
    if ((unsigned)l->cfg.activation >= ACT_COUNT) {
        ln_seterror("unknown activation %d", (int)l->cfg.activation);
        return -1;
    }
    return check_alpha(l, NN_LEAKY_ACTIVATION_ALPHA);
}

static void activation_describe(const layer *l, char *buf, size_t n)
{
    snprintf(buf, n, "%s", nn_activation_name[l->cfg.activation]);
}

const layer_type layer_activation = {
    .name = "Activation", .prefix = "activation", .shape_free = 1,
    .setup = activation_setup, .forward = activation_forward, .describe = activation_describe,
};

/* The layers named after one activation fix it in setup. */
#define FIXED_ACTIVATION_SETUP(fname, act)                      \
    static int fname(layer *l) { l->cfg.activation = act; return 0; }
FIXED_ACTIVATION_SETUP(relu_setup, ACT_RELU)
FIXED_ACTIVATION_SETUP(sigmoid_setup, ACT_SIGMOID)
FIXED_ACTIVATION_SETUP(tanh_setup, ACT_TANH)
FIXED_ACTIVATION_SETUP(softmax_setup, ACT_SOFTMAX)
FIXED_ACTIVATION_SETUP(step_setup, ACT_STEP)

static int leaky_setup(layer *l)
{
    l->cfg.activation = ACT_LEAKY_RELU;
    return check_alpha(l, NN_LEAKY_LAYER_ALPHA);
}

static void leaky_describe(const layer *l, char *buf, size_t n)
{
    snprintf(buf, n, "alpha=%g", (double)l->cfg.alpha);
}

const layer_type layer_relu = {
    .name = "ReLU", .prefix = "relu", .shape_free = 1, .setup = relu_setup, .forward = activation_forward,
};
const layer_type layer_leaky_relu = {
    .name = "LeakyReLU", .prefix = "leaky_relu", .shape_free = 1, .setup = leaky_setup,
    .forward = activation_forward, .describe = leaky_describe,
};
const layer_type layer_sigmoid = {
    .name = "Sigmoid", .prefix = "sigmoid", .shape_free = 1, .setup = sigmoid_setup, .forward = activation_forward,
};
const layer_type layer_tanh = {
    .name = "Tanh", .prefix = "tanh", .shape_free = 1, .setup = tanh_setup, .forward = activation_forward,
};
const layer_type layer_softmax = {
    .name = "Softmax", .prefix = "softmax", .shape_free = 1, .setup = softmax_setup, .forward = activation_forward,
};
const layer_type layer_step = {
    .name = "Step", .prefix = "step", .shape_free = 1, .setup = step_setup, .forward = activation_forward,
};
