/* tensor.c — tensor life cycle, the storage pool, element access and creation.
 * Uses core.h and autograd.h (to free a tensor's graph node and to record clone). */
#include "tensor.h"
#include "autograd.h"

#include <math.h>
#include <string.h>

static int64_t live_tensors, live_bytes, pool_bytes;

/* ---- storage pool ----
 * Training allocates the same sizes batch after batch; keeping freed buffers by exact size
 * means no malloc per batch once the first batch has run. Bounded so that it never hoards. */
#define POOL_SLOTS 256
#define POOL_MAX_BYTES (96ll << 20)
#define POOL_PER_SIZE 16
typedef struct pooled { struct pooled *next; int64_t n; } pooled;   /* lives in the buffer */
static pooled *pool[POOL_SLOTS];

static unsigned pool_slot(int64_t n) { return (unsigned)(((uint64_t)n * 0x9E3779B97F4A7C15ull) >> 56); }

static float *pool_take(int64_t n)
{
    pooled **pp = &pool[pool_slot(n)];
    for (; *pp; pp = &(*pp)->next)
        if ((*pp)->n == n) {
            pooled *p = *pp;
            *pp = p->next;
            pool_bytes -= n * (int64_t)sizeof(float);
            return (float *)p;
        }
    return NULL;
}

/* Frees one pooled buffer, from the slots in turn, to make room for a newer one. */
static void pool_evict_one(void)
{
    static unsigned cursor;
    for (int k = 0; k < POOL_SLOTS; k++, cursor = (cursor + 1) % POOL_SLOTS)
        if (pool[cursor]) {
            pooled *p = pool[cursor];
            pool[cursor] = p->next;
            pool_bytes -= p->n * (int64_t)sizeof(float);
            ln_free(p);
            return;
        }
}

static void pool_give(float *data, int64_t n)
{
    int64_t bytes = n * (int64_t)sizeof(float);
    if (bytes > POOL_MAX_BYTES / 2) { ln_free(data); return; }
    unsigned s = pool_slot(n);
    int same = 0;
    for (pooled *p = pool[s]; p; p = p->next) same += p->n == n;
    if (same >= POOL_PER_SIZE) { ln_free(data); return; }
    /* the newest sizes are the likeliest to come back: make room rather than refuse */
    while (pool_bytes + bytes > POOL_MAX_BYTES && pool_bytes > 0) pool_evict_one();
    pooled *p = (pooled *)data;
    p->n = n; p->next = pool[s]; pool[s] = p;
    pool_bytes += bytes;
}

void tensor_pool_trim(void)
{
    for (int s = 0; s < POOL_SLOTS; s++)
        while (pool[s]) { pooled *p = pool[s]; pool[s] = p->next; ln_free(p); }
    pool_bytes = 0;
}

/* Headers are small and made once per op: keep freed ones on free lists (bounded) so that the
 * steady state of a training loop does not call malloc at all. */
#define FREE_MAX 4096
typedef struct freeobj { struct freeobj *next; } freeobj;
static freeobj *free_tensors, *free_storages;
static int nfree_tensors, nfree_storages;

static void *take_free(freeobj **list, int *n, size_t size)
{
    if (*list) { freeobj *o = *list; *list = o->next; (*n)--; memset(o, 0, size); return o; }
    return ln_calloc(1, size);
}

static void give_free(freeobj **list, int *n, void *p)
{
    if (*n >= FREE_MAX) { ln_free(p); return; }
    freeobj *o = p;
    o->next = *list; *list = o; (*n)++;
}

static storage *storage_new(int64_t n)
{
    storage *st = take_free(&free_storages, &nfree_storages, sizeof *st);
    if (!st) return NULL;
    st->data = pool_take(n);
    /* at least 4 floats, so that every buffer can hold the pool's link when it is freed */
    if (!st->data) st->data = ln_alloc((size_t)(n > 4 ? n : 4) * sizeof(float));
    if (!st->data) { give_free(&free_storages, &nfree_storages, st); return NULL; }
    st->n = n; st->refs = 1;
    live_bytes += n * (int64_t)sizeof(float);
    return st;
}

static void storage_release(storage *st)
{
    if (!st || --st->refs > 0) return;
    live_bytes -= st->n * (int64_t)sizeof(float);
    pool_give(st->data, st->n);
    give_free(&free_storages, &nfree_storages, st);
}

int64_t tensor_live_count(void) { return live_tensors; }
int64_t tensor_live_bytes(void) { return live_bytes; }
int64_t tensor_pool_bytes(void) { return pool_bytes; }

/* ---- tensors ---- */
static int check_shape(const char *who, int ndim, const int64_t *shape, int64_t *numel)
{
    char b[96];
    if (ndim < 0 || ndim > T_MAXDIM) { ln_seterror("%s: %d dimensions (at most %d)", who, ndim, T_MAXDIM); return -1; }
    int64_t n = 1;
    for (int d = 0; d < ndim; d++) {
        if (shape[d] < 0) { ln_seterror("%s: negative size in shape %s", who, ln_shape_str(b, ndim, shape)); return -1; }
        if (shape[d] && n > INT64_MAX / 8 / shape[d]) { ln_seterror("%s: shape %s is too large", who, ln_shape_str(b, ndim, shape)); return -1; }
        n *= shape[d];
    }
    *numel = n;
    return 0;
}

