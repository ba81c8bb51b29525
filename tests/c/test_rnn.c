/* test_rnn.c — SimpleRNN, LSTM and GRU: forward values against PyTorch (torch.nn.RNN/LSTM/GRU
 * given the same weights, transposed, with GRU's gates reordered from Keras' z, r, h to
 * PyTorch's r, z, n), parameter shapes and counts against Keras' formulas, Keras' initial values
 * (orthogonal recurrent kernel, forget-gate bias 1), gradient checks through time for every
 * input and parameter with return_sequences both ways, descriptions and error texts. */
#include "gradcheck.h"
#include "nn.h"

#define N_ 2
#define T_ 3
#define F_ 2
#define U_ 3

static tensor *seq(int ndim, const int64_t *shape, int a, int m, double d, double o)
{
    tensor *t = tensor_empty(ndim, shape);
    for (int64_t k = 0; k < t->numel; k++) tensor_data(t)[k] = (float)((double)((k * a) % m) / d - o);
    return t;
}

static layer *recurrent(const layer_type *t, int64_t units, int return_sequences, int64_t T, int64_t F)
{
    layer_config c;
    layer_config_defaults(&c);
    c.units = units;
    c.activation = ACT_TANH;
    c.return_sequences = return_sequences;
    c.input_ndim = 2;
    c.input_shape[0] = T; c.input_shape[1] = F;
    return layer_new(t, &c);
}

/* Sets the weights the PyTorch references were computed with. */
static void reference_weights(layer *l)
{
    for (int k = 0; k < 3; k++) {
        tensor *p = l->params[k];
        static const int a[3] = {53, 29, 17}, m[3] = {97, 89, 23};
        static const double d[3] = {60.0, 70.0, 20.0}, o[3] = {0.8, 0.6, 0.5};
        for (int64_t j = 0; j < p->numel; j++) tensor_data(p)[j] = (float)((double)((j * a[k]) % m[k]) / d[k] - o[k]);
    }
}

/* Runs l on the reference input; checks all T steps (return_sequences) and the last one. */
static int matches(const layer_type *t, const float *want)
{
    int64_t xs[3] = {N_, T_, F_};
    tensor *x = seq(3, xs, 37, 101, 50.0, 1.0);
    int ok = 1;
    for (int rs = 1; rs >= 0 && ok; rs--) {
        layer *l = recurrent(t, U_, rs, T_, F_);
        reference_weights(l);
        tensor *y = layer_forward(l, x, 1);
        if (!y) { printf("  %s\n", ln_error()); ok = 0; }
        else if (rs) {
            ok = y->ndim == 3 && y->shape[0] == N_ && y->shape[1] == T_ && y->shape[2] == U_;
            for (int64_t k = 0; ok && k < y->numel; k++)
                if (fabs(tensor_data(y)[k] - want[k]) > 1e-5) {
                    printf("  %s element %lld: %.7g, expected %.7g\n", t->name, (long long)k, tensor_data(y)[k], want[k]);
                    ok = 0;
                }
        } else {
            ok = y->ndim == 2 && y->shape[0] == N_ && y->shape[1] == U_;
            for (int n = 0; ok && n < N_; n++)
                for (int u = 0; ok && u < U_; u++)
                    if (fabs(tensor_data(y)[n * U_ + u] - want[(n * T_ + T_ - 1) * U_ + u]) > 1e-5) ok = 0;
            if (!ok) printf("  %s: the last state differs from the last step of the sequence\n", t->name);
        }
        tensor_release(y);
        layer_release(l);
    }
    tensor_release(x);
    return ok;
}

TEST(rnn_simple_matches_pytorch)
{
    static const float want[] = {
        0.234866f, 0.377093f, 0.537287f, -0.564301f, 0.489264f, -0.334119f, 0.153311f, 0.085888f, 0.255473f,
        0.012666f, 0.226028f, 0.457122f, -0.705830f, 0.431331f, -0.499672f, -0.535262f, 0.765073f, -0.599302f};
    CHECK(matches(&layer_simple_rnn, want));
}

TEST(rnn_lstm_matches_pytorch)
{
    static const float want[] = {
        0.045639f, -0.207730f, 0.194090f, -0.050793f, -0.091687f, 0.054140f, 0.056057f, -0.108166f, 0.211350f,
        0.063503f, -0.142501f, 0.202062f, -0.015379f, -0.018781f, 0.073166f, -0.112095f, 0.002351f, 0.042336f};
    CHECK(matches(&layer_lstm, want));
}

