/* elementwise.c — elementwise ops with numpy broadcasting, and their backward passes.
 *
 * Uses core.h, tensor.h and autograd.h. Broadcast gradients are summed back to each operand's
 * shape by ag_accumulate (which calls tensor_sum_to, reduce.c). Inputs are borrowed; every
 * tensor returned is a new reference; recorded nodes retain their inputs.
 *
 * How the work is done, fastest case first:
 *   1. both operands contiguous and of the output's shape: one flat restrict loop;
 *   2. everything else goes through a `walk`: operands are given broadcast strides (0 along a
 *      broadcast dim), size-1 dims are dropped and neighbouring dims that every operand steps
 *      through evenly are merged. The scalar case ([N,K] op [] -> one run, stride 0), the bias
 *      case ([N,K] op [K] -> N runs of K, stride 0 between runs) and contiguous views all
 *      collapse to a few long inner runs, which the kernels specialise on unit/zero strides.
 * Each op's forward and derivative sit side by side in one table (BINARY_OPS, UNARY_OPS). */

/* GCC 12's -O2 vectorizes only loops whose trip count is a known multiple of the vector width
 * (the "very-cheap" cost model); these kernels have run-time lengths, so ask for the "cheap"
 * model here. It must come before the includes so that the inline helpers share the options. */
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC optimize("tree-vectorize", "vect-cost-model=cheap")
#endif

#include "tensor.h"
#include "autograd.h"

#include <math.h>
#include <string.h>

const char *const binop_name[BIN_COUNT] = {
    "add", "sub", "mul", "div", "pow", "maximum", "minimum", "gt", "ge", "lt", "le", "eq", "ne",
};
const char *const unop_name[UN_COUNT] = {
    "neg", "exp", "log", "sqrt", "abs", "sin", "cos", "tanh", "sigmoid", "relu", "step", "square", "sign",
};

/* ---- broadcasting ---- */

int broadcast_shape(const char *who, int an, const int64_t *as, int bn, const int64_t *bs,
                    int *outn, int64_t *out)
{
    char b1[96], b2[96];
    int n = an > bn ? an : bn;
    int64_t s[T_MAXDIM];
    if (n > T_MAXDIM) { ln_seterror("%s: %d dimensions (at most %d)", who, n, T_MAXDIM); return -1; }
    /* align from the right; a missing dim counts as 1 */
    for (int d = n - 1; d >= 0; d--) {
        int ad = d - (n - an), bd = d - (n - bn);
        int64_t x = ad >= 0 ? as[ad] : 1, y = bd >= 0 ? bs[bd] : 1;
        if (x == y || y == 1) s[d] = x;
        else if (x == 1) s[d] = y;
        else {
            ln_seterror("%s: shapes %s and %s cannot be broadcast (dimension %d: %lld vs %lld)", who,
                        ln_shape_str(b1, an, as), ln_shape_str(b2, bn, bs), d + 1, (long long)x, (long long)y);
            return -1;
        }
    }
    memcpy(out, s, (size_t)n * sizeof *s);   /* out may be as or bs */
    *outn = n;
    return 0;
}

/* ---- the strided walk ---- */
#define WALK_MAXOPS 5

typedef struct {
    int ndim, nops;
    int64_t shape[T_MAXDIM];
    int64_t st[WALK_MAXOPS][T_MAXDIM];   /* element strides of each operand, 0 where broadcast */
    int64_t off[WALK_MAXOPS];            /* current element offset of each operand */
    int64_t idx[T_MAXDIM];
} walk;

static void walk_init(walk *w, int ndim, const int64_t *shape)
{
    w->ndim = ndim; w->nops = 0;
    for (int d = 0; d < ndim; d++) w->shape[d] = shape[d];
}

/* Adds t, broadcast to the walk's shape (the caller has checked that it broadcasts). */
static void walk_add(walk *w, const tensor *t)
{
    int k = w->nops++, lead = w->ndim - t->ndim;
    for (int d = 0; d < w->ndim; d++) {
        int td = d - lead;
        w->st[k][d] = (td < 0 || t->shape[td] == 1) ? 0 : t->stride[td];
    }
    w->off[k] = t->offset;
}

