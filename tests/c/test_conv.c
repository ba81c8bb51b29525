/* test_conv.c — conv2d and maxpool2d: output sizes, forward values against PyTorch (computed
 * once with torch.nn.functional on the same inputs, NHWC <-> NCHW and TensorFlow's "same" padding
 * taken care of, then written here), gradient checks in every mode, error texts; then the Conv2D
 * and MaxPool2D layers: Keras' shapes, parameter counts and initial values, descriptions, errors. */
#include "gradcheck.h"
#include "nn.h"

/* The deterministic inputs the reference values were computed from: ((k*a) % m) / d - o. */
static tensor *seq(int ndim, const int64_t *shape, int a, int m, double d, double o)
{
    tensor *t = tensor_empty(ndim, shape);
    for (int64_t k = 0; k < t->numel; k++) tensor_data(t)[k] = (float)((double)((k * a) % m) / d - o);
    return t;
}

static int all_near(const tensor *t, const float *want, int64_t n, double tol)
{
    if (t->numel != n) { printf("  %lld values, expected %lld\n", (long long)t->numel, (long long)n); return 0; }
    for (int64_t k = 0; k < n; k++)
        if (fabs(tensor_data(t)[k] - want[k]) > tol) {
            printf("  element %lld: %.7g, expected %.7g\n", (long long)k, tensor_data(t)[k], want[k]);
            return 0;
        }
    return 1;
}

static int same_shape4(const tensor *t, int64_t a, int64_t b, int64_t c, int64_t d)
{
    return t->ndim == 4 && t->shape[0] == a && t->shape[1] == b && t->shape[2] == c && t->shape[3] == d;
}

TEST(conv_out_size_follows_keras)
{
    CHECK(conv_out_size(28, 3, 1, 0) == 26);     /* valid: floor((28-3)/1)+1 */
    CHECK(conv_out_size(28, 3, 2, 0) == 13);     /* floor(25/2)+1 */
    CHECK(conv_out_size(28, 3, 1, 1) == 28);     /* same: ceil(28/1) */
    CHECK(conv_out_size(28, 3, 2, 1) == 14);     /* ceil(28/2) */
    CHECK(conv_out_size(5, 3, 2, 1) == 3);
    CHECK(conv_out_size(26, 2, 2, 0) == 13);     /* MaxPool2D(2) after the first conv */
    CHECK(conv_out_size(11, 2, 2, 0) == 5);
    CHECK(conv_out_size(2, 3, 1, 0) == 0);       /* does not fit */
}

/* x [2,5,4,3], w [3,3,3,2], b {0.5, -0.25}: the inputs of every forward reference below. */
static void conv_inputs(tensor **x, tensor **w, tensor **b)
{
    int64_t xs[4] = {2, 5, 4, 3}, ws[4] = {3, 3, 3, 2}, bs[1] = {2};
    float bv[2] = {0.5f, -0.25f};
    *x = seq(4, xs, 37, 101, 50.0, 1.0);
    *w = seq(4, ws, 53, 97, 48.0, 1.0);
    *b = tensor_from_data(1, bs, bv);
}

TEST(conv2d_valid_matches_pytorch)
{
    static const float want[] = {
        3.203333f, -1.257917f, 2.604583f, 0.728750f, 0.471667f, 0.418333f, -1.936667f, 0.595417f, 1.232917f,
        -2.576667f, 1.097083f, -0.127083f, 1.328333f, -1.125000f, 2.749583f, 0.651250f, 0.616667f, 0.340833f,
        -1.791667f, 0.517917f, 1.377917f, -2.654167f, 1.242083f, -0.204583f};
    tensor *x, *w, *b;
    conv_inputs(&x, &w, &b);
    tensor *y = tensor_conv2d(x, w, b, 1, 1, 0);
    CHECK(y && same_shape4(y, 2, 3, 2, 2));
    CHECK(all_near(y, want, 24, 1e-5));
    tensor_release(y); tensor_release(x); tensor_release(w); tensor_release(b);
}