TEST(rnn_gru_reset_after_matches_pytorch)
{
    static const float want[] = {
        0.110054f, -0.228811f, 0.261885f, 0.040732f, -0.165642f, 0.461364f, -0.153283f, -0.036538f, 0.416624f,
        -0.029324f, -0.101027f, 0.304681f, -0.242328f, 0.040248f, 0.448088f, 0.021971f, -0.089794f, 0.558721f};
    CHECK(matches(&layer_gru, want));
}

TEST(rnn_parameter_counts_are_keras)
{
    struct { const layer_type *t; int64_t count; const char *formula; } cases[] = {
        {&layer_simple_rnn, 16 * (16 + 8 + 1), "8*16 + 16*16 + 16"},
        {&layer_lstm, 4 * 16 * (16 + 8 + 1), "8*64 + 16*64 + 64"},
        {&layer_gru, 3 * 16 * (16 + 8 + 2), "8*48 + 16*48 + 2*48"},
    };
    char buf[128];
    for (size_t k = 0; k < sizeof cases / sizeof *cases; k++) {
        layer *l = recurrent(cases[k].t, 16, 0, 5, 8);
        CHECK(l && l->built);
        CHECK(layer_count_params(l, NULL) == cases[k].count);
        layer_count_formula(l, buf, sizeof buf);
        if (strcmp(buf, cases[k].formula) != 0) printf("  %s: %s\n", cases[k].t->name, buf);
        CHECK(strcmp(buf, cases[k].formula) == 0);
        CHECK(strcmp(l->param_names[0], "kernel") == 0 && strcmp(l->param_names[1], "recurrent_kernel") == 0 &&
              strcmp(l->param_names[2], "bias") == 0);
        CHECK(l->out_ndim == 1 && l->out_shape[0] == 16);
        layer_release(l);
    }
    CHECK(4 * 16 * (16 + 8 + 1) == 1600);
    layer *l = recurrent(&layer_lstm, 16, 1, 5, 8);
    CHECK(l->out_ndim == 2 && l->out_shape[0] == 5 && l->out_shape[1] == 16);
    layer_release(l);
}

TEST(rnn_initial_values_are_keras)
{
    layer *l = recurrent(&layer_lstm, 8, 0, 4, 5);
    /* bias: zeros, except the forget gate's slice [U, 2U) (unit_forget_bias) */
    const float *b = tensor_data(l->params[2]);
    for (int j = 0; j < 32; j++) CHECK(b[j] == (j >= 8 && j < 16 ? 1.0f : 0.0f));
    /* recurrent_kernel [8, 32]: orthonormal rows */
    const float *r = tensor_data(l->params[1]);
    for (int i = 0; i < 8; i++)
        for (int j = 0; j < 8; j++) {
            double d = 0;
            for (int k = 0; k < 32; k++) d += (double)r[i * 32 + k] * r[j * 32 + k];
            CHECK_NEAR(d, i == j ? 1.0 : 0.0, 1e-5);
        }
    /* kernel [5, 32]: glorot_uniform, limit sqrt(6 / (5 + 32)) */
    double lim = sqrt(6.0 / 37.0);
    for (int k = 0; k < 5 * 32; k++) CHECK(fabs(tensor_data(l->params[0])[k]) <= lim);
    layer_release(l);
    layer *g = recurrent(&layer_gru, 4, 0, 4, 5);
    CHECK(g->params[2]->ndim == 2 && g->params[2]->shape[0] == 2 && g->params[2]->shape[1] == 12);
    for (int j = 0; j < 24; j++) CHECK(tensor_data(g->params[2])[j] == 0.0f);
    layer_release(g);
}

static layer *g_layer;
static tensor *layer_f(tensor **in) { return layer_forward(g_layer, in[0], 1); }

TEST(rnn_gradcheck_through_time_every_kind_both_ways)
{
    const layer_type *types[3] = {&layer_simple_rnn, &layer_lstm, &layer_gru};
    int64_t xs[3] = {2, 4, 3};
    for (int k = 0; k < 3; k++)
        for (int rs = 0; rs <= 1; rs++) {
            g_layer = recurrent(types[k], 3, rs, 4, 3);
            /* weights large enough that the gates are not all near 0.5 */
            for (int p = 0; p < 3; p++)
                for (int64_t j = 0; j < g_layer->params[p]->numel; j++)
                    tensor_data(g_layer->params[p])[j] = (float)(rng_uniform() * 1.6 - 0.8);
            tensor *in[4] = {gc_leaf(3, xs, -1, 1), g_layer->params[0], g_layer->params[1], g_layer->params[2]};
            int ok = gradcheck(layer_f, 4, in, 2e-2);
            if (!ok) printf("  %s, return_sequences = %d\n", types[k]->name, rs);
            tensor_release(in[0]);
            layer_release(g_layer);
            CHECK(ok);
        }
}