/* Drops size-1 dims, merges dims every operand steps through evenly, and returns the length of
 * the innermost run; the walk then visits numel / run runs. */
static int64_t walk_start(walk *w)
{
    int n = 0;
    for (int d = 0; d < w->ndim; d++) {
        if (w->shape[d] == 1) continue;
        int merge = n > 0;
        for (int k = 0; k < w->nops && merge; k++) merge = w->st[k][n - 1] == w->st[k][d] * w->shape[d];
        if (merge) {
            w->shape[n - 1] *= w->shape[d];
            for (int k = 0; k < w->nops; k++) w->st[k][n - 1] = w->st[k][d];
            continue;
        }
        w->shape[n] = w->shape[d];
        for (int k = 0; k < w->nops; k++) w->st[k][n] = w->st[k][d];
        n++;
    }
    if (n == 0) {   /* a single element */
        n = 1; w->shape[0] = 1;
        for (int k = 0; k < w->nops; k++) w->st[k][0] = 0;
    }
    w->ndim = n;
    for (int d = 0; d < n; d++) w->idx[d] = 0;
    return w->shape[n - 1];
}

/* Moves to the next run (advances every dim but the innermost). */
static inline void walk_next(walk *w)
{
    for (int d = w->ndim - 2; d >= 0; d--) {
        for (int k = 0; k < w->nops; k++) w->off[k] += w->st[k][d];
        if (++w->idx[d] < w->shape[d]) return;
        for (int k = 0; k < w->nops; k++) w->off[k] -= w->st[k][d] * w->shape[d];
        w->idx[d] = 0;
    }
}

/* Inner stride of operand k. */
#define WST(w, k) ((w).st[k][(w).ndim - 1])

/* ---- binary ops: forward and derivatives side by side ----
 * x = a, y = b, z = out. The backward of operand a is  da += g * DA,  of b is  db += g * DB. */
#define BINARY_OPS(X)                                                                     \
    /*  op       z = out =                            da += g *         db += g *        */ \
    X(BIN_ADD,   x + y,                               1.0f,             1.0f)             \
    X(BIN_SUB,   x - y,                               1.0f,             -1.0f)            \
    X(BIN_MUL,   x * y,                               y,                x)                \
    X(BIN_DIV,   x / y,                               1.0f / y,         -z / y)           \
    /* d(a^b)/db = a^b log a, defined for a > 0 only; 0 elsewhere, as PyTorch does */     \
    X(BIN_POW,   powf(x, y),                          y * powf(x, y - 1.0f), x > 0.0f ? z * logf(x) : 0.0f) \
    /* the gradient goes to the operand that was picked; ties go to a */                  \
    X(BIN_MAX,   (x >= y || x != x) ? x : y,          (float)(x >= y),  (float)(x < y))   \
    X(BIN_MIN,   (x <= y || x != x) ? x : y,          (float)(x <= y),  (float)(x > y))   \
    X(BIN_GT,    (float)(x > y),                      0.0f,             0.0f)             \
    X(BIN_GE,    (float)(x >= y),                     0.0f,             0.0f)             \
    X(BIN_LT,    (float)(x < y),                      0.0f,             0.0f)             \
    X(BIN_LE,    (float)(x <= y),                     0.0f,             0.0f)             \
    X(BIN_EQ,    (float)(x == y),                     0.0f,             0.0f)             \
    X(BIN_NE,    (float)(x != y),                     0.0f,             0.0f)

/* o[i] = a[i*sa] op b[i*sb] for i < n; o is contiguous. The common stride pairs get loops of
 * their own so that the compiler vectorizes them. */
static void binary_run(binop op, int64_t n, float *restrict o, const float *restrict a, int64_t sa,
                       const float *restrict b, int64_t sb)
{
    switch (op) {
#define X(OP, F, DA, DB)                                                                       \
    case OP:                                                                                   \
        if (sa == 1 && sb == 1)      for (int64_t i = 0; i < n; i++) { float x = a[i], y = b[i]; o[i] = F; } \
        else if (sa == 1 && sb == 0) { float y = b[0]; for (int64_t i = 0; i < n; i++) { float x = a[i]; o[i] = F; } } \
        else if (sa == 0 && sb == 1) { float x = a[0]; for (int64_t i = 0; i < n; i++) { float y = b[i]; o[i] = F; } } \
        else for (int64_t i = 0; i < n; i++) { float x = a[i * sa], y = b[i * sb]; o[i] = F; } \
        break;
    BINARY_OPS(X)
#undef X
    default: break;
    }
}

