/* reduce.c — reductions (sum mean max min var std argmax argmin) over one dim or over
 * everything, and sum_to (the gradient of broadcasting), each with its backward.
 *
 * Uses tensor.h and autograd.h. Kernels read the input where it lies (any strides, no copy) and
 * write a fresh contiguous output; sums accumulate in double. A reduction is planned as
 * "n elements sd apart, for each output position" and run one of two ways:
 *   line: per output, walk its n elements (best when they are adjacent: the last dim);
 *   rows: per row of outputs, stream the reduced dim row by row into a block of accumulators
 *         (best for dim 0 of [N,K]: reads memory in order, and the compiler vectorizes it). */

/* GCC 12's -O2 vectorizes only loops whose trip count is a known multiple of the vector width;
 * the kernels here have run-time lengths, so ask for the "cheap" cost model. Before the includes,
 * so that the inline helpers get it too. */
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC optimize("tree-vectorize", "vect-cost-model=cheap")
#endif

#include "tensor.h"
#include "autograd.h"

#include <math.h>
#include <string.h>

const char *const redop_name[RED_COUNT] = {"sum", "mean", "max", "min", "var", "std", "argmax", "argmin"};

/* ---- planning ---- */

typedef struct {
    int64_t n, sd;                              /* reduced elements and their stride */
    int nr;                                     /* dims left after dropping size-1 ones and merging */
    int64_t rshape[T_MAXDIM], rstride[T_MAXDIM];
    int64_t nout;                               /* output positions, row-major over those dims */
} rplan;

/* Plans reducing t over dim (dim < 0: everything). Returns -1 when everything must be reduced
 * but t's elements do not form one strided line (then the caller reduces a contiguous copy). */
static int plan_make(rplan *p, const tensor *t, int dim)
{
    p->nr = 0;
    p->nout = 1;
    if (dim < 0) {
        p->n = t->numel;
        p->sd = 1;
        if (t->numel <= 1) return 0;
        int have = 0;
        int64_t len = 1;
        for (int d = t->ndim - 1; d >= 0; d--) {
            if (t->shape[d] == 1) continue;
            if (!have) { p->sd = t->stride[d]; len = t->shape[d]; have = 1; }
            else if (t->stride[d] == len * p->sd) len *= t->shape[d];
            else return -1;
        }
        return 0;
    }
    p->n = t->shape[dim];
    p->sd = t->stride[dim];
    for (int d = 0; d < t->ndim; d++) {
        if (d == dim) continue;
        p->nout *= t->shape[d];
        if (t->shape[d] == 1) continue;
        if (p->nr > 0 && p->rstride[p->nr - 1] == t->shape[d] * t->stride[d]) {
            p->rshape[p->nr - 1] *= t->shape[d];          /* row-major neighbours: one dim */
            p->rstride[p->nr - 1] = t->stride[d];
        } else {
            p->rshape[p->nr] = t->shape[d];
            p->rstride[p->nr] = t->stride[d];
            p->nr++;
        }
    }
    return 0;
}

/* The rows way pays when the output positions are closer together than the reduced elements. */
static int plan_rows(const rplan *p) { return p->nr > 0 && p->n > 1 && p->rstride[p->nr - 1] < p->sd; }

/* A contiguous copy of t that is not recorded (scratch for a kernel). */
static tensor *scratch_contiguous(tensor *t)
{
    int was = ag_set_enabled(0);
    tensor *c = tensor_contiguous(t);
    ag_set_enabled(was);
    return c;
}

/* ---- kernels ---- */

static int want_of(redop op) { return op == RED_MAX || op == RED_ARGMAX ? 1 : -1; }

/* The max (want > 0) or min of x[0], x[sd], ..; NaN when any is NaN, as numpy. Written as a
 * select plus a NaN flag, so that the compiler turns it into vector max/min instructions. */
static float extreme_line(const float *x, int64_t n, int64_t sd, int want)
{
    float best = x[0];
    int nan = 0;
    int64_t r = 1;
    if (sd == 1 && n >= 32) {
        /* 16 lanes side by side: element-wise selects vectorize, a running one would not */
        float lane[16];
        int ln[16];
        for (int k = 0; k < 16; k++) { lane[k] = x[k]; ln[k] = 0; }
        for (r = 16; r + 16 <= n; r += 16) {
            const float *xr = x + r;
            if (want > 0) for (int k = 0; k < 16; k++) { float v = xr[k]; lane[k] = v > lane[k] ? v : lane[k]; ln[k] |= v != v; }
            else          for (int k = 0; k < 16; k++) { float v = xr[k]; lane[k] = v < lane[k] ? v : lane[k]; ln[k] |= v != v; }
        }
        for (int k = 0; k < 16; k++) {
            float v = lane[k];
            best = want > 0 ? (v > best ? v : best) : (v < best ? v : best);
            nan |= ln[k] | (v != v);
        }
    }
    if (want > 0) for (; r < n; r++) { float v = x[r * sd]; best = v > best ? v : best; nan |= v != v; }
    else          for (; r < n; r++) { float v = x[r * sd]; best = v < best ? v : best; nan |= v != v; }
    return nan || best != best ? NAN : best;
}

