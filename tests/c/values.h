/* values.h — tensor literals and value checks for the C tests:
 *   tensor *a = MK((2, 3), 1, 2, 3, 4, 5, 6);      shape in parentheses, then the values
 *   CHECK(IS(c, (2, 3), 11, 21, 31, 12, 22, 32));  shape and row-major values, tolerance 1e-6
 *   tensor *at = tview(a);                          a hand-made transposed view (no autograd) */
#ifndef LUNET_TEST_VALUES_H
#define LUNET_TEST_VALUES_H

#include "test.h"

#define ID_(...) __VA_ARGS__
#define NDIM_(shape_) ((int)(sizeof((int64_t[]){ID_ shape_}) / sizeof(int64_t)))
#define MK(shape_, ...) tensor_from_data(NDIM_(shape_), (int64_t[]){ID_ shape_}, (float[]){__VA_ARGS__})
#define IS(t, shape_, ...) tensor_is((t), NDIM_(shape_), (int64_t[]){ID_ shape_}, (float[]){__VA_ARGS__}, 1e-6)

/* A 2-D transposed view of t sharing its storage, made without views.c. */
static inline tensor *tview(tensor *t)
{
    tensor *v = tensor_detach(t);
    int64_t s = v->shape[0]; v->shape[0] = v->shape[1]; v->shape[1] = s;
    s = v->stride[0]; v->stride[0] = v->stride[1]; v->stride[1] = s;
    return v;
}

/* 1 when t has the shape and (row-major) values given, NaN matching NaN; prints the first
 * difference otherwise. */
static inline int tensor_is(tensor *t, int ndim, const int64_t *shape, const float *want, double tol)
{
    if (!t) { printf("  null tensor: %s\n", ln_error()); return 0; }
    if (t->ndim != ndim || (ndim && memcmp(t->shape, shape, (size_t)ndim * sizeof *shape) != 0)) {
        char b1[96], b2[96];
        printf("  shape %s, expected %s\n", ln_shape_str(b1, t->ndim, t->shape), ln_shape_str(b2, ndim, shape));
        return 0;
    }
    float *v = ln_alloc((size_t)(t->numel ? t->numel : 1) * sizeof *v);
    tensor_copy_out(t, v);
    int ok = 1;
    for (int64_t k = 0; k < t->numel && ok; k++) {
        int both_nan = isnan(v[k]) && isnan(want[k]);
        if (!both_nan && !(fabs(v[k] - want[k]) <= tol * fmax(1.0, fabs(want[k])))) {
            printf("  element %lld: %.9g, expected %.9g\n", (long long)k, v[k], want[k]);
            ok = 0;
        }
    }
    ln_free(v);
    return ok;
}

#endif