TEST(rnn_gradcheck_without_bias_and_with_relu)
{
    layer_config c;
    layer_config_defaults(&c);
    c.units = 2; c.use_bias = 0; c.activation = ACT_RELU;
    int64_t xs[3] = {3, 3, 2};
    const layer_type *types[3] = {&layer_simple_rnn, &layer_lstm, &layer_gru};
    for (int k = 0; k < 3; k++) {
        g_layer = layer_new(types[k], &c);
        tensor *x = gc_leaf(3, xs, -1, 1);
        tensor *y = layer_forward(g_layer, x, 1);   /* builds it */
        CHECK(y && g_layer->nparams == 2);
        tensor_release(y);
        tensor *in[3] = {x, g_layer->params[0], g_layer->params[1]};
        int ok = gradcheck(layer_f, 3, in, 2e-2);
        if (!ok) printf("  %s\n", types[k]->name);
        tensor_release(x);
        layer_release(g_layer);
        CHECK(ok);
    }
}

TEST(rnn_long_sequences_and_other_lengths)
{
    /* 200 steps: the backward stays linear in T; the layer also takes a length it was not built for */
    layer *l = recurrent(&layer_lstm, 8, 0, 200, 4);
    int64_t xs[3] = {5, 200, 4};
    tensor *x = tensor_randn(3, xs);
    x->requires_grad = 1;
    tensor *y = layer_forward(l, x, 1);
    CHECK(y && y->shape[0] == 5 && y->shape[1] == 8);
    tensor *s = tensor_reduce(RED_SUM, y, -1, 0);
    CHECK(ag_backward(s, NULL, 0) == 0);
    CHECK(x->grad && l->params[1]->grad);
    /* the first step still matters, a little */
    double g0 = 0;
    for (int f = 0; f < 4; f++) g0 += fabs(tensor_data(x->grad)[f]);
    CHECK(isfinite(g0));
    tensor_release(s); tensor_release(y);
    int64_t x2s[3] = {2, 7, 4};
    tensor *x2 = tensor_randn(3, x2s);
    y = layer_forward(l, x2, 1);
    CHECK(y && y->shape[0] == 2 && y->shape[1] == 8);
    tensor_release(y); tensor_release(x2); tensor_release(x);
    for (int p = 0; p < l->nparams; p++) { tensor_release(l->params[p]->grad); l->params[p]->grad = NULL; }
    layer_release(l);
}

TEST(rnn_describe_and_errors)
{
    char buf[128];
    layer_config c;
    layer_config_defaults(&c);
    c.units = 16; c.activation = ACT_TANH;
    layer *l = layer_new(&layer_lstm, &c);
    layer_describe(l, buf, sizeof buf);
    CHECK(strcmp(buf, "LSTM(? -> 16)") == 0);
    int64_t img[4] = {2, 28, 28, 1}, flat[2] = {2, 8};
    tensor *x = tensor_zeros(4, img), *v = tensor_zeros(2, flat);
    CHECK_ERR(layer_forward(l, x, 1), "LSTM(? -> 16): expected input [N,T,F], got [N,28,28,1]");
    CHECK_ERR(layer_forward(l, v, 1), "expected input [N,T,F], got [N,8] — a sequence of numbers needs a feature dimension: reshape to {-1, 8, 1}");
    int64_t in[2] = {10, 8};
    CHECK(layer_build(l, 2, in) == 0);
    layer_describe(l, buf, sizeof buf);
    CHECK(strcmp(buf, "LSTM(8 -> 16)") == 0);
    int64_t bad[3] = {2, 10, 5};
    tensor *b = tensor_zeros(3, bad);
    CHECK_ERR(layer_forward(l, b, 1), "LSTM(8 -> 16): expected input [N,T,F] = [N,10,8], got [N,10,5]");
    tensor_release(b); tensor_release(x); tensor_release(v);
    layer_release(l);
    c.units = 4; c.activation = ACT_RELU; c.return_sequences = 1;
    l = layer_new(&layer_simple_rnn, &c);
    layer_describe(l, buf, sizeof buf);
    CHECK(strcmp(buf, "SimpleRNN(? -> 4, relu, return_sequences)") == 0);
    layer_release(l);
    c.units = 0;
    CHECK_ERR(layer_new(&layer_gru, &c), "GRU: units must be a positive integer, got 0");
}
