/* losses.c — mse, binary, categorical and sparse categorical cross-entropy: each a forward that
 * checks shapes and computes the mean in double, and a fused backward beside it (see losses.h).
 * Uses tensor.h and autograd.h. */
#include "losses.h"
#include "autograd.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

const char *const loss_name[LOSS_COUNT] = {
    "mse", "binary_crossentropy", "categorical_crossentropy", "sparse_categorical_crossentropy"
};

int loss_from_name(const char *name)
{
    static const struct { const char *alias; loss_kind k; } aliases[] = {
        {"mean_squared_error", LOSS_MSE}, {"MeanSquaredError", LOSS_MSE},
        {"BinaryCrossentropy", LOSS_BINARY_CROSSENTROPY},
        {"CategoricalCrossentropy", LOSS_CATEGORICAL_CROSSENTROPY},
        {"SparseCategoricalCrossentropy", LOSS_SPARSE_CATEGORICAL_CROSSENTROPY},
    };
    for (int k = 0; k < LOSS_COUNT; k++)
        if (strcmp(loss_name[k], name) == 0) return k;
    for (size_t k = 0; k < sizeof aliases / sizeof *aliases; k++)
        if (strcmp(aliases[k].alias, name) == 0) return (int)aliases[k].k;
    ln_seterror("loss: unknown loss '%s' (valid: mse, binary_crossentropy, categorical_crossentropy, "
                "sparse_categorical_crossentropy)", name);
    return -1;
}

tensor *loss_compute(loss_kind k, tensor *pred, tensor *target)
{
    switch (k) {
    case LOSS_MSE: return loss_mse(pred, target);
    case LOSS_BINARY_CROSSENTROPY: return loss_binary_crossentropy(pred, target, 0);
    case LOSS_CATEGORICAL_CROSSENTROPY: return loss_categorical_crossentropy(pred, target, 0);
    case LOSS_SPARSE_CATEGORICAL_CROSSENTROPY: return loss_sparse_categorical_crossentropy(pred, target, 0);
    default: break;
    }
    ln_seterror("loss: unknown loss %d", (int)k);
    return NULL;
}

/* ---- reading elements, giving gradients, checking shapes ---- */

/* t's elements in row-major order: t's own buffer when contiguous, else a copy in *tmp. */
static const float *read_data(const tensor *t, float **tmp)
{
    *tmp = NULL;
    if (tensor_is_contiguous(t)) return tensor_data(t);
    *tmp = ln_alloc((size_t)(t->numel ? t->numel : 1) * sizeof(float));
    if (!*tmp) return NULL;
    tensor_copy_out(t, *tmp);
    return *tmp;
}

/* Gives grad (a new tensor of x's shape holding g) to x, then drops it. */
static int give_grad(tensor *x, tensor *g)
{
    int rc = ag_accumulate(x, g);
    tensor_release(g);
    return rc;
}

static tensor *grad_like(const tensor *x) { return tensor_empty(x->ndim, x->shape); }

/* Equal shapes, or shapes equal but for one trailing dim of 1 ([N,1] and [N]). */
static int elementwise_compatible(const tensor *a, const tensor *b)
{
    if (tensor_same_shape(a, b)) return 1;
    const tensor *lo = a->ndim < b->ndim ? a : b, *hi = a->ndim < b->ndim ? b : a;
    if (hi->ndim != lo->ndim + 1 || hi->shape[hi->ndim - 1] != 1) return 0;
    return memcmp(lo->shape, hi->shape, (size_t)lo->ndim * sizeof *lo->shape) == 0;
}

