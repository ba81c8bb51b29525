/* nnfunc.c — softmax, log_softmax and dropout, with their backwards.
 *
 * Uses tensor.h, autograd.h and the RNG of core.h. Softmax works on a contiguous tensor seen as
 * (outer, n, inner) around the softmax dim: inner == 1 (the last dim, the usual case) walks each
 * row; otherwise blocks of the inner positions are streamed row by row, reading memory in order. */

/* GCC 12's -O2 vectorizes only loops whose trip count is a known multiple of the vector width;
 * the kernels here have run-time lengths, so ask for the "cheap" cost model. Before the includes,
 * so that the inline helpers get it too. */
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC optimize("tree-vectorize", "vect-cost-model=cheap")
#endif

#include "tensor.h"
#include "autograd.h"

#include <math.h>

#define SB 256   /* inner positions per block: their running max and sums stay on the stack */

static int dim_ok(const char *who, const tensor *t, int dim)
{
    if (dim >= 0 && dim < t->ndim) return 1;
    ln_seterror("%s: dimension %d is out of range for a %d-D tensor", who, dim + 1, t->ndim);
    return 0;
}

/* t's geometry around dim: (outer, n, inner). */
static void around(const tensor *t, int dim, int64_t *outer, int64_t *n, int64_t *inner)
{
    *outer = 1; *inner = 1;
    for (int d = 0; d < dim; d++) *outer *= t->shape[d];
    for (int d = dim + 1; d < t->ndim; d++) *inner *= t->shape[d];
    *n = t->shape[dim];
}

/* A contiguous copy of t that is not recorded (scratch for a kernel); t itself if contiguous. */
static tensor *scratch_contiguous(tensor *t)
{
    int was = ag_set_enabled(0);
    tensor *c = tensor_contiguous(t);
    ag_set_enabled(was);
    return c;
}

/* ---- softmax, log_softmax ---- */

/* x, y: (outer, n, inner).  softmax: y = exp(x - max) / sum(exp(x - max));
 * log: y = x - max - log(sum(exp(x - max))). Subtracting the max keeps exp from overflowing. */
static void softmax_forward(const float *x, float *y, int64_t outer, int64_t n, int64_t inner, int log_)
{
    if (inner == 1) {
        for (int64_t o = 0; o < outer; o++) {
            const float *xr = x + o * n;
            float *yr = y + o * n;
            float m = -INFINITY;
            for (int64_t j = 0; j < n; j++) m = fmaxf(m, xr[j]);
            double s = 0;
            if (log_) {
                for (int64_t j = 0; j < n; j++) s += expf(xr[j] - m);
                float ls = (float)log(s);   /* (x - max) - log(sum): x - max is exact, x - (max + log) is not */
                for (int64_t j = 0; j < n; j++) yr[j] = (xr[j] - m) - ls;
            } else {
                for (int64_t j = 0; j < n; j++) { float e = expf(xr[j] - m); yr[j] = e; s += e; }
                float inv = (float)(1.0 / s);
                for (int64_t j = 0; j < n; j++) yr[j] *= inv;
            }
        }
        return;
    }
    for (int64_t o = 0; o < outer; o++)
        for (int64_t j0 = 0; j0 < inner; j0 += SB) {
            int b = (int)(inner - j0 < SB ? inner - j0 : SB);
            const float *xb = x + o * n * inner + j0;
            float *yb = y + o * n * inner + j0;
            float m[SB];
            double s[SB];
            for (int j = 0; j < b; j++) { m[j] = -INFINITY; s[j] = 0; }
            for (int64_t r = 0; r < n; r++)
                for (int j = 0; j < b; j++) m[j] = fmaxf(m[j], xb[r * inner + j]);
            for (int64_t r = 0; r < n; r++)
                for (int j = 0; j < b; j++) {
                    float e = expf(xb[r * inner + j] - m[j]);
                    if (!log_) yb[r * inner + j] = e;
                    s[j] += e;
                }
            if (log_) {
                float ls[SB];
                for (int j = 0; j < b; j++) ls[j] = (float)log(s[j]);
                for (int64_t r = 0; r < n; r++)
                    for (int j = 0; j < b; j++) yb[r * inner + j] = (xb[r * inner + j] - m[j]) - ls[j];
            } else {
                for (int j = 0; j < b; j++) m[j] = (float)(1.0 / s[j]);
                for (int64_t r = 0; r < n; r++)
                    for (int j = 0; j < b; j++) yb[r * inner + j] *= m[j];
            }
        }
}

/* y, dy, dx: (outer, n, inner).
 * softmax:     dx = y * (dy - sum(dy * y))
 * log_softmax: dx = dy - exp(y) * sum(dy) */