/* Whether element e is the extreme v found (a NaN extreme is matched by any NaN). */
static inline int is_extreme(float e, float v) { return e == v || (e != e && v != v); }

/* Sum of x[0], x[sd], .. in double; with m given (not NaN), the sum of squared deviations from m.
 * Contiguous lines run in 16 double lanes side by side, which the compiler vectorizes (a single
 * running double sum it may not reorder). */
static double sum_line(const float *x, int64_t n, int64_t sd, double m)
{
    int sq = !isnan(m);
    double s = 0;
    int64_t r = 0;
    if (sd == 1 && n >= 16) {
        double lane[16] = {0};
        for (; r + 16 <= n; r += 16) {
            const float *xr = x + r;
            if (sq) for (int k = 0; k < 16; k++) { double d = xr[k] - m; lane[k] += d * d; }
            else    for (int k = 0; k < 16; k++) lane[k] += xr[k];
        }
        for (int k = 0; k < 16; k++) s += lane[k];
    }
    if (sq) for (; r < n; r++) { double d = x[r * sd] - m; s += d * d; }
    else    for (; r < n; r++) s += x[r * sd];
    return s;
}

/* Reduces x[0], x[sd], .., x[(n-1)sd]. For the max/min family, *arg (when arg is not NULL; always
 * for argmax/argmin) gets the first position of the extreme. */
static double reduce_line(redop op, const float *x, int64_t n, int64_t sd, int64_t *arg)
{
    switch (op) {
    case RED_SUM: return sum_line(x, n, sd, NAN);
    case RED_MEAN: return sum_line(x, n, sd, NAN) / (double)n;      /* n = 0 gives NaN, as numpy */
    case RED_VAR: case RED_STD: {
        double m = sum_line(x, n, sd, NAN) / (double)n;
        double v = isnan(m) ? m : sum_line(x, n, sd, m) / (double)n;   /* two passes: no cancellation */
        return op == RED_VAR ? v : sqrt(v);
    }
    default: {
        /* the value first (vectorized), then its first position: ties go to the first, as numpy */
        float best = extreme_line(x, n, sd, want_of(op));
        int argop = op == RED_ARGMAX || op == RED_ARGMIN;
        if (!argop && !arg) return best;
        int64_t bi = 0;
        while (bi < n - 1 && !is_extreme(x[bi * sd], best)) bi++;
        if (arg) *arg = bi;
        return argop ? (double)bi : best;
    }
    }
}

#define RB 1024   /* outputs per block of the rows way: the accumulators (32 KB) stay on the stack */