static int check_elementwise(const char *who, const tensor *pred, const tensor *target)
{
    char b1[96], b2[96];
    if (elementwise_compatible(pred, target)) {
        if (pred->numel == 0) { ln_seterror("%s: the batch is empty (prediction %s)", who, ln_shape_str(b1, pred->ndim, pred->shape)); return -1; }
        return 0;
    }
    ln_shape_str(b1, pred->ndim, pred->shape);
    ln_shape_str(b2, target->ndim, target->shape);
    int64_t k = pred->ndim ? pred->shape[pred->ndim - 1] : 1;
    if (k > 1 && target->numel * k == pred->numel)
        ln_seterror("%s: prediction %s and target %s have different shapes — class labels for %lld outputs "
                    "must be one-hot encoded first: data.one_hot(y, %lld)", who, b1, b2, (long long)k, (long long)k);
    else
        ln_seterror("%s: prediction %s and target %s have different shapes", who, b1, b2);
    return -1;
}

/* The input of the op that made t when that op is `name` (a recorded softmax or sigmoid), else NULL. */
static tensor *made_by(const tensor *t, const char *name)
{
    if (!t->node || strcmp(t->node->op->name, name) != 0) return NULL;
    tensor *in = t->node->inputs[0];
    return in && tensor_same_shape(in, t) ? in : NULL;
}

static tensor *scalar_result(double v) { return tensor_scalar((float)v); }

/* ---- mse ---- */

/* dpred += gout * 2 (pred - target) / n;  dtarget -= the same */
static int mse_backward(ag_node *n, tensor *out, tensor *gout)
{
    (void)out;
    tensor *p = n->inputs[0], *t = n->inputs[1];
    float *tp, *tt;
    const float *pd = read_data(p, &tp), *td = read_data(t, &tt);
    int rc = -1;
    if (!pd || !td) goto done;
    double s = 2.0 * tensor_item(gout) / (double)p->numel;
    if (ag_needs(n, 0)) {
        tensor *g = grad_like(p);
        if (!g) goto done;
        float *gd = tensor_data(g);
        for (int64_t k = 0; k < p->numel; k++) gd[k] = (float)(s * ((double)pd[k] - td[k]));
        if (give_grad(p, g) < 0) goto done;
    }
    if (ag_needs(n, 1)) {
        tensor *g = grad_like(t);
        if (!g) goto done;
        float *gd = tensor_data(g);
        for (int64_t k = 0; k < t->numel; k++) gd[k] = (float)(-s * ((double)pd[k] - td[k]));
        if (give_grad(t, g) < 0) goto done;
    }
    rc = 0;
done:
    ln_free(tp); ln_free(tt);
    return rc;
}
static const ag_op op_mse = {"mse", mse_backward};

tensor *loss_mse(tensor *pred, tensor *target)
{
    if (check_elementwise("mse", pred, target) < 0) return NULL;
    float *tp, *tt;
    const float *pd = read_data(pred, &tp), *td = read_data(target, &tt);
    tensor *out = NULL;
    if (pd && td) {
        double s = 0;
        for (int64_t k = 0; k < pred->numel; k++) { double d = (double)pd[k] - td[k]; s += d * d; }
        out = scalar_result(s / (double)pred->numel);
    }
    ln_free(tp); ln_free(tt);
    if (out) {
        tensor *in[2] = {pred, target};
        ag_record(out, &op_mse, 2, in);
    }
    return out;
}

/* ---- binary cross-entropy ----
 * Modes: BCE_PROBS  inputs {p, y}: p clipped to [eps, 1-eps];
 *        BCE_LOGITS inputs {z, y}: from_logits, or the logits of a recorded sigmoid whose output
 *                   p is saved (then the backward reuses it instead of recomputing sigmoid(z)). */
enum { BCE_PROBS, BCE_LOGITS };

static double sigmoid_d(double z) { return z >= 0 ? 1 / (1 + exp(-z)) : exp(z) / (1 + exp(z)); }

/* probs:  dp = -(y/p - (1-y)/(1-p)) / n where eps <= p <= 1-eps, else 0;  dy = -(log p - log(1-p)) / n
 * logits: dz = (sigmoid(z) - y) / n;  dy = -z / n */