/* r[i] = g[i] * (dz/dx or dz/dy) for i < n, x op y = z; r is contiguous. */
static void binary_grad_run(binop op, int wrt_y, int64_t n, float *restrict r, const float *restrict g, int64_t sg,
                            const float *restrict xp, int64_t sx, const float *restrict yp, int64_t sy,
                            const float *restrict zp, int64_t sz)
{
    int unit = sg == 1 && sx == 1 && sy == 1 && sz == 1;
#define GRAD_LOOP(D)                                                                            \
    if (unit) for (int64_t i = 0; i < n; i++) {                                                 \
        float x = xp[i], y = yp[i], z = zp[i]; (void)x; (void)y; (void)z; r[i] = g[i] * (D); }  \
    else for (int64_t i = 0; i < n; i++) {                                                      \
        float x = xp[i * sx], y = yp[i * sy], z = zp[i * sz]; (void)x; (void)y; (void)z;        \
        r[i] = g[i * sg] * (D); }
    switch (op) {
#define X(OP, F, DA, DB) case OP: if (wrt_y) { GRAD_LOOP(DB) } else { GRAD_LOOP(DA) } break;
    BINARY_OPS(X)
#undef X
    default: break;
    }
#undef GRAD_LOOP
}

/* out = a op b, out already of the broadcast shape. */
static void binary_fill(binop op, tensor *out, const tensor *a, const tensor *b)
{
    if (out->numel == 0) return;
    if (tensor_same_shape(a, b) && tensor_same_shape(a, out) && tensor_is_contiguous(a) && tensor_is_contiguous(b)) {
        binary_run(op, out->numel, tensor_data(out), tensor_data(a), 1, tensor_data(b), 1);
        return;
    }
    walk w;
    walk_init(&w, out->ndim, out->shape);
    walk_add(&w, out); walk_add(&w, a); walk_add(&w, b);
    int64_t run = walk_start(&w), runs = out->numel / run;
    float *O = out->st->data;
    const float *A = a->st->data, *B = b->st->data;
    for (int64_t r = 0; r < runs; r++, walk_next(&w))
        binary_run(op, run, O + w.off[0], A + w.off[1], WST(w, 1), B + w.off[2], WST(w, 2));
}

/* g * dz/dx (wrt_y = 0) or g * dz/dy (wrt_y = 1) at z's shape, for z = x op y: the gradient of
 * one operand before it is summed back to that operand's shape. */
static tensor *binary_grad(binop op, int wrt_y, tensor *g, tensor *x, tensor *y, tensor *z)
{
    tensor *r = tensor_empty(z->ndim, z->shape);
    if (!r || r->numel == 0) return r;
    walk w;
    walk_init(&w, z->ndim, z->shape);
    walk_add(&w, r); walk_add(&w, g); walk_add(&w, x); walk_add(&w, y); walk_add(&w, z);
    int64_t run = walk_start(&w), runs = r->numel / run;
    for (int64_t k = 0; k < runs; k++, walk_next(&w))
        binary_grad_run(op, wrt_y, run, r->st->data + w.off[0], g->st->data + w.off[1], WST(w, 1),
                        x->st->data + w.off[2], WST(w, 2), y->st->data + w.off[3], WST(w, 3),
                        z->st->data + w.off[4], WST(w, 4));
    return r;
}

/* Accumulates g * dz/d(operand) into that operand (summed back to its shape). */
static int binary_accumulate(binop op, int wrt_y, tensor *input, tensor *g, tensor *x, tensor *y, tensor *z)
{
    if (!input || !input->requires_grad) return 0;
    if (op == BIN_ADD || (op == BIN_SUB && !wrt_y)) return ag_accumulate(input, g);   /* d += g */
    tensor *d = binary_grad(op, wrt_y, g, x, y, z);
    int rc = d ? ag_accumulate(input, d) : -1;
    tensor_release(d);
    return rc;
}

