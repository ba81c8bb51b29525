/* train.c — fit, evaluate and predict (see train.h): checking the data against the compiled
 * model, the batch loop, the accuracy metric, validation, early stopping and progress reports.
 * Uses model.h (nn, losses, optim), autograd.h and libc (clock_gettime, memcpy). */
#include "train.h"
#include "autograd.h"

#include <math.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

const char *const fit_monitor_name[MONITOR_COUNT] = {"loss", "accuracy", "val_loss", "val_accuracy"};

void fit_options_defaults(fit_options *o)
{
    memset(o, 0, sizeof *o);
    o->epochs = 1;
    o->batch_size = 32;
    o->shuffle = 1;
    o->patience = -1;
    o->monitor = -1;
    o->restore_best = 1;
    o->progress_interval = 0.1;
}

void fit_result_free(fit_result *r)
{
    ln_free(r->epoch); ln_free(r->loss); ln_free(r->accuracy);
    ln_free(r->val_loss); ln_free(r->val_accuracy); ln_free(r->seconds);
    r->epoch = NULL; r->loss = r->accuracy = r->val_loss = r->val_accuracy = r->seconds = NULL;
    r->nepochs = 0;
}

static double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

/* ---- checking the model and the data ---- */

static int check_compiled(const model *m, const char *who)
{
    if (!m->opt || m->loss < 0) {
        ln_seterror("%s: compile the model first, e.g. model:compile{optimizer = \"adam\", "
                    "loss = \"categorical_crossentropy\", metrics = {\"accuracy\"}}", who);
        return -1;
    }
    return 0;
}

/* 1 when the compiled optimizer holds exactly the model's parameters, in order. */
static int optimizer_bound(const model *m)
{
    const optimizer *o = m->opt;
    if (o->nparams != model_parameters(m, NULL, 0)) return 0;
    int k = 0;
    for (int i = 0; i < m->nlayers; i++)
        for (int j = 0; j < m->layers[i]->nparams; j++, k++)
            if (o->params[k] != m->layers[i]->params[j]) return 0;
    return 1;
}

/* Makes a compiled model ready for x as Keras does on the first fit: builds the layers from the
 * shape of one sample when they are not built yet, and binds the optimizer to the parameters
 * that exist now (a layer added after compile, or compile before the build). */
static int prepare(model *m, const tensor *x, const char *who)
{
    if (check_compiled(m, who) < 0) return -1;
    if (!model_built(m) && x->ndim >= 1) {
        if (m->nlayers == 0) { ln_seterror("%s: the model has no layers yet; add some with model:add(layer)", who); return -1; }
        if (model_build(m, x->ndim - 1, x->shape + 1) < 0) { nn_prefix_error("%s: ", who); return -1; }
    }
    if (!optimizer_bound(m) && model_compile(m, m->opt, m->loss, m->metrics) < 0) {
        nn_prefix_error("%s: ", who);
        return -1;
    }
    return 0;
}

/* The per-sample output shape of the built model ([10] for Dense(10)); 0 when unknown. */
static int output_shape(const model *m, int64_t *shape)
{
    if (m->nlayers == 0 || !model_built(m)) return 0;
    const layer *last = m->layers[m->nlayers - 1];
    memcpy(shape, last->out_shape, (size_t)last->out_ndim * sizeof *shape);
    return last->out_ndim;
}

/* Catches the classic mix-ups before any training: integer labels given to a one-hot loss and the
 * reverse, labels out of range (often 1-based), targets outside [0, 1] for binary_crossentropy.
 * y is contiguous. name is "y" or "validation y". */