TEST(conv2d_same_stride2_pads_as_tensorflow)
{
    /* 5x4 with stride 2, "same": 3x2 out; TensorFlow pads 2 rows (1 before, 1 after) and 1 column
     * (0 before, 1 after) — the extra one goes after, unlike PyTorch's symmetric padding */
    static const float want[] = {
        -1.210833f, -0.601250f, 1.456250f, -1.230833f, 0.471667f, 0.418333f, -0.398750f, -0.467500f, 1.873333f,
        1.800833f, -0.020417f, 0.736250f, 0.232917f, -1.157500f, 1.466250f, -1.265833f, 0.616667f, 0.340833f,
        -0.261250f, -0.559167f, 2.011667f, 1.790833f, 0.152917f, 0.622083f};
    tensor *x, *w, *b;
    conv_inputs(&x, &w, &b);
    tensor *y = tensor_conv2d(x, w, b, 2, 2, 1);
    CHECK(y && same_shape4(y, 2, 3, 2, 2));
    CHECK(all_near(y, want, 24, 1e-5));
    tensor_release(y); tensor_release(x); tensor_release(w); tensor_release(b);
}

TEST(conv2d_same_without_bias_and_uneven_strides_match_pytorch)
{
    static const float same1[] = {
        0.702917f, -1.426667f, -1.710833f, -0.351250f, -1.607083f, 0.115417f, 0.956250f, -0.980833f, 1.543333f,
        -1.342083f, 2.703333f, -1.007917f, 2.104583f, 0.978750f, 1.009583f, 0.474167f, -1.274167f, 1.139167f,
        -0.028333f, 0.668333f, -2.436667f, 0.845417f, -0.898750f, -0.217500f, -0.304167f, -0.756250f, 0.732917f,
        -2.326667f, 0.597083f, 0.122917f, 0.980417f, -1.203750f, -0.865000f, 0.974583f, 1.373333f, 2.050833f,
        0.176667f, 1.217083f, -0.520417f, 0.986250f, -0.710000f, -0.896667f, -0.267083f, -0.907500f, -1.552083f,
        0.022083f, 0.966250f, -1.015833f, 0.796250f, -0.087917f, 0.828333f, -0.875000f, 2.249583f, 0.901250f,
        1.147083f, 0.382500f, -1.137500f, 1.046667f, 0.116667f, 0.590833f, -2.291667f, 0.767917f, -0.761250f,
        -0.309167f, -0.167500f, -0.848750f, 0.877917f, -2.404167f, 0.742083f, 0.045417f, 1.117917f, -1.295417f,
        -0.800000f, 0.994583f, 1.511667f, 2.040833f, 0.315000f, 1.207083f, -0.347083f, 0.872083f};
    static const float valid21[] = {
        3.203333f, -1.257917f, 2.604583f, 0.728750f, 1.232917f, -2.576667f, 1.097083f, -0.127083f, 1.328333f,
        -1.125000f, 2.749583f, 0.651250f, 1.377917f, -2.654167f, 1.242083f, -0.204583f};
    tensor *x, *w, *b;
    conv_inputs(&x, &w, &b);
    tensor *y = tensor_conv2d(x, w, NULL, 1, 1, 1);
    CHECK(y && same_shape4(y, 2, 5, 4, 2));
    CHECK(all_near(y, same1, 80, 1e-5));
    tensor_release(y);
    y = tensor_conv2d(x, w, b, 2, 1, 0);
    CHECK(y && same_shape4(y, 2, 2, 2, 2));
    CHECK(all_near(y, valid21, 16, 1e-5));
    tensor_release(y); tensor_release(x); tensor_release(w); tensor_release(b);
}