/* i[0] = op */
static int binary_backward(ag_node *n, tensor *out, tensor *gout)
{
    binop op = (binop)n->i[0];
    tensor *a = n->inputs[0], *b = n->inputs[1];
    /* da += g * DA(a, b, out);  db += g * DB(a, b, out)  (table BINARY_OPS) */
    if (binary_accumulate(op, 0, a, gout, a, b, out) < 0) return -1;
    return binary_accumulate(op, 1, b, gout, a, b, out);
}

static const ag_op binary_ops[BIN_COUNT] = {
    {"add", binary_backward}, {"sub", binary_backward}, {"mul", binary_backward},
    {"div", binary_backward}, {"pow", binary_backward}, {"maximum", binary_backward},
    {"minimum", binary_backward},
};

tensor *tensor_binary(binop op, tensor *a, tensor *b)
{
    if ((unsigned)op >= BIN_COUNT) { ln_seterror("binary: unknown operation %d", (int)op); return NULL; }
    int n;
    int64_t shape[T_MAXDIM];
    if (broadcast_shape(binop_name[op], a->ndim, a->shape, b->ndim, b->shape, &n, shape) < 0) return NULL;
    tensor *out = tensor_empty(n, shape);
    if (!out) return NULL;
    binary_fill(op, out, a, b);
    if (op < BIN_GT) {   /* comparisons are not differentiable and are not recorded */
        tensor *in[2] = {a, b};
        ag_node *node = ag_record(out, &binary_ops[op], 2, in);
        if (node) node->i[0] = op;
    }
    return out;
}

/* ---- tensor with a scalar ---- */

/* f[0] = s, i[0] = op, i[1] = scalar_first */
static int binary_scalar_backward(ag_node *n, tensor *out, tensor *gout)
{
    binop op = (binop)n->i[0];
    tensor *a = n->inputs[0];
    if (op == BIN_ADD || (op == BIN_SUB && !n->i[1])) return ag_accumulate(a, gout);   /* da += g */
    /* s as a 0-d tensor on the stack: the kernels only read it, and training loops must not
     * allocate in their steady state */
    float sv = (float)n->f[0];
    storage sst = {&sv, 1, 1};
    tensor st = {.refs = 1, .ndim = 0, .numel = 1, .st = &sst}, *s = &st;
    /* a op s:  da += g * DA(a, s, out);   s op a:  da += g * DB(s, a, out) */
    return n->i[1] ? binary_accumulate(op, 1, a, gout, s, a, out) : binary_accumulate(op, 0, a, gout, a, s, out);
}

static const ag_op binary_scalar_ops[BIN_COUNT] = {
    {"add_scalar", binary_scalar_backward}, {"sub_scalar", binary_scalar_backward},
    {"mul_scalar", binary_scalar_backward}, {"div_scalar", binary_scalar_backward},
    {"pow_scalar", binary_scalar_backward}, {"maximum_scalar", binary_scalar_backward},
    {"minimum_scalar", binary_scalar_backward},
};

tensor *tensor_binary_scalar(binop op, tensor *a, float s, int scalar_first)
{
    if ((unsigned)op >= BIN_COUNT) { ln_seterror("binary: unknown operation %d", (int)op); return NULL; }
    tensor *out = tensor_empty(a->ndim, a->shape);
    if (!out) return NULL;
    if (out->numel > 0) {
        walk w;
        walk_init(&w, out->ndim, out->shape);
        walk_add(&w, out); walk_add(&w, a);
        int64_t run = walk_start(&w), runs = out->numel / run;
        for (int64_t r = 0; r < runs; r++, walk_next(&w)) {
            float *o = out->st->data + w.off[0];
            const float *x = a->st->data + w.off[1];
            if (scalar_first) binary_run(op, run, o, &s, 0, x, WST(w, 1));
            else binary_run(op, run, o, x, WST(w, 1), &s, 0);
        }
    }
    if (op < BIN_GT) {
        ag_node *node = ag_record(out, &binary_scalar_ops[op], 1, &a);
        if (node) { node->f[0] = s; node->i[0] = op; node->i[1] = scalar_first != 0; }
    }
    return out;
}

/* ---- unary ops ---- */

