/* tensor.h — float32 n-d tensors: refcounted storage, strided views, and every op on them.
 *
 * Ownership: every function that returns a tensor* returns a NEW reference (release it with
 * tensor_release); accessors (tensor_data, fields) are borrowed. Whatever stores a tensor
 * retains it. Functions return NULL on error with ln_error() set to "opname: what went wrong".
 *
 * Indices and dims are 0-based here; the Lua binding converts from Lua's 1-based ones.
 * Every differentiable op records itself with ag_record() (autograd.h) when an input
 * requires grad, so the same call serves plain computation and autograd. */
#ifndef LUNET_TENSOR_H
#define LUNET_TENSOR_H

#include "core.h"

#define T_MAXDIM 8

typedef struct storage {
    float *data;
    int64_t n;      /* elements */
    int refs;
} storage;

struct ag_node;
typedef struct tensor tensor;
struct tensor {
    int refs;
    int ndim;                       /* 0 for a scalar (0-d) tensor */
    int64_t shape[T_MAXDIM];
    int64_t stride[T_MAXDIM];       /* in elements */
    int64_t offset;                 /* in elements, into st->data */
    int64_t numel;
    storage *st;
    /* autograd */
    unsigned requires_grad : 1;     /* a leaf marked by the user, or a result of such */
    unsigned graph_freed : 1;       /* its graph was freed by backward() */
    tensor *grad;                   /* owned; accumulated gradient (leaves keep it) */
    struct ag_node *node;           /* owned; the op that made it (NULL for leaves) */
};

/* ---- life cycle (tensor.c) ---- */
tensor *tensor_empty(int ndim, const int64_t *shape);            /* uninitialised */
tensor *tensor_zeros(int ndim, const int64_t *shape);
tensor *tensor_full(int ndim, const int64_t *shape, float v);
tensor *tensor_from_data(int ndim, const int64_t *shape, const float *src);
tensor *tensor_scalar(float v);                                   /* 0-d */
tensor *tensor_eye(int64_t n);
tensor *tensor_arange(double start, double stop, double step);
tensor *tensor_linspace(double a, double b, int64_t n);
tensor *tensor_rand(int ndim, const int64_t *shape);             /* U[0,1) */
tensor *tensor_randn(int ndim, const int64_t *shape);            /* N(0,1) */
tensor *tensor_retain(tensor *t);                                 /* returns t */
void tensor_release(tensor *t);                                   /* NULL is fine */

/* Live counts, for leak tests and lunet.stats(). */
int64_t tensor_live_count(void);
int64_t tensor_live_bytes(void);     /* bytes of storage in use */
int64_t tensor_pool_bytes(void);     /* bytes kept for reuse */
void tensor_pool_trim(void);         /* returns pooled buffers to the system */

/* ---- access (tensor.c) ---- */
static inline float *tensor_data(const tensor *t) { return t->st->data + t->offset; }
int tensor_is_contiguous(const tensor *t);
int tensor_same_shape(const tensor *a, const tensor *b);
tensor *tensor_contiguous(tensor *t);       /* t itself (retained) when already contiguous */
tensor *tensor_clone(tensor *t);            /* a contiguous copy; differentiable */
tensor *tensor_detach(tensor *t);           /* same storage, no graph */
/* A new header over t's storage with the given layout (no graph; views.c records the op).
 * Every tensor header must come from tensor.c so that live counts stay right. */
tensor *tensor_view(tensor *t, int ndim, const int64_t *shape, const int64_t *stride, int64_t offset);
int64_t tensor_offset_of(const tensor *t, const int64_t *idx);   /* element offset of idx */
float tensor_get(const tensor *t, const int64_t *idx);
void tensor_set(tensor *t, const int64_t *idx, float v);
float tensor_item(const tensor *t);         /* first element; caller checks numel == 1 */
/* Copies src (broadcast to dst's shape) into dst's elements, in place; not recorded. */
int tensor_copy_(tensor *dst, tensor *src);
int tensor_fill_(tensor *t, float v);
/* Contiguous row-major copy of t's elements into dst (numel floats). */
void tensor_copy_out(const tensor *t, float *dst);

/* Walks the element offsets of a strided layout in row-major order:
 *   offset_iter it; oiter_init(&it, t->ndim, t->shape, t->stride, t->offset);
 *   for (int64_t k = 0; k < t->numel; k++) { use(base[it.off]); oiter_next(&it); } */
typedef struct {
    int ndim;
    int64_t off;
    int64_t shape[T_MAXDIM], stride[T_MAXDIM], idx[T_MAXDIM];
} offset_iter;
static inline void oiter_init(offset_iter *it, int ndim, const int64_t *shape, const int64_t *stride, int64_t off)
{
    it->ndim = ndim; it->off = off;
    for (int d = 0; d < ndim; d++) { it->shape[d] = shape[d]; it->stride[d] = stride[d]; it->idx[d] = 0; }
}
static inline void oiter_next(offset_iter *it)
{
    for (int d = it->ndim - 1; d >= 0; d--) {
        it->off += it->stride[d];
        if (++it->idx[d] < it->shape[d]) return;
        it->off -= it->stride[d] * it->shape[d];
        it->idx[d] = 0;
    }
}

