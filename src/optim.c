/* optim.c — the optimizers' update loops and their state (see optim.h for the rules).
 * Uses tensor.h only: updates write the parameters' buffers in place, unrecorded. */
#include "optim.h"

#include <math.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

const char *const optim_kind_name[OPT_COUNT] = {"SGD", "Adam", "RMSprop", "Adagrad"};

int optim_kind_from_name(const char *name)
{
    for (int k = 0; k < OPT_COUNT; k++)
        if (strcasecmp(optim_kind_name[k], name) == 0) return k;
    ln_seterror("optimizer: unknown optimizer '%s' (valid: sgd, adam, rmsprop, adagrad)", name);
    return -1;
}

optim_config optim_defaults(optim_kind k)
{
    optim_config c = {0};
    c.lr = k == OPT_SGD ? 0.01f : 0.001f;
    c.beta1 = 0.9f;
    c.beta2 = 0.999f;
    c.rho = 0.9f;
    c.eps = 1e-7f;
    c.initial_accumulator_value = 0.1f;
    return c;
}

int optim_check_config(optim_kind k, const optim_config *c)
{
    const char *who = (unsigned)k < OPT_COUNT ? optim_kind_name[k] : "optimizer";
    if ((unsigned)k >= OPT_COUNT) { ln_seterror("optimizer: unknown kind %d", (int)k); return -1; }
    if (!(c->lr >= 0) || !isfinite(c->lr)) { ln_seterror("%s: lr must be a number >= 0, got %g", who, (double)c->lr); return -1; }
    if (!(c->weight_decay >= 0) || !isfinite(c->weight_decay)) {
        ln_seterror("%s: weight_decay must be a number >= 0, got %g", who, (double)c->weight_decay);
        return -1;
    }
    if (!(c->momentum >= 0 && c->momentum <= 1)) {
        ln_seterror("%s: momentum must be in [0, 1], got %g", who, (double)c->momentum);
        return -1;
    }
    if (!(c->beta1 >= 0 && c->beta1 < 1)) { ln_seterror("%s: beta1 must be in [0, 1), got %g", who, (double)c->beta1); return -1; }
    if (!(c->beta2 >= 0 && c->beta2 < 1)) { ln_seterror("%s: beta2 must be in [0, 1), got %g", who, (double)c->beta2); return -1; }
    if (!(c->rho >= 0 && c->rho < 1)) { ln_seterror("%s: rho must be in [0, 1), got %g", who, (double)c->rho); return -1; }
    if (!(c->eps >= 0) || !isfinite(c->eps)) { ln_seterror("%s: eps must be a number >= 0, got %g", who, (double)c->eps); return -1; }
    if (!(c->initial_accumulator_value >= 0)) {
        ln_seterror("%s: initial_accumulator_value must be >= 0, got %g", who, (double)c->initial_accumulator_value);
        return -1;
    }
    if (c->nesterov && k == OPT_SGD && c->momentum == 0) {
        ln_seterror("%s: nesterov needs a momentum > 0", who);
        return -1;
    }
    return 0;
}

optimizer *optim_new(optim_kind k, const optim_config *cfg)
{
    optim_config c = cfg ? *cfg : optim_defaults(k);
    if (optim_check_config(k, &c) < 0) return NULL;
    optimizer *o = ln_calloc(1, sizeof *o);
    if (!o) return NULL;
    o->refs = 1;
    o->kind = k;
    o->cfg = c;
    return o;
}

optimizer *optim_retain(optimizer *o)
{
    if (o) o->refs++;
    return o;
}

static void unbind(optimizer *o)
{
    for (int i = 0; i < o->nparams; i++) {
        tensor_release(o->params[i]);
        for (int s = 0; s < OPTIM_MAXSLOTS; s++) tensor_release(o->slots[i * OPTIM_MAXSLOTS + s]);
    }
    ln_free(o->params);
    ln_free(o->slots);
    o->params = NULL;
    o->slots = NULL;
    o->nparams = 0;
    o->iterations = 0;
}

void optim_release(optimizer *o)
{
    if (!o || --o->refs > 0) return;
    unbind(o);
    ln_free(o);
}