/* expf and tanhf written so that the compiler can vectorize loops over them (libm's calls it
 * cannot): Cephes' single-precision range reduction and polynomials, within 2 ulp of libm.
 * exp(x) = 2^n * e^r with n = round(x / ln 2), |r| <= ln2 / 2; the scale 2^n is applied in two
 * halves so that overflow gives inf and the subnormal range comes out right. NaN stays NaN. */
static inline float fexp(float x)
{
    union { float f; uint32_t u; } t, s1, s2;
    float xc = x > 89.0f ? 89.0f : (x < -104.0f ? -104.0f : x);
    t.f = xc * 1.44269504088896341f + 12582912.0f;     /* 1.5 * 2^23: rounds to an integer */
    int32_t n = (int32_t)(t.u - 0x4B400000u);
    float fn = t.f - 12582912.0f;
    float r = xc - fn * 0.693359375f - fn * -2.12194440e-4f;   /* ln 2 in two parts */
    float p = 1.9875691500e-4f;
    p = p * r + 1.3981999507e-3f;
    p = p * r + 8.3334519073e-3f;
    p = p * r + 4.1665795894e-2f;
    p = p * r + 1.6666665459e-1f;
    p = p * r + 5.0000001201e-1f;
    p = p * r * r + r + 1.0f;
    int32_t n1 = n / 2, n2 = n - n1;
    s1.u = (uint32_t)(n1 + 127) << 23;
    s2.u = (uint32_t)(n2 + 127) << 23;
    return p * s1.f * s2.f;
}

/* sigmoid as 1/(1 + e^-x) for x >= 0 and e^x/(1 + e^x) below, so that e^-x never overflows
 * and tiny results keep their digits. */
static inline float fsigmoid(float x)
{
    float e = fexp(-fabsf(x)), s = 1.0f / (1.0f + e);
    return x >= 0.0f ? s : e * s;
}

/* tanh: an odd polynomial near 0, where 1 - 2/(e^2x + 1) would cancel; that formula elsewhere. */
static inline float ftanh(float x)
{
    float ax = fabsf(x), z = x * x;
    float p = -5.70498872745e-3f;
    p = p * z + 2.06390887954e-2f;
    p = p * z - 5.37397155531e-2f;
    p = p * z + 1.33314422036e-1f;
    p = p * z - 3.33332819422e-1f;
    float small = p * z * x + x;
    float big = 1.0f - 2.0f / (fexp(2.0f * ax) + 1.0f);
    big = x < 0.0f ? -big : big;
    return ax < 0.625f ? small : big;
}

/* Two parametrised activations share the unary machinery; p0, p1 are their parameters. */
enum { UN_LEAKY = UN_COUNT, UN_CLAMP, UN_ALL };

#define UNARY_OPS(X)                                                                          \
    /*  op          z = out = f(x)                            dx += g *                    */ \
    X(UN_NEG,       -x,                                       -1.0f)                          \
    X(UN_EXP,       fexp(x),                                  z)                              \
    X(UN_LOG,       logf(x),                                  1.0f / x)                       \
    X(UN_SQRT,      sqrtf(x),                                 0.5f / z)                       \
    X(UN_ABS,       fabsf(x),                                 (float)(x > 0.0f) - (float)(x < 0.0f)) \
    X(UN_SIN,       sinf(x),                                  cosf(x))                        \
    X(UN_COS,       cosf(x),                                  -sinf(x))                       \
    X(UN_TANH,      ftanh(x),                                 1.0f - z * z)                   \
    X(UN_SIGMOID,   fsigmoid(x),                              z * (1.0f - z))                 \
    /* relu's gradient at 0 is taken as 0; NaN passes through so that anomalies show */      \
    X(UN_RELU,      (x > 0.0f || x != x) ? x : 0.0f,          (float)(x > 0.0f))              \
    /* step is flat wherever it has a slope at all: nothing for gradient descent to follow */ \
    X(UN_STEP,      (float)(x > 0.0f),                        0.0f)                           \
    X(UN_SQUARE,    x * x,                                    2.0f * x)                       \
    X(UN_SIGN,      (float)(x > 0.0f) - (float)(x < 0.0f),    0.0f)                           \
    X(UN_LEAKY,     x > 0.0f ? x : p0 * x,                    x > 0.0f ? 1.0f : p0)           \
    X(UN_CLAMP,     x < p0 ? p0 : (x > p1 ? p1 : x),          (float)(x >= p0 && x <= p1))

