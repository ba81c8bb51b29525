/* layer_rnn.c — the recurrent layers, with Keras' formulas, parameter layouts and defaults:
 * sequences [N, T, F] -> the last state [N, units], or every state [N, T, units] with
 * return_sequences. Each is built from recorded core ops (linear, matmul, add, mul, sigmoid, the
 * activation), so backpropagation through time is autograd's.
 *
 *   SimpleRNN  h_t = act(x_t W + h_{t-1} U + b)
 *   LSTM       [i f g o] = x_t W + h_{t-1} U + b            (Keras' gate order i, f, c, o)
 *              i, f, o = sigmoid(.), g = act(.),  c_t = f * c_{t-1} + i * g,  h_t = o * act(c_t)
 *   GRU        (reset_after, Keras 2's default: two biases, the reset gate applied after U)
 *              [xz xr xh] = x_t W + b_in,  [rz rr rh] = h_{t-1} U + b_rec
 *              z = sigmoid(xz + rz), r = sigmoid(xr + rr), hh = act(xh + r * rh)
 *              h_t = z * h_{t-1} + (1 - z) * hh
 * with h_0 = c_0 = 0. act is cfg.activation (the binding's default is tanh, as Keras'); the gates'
 * sigmoid is fixed. Parameters: kernel [F, n*units] glorot_uniform, recurrent_kernel
 * [units, n*units] orthogonal, bias [n*units] zeros ([2, 3*units] for GRU) with the LSTM's
 * forget-gate slice set to ones (unit_forget_bias); n = 1, 4, 3. So the counts are Keras':
 * units*(units+F+1), 4*units*(units+F+1), 3*units*(units+F+2).
 *
 * The input projection x W + b is one product over all time steps; each step then reads its
 * slice of it. Slices are taken with a view op of this file whose backward adds into the slice of
 * the input's gradient in place, so T steps cost O(T) in the backward, not O(T^2).
 *
 * Config: units, activation, return_sequences, use_bias, kernel_init, recurrent_init, bias_init.
 * Uses nn.h and autograd.h. */
#include "nn.h"
#include "autograd.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* ---- the slice op ---- */

/* x narrowed to [start, start+len) along dim, or (drop) x selected at start with dim removed:
 * a view without a graph. */
static tensor *raw_slice(tensor *x, int dim, int64_t start, int64_t len, int drop)
{
    int was = ag_set_enabled(0);
    tensor *v = drop ? tensor_select(x, dim, start) : tensor_narrow(x, dim, start, len);
    ag_set_enabled(was);
    return v;
}

/* dx[slice] += dy, in place in x's gradient (made, zero, by the first slice to need it) */
static int slice_backward(ag_node *n, tensor *out, tensor *gout)
{
    tensor *x = n->inputs[0];
    if (!x->requires_grad) return 0;
    if (!x->grad) {
        tensor *z = tensor_zeros(x->ndim, x->shape);
        int rc = z ? ag_accumulate(x, z) : -1;
        tensor_release(z);
        if (rc < 0) return -1;
    }
    tensor *part = raw_slice(x->grad, (int)n->i[0], n->i[1], n->i[2], (int)n->i[3]);
    int rc = part ? tensor_axpy_(part, 1.0f, gout) : -1;
    tensor_release(part);
    return rc;
}
static const ag_op op_rnn_slice = {"rnn_slice", slice_backward};

static tensor *slice(tensor *x, int dim, int64_t start, int64_t len, int drop)
{
    tensor *v = raw_slice(x, dim, start, len, drop);
    if (!v) return NULL;
    ag_node *node = ag_record(v, &op_rnn_slice, 1, &x);
    if (node) { node->i[0] = dim; node->i[1] = start; node->i[2] = len; node->i[3] = drop; }
    return v;
}

/* ---- a step's temporaries ----
 * Every op of a step puts its result in the step's scratch, which releases them all at the end
 * (what the state keeps, it retains first). An op given NULL (an earlier op failed) gives NULL. */

#define STEP_MAX 24
typedef struct { tensor *t[STEP_MAX]; int n; } scratch;

static tensor *keep(scratch *s, tensor *t)
{
    if (t && s->n == STEP_MAX) { tensor_release(t); ln_seterror("rnn: too many temporaries in one step"); return NULL; }
    if (t) s->t[s->n++] = t;
    return t;
}

static void scratch_free(scratch *s)
{
    for (int k = 0; k < s->n; k++) tensor_release(s->t[k]);
    s->n = 0;
}

