/* views.c — shape ops and their backwards: reshape, flatten, transpose, permute, narrow, select,
 * squeeze, unsqueeze and expand are views (a new header over the input's storage, so writing
 * through a view writes the base, as in numpy); cat and stack copy into a new tensor.
 *
 * Uses tensor.h and autograd.h. Each op is: its backward (a static function with the formula on
 * one line), its ag_op row, its forward. Dims and indices are 0-based in C; error messages are
 * read by Lua users, so they show them 1-based. */
#include "tensor.h"
#include "autograd.h"

#include <string.h>

/* ---- helpers ---- */

/* A new header sharing t's storage and layout, with no graph (the caller then edits the layout). */
static tensor *view_of(tensor *t) { return tensor_detach(t); }

static void set_contiguous_strides(tensor *v)
{
    int64_t s = 1;
    for (int d = v->ndim - 1; d >= 0; d--) { v->stride[d] = s; s *= v->shape[d]; }
}

static void set_numel(tensor *v)
{
    int64_t n = 1;
    for (int d = 0; d < v->ndim; d++) n *= v->shape[d];
    v->numel = n;
}

/* Removes dim d from v's layout. */
static void drop_dim(tensor *v, int d)
{
    for (int k = d; k < v->ndim - 1; k++) { v->shape[k] = v->shape[k + 1]; v->stride[k] = v->stride[k + 1]; }
    v->ndim--;
}

static int dim_ok(const char *who, const tensor *t, int dim)
{
    if (dim >= 0 && dim < t->ndim) return 1;
    ln_seterror("%s: dimension %d is out of range for a %d-D tensor", who, dim + 1, t->ndim);
    return 0;
}

/* Copies src into dst element by element (same shape, any strides): the scatter of a backward. */
static void copy_into(tensor *dst, const tensor *src)
{
    float *db = dst->st->data;
    const float *sb = src->st->data;
    offset_iter id, is;
    oiter_init(&id, dst->ndim, dst->shape, dst->stride, dst->offset);
    oiter_init(&is, src->ndim, src->shape, src->stride, src->offset);
    for (int64_t k = 0; k < dst->numel; k++) { db[id.off] = sb[is.off]; oiter_next(&id); oiter_next(&is); }
}

/* ---- reshape-like ops: reshape, flatten, squeeze, unsqueeze ---- */

/* dx += reshape(dy, x.shape) */
static int reshape_backward(ag_node *n, tensor *out, tensor *gout)
{
    tensor *x = n->inputs[0];
    tensor *g = tensor_reshape(gout, x->ndim, x->shape);
    int rc = g ? ag_accumulate(x, g) : -1;
    tensor_release(g);
    return rc;
}
static const ag_op op_reshape = {"reshape", reshape_backward};
static const ag_op op_flatten = {"flatten", reshape_backward};
static const ag_op op_squeeze = {"squeeze", reshape_backward};
static const ag_op op_unsqueeze = {"unsqueeze", reshape_backward};

/* t's elements in a new shape (already checked to hold t->numel elements): a view when t is
 * contiguous, otherwise a contiguous copy. Recorded as op. */
static tensor *reshaped(tensor *t, int ndim, const int64_t *shape, const ag_op *op)
{
    tensor *v;
    if (tensor_is_contiguous(t)) {
        v = view_of(t);
    } else {
        v = tensor_empty(t->ndim, t->shape);
        if (v) tensor_copy_out(t, tensor_data(v));
    }
    if (!v) return NULL;
    v->ndim = ndim;
    for (int d = 0; d < ndim; d++) v->shape[d] = shape[d];
    set_contiguous_strides(v);
    ag_record(v, op, 1, &t);
    return v;
}