/* o[i] = f(x[i]); o may be x (in place), so no restrict on them. */
static void unary_run(int op, int64_t n, float *o, const float *xp, float p0, float p1)
{
    (void)p0; (void)p1;
    switch (op) {
#define X(OP, F, D) case OP: for (int64_t i = 0; i < n; i++) { float x = xp[i]; o[i] = F; } break;
    UNARY_OPS(X)
#undef X
    default: break;
    }
}

/* r[i] = g[i] * f'(x[i]), z = f(x). */
static void unary_grad_run(int op, int64_t n, float *restrict r, const float *restrict g,
                           const float *restrict xp, const float *restrict zp, float p0, float p1)
{
    (void)p0; (void)p1;
    switch (op) {
#define X(OP, F, D) case OP: for (int64_t i = 0; i < n; i++) {                \
        float x = xp[i], z = zp[i]; (void)x; (void)z; r[i] = g[i] * (D); } break;
    UNARY_OPS(X)
#undef X
    default: break;
    }
}

/* i[0] = op, f[0..1] = parameters */
static int unary_backward(ag_node *n, tensor *out, tensor *gout)
{
    tensor *a = n->inputs[0];
    int op = (int)n->i[0];
    if (op == UN_STEP || op == UN_SIGN) {   /* dx += 0: the gradient exists and is zero */
        tensor *z = tensor_zeros(a->ndim, a->shape);
        int rc = z ? ag_accumulate(a, z) : -1;
        tensor_release(z);
        return rc;
    }
    tensor *x = tensor_contiguous(a), *g = tensor_contiguous(gout), *z = tensor_contiguous(out);
    tensor *r = tensor_empty(a->ndim, a->shape);
    int rc = -1;
    if (x && g && z && r) {
        unary_grad_run(op, r->numel, tensor_data(r), tensor_data(g), tensor_data(x), tensor_data(z),
                       (float)n->f[0], (float)n->f[1]);
        rc = ag_accumulate(a, r);
    }
    tensor_release(x); tensor_release(g); tensor_release(z); tensor_release(r);
    return rc;
}

static const ag_op unary_ops[UN_ALL] = {
    {"neg", unary_backward}, {"exp", unary_backward}, {"log", unary_backward},
    {"sqrt", unary_backward}, {"abs", unary_backward}, {"sin", unary_backward},
    {"cos", unary_backward}, {"tanh", unary_backward}, {"sigmoid", unary_backward},
    {"relu", unary_backward}, {"step", unary_backward}, {"square", unary_backward},
    {"sign", unary_backward}, {"leaky_relu", unary_backward}, {"clamp", unary_backward},
};

static tensor *unary(int op, tensor *a, float p0, float p1)
{
    tensor *out = tensor_empty(a->ndim, a->shape);
    if (!out) return NULL;
    float *o = tensor_data(out);
    if (tensor_is_contiguous(a)) unary_run(op, out->numel, o, tensor_data(a), p0, p1);
    else { tensor_copy_out(a, o); unary_run(op, out->numel, o, o, p0, p1); }
    ag_node *node = ag_record(out, &unary_ops[op], 1, &a);
    if (node) { node->i[0] = op; node->f[0] = p0; node->f[1] = p1; }
    return out;
}

tensor *tensor_unary(unop op, tensor *a)
{
    if ((unsigned)op >= UN_COUNT) { ln_seterror("unary: unknown operation %d", (int)op); return NULL; }
    return unary(op, a, 0, 0);
}

tensor *tensor_leaky_relu(tensor *a, float alpha) { return unary(UN_LEAKY, a, alpha, 0); }

tensor *tensor_clamp(tensor *a, float lo, float hi)
{
    if (lo > hi) { ln_seterror("clamp: lower bound %g is greater than upper bound %g", lo, hi); return NULL; }
    return unary(UN_CLAMP, a, lo, hi);
}

/* ---- where ---- */