static tensor *add(scratch *s, tensor *a, tensor *b) { return a && b ? keep(s, tensor_binary(BIN_ADD, a, b)) : NULL; }
static tensor *sub(scratch *s, tensor *a, tensor *b) { return a && b ? keep(s, tensor_binary(BIN_SUB, a, b)) : NULL; }
static tensor *mul(scratch *s, tensor *a, tensor *b) { return a && b ? keep(s, tensor_binary(BIN_MUL, a, b)) : NULL; }
static tensor *sigmoid(scratch *s, tensor *a) { return a ? keep(s, tensor_unary(UN_SIGMOID, a)) : NULL; }
static tensor *matmul(scratch *s, tensor *a, tensor *b) { return a ? keep(s, tensor_matmul(a, b)) : NULL; }
static tensor *linear(scratch *s, tensor *a, tensor *w, tensor *b) { return a ? keep(s, tensor_linear(a, w, b)) : NULL; }
static tensor *act(scratch *s, const layer *l, tensor *a)
{
    return a ? keep(s, nn_activate(a, l->cfg.activation, l->cfg.alpha)) : NULL;
}
/* columns [start, start+len) of a [N, G] */
static tensor *cols(scratch *s, tensor *a, int64_t start, int64_t len) { return a ? keep(s, slice(a, 1, start, len, 0)) : NULL; }

/* ---- shared by the three layers ---- */

typedef enum { RNN_SIMPLE, RNN_LSTM, RNN_GRU } rnn_kind;

static rnn_kind kind_of(const layer *l);
static int gates_of(rnn_kind k) { return k == RNN_LSTM ? 4 : k == RNN_GRU ? 3 : 1; }

static int rnn_setup(layer *l)
{
    layer_config *c = &l->cfg;
    if (c->units <= 0) { ln_seterror("units must be a positive integer, got %lld", (long long)c->units); return -1; }
    if ((unsigned)c->activation >= ACT_COUNT) { ln_seterror("unknown activation %d", (int)c->activation); return -1; }
    if (c->activation == ACT_SOFTMAX) { ln_seterror("activation \"softmax\" cannot be a recurrent activation"); return -1; }
    if ((unsigned)c->kernel_init >= INIT_COUNT || (unsigned)c->bias_init >= INIT_COUNT ||
        (unsigned)c->recurrent_init >= INIT_COUNT) {
        ln_seterror("unknown initializer");
        return -1;
    }
    if (c->activation == ACT_LEAKY_RELU && isnan(c->alpha)) c->alpha = NN_LEAKY_ACTIVATION_ALPHA;
    c->return_sequences = c->return_sequences != 0;
    return 0;
}

/* Keras' Orthogonal initializer for a [rows, cols] matrix with rows <= cols: orthonormal rows, by
 * Gram-Schmidt on Gaussian rows (QR with the signs fixed, as Keras does, has the same law). */
static int orthogonal_fill(tensor *t)
{
    int64_t rows = t->shape[0], cols_ = t->shape[1];
    double *a = ln_alloc((size_t)(rows * cols_ + 1) * sizeof *a);
    if (!a) return -1;
    for (int64_t i = 0; i < rows; i++) {
        double *r = a + i * cols_, norm;
        do {
            for (int64_t j = 0; j < cols_; j++) r[j] = rng_normal();
            for (int pass = 0; pass < 2; pass++)   /* twice, for orthogonality in floating point */
                for (int64_t k = 0; k < i; k++) {
                    const double *q = a + k * cols_;
                    double d = 0;
                    for (int64_t j = 0; j < cols_; j++) d += q[j] * r[j];
                    for (int64_t j = 0; j < cols_; j++) r[j] -= d * q[j];
                }
            norm = 0;
            for (int64_t j = 0; j < cols_; j++) norm += r[j] * r[j];
            norm = sqrt(norm);
        } while (norm < 1e-6);
        for (int64_t j = 0; j < cols_; j++) r[j] /= norm;
    }
    float *p = tensor_data(t);
    for (int64_t k = 0; k < rows * cols_; k++) p[k] = (float)a[k];
    ln_free(a);
    return 0;
}

/* The hint after "expected input [N,T,F], got ...". */
static void sequence_hint(char *buf, size_t n, int ndim, const int64_t *shape)
{
    buf[0] = 0;
    if (ndim == 1)
        snprintf(buf, n, " — a sequence of numbers needs a feature dimension: reshape to {-1, %lld, 1}",
                 (long long)shape[0]);
    else if (ndim == 3 && shape[2] == 1)
        snprintf(buf, n, " — for images as sequences of rows, reshape to {-1, %lld, %lld}", (long long)shape[0],
                 (long long)shape[1]);
}