/* A tensor header over st (retained by the caller), contiguous strides. */
static tensor *tensor_wrap(storage *st, int ndim, const int64_t *shape, int64_t numel)
{
    tensor *t = take_free(&free_tensors, &nfree_tensors, sizeof *t);
    if (!t) return NULL;
    t->refs = 1; t->ndim = ndim; t->st = st; t->numel = numel;
    int64_t s = 1;
    for (int d = ndim - 1; d >= 0; d--) { t->shape[d] = shape[d]; t->stride[d] = s; s *= shape[d]; }
    live_tensors++;
    return t;
}

tensor *tensor_empty(int ndim, const int64_t *shape)
{
    int64_t n;
    if (check_shape("tensor", ndim, shape, &n) < 0) return NULL;
    storage *st = storage_new(n);
    if (!st) return NULL;
    tensor *t = tensor_wrap(st, ndim, shape, n);
    if (!t) storage_release(st);
    return t;
}

tensor *tensor_full(int ndim, const int64_t *shape, float v)
{
    tensor *t = tensor_empty(ndim, shape);
    if (t) for (int64_t i = 0; i < t->numel; i++) t->st->data[i] = v;
    return t;
}

tensor *tensor_zeros(int ndim, const int64_t *shape)
{
    tensor *t = tensor_empty(ndim, shape);
    if (t) memset(t->st->data, 0, (size_t)t->numel * sizeof(float));
    return t;
}

tensor *tensor_from_data(int ndim, const int64_t *shape, const float *src)
{
    tensor *t = tensor_empty(ndim, shape);
    if (t && t->numel) memcpy(t->st->data, src, (size_t)t->numel * sizeof(float));
    return t;
}

tensor *tensor_scalar(float v) { return tensor_full(0, NULL, v); }

tensor *tensor_eye(int64_t n)
{
    int64_t shape[2] = {n, n};
    tensor *t = tensor_zeros(2, shape);
    if (t) for (int64_t i = 0; i < n; i++) t->st->data[i * n + i] = 1;
    return t;
}

tensor *tensor_arange(double start, double stop, double step)
{
    if (step == 0 || !isfinite(start) || !isfinite(stop) || !isfinite(step)) {
        ln_seterror("arange: step must be non-zero and bounds finite (got start=%g, stop=%g, step=%g)", start, stop, step);
        return NULL;
    }
    double c = ceil((stop - start) / step);
    int64_t n = c > 0 ? (int64_t)c : 0;
    tensor *t = tensor_empty(1, &n);
    if (t) for (int64_t i = 0; i < n; i++) t->st->data[i] = (float)(start + (double)i * step);
    return t;
}

tensor *tensor_linspace(double a, double b, int64_t n)
{
    if (n < 0) { ln_seterror("linspace: number of points must be >= 0 (got %lld)", (long long)n); return NULL; }
    tensor *t = tensor_empty(1, &n);
    if (!t) return NULL;
    for (int64_t i = 0; i < n; i++)
        t->st->data[i] = (float)(n == 1 ? a : a + (b - a) * (double)i / (double)(n - 1));
    return t;
}

tensor *tensor_rand(int ndim, const int64_t *shape)
{
    tensor *t = tensor_empty(ndim, shape);
    if (t) for (int64_t i = 0; i < t->numel; i++) t->st->data[i] = (float)rng_uniform();
    return t;
}

tensor *tensor_randn(int ndim, const int64_t *shape)
{
    tensor *t = tensor_empty(ndim, shape);
    if (t) for (int64_t i = 0; i < t->numel; i++) t->st->data[i] = (float)rng_normal();
    return t;
}

tensor *tensor_retain(tensor *t)
{
    if (t) t->refs++;
    return t;
}

/* Releasing a tensor may release its graph, whose inputs may release theirs: a loop over a
 * work list instead of recursion, so a graph 100,000 ops deep cannot overflow the C stack. */
static tensor **dying;
static int64_t ndying, capdying;
static int releasing;


void tensor_release(tensor *t)
{
    if (!t || --t->refs > 0) return;
    if (ndying == capdying) {
        int64_t cap = capdying ? capdying * 2 : 64;
        tensor **d = ln_realloc(dying, (size_t)cap * sizeof *d);
        if (!d) return;          /* leaks t rather than crash; the error is set */
        dying = d; capdying = cap;
    }
    dying[ndying++] = t;
    if (releasing) return;
    releasing = 1;
    while (ndying > 0) {
        tensor *x = dying[--ndying];
        ag_node *n = x->node;
        tensor *g = x->grad;
        storage_release(x->st);
        give_free(&free_tensors, &nfree_tensors, x);
        live_tensors--;
        if (n) ag_node_free(n);
        tensor_release(g);
    }
    releasing = 0;
}

/* ---- access ---- */
int tensor_is_contiguous(const tensor *t)
{
    int64_t s = 1;
    for (int d = t->ndim - 1; d >= 0; d--) {
        if (t->shape[d] != 1 && t->stride[d] != s) return 0;
        s *= t->shape[d];
    }
    return 1;
}

