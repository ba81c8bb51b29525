/* layer_conv.c — the image layers, channels last as Keras ([N, H, W, C]):
 *   Conv2D(filters, kernel):  y = act(conv(x, kernel) + bias), kernel [KH,KW,C,filters] (Keras'
 *       layout) glorot_uniform with fans KH*KW*C and KH*KW*filters, bias [filters] zeros.
 *       Config: units = filters, kernel[2], stride[2], padding, activation, use_bias, initializers.
 *   MaxPool2D(size):  the maximum of each pool[0] x pool[1] window, strides = the window unless
 *       given (stride 0 in the config means "the window", as Keras' strides=None).
 * Output sizes as Keras: "valid" floor((H - k) / s) + 1, "same" ceil(H / s) (conv_out_size).
 * The work is done by tensor_conv2d and tensor_maxpool2d (conv.c), recorded for autograd.
 * Uses nn.h. */
#include "nn.h"

#include <math.h>
#include <stdio.h>

static const char *const padding_name[] = {"valid", "same"};

static int check_window(const char *what, const int64_t *v)
{
    if (v[0] <= 0 || v[1] <= 0) {
        ln_seterror("%s must be positive, got %lldx%lld", what, (long long)v[0], (long long)v[1]);
        return -1;
    }
    return 0;
}

static int check_padding(nn_padding p)
{
    if (p != PAD_VALID && p != PAD_SAME) { ln_seterror("padding must be \"valid\" or \"same\""); return -1; }
    return 0;
}

/* The hint after "expected input [N,H,W,C], got ...": what to do with the shape they gave. */
static void image_hint(char *buf, size_t n, int ndim, const int64_t *shape)
{
    buf[0] = 0;
    if (ndim == 1) {
        int64_t s = (int64_t)llround(sqrt((double)shape[0]));
        if (s * s == shape[0])
            snprintf(buf, n, " — reshape to {-1, %lld, %lld, 1} first", (long long)s, (long long)s);
        else
            snprintf(buf, n, " — reshape it to {-1, height, width, channels} first");
    } else if (ndim == 2) {
        snprintf(buf, n, " — add the channel dimension: reshape to {-1, %lld, %lld, 1}", (long long)shape[0],
                 (long long)shape[1]);
    }
}

/* Checks the per-sample input shape of an image layer; 0 or -1 with the error set. */
static int expect_image(const layer *l)
{
    char b[96], hint[96];
    if (l->in_ndim == 3 && l->in_shape[0] > 0 && l->in_shape[1] > 0 && l->in_shape[2] > 0) return 0;
    image_hint(hint, sizeof hint, l->in_ndim, l->in_shape);
    ln_seterror("expected input [N,H,W,C], got %s%s", nn_batch_shape_str(b, l->in_ndim, l->in_shape), hint);
    return -1;
}

/* The batch must have the shape the layer was built for: [N, H, W, C]. */
static int check_batch(const layer *l, const tensor *x)
{
    char b1[96], b2[96], hint[96];
    int ok = x->ndim == 4;
    for (int d = 0; ok && d < 3; d++) ok = x->shape[d + 1] == l->in_shape[d];
    if (ok) return 0;
    nn_batch_shape_str(b1, 3, l->in_shape);
    if (x->ndim == 0) { ln_seterror("expected input %s, got a 0-d tensor", b1); return -1; }
    image_hint(hint, sizeof hint, x->ndim - 1, x->shape + 1);
    if (x->ndim == 3 && x->shape[0] == l->in_shape[0] && x->shape[1] == l->in_shape[1] && x->shape[2] == l->in_shape[2])
        snprintf(hint, sizeof hint, " — one image needs a batch dimension: x:reshape(1, %lld, %lld, %lld)",
                 (long long)l->in_shape[0], (long long)l->in_shape[1], (long long)l->in_shape[2]);
    ln_seterror("expected input %s, got %s%s", b1, nn_batch_shape_str(b2, x->ndim - 1, x->shape + 1), hint);
    return -1;
}

/* ---- Conv2D ---- */

static int conv_setup(layer *l)
{
    layer_config *c = &l->cfg;
    if (c->units <= 0) { ln_seterror("filters must be a positive integer, got %lld", (long long)c->units); return -1; }
    if (check_window("kernel_size", c->kernel) < 0 || check_window("strides", c->stride) < 0) return -1;
    if (check_padding(c->padding) < 0) return -1;
    if ((unsigned)c->activation >= ACT_COUNT) { ln_seterror("unknown activation %d", (int)c->activation); return -1; }
    if ((unsigned)c->kernel_init >= INIT_COUNT || (unsigned)c->bias_init >= INIT_COUNT) {
        ln_seterror("unknown initializer");
        return -1;
    }
    if (c->activation == ACT_LEAKY_RELU && isnan(c->alpha)) c->alpha = NN_LEAKY_ACTIVATION_ALPHA;
    return 0;
}