static int check_targets(const model *m, const tensor *y, const char *who, const char *name)
{
    char b1[96];
    int64_t out[T_MAXDIM];
    int ond = output_shape(m, out);
    if (ond == 0) return 0;                       /* a 0-d output: the loss will say */
    int64_t k = out[ond - 1];
    const char *lname = loss_name[m->loss];
    const float *v = tensor_data(y);
    int label_like = y->ndim == ond || (y->ndim == ond + 1 && y->shape[y->ndim - 1] == 1 && k > 1);
    int onehot_like = y->ndim == ond + 1 && y->shape[y->ndim - 1] == k;
    ln_shape_str(b1, y->ndim, y->shape);
    switch (m->loss) {
    case LOSS_SPARSE_CATEGORICAL_CROSSENTROPY:
        if (onehot_like && k > 1) {
            ln_seterror("%s: %s has shape %s (one-hot rows) but the loss is %s, which takes integer labels "
                        "[N]; compile with loss = \"categorical_crossentropy\", or give the labels themselves",
                        who, name, b1, lname);
            return -1;
        }
        for (int64_t i = 0; i < y->numel; i++) {
            float c = v[i];
            if (c != floorf(c) || c < 0 || c >= (float)k) {
                int64_t row = label_like && y->shape[0] ? i / (y->numel / y->shape[0]) : i;
                ln_seterror("%s: label %g in row %lld of %s is %s for %lld classes (labels are 0-based "
                            "class numbers: 0..%lld)", who, (double)c, (long long)row + 1, name,
                            c != floorf(c) ? "not a whole number" : "out of range", (long long)k, (long long)k - 1);
                return -1;
            }
        }
        return 0;
    case LOSS_CATEGORICAL_CROSSENTROPY:
        if (label_like && k > 1) {
            ln_seterror("%s: %s has shape %s (integer class labels) but the loss is %s, which takes one-hot "
                        "rows [N,%lld]: use data.one_hot(y, %lld), or compile with loss = "
                        "\"sparse_categorical_crossentropy\"", who, name, b1, lname, (long long)k, (long long)k);
            return -1;
        }
        if (y->ndim == ond + 1 && y->shape[y->ndim - 1] != k) {
            ln_seterror("%s: %s has %lld columns but the model outputs %lld (one column per class)", who, name,
                        (long long)y->shape[y->ndim - 1], (long long)k);
            return -1;
        }
        return 0;
    case LOSS_BINARY_CROSSENTROPY:
        for (int64_t i = 0; i < y->numel; i++)
            if (!(v[i] >= 0 && v[i] <= 1)) {
                ln_seterror("%s: %s holds %g (element %lld) but binary_crossentropy needs targets in [0, 1]",
                            who, name, (double)v[i], (long long)i + 1);
                return -1;
            }
        return 0;
    default:
        return 0;
    }
}

/* Rows [r0, r0 + n) of a contiguous t, as a view. */
static tensor *row_view(tensor *t, int64_t r0, int64_t n)
{
    int64_t shape[T_MAXDIM];
    memcpy(shape, t->shape, sizeof shape);
    shape[0] = n;
    return tensor_view(t, t->ndim, shape, t->stride, t->offset + r0 * (t->ndim ? t->stride[0] : 0));
}

/* Runs the model and the loss on the first row, without the graph and in evaluation mode (so
 * no random numbers are drawn): a shape error shows up now, not in the middle of epoch 1. */
static int probe(model *m, tensor *x, tensor *y, const char *who)
{
    int was = ag_set_enabled(0), rc = -1;
    tensor *xv = row_view(x, 0, 1), *yv = row_view(y, 0, 1), *p = NULL, *l = NULL;
    if (xv && yv && (p = model_forward(m, xv, 0)) && (l = loss_compute((loss_kind)m->loss, p, yv))) rc = 0;
    if (rc < 0) nn_prefix_error("%s: ", who);
    tensor_release(xv); tensor_release(yv); tensor_release(p); tensor_release(l);
    ag_set_enabled(was);
    return rc;
}

static int check_pair(model *m, tensor *x, tensor *y, const char *who, const char *xname, const char *yname)
{
    char b1[96], b2[96];
    if (x->ndim < 1 || y->ndim < 1) {
        ln_seterror("%s: %s and %s must have a row per sample, got shapes %s and %s", who, xname, yname,
                    ln_shape_str(b1, x->ndim, x->shape), ln_shape_str(b2, y->ndim, y->shape));
        return -1;
    }
    if (x->shape[0] != y->shape[0]) {
        ln_seterror("%s: %s has %lld rows but %s has %lld (shapes %s and %s); they need one target per sample",
                    who, xname, (long long)x->shape[0], yname, (long long)y->shape[0],
                    ln_shape_str(b1, x->ndim, x->shape), ln_shape_str(b2, y->ndim, y->shape));
        return -1;
    }
    if (x->shape[0] == 0) { ln_seterror("%s: %s has no rows", who, xname); return -1; }
    if (check_targets(m, y, who, yname) < 0) return -1;
    return probe(m, x, y, who);
}

