/* layers.c — what every layer shares: life cycle, building, the forward wrapper that names the
 * layer in errors, printing and parameter counting. The kinds of layer are in layer_*.c.
 * Uses nn.h (tensor.h, autograd.h). */
#include "nn.h"
#include "autograd.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

const layer_type *const layer_types[] = {
    &layer_dense, &layer_linear, &layer_flatten, &layer_activation, &layer_relu, &layer_leaky_relu,
    &layer_sigmoid, &layer_tanh, &layer_softmax, &layer_step, &layer_dropout,
    &layer_conv2d, &layer_maxpool2d, &layer_batchnorm, &layer_simple_rnn, &layer_lstm, &layer_gru, NULL
};

const layer_type *layer_type_find(const char *name)
{
    for (int k = 0; layer_types[k]; k++)
        if (strcmp(layer_types[k]->name, name) == 0) return layer_types[k];
    return NULL;
}

void nn_prefix_error(const char *fmt, ...)
{
    char old[1024], pre[256];
    snprintf(old, sizeof old, "%s", ln_error());   /* ln_error's buffer is about to be rewritten */
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(pre, sizeof pre, fmt, ap);
    va_end(ap);
    ln_seterror("%s%s", pre, old);
}

char *nn_batch_shape_str(char *buf, int ndim, const int64_t *shape)
{
    int k = snprintf(buf, 96, "[N");
    for (int d = 0; d < ndim && k < 88; d++) k += snprintf(buf + k, 96 - k, ",%lld", (long long)shape[d]);
    snprintf(buf + k, 96 - k, "]");
    return buf;
}

void layer_config_defaults(layer_config *c)
{
    memset(c, 0, sizeof *c);
    c->activation = ACT_LINEAR;
    c->alpha = NAN;   /* the layer's own default: 0.3 for LeakyReLU, 0.2 for "leaky_relu" */
    c->use_bias = 1;
    c->kernel_init = c->bias_init = c->recurrent_init = INIT_DEFAULT;
    c->kernel[0] = c->kernel[1] = 1;
    c->stride[0] = c->stride[1] = 1;
    c->pool[0] = c->pool[1] = 2;
    c->padding = PAD_VALID;
    c->momentum = 0.99f;
    c->epsilon = 1e-3f;
}

/* Keras numbers instances per kind: dense, dense_1, dense_2, ... */
static void assign_name(layer *l)
{
    static struct { const layer_type *t; int n; } counters[32];
    int k = 0;
    while (k < 32 && counters[k].t && counters[k].t != l->type) k++;
    if (k == 32) { snprintf(l->name, sizeof l->name, "%s", l->type->prefix); return; }
    counters[k].t = l->type;
    int n = counters[k].n++;
    if (n == 0) snprintf(l->name, sizeof l->name, "%s", l->type->prefix);
    else snprintf(l->name, sizeof l->name, "%s_%d", l->type->prefix, n);
}

layer *layer_new(const layer_type *t, const layer_config *cfg)
{
    layer *l = ln_calloc(1, sizeof *l);
    if (!l) return NULL;
    l->refs = 1;
    l->type = t;
    if (cfg) l->cfg = *cfg; else layer_config_defaults(&l->cfg);
    l->training = 1;
    if (l->cfg.input_ndim < 0 || l->cfg.input_ndim > T_MAXDIM - 1) {
        ln_seterror("%s: input_shape has %d dimensions (at most %d)", t->name, l->cfg.input_ndim, T_MAXDIM - 1);
        ln_free(l);
        return NULL;
    }
    for (int d = 0; d < l->cfg.input_ndim; d++)
        if (l->cfg.input_shape[d] <= 0) {
            char b[96];
            ln_seterror("%s: input_shape %s must have positive sizes (without the batch dimension)",
                        t->name, ln_shape_str(b, l->cfg.input_ndim, l->cfg.input_shape));
            ln_free(l);
            return NULL;
        }
    if (t->setup && t->setup(l) < 0) {
        nn_prefix_error("%s: ", t->name);
        ln_free(l);
        return NULL;
    }
    assign_name(l);
    if (l->cfg.input_ndim > 0 && layer_build(l, l->cfg.input_ndim, l->cfg.input_shape) < 0) {
        layer_release(l);
        return NULL;
    }
    return l;
}

layer *layer_retain(layer *l)
{
    if (l) l->refs++;
    return l;
}

void layer_release(layer *l)
{
    if (!l || --l->refs > 0) return;
    for (int k = 0; k < l->nparams; k++) tensor_release(l->params[k]);
    for (int k = 0; k < l->nbuffers; k++) tensor_release(l->buffers[k]);
    ln_free(l);
}

/* Drops whatever a failed build made, so that the layer can be built again. */
static void unbuild(layer *l)
{
    for (int k = 0; k < l->nparams; k++) tensor_release(l->params[k]);
    for (int k = 0; k < l->nbuffers; k++) tensor_release(l->buffers[k]);
    l->nparams = l->nbuffers = 0;
    l->built = 0;
}