static int conv_build(layer *l)
{
    const layer_config *c = &l->cfg;
    if (expect_image(l) < 0) return -1;
    int64_t H = l->in_shape[0], W = l->in_shape[1], C = l->in_shape[2], F = c->units;
    int same = c->padding == PAD_SAME;
    int64_t OH = conv_out_size(H, c->kernel[0], c->stride[0], same), OW = conv_out_size(W, c->kernel[1], c->stride[1], same);
    if (OH <= 0 || OW <= 0) {
        ln_seterror("the %lldx%lld input is smaller than the %lldx%lld kernel (padding \"valid\"); "
                    "use padding = \"same\" or a smaller kernel", (long long)H, (long long)W,
                    (long long)c->kernel[0], (long long)c->kernel[1]);
        return -1;
    }
    int64_t kshape[4] = {c->kernel[0], c->kernel[1], C, F};
    tensor *k = layer_add_param(l, "kernel", 4, kshape);
    if (!k) return -1;
    /* Keras' fans for a convolution: the receptive field times the channels in, and out */
    int64_t field = c->kernel[0] * c->kernel[1];
    if (nn_init_fill(k, c->kernel_init == INIT_DEFAULT ? INIT_GLOROT_UNIFORM : c->kernel_init, field * C, field * F) < 0)
        return -1;
    if (c->use_bias) {
        tensor *b = layer_add_param(l, "bias", 1, &F);
        if (!b || nn_init_fill(b, c->bias_init == INIT_DEFAULT ? INIT_ZEROS : c->bias_init, field * C, field * F) < 0)
            return -1;
    }
    l->out_ndim = 3;
    l->out_shape[0] = OH; l->out_shape[1] = OW; l->out_shape[2] = F;
    return 0;
}

static tensor *conv_forward(layer *l, tensor *x, int training)
{
    (void)training;
    const layer_config *c = &l->cfg;
    if (check_batch(l, x) < 0) return NULL;
    tensor *y = tensor_conv2d(x, l->params[0], c->use_bias ? l->params[1] : NULL, c->stride[0], c->stride[1],
                              c->padding == PAD_SAME);
    if (!y || c->activation == ACT_LINEAR) return y;
    tensor *a = nn_activate(y, c->activation, c->alpha);
    tensor_release(y);
    return a;
}

/* "1 -> 32, 3x3, relu, valid" (with ", stride 2" before the padding when it is not 1) */
static void conv_describe(const layer *l, char *buf, size_t n)
{
    const layer_config *c = &l->cfg;
    char in[32] = "?", act[48] = "", stride[48] = "";
    if (l->built) snprintf(in, sizeof in, "%lld", (long long)l->in_shape[2]);
    if (c->activation != ACT_LINEAR && (unsigned)c->activation < ACT_COUNT)
        snprintf(act, sizeof act, ", %s", nn_activation_name[c->activation]);
    if (c->stride[0] != 1 || c->stride[1] != 1) {
        if (c->stride[0] == c->stride[1]) snprintf(stride, sizeof stride, ", stride %lld", (long long)c->stride[0]);
        else snprintf(stride, sizeof stride, ", stride %lldx%lld", (long long)c->stride[0], (long long)c->stride[1]);
    }
    snprintf(buf, n, "%s -> %lld, %lldx%lld%s%s, %s", in, (long long)c->units, (long long)c->kernel[0],
             (long long)c->kernel[1], act, stride, padding_name[c->padding == PAD_SAME]);
}

const layer_type layer_conv2d = {
    .name = "Conv2D", .prefix = "conv2d", .setup = conv_setup, .build = conv_build,
    .forward = conv_forward, .describe = conv_describe,
};

/* ---- MaxPool2D ---- */

static int pool_setup(layer *l)
{
    layer_config *c = &l->cfg;
    if (check_window("pool_size", c->pool) < 0) return -1;
    /* strides=None in Keras: the window itself, so that windows tile the image */
    if (c->stride[0] == 0 && c->stride[1] == 0) { c->stride[0] = c->pool[0]; c->stride[1] = c->pool[1]; }
    if (check_window("strides", c->stride) < 0) return -1;
    return check_padding(c->padding);
}

static int pool_build(layer *l)
{
    const layer_config *c = &l->cfg;
    if (expect_image(l) < 0) return -1;
    int same = c->padding == PAD_SAME;
    int64_t H = l->in_shape[0], W = l->in_shape[1];
    int64_t OH = conv_out_size(H, c->pool[0], c->stride[0], same), OW = conv_out_size(W, c->pool[1], c->stride[1], same);
    if (OH <= 0 || OW <= 0) {
        ln_seterror("the %lldx%lld input is smaller than the %lldx%lld window (padding \"valid\")", (long long)H,
                    (long long)W, (long long)c->pool[0], (long long)c->pool[1]);
        return -1;
    }
    l->out_ndim = 3;
    l->out_shape[0] = OH; l->out_shape[1] = OW; l->out_shape[2] = l->in_shape[2];
    return 0;
}

static tensor *pool_forward(layer *l, tensor *x, int training)
{
    (void)training;
    const layer_config *c = &l->cfg;
    if (check_batch(l, x) < 0) return NULL;
    return tensor_maxpool2d(x, c->pool[0], c->pool[1], c->stride[0], c->stride[1], c->padding == PAD_SAME);
}

/* "2x2", then ", stride 1" when the strides are not the window, ", same" when padded */
static void pool_describe(const layer *l, char *buf, size_t n)
{
    const layer_config *c = &l->cfg;
    char stride[48] = "";
    if (c->stride[0] != c->pool[0] || c->stride[1] != c->pool[1]) {
        if (c->stride[0] == c->stride[1]) snprintf(stride, sizeof stride, ", stride %lld", (long long)c->stride[0]);
        else snprintf(stride, sizeof stride, ", stride %lldx%lld", (long long)c->stride[0], (long long)c->stride[1]);
    }
    snprintf(buf, n, "%lldx%lld%s%s", (long long)c->pool[0], (long long)c->pool[1], stride,
             c->padding == PAD_SAME ? ", same" : "");
}

const layer_type layer_maxpool2d = {
    .name = "MaxPool2D", .prefix = "max_pooling2d", .setup = pool_setup, .build = pool_build,
    .forward = pool_forward, .describe = pool_describe,
};