/* saved[0] = mask */
static int where_backward(ag_node *n, tensor *out, tensor *gout)
{
    tensor *mask = n->saved[0];
    /* da += g where mask != 0;  db += g where mask == 0 */
    for (int k = 0; k < 2; k++) {
        tensor *t = n->inputs[k];
        if (!t || !t->requires_grad) continue;
        tensor *r = tensor_empty(out->ndim, out->shape);
        if (!r) return -1;
        if (r->numel > 0) {
            walk w;
            walk_init(&w, out->ndim, out->shape);
            walk_add(&w, r); walk_add(&w, gout); walk_add(&w, mask);
            int64_t run = walk_start(&w), runs = r->numel / run;
            int64_t sg = WST(w, 1), sm = WST(w, 2);
            for (int64_t j = 0; j < runs; j++, walk_next(&w)) {
                float *R = r->st->data + w.off[0];
                const float *G = gout->st->data + w.off[1], *M = mask->st->data + w.off[2];
                if (k == 0) for (int64_t i = 0; i < run; i++) R[i] = M[i * sm] != 0.0f ? G[i * sg] : 0.0f;
                else        for (int64_t i = 0; i < run; i++) R[i] = M[i * sm] != 0.0f ? 0.0f : G[i * sg];
            }
        }
        int rc = ag_accumulate(t, r);
        tensor_release(r);
        if (rc < 0) return -1;
    }
    return 0;
}
static const ag_op op_where = {"where", where_backward};

tensor *tensor_where(tensor *mask, tensor *a, tensor *b)
{
    int n;
    int64_t shape[T_MAXDIM];
    if (broadcast_shape("where", mask->ndim, mask->shape, a->ndim, a->shape, &n, shape) < 0 ||
        broadcast_shape("where", n, shape, b->ndim, b->shape, &n, shape) < 0)
        return NULL;
    tensor *out = tensor_empty(n, shape);
    if (!out) return NULL;
    if (out->numel > 0) {
        walk w;
        walk_init(&w, n, shape);
        walk_add(&w, out); walk_add(&w, mask); walk_add(&w, a); walk_add(&w, b);
        int64_t run = walk_start(&w), runs = out->numel / run;
        int64_t sm = WST(w, 1), sa = WST(w, 2), sb = WST(w, 3);
        for (int64_t j = 0; j < runs; j++, walk_next(&w)) {
            float *O = out->st->data + w.off[0];
            const float *M = mask->st->data + w.off[1], *A = a->st->data + w.off[2], *B = b->st->data + w.off[3];
            for (int64_t i = 0; i < run; i++) O[i] = M[i * sm] != 0.0f ? A[i * sa] : B[i * sb];
        }
    }
    tensor *in[2] = {a, b};
    ag_node *node = ag_record(out, &op_where, 2, in);
    if (node) ag_save(node, 0, mask);
    return out;
}

/* ---- masked_select ---- */

/* Checks that mask broadcasts to t's shape (not the other way round). */
static int mask_fits(const char *who, const tensor *t, const tensor *mask)
{
    char b1[96], b2[96];
    int ok = mask->ndim <= t->ndim;
    for (int d = 0; ok && d < mask->ndim; d++) {
        int64_t m = mask->shape[mask->ndim - 1 - d], s = t->shape[t->ndim - 1 - d];
        ok = m == s || m == 1;
    }
    if (!ok) {
        ln_seterror("%s: mask of shape %s cannot be broadcast to the tensor's shape %s", who,
                    ln_shape_str(b1, mask->ndim, mask->shape), ln_shape_str(b2, t->ndim, t->shape));
        return -1;
    }
    return 0;
}

/* saved[0] = mask; the selected elements of t in row-major order went to out */
static int masked_select_backward(ag_node *n, tensor *out, tensor *gout)
{
    tensor *t = n->inputs[0], *mask = n->saved[0];
    /* dt[selected k-th] += g[k]; zero elsewhere */
    tensor *r = tensor_zeros(t->ndim, t->shape), *g = tensor_contiguous(gout);
    int rc = -1;
    if (r && g) {
        if (r->numel > 0) {
            const float *G = tensor_data(g);
            walk w;
            walk_init(&w, t->ndim, t->shape);
            walk_add(&w, r); walk_add(&w, mask);
            int64_t run = walk_start(&w), runs = r->numel / run, sm = WST(w, 1), k = 0;
            for (int64_t j = 0; j < runs; j++, walk_next(&w)) {
                float *R = r->st->data + w.off[0];
                const float *M = mask->st->data + w.off[1];
                for (int64_t i = 0; i < run; i++) if (M[i * sm] != 0.0f) R[i] = G[k++];
            }
        }
        rc = ag_accumulate(t, r);
    }
    tensor_release(r); tensor_release(g);
    return rc;
}
static const ag_op op_masked_select = {"masked_select", masked_select_backward};

