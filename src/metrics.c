/* metrics.c — accuracy and the confusion matrix; see metrics.h. Uses core.h and tensor.h only. */
#include "metrics.h"

#include <math.h>

int64_t *metrics_labels(const char *who, const char *what, tensor *t, int64_t *n, int64_t *k)
{
    char b[96];
    if (t->ndim < 1 || t->ndim > 2) {
        ln_seterror("%s: %s must be [N] class numbers or [N,K] scores, got shape %s", who, what,
                    ln_shape_str(b, t->ndim, t->shape));
        return NULL;
    }
    int64_t rows = t->shape[0], cols = t->ndim == 2 ? t->shape[1] : 1;
    int64_t rs = t->stride[0], cs = t->ndim == 2 ? t->stride[1] : 0;
    const float *base = t->st->data + t->offset;
    if (cols == 0) {
        ln_seterror("%s: %s has no columns (shape %s)", who, what, ln_shape_str(b, t->ndim, t->shape));
        return NULL;
    }
    int64_t *lab = ln_alloc((size_t)(rows ? rows : 1) * sizeof *lab);
    if (!lab) return NULL;
    *n = rows;
    if (cols > 1) {
        *k = cols;
        for (int64_t i = 0; i < rows; i++) {
            const float *r = base + i * rs;
            int64_t best = 0;
            for (int64_t j = 1; j < cols; j++) if (r[j * cs] > r[best * cs]) best = j;
            lab[i] = best;
        }
        return lab;
    }
    *k = 0;
    int whole = 1;
    for (int64_t i = 0; i < rows && whole; i++) whole = base[i * rs] == floorf(base[i * rs]);
    for (int64_t i = 0; i < rows; i++) {
        float v = base[i * rs];
        if (whole && v >= 0) { lab[i] = (int64_t)v; continue; }
        if (!whole && v >= 0 && v <= 1) { lab[i] = v > 0.5f; continue; }
        if (whole)
            ln_seterror("%s: %s has class %g at row %lld; classes are numbered from 0", who, what, (double)v,
                        (long long)i + 1);
        else
            ln_seterror("%s: %s holds %g at row %lld: expected class numbers (0, 1, 2, ...) or probabilities in [0,1]",
                        who, what, (double)v, (long long)i + 1);
        ln_free(lab);
        return NULL;
    }
    return lab;
}

int metrics_accuracy(tensor *pred, tensor *y, double *acc)
{
    int64_t np, ny, kp, ky;
    int64_t *p = metrics_labels("accuracy", "pred", pred, &np, &kp);
    if (!p) return -1;
    int64_t *t = metrics_labels("accuracy", "y", y, &ny, &ky);
    if (!t) { ln_free(p); return -1; }
    int rc = -1;
    if (np != ny) ln_seterror("accuracy: pred has %lld row%s but y has %lld", (long long)np, np == 1 ? "" : "s", (long long)ny);
    else if (kp && ky && kp != ky)
        ln_seterror("accuracy: pred has %lld columns (classes) but y has %lld", (long long)kp, (long long)ky);
    else if (np == 0) ln_seterror("accuracy: no rows to compare");
    else {
        int64_t right = 0;
        for (int64_t i = 0; i < np; i++) right += p[i] == t[i];
        *acc = (double)right / (double)np;
        rc = 0;
    }
    ln_free(p); ln_free(t);
    return rc;
}

tensor *metrics_confusion(tensor *y_true, tensor *y_pred, int64_t n)
{
    int64_t nt, np, kt, kp;
    tensor *m = NULL;
    int64_t *t = metrics_labels("confusion_matrix", "y_true", y_true, &nt, &kt);
    int64_t *p = t ? metrics_labels("confusion_matrix", "y_pred", y_pred, &np, &kp) : NULL;
    if (!p) goto done;
    if (nt != np) {
        ln_seterror("confusion_matrix: y_true has %lld row%s but y_pred has %lld", (long long)nt, nt == 1 ? "" : "s",
                    (long long)np);
        goto done;
    }
    if (n <= 0) {
        n = kt > kp ? kt : kp;
        for (int64_t i = 0; i < nt; i++) {
            if (t[i] + 1 > n) n = t[i] + 1;
            if (p[i] + 1 > n) n = p[i] + 1;
        }
        if (n > 100000) {
            ln_seterror("confusion_matrix: the largest class is %lld; give the number of classes as n", (long long)n - 1);
            goto done;
        }
    }
    for (int64_t i = 0; i < nt; i++) {
        int bad_t = t[i] >= n;
        if (bad_t || p[i] >= n) {
            ln_seterror("confusion_matrix: label %lld at row %lld of %s is out of range for %lld classes",
                        (long long)(bad_t ? t[i] : p[i]), (long long)i + 1, bad_t ? "y_true" : "y_pred", (long long)n);
            goto done;
        }
    }
    int64_t shape[2] = {n, n};
    m = tensor_zeros(2, shape);
    if (!m) goto done;
    float *c = tensor_data(m);
    for (int64_t i = 0; i < nt; i++) c[t[i] * n + p[i]] += 1.0f;
done:
    ln_free(t); ln_free(p);
    return m;
}