TEST(conv2d_reads_views_and_one_by_one_kernels)
{
    /* a transposed (non-contiguous) input gives the values of its contiguous copy */
    int64_t xs[4] = {2, 4, 5, 3}, ws[4] = {2, 2, 3, 4};
    tensor *xt = seq(4, xs, 37, 101, 50.0, 1.0), *w = seq(4, ws, 53, 97, 48.0, 1.0);
    tensor *v = tensor_transpose(xt, 1, 2), *c = tensor_clone(v);
    tensor *y1 = tensor_conv2d(v, w, NULL, 1, 1, 0), *y2 = tensor_conv2d(c, w, NULL, 1, 1, 0);
    CHECK(y1 && y2 && same_shape4(y1, 2, 4, 3, 4));
    for (int64_t k = 0; k < y1->numel; k++) CHECK_NEAR(tensor_data(y1)[k], tensor_data(y2)[k], 1e-6);
    tensor_release(y1); tensor_release(y2);
    /* 1x1: a per-pixel matrix product */
    int64_t w1s[4] = {1, 1, 3, 2};
    tensor *w1 = seq(4, w1s, 7, 11, 5.0, 1.0);
    tensor *y = tensor_conv2d(c, w1, NULL, 1, 1, 0);
    CHECK(y && same_shape4(y, 2, 5, 4, 2));
    const float *xd = tensor_data(c), *wd = tensor_data(w1);
    for (int64_t p = 0; p < 2 * 5 * 4; p++)
        for (int f = 0; f < 2; f++) {
            double s = 0;
            for (int ch = 0; ch < 3; ch++) s += xd[p * 3 + ch] * wd[ch * 2 + f];
            CHECK_NEAR(tensor_data(y)[p * 2 + f], s, 1e-5);
        }
    tensor_release(y); tensor_release(w1);
    tensor_release(v); tensor_release(c); tensor_release(xt); tensor_release(w);
}

static int64_t g_stride[2];
static int g_same;
static tensor *conv_f(tensor **in) { return tensor_conv2d(in[0], in[1], in[2], g_stride[0], g_stride[1], g_same); }

TEST(conv2d_gradcheck_valid_same_strides_bias)
{
    struct { int64_t sh, sw; int same, bias; } cases[] = {
        {1, 1, 0, 1}, {1, 1, 1, 1}, {2, 2, 0, 1}, {2, 2, 1, 0}, {1, 2, 1, 1}, {2, 1, 0, 0},
    };
    int64_t xs[4] = {2, 5, 6, 2}, ws[4] = {3, 3, 2, 3}, bs[1] = {3};
    for (size_t k = 0; k < sizeof cases / sizeof *cases; k++) {
        g_stride[0] = cases[k].sh; g_stride[1] = cases[k].sw; g_same = cases[k].same;
        tensor *in[3] = {gc_leaf(4, xs, -1, 1), gc_leaf(4, ws, -1, 1), cases[k].bias ? gc_leaf(1, bs, -1, 1) : NULL};
        int ok = gradcheck(conv_f, 3, in, 2e-2);
        if (!ok) printf("  case %zu: stride %lldx%lld, %s, %s\n", k, (long long)cases[k].sh, (long long)cases[k].sw,
                        cases[k].same ? "same" : "valid", cases[k].bias ? "bias" : "no bias");
        for (int j = 0; j < 3; j++) tensor_release(in[j]);
        CHECK(ok);
    }
}

TEST(conv2d_gradcheck_even_kernel_and_one_by_one)
{
    int64_t xs[4] = {1, 4, 5, 3}, w2[4] = {2, 2, 3, 2}, w1[4] = {1, 1, 3, 2}, bs[1] = {2};
    g_stride[0] = g_stride[1] = 1; g_same = 1;
    tensor *in[3] = {gc_leaf(4, xs, -1, 1), gc_leaf(4, w2, -1, 1), gc_leaf(1, bs, -1, 1)};
    CHECK(gradcheck(conv_f, 3, in, 2e-2));
    tensor_release(in[1]);
    in[1] = gc_leaf(4, w1, -1, 1);
    g_same = 0;
    int ok = gradcheck(conv_f, 3, in, 2e-2);
    for (int j = 0; j < 3; j++) tensor_release(in[j]);
    CHECK(ok);
}