tensor *tensor_reshape(tensor *t, int ndim, const int64_t *shape)
{
    char b1[96], b2[96];
    if (ndim < 0 || ndim > T_MAXDIM) {
        ln_seterror("reshape: a tensor has at most %d dimensions (asked for %d)", T_MAXDIM, ndim);
        return NULL;
    }
    int64_t s[T_MAXDIM], known = 1;
    int infer = -1;
    for (int d = 0; d < ndim; d++) {
        s[d] = shape[d];
        if (shape[d] == -1) {
            if (infer >= 0) { ln_seterror("reshape: only one dimension may be -1"); return NULL; }
            infer = d;
        } else if (shape[d] < 0) {
            ln_seterror("reshape: negative size %lld in shape %s", (long long)shape[d], ln_shape_str(b1, ndim, shape));
            return NULL;
        } else {
            if (shape[d] > 0 && known > INT64_MAX / 8 / shape[d]) {
                ln_seterror("reshape: shape %s is too large", ln_shape_str(b1, ndim, shape));
                return NULL;
            }
            known *= shape[d];
        }
    }
    if (infer >= 0) {
        if (known == 0) {
            ln_seterror("reshape: cannot infer the -1 in %s: the other sizes multiply to 0",
                        ln_shape_str(b1, ndim, shape));
            return NULL;
        }
        if (t->numel % known != 0) {
            ln_seterror("reshape: cannot reshape %s (%lld elements) into %s (%lld is not a multiple of %lld)",
                        ln_shape_str(b1, t->ndim, t->shape), (long long)t->numel, ln_shape_str(b2, ndim, shape),
                        (long long)t->numel, (long long)known);
            return NULL;
        }
        s[infer] = t->numel / known;
    } else if (known != t->numel) {
        ln_seterror("reshape: cannot reshape %s (%lld elements) into %s (%lld elements)",
                    ln_shape_str(b1, t->ndim, t->shape), (long long)t->numel, ln_shape_str(b2, ndim, shape),
                    (long long)known);
        return NULL;
    }
    return reshaped(t, ndim, s, &op_reshape);
}

tensor *tensor_flatten(tensor *t)
{
    int64_t n = t->numel;
    return reshaped(t, 1, &n, &op_flatten);
}

tensor *tensor_squeeze(tensor *t, int dim)
{
    if (dim >= 0) {
        if (!dim_ok("squeeze", t, dim)) return NULL;
        if (t->shape[dim] != 1) {
            ln_seterror("squeeze: cannot squeeze dimension %d of size %lld (only size-1 dimensions can be squeezed)",
                        dim + 1, (long long)t->shape[dim]);
            return NULL;
        }
    }
    /* a view even of a non-contiguous t: only size-1 dims go, the other strides stay */
    tensor *v = view_of(t);
    if (!v) return NULL;
    for (int d = t->ndim - 1; d >= 0; d--)
        if (d == dim || (dim < 0 && t->shape[d] == 1)) drop_dim(v, d);
    ag_record(v, &op_squeeze, 1, &t);
    return v;
}

tensor *tensor_unsqueeze(tensor *t, int dim)
{
    if (dim < 0 || dim > t->ndim) {
        ln_seterror("unsqueeze: dimension %d is out of range for a %d-D tensor (it must be 1..%d)",
                    dim + 1, t->ndim, t->ndim + 1);
        return NULL;
    }
    if (t->ndim == T_MAXDIM) {
        ln_seterror("unsqueeze: a tensor has at most %d dimensions", T_MAXDIM);
        return NULL;
    }
    tensor *v = view_of(t);
    if (!v) return NULL;
    for (int d = t->ndim; d > dim; d--) { v->shape[d] = v->shape[d - 1]; v->stride[d] = v->stride[d - 1]; }
    v->shape[dim] = 1;
    v->stride[dim] = dim < t->ndim ? t->shape[dim] * t->stride[dim] : 1;
    v->ndim++;
    ag_record(v, &op_unsqueeze, 1, &t);
    return v;
}

/* ---- transpose, permute ---- */

/* dx += transpose(dy, d1, d2) */
static int transpose_backward(ag_node *n, tensor *out, tensor *gout)
{
    tensor *g = tensor_transpose(gout, (int)n->i[0], (int)n->i[1]);
    int rc = g ? ag_accumulate(n->inputs[0], g) : -1;
    tensor_release(g);
    return rc;
}
static const ag_op op_transpose = {"transpose", transpose_backward};

tensor *tensor_transpose(tensor *t, int d1, int d2)
{
    if (!dim_ok("transpose", t, d1) || !dim_ok("transpose", t, d2)) return NULL;
    tensor *v = view_of(t);
    if (!v) return NULL;
    v->shape[d1] = t->shape[d2]; v->stride[d1] = t->stride[d2];
    v->shape[d2] = t->shape[d1]; v->stride[d2] = t->stride[d1];
    ag_node *n = ag_record(v, &op_transpose, 1, &t);
    if (n) { n->i[0] = d1; n->i[1] = d2; }
    return v;
}

