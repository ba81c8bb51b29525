/* gradcheck.h — checks an op's backward against central differences, for the C tests.
 *
 *   static tensor *f(tensor **in) { return tensor_matmul(in[0], in[1]); }
 *   CHECK(gradcheck(f, 2, inputs, 1e-2));
 *
 * The output is reduced to a scalar with fixed random weights R (L = sum(out * R)), so every
 * element of the Jacobian is exercised. Inputs must be contiguous leaves with requires_grad set;
 * perturbations are done in double-checked float32, hence the loose default tolerances. */
#ifndef LUNET_GRADCHECK_H
#define LUNET_GRADCHECK_H

#include "test.h"

typedef tensor *(*gc_fn)(tensor **inputs);

static double gc_weighted_sum(tensor *out, const float *w)
{
    float *buf = ln_alloc((size_t)(out->numel ? out->numel : 1) * sizeof(float));
    tensor_copy_out(out, buf);
    double s = 0;
    for (int64_t k = 0; k < out->numel; k++) s += (double)buf[k] * w[k];
    ln_free(buf);
    return s;
}

/* Returns 1 when every analytic gradient element is within tol (relative, with absolute floor
 * tol) of the numerical one; prints the worst element otherwise. */
static inline int gradcheck(gc_fn f, int n, tensor **in, double tol)
{
    tensor *out = f(in);
    if (!out) { printf("  gradcheck: forward failed: %s\n", ln_error()); return 0; }
    float *w = ln_alloc((size_t)(out->numel ? out->numel : 1) * sizeof(float));
    for (int64_t k = 0; k < out->numel; k++) w[k] = (float)(rng_uniform() * 2 - 1);
    tensor *gw = tensor_from_data(out->ndim, out->shape, w);
    for (int i = 0; i < n; i++) if (in[i]) { tensor_release(in[i]->grad); in[i]->grad = NULL; }
    if (ag_backward(out, gw, 0) < 0) {
        printf("  gradcheck: backward failed: %s\n", ln_error());
        tensor_release(gw); tensor_release(out); ln_free(w); return 0;
    }
    tensor_release(gw);
    tensor_release(out);
    int ok = 1;
    int was = ag_set_enabled(0);
    for (int i = 0; i < n && ok; i++) {
        tensor *x = in[i];
        if (!x || !x->requires_grad) continue;
        float *xd = tensor_data(x);
        for (int64_t k = 0; k < x->numel && ok; k++) {
            float orig = xd[k];
            double h = 1e-2 * fmax(1.0, fabs(orig));
            /* read each output before the next change to x: a view's values follow x */
            xd[k] = (float)(orig + h); tensor *op = f(in);
            double sp = gc_weighted_sum(op, w);
            tensor_release(op);
            xd[k] = (float)(orig - h); tensor *om = f(in);
            double sm = gc_weighted_sum(om, w);
            tensor_release(om);
            xd[k] = orig;
            double num = (sp - sm) / (2 * h);
            double ana = x->grad ? tensor_data(x->grad)[k] : 0.0;
            if (fabs(num - ana) > tol * fmax(1.0, fabs(num))) {
                printf("  gradcheck: input %d element %lld: analytic %.6g, numerical %.6g\n", i, (long long)k, ana, num);
                ok = 0;
            }
        }
    }
    ag_set_enabled(was);
    for (int i = 0; i < n; i++) if (in[i]) { tensor_release(in[i]->grad); in[i]->grad = NULL; }
    ln_free(w);
    return ok;
}

/* A random leaf of the given shape, values in [lo, hi), requires_grad set. */
static inline tensor *gc_leaf(int ndim, const int64_t *shape, double lo, double hi)
{
    tensor *t = tensor_rand(ndim, shape);
    for (int64_t k = 0; k < t->numel; k++) tensor_data(t)[k] = (float)(lo + (hi - lo) * tensor_data(t)[k]);
    t->requires_grad = 1;
    return t;
}

#endif