/* ---- the accuracy metric ---- */

static int64_t argmax_row(const float *p, int64_t k)
{
    int64_t best = 0;
    for (int64_t j = 1; j < k; j++) if (p[j] > p[best]) best = j;
    return best;
}

/* Keras' choice for metrics = {"accuracy"}, by shapes: one output column is binary accuracy
 * (threshold 0.5); targets with fewer dims than the prediction (or one column) are integer labels
 * (sparse categorical accuracy); otherwise targets are one-hot rows (categorical accuracy). */
double train_count_correct(int loss, const tensor *pred, const tensor *target, int64_t *total)
{
    (void)loss;
    const float *p = tensor_data(pred), *t = tensor_data(target);
    int64_t k = pred->ndim ? pred->shape[pred->ndim - 1] : 1;
    int64_t tk = target->ndim ? target->shape[target->ndim - 1] : 1;
    double correct = 0;
    if (k == 1 || pred->ndim <= 1) {
        int64_t n = pred->numel < target->numel ? pred->numel : target->numel;
        for (int64_t i = 0; i < n; i++) correct += (p[i] > 0.5f) == (t[i] > 0.5f);
        *total = n;
        return correct;
    }
    int64_t rows = pred->numel / k;
    int sparse = target->ndim < pred->ndim || tk == 1;
    for (int64_t r = 0; r < rows; r++) {
        int64_t c = argmax_row(p + r * k, k);
        if (sparse) correct += (float)c == t[r];
        else correct += c == argmax_row(t + r * k, k);
    }
    *total = rows;
    return correct;
}

/* ---- evaluation over rows, without the graph ---- */

typedef struct {
    double loss_sum, correct;
    int64_t rows, counted;
} tally;

/* Adds one batch's loss (a mean over its rows) and accuracy to the tally. */
static void tally_add(tally *t, const model *m, tensor *pred, tensor *yb, double loss, int64_t rows)
{
    t->loss_sum += loss * (double)rows;
    t->rows += rows;
    if (m->metrics & MODEL_METRIC_ACCURACY) {
        int64_t total;
        t->correct += train_count_correct(m->loss, pred, yb, &total);
        t->counted += total;
    }
}

static void tally_status(const tally *t, const model *m, fit_status *s)
{
    s->rows = t->rows;
    s->loss = t->rows ? t->loss_sum / (double)t->rows : NAN;
    s->has_accuracy = (m->metrics & MODEL_METRIC_ACCURACY) != 0;
    s->accuracy = t->counted ? t->correct / (double)t->counted : NAN;
}

static int interrupted(const char *who)
{
    if (!ln_interrupted) return 0;
    ln_interrupted = 0;
    ln_seterror("%s: interrupted (Ctrl-C)", who);
    return 1;
}

/* Loss and accuracy over all rows of contiguous x, y in batches, in evaluation mode. */
static int eval_rows(model *m, tensor *x, tensor *y, int64_t bs, const fit_callbacks *cb, double interval,
                     const char *who, tally *out)
{
    fit_status s;
    memset(&s, 0, sizeof s);
    int64_t n = x->shape[0];
    s.batches = (n + bs - 1) / bs;
    s.epoch = s.epochs = 1;
    double t0 = now_seconds(), last = t0;
    int was = ag_set_enabled(0), rc = 0;
    memset(out, 0, sizeof *out);
    for (int64_t b = 0; b < s.batches && rc == 0; b++) {
        int64_t r0 = b * bs, rows = n - r0 < bs ? n - r0 : bs;
        tensor *xb = row_view(x, r0, rows), *yb = row_view(y, r0, rows), *p = NULL, *l = NULL;
        if (!xb || !yb || !(p = model_forward(m, xb, 0)) || !(l = loss_compute((loss_kind)m->loss, p, yb))) {
            nn_prefix_error("%s: ", who);
            rc = -1;
        } else {
            tally_add(out, m, p, yb, tensor_item(l), rows);
        }
        tensor_release(xb); tensor_release(yb); tensor_release(p); tensor_release(l);
        if (rc == 0 && interrupted(who)) rc = -1;
        if (rc == 0 && cb && cb->progress) {
            double t = now_seconds();
            s.batch = b + 1;
            if (s.batch == s.batches || t - last >= interval) {
                last = t;
                tally_status(out, m, &s);
                s.seconds = t - t0;
                s.done = s.batch == s.batches;
                int r = cb->progress(cb->ctx, &s);
                if (r == FIT_ERROR) rc = -1;
                else if (r == FIT_INTERRUPT) { ln_seterror("%s: interrupted (Ctrl-C)", who); rc = -1; }
            }
        }
    }
    ag_set_enabled(was);
    return rc;
}