static int bce_backward(ag_node *n, tensor *out, tensor *gout)
{
    (void)out;
    tensor *x = n->inputs[0], *y = n->inputs[1], *saved_p = n->saved[0];
    float *tx, *ty, *tp = NULL;
    const float *xd = read_data(x, &tx), *yd = read_data(y, &ty);
    const float *pd = saved_p ? read_data(saved_p, &tp) : NULL;
    int rc = -1, logits = n->i[0] == BCE_LOGITS;
    const double eps = LOSS_EPSILON, s = tensor_item(gout) / (double)x->numel;
    if (!xd || !yd || (saved_p && !pd)) goto done;
    if (ag_needs(n, 0)) {
        tensor *g = grad_like(x);
        if (!g) goto done;
        float *gd = tensor_data(g);
        for (int64_t k = 0; k < x->numel; k++) {
            double v = xd[k], t = yd[k];
            if (logits) gd[k] = (float)(s * ((pd ? (double)pd[k] : sigmoid_d(v)) - t));
            else gd[k] = (v < eps || v > 1 - eps) ? 0.0f : (float)(-s * (t / v - (1 - t) / (1 - v)));
        }
        if (give_grad(x, g) < 0) goto done;
    }
    if (ag_needs(n, 1)) {
        tensor *g = grad_like(y);
        if (!g) goto done;
        float *gd = tensor_data(g);
        for (int64_t k = 0; k < y->numel; k++) {
            double v = xd[k];
            if (logits) gd[k] = (float)(-s * v);
            else { double c = fmin(fmax(v, eps), 1 - eps); gd[k] = (float)(-s * (log(c) - log(1 - c))); }
        }
        if (give_grad(y, g) < 0) goto done;
    }
    rc = 0;
done:
    ln_free(tx); ln_free(ty); ln_free(tp);
    return rc;
}
static const ag_op op_bce = {"binary_crossentropy", bce_backward};

tensor *loss_binary_crossentropy(tensor *pred, tensor *target, int from_logits)
{
    if (check_elementwise("binary_crossentropy", pred, target) < 0) return NULL;
    tensor *x = pred, *saved = NULL;
    if (!from_logits) {
        tensor *z = made_by(pred, "sigmoid");
        if (z) { x = z; saved = pred; }
    }
    int logits = from_logits || saved;
    float *tx, *ty;
    const float *xd = read_data(x, &tx), *yd = read_data(target, &ty);
    tensor *out = NULL;
    if (xd && yd) {
        const double eps = LOSS_EPSILON;
        double s = 0;
        for (int64_t k = 0; k < x->numel; k++) {
            double v = xd[k], t = yd[k];
            if (logits) s += fmax(v, 0) - v * t + log1p(exp(-fabs(v)));
            else { double c = fmin(fmax(v, eps), 1 - eps); s -= t * log(c) + (1 - t) * log(1 - c); }
        }
        out = scalar_result(s / (double)x->numel);
    }
    ln_free(tx); ln_free(ty);
    if (out) {
        tensor *in[2] = {x, target};
        ag_node *n = ag_record(out, &op_bce, 2, in);
        if (n) {
            n->i[0] = logits ? BCE_LOGITS : BCE_PROBS;
            if (saved) ag_save(n, 0, saved);
        }
    }
    return out;
}

/* ---- categorical cross-entropies ----
 * Both kinds share the row loops; the sparse one has an integer label per row where the dense
 * one has a target row. Modes as for BCE: CE_PROBS (renormalise, clip) or CE_LOGITS (z, with the
 * softmax output saved when it came from a recorded softmax). */
enum { CE_PROBS, CE_LOGITS };

typedef struct {
    int64_t rows, k;
} ce_shape;

static int ce_pred_shape(const char *who, const tensor *pred, ce_shape *s)
{
    char b[96];
    if (pred->ndim < 1 || pred->shape[pred->ndim - 1] < 1) {
        ln_seterror("%s: expected predictions [N,K] (one column per class), got %s", who,
                    ln_shape_str(b, pred->ndim, pred->shape));
        return -1;
    }
    s->k = pred->shape[pred->ndim - 1];
    s->rows = pred->numel / s->k;
    if (s->rows == 0) { ln_seterror("%s: the batch is empty (prediction %s)", who, ln_shape_str(b, pred->ndim, pred->shape)); return -1; }
    return 0;
}

