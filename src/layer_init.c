/* layer_init.c — weight initializers, with Keras' names and formulas (VarianceScaling):
 * a uniform one draws from U(-limit, limit) with limit = sqrt(3 * variance); a normal one draws
 * from a normal truncated at two standard deviations, its stddev divided by 0.8796 so that the
 * truncated distribution keeps the wanted variance. Uses nn.h and the shared generator (core.h). */
#include "nn.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

const char *const nn_init_name[INIT_COUNT] = {
    "default", "zeros", "ones", "glorot_uniform", "glorot_normal", "he_uniform", "he_normal",
    "lecun_uniform", "lecun_normal", "random_uniform", "random_normal", "torch"
};

int nn_init_from_name(const char *who, const char *name)
{
    for (int k = 0; k < INIT_COUNT; k++)
        if (strcmp(nn_init_name[k], name) == 0) return k;
    char list[512];
    size_t n = 0;
    list[0] = 0;
    for (int k = 1; k < INIT_COUNT && n < sizeof list; k++)
        n += (size_t)snprintf(list + n, sizeof list - n, k > 1 ? ", %s" : "%s", nn_init_name[k]);
    ln_seterror("%s: unknown initializer '%s' (valid: %s)", who, name, list);
    return -1;
}

static void fill_uniform(float *p, int64_t n, double limit)
{
    for (int64_t k = 0; k < n; k++) p[k] = (float)((rng_uniform() * 2 - 1) * limit);
}

static void fill_truncated_normal(float *p, int64_t n, double variance)
{
    double sd = sqrt(variance) / 0.87962566103423978;
    for (int64_t k = 0; k < n; k++) {
        double z;
        do z = rng_normal(); while (fabs(z) > 2);
        p[k] = (float)(z * sd);
    }
}

int nn_init_fill(tensor *t, nn_init init, int64_t fan_in, int64_t fan_out)
{
    if (!tensor_is_contiguous(t)) { ln_seterror("init: the tensor must be contiguous"); return -1; }
    float *p = tensor_data(t);
    int64_t n = t->numel;
    double fi = fan_in > 0 ? (double)fan_in : 1, fo = fan_out > 0 ? (double)fan_out : 1;
    switch (init) {
    case INIT_DEFAULT:
    case INIT_ZEROS: memset(p, 0, (size_t)n * sizeof *p); break;
    case INIT_ONES: for (int64_t k = 0; k < n; k++) p[k] = 1; break;
    case INIT_GLOROT_UNIFORM: fill_uniform(p, n, sqrt(6.0 / (fi + fo))); break;
    case INIT_GLOROT_NORMAL: fill_truncated_normal(p, n, 2.0 / (fi + fo)); break;
    case INIT_HE_UNIFORM: fill_uniform(p, n, sqrt(6.0 / fi)); break;
    case INIT_HE_NORMAL: fill_truncated_normal(p, n, 2.0 / fi); break;
    case INIT_LECUN_UNIFORM: fill_uniform(p, n, sqrt(3.0 / fi)); break;
    case INIT_LECUN_NORMAL: fill_truncated_normal(p, n, 1.0 / fi); break;
    case INIT_RANDOM_UNIFORM: fill_uniform(p, n, 0.05); break;
    case INIT_RANDOM_NORMAL: for (int64_t k = 0; k < n; k++) p[k] = (float)(rng_normal() * 0.05); break;
    case INIT_TORCH: fill_uniform(p, n, 1.0 / sqrt(fi)); break;
    default: ln_seterror("init: unknown initializer %d", (int)init); return -1;
    }
    return 0;
}