tensor *tensor_masked_select(tensor *t, tensor *mask)
{
    if (mask_fits("masked_select", t, mask) < 0) return NULL;
    int64_t count = 0;
    walk w;
    if (t->numel > 0) {   /* first count, then copy: the result's size is the number selected */
        walk_init(&w, t->ndim, t->shape);
        walk_add(&w, mask);
        int64_t run = walk_start(&w), runs = t->numel / run, sm = WST(w, 0);
        for (int64_t j = 0; j < runs; j++, walk_next(&w)) {
            const float *M = mask->st->data + w.off[0];
            for (int64_t i = 0; i < run; i++) count += M[i * sm] != 0.0f;
        }
    }
    tensor *out = tensor_empty(1, &count);
    if (!out) return NULL;
    if (count > 0) {
        float *O = tensor_data(out);
        int64_t k = 0;
        walk_init(&w, t->ndim, t->shape);
        walk_add(&w, t); walk_add(&w, mask);
        int64_t run = walk_start(&w), runs = t->numel / run, st = WST(w, 0), sm = WST(w, 1);
        for (int64_t j = 0; j < runs; j++, walk_next(&w)) {
            const float *T = t->st->data + w.off[0], *M = mask->st->data + w.off[1];
            for (int64_t i = 0; i < run; i++) if (M[i * sm] != 0.0f) O[k++] = T[i * st];
        }
    }
    ag_node *node = ag_record(out, &op_masked_select, 1, &t);
    if (node) ag_save(node, 0, mask);
    return out;
}

/* ---- in place: dst += alpha * src ---- */

static void axpy_run(int64_t n, float *restrict d, int64_t sd, float alpha, const float *restrict s, int64_t ss)
{
    if (sd == 1 && ss == 1) for (int64_t i = 0; i < n; i++) d[i] += alpha * s[i];
    else if (sd == 1 && ss == 0) { float v = alpha * s[0]; for (int64_t i = 0; i < n; i++) d[i] += v; }
    else for (int64_t i = 0; i < n; i++) d[i * sd] += alpha * s[i * ss];
}

int tensor_axpy_(tensor *dst, float alpha, tensor *src)
{
    char b1[96], b2[96];
    /* the hot case: gradient accumulation and optimizer steps */
    if (dst->st != src->st && tensor_same_shape(dst, src) && tensor_is_contiguous(dst) && tensor_is_contiguous(src)) {
        axpy_run(dst->numel, tensor_data(dst), 1, alpha, tensor_data(src), 1);
        return 0;
    }
    int n;
    int64_t shape[T_MAXDIM];
    if (broadcast_shape("axpy_", dst->ndim, dst->shape, src->ndim, src->shape, &n, shape) < 0) return -1;
    if (n != dst->ndim || memcmp(shape, dst->shape, (size_t)n * sizeof *shape) != 0) {
        ln_seterror("axpy_: cannot broadcast %s into %s", ln_shape_str(b1, src->ndim, src->shape),
                    ln_shape_str(b2, dst->ndim, dst->shape));
        return -1;
    }
    if (dst->numel == 0) return 0;
    tensor *s = src;
    if (dst->st == src->st) {   /* overlapping storage: read from a copy */
        s = tensor_empty(src->ndim, src->shape);
        if (!s) return -1;
        tensor_copy_out(src, tensor_data(s));
    }
    walk w;
    walk_init(&w, dst->ndim, dst->shape);
    walk_add(&w, dst); walk_add(&w, s);
    int64_t run = walk_start(&w), runs = dst->numel / run;
    for (int64_t j = 0; j < runs; j++, walk_next(&w))
        axpy_run(run, dst->st->data + w.off[0], WST(w, 0), alpha, s->st->data + w.off[1], WST(w, 1));
    if (s != src) tensor_release(s);
    return 0;
}