/* dx += permute(dy, inverse(perm)) */
static int permute_backward(ag_node *n, tensor *out, tensor *gout)
{
    int inv[T_MAXDIM];
    for (int d = 0; d < out->ndim; d++) inv[d] = (int)n->i[d];
    tensor *g = tensor_permute(gout, inv);
    int rc = g ? ag_accumulate(n->inputs[0], g) : -1;
    tensor_release(g);
    return rc;
}
static const ag_op op_permute = {"permute", permute_backward};

tensor *tensor_permute(tensor *t, const int *perm)
{
    int seen[T_MAXDIM] = {0}, ok = 1;
    for (int d = 0; d < t->ndim; d++) {
        if (perm[d] < 0 || perm[d] >= t->ndim || seen[perm[d]]) ok = 0;
        else seen[perm[d]] = 1;
    }
    if (!ok) {
        char b[96];
        int64_t p1[T_MAXDIM];
        for (int d = 0; d < t->ndim; d++) p1[d] = (int64_t)perm[d] + 1;
        ln_seterror("permute: %s is not a permutation of the dimensions 1..%d of a %d-D tensor",
                    ln_shape_str(b, t->ndim, p1), t->ndim, t->ndim);
        return NULL;
    }
    tensor *v = view_of(t);
    if (!v) return NULL;
    for (int d = 0; d < t->ndim; d++) { v->shape[d] = t->shape[perm[d]]; v->stride[d] = t->stride[perm[d]]; }
    ag_node *n = ag_record(v, &op_permute, 1, &t);
    if (n) for (int d = 0; d < t->ndim; d++) n->i[perm[d]] = d;   /* the inverse permutation */
    return v;
}

/* ---- narrow, select ---- */

/* dx[.., start:start+len, ..] += dy */
/* dx[slice] += gout, straight into x's gradient when it exists already: a loop that takes a
 * sequence apart step by step then costs O(T), not O(T^2) zero-filled full-size buffers. */
static int add_into_grad_slice(tensor *x, tensor *gout, int is_select, int dim, int64_t at, int64_t len)
{
    tensor *part = is_select ? tensor_select(x->grad, dim, at) : tensor_narrow(x->grad, dim, at, len);
    int rc = part ? tensor_axpy_(part, 1.0f, gout) : -1;
    tensor_release(part);
    return rc;
}

static int narrow_backward(ag_node *n, tensor *out, tensor *gout)
{
    tensor *x = n->inputs[0];
    if (x->grad) return add_into_grad_slice(x, gout, 0, (int)n->i[0], n->i[1], n->i[2]);
    tensor *dx = tensor_zeros(x->ndim, x->shape);
    tensor *part = dx ? tensor_narrow(dx, (int)n->i[0], n->i[1], n->i[2]) : NULL;
    int rc = -1;
    if (part) { copy_into(part, gout); rc = ag_accumulate(x, dx); }
    tensor_release(part);
    tensor_release(dx);
    return rc;
}
static const ag_op op_narrow = {"narrow", narrow_backward};

tensor *tensor_narrow(tensor *t, int dim, int64_t start, int64_t len)
{
    if (!dim_ok("narrow", t, dim)) return NULL;
    if (len < 0) {
        ln_seterror("narrow: length %lld is negative", (long long)len);
        return NULL;
    }
    if (start < 0 || start > t->shape[dim] - len) {
        ln_seterror("narrow: range %lld..%lld is out of bounds for dimension %d of size %lld",
                    (long long)start + 1, (long long)(start + len), dim + 1, (long long)t->shape[dim]);
        return NULL;
    }
    tensor *v = view_of(t);
    if (!v) return NULL;
    v->offset += start * t->stride[dim];
    v->shape[dim] = len;
    set_numel(v);
    ag_node *n = ag_record(v, &op_narrow, 1, &t);
    if (n) { n->i[0] = dim; n->i[1] = start; n->i[2] = len; }
    return v;
}

/* dx[.., i, ..] += dy */
static int select_backward(ag_node *n, tensor *out, tensor *gout)
{
    tensor *x = n->inputs[0];
    if (x->grad) return add_into_grad_slice(x, gout, 1, (int)n->i[0], n->i[1], 0);
    tensor *dx = tensor_zeros(x->ndim, x->shape);
    tensor *part = dx ? tensor_select(dx, (int)n->i[0], n->i[1]) : NULL;
    int rc = -1;
    if (part) { copy_into(part, gout); rc = ag_accumulate(x, dx); }
    tensor_release(part);
    tensor_release(dx);
    return rc;
}
static const ag_op op_select = {"select", select_backward};