int train_evaluate(model *m, tensor *x, tensor *y, int64_t batch_size, const fit_callbacks *cb,
                   double *loss, double *accuracy)
{
    const char *who = "evaluate";
    if (prepare(m, x, who) < 0) return -1;
    if (batch_size < 1) { ln_seterror("%s: batch_size must be at least 1, got %lld", who, (long long)batch_size); return -1; }
    tensor *xc = tensor_contiguous(x), *yc = xc ? tensor_contiguous(y) : NULL;
    int rc = -1;
    tally t;
    if (xc && yc && check_pair(m, xc, yc, who, "x", "y") == 0 && eval_rows(m, xc, yc, batch_size, cb, 0.1, who, &t) == 0) {
        *loss = t.loss_sum / (double)t.rows;
        *accuracy = t.counted ? t.correct / (double)t.counted : NAN;
        rc = 0;
    }
    tensor_release(xc); tensor_release(yc);
    return rc;
}

tensor *train_predict(model *m, tensor *x, int64_t batch_size, const fit_callbacks *cb)
{
    const char *who = "predict";
    char b[96];
    if (batch_size < 1) { ln_seterror("%s: batch_size must be at least 1, got %lld", who, (long long)batch_size); return NULL; }
    if (x->ndim < 1 || x->shape[0] == 0) {
        ln_seterror("%s: x must have a row per sample, got shape %s", who, ln_shape_str(b, x->ndim, x->shape));
        return NULL;
    }
    tensor *xc = tensor_contiguous(x), *out = NULL;
    if (!xc) return NULL;
    int64_t n = xc->shape[0], nb = (n + batch_size - 1) / batch_size;
    fit_status s;
    memset(&s, 0, sizeof s);
    s.epoch = s.epochs = 1;
    s.batches = nb;
    double t0 = now_seconds(), last = t0;
    int was = ag_set_enabled(0), rc = 0;
    for (int64_t bi = 0; bi < nb && rc == 0; bi++) {
        int64_t r0 = bi * batch_size, rows = n - r0 < batch_size ? n - r0 : batch_size;
        tensor *xb = row_view(xc, r0, rows), *p = xb ? model_forward(m, xb, 0) : NULL;
        if (!p) { nn_prefix_error("%s: ", who); rc = -1; }
        else if (p->ndim < 1 || p->shape[0] != rows) {
            ln_seterror("%s: the model's output %s has no row per sample", who, ln_shape_str(b, p->ndim, p->shape));
            rc = -1;
        } else {
            if (!out) {
                int64_t shape[T_MAXDIM];
                memcpy(shape, p->shape, sizeof shape);
                shape[0] = n;
                if (!(out = tensor_empty(p->ndim, shape))) rc = -1;
            }
            if (out) tensor_copy_out(p, tensor_data(out) + r0 * (p->numel / rows));
        }
        tensor_release(xb); tensor_release(p);
        if (rc == 0 && interrupted(who)) rc = -1;
        if (rc == 0 && cb && cb->progress) {
            double t = now_seconds();
            s.batch = bi + 1;
            if (s.batch == nb || t - last >= 0.1) {
                last = t;
                s.seconds = t - t0;
                s.rows = r0 + rows;
                s.loss = s.accuracy = NAN;
                s.done = s.batch == nb;
                int r = cb->progress(cb->ctx, &s);
                if (r == FIT_ERROR) rc = -1;
                else if (r == FIT_INTERRUPT) { ln_seterror("%s: interrupted (Ctrl-C)", who); rc = -1; }
            }
        }
    }
    ag_set_enabled(was);
    tensor_release(xc);
    if (rc < 0) { tensor_release(out); return NULL; }
    return out;
}