TEST(conv2d_big_batch_runs_in_chunks_with_the_same_gradients)
{
    /* 64 images of 40x40x8 with a 5x5 kernel: 36*36*200 floats of cols each, so the batch is done
     * in several chunks (cols rebuilt in the backward); one image alone is one chunk (cols kept) */
    int64_t xs[4] = {64, 40, 40, 8}, ws[4] = {5, 5, 8, 4};
    tensor *x = tensor_randn(4, xs), *w = tensor_randn(4, ws);
    w->requires_grad = 1; x->requires_grad = 1;
    tensor *y = tensor_conv2d(x, w, NULL, 1, 1, 0);
    CHECK(y && same_shape4(y, 64, 36, 36, 4));
    tensor *gy = tensor_detach(y);   /* L = sum(y^2)/2: dL/dy = y */
    CHECK(ag_backward(y, gy, 0) == 0);
    tensor_release(gy);
    tensor *gw = tensor_clone(w->grad);
    double *sum = ln_calloc((size_t)w->numel, sizeof *sum);
    for (int64_t i = 0; i < 64; i++) {
        int was = ag_set_enabled(0);   /* a fresh leaf, not a part of x's graph */
        tensor *xi = tensor_narrow(x, 0, i, 1), *xl = tensor_clone(xi);
        ag_set_enabled(was);
        tensor_release(xi);
        xl->requires_grad = 1;
        tensor_release(w->grad); w->grad = NULL;
        tensor *yi = tensor_conv2d(xl, w, NULL, 1, 1, 0), *gi = tensor_detach(yi);
        CHECK(ag_backward(yi, gi, 0) == 0);
        for (int64_t k = 0; k < w->numel; k++) sum[k] += tensor_data(w->grad)[k];
        if (i % 21 == 0) {
            const float *gx = tensor_data(x->grad) + i * 40 * 40 * 8;
            for (int64_t k = 0; k < xl->numel; k++) CHECK_NEAR(tensor_data(xl->grad)[k], gx[k], 1e-3);
        }
        tensor_release(gi); tensor_release(yi); tensor_release(xl);
    }
    for (int64_t k = 0; k < w->numel; k++) CHECK_NEAR(tensor_data(gw)[k], sum[k], 1e-3);
    ln_free(sum);
    tensor_release(gw); tensor_release(y); tensor_release(x); tensor_release(w);
}

TEST(conv2d_errors_name_the_shapes)
{
    int64_t xs[2] = {4, 784}, x4[4] = {1, 2, 2, 1}, ws[4] = {3, 3, 1, 8}, w2[4] = {3, 3, 2, 8}, bs[1] = {5};
    tensor *x = tensor_zeros(2, xs), *small = tensor_zeros(4, x4), *w = tensor_zeros(4, ws), *wc = tensor_zeros(4, w2);
    tensor *b = tensor_zeros(1, bs);
    CHECK_ERR(tensor_conv2d(x, w, NULL, 1, 1, 0), "conv2d: expected images [N,H,W,C], got [4,784]");
    CHECK_ERR(tensor_conv2d(small, w, NULL, 1, 1, 0), "the 2x2 image is smaller than the 3x3 window");
    CHECK_ERR(tensor_conv2d(small, wc, NULL, 1, 1, 1), "kernel [3,3,2,8] expects 2 input channels, the images [1,2,2,1] have 1");
    CHECK_ERR(tensor_conv2d(small, w, b, 1, 1, 1), "bias [5] does not match the kernel's 8 filters");
    CHECK_ERR(tensor_conv2d(small, w, NULL, 0, 1, 1), "must be positive");
    tensor *y = tensor_conv2d(small, w, NULL, 1, 1, 1);   /* "same" fits any size */
    CHECK(y && same_shape4(y, 1, 2, 2, 8));
    tensor_release(y);
    tensor_release(x); tensor_release(small); tensor_release(w); tensor_release(wc); tensor_release(b);
}