/* One row of L outputs sl apart, each reducing n elements sd apart: out[j], arg[j] for j < L. */
static void reduce_rows(redop op, const float *x, int64_t L, int64_t sl, int64_t n, int64_t sd,
                        float *out, int64_t *arg)
{
    for (int64_t j0 = 0; j0 < L; j0 += RB) {
        int b = (int)(L - j0 < RB ? L - j0 : RB);
        const float *xb = x + j0 * sl;
        if (op == RED_MAX || op == RED_MIN || op == RED_ARGMAX || op == RED_ARGMIN) {
            float best[RB];
            int nan[RB];
            int want = want_of(op);
            for (int j = 0; j < b; j++) { best[j] = xb[j * sl]; nan[j] = 0; }
            for (int64_t r = 1; r < n; r++) {
                const float *xr = xb + r * sd;
                if (sl == 1 && want > 0) for (int j = 0; j < b; j++) { float v = xr[j]; best[j] = v > best[j] ? v : best[j]; nan[j] |= v != v; }
                else if (sl == 1)        for (int j = 0; j < b; j++) { float v = xr[j]; best[j] = v < best[j] ? v : best[j]; nan[j] |= v != v; }
                else if (want > 0)       for (int j = 0; j < b; j++) { float v = xr[j * sl]; best[j] = v > best[j] ? v : best[j]; nan[j] |= v != v; }
                else                     for (int j = 0; j < b; j++) { float v = xr[j * sl]; best[j] = v < best[j] ? v : best[j]; nan[j] |= v != v; }
            }
            for (int j = 0; j < b; j++) if (nan[j]) best[j] = NAN;
            if (op == RED_MAX || op == RED_MIN) for (int j = 0; j < b; j++) out[j0 + j] = best[j];
            if (op == RED_MAX || op == RED_MIN) if (!arg) continue;
            /* positions: the first row where each column meets its extreme */
            int64_t bi[RB];
            int left = b;
            for (int j = 0; j < b; j++) bi[j] = -1;
            for (int64_t r = 0; r < n && left > 0; r++) {
                const float *xr = xb + r * sd;
                for (int j = 0; j < b; j++)
                    if (bi[j] < 0 && is_extreme(xr[j * sl], best[j])) { bi[j] = r; left--; }
            }
            for (int j = 0; j < b; j++) {
                if (op == RED_ARGMAX || op == RED_ARGMIN) out[j0 + j] = (float)bi[j];
                if (arg) arg[j0 + j] = bi[j];
            }
            continue;
        }
        double acc[RB] = {0};
        for (int64_t r = 0; r < n; r++) {
            const float *xr = xb + r * sd;
            if (sl == 1) for (int j = 0; j < b; j++) acc[j] += xr[j];
            else for (int j = 0; j < b; j++) acc[j] += xr[j * sl];
        }
        if (op == RED_SUM) { for (int j = 0; j < b; j++) out[j0 + j] = (float)acc[j]; continue; }
        for (int j = 0; j < b; j++) acc[j] /= (double)n;
        if (op == RED_MEAN) { for (int j = 0; j < b; j++) out[j0 + j] = (float)acc[j]; continue; }
        double sq[RB] = {0};   /* var: a second pass over the deviations from the mean */
        for (int64_t r = 0; r < n; r++) {
            const float *xr = xb + r * sd;
            for (int j = 0; j < b; j++) { double d = xr[j * sl] - acc[j]; sq[j] += d * d; }
        }
        for (int j = 0; j < b; j++)
            out[j0 + j] = (float)(op == RED_VAR ? sq[j] / (double)n : sqrt(sq[j] / (double)n));
    }
}

/* Runs plan p over t's storage: out[k] (and arg[k] when arg is not NULL) for each output k. */
static void reduce_run(redop op, const tensor *t, const rplan *p, float *out, int64_t *arg)
{
    const float *base = t->st->data;
    if (p->nout == 0) return;
    offset_iter it;
    if (plan_rows(p)) {
        int64_t L = p->rshape[p->nr - 1], sl = p->rstride[p->nr - 1];
        oiter_init(&it, p->nr - 1, p->rshape, p->rstride, t->offset);
        for (int64_t k = 0; k < p->nout; k += L) {
            reduce_rows(op, base + it.off, L, sl, p->n, p->sd, out + k, arg ? arg + k : NULL);
            oiter_next(&it);
        }
        return;
    }
    oiter_init(&it, p->nr, p->rshape, p->rstride, t->offset);
    for (int64_t k = 0; k < p->nout; k++) {
        out[k] = (float)reduce_line(op, base + it.off, p->n, p->sd, arg ? arg + k : NULL);
        oiter_next(&it);
    }
}

/* Reduces t (which may be non-contiguous) into out; arg as in reduce_run. */
static int reduce_into(redop op, tensor *t, int dim, float *out, int64_t *arg)
{
    rplan p;
    if (plan_make(&p, t, dim) == 0) { reduce_run(op, t, &p, out, arg); return 0; }
    tensor *c = scratch_contiguous(t);
    if (!c) return -1;
    plan_make(&p, c, dim);
    reduce_run(op, c, &p, out, arg);
    tensor_release(c);
    return 0;
}

/* ---- backwards ---- */

/* dx[k-th output's elements] = g[k] * scale, for a fresh contiguous dx of the input's shape. */
static void spread(float *dx, const rplan *p, const float *g, double scale)
{
    offset_iter it;
    if (p->nout == 0) return;
    if (plan_rows(p)) {
        int64_t L = p->rshape[p->nr - 1], sl = p->rstride[p->nr - 1];
        oiter_init(&it, p->nr - 1, p->rshape, p->rstride, 0);
        for (int64_t k = 0; k < p->nout; k += L) {
            for (int64_t r = 0; r < p->n; r++) {
                float *d = dx + it.off + r * p->sd;
                for (int64_t j = 0; j < L; j++) d[j * sl] = (float)(g[k + j] * scale);
            }
            oiter_next(&it);
        }
        return;
    }
    oiter_init(&it, p->nr, p->rshape, p->rstride, 0);
    for (int64_t k = 0; k < p->nout; k++) {
        float v = (float)(g[k] * scale);
        for (int64_t r = 0; r < p->n; r++) dx[it.off + r * p->sd] = v;
        oiter_next(&it);
    }
}

