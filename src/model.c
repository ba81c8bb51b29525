/* model.c — Sequential: adding layers, building them from an input shape, running them in order,
 * listing and counting their parameters. Uses model.h (nn.h, losses.h, optim.h). */
#include "model.h"

#include <stdio.h>
#include <string.h>

model *model_new(void)
{
    static int count;
    model *m = ln_calloc(1, sizeof *m);
    if (!m) return NULL;
    m->refs = 1;
    m->training = 1;
    m->loss = -1;
    if (count == 0) snprintf(m->name, sizeof m->name, "sequential");
    else snprintf(m->name, sizeof m->name, "sequential_%d", count);
    count++;
    return m;
}

model *model_retain(model *m)
{
    if (m) m->refs++;
    return m;
}

void model_release(model *m)
{
    if (!m || --m->refs > 0) return;
    for (int k = 0; k < m->nlayers; k++) layer_release(m->layers[k]);
    ln_free(m->layers);
    optim_release(m->opt);
    ln_free(m);
}

int model_built(const model *m)
{
    for (int k = 0; k < m->nlayers; k++)
        if (!m->layers[k]->built) return 0;
    return m->nlayers > 0 || m->in_ndim > 0;
}

/* Builds layers[from ..] from the output shape of the layer before (or the input shape). */
static int build_from(model *m, int from, int ndim, const int64_t *shape)
{
    int64_t cur[T_MAXDIM];
    memcpy(cur, shape, (size_t)ndim * sizeof *cur);
    for (int k = from; k < m->nlayers; k++) {
        layer *l = m->layers[k];
        if (layer_build(l, ndim, cur) < 0) {
            nn_prefix_error("Sequential layer %d: ", k + 1);
            return -1;
        }
        ndim = l->out_ndim;
        memcpy(cur, l->out_shape, (size_t)ndim * sizeof *cur);
    }
    return 0;
}

int model_add(model *m, layer *l)
{
    if (m->nlayers == m->cap) {
        int cap = m->cap ? m->cap * 2 : 8;
        layer **v = ln_realloc(m->layers, (size_t)cap * sizeof *v);
        if (!v) return -1;
        m->layers = v;
        m->cap = cap;
    }
    /* A first layer declaring input_shape (nn.Dense(128, {input_shape = {784}})) declares the model's. */
    if (m->nlayers == 0 && m->in_ndim == 0 && l->cfg.input_ndim > 0) {
        m->in_ndim = l->cfg.input_ndim;
        memcpy(m->in_shape, l->cfg.input_shape, (size_t)m->in_ndim * sizeof *m->in_shape);
    }
    /* Known shapes flow into the new layer now; an error leaves the model as it was. */
    int known = m->nlayers == 0 ? m->in_ndim > 0 : model_built(m);
    if (known) {
        int ndim = m->nlayers == 0 ? m->in_ndim : m->layers[m->nlayers - 1]->out_ndim;
        const int64_t *shape = m->nlayers == 0 ? m->in_shape : m->layers[m->nlayers - 1]->out_shape;
        if (layer_build(l, ndim, shape) < 0) {
            nn_prefix_error("Sequential layer %d: ", m->nlayers + 1);
            return -1;
        }
    }
    m->layers[m->nlayers++] = layer_retain(l);
    return 0;
}

int model_build(model *m, int ndim, const int64_t *in_shape)
{
    if (ndim < 0 || ndim > T_MAXDIM - 1) {
        ln_seterror("Sequential: input_shape has %d dimensions (at most %d)", ndim, T_MAXDIM - 1);
        return -1;
    }
    for (int d = 0; d < ndim; d++)
        if (in_shape[d] <= 0) {
            char b[96];
            ln_seterror("Sequential: input_shape %s must have positive sizes (without the batch dimension)",
                        ln_shape_str(b, ndim, in_shape));
            return -1;
        }
    if (build_from(m, 0, ndim, in_shape) < 0) return -1;
    m->in_ndim = ndim;
    memcpy(m->in_shape, in_shape, (size_t)ndim * sizeof *in_shape);
    return 0;
}

tensor *model_forward(model *m, tensor *x, int training)
{
    if (training < 0) training = m->training;
    if (m->nlayers == 0) {
        ln_seterror("Sequential: the model has no layers yet; add some with model:add(layer)");
        return NULL;
    }
    tensor *h = tensor_retain(x);
    for (int k = 0; k < m->nlayers; k++) {
        tensor *y = layer_forward(m->layers[k], h, training);
        tensor_release(h);
        if (!y) {
            nn_prefix_error("Sequential layer %d: ", k + 1);
            return NULL;
        }
        h = y;
    }
    return h;
}

void model_set_training(model *m, int on)
{
    m->training = on != 0;
    for (int k = 0; k < m->nlayers; k++) layer_set_training(m->layers[k], on);
}

/* 1 when layer k's parameters were already listed by an earlier layer: the same layer added
 * twice shares its weights, and an optimizer must see them once. */
static int seen_before(const model *m, int k)
{
    for (int j = 0; j < k; j++)
        if (m->layers[j] == m->layers[k]) return 1;
    return 0;
}

int model_parameters(const model *m, tensor **out, int cap)
{
    int n = 0;
    for (int k = 0; k < m->nlayers; k++) {
        if (seen_before(m, k)) continue;
        for (int j = 0; j < m->layers[k]->nparams; j++, n++)
            if (n < cap) out[n] = m->layers[k]->params[j];
    }
    return n;
}

int64_t model_count_params(const model *m, int64_t *nontrainable)
{
    int64_t n = 0, nt = 0;
    for (int k = 0; k < m->nlayers; k++) {
        int64_t b;
        if (seen_before(m, k)) continue;
        n += layer_count_params(m->layers[k], &b);
        nt += b;
    }
    if (nontrainable) *nontrainable = nt;
    return n;
}

void model_zero_grad(model *m)
{
    for (int k = 0; k < m->nlayers; k++)
        for (int j = 0; j < m->layers[k]->nparams; j++) {
            tensor *p = m->layers[k]->params[j];
            tensor_release(p->grad);
            p->grad = NULL;
        }
}

int model_compile(model *m, optimizer *opt, int loss, int metrics)
{
    if (loss < 0 || loss >= LOSS_COUNT) { ln_seterror("compile: unknown loss %d", loss); return -1; }
    if (!model_built(m)) {
        ln_seterror("compile: the model is not built yet; give the input shape "
                    "(nn.Sequential({...}, {input_shape = {784}})) or call it once on a batch");
        return -1;
    }
    int n = model_parameters(m, NULL, 0);
    tensor **ps = ln_alloc((size_t)(n ? n : 1) * sizeof *ps);
    if (!ps) return -1;
    model_parameters(m, ps, n);
    int rc = optim_bind(opt, n, ps);
    ln_free(ps);
    if (rc < 0) return -1;
    optim_retain(opt);
    optim_release(m->opt);
    m->opt = opt;
    m->loss = loss;
    m->metrics = metrics;
    return 0;
}