tensor *tensor_select(tensor *t, int dim, int64_t i)
{
    if (!dim_ok("select", t, dim)) return NULL;
    if (i < 0 || i >= t->shape[dim]) {
        ln_seterror("select: index %lld is out of range for dimension %d of size %lld",
                    (long long)i + 1, dim + 1, (long long)t->shape[dim]);
        return NULL;
    }
    tensor *v = view_of(t);
    if (!v) return NULL;
    v->offset += i * t->stride[dim];
    drop_dim(v, dim);
    set_numel(v);
    ag_node *n = ag_record(v, &op_select, 1, &t);
    if (n) { n->i[0] = dim; n->i[1] = i; }
    return v;
}

/* ---- expand ---- */

/* dx += sum_to(dy, x.shape)   (ag_accumulate sums a broadcast gradient back down) */
static int expand_backward(ag_node *n, tensor *out, tensor *gout)
{
    return ag_accumulate(n->inputs[0], gout);
}
static const ag_op op_expand = {"expand", expand_backward};

tensor *tensor_expand(tensor *t, int ndim, const int64_t *shape)
{
    char b1[96], b2[96];
    if (ndim > T_MAXDIM) {
        ln_seterror("expand: a tensor has at most %d dimensions (asked for %d)", T_MAXDIM, ndim);
        return NULL;
    }
    if (ndim < t->ndim) {
        ln_seterror("expand: cannot broadcast %s to %s (the target has fewer dimensions)",
                    ln_shape_str(b1, t->ndim, t->shape), ln_shape_str(b2, ndim, shape));
        return NULL;
    }
    int lead = ndim - t->ndim;
    int64_t s[T_MAXDIM], st[T_MAXDIM];
    for (int d = 0; d < ndim; d++) {
        int td = d - lead;
        int64_t want = shape[d];
        if (want == -1 && td >= 0) want = t->shape[td];   /* -1 keeps an existing size, as in PyTorch */
        if (want < 0) {
            ln_seterror("expand: invalid size %lld in %s (-1 may only stand for an existing dimension)",
                        (long long)shape[d], ln_shape_str(b1, ndim, shape));
            return NULL;
        }
        if (td < 0) { s[d] = want; st[d] = 0; continue; }
        if (t->shape[td] == want) { s[d] = want; st[d] = t->stride[td]; continue; }
        if (t->shape[td] != 1) {
            ln_seterror("expand: cannot broadcast %s to %s (dimension %d has size %lld, not 1 or %lld)",
                        ln_shape_str(b1, t->ndim, t->shape), ln_shape_str(b2, ndim, shape), td + 1,
                        (long long)t->shape[td], (long long)want);
            return NULL;
        }
        s[d] = want; st[d] = 0;   /* one element repeated: stride 0, as numpy.broadcast_to */
    }
    tensor *v = view_of(t);
    if (!v) return NULL;
    v->ndim = ndim;
    for (int d = 0; d < ndim; d++) { v->shape[d] = s[d]; v->stride[d] = st[d]; }
    set_numel(v);
    ag_record(v, &op_expand, 1, &t);
    return v;
}

/* ---- cat, stack ---- */

/* dx_k += narrow(dy, dim, offset_k, size_k) */
static int cat_backward(ag_node *n, tensor *out, tensor *gout)
{
    int dim = (int)n->i[0];
    int64_t off = 0;
    for (int k = 0; k < n->ninputs; k++) {
        int64_t len = n->inputs[k]->shape[dim];
        if (ag_needs(n, k)) {
            tensor *g = tensor_narrow(gout, dim, off, len);
            int rc = g ? ag_accumulate(n->inputs[k], g) : -1;
            tensor_release(g);
            if (rc < 0) return -1;
        }
        off += len;
    }
    return 0;
}
static const ag_op op_cat = {"cat", cat_backward};