/* ---- fit ---- */

/* Everything one fit holds, made once before the first batch. */
typedef struct {
    model *m;
    tensor *x, *y;              /* contiguous, all rows */
    tensor *vx, *vy;            /* contiguous validation rows, or NULL */
    int64_t ntrain, bs, batches;
    int64_t xrow, yrow;         /* floats per row */
    int64_t *idx;               /* [ntrain] the order of this epoch */
    tensor *xb, *yb;            /* [bs, ...] batch buffers */
    tensor *xr, *yr;            /* views of their first rows for the last, shorter batch (or NULL) */
    int nparams;
    tensor **params;            /* borrowed */
    float *best;                /* early stopping's copy of the best weights, or NULL */
} fit_state;

static void state_free(fit_state *st)
{
    tensor_release(st->x); tensor_release(st->y); tensor_release(st->vx); tensor_release(st->vy);
    tensor_release(st->xb); tensor_release(st->yb); tensor_release(st->xr); tensor_release(st->yr);
    ln_free(st->idx); ln_free(st->params); ln_free(st->best);
}

static tensor *batch_buffer(const tensor *t, int64_t rows)
{
    int64_t shape[T_MAXDIM];
    memcpy(shape, t->shape, sizeof shape);
    shape[0] = rows;
    return tensor_empty(t->ndim, shape);
}

static int64_t params_numel(const fit_state *st)
{
    int64_t n = 0;
    for (int i = 0; i < st->nparams; i++) n += st->params[i]->numel;
    return n;
}

static void weights_copy(fit_state *st, int save)
{
    float *p = st->best;
    for (int i = 0; i < st->nparams; i++) {
        tensor *w = st->params[i];
        size_t bytes = (size_t)w->numel * sizeof(float);
        if (save) memcpy(p, tensor_data(w), bytes); else memcpy(tensor_data(w), p, bytes);
        p += w->numel;
    }
}

static int state_init(fit_state *st, model *m, tensor *x, tensor *y, const fit_options *o, const char *who)
{
    char b1[96];
    memset(st, 0, sizeof *st);
    st->m = m;
    if (!(st->x = tensor_contiguous(x)) || !(st->y = tensor_contiguous(y))) return -1;
    if (check_pair(m, st->x, st->y, who, "x", "y") < 0) return -1;
    int64_t n = st->x->shape[0];
    st->ntrain = n;
    if (o->val_x) {
        if (!(st->vx = tensor_contiguous(o->val_x)) || !(st->vy = tensor_contiguous(o->val_y))) return -1;
        if (check_pair(m, st->vx, st->vy, who, "validation_data x", "validation_data y") < 0) return -1;
        char b2[96];
        if (st->vx->ndim != st->x->ndim || memcmp(st->vx->shape + 1, st->x->shape + 1, (size_t)(st->x->ndim - 1) * sizeof(int64_t)) != 0) {
            ln_seterror("%s: validation_data x has shape %s but x has %s; the samples must have the same shape",
                        who, ln_shape_str(b1, st->vx->ndim, st->vx->shape), ln_shape_str(b2, st->x->ndim, st->x->shape));
            return -1;
        }
    } else if (o->validation_split > 0) {
        /* Keras: split_at = int(N * (1 - validation_split)); the last rows validate */
        int64_t split_at = (int64_t)((double)n * (1.0 - o->validation_split));
        if (split_at < 1 || split_at >= n) {
            ln_seterror("%s: validation_split = %g of %lld rows leaves %s", who, o->validation_split, (long long)n,
                        split_at < 1 ? "no rows to train on" : "no rows to validate on");
            return -1;
        }
        if (!(st->vx = row_view(st->x, split_at, n - split_at)) || !(st->vy = row_view(st->y, split_at, n - split_at)))
            return -1;
        st->ntrain = split_at;
    }
    st->bs = o->batch_size < st->ntrain ? o->batch_size : st->ntrain;
    st->batches = (st->ntrain + st->bs - 1) / st->bs;
    st->xrow = st->x->numel / n;
    st->yrow = st->y->numel / n;
    if (!(st->idx = ln_alloc((size_t)st->ntrain * sizeof *st->idx))) return -1;
    if (!(st->xb = batch_buffer(st->x, st->bs)) || !(st->yb = batch_buffer(st->y, st->bs))) return -1;
    int64_t rem = st->ntrain % st->bs;
    if (rem && (!(st->xr = row_view(st->xb, 0, rem)) || !(st->yr = row_view(st->yb, 0, rem)))) return -1;
    st->nparams = model_parameters(m, NULL, 0);
    if (st->nparams == 0) {
        ln_seterror("%s: the model has no trainable parameters (add a layer such as nn.Dense(10))", who);
        return -1;
    }
    if (!(st->params = ln_alloc((size_t)(st->nparams ? st->nparams : 1) * sizeof *st->params))) return -1;
    model_parameters(m, st->params, st->nparams);
    if (o->patience >= 0 && o->restore_best && !(st->best = ln_alloc((size_t)(params_numel(st) + 1) * sizeof(float))))
        return -1;
    return 0;
}

