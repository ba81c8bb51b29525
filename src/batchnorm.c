/* batchnorm.c — batch normalization over the last axis as one fused op, with its backward.
 *
 *   y = gamma * (x - mean) / sqrt(var + eps) + beta        per channel c = the last index of x
 *
 * Training: mean and var are the batch's (over every row of x seen as [M, C]; var with ddof 0),
 * and the moving statistics are updated in place as Keras does:
 *   moving = moving * momentum + batch * (1 - momentum).
 * Evaluation: mean and var are the moving ones, and nothing is updated. The moving statistics
 * are buffers, never differentiated. With xhat = (x - mean) * invstd, the backward is
 *   dbeta += sum dy,   dgamma += sum dy * xhat,
 *   dx += gamma * invstd * (dy - sum(dy) / M - xhat * sum(dy * xhat) / M)   (training)
 *   dx += gamma * invstd * dy                                              (evaluation)
 * One fused op rather than a chain of recorded ones: three passes over x instead of a dozen,
 * and statistics accumulated in double.
 *
 * Uses core.h, tensor.h and autograd.h. Inputs are borrowed; the result is a new reference. */
#include "tensor.h"
#include "autograd.h"

#include <math.h>
#include <string.h>

/* A contiguous version of t that is not recorded: t itself (retained) when already contiguous. */
static tensor *plain_contiguous(tensor *t)
{
    if (tensor_is_contiguous(t)) return tensor_retain(t);
    tensor *c = tensor_empty(t->ndim, t->shape);
    if (c) tensor_copy_out(t, tensor_data(c));
    return c;
}

static int check_channels(const char *what, const tensor *t, int64_t C, const tensor *x)
{
    char b1[96], b2[96];
    if (!t || (t->ndim == 1 && t->shape[0] == C)) return 0;
    ln_seterror("batch_norm: %s %s does not match the %lld channels of the input %s", what,
                ln_shape_str(b1, t->ndim, t->shape), (long long)C, ln_shape_str(b2, x->ndim, x->shape));
    return -1;
}

/* Element k of a 1-D tensor (of any stride), or dflt when t is NULL. */
static inline float at(const tensor *t, int64_t k, float dflt)
{
    return t ? t->st->data[t->offset + k * t->stride[0]] : dflt;
}

/* inputs: x, gamma, beta (either may be NULL); saved[0]: [2, C] the mean and invstd used;
 * i[0]: 1 when the statistics were the batch's */
static int batch_norm_backward(ag_node *n, tensor *out, tensor *gout)
{
    tensor *x = n->inputs[0], *gamma = n->inputs[1], *beta = n->inputs[2], *stats = n->saved[0];
    const int64_t C = x->shape[x->ndim - 1], M = C > 0 ? x->numel / C : 0;
    const int batch_stats = (int)n->i[0];
    const float *mean = tensor_data(stats), *invstd = mean + C;
    tensor *xc = plain_contiguous(x), *gc = plain_contiguous(gout), *dx = NULL, *dg = NULL, *db = NULL;
    double *sum = ln_calloc((size_t)(2 * C + 1), sizeof *sum);   /* sum dy, then sum dy * xhat */
    int rc = -1;
    if (!xc || !gc || !sum) goto done;
    const float *xd = tensor_data(xc), *dy = tensor_data(gc);
    double *sdy = sum, *sdx = sum + C;
    for (int64_t r = 0; r < M; r++) {
        const float *xr = xd + r * C, *gr = dy + r * C;
        for (int64_t c = 0; c < C; c++) {
            sdy[c] += gr[c];
            sdx[c] += (double)gr[c] * ((xr[c] - mean[c]) * invstd[c]);
        }
    }
    if (ag_needs(n, 1)) {
        if (!(dg = tensor_empty(1, &C))) goto done;
        for (int64_t c = 0; c < C; c++) tensor_data(dg)[c] = (float)sdx[c];
        if (ag_accumulate(gamma, dg) < 0) goto done;
    }
    if (ag_needs(n, 2)) {
        if (!(db = tensor_empty(1, &C))) goto done;
        for (int64_t c = 0; c < C; c++) tensor_data(db)[c] = (float)sdy[c];
        if (ag_accumulate(beta, db) < 0) goto done;
    }
    if (ag_needs(n, 0)) {
        if (!(dx = tensor_empty(x->ndim, x->shape))) goto done;
        float *d = tensor_data(dx);
        /* per channel: dx = k * (dy - a - xhat * s), with k = gamma * invstd */
        float *k = ln_alloc((size_t)(3 * C + 1) * sizeof *k);
        if (!k) goto done;
        float *a = k + C, *s = a + C;
        for (int64_t c = 0; c < C; c++) {
            k[c] = at(gamma, c, 1.0f) * invstd[c];
            a[c] = batch_stats ? (float)(sdy[c] / (double)M) : 0.0f;
            s[c] = batch_stats ? (float)(sdx[c] / (double)M) : 0.0f;
        }
        for (int64_t r = 0; r < M; r++) {
            const float *xr = xd + r * C, *gr = dy + r * C;
            float *dr = d + r * C;
            for (int64_t c = 0; c < C; c++) {
                float xhat = (xr[c] - mean[c]) * invstd[c];
                dr[c] = k[c] * (gr[c] - a[c] - xhat * s[c]);
            }
        }
        ln_free(k);
        if (ag_accumulate(x, dx) < 0) goto done;
    }
    rc = 0;
done:
    ln_free(sum);
    tensor_release(xc); tensor_release(gc); tensor_release(dx); tensor_release(dg); tensor_release(db);
    return rc;
}
static const ag_op op_batch_norm = {"batch_norm", batch_norm_backward};