TEST(maxpool2d_matches_pytorch)
{
    static const float v2[] = {0.48f, 0.54f, 0.74f, 0.68f, 1.0f, 0.4f, 0.6f, 0.8f};
    static const float s2[] = {0.48f, 0.54f, 0.74f, 0.68f, 0.88f, 0.94f, 1.0f, 0.4f, 0.6f, 0.8f, 0.86f, 0.26f,
                               0.32f, 0.52f, 0.72f, -0.02f, 0.18f, 0.92f};
    static const float v3[] = {0.6f, 0.68f, 0.74f, 0.8f, 0.88f, 0.94f, 1.0f, 0.66f, 0.74f, 0.8f, 0.86f, 0.94f,
                               1.0f, 0.66f, 0.72f, 0.8f, 0.86f, 0.92f};
    int64_t xs[4] = {1, 5, 5, 2};
    tensor *x = seq(4, xs, 37, 101, 50.0, 1.0);
    tensor *y = tensor_maxpool2d(x, 2, 2, 2, 2, 0);
    CHECK(y && same_shape4(y, 1, 2, 2, 2) && all_near(y, v2, 8, 1e-6));
    tensor_release(y);
    y = tensor_maxpool2d(x, 2, 2, 2, 2, 1);
    CHECK(y && same_shape4(y, 1, 3, 3, 2) && all_near(y, s2, 18, 1e-6));
    tensor_release(y);
    y = tensor_maxpool2d(x, 3, 3, 1, 1, 0);
    CHECK(y && same_shape4(y, 1, 3, 3, 2) && all_near(y, v3, 18, 1e-6));
    tensor_release(y);
    tensor_release(x);
}

TEST(maxpool2d_backward_routes_to_the_argmax)
{
    /* one 4x4 channel, 2x2 windows: the gradient lands on each window's maximum only */
    float xv[16] = {1, 5, 2, 0,
                    3, 4, 8, 7,
                    0, 0, 1, 1,
                    9, 0, 1, 2};
    int64_t xs[4] = {1, 4, 4, 1};
    tensor *x = tensor_from_data(4, xs, xv);
    x->requires_grad = 1;
    tensor *y = tensor_maxpool2d(x, 2, 2, 2, 2, 0);
    CHECK(y);
    float want_y[4] = {5, 8, 9, 2};
    CHECK(all_near(y, want_y, 4, 0));
    float gv[4] = {10, 20, 30, 40};
    int64_t gs[4] = {1, 2, 2, 1};
    tensor *g = tensor_from_data(4, gs, gv);
    CHECK(ag_backward(y, g, 0) == 0);
    float want[16] = {0, 10, 0, 0,
                      0, 0, 20, 0,
                      0, 0, 0, 0,
                      30, 0, 0, 40};
    CHECK(all_near(x->grad, want, 16, 0));
    tensor_release(g); tensor_release(y); tensor_release(x);
}

static int64_t p_win[2];
static tensor *pool_f(tensor **in) { return tensor_maxpool2d(in[0], p_win[0], p_win[1], g_stride[0], g_stride[1], g_same); }

TEST(maxpool2d_gradcheck)
{
    /* distinct values 0.1 apart: the ±0.01 probes never change which element wins */
    int64_t xs[4] = {2, 5, 6, 3};
    struct { int64_t ph, pw, sh, sw; int same; } cases[] = {
        {2, 2, 2, 2, 0}, {2, 2, 2, 2, 1}, {3, 3, 1, 1, 0}, {3, 2, 2, 1, 1},
    };
    for (size_t k = 0; k < sizeof cases / sizeof *cases; k++) {
        tensor *x = tensor_empty(4, xs);
        int64_t n = x->numel;
        int64_t *perm = ln_alloc((size_t)n * sizeof *perm);
        for (int64_t i = 0; i < n; i++) perm[i] = i;
        rng_shuffle(perm, n);
        for (int64_t i = 0; i < n; i++) tensor_data(x)[i] = (float)perm[i] * 0.1f - 9.0f;
        ln_free(perm);
        x->requires_grad = 1;
        p_win[0] = cases[k].ph; p_win[1] = cases[k].pw;
        g_stride[0] = cases[k].sh; g_stride[1] = cases[k].sw; g_same = cases[k].same;
        int ok = gradcheck(pool_f, 1, &x, 1e-2);
        tensor_release(x);
        if (!ok) printf("  case %zu\n", k);
        CHECK(ok);
    }
}