/* Concatenates n tensors whose shapes were checked; one copy, then one node. */
static tensor *cat_checked(int n, tensor **ts, int dim)
{
    int grad = 0;
    for (int k = 0; k < n; k++) grad |= ts[k]->requires_grad;
    grad &= ag_enabled();
    if (grad && n > AG_MAXIN) {
        /* a node holds at most AG_MAXIN inputs: concatenate in groups, then the groups */
        tensor *part[AG_MAXIN] = {0};
        int per = (n + AG_MAXIN - 1) / AG_MAXIN, np = 0, failed = 0;
        tensor *out = NULL;
        for (int s = 0; s < n && !failed; s += per, np++)
            failed = !(part[np] = cat_checked(n - s < per ? n - s : per, ts + s, dim));
        if (!failed) out = cat_checked(np, part, dim);
        for (int k = 0; k < np; k++) tensor_release(part[k]);
        return out;
    }
    int64_t shape[T_MAXDIM];
    memcpy(shape, ts[0]->shape, sizeof shape);
    shape[dim] = 0;
    for (int k = 0; k < n; k++) shape[dim] += ts[k]->shape[dim];
    tensor *out = tensor_empty(ts[0]->ndim, shape);
    if (!out) return NULL;
    /* out: (outer, total, inner); input k fills columns [off, off+size_k) of each outer row */
    int64_t outer = 1, inner = 1;
    for (int d = 0; d < dim; d++) outer *= shape[d];
    for (int d = dim + 1; d < ts[0]->ndim; d++) inner *= shape[d];
    int64_t orow = shape[dim] * inner, off = 0;
    float *o = tensor_data(out);
    for (int k = 0; k < n; k++) {
        tensor *x = ts[k];
        int64_t row = x->shape[dim] * inner;
        if (tensor_is_contiguous(x)) {
            const float *src = tensor_data(x);
            for (int64_t r = 0; r < outer; r++) memcpy(o + r * orow + off, src + r * row, (size_t)row * sizeof(float));
        } else {
            const float *base = x->st->data;
            offset_iter it;
            oiter_init(&it, x->ndim, x->shape, x->stride, x->offset);
            for (int64_t r = 0; r < outer; r++)
                for (int64_t j = 0; j < row; j++) { o[r * orow + off + j] = base[it.off]; oiter_next(&it); }
        }
        off += row;
    }
    if (n <= AG_MAXIN) {
        ag_node *node = ag_record(out, &op_cat, n, ts);
        if (node) node->i[0] = dim;
    }
    return out;
}

tensor *tensor_cat(int n, tensor **ts, int dim)
{
    char b1[96], b2[96];
    if (n < 1) { ln_seterror("cat: needs at least one tensor"); return NULL; }
    if (ts[0]->ndim == 0) { ln_seterror("cat: 0-d tensors cannot be concatenated (stack them instead)"); return NULL; }
    if (!dim_ok("cat", ts[0], dim)) return NULL;
    for (int k = 1; k < n; k++) {
        const tensor *a = ts[0], *b = ts[k];
        int same = a->ndim == b->ndim;
        for (int d = 0; same && d < a->ndim; d++) same = d == dim || a->shape[d] == b->shape[d];
        if (!same) {
            ln_seterror("cat: shapes %s and %s must match except in dimension %d",
                        ln_shape_str(b1, a->ndim, a->shape), ln_shape_str(b2, b->ndim, b->shape), dim + 1);
            return NULL;
        }
    }
    return cat_checked(n, ts, dim);
}

tensor *tensor_stack(int n, tensor **ts, int dim)
{
    char b1[96], b2[96];
    if (n < 1) { ln_seterror("stack: needs at least one tensor"); return NULL; }
    for (int k = 1; k < n; k++)
        if (!tensor_same_shape(ts[0], ts[k])) {
            ln_seterror("stack: all tensors must have the same shape (got %s and %s)",
                        ln_shape_str(b1, ts[0]->ndim, ts[0]->shape), ln_shape_str(b2, ts[k]->ndim, ts[k]->shape));
            return NULL;
        }
    if (dim < 0 || dim > ts[0]->ndim) {
        ln_seterror("stack: dimension %d is out of range for stacking %d-D tensors (it must be 1..%d)",
                    dim + 1, ts[0]->ndim, ts[0]->ndim + 1);
        return NULL;
    }
    if (ts[0]->ndim == T_MAXDIM) { ln_seterror("stack: a tensor has at most %d dimensions", T_MAXDIM); return NULL; }
    /* stack = cat of the inputs each with a new size-1 dim (views, so no extra copy) */
    tensor **u = ln_calloc((size_t)n, sizeof *u);
    if (!u) return NULL;
    tensor *out = NULL;
    int k;
    for (k = 0; k < n; k++) if (!(u[k] = tensor_unsqueeze(ts[k], dim))) break;
    if (k == n) out = cat_checked(n, u, dim);
    for (int j = 0; j < k; j++) tensor_release(u[j]);
    ln_free(u);
    return out;
}