/* The logits of a recorded softmax over the last dim of pred, else NULL. The softmax op
 * (nnfunc.c) keeps its dim in i[0]. */
static tensor *softmax_logits(const tensor *pred)
{
    tensor *z = made_by(pred, "softmax");
    return z && pred->node->i[0] == pred->ndim - 1 ? z : NULL;
}

/* log-sum-exp of a row, stable */
static double row_lse(const float *z, int64_t k)
{
    double m = z[0];
    for (int64_t j = 1; j < k; j++) if (z[j] > m) m = z[j];
    double s = 0;
    for (int64_t j = 0; j < k; j++) s += exp((double)z[j] - m);
    return m + log(s);
}

static double row_sum(const float *p, int64_t k)
{
    double s = 0;
    for (int64_t j = 0; j < k; j++) s += p[j];
    return s;
}

static double clip_eps(double v) { return fmin(fmax(v, (double)LOSS_EPSILON), 1.0 - (double)LOSS_EPSILON); }
static int in_clip(double v) { return v >= (double)LOSS_EPSILON && v <= 1.0 - (double)LOSS_EPSILON; }

/* Checks the labels of the sparse loss (whole numbers in 0..k-1); they are then read in place,
 * so that a training step allocates nothing. 0 or -1. */
static int check_labels(const char *who, const float *ld, int64_t rows, int64_t k)
{
    for (int64_t r = 0; r < rows; r++) {
        float v = ld[r];
        if (!(v == floorf(v))) {
            ln_seterror("%s: label %g in row %lld is not a whole number (labels are class numbers 0..%lld)",
                        who, (double)v, (long long)r + 1, (long long)k - 1);
            return -1;
        }
        if (v < 0 || v >= (float)k) {
            ln_seterror("%s: label %g in row %lld is out of range for %lld classes (labels are 0-based: 0..%lld)",
                        who, (double)v, (long long)r + 1, (long long)k, (long long)k - 1);
            return -1;
        }
    }
    return 0;
}

/* The class of row r: its label, or -1 with dense targets. */
static int64_t label_of(const float *lab, int64_t r, int64_t k)
{
    if (!lab) return -1;
    int64_t c = (int64_t)lab[r];
    return c < 0 ? 0 : c >= k ? k - 1 : c;   /* checked by the forward; kept in range if changed since */
}

/* The target of class j in a row: the dense row's value, or 1 for the label's class. */
static double target_of(const float *yr, int64_t c, int64_t j) { return yr ? (double)yr[j] : (j == c ? 1.0 : 0.0); }

/* Forward over rows: y (dense targets) or lab (labels) is given. Keras' probability path
 * renormalises each row, q = p / sum(p), and clips q to [eps, 1-eps]. Returns the mean loss. */
static double ce_forward(const float *x, const float *y, const float *lab, ce_shape s, int logits)
{
    double total = 0;
    for (int64_t r = 0; r < s.rows; r++) {
        const float *xr = x + r * s.k, *yr = y ? y + r * s.k : NULL;
        int64_t c = label_of(lab, r, s.k);
        if (logits) {
            double lse = row_lse(xr, s.k);
            if (lab) total -= (double)xr[c] - lse;
            else for (int64_t j = 0; j < s.k; j++) if (yr[j] != 0) total -= (double)yr[j] * ((double)xr[j] - lse);
        } else {
            double sum = row_sum(xr, s.k);
            if (lab) total -= log(clip_eps(xr[c] / sum));
            else for (int64_t j = 0; j < s.k; j++) if (yr[j] != 0) total -= (double)yr[j] * log(clip_eps(xr[j] / sum));
        }
    }
    return total / (double)s.rows;
}