TEST(maxpool2d_errors_and_no_graph_without_grad)
{
    int64_t xs[3] = {1, 4, 4}, x4[4] = {1, 1, 3, 2};
    tensor *x = tensor_zeros(3, xs), *t = tensor_zeros(4, x4);
    CHECK_ERR(tensor_maxpool2d(x, 2, 2, 2, 2, 0), "maxpool2d: expected images [N,H,W,C], got [1,4,4]");
    CHECK_ERR(tensor_maxpool2d(t, 2, 2, 2, 2, 0), "maxpool2d: the 1x3 image is smaller than the 2x2 window");
    tensor *y = tensor_maxpool2d(t, 2, 2, 2, 2, 1);
    CHECK(y && same_shape4(y, 1, 1, 2, 2) && !y->requires_grad && !y->node);
    tensor_release(y);
    tensor_release(x); tensor_release(t);
}

/* ---- the layers: Conv2D and MaxPool2D ---- */

static layer *conv_layer(int64_t filters, int64_t k, int64_t stride, nn_padding pad, nn_activation act)
{
    layer_config c;
    layer_config_defaults(&c);
    c.units = filters;
    c.kernel[0] = c.kernel[1] = k;
    c.stride[0] = c.stride[1] = stride;
    c.padding = pad;
    c.activation = act;
    return layer_new(&layer_conv2d, &c);
}

static layer *pool_layer(int64_t size, int64_t stride, nn_padding pad)
{
    layer_config c;
    layer_config_defaults(&c);
    c.pool[0] = c.pool[1] = size;
    c.stride[0] = c.stride[1] = stride;   /* 0: the pool size */
    c.padding = pad;
    return layer_new(&layer_maxpool2d, &c);
}

TEST(conv_layer_shapes_counts_and_descriptions_are_keras)
{
    char buf[160];
    layer *l = conv_layer(32, 3, 1, PAD_VALID, ACT_RELU);
    layer_describe(l, buf, sizeof buf);
    CHECK(strcmp(buf, "Conv2D(? -> 32, 3x3, relu, valid)") == 0);
    int64_t in[3] = {28, 28, 1};
    CHECK(layer_build(l, 3, in) == 0);
    layer_describe(l, buf, sizeof buf);
    CHECK(strcmp(buf, "Conv2D(1 -> 32, 3x3, relu, valid)") == 0);
    CHECK(l->out_ndim == 3 && l->out_shape[0] == 26 && l->out_shape[1] == 26 && l->out_shape[2] == 32);
    CHECK(layer_count_params(l, NULL) == 320);     /* 3*3*1*32 + 32 */
    layer_count_formula(l, buf, sizeof buf);
    CHECK(strcmp(buf, "3*3*1*32 + 32") == 0);
    CHECK(strcmp(l->param_names[0], "kernel") == 0 && strcmp(l->param_names[1], "bias") == 0);
    /* glorot_uniform with Keras' convolution fans: 9*1 in, 9*32 out */
    double lim = sqrt(6.0 / (9.0 + 288.0)), mx = 0;
    for (int64_t k = 0; k < l->params[0]->numel; k++) mx = fmax(mx, fabs(tensor_data(l->params[0])[k]));
    CHECK(mx <= lim && mx > 0.8 * lim);
    layer_release(l);

    l = conv_layer(64, 3, 1, PAD_VALID, ACT_RELU);
    int64_t in2[3] = {13, 13, 32};
    CHECK(layer_build(l, 3, in2) == 0 && layer_count_params(l, NULL) == 18496);   /* 3*3*32*64 + 64 */
    CHECK(l->out_shape[0] == 11 && l->out_shape[2] == 64);
    layer_release(l);

    l = conv_layer(8, 3, 2, PAD_SAME, ACT_LINEAR);
    CHECK(layer_build(l, 3, in) == 0);
    CHECK(l->out_shape[0] == 14 && l->out_shape[1] == 14 && l->out_shape[2] == 8);
    layer_describe(l, buf, sizeof buf);
    CHECK(strcmp(buf, "Conv2D(1 -> 8, 3x3, stride 2, same)") == 0);
    layer_release(l);

    l = pool_layer(2, 0, PAD_VALID);
    layer_describe(l, buf, sizeof buf);
    CHECK(strcmp(buf, "MaxPool2D(2x2)") == 0);
    CHECK(l->cfg.stride[0] == 2 && l->cfg.stride[1] == 2);   /* strides default to the window */
    int64_t pin[3] = {26, 26, 32};
    CHECK(layer_build(l, 3, pin) == 0);
    CHECK(l->out_shape[0] == 13 && l->out_shape[1] == 13 && l->out_shape[2] == 32);
    CHECK(layer_count_params(l, NULL) == 0);
    layer_release(l);
    l = pool_layer(3, 1, PAD_SAME);
    layer_describe(l, buf, sizeof buf);
    CHECK(strcmp(buf, "MaxPool2D(3x3, stride 1, same)") == 0);
    layer_release(l);
}