/* The rows idx[0 .. rows-1] of src (row floats each) into dst, one memcpy a row. */
static void gather(float *restrict dst, const float *restrict src, const int64_t *idx, int64_t rows, int64_t row)
{
    size_t bytes = (size_t)row * sizeof(float);
    for (int64_t i = 0; i < rows; i++) memcpy(dst + i * row, src + idx[i] * row, bytes);
}

/* One optimization step on a gathered batch; adds its loss and accuracy to the tally. */
static int train_batch(fit_state *st, tensor *xb, tensor *yb, tally *t)
{
    model *m = st->m;
    tensor *p = model_forward(m, xb, 1);
    if (!p) return -1;
    tensor *l = loss_compute((loss_kind)m->loss, p, yb);
    if (!l) { tensor_release(p); return -1; }
    double lv = tensor_item(l);
    optim_zero_grad(m->opt);
    int rc = ag_backward(l, NULL, 0);
    if (rc == 0) rc = optim_step(m->opt);
    if (rc == 0) tally_add(t, m, p, yb, lv, xb->shape[0]);
    tensor_release(l);
    tensor_release(p);
    return rc;
}

/* The value early stopping watches, or NaN when this fit does not measure it. */
static double monitored(const fit_status *s, int monitor)
{
    switch (monitor) {
    case MONITOR_LOSS: return s->loss;
    case MONITOR_ACCURACY: return s->has_accuracy ? s->accuracy : NAN;
    case MONITOR_VAL_LOSS: return s->has_val ? s->val_loss : NAN;
    case MONITOR_VAL_ACCURACY: return s->has_val && s->has_accuracy ? s->val_accuracy : NAN;
    default: return NAN;
    }
}

static int result_init(fit_result *r, int n)
{
    size_t k = (size_t)(n > 0 ? n : 1);
    r->epoch = ln_calloc(k, sizeof *r->epoch);
    r->loss = ln_calloc(k, sizeof(double)); r->accuracy = ln_calloc(k, sizeof(double));
    r->val_loss = ln_calloc(k, sizeof(double)); r->val_accuracy = ln_calloc(k, sizeof(double));
    r->seconds = ln_calloc(k, sizeof(double));
    return r->epoch && r->loss && r->accuracy && r->val_loss && r->val_accuracy && r->seconds ? 0 : -1;
}

static void result_add(fit_result *r, const fit_status *s, double seconds)
{
    int k = r->nepochs++;
    r->epoch[k] = s->epoch;
    r->loss[k] = s->loss;
    r->accuracy[k] = s->has_accuracy ? s->accuracy : NAN;
    r->val_loss[k] = s->has_val ? s->val_loss : NAN;
    r->val_accuracy[k] = s->has_val && s->has_accuracy ? s->val_accuracy : NAN;
    r->seconds[k] = seconds;
}