/* dx += dy broadcast back along the reduced dim, times scale */
static int spread_backward(ag_node *nd, tensor *gout, int mean)
{
    tensor *x = nd->inputs[0];
    int dim = (int)nd->i[0];
    tensor *g = tensor_contiguous(gout), *dx = tensor_empty(x->ndim, x->shape);
    int rc = -1;
    if (g && dx) {
        rplan p;
        plan_make(&p, dx, dim);
        spread(tensor_data(dx), &p, tensor_data(g), mean && p.n ? 1.0 / (double)p.n : 1.0);
        rc = ag_accumulate(x, dx);
    }
    tensor_release(g);
    tensor_release(dx);
    return rc;
}

/* dx += dy */
static int sum_backward(ag_node *n, tensor *out, tensor *gout) { return spread_backward(n, gout, 0); }
/* dx += dy / n */
static int mean_backward(ag_node *n, tensor *out, tensor *gout) { return spread_backward(n, gout, 1); }

/* dx[argmax] += dy   (the first maximum takes it all, as in PyTorch's max(dim)) */
static int maxmin_backward(ag_node *nd, tensor *out, tensor *gout)
{
    tensor *x = nd->inputs[0];
    int dim = (int)nd->i[0];
    redop op = nd->i[2] == RED_MAX ? RED_ARGMAX : RED_ARGMIN;
    /* the positions are found again rather than saved: float indices would be inexact past 2^24 */
    int64_t nout = gout->numel;
    int64_t *arg = ln_alloc((size_t)(nout ? nout : 1) * sizeof *arg);
    float *scratch = ln_alloc((size_t)(nout ? nout : 1) * sizeof *scratch);
    tensor *g = tensor_contiguous(gout), *dx = tensor_zeros(x->ndim, x->shape);
    int rc = -1;
    if (arg && scratch && g && dx && reduce_into(op, x, dim, scratch, arg) == 0) {
        rplan p;
        plan_make(&p, dx, dim);
        float *d = tensor_data(dx);
        const float *gd = tensor_data(g);
        offset_iter it;
        oiter_init(&it, p.nr, p.rshape, p.rstride, 0);
        for (int64_t k = 0; k < p.nout; k++) { d[it.off + arg[k] * p.sd] = gd[k]; oiter_next(&it); }
        rc = ag_accumulate(x, dx);
    }
    ln_free(arg);
    ln_free(scratch);
    tensor_release(g);
    tensor_release(dx);
    return rc;
}

/* var: dx += dy * 2 (x - mean) / n;   std: dx += dy * (x - mean) / (n * std) */
static int varstd_backward(ag_node *nd, tensor *out, tensor *gout)
{
    int dim = (int)nd->i[0], is_std = nd->i[2] == RED_STD;
    tensor *x = tensor_contiguous(nd->inputs[0]);
    tensor *mean = x ? tensor_reduce(RED_MEAN, x, dim, 0) : NULL;
    tensor *g = tensor_contiguous(gout), *o = tensor_contiguous(out);
    tensor *dx = x ? tensor_empty(x->ndim, x->shape) : NULL;
    int rc = -1;
    if (x && mean && g && o && dx) {
        rplan p;
        plan_make(&p, dx, dim);
        const float *xd = tensor_data(x), *md = tensor_data(mean), *gd = tensor_data(g), *od = tensor_data(o);
        float *d = tensor_data(dx);
        offset_iter it;
        oiter_init(&it, p.nr, p.rshape, p.rstride, 0);
        for (int64_t k = 0; k < p.nout; k++) {
            double c;
            if (!is_std) c = 2.0 / (double)p.n;
            else c = od[k] > 0 ? 1.0 / ((double)p.n * od[k]) : 0.0;   /* std = 0: no direction moves it; 0, not NaN */
            c *= gd[k];
            for (int64_t r = 0; r < p.n; r++) {
                int64_t off = it.off + r * p.sd;
                d[off] = (float)(c * ((double)xd[off] - md[k]));
            }
            oiter_next(&it);
        }
        rc = ag_accumulate(nd->inputs[0], dx);
    }
    tensor_release(x);
    tensor_release(mean);
    tensor_release(g);
    tensor_release(o);
    tensor_release(dx);
    return rc;
}