static int rnn_build(layer *l)
{
    char b[96], hint[128];
    const layer_config *c = &l->cfg;
    if (l->in_ndim != 2 || l->in_shape[0] <= 0 || l->in_shape[1] <= 0) {
        sequence_hint(hint, sizeof hint, l->in_ndim, l->in_shape);
        ln_seterror("expected input [N,T,F], got %s%s", nn_batch_shape_str(b, l->in_ndim, l->in_shape), hint);
        return -1;
    }
    rnn_kind k = kind_of(l);
    int64_t F = l->in_shape[1], U = c->units, G = gates_of(k) * U;
    int64_t ks[2] = {F, G}, rs[2] = {U, G};
    tensor *kernel = layer_add_param(l, "kernel", 2, ks);
    if (!kernel || nn_init_fill(kernel, c->kernel_init == INIT_DEFAULT ? INIT_GLOROT_UNIFORM : c->kernel_init, F, G) < 0)
        return -1;
    tensor *rec = layer_add_param(l, "recurrent_kernel", 2, rs);
    if (!rec) return -1;
    if (c->recurrent_init == INIT_DEFAULT ? orthogonal_fill(rec) < 0 : nn_init_fill(rec, c->recurrent_init, U, G) < 0)
        return -1;
    if (c->use_bias) {
        int64_t bs[2] = {2, G};   /* GRU: the input bias, then the recurrent one */
        tensor *bias = k == RNN_GRU ? layer_add_param(l, "bias", 2, bs) : layer_add_param(l, "bias", 1, &G);
        if (!bias || nn_init_fill(bias, c->bias_init == INIT_DEFAULT ? INIT_ZEROS : c->bias_init, F, G) < 0) return -1;
        if (k == RNN_LSTM)   /* unit_forget_bias: the forget gate starts open */
            for (int64_t j = U; j < 2 * U; j++) tensor_data(bias)[j] = 1.0f;
    }
    if (c->return_sequences) {
        l->out_ndim = 2;
        l->out_shape[0] = l->in_shape[0]; l->out_shape[1] = U;
    } else {
        l->out_ndim = 1;
        l->out_shape[0] = U;
    }
    return 0;
}

/* ---- one time step of each kind: the new state in *h (and *c), 0 or -1 ----
 * xt: this step's slice of x W + b [N, G]; *h, *c: the state [N, U], NULL at t = 0 (zero), which
 * drops the terms it would zero. The old state is released, the new one retained. */

static int set_state(tensor **slot, tensor *v)
{
    if (!v) return -1;
    tensor_release(*slot);
    *slot = tensor_retain(v);
    return 0;
}

static int simple_step(layer *l, tensor *xt, tensor **h)
{
    scratch s = {{0}, 0};
    tensor *pre = *h ? add(&s, xt, matmul(&s, *h, l->params[1])) : xt;   /* x_t W + b + h U */
    int rc = set_state(h, act(&s, l, pre));
    scratch_free(&s);
    return rc;
}

static int lstm_step(layer *l, tensor *xt, tensor **h, tensor **c)
{
    scratch s = {{0}, 0};
    int64_t U = l->cfg.units;
    tensor *gates = *h ? add(&s, xt, matmul(&s, *h, l->params[1])) : xt;   /* [i f g o] */
    tensor *i = sigmoid(&s, cols(&s, gates, 0, U));
    tensor *g = act(&s, l, cols(&s, gates, 2 * U, U));
    tensor *o = sigmoid(&s, cols(&s, gates, 3 * U, U));
    tensor *ig = mul(&s, i, g);
    tensor *nc = ig;
    if (*c) {
        tensor *f = sigmoid(&s, cols(&s, gates, U, U));
        nc = add(&s, mul(&s, f, *c), ig);                  /* c = f * c + i * g */
    }
    tensor *nh = mul(&s, o, act(&s, l, nc));               /* h = o * act(c) */
    int rc = nh ? set_state(c, nc) : -1;
    if (rc == 0) rc = set_state(h, nh);
    scratch_free(&s);
    return rc;
}

static int gru_step(layer *l, tensor *xt, tensor *brec, tensor **h)
{
    scratch s = {{0}, 0};
    int64_t U = l->cfg.units;
    tensor *h0 = *h;
    if (!h0) {   /* h_0 = 0: the recurrent part is its bias alone, but r still multiplies it */
        int64_t zs[2] = {xt->shape[0], U};
        h0 = keep(&s, tensor_zeros(2, zs));
    }
    tensor *rec = linear(&s, h0, l->params[1], brec);                           /* [rz rr rh] */
    tensor *zr = sigmoid(&s, add(&s, cols(&s, xt, 0, 2 * U), cols(&s, rec, 0, 2 * U)));
    tensor *z = cols(&s, zr, 0, U), *r = cols(&s, zr, U, U);
    tensor *hh = act(&s, l, add(&s, cols(&s, xt, 2 * U, U), mul(&s, r, cols(&s, rec, 2 * U, U))));
    tensor *nh = add(&s, hh, mul(&s, z, sub(&s, h0, hh)));                     /* z*h + (1-z)*hh */
    int rc = set_state(h, nh);
    scratch_free(&s);
    return rc;
}