static int check_options(const fit_options *o, const char *who)
{
    if (o->epochs < 0 || o->initial_epoch < 0) {
        ln_seterror("%s: epochs and initial_epoch must be >= 0, got %d and %d", who, o->epochs, o->initial_epoch);
        return -1;
    }
    if (o->batch_size < 1) { ln_seterror("%s: batch_size must be at least 1, got %lld", who, (long long)o->batch_size); return -1; }
    if (!(o->validation_split >= 0 && o->validation_split < 1)) {
        ln_seterror("%s: validation_split must be in [0, 1), got %g", who, o->validation_split);
        return -1;
    }
    if ((o->val_x != NULL) != (o->val_y != NULL)) { ln_seterror("%s: validation_data needs both x and y", who); return -1; }
    if (o->val_x && o->validation_split > 0) {
        ln_seterror("%s: give either validation_data or validation_split, not both", who);
        return -1;
    }
    if (o->monitor >= MONITOR_COUNT) { ln_seterror("%s: unknown monitor %d", who, o->monitor); return -1; }
    return 0;
}

int train_fit(model *m, tensor *x, tensor *y, const fit_options *o, const fit_callbacks *cb, fit_result *r)
{
    const char *who = "fit";
    memset(r, 0, sizeof *r);
    if (check_options(o, who) < 0 || prepare(m, x, who) < 0) return -1;
    int total = o->epochs > o->initial_epoch ? o->epochs - o->initial_epoch : 0;
    if (result_init(r, total) < 0) return -1;
    fit_state st;
    if (state_init(&st, m, x, y, o, who) < 0) { state_free(&st); return -1; }
    int has_val = st.vx != NULL;
    r->has_accuracy = (m->metrics & MODEL_METRIC_ACCURACY) != 0;
    r->has_val = has_val;
    int monitor = o->monitor >= 0 ? o->monitor : has_val ? MONITOR_VAL_LOSS : MONITOR_LOSS;
    r->monitor = monitor;
    if (o->patience >= 0 && (monitor == MONITOR_VAL_LOSS || monitor == MONITOR_VAL_ACCURACY) && !has_val) {
        ln_seterror("%s: early stopping monitors %s, but there is no validation data; give validation_split "
                    "or validation_data, or monitor = \"loss\"", who, fit_monitor_name[monitor]);
        state_free(&st);
        return -1;
    }
    if (o->patience >= 0 && (monitor == MONITOR_ACCURACY || monitor == MONITOR_VAL_ACCURACY) && !r->has_accuracy) {
        ln_seterror("%s: early stopping monitors %s, but the model was compiled without metrics = {\"accuracy\"}",
                    who, fit_monitor_name[monitor]);
        state_free(&st);
        return -1;
    }
    int maximize = monitor == MONITOR_ACCURACY || monitor == MONITOR_VAL_ACCURACY;
    int grad_was = ag_set_enabled(1);   /* training records the graph even inside no_grad */
    double best = maximize ? -INFINITY : INFINITY;
    int wait = 0, rc = 0, stop = 0;
    fit_status s;

    for (int e = o->initial_epoch; e < o->epochs && rc == 0 && !stop; e++) {
        memset(&s, 0, sizeof s);
        s.epoch = e + 1;
        s.epochs = o->epochs;
        s.batches = st.batches;
        tally t = {0};
        /* A fresh order from the identity each epoch: the order depends only on the generator's
         * state, so training resumed from a checkpoint sees the same batches. */
        for (int64_t i = 0; i < st.ntrain; i++) st.idx[i] = i;
        if (o->shuffle) rng_shuffle(st.idx, st.ntrain);
        double t0 = now_seconds(), last = t0;
        const float *xs = tensor_data(st.x), *ys = tensor_data(st.y);
        for (int64_t b = 0; b < st.batches; b++) {
            int64_t r0 = b * st.bs, rows = st.ntrain - r0 < st.bs ? st.ntrain - r0 : st.bs;
            tensor *xb = rows == st.bs ? st.xb : st.xr, *yb = rows == st.bs ? st.yb : st.yr;
            gather(tensor_data(xb), xs, st.idx + r0, rows, st.xrow);
            gather(tensor_data(yb), ys, st.idx + r0, rows, st.yrow);
            if (train_batch(&st, xb, yb, &t) < 0) { rc = -1; break; }
            s.batch = b + 1;
            if (ln_interrupted) {
                ln_interrupted = 0;
                r->end = FIT_INTERRUPTED;
                stop = 1;
            }
            double now = now_seconds();
            if (!stop && cb && cb->progress && b + 1 < st.batches && (b == 0 || now - last >= o->progress_interval)) {
                last = now;
                tally_status(&t, m, &s);
                s.seconds = now - t0;
                int cr = cb->progress(cb->ctx, &s);
                if (cr == FIT_ERROR) { rc = -1; break; }
                if (cr == FIT_INTERRUPT) { r->end = FIT_INTERRUPTED; stop = 1; }
                else if (cr == FIT_STOP) { r->end = FIT_STOPPED; stop = 1; }
            }
            if (stop) {
                r->stop_epoch = s.epoch;
                r->stop_batch = s.batch;
                r->batches = st.batches;
                break;
            }
        }
        if (rc < 0 || stop) break;
        /* the epoch is complete: validate, report, record */
        tally_status(&t, m, &s);
        if (has_val) {
            tally v;
            if (eval_rows(m, st.vx, st.vy, st.bs, NULL, 0, who, &v) < 0) {
                if (strstr(ln_error(), "interrupted")) {  /* Ctrl-C during validation: the epoch does not count */
                    r->end = FIT_INTERRUPTED;
                    r->stop_epoch = s.epoch; r->stop_batch = s.batch; r->batches = st.batches;
                    break;
                }
                rc = -1;
                break;
            }
            s.has_val = 1;
            s.val_loss = v.loss_sum / (double)v.rows;
            s.val_accuracy = v.counted ? v.correct / (double)v.counted : NAN;
        }
        s.done = 1;
        s.seconds = now_seconds() - t0;
        result_add(r, &s, s.seconds);
        if (o->patience >= 0) {
            double cur = monitored(&s, monitor);
            wait++;
            if (!isnan(cur) && (maximize ? cur - o->min_delta > best : cur + o->min_delta < best)) {
                best = cur;
                r->best_epoch = s.epoch;
                wait = 0;
                if (st.best) weights_copy(&st, 1);
            } else if (wait >= o->patience && e + 1 < o->epochs) {   /* as Keras' EarlyStopping counts */
                r->end = FIT_EARLY_STOPPED;
                stop = 1;
            }
        }
        int interrupted_now = ln_interrupted;
        if (cb && cb->progress) {
            int cr = cb->progress(cb->ctx, &s);
            if (cr == FIT_ERROR) { rc = -1; break; }
            if (cr == FIT_INTERRUPT) interrupted_now = 1;
        }
        if (cb && cb->epoch_end) {
            int cr = cb->epoch_end(cb->ctx, &s);
            if (cr == FIT_ERROR) { rc = -1; break; }
            if (cr == FIT_INTERRUPT) interrupted_now = 1;
            else if (cr == FIT_STOP && !stop) { r->end = FIT_STOPPED; stop = 1; r->stop_epoch = s.epoch; }
        }
        if (interrupted_now || ln_interrupted) {
            ln_interrupted = 0;
            r->end = FIT_INTERRUPTED;
            r->stop_epoch = s.epoch; r->stop_batch = s.batch; r->batches = st.batches;
            stop = 1;
        }
    }
    /* Keras' restore_best_weights: training ends with the weights of the best epoch */
    if (rc == 0 && st.best && r->best_epoch > 0 && r->nepochs > 0 && r->best_epoch != r->epoch[r->nepochs - 1] &&
        r->end != FIT_INTERRUPTED) {
        weights_copy(&st, 0);
        r->restored = 1;
    }
    if (rc < 0) optim_zero_grad(m->opt);   /* no half-made gradients left on the parameters */
    ag_set_enabled(grad_was);
    state_free(&st);
    return rc;
}