/* One row per op; argmax/argmin have no gradient and are never recorded. */
static const ag_op red_ops[RED_COUNT] = {
    [RED_SUM] = {"sum", sum_backward},
    [RED_MEAN] = {"mean", mean_backward},
    [RED_MAX] = {"max", maxmin_backward},
    [RED_MIN] = {"min", maxmin_backward},
    [RED_VAR] = {"var", varstd_backward},
    [RED_STD] = {"std", varstd_backward},
    [RED_ARGMAX] = {"argmax", NULL},
    [RED_ARGMIN] = {"argmin", NULL},
};

tensor *tensor_reduce(redop op, tensor *t, int dim, int keepdim)
{
    if ((int)op < 0 || op >= RED_COUNT) { ln_seterror("reduce: unknown reduction %d", (int)op); return NULL; }
    const char *who = redop_name[op];
    if (dim >= t->ndim) {
        ln_seterror("%s: dimension %d is out of range for a %d-D tensor", who, dim + 1, t->ndim);
        return NULL;
    }
    int64_t n = dim < 0 ? t->numel : t->shape[dim];
    if (n == 0 && op != RED_SUM && op != RED_MEAN && op != RED_VAR && op != RED_STD) {
        ln_seterror("%s: cannot reduce an empty %s", who, dim < 0 ? "tensor" : "dimension");
        return NULL;
    }
    int64_t shape[T_MAXDIM];
    int nd = 0;
    if (dim >= 0)
        for (int d = 0; d < t->ndim; d++) {
            if (d != dim) shape[nd++] = t->shape[d];
            else if (keepdim) shape[nd++] = 1;
        }
    tensor *out = tensor_empty(nd, shape);
    if (!out) return NULL;
    if (reduce_into(op, t, dim, tensor_data(out), NULL) < 0) { tensor_release(out); return NULL; }
    if (red_ops[op].backward) {
        ag_node *node = ag_record(out, &red_ops[op], 1, &t);
        if (node) { node->i[0] = dim; node->i[1] = keepdim; node->i[2] = op; }
    }
    return out;
}

/* ---- sum_to ---- */

/* dx += broadcast(dy, x.shape) */
static int sum_to_backward(ag_node *n, tensor *out, tensor *gout)
{
    tensor *x = n->inputs[0];
    tensor *g = tensor_expand(gout, x->ndim, x->shape);
    int rc = g ? ag_accumulate(x, g) : -1;
    tensor_release(g);
    return rc;
}
static const ag_op op_sum_to = {"sum_to", sum_to_backward};

tensor *tensor_sum_to(tensor *t, int ndim, const int64_t *shape)
{
    char b1[96], b2[96];
    int lead = t->ndim - ndim, ok = lead >= 0;
    for (int d = 0; ok && d < ndim; d++) ok = shape[d] == t->shape[lead + d] || shape[d] == 1;
    if (!ok) {
        ln_seterror("sum_to: cannot sum %s down to %s", ln_shape_str(b1, t->ndim, t->shape), ln_shape_str(b2, ndim, shape));
        return NULL;
    }
    if (lead == 0) {
        int same = 1;
        for (int d = 0; d < ndim; d++) same &= shape[d] == t->shape[d];
        if (same) return tensor_retain(t);   /* nothing to sum */
    }
    /* The common case, a bias gradient: the kept dims are trailing and whole, the summed ones
     * leading, so t is (R, K) -> (K), one pass down the rows. */
    int p = t->ndim;
    while (p > lead && shape[p - 1 - lead] == t->shape[p - 1]) p--;
    int leading = 1;
    for (int d = lead; d < p; d++) leading &= shape[d - lead] == 1;
    if (leading && tensor_is_contiguous(t)) {
        int64_t R = 1, K = 1;
        for (int d = 0; d < p; d++) R *= t->shape[d];
        for (int d = p; d < t->ndim; d++) K *= t->shape[d];
        tensor *out = tensor_empty(ndim, shape);
        if (!out) return NULL;
        const float *x = tensor_data(t);
        float *o = tensor_data(out);
        if (K == 1) o[0] = (float)sum_line(x, R, 1, NAN);
        else reduce_rows(RED_SUM, x, K, 1, R, K, o, NULL);
        ag_record(out, &op_sum_to, 1, &t);
        return out;
    }
    /* Otherwise one keepdim sum per summed dim (each recorded), then drop the leading dims. */
    tensor *cur = tensor_retain(t);
    for (int d = t->ndim - 1; d >= 0 && cur; d--) {
        if (d >= lead && !(shape[d - lead] == 1 && t->shape[d] != 1)) continue;
        tensor *next = tensor_reduce(RED_SUM, cur, d, 1);
        tensor_release(cur);
        cur = next;
    }
    if (!cur) return NULL;
    tensor *out = tensor_reshape(cur, ndim, shape);
    tensor_release(cur);
    return out;
}
