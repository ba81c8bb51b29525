/* layer_shape.c — layers that only rearrange their input: Flatten ([N, d1, d2, ...] ->
 * [N, d1*d2*...], a view when the input is contiguous). Uses nn.h. */
#include "nn.h"

static int flatten_build(layer *l)
{
    int64_t n = 1;
    for (int d = 0; d < l->in_ndim; d++) n *= l->in_shape[d];
    l->out_ndim = 1;
    l->out_shape[0] = n;   /* [N] becomes [N,1], as in Keras */
    return 0;
}

static tensor *flatten_forward(layer *l, tensor *x, int training)
{
    (void)l; (void)training;
    if (x->ndim == 0) { ln_seterror("expected a batch [N,...], got a 0-d tensor"); return NULL; }
    int64_t shape[2] = {x->shape[0], 1};
    for (int d = 1; d < x->ndim; d++) shape[1] *= x->shape[d];
    return tensor_reshape(x, 2, shape);
}

const layer_type layer_flatten = {
    .name = "Flatten", .prefix = "flatten", .build = flatten_build, .forward = flatten_forward,
};