int tensor_same_shape(const tensor *a, const tensor *b)
{
    if (a->ndim != b->ndim) return 0;
    for (int d = 0; d < a->ndim; d++) if (a->shape[d] != b->shape[d]) return 0;
    return 1;
}

void tensor_copy_out(const tensor *t, float *dst)
{
    const float *base = t->st->data;
    if (tensor_is_contiguous(t)) { if (t->numel) memcpy(dst, base + t->offset, (size_t)t->numel * sizeof(float)); return; }
    offset_iter it;
    oiter_init(&it, t->ndim, t->shape, t->stride, t->offset);
    int d = t->ndim - 1;
    int64_t inner = t->shape[d], is = t->stride[d];
    /* innermost loop by hand: most views differ only in outer strides */
    for (int64_t k = 0; k < t->numel; k += inner) {
        const float *src = base + it.off;
        for (int64_t j = 0; j < inner; j++) dst[k + j] = src[j * is];
        it.idx[d] = inner - 1; it.off += (inner - 1) * is;
        oiter_next(&it);
    }
}

static int clone_backward(ag_node *n, tensor *out, tensor *gout)
{
    (void)out;
    return ag_accumulate(n->inputs[0], gout);
}
static const ag_op op_clone = {"clone", clone_backward};

tensor *tensor_clone(tensor *t)
{
    tensor *c = tensor_empty(t->ndim, t->shape);
    if (!c) return NULL;
    tensor_copy_out(t, c->st->data);
    ag_record(c, &op_clone, 1, &t);
    return c;
}

tensor *tensor_contiguous(tensor *t)
{
    return tensor_is_contiguous(t) ? tensor_retain(t) : tensor_clone(t);
}

tensor *tensor_detach(tensor *t)
{
    tensor *d = take_free(&free_tensors, &nfree_tensors, sizeof *d);
    if (!d) return NULL;
    d->refs = 1; d->ndim = t->ndim; d->offset = t->offset; d->numel = t->numel;
    memcpy(d->shape, t->shape, sizeof d->shape);
    memcpy(d->stride, t->stride, sizeof d->stride);
    d->st = t->st; d->st->refs++;
    live_tensors++;
    return d;
}

tensor *tensor_view(tensor *t, int ndim, const int64_t *shape, const int64_t *stride, int64_t offset)
{
    tensor *v = tensor_detach(t);
    if (!v) return NULL;
    v->ndim = ndim; v->offset = offset; v->numel = 1;
    for (int d = 0; d < ndim; d++) { v->shape[d] = shape[d]; v->stride[d] = stride[d]; v->numel *= shape[d]; }
    return v;
}

int64_t tensor_offset_of(const tensor *t, const int64_t *idx)
{
    int64_t o = t->offset;
    for (int d = 0; d < t->ndim; d++) o += idx[d] * t->stride[d];
    return o;
}

float tensor_get(const tensor *t, const int64_t *idx) { return t->st->data[tensor_offset_of(t, idx)]; }
void tensor_set(tensor *t, const int64_t *idx, float v) { t->st->data[tensor_offset_of(t, idx)] = v; }
float tensor_item(const tensor *t) { return t->st->data[t->offset]; }

int tensor_fill_(tensor *t, float v)
{
    float *base = t->st->data;
    if (tensor_is_contiguous(t)) {
        float *p = base + t->offset;
        for (int64_t i = 0; i < t->numel; i++) p[i] = v;
        return 0;
    }
    offset_iter it;
    oiter_init(&it, t->ndim, t->shape, t->stride, t->offset);
    for (int64_t k = 0; k < t->numel; k++) { base[it.off] = v; oiter_next(&it); }
    return 0;
}

int tensor_copy_(tensor *dst, tensor *src)
{
    char b1[96], b2[96];
    int n; int64_t shape[T_MAXDIM];
    if (broadcast_shape("copy", dst->ndim, dst->shape, src->ndim, src->shape, &n, shape) < 0) return -1;
    if (n != dst->ndim || memcmp(shape, dst->shape, (size_t)n * sizeof(int64_t)) != 0) {
        ln_seterror("copy: cannot broadcast %s into %s", ln_shape_str(b1, src->ndim, src->shape),
                    ln_shape_str(b2, dst->ndim, dst->shape));
        return -1;
    }
    /* src may overlap dst: go through a contiguous copy of src broadcast to dst's shape. */
    tensor *e = tensor_expand(src, dst->ndim, dst->shape);
    if (!e) return -1;
    float *tmp = ln_alloc((size_t)(dst->numel ? dst->numel : 1) * sizeof(float));
    if (!tmp) { tensor_release(e); return -1; }
    tensor_copy_out(e, tmp);
    tensor_release(e);
    offset_iter it;
    oiter_init(&it, dst->ndim, dst->shape, dst->stride, dst->offset);
    for (int64_t k = 0; k < dst->numel; k++) { dst->st->data[it.off] = tmp[k]; oiter_next(&it); }
    ln_free(tmp);
    return 0;
}