/* ---- views (views.c): share storage; differentiable ---- */
tensor *tensor_reshape(tensor *t, int ndim, const int64_t *shape); /* one -1 inferred; copies if it must */
tensor *tensor_flatten(tensor *t);
tensor *tensor_transpose(tensor *t, int d1, int d2);
tensor *tensor_permute(tensor *t, const int *perm);
tensor *tensor_narrow(tensor *t, int dim, int64_t start, int64_t len);
tensor *tensor_select(tensor *t, int dim, int64_t i);               /* drops dim */
tensor *tensor_squeeze(tensor *t, int dim);                         /* dim < 0: all size-1 dims */
tensor *tensor_unsqueeze(tensor *t, int dim);
tensor *tensor_expand(tensor *t, int ndim, const int64_t *shape);   /* broadcast view, stride 0 */
tensor *tensor_cat(int n, tensor **ts, int dim);
tensor *tensor_stack(int n, tensor **ts, int dim);

/* ---- elementwise with numpy broadcasting (elementwise.c) ---- */
typedef enum {
    BIN_ADD, BIN_SUB, BIN_MUL, BIN_DIV, BIN_POW, BIN_MAX, BIN_MIN,
    BIN_GT, BIN_GE, BIN_LT, BIN_LE, BIN_EQ, BIN_NE,   /* comparisons give 0/1, no gradient */
    BIN_COUNT
} binop;
typedef enum {
    UN_NEG, UN_EXP, UN_LOG, UN_SQRT, UN_ABS, UN_SIN, UN_COS, UN_TANH, UN_SIGMOID,
    UN_RELU, UN_STEP, UN_SQUARE, UN_SIGN,
    UN_COUNT
} unop;
extern const char *const binop_name[BIN_COUNT];   /* "add", "sub", ... */
extern const char *const unop_name[UN_COUNT];     /* "neg", "exp", ... */

/* Broadcast shape of a and b into out (numpy rules); -1 with an error naming `who` if incompatible. */
int broadcast_shape(const char *who, int an, const int64_t *as, int bn, const int64_t *bs,
                    int *outn, int64_t *out);
tensor *tensor_binary(binop op, tensor *a, tensor *b);
tensor *tensor_binary_scalar(binop op, tensor *a, float s, int scalar_first); /* s op a when scalar_first */
tensor *tensor_unary(unop op, tensor *a);
tensor *tensor_leaky_relu(tensor *a, float alpha);
tensor *tensor_clamp(tensor *a, float lo, float hi);
tensor *tensor_where(tensor *mask, tensor *a, tensor *b);   /* mask != 0 ? a : b, broadcast */
tensor *tensor_masked_select(tensor *t, tensor *mask);        /* 1-D; mask broadcast to t */
/* In place, not recorded: dst += alpha * src (src broadcast to dst). Used by autograd and optimizers. */
int tensor_axpy_(tensor *dst, float alpha, tensor *src);

/* ---- reductions (reduce.c) ---- */
typedef enum { RED_SUM, RED_MEAN, RED_MAX, RED_MIN, RED_VAR, RED_STD, RED_ARGMAX, RED_ARGMIN, RED_COUNT } redop;
extern const char *const redop_name[RED_COUNT];
/* dim < 0 reduces everything to a 0-d tensor (keepdim ignored). ARG* give 0-based indices as floats.
 * VAR/STD use ddof = 0 as numpy does. Sums accumulate in double. */
tensor *tensor_reduce(redop op, tensor *t, int dim, int keepdim);
/* Sums t down to the given (broadcast-compatible) shape: the gradient of a broadcast. */
tensor *tensor_sum_to(tensor *t, int ndim, const int64_t *shape);

/* ---- products (matmul.c): CBLAS sgemm ---- */
/* numpy.dot semantics for 1-D and 2-D; 3-D operands are batched over dim 0 (one side may be 2-D). */
tensor *tensor_matmul(tensor *a, tensor *b);
/* out = x @ w + b (b may be NULL): x [N,in], w [in,out], b [out]. One fused op. */
tensor *tensor_linear(tensor *x, tensor *w, tensor *b);

/* ---- neural-network functions (nnfunc.c) ---- */
tensor *tensor_softmax(tensor *t, int dim);
tensor *tensor_log_softmax(tensor *t, int dim);
tensor *tensor_dropout(tensor *t, float p);     /* inverted scaling; p in [0,1) */

/* ---- convolution and pooling over channels-last images (conv.c) ---- */
/* Output size along one axis, as Keras: same = 0 ("valid") floor((in - k) / s) + 1, 0 when the
 * window does not fit; same = 1 ("same") ceil(in / s), zero-padded half before, half after. */
int64_t conv_out_size(int64_t in, int64_t k, int64_t s, int same);
/* y = conv(x, w) + b: x [N,H,W,C], w [KH,KW,C,F], b [F] or NULL -> [N,OH,OW,F]; strides sh, sw.
 * im2col + sgemm, in chunks of images. */
tensor *tensor_conv2d(tensor *x, tensor *w, tensor *b, int64_t sh, int64_t sw, int same);
/* Max over ph x pw windows, strides sh, sw: [N,H,W,C] -> [N,OH,OW,C]; backward to the argmax. */
tensor *tensor_maxpool2d(tensor *x, int64_t ph, int64_t pw, int64_t sh, int64_t sw, int same);

/* ---- batch normalization over the last axis (batchnorm.c) ---- */
/* y = gamma * (x - mean) / sqrt(var + eps) + beta per channel (the last dim of x). training: the
 * batch's mean and var (ddof 0), and moving_mean/moving_var [C] updated in place as Keras does
 * (moving = moving * momentum + batch * (1 - momentum)); else the moving ones. gamma and beta
 * [C] may be NULL (1 and 0). Fused, with its backward. */
tensor *tensor_batch_norm(tensor *x, tensor *gamma, tensor *beta, tensor *moving_mean, tensor *moving_var,
                          int training, float momentum, float eps);

#endif