/* d x for one row, scaled by sc (= dL / rows):
 *   logits: dz_j = sum(y) softmax_j - y_j            (sparse: softmax_j - [j == c])
 *   probs:  a_k = -y_k / clip(q_k) where q_k is within the clip, else 0;
 *           dp_j = (a_j - sum_k a_k q_k) / sum(p)    (the gradient through q = p / sum(p)) */
static void ce_row_grad(const float *xr, const float *sm, const float *yr, int64_t c, int64_t k, int logits,
                        double sc, float *g)
{
    if (logits) {
        double lse = sm ? 0 : row_lse(xr, k), ysum = yr ? row_sum(yr, k) : 1;
        for (int64_t j = 0; j < k; j++) {
            double p = sm ? (double)sm[j] : exp((double)xr[j] - lse);
            g[j] = (float)(sc * (ysum * p - target_of(yr, c, j)));
        }
        return;
    }
    double sum = row_sum(xr, k), dot = 0;
    for (int64_t j = 0; j < k; j++) {
        double q = xr[j] / sum, t = target_of(yr, c, j);
        double a = (t != 0 && in_clip(q)) ? -t / q : 0.0;
        dot += a * q;
        g[j] = (float)a;                 /* a_j for now */
    }
    for (int64_t j = 0; j < k; j++) g[j] = (float)(sc * ((double)g[j] - dot) / sum);
}

/* Shared backward. inputs[0] is x (p or z); inputs[1] the dense target (NULL for sparse);
 * saved[0] the softmax output when fused; saved[1] the labels when sparse. */
static int ce_backward(ag_node *n, tensor *out, tensor *gout)
{
    (void)out;
    tensor *x = n->inputs[0], *y = n->inputs[1], *sm = n->saved[0], *labt = n->saved[1];
    ce_shape s = {n->i[1], n->i[2]};
    int logits = n->i[0] == CE_LOGITS, rc = -1;
    float *tx = NULL, *ty = NULL, *ts = NULL, *tl = NULL;
    const float *xd = read_data(x, &tx);
    const float *yd = y ? read_data(y, &ty) : NULL;
    const float *sd = sm ? read_data(sm, &ts) : NULL;
    const float *ld = labt ? read_data(labt, &tl) : NULL;
    if (!xd || (y && !yd) || (sm && !sd) || (labt && !ld)) goto done;
    double sc = tensor_item(gout) / (double)s.rows;
    if (ag_needs(n, 0)) {
        tensor *g = grad_like(x);
        if (!g) goto done;
        float *gd = tensor_data(g);
        for (int64_t r = 0; r < s.rows; r++)
            ce_row_grad(xd + r * s.k, sd ? sd + r * s.k : NULL, yd ? yd + r * s.k : NULL, label_of(ld, r, s.k),
                        s.k, logits, sc, gd + r * s.k);
        if (give_grad(x, g) < 0) goto done;
    }
    if (y && ag_needs(n, 1)) {           /* dy_k = -log(prob_k) / rows */
        tensor *g = grad_like(y);
        if (!g) goto done;
        float *gd = tensor_data(g);
        for (int64_t r = 0; r < s.rows; r++) {
            const float *xr = xd + r * s.k;
            double lse = logits ? row_lse(xr, s.k) : 0, sum = logits ? 1 : row_sum(xr, s.k);
            for (int64_t j = 0; j < s.k; j++)
                gd[r * s.k + j] = (float)(-sc * (logits ? (double)xr[j] - lse : log(clip_eps(xr[j] / sum))));
        }
        if (give_grad(y, g) < 0) goto done;
    }
    rc = 0;
done:
    ln_free(tx); ln_free(ty); ln_free(ts); ln_free(tl);
    return rc;
}
static const ag_op op_cce = {"categorical_crossentropy", ce_backward};
static const ag_op op_scce = {"sparse_categorical_crossentropy", ce_backward};