static void softmax_grad(const float *y, const float *dy, float *dx, int64_t outer, int64_t n, int64_t inner, int log_)
{
    if (inner == 1) {
        for (int64_t o = 0; o < outer; o++) {
            const float *yr = y + o * n, *gr = dy + o * n;
            float *dr = dx + o * n;
            double s = 0;
            if (log_) for (int64_t j = 0; j < n; j++) s += gr[j];
            else      for (int64_t j = 0; j < n; j++) s += (double)gr[j] * yr[j];
            float sf = (float)s;
            if (log_) for (int64_t j = 0; j < n; j++) dr[j] = gr[j] - expf(yr[j]) * sf;
            else      for (int64_t j = 0; j < n; j++) dr[j] = yr[j] * (gr[j] - sf);
        }
        return;
    }
    for (int64_t o = 0; o < outer; o++)
        for (int64_t j0 = 0; j0 < inner; j0 += SB) {
            int b = (int)(inner - j0 < SB ? inner - j0 : SB);
            int64_t base = o * n * inner + j0;
            const float *yb = y + base, *gb = dy + base;
            float *db = dx + base;
            double s[SB] = {0};
            for (int64_t r = 0; r < n; r++)
                for (int j = 0; j < b; j++) s[j] += log_ ? gb[r * inner + j] : (double)gb[r * inner + j] * yb[r * inner + j];
            for (int64_t r = 0; r < n; r++)
                for (int j = 0; j < b; j++) {
                    int64_t k = r * inner + j;
                    db[k] = log_ ? gb[k] - expf(yb[k]) * (float)s[j] : yb[k] * (gb[k] - (float)s[j]);
                }
        }
}

static int softmax_backward_(ag_node *nd, tensor *out, tensor *gout, int log_)
{
    tensor *x = nd->inputs[0];
    int64_t outer, n, inner;
    around(x, (int)nd->i[0], &outer, &n, &inner);
    tensor *y = tensor_contiguous(out), *g = tensor_contiguous(gout), *dx = tensor_empty(x->ndim, x->shape);
    int rc = -1;
    if (y && g && dx) {
        softmax_grad(tensor_data(y), tensor_data(g), tensor_data(dx), outer, n, inner, log_);
        rc = ag_accumulate(x, dx);
    }
    tensor_release(y);
    tensor_release(g);
    tensor_release(dx);
    return rc;
}

/* dx += y * (dy - sum(dy * y)) */
static int softmax_backward(ag_node *n, tensor *out, tensor *gout) { return softmax_backward_(n, out, gout, 0); }
static const ag_op op_softmax = {"softmax", softmax_backward};

/* dx += dy - softmax(x) * sum(dy) */
static int log_softmax_backward(ag_node *n, tensor *out, tensor *gout) { return softmax_backward_(n, out, gout, 1); }
static const ag_op op_log_softmax = {"log_softmax", log_softmax_backward};

static tensor *softmax_any(tensor *t, int dim, int log_)
{
    const ag_op *op = log_ ? &op_log_softmax : &op_softmax;
    if (!dim_ok(op->name, t, dim)) return NULL;
    tensor *c = scratch_contiguous(t), *y = c ? tensor_empty(t->ndim, t->shape) : NULL;
    if (y) {
        int64_t outer, n, inner;
        around(t, dim, &outer, &n, &inner);
        softmax_forward(tensor_data(c), tensor_data(y), outer, n, inner, log_);
        ag_node *node = ag_record(y, op, 1, &t);
        if (node) node->i[0] = dim;
    }
    tensor_release(c);
    return y;
}

tensor *tensor_softmax(tensor *t, int dim) { return softmax_any(t, dim, 0); }
tensor *tensor_log_softmax(tensor *t, int dim) { return softmax_any(t, dim, 1); }

/* ---- dropout ---- */

/* dx += dy * mask   (mask holds 0 or 1/(1-p)) */
static int dropout_backward(ag_node *n, tensor *out, tensor *gout)
{
    tensor *x = n->inputs[0], *mask = n->saved[0];
    tensor *g = tensor_contiguous(gout), *dx = tensor_empty(x->ndim, x->shape);
    int rc = -1;
    if (g && dx) {
        const float *gd = tensor_data(g), *md = tensor_data(mask);
        float *d = tensor_data(dx);
        for (int64_t k = 0; k < dx->numel; k++) d[k] = gd[k] * md[k];
        rc = ag_accumulate(x, dx);
    }
    tensor_release(g);
    tensor_release(dx);
    return rc;
}
static const ag_op op_dropout = {"dropout", dropout_backward};

tensor *tensor_dropout(tensor *t, float p)
{
    if (!(p >= 0 && p < 1)) {
        ln_seterror("dropout: p must be in [0, 1) (got %g)", (double)p);
        return NULL;
    }
    if (p == 0) return tensor_clone(t);   /* keeps everything; still a new tensor, as x * 1 */
    tensor *y = tensor_empty(t->ndim, t->shape);
    if (!y) return NULL;
    /* the mask is kept only when a backward will need it */
    tensor *mask = ag_enabled() && t->requires_grad ? tensor_empty(t->ndim, t->shape) : NULL;
    if (ag_enabled() && t->requires_grad && !mask) { tensor_release(y); return NULL; }
    float *yd = tensor_data(y), *md = mask ? tensor_data(mask) : NULL;
    float keep = 1.0f / (1.0f - p);   /* inverted dropout: the expected value stays x */
    tensor_copy_out(t, yd);
    for (int64_t k = 0; k < y->numel; k++) {
        float m = rng_uniform() >= (double)p ? keep : 0.0f;
        yd[k] *= m;
        if (md) md[k] = m;
    }
    ag_node *node = ag_record(y, &op_dropout, 1, &t);
    if (node) ag_save(node, 0, mask);
    tensor_release(mask);
    return y;
}
