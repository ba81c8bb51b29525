/* dataset.c — one-hot labels, row gathers, splits and batch orders; see dataset.h.
 * Uses core.h and tensor.h only. */
#include "dataset.h"

#include <math.h>
#include <string.h>

/* Reads labels of y [N] or [N,1] as whole numbers; `who` names the caller in errors. */
static int64_t label_count(const char *who, tensor *y)
{
    char b[96];
    if (y->ndim == 1 || (y->ndim == 2 && y->shape[1] == 1)) return y->shape[0];
    ln_seterror("%s: labels must be a vector [N] or a column [N,1] of class numbers, got shape %s", who,
                ln_shape_str(b, y->ndim, y->shape));
    return -1;
}

tensor *data_one_hot(tensor *y, int64_t n)
{
    int64_t rows = label_count("one_hot", y);
    if (rows < 0) return NULL;
    /* a [N,1] column has stride[0] per row as well, so one stride walks both layouts */
    const float *base = y->st->data + y->offset;
    int64_t s = y->stride[0];
    if (n <= 0) {
        float mx = -1;
        for (int64_t i = 0; i < rows; i++) if (base[i * s] > mx) mx = base[i * s];
        if (mx > 1e6f) {   /* a typo or regression targets, not class numbers */
            ln_seterror("one_hot: the largest label is %g; give the number of classes as n", (double)mx);
            return NULL;
        }
        n = (int64_t)floorf(mx) + 1;
        if (n <= 0) n = 1;
    }
    int64_t shape[2] = {rows, n};
    tensor *t = tensor_zeros(2, shape);
    if (!t) return NULL;
    float *out = tensor_data(t);
    for (int64_t i = 0; i < rows; i++) {
        float v = base[i * s];
        if (v != floorf(v)) {
            ln_seterror("one_hot: label %g at row %lld is not a whole number (class numbers are 0, 1, 2, ...)",
                        (double)v, (long long)i + 1);
            tensor_release(t);
            return NULL;
        }
        if (v < 0 || v >= (float)n) {
            ln_seterror("one_hot: label %g at row %lld is out of range for %lld classes (0..%lld)", (double)v,
                        (long long)i + 1, (long long)n, (long long)n - 1);
            tensor_release(t);
            return NULL;
        }
        out[i * n + (int64_t)v] = 1.0f;
    }
    return t;
}

tensor *data_take_rows(tensor *x, const int64_t *idx, int64_t start, int64_t n)
{
    char b[96];
    if (x->ndim == 0) { ln_seterror("rows: a 0-d tensor has no rows"); return NULL; }
    int64_t rows = x->shape[0];
    for (int64_t k = 0; k < n; k++) {
        int64_t r = idx ? idx[k] : start + k;
        if (r < 0 || r >= rows) {
            ln_seterror("rows: row %lld is out of range for shape %s", (long long)r + 1,
                        ln_shape_str(b, x->ndim, x->shape));
            return NULL;
        }
    }
    int64_t shape[T_MAXDIM];
    memcpy(shape, x->shape, sizeof shape);
    shape[0] = n;
    tensor *t = tensor_empty(x->ndim, shape);
    if (!t) return NULL;
    int64_t row = rows ? x->numel / rows : 0;
    float *dst = tensor_data(t);
    const float *src = x->st->data;
    if (tensor_is_contiguous(x)) {
        for (int64_t k = 0; k < n; k++)
            memcpy(dst + k * row, src + x->offset + (idx ? idx[k] : start + k) * row, (size_t)row * sizeof(float));
        return t;
    }
    /* a strided view (a transpose, a narrowed column): walk each row's elements */
    for (int64_t k = 0; k < n; k++) {
        offset_iter it;
        oiter_init(&it, x->ndim - 1, x->shape + 1, x->stride + 1, x->offset + (idx ? idx[k] : start + k) * x->stride[0]);
        for (int64_t j = 0; j < row; j++) { dst[k * row + j] = src[it.off]; oiter_next(&it); }
    }
    return t;
}

void data_order(int64_t *idx, int64_t n, int shuffle)
{
    for (int64_t i = 0; i < n; i++) idx[i] = i;
    if (shuffle) rng_shuffle(idx, n);
}

int data_check_rows(const char *who, tensor *x, tensor *y)
{
    if (x->ndim == 0 || y->ndim == 0) {
        ln_seterror("%s: x and y must have rows (got a 0-d tensor)", who);
        return -1;
    }
    if (x->shape[0] != y->shape[0]) {
        ln_seterror("%s: x has %lld row%s but y has %lld", who, (long long)x->shape[0], x->shape[0] == 1 ? "" : "s",
                    (long long)y->shape[0]);
        return -1;
    }
    return 0;
}

int data_split(tensor *x, tensor *y, double fraction, int shuffle, tensor *out[4])
{
    out[0] = out[1] = out[2] = out[3] = NULL;
    if (!(fraction > 0 && fraction < 1)) {
        ln_seterror("split: fraction must be between 0 and 1, got %g", fraction);
        return -1;
    }
    if (x->ndim == 0) { ln_seterror("split: x must have rows (got a 0-d tensor)"); return -1; }
    if (y && data_check_rows("split", x, y) < 0) return -1;
    int64_t n = x->shape[0];
    /* as Keras: the first int(N * (1 - fraction)) rows stay; the epsilon absorbs 0.8*100 = 80.000001 */
    int64_t na = (int64_t)floor((double)n * (1.0 - fraction) + 1e-9);
    int64_t *idx = NULL;
    if (shuffle) {
        if (!(idx = ln_alloc((size_t)(n ? n : 1) * sizeof *idx))) return -1;
        data_order(idx, n, 1);
    }
    out[0] = data_take_rows(x, idx, 0, na);
    out[2] = data_take_rows(x, idx ? idx + na : NULL, na, n - na);
    if (y) {
        out[1] = data_take_rows(y, idx, 0, na);
        out[3] = data_take_rows(y, idx ? idx + na : NULL, na, n - na);
    }
    ln_free(idx);
    if (!out[0] || !out[2] || (y && (!out[1] || !out[3]))) {
        for (int k = 0; k < 4; k++) { tensor_release(out[k]); out[k] = NULL; }
        return -1;
    }
    return 0;
}