int optim_bind(optimizer *o, int n, tensor *const *params)
{
    const char *who = optim_kind_name[o->kind];
    char b[96];
    for (int i = 0; i < n; i++) {
        const tensor *p = params[i];
        if (!p->requires_grad) {
            ln_seterror("%s: parameter %d %s does not require grad, so it would never change; "
                        "mark it with t:requires_grad()", who, i + 1, ln_shape_str(b, p->ndim, p->shape));
            return -1;
        }
        if (p->node) {
            ln_seterror("%s: parameter %d %s is the result of a computation, not a leaf tensor; "
                        "optimize the tensors you made with requires_grad()", who, i + 1, ln_shape_str(b, p->ndim, p->shape));
            return -1;
        }
        if (!tensor_is_contiguous(p)) {
            ln_seterror("%s: parameter %d %s is a non-contiguous view; pass a tensor of its own",
                        who, i + 1, ln_shape_str(b, p->ndim, p->shape));
            return -1;
        }
        for (int j = 0; j < i; j++)
            if (params[j] == p) {
                ln_seterror("%s: parameter %d is the same tensor as parameter %d; it would be updated twice per step",
                            who, i + 1, j + 1);
                return -1;
            }
    }
    tensor **ps = ln_calloc((size_t)(n ? n : 1), sizeof *ps);
    tensor **slots = ln_calloc((size_t)(n ? n : 1) * OPTIM_MAXSLOTS, sizeof *slots);
    if (!ps || !slots) { ln_free(ps); ln_free(slots); return -1; }
    for (int i = 0; i < n; i++) ps[i] = tensor_retain(params[i]);
    unbind(o);
    o->params = ps;
    o->slots = slots;
    o->nparams = n;
    return 0;
}

void optim_zero_grad(optimizer *o)
{
    for (int i = 0; i < o->nparams; i++) {
        tensor_release(o->params[i]->grad);
        o->params[i]->grad = NULL;
    }
}

/* ---- slots ---- */
static const char *const slot_names[OPT_COUNT][OPTIM_MAXSLOTS] = {
    [OPT_SGD] = {"momentum", NULL},
    [OPT_ADAM] = {"momentum", "velocity"},          /* m and v */
    [OPT_RMSPROP] = {"velocity", "momentum"},
    [OPT_ADAGRAD] = {"accumulator", NULL},
};

int optim_num_slots(const optimizer *o)
{
    int n = 0;
    while (n < OPTIM_MAXSLOTS && slot_names[o->kind][n]) n++;
    return n;
}

const char *optim_slot_name(const optimizer *o, int slot)
{
    return slot >= 0 && slot < optim_num_slots(o) ? slot_names[o->kind][slot] : NULL;
}

tensor *optim_slot(const optimizer *o, int param, int slot)
{
    if (param < 0 || param >= o->nparams || slot < 0 || slot >= optim_num_slots(o)) return NULL;
    return o->slots[param * OPTIM_MAXSLOTS + slot];
}

/* The slot's buffer, made (zeros, or Adagrad's initial value) on first use. */
static float *slot_data(optimizer *o, int param, int slot)
{
    tensor **sp = &o->slots[param * OPTIM_MAXSLOTS + slot];
    if (!*sp) {
        const tensor *p = o->params[param];
        *sp = o->kind == OPT_ADAGRAD ? tensor_full(p->ndim, p->shape, o->cfg.initial_accumulator_value)
                                     : tensor_zeros(p->ndim, p->shape);
        if (!*sp) return NULL;
    }
    return tensor_data(*sp);
}

int optim_set_slot(optimizer *o, int param, int slot, const tensor *value)
{
    const char *who = optim_kind_name[o->kind];
    if (param < 0 || param >= o->nparams || slot < 0 || slot >= optim_num_slots(o)) {
        ln_seterror("%s: no slot %d of parameter %d (%d parameters, %d slots each)", who, slot + 1, param + 1,
                    o->nparams, optim_num_slots(o));
        return -1;
    }
    if (value->numel != o->params[param]->numel) {
        char b1[96], b2[96];
        ln_seterror("%s: state %s for parameter %d must match its shape %s", who,
                    ln_shape_str(b1, value->ndim, value->shape), param + 1,
                    ln_shape_str(b2, o->params[param]->ndim, o->params[param]->shape));
        return -1;
    }
    float *d = slot_data(o, param, slot);
    if (!d) return -1;
    tensor_copy_out(value, d);
    return 0;
}

void optim_describe(const optimizer *o, char *buf, size_t n)
{
    const optim_config *c = &o->cfg;
    int k = 0;
    switch (o->kind) {
    case OPT_SGD:
        k = snprintf(buf, n, "SGD(lr=%g, momentum=%g%s", (double)c->lr, (double)c->momentum, c->nesterov ? ", nesterov=true" : "");
        break;
    case OPT_ADAM:
        k = snprintf(buf, n, "Adam(lr=%g, beta1=%g, beta2=%g, eps=%g", (double)c->lr, (double)c->beta1, (double)c->beta2, (double)c->eps);
        break;
    case OPT_RMSPROP:
        k = snprintf(buf, n, "RMSprop(lr=%g, rho=%g, momentum=%g, eps=%g", (double)c->lr, (double)c->rho, (double)c->momentum, (double)c->eps);
        break;
    case OPT_ADAGRAD:
        k = snprintf(buf, n, "Adagrad(lr=%g, initial_accumulator_value=%g, eps=%g", (double)c->lr,
                     (double)c->initial_accumulator_value, (double)c->eps);
        break;
    default: k = snprintf(buf, n, "optimizer(");
    }
    if (k < 0 || (size_t)k >= n) return;
    if (c->weight_decay > 0) k += snprintf(buf + k, n - (size_t)k, ", weight_decay=%g", (double)c->weight_decay);
    if (k >= 0 && (size_t)k < n) snprintf(buf + k, n - (size_t)k, ")");
}