TEST(conv_layer_errors_say_what_to_do)
{
    layer *l = conv_layer(32, 3, 1, PAD_VALID, ACT_LINEAR);
    int64_t flat[2] = {4, 784}, gray[3] = {4, 28, 28}, tiny[4] = {1, 2, 2, 1};
    tensor *x = tensor_zeros(2, flat), *g = tensor_zeros(3, gray), *t = tensor_zeros(4, tiny);
    CHECK_ERR(layer_forward(l, x, 1),
              "Conv2D(? -> 32, 3x3, valid): expected input [N,H,W,C], got [N,784] — reshape to {-1, 28, 28, 1} first");
    CHECK_ERR(layer_forward(l, g, 1), "expected input [N,H,W,C], got [N,28,28] — add the channel dimension: reshape to {-1, 28, 28, 1}");
    CHECK_ERR(layer_forward(l, t, 1), "the 2x2 input is smaller than the 3x3 kernel (padding \"valid\")");
    CHECK(!l->built);
    int64_t in[3] = {28, 28, 1};
    CHECK(layer_build(l, 3, in) == 0);
    CHECK_ERR(layer_forward(l, g, 1), "Conv2D(1 -> 32, 3x3, valid): expected input [N,28,28,1], got [N,28,28]");
    layer_release(l);
    layer_config c;
    layer_config_defaults(&c);
    c.units = 0;
    CHECK_ERR(layer_new(&layer_conv2d, &c), "Conv2D: filters must be a positive integer, got 0");
    c.units = 4; c.kernel[0] = 0;
    CHECK_ERR(layer_new(&layer_conv2d, &c), "Conv2D: kernel_size must be positive, got 0x1");
    layer *p = pool_layer(2, 0, PAD_VALID);
    CHECK_ERR(layer_forward(p, x, 1), "MaxPool2D(2x2): expected input [N,H,W,C], got [N,784]");
    layer_release(p);
    tensor_release(x); tensor_release(g); tensor_release(t);
}

static layer *gl;
static tensor *lf(tensor **in) { return layer_forward(gl, in[0], 1); }

TEST(conv_layer_gradcheck_through_the_activation)
{
    gl = conv_layer(3, 3, 2, PAD_SAME, ACT_TANH);
    int64_t in[3] = {5, 5, 2}, xs[4] = {2, 5, 5, 2};
    CHECK(layer_build(gl, 3, in) == 0);
    tensor *x = gc_leaf(4, xs, -1, 1);
    tensor *ins[3] = {x, gl->params[0], gl->params[1]};
    int ok = gradcheck(lf, 3, ins, 2e-2);
    tensor_release(x);
    layer_release(gl);
    CHECK(ok);
}