static tensor *rnn_forward(layer *l, tensor *x, int training)
{
    (void)training;
    char b1[96], b2[96], hint[128];
    const layer_config *c = &l->cfg;
    int64_t F = l->in_shape[1];
    if (x->ndim != 3 || x->shape[2] != F || x->shape[1] == 0) {
        int64_t want[2] = {x->ndim == 3 ? x->shape[1] : l->in_shape[0], F};
        nn_batch_shape_str(b1, 2, want);
        if (x->ndim == 0) ln_seterror("expected input [N,T,F] = %s, got a 0-d tensor", b1);
        else if (x->ndim == 3 && x->shape[1] == 0) ln_seterror("expected input %s, got an empty sequence [N,0,%lld]", b1, (long long)x->shape[2]);
        else {
            sequence_hint(hint, sizeof hint, x->ndim - 1, x->shape + 1);
            if (x->ndim == 2 && x->shape[0] == l->in_shape[0] && x->shape[1] == F)
                snprintf(hint, sizeof hint, " — one sequence needs a batch dimension: x:reshape(1, %lld, %lld)",
                         (long long)x->shape[0], (long long)F);
            ln_seterror("expected input [N,T,F] = %s, got %s%s", b1, nn_batch_shape_str(b2, x->ndim - 1, x->shape + 1), hint);
        }
        return NULL;
    }
    rnn_kind k = kind_of(l);
    const int64_t T = x->shape[1];
    tensor *bias = c->use_bias ? l->params[2] : NULL, *bin = NULL, *brec = NULL;
    if (k == RNN_GRU && bias) {   /* GRU's bias [2, G]: the input bias, then the recurrent one */
        bin = slice(bias, 0, 0, 1, 1);
        brec = slice(bias, 0, 1, 1, 1);
        if (!bin || !brec) { tensor_release(bin); tensor_release(brec); return NULL; }
        bias = bin;
    }
    /* x W + b for every step at once: [N, T, G] */
    tensor *xw = tensor_linear(x, l->params[0], bias);
    tensor *h = NULL, *cell = NULL, *out = NULL;
    tensor **hs = c->return_sequences ? ln_calloc((size_t)T, sizeof *hs) : NULL;
    int rc = xw && (hs || !c->return_sequences) ? 0 : -1;
    for (int64_t t = 0; t < T && rc == 0; t++) {
        tensor *xt = slice(xw, 1, t, 1, 1);
        if (!xt) { rc = -1; break; }
        rc = k == RNN_LSTM ? lstm_step(l, xt, &h, &cell) : k == RNN_GRU ? gru_step(l, xt, brec, &h)
                                                                        : simple_step(l, xt, &h);
        tensor_release(xt);
        if (rc == 0 && hs) hs[t] = tensor_retain(h);
    }
    if (rc == 0) {
        if (hs) out = tensor_stack((int)T, hs, 1);
        else out = tensor_retain(h);
    }
    if (hs) {
        for (int64_t t = 0; t < T; t++) tensor_release(hs[t]);
        ln_free(hs);
    }
    tensor_release(h); tensor_release(cell); tensor_release(xw); tensor_release(bin); tensor_release(brec);
    return out;
}

/* "8 -> 16", then the activation when it is not tanh, and return_sequences when set */
static void rnn_describe(const layer *l, char *buf, size_t n)
{
    const layer_config *c = &l->cfg;
    char in[32] = "?", a[48] = "";
    if (l->built) snprintf(in, sizeof in, "%lld", (long long)l->in_shape[1]);
    if (c->activation != ACT_TANH && (unsigned)c->activation < ACT_COUNT)
        snprintf(a, sizeof a, ", %s", nn_activation_name[c->activation]);
    snprintf(buf, n, "%s -> %lld%s%s", in, (long long)c->units, a, c->return_sequences ? ", return_sequences" : "");
}

const layer_type layer_simple_rnn = {
    .name = "SimpleRNN", .prefix = "simple_rnn", .setup = rnn_setup, .build = rnn_build,
    .forward = rnn_forward, .describe = rnn_describe,
};

const layer_type layer_lstm = {
    .name = "LSTM", .prefix = "lstm", .setup = rnn_setup, .build = rnn_build,
    .forward = rnn_forward, .describe = rnn_describe,
};

const layer_type layer_gru = {
    .name = "GRU", .prefix = "gru", .setup = rnn_setup, .build = rnn_build,
    .forward = rnn_forward, .describe = rnn_describe,
};

static rnn_kind kind_of(const layer *l)
{
    return l->type == &layer_lstm ? RNN_LSTM : l->type == &layer_gru ? RNN_GRU : RNN_SIMPLE;
}