tensor *tensor_batch_norm(tensor *x, tensor *gamma, tensor *beta, tensor *moving_mean, tensor *moving_var,
                          int training, float momentum, float eps)
{
    char b[96];
    if (x->ndim < 1) { ln_seterror("batch_norm: expected at least [N,C], got a 0-d tensor"); return NULL; }
    const int64_t C = x->shape[x->ndim - 1], M = C > 0 ? x->numel / C : 0;
    if (check_channels("gamma", gamma, C, x) < 0 || check_channels("beta", beta, C, x) < 0 ||
        check_channels("moving mean", moving_mean, C, x) < 0 || check_channels("moving variance", moving_var, C, x) < 0)
        return NULL;
    if (!moving_mean || !moving_var) { ln_seterror("batch_norm: the moving mean and variance are needed"); return NULL; }
    if (!(eps > 0) || !(momentum >= 0 && momentum <= 1)) {
        ln_seterror("batch_norm: epsilon must be > 0 and momentum in [0, 1] (got %g and %g)", (double)eps,
                    (double)momentum);
        return NULL;
    }
    if (training && M == 0) {
        ln_seterror("batch_norm: batch statistics of an empty batch %s", ln_shape_str(b, x->ndim, x->shape));
        return NULL;
    }
    int64_t sshape[2] = {2, C};
    tensor *xc = plain_contiguous(x), *stats = tensor_empty(2, sshape), *out = NULL;
    double *acc = ln_calloc((size_t)(2 * C + 1), sizeof *acc);
    if (!xc || !stats || !acc) goto done;
    const float *xd = tensor_data(xc);
    float *mean = tensor_data(stats), *invstd = mean + C;
    if (training) {
        /* two passes (mean, then squared deviations), in double: no cancellation */
        double *s = acc, *ss = acc + C;
        for (int64_t r = 0; r < M; r++)
            for (int64_t c = 0; c < C; c++) s[c] += xd[r * C + c];
        for (int64_t c = 0; c < C; c++) s[c] /= (double)M;
        for (int64_t r = 0; r < M; r++)
            for (int64_t c = 0; c < C; c++) { double d = xd[r * C + c] - s[c]; ss[c] += d * d; }
        float *mm = moving_mean->st->data + moving_mean->offset, *mv = moving_var->st->data + moving_var->offset;
        int64_t ms = moving_mean->stride[0], vs = moving_var->stride[0];
        for (int64_t c = 0; c < C; c++) {
            double var = ss[c] / (double)M;
            mean[c] = (float)s[c];
            invstd[c] = (float)(1.0 / sqrt(var + (double)eps));
            mm[c * ms] = (float)(mm[c * ms] * (double)momentum + s[c] * (1.0 - (double)momentum));
            mv[c * vs] = (float)(mv[c * vs] * (double)momentum + var * (1.0 - (double)momentum));
        }
    } else {
        for (int64_t c = 0; c < C; c++) {
            mean[c] = at(moving_mean, c, 0.0f);
            invstd[c] = (float)(1.0 / sqrt((double)at(moving_var, c, 1.0f) + (double)eps));
        }
    }
    if (!(out = tensor_empty(x->ndim, x->shape))) goto done;
    /* y = xhat * gamma + beta = x * k + (beta - mean * k), k = gamma * invstd */
    float *k = ln_alloc((size_t)(2 * C + 1) * sizeof *k);
    if (!k) { tensor_release(out); out = NULL; goto done; }
    float *sh = k + C;
    for (int64_t c = 0; c < C; c++) {
        k[c] = at(gamma, c, 1.0f) * invstd[c];
        sh[c] = at(beta, c, 0.0f) - mean[c] * k[c];
    }
    float *o = tensor_data(out);
    for (int64_t r = 0; r < M; r++)
        for (int64_t c = 0; c < C; c++) o[r * C + c] = xd[r * C + c] * k[c] + sh[c];
    ln_free(k);
    tensor *in[3] = {x, gamma, beta};
    ag_node *node = ag_record(out, &op_batch_norm, 3, in);
    if (node) { node->i[0] = training != 0; ag_save(node, 0, stats); }
done:
    ln_free(acc);
    tensor_release(xc);
    tensor_release(stats);
    return out;
}