/* Shared forward: picks the fused path, computes, records. */
static tensor *ce_loss(const ag_op *op, tensor *pred, tensor *target, tensor *labels, ce_shape s, int from_logits)
{
    tensor *x = from_logits ? NULL : softmax_logits(pred), *sm = NULL;
    if (x) sm = pred;
    else x = pred;
    int logits = from_logits || sm;
    float *tx, *ty = NULL, *tl = NULL;
    const float *xd = read_data(x, &tx), *yd = target ? read_data(target, &ty) : NULL;
    const float *ld = labels ? read_data(labels, &tl) : NULL;
    tensor *out = NULL;
    if (!xd || (target && !yd) || (labels && !ld)) goto done;
    if (ld && check_labels(op->name, ld, s.rows, s.k) < 0) goto done;
    out = scalar_result(ce_forward(xd, yd, ld, s, logits));
    if (out) {
        tensor *in[2] = {x, target};
        ag_node *n = ag_record(out, op, 2, in);
        if (n) {
            n->i[0] = logits ? CE_LOGITS : CE_PROBS;
            n->i[1] = s.rows;
            n->i[2] = s.k;
            if (sm) ag_save(n, 0, sm);
            if (labels) ag_save(n, 1, labels);
        }
    }
done:
    ln_free(tx); ln_free(ty); ln_free(tl);
    return out;
}

tensor *loss_categorical_crossentropy(tensor *pred, tensor *target, int from_logits)
{
    const char *who = "categorical_crossentropy";
    char b1[96], b2[96];
    ce_shape s;
    if (ce_pred_shape(who, pred, &s) < 0) return NULL;
    if (!tensor_same_shape(pred, target)) {
        ln_shape_str(b1, pred->ndim, pred->shape);
        ln_shape_str(b2, target->ndim, target->shape);
        int label_like = target->numel == s.rows &&
                         (target->ndim == pred->ndim - 1 || (target->ndim == pred->ndim && target->shape[target->ndim - 1] == 1));
        if (label_like && s.k > 1)
            ln_seterror("%s: target %s looks like integer labels; use sparse_categorical_crossentropy or "
                        "data.one_hot(y, %lld)", who, b2, (long long)s.k);
        else if (target->ndim == pred->ndim && target->numel / (target->shape[target->ndim - 1] ? target->shape[target->ndim - 1] : 1) == s.rows)
            ln_seterror("%s: prediction %s and target %s have different shapes — one-hot targets need %lld "
                        "columns, one per class", who, b1, b2, (long long)s.k);
        else
            ln_seterror("%s: prediction %s and target %s have different shapes", who, b1, b2);
        return NULL;
    }
    return ce_loss(&op_cce, pred, target, NULL, s, from_logits);
}

tensor *loss_sparse_categorical_crossentropy(tensor *pred, tensor *labels, int from_logits)
{
    const char *who = "sparse_categorical_crossentropy";
    char b1[96], b2[96];
    ce_shape s;
    if (ce_pred_shape(who, pred, &s) < 0) return NULL;
    ln_shape_str(b1, pred->ndim, pred->shape);
    ln_shape_str(b2, labels->ndim, labels->shape);
    if (tensor_same_shape(pred, labels) && s.k > 1) {
        ln_seterror("%s: target %s looks like one-hot rows; use categorical_crossentropy, or give integer "
                    "labels [N] (0-based class numbers)", who, b2);
        return NULL;
    }
    int ok = labels->numel == s.rows &&
             (labels->ndim == pred->ndim - 1 || (labels->ndim == pred->ndim && labels->shape[labels->ndim - 1] == 1));
    if (ok)   /* the leading dims must match too: [N] for [N,K], [N,T] for [N,T,K] */
        for (int d = 0; d < pred->ndim - 1; d++)
            if (labels->shape[d] != pred->shape[d]) ok = 0;
    if (!ok) {
        ln_seterror("%s: expected integer labels of shape [%lld] for prediction %s, got %s", who,
                    (long long)s.rows, b1, b2);
        return NULL;
    }
    return ce_loss(&op_scce, pred, NULL, labels, s, from_logits);
}
