/* layer_dropout.c — Dropout(p): in training mode each element is zeroed with probability p and
 * the survivors are scaled by 1/(1-p) (inverted dropout, so evaluation needs no rescaling); in
 * evaluation mode it passes its input through. Uses nn.h and tensor_dropout. */
#include "nn.h"

#include <math.h>
#include <stdio.h>

static int dropout_setup(layer *l)
{
    float p = l->cfg.p;
    if (!(p >= 0 && p < 1)) {   /* also catches NaN */
        ln_seterror("p (the fraction of inputs to drop) must be in [0, 1), got %g", (double)p);
        return -1;
    }
    return 0;
}

static tensor *dropout_forward(layer *l, tensor *x, int training)
{
    if (!training || l->cfg.p == 0) return tensor_retain(x);
    return tensor_dropout(x, l->cfg.p);
}

static void dropout_describe(const layer *l, char *buf, size_t n)
{
    snprintf(buf, n, "p=%g", (double)l->cfg.p);
}

const layer_type layer_dropout = {
    .name = "Dropout", .prefix = "dropout", .shape_free = 1, .setup = dropout_setup,
    .forward = dropout_forward, .describe = dropout_describe,
};