/* ---- the updates: one loop per kind over a parameter's n numbers ---- */

static void sgd_update(float *restrict w, const float *restrict g, float *restrict v, int64_t n, const optim_config *c)
{
    const float lr = c->lr, mu = c->momentum;
    if (!v) { for (int64_t k = 0; k < n; k++) w[k] -= lr * g[k]; return; }
    if (c->nesterov)
        for (int64_t k = 0; k < n; k++) { v[k] = mu * v[k] - lr * g[k]; w[k] += mu * v[k] - lr * g[k]; }
    else
        for (int64_t k = 0; k < n; k++) { v[k] = mu * v[k] - lr * g[k]; w[k] += v[k]; }
}

static void adam_update(float *restrict w, const float *restrict g, float *restrict m, float *restrict v, int64_t n,
                        const optim_config *c, int64_t t)
{
    const float b1 = c->beta1, b2 = c->beta2, eps = c->eps;
    const float alpha = (float)((double)c->lr * sqrt(1 - pow(c->beta2, (double)t)) / (1 - pow(c->beta1, (double)t)));
    for (int64_t k = 0; k < n; k++) {
        m[k] += (g[k] - m[k]) * (1 - b1);
        v[k] += (g[k] * g[k] - v[k]) * (1 - b2);
        w[k] -= alpha * m[k] / (sqrtf(v[k]) + eps);
    }
}

static void rmsprop_update(float *restrict w, const float *restrict g, float *restrict a, float *restrict mom,
                           int64_t n, const optim_config *c)
{
    const float rho = c->rho, lr = c->lr, eps = c->eps, mu = c->momentum;
    for (int64_t k = 0; k < n; k++) {
        a[k] = rho * a[k] + (1 - rho) * g[k] * g[k];
        float d = lr * g[k] / sqrtf(a[k] + eps);
        if (mom) { mom[k] = mu * mom[k] + d; w[k] -= mom[k]; }
        else w[k] -= d;
    }
}

static void adagrad_update(float *restrict w, const float *restrict g, float *restrict acc, int64_t n, const optim_config *c)
{
    const float lr = c->lr, eps = c->eps;
    for (int64_t k = 0; k < n; k++) {
        acc[k] += g[k] * g[k];
        w[k] -= lr * g[k] / sqrtf(acc[k] + eps);
    }
}

int optim_step(optimizer *o)
{
    const char *who = optim_kind_name[o->kind];
    if (!o->params) {
        ln_seterror("%s: not bound to any parameters; make it with optim.%s(model:parameters(), {...}) "
                    "or call opt:bind(params)", who, who);
        return -1;
    }
    if (optim_check_config(o->kind, &o->cfg) < 0) return -1;   /* fields may have been changed */
    o->iterations++;
    const optim_config *c = &o->cfg;
    for (int i = 0; i < o->nparams; i++) {
        tensor *p = o->params[i], *gt = p->grad;
        if (!gt) continue;
        if (gt->numel != p->numel) {
            char b1[96], b2[96];
            ln_seterror("%s: the gradient of parameter %d has shape %s, the parameter %s", who, i + 1,
                        ln_shape_str(b1, gt->ndim, gt->shape), ln_shape_str(b2, p->ndim, p->shape));
            return -1;
        }
        float *w = tensor_data(p), *tmp = NULL;
        const float *g = tensor_data(gt);
        if (!tensor_is_contiguous(gt)) {
            if (!(tmp = ln_alloc((size_t)gt->numel * sizeof *tmp))) return -1;
            tensor_copy_out(gt, tmp);
            g = tmp;
        }
        int64_t n = p->numel;
        if (c->weight_decay > 0) {
            const float f = 1 - c->lr * c->weight_decay;
            for (int64_t k = 0; k < n; k++) w[k] *= f;
        }
        float *s0 = NULL, *s1 = NULL;
        int rc = 0;
        switch (o->kind) {
        case OPT_SGD:
            if (c->momentum > 0 && !(s0 = slot_data(o, i, 0))) rc = -1;
            else sgd_update(w, g, s0, n, c);
            break;
        case OPT_ADAM:
            if (!(s0 = slot_data(o, i, 0)) || !(s1 = slot_data(o, i, 1))) rc = -1;
            else adam_update(w, g, s0, s1, n, c, o->iterations);
            break;
        case OPT_RMSPROP:
            if (!(s0 = slot_data(o, i, 0)) || (c->momentum > 0 && !(s1 = slot_data(o, i, 1)))) rc = -1;
            else rmsprop_update(w, g, s0, s1, n, c);
            break;
        case OPT_ADAGRAD:
            if (!(s0 = slot_data(o, i, 0))) rc = -1;
            else adagrad_update(w, g, s0, n, c);
            break;
        default: break;
        }
        ln_free(tmp);
        if (rc < 0) return -1;
    }
    return 0;
}