int layer_build(layer *l, int ndim, const int64_t *in_shape)
{
    char desc[160], b1[96], b2[96];
    if (l->built && l->type->shape_free) l->built = 0;   /* any shape will do: take the new one */
    if (l->built) {
        if (ndim == l->in_ndim && memcmp(in_shape, l->in_shape, (size_t)ndim * sizeof *in_shape) == 0) return 0;
        layer_describe(l, desc, sizeof desc);
        ln_seterror("%s: already built for input %s, cannot build it again for %s", desc,
                    nn_batch_shape_str(b1, l->in_ndim, l->in_shape), nn_batch_shape_str(b2, ndim, in_shape));
        return -1;
    }
    if (ndim < 0 || ndim > T_MAXDIM - 1) {
        layer_describe(l, desc, sizeof desc);
        ln_seterror("%s: input with %d dimensions per sample (at most %d)", desc, ndim, T_MAXDIM - 1);
        return -1;
    }
    l->in_ndim = ndim;
    memcpy(l->in_shape, in_shape, (size_t)ndim * sizeof *in_shape);
    if (l->type->build) {
        if (l->type->build(l) < 0) {
            layer_describe(l, desc, sizeof desc);   /* still unbuilt: "Dense(? -> 128)" */
            nn_prefix_error("%s: ", desc);
            unbuild(l);
            return -1;
        }
    } else {
        l->out_ndim = ndim;
        memcpy(l->out_shape, in_shape, (size_t)ndim * sizeof *in_shape);
    }
    l->built = 1;
    return 0;
}

tensor *layer_forward(layer *l, tensor *x, int training)
{
    char desc[160];
    if (training < 0) training = l->training;
    if (!l->built) {
        if (x->ndim == 0 && !l->type->shape_free) {
            layer_describe(l, desc, sizeof desc);
            ln_seterror("%s: expected a batch [N,...], got a 0-d tensor", desc);
            return NULL;
        }
        /* shape-free layers record the first shape they see, for summary() */
        if (x->ndim > 0 && layer_build(l, x->ndim - 1, x->shape + 1) < 0) return NULL;
    }
    tensor *y = l->type->forward(l, x, training);
    if (!y) {
        layer_describe(l, desc, sizeof desc);
        nn_prefix_error("%s: ", desc);
    }
    return y;
}

void layer_set_training(layer *l, int on) { l->training = on != 0; }

void layer_describe(const layer *l, char *buf, size_t n)
{
    char inner[128] = "";
    if (l->type->describe) l->type->describe(l, inner, sizeof inner);
    snprintf(buf, n, "%s(%s)", l->type->name, inner);
}

tensor *layer_param(const layer *l, const char *name)
{
    for (int k = 0; k < l->nparams; k++)
        if (strcmp(l->param_names[k], name) == 0) return l->params[k];
    return NULL;
}

int64_t layer_count_params(const layer *l, int64_t *nontrainable)
{
    int64_t n = 0, nt = 0;
    for (int k = 0; k < l->nparams; k++) n += l->params[k]->numel;
    for (int k = 0; k < l->nbuffers; k++) nt += l->buffers[k]->numel;
    if (nontrainable) *nontrainable = nt;
    return n;
}

/* "784*128 + 128": each tensor's dims multiplied, the tensors added, buffers included. */
void layer_count_formula(const layer *l, char *buf, size_t n)
{
    size_t k = 0;
    buf[0] = 0;
    for (int i = 0; i < l->nparams + l->nbuffers && k + 1 < n; i++) {
        const tensor *t = i < l->nparams ? l->params[i] : l->buffers[i - l->nparams];
        if (i) k += (size_t)snprintf(buf + k, n - k, " + ");
        if (t->ndim == 0) k += (size_t)snprintf(buf + k, n - k, "1");
        for (int d = 0; d < t->ndim && k + 1 < n; d++)
            k += (size_t)snprintf(buf + k, n - k, d ? "*%lld" : "%lld", (long long)t->shape[d]);
    }
    if (k == 0) snprintf(buf, n, "0");
}

static tensor *add_tensor(layer *l, tensor **slots, const char **names, int *count, int max,
                          const char *name, int ndim, const int64_t *shape, int trainable)
{
    if (*count == max) {
        ln_seterror("%s: too many %s (at most %d)", l->type->name, trainable ? "parameters" : "buffers", max);
        return NULL;
    }
    tensor *t = tensor_zeros(ndim, shape);
    if (!t) return NULL;
    t->requires_grad = trainable != 0;
    slots[*count] = t;
    names[*count] = name;
    (*count)++;
    return t;
}

tensor *layer_add_param(layer *l, const char *name, int ndim, const int64_t *shape)
{
    return add_tensor(l, l->params, l->param_names, &l->nparams, LAYER_MAXPARAMS, name, ndim, shape, 1);
}

tensor *layer_add_buffer(layer *l, const char *name, int ndim, const int64_t *shape)
{
    return add_tensor(l, l->buffers, l->buffer_names, &l->nbuffers, LAYER_MAXBUFFERS, name, ndim, shape, 0);
}
