/* test_nn.c — layers and Sequential in C: construction and its errors, building, printing,
 * parameter counts (the lecture's numbers), forward values, gradient checks of every layer,
 * train/eval, initializer statistics. */
#include "gradcheck.h"
#include "model.h"

static layer *dense(int64_t units, nn_activation act)
{
    layer_config c;
    layer_config_defaults(&c);
    c.units = units;
    c.activation = act;
    return layer_new(&layer_dense, &c);
}

static layer *simple(const layer_type *t)
{
    return layer_new(t, NULL);
}

/* A Sequential of Dense layers with the given sizes: sizes[0] inputs, then one layer per size. */
static model *mlp(int n, const int64_t *sizes, nn_activation hidden, nn_activation last)
{
    model *m = model_new();
    for (int k = 1; k < n; k++) {
        layer *l = dense(sizes[k], k == n - 1 ? last : hidden);
        model_add(m, l);
        layer_release(l);
    }
    if (model_build(m, 1, sizes) < 0) { model_release(m); return NULL; }
    return m;
}

TEST(nn_dense_describes_itself_before_and_after_building)
{
    layer *l = dense(128, ACT_RELU);
    char buf[128];
    layer_describe(l, buf, sizeof buf);
    CHECK(strcmp(buf, "Dense(? -> 128, relu)") == 0);
    int64_t in[1] = {784};
    CHECK(layer_build(l, 1, in) == 0);
    layer_describe(l, buf, sizeof buf);
    CHECK(strcmp(buf, "Dense(784 -> 128, relu)") == 0);
    CHECK(l->nparams == 2 && strcmp(l->param_names[0], "kernel") == 0 && strcmp(l->param_names[1], "bias") == 0);
    CHECK(l->params[0]->shape[0] == 784 && l->params[0]->shape[1] == 128 && l->params[1]->shape[0] == 128);
    CHECK(l->params[0]->requires_grad && l->params[1]->requires_grad);
    CHECK(layer_param(l, "kernel") == l->params[0]);
    layer_count_formula(l, buf, sizeof buf);
    CHECK(strcmp(buf, "784*128 + 128") == 0);
    CHECK(layer_count_params(l, NULL) == 100480);
    layer_release(l);
}

TEST(nn_layers_describe_themselves)
{
    struct { const layer_type *t; const char *want; } cases[] = {
        {&layer_flatten, "Flatten()"}, {&layer_relu, "ReLU()"}, {&layer_sigmoid, "Sigmoid()"},
        {&layer_tanh, "Tanh()"}, {&layer_softmax, "Softmax()"}, {&layer_step, "Step()"},
        {&layer_leaky_relu, "LeakyReLU(alpha=0.3)"}, {&layer_dropout, "Dropout(p=0)"},
    };
    char buf[128];
    for (size_t k = 0; k < sizeof cases / sizeof *cases; k++) {
        layer *l = simple(cases[k].t);
        CHECK(l);
        layer_describe(l, buf, sizeof buf);
        if (strcmp(buf, cases[k].want) != 0) printf("  got %s\n", buf);
        CHECK(strcmp(buf, cases[k].want) == 0);
        layer_release(l);
    }
    layer_config c;
    layer_config_defaults(&c);
    c.in_features = 2; c.units = 3;
    layer *lin = layer_new(&layer_linear, &c);
    CHECK(lin && lin->built);
    layer_describe(lin, buf, sizeof buf);
    CHECK(strcmp(buf, "Linear(2 -> 3)") == 0);
    layer_release(lin);
    layer *d = dense(1, ACT_LINEAR);
    layer_describe(d, buf, sizeof buf);
    CHECK(strcmp(buf, "Dense(? -> 1)") == 0);
    layer_release(d);
}

TEST(nn_constructor_errors)
{
    CHECK_ERR(dense(0, ACT_RELU), "Dense: units must be a positive integer, got 0");
    CHECK(nn_activation_from_name("Dense", "rellu") < 0);
    CHECK(strstr(ln_error(), "Dense: unknown activation 'rellu' (valid: linear, step, sigmoid, tanh, relu, leaky_relu, softmax)"));
    layer_config c;
    layer_config_defaults(&c);
    c.p = 1.5f;
    CHECK_ERR(layer_new(&layer_dropout, &c), "Dropout: p (the fraction of inputs to drop) must be in [0, 1), got 1.5");
    c.p = 1;
    CHECK_ERR(layer_new(&layer_dropout, &c), "must be in [0, 1), got 1");
    layer_config_defaults(&c);
    c.alpha = -1;
    CHECK_ERR(layer_new(&layer_leaky_relu, &c), "LeakyReLU: alpha (the slope for x < 0) must be a number >= 0, got -1");
    layer_config_defaults(&c);
    c.units = 4;
    CHECK_ERR(layer_new(&layer_linear, &c), "Linear: the input size must be a positive integer, got 0");
    CHECK(nn_init_from_name("Dense", "xavier") < 0);
    CHECK(strstr(ln_error(), "unknown initializer 'xavier' (valid: zeros, ones, glorot_uniform"));
}

TEST(nn_parameter_counts_match_the_lecture)
{
    int64_t a[] = {784, 256, 256, 256, 256, 10}, b[] = {784, 128, 64, 10}, c[] = {5, 7, 4};
    model *m1 = mlp(6, a, ACT_RELU, ACT_SOFTMAX), *m2 = mlp(4, b, ACT_RELU, ACT_SOFTMAX), *m3 = mlp(3, c, ACT_SIGMOID, ACT_LINEAR);
    CHECK(m1 && m2 && m3);
    int64_t nt;
    CHECK(model_count_params(m1, &nt) == 400906 && nt == 0);
    CHECK(model_count_params(m2, NULL) == 109386);
    CHECK(model_count_params(m3, NULL) == 74);
    CHECK(model_parameters(m2, NULL, 0) == 6);
    char buf[64];
    layer_count_formula(m3->layers[0], buf, sizeof buf);
    CHECK(strcmp(buf, "5*7 + 7") == 0);
    model_release(m1); model_release(m2); model_release(m3);
}

TEST(nn_dense_forward_computes_act_of_x_w_plus_b)
{
    layer *l = dense(2, ACT_RELU);
    int64_t xs[2] = {2, 3};
    tensor *x = tensor_from_data(2, xs, (float[]){1, 2, 3, -1, 0, 1});
    tensor *y = layer_forward(l, x, -1);
    CHECK(y && l->built && y->shape[0] == 2 && y->shape[1] == 2);
    tensor_release(y);
    /* kernel [[1,-1],[0,1],[2,0]], bias [0.5,-4] */
    float k[6] = {1, -1, 0, 1, 2, 0}, b[2] = {0.5f, -4};
    memcpy(tensor_data(l->params[0]), k, sizeof k);
    memcpy(tensor_data(l->params[1]), b, sizeof b);
    y = layer_forward(l, x, -1);
    CHECK(y);
    /* row 1: [1+0+6+0.5, -1+2+0-4] = [7.5, -3] -> relu [7.5, 0]; row 2: [-1+0+2+0.5, 1+0+0-4] = [1.5, -3] -> [1.5, 0] */
    float want[4] = {7.5f, 0, 1.5f, 0};
    for (int i = 0; i < 4; i++) CHECK_NEAR(tensor_data(y)[i], want[i], 1e-6);
    tensor_release(y);
    tensor_release(x);
    layer_release(l);
}

TEST(nn_dense_shape_errors_name_the_layer)
{
    layer *l = dense(128, ACT_RELU);
    int64_t in[1] = {784}, img[3] = {32, 28, 28}, wrong[2] = {32, 100}, one[1] = {784}, col[1] = {32};
    CHECK(layer_build(l, 1, in) == 0);
    tensor *x = tensor_zeros(3, img), *w = tensor_zeros(2, wrong), *o = tensor_zeros(1, one), *c = tensor_zeros(1, col);
    CHECK_ERR(layer_forward(l, x, -1), "Dense(784 -> 128, relu): expected input [N,784], got [N,28,28] — add nn.Flatten() first");
    CHECK_ERR(layer_forward(l, w, -1), "Dense(784 -> 128, relu): expected input [N,784], got [N,100]");
    CHECK_ERR(layer_forward(l, o, -1), "expected input [N,784], got [784] — one sample needs a batch dimension: x:reshape(1, 784)");
    layer *fresh = dense(10, ACT_LINEAR);
    CHECK_ERR(layer_forward(fresh, x, -1), "Dense(? -> 10): expected input [N,features], got [N,28,28] — add nn.Flatten() first");
    CHECK_ERR(layer_forward(fresh, c, -1), "Dense(? -> 10): expected input [N,features], got [N] — a column of numbers needs the shape [N,1]");
    CHECK(!fresh->built && fresh->nparams == 0);   /* a failed build leaves it unbuilt */
    layer_release(fresh);
    tensor_release(x); tensor_release(w); tensor_release(o); tensor_release(c);
    layer_release(l);
}

TEST(nn_sequential_errors_give_the_layer_number)
{
    model *m = model_new();
    layer *d1 = dense(128, ACT_RELU), *d2 = dense(10, ACT_SOFTMAX);
    model_add(m, d1);
    model_add(m, d2);
    int64_t img[3] = {4, 28, 28};
    tensor *x = tensor_zeros(3, img);
    CHECK_ERR(model_forward(m, x, -1),
              "Sequential layer 1: Dense(? -> 128, relu): expected input [N,features], got [N,28,28] — add nn.Flatten() first");
    int64_t in[2] = {28, 28};
    CHECK(model_build(m, 2, in) < 0);
    CHECK(strstr(ln_error(), "Sequential layer 1: Dense(? -> 128, relu): expected input [N,features], got [N,28,28]"));
    model *e = model_new();
    CHECK_ERR(model_forward(e, x, -1), "Sequential: the model has no layers yet");
    model_release(e);
    /* with a Flatten in front the same model works */
    model *ok = model_new();
    layer *f = simple(&layer_flatten);
    model_add(ok, f); model_add(ok, d1); model_add(ok, d2);
    tensor *y = model_forward(ok, x, -1);
    CHECK(y && y->ndim == 2 && y->shape[0] == 4 && y->shape[1] == 10);
    CHECK(model_built(ok) && d1->in_shape[0] == 784);
    tensor_release(y);
    /* d1 is now built for 784: a 100-wide input to this second model is caught at layer 2 */
    model *other = model_new();
    layer *d0 = dense(100, ACT_RELU);
    model_add(other, d0);
    model_add(other, d1);
    int64_t in2[1] = {5};
    CHECK(model_build(other, 1, in2) < 0);
    CHECK(strstr(ln_error(), "Sequential layer 2: Dense(784 -> 128, relu): already built for input [N,784], cannot build it again for [N,100]"));
    model_release(other); layer_release(d0);
    model_release(ok); layer_release(f);
    tensor_release(x);
    layer_release(d1); layer_release(d2);
    model_release(m);
}

TEST(nn_sequential_builds_eagerly_from_input_shape)
{
    model *m = model_new();
    layer *f = simple(&layer_flatten), *d = dense(128, ACT_RELU), *o = dense(10, ACT_SOFTMAX);
    model_add(m, f);
    int64_t in[2] = {28, 28};
    CHECK(model_build(m, 2, in) == 0);
    CHECK(f->built && f->out_shape[0] == 784);
    model_add(m, d);   /* added after building: built at once */
    model_add(m, o);
    CHECK(d->built && o->built && model_built(m));
    CHECK(model_count_params(m, NULL) == 784 * 128 + 128 + 128 * 10 + 10);
    layer_release(f); layer_release(d); layer_release(o);
    model_release(m);
}

TEST(nn_first_layer_input_shape_declares_the_model_input)
{
    layer_config c;
    layer_config_defaults(&c);
    c.units = 4; c.activation = ACT_TANH; c.input_ndim = 1; c.input_shape[0] = 3;
    layer *l = layer_new(&layer_dense, &c);
    CHECK(l && l->built && l->params[0]->shape[0] == 3);
    model *m = model_new();
    layer *o = dense(2, ACT_LINEAR);
    model_add(m, l);
    model_add(m, o);
    CHECK(m->in_ndim == 1 && m->in_shape[0] == 3 && o->built);
    CHECK(model_count_params(m, NULL) == 3 * 4 + 4 + 4 * 2 + 2);
    layer_release(l); layer_release(o);
    model_release(m);
}

TEST(nn_model_parameters_are_the_layer_tensors_in_order)
{
    int64_t sizes[] = {2, 8, 1};
    model *m = mlp(3, sizes, ACT_TANH, ACT_SIGMOID);
    tensor *ps[4];
    CHECK(model_parameters(m, ps, 4) == 4);
    CHECK(ps[0] == m->layers[0]->params[0] && ps[1] == m->layers[0]->params[1]);
    CHECK(ps[2] == m->layers[1]->params[0] && ps[3] == m->layers[1]->params[1]);
    model_release(m);
}

TEST(nn_dropout_follows_train_and_eval)
{
    layer_config c;
    layer_config_defaults(&c);
    c.p = 0.5f;
    layer *l = layer_new(&layer_dropout, &c);
    int64_t s[2] = {10, 100};
    tensor *x = tensor_full(2, s, 1.0f);
    tensor *y = layer_forward(l, x, -1);   /* layers start in training mode, as in Torch */
    CHECK(y);
    int zeros = 0, twos = 0;
    for (int64_t k = 0; k < y->numel; k++) { zeros += tensor_data(y)[k] == 0; twos += tensor_data(y)[k] == 2.0f; }
    CHECK(zeros + twos == 1000 && zeros > 400 && zeros < 600);   /* inverted scaling: kept ones are 1/(1-p) */
    tensor_release(y);
    model *m = model_new();
    model_add(m, l);
    model_set_training(m, 0);
    CHECK(!l->training);
    y = model_forward(m, x, -1);
    CHECK(y);
    for (int64_t k = 0; k < y->numel; k++) CHECK(tensor_data(y)[k] == 1.0f);
    tensor_release(y);
    y = model_forward(m, x, 1);   /* fit asks for training mode explicitly */
    zeros = 0;
    for (int64_t k = 0; k < y->numel; k++) zeros += tensor_data(y)[k] == 0;
    CHECK(zeros > 400);
    tensor_release(y);
    tensor_release(x);
    model_release(m);
    layer_release(l);
}

TEST(nn_flatten_and_activation_layers)
{
    int64_t s[3] = {2, 2, 3};
    tensor *x = tensor_from_data(3, s, (float[]){-2, -1, 0, 1, 2, 3, 4, -5, 6, -7, 8, -9});
    layer *f = simple(&layer_flatten), *r = simple(&layer_relu), *lk = simple(&layer_leaky_relu), *st = simple(&layer_step);
    tensor *y = layer_forward(f, x, -1);
    CHECK(y && y->ndim == 2 && y->shape[0] == 2 && y->shape[1] == 6 && f->out_shape[0] == 6);
    tensor *a = layer_forward(r, y, -1), *b = layer_forward(lk, y, -1), *c = layer_forward(st, y, -1);
    CHECK(a && b && c);
    CHECK(tensor_data(a)[0] == 0 && tensor_data(a)[5] == 3);
    CHECK_NEAR(tensor_data(b)[0], -0.6, 1e-6);     /* LeakyReLU's default slope is Keras' 0.3 */
    CHECK(tensor_data(c)[2] == 0 && tensor_data(c)[3] == 1);   /* step: 1 where x > 0 */
    layer *sm = simple(&layer_softmax);
    tensor *p = layer_forward(sm, y, -1);
    double row = 0;
    for (int k = 0; k < 6; k++) row += tensor_data(p)[k];
    CHECK_NEAR(row, 1.0, 1e-6);
    tensor_release(p); layer_release(sm);
    tensor_release(a); tensor_release(b); tensor_release(c); tensor_release(y); tensor_release(x);
    layer_release(f); layer_release(r); layer_release(lk); layer_release(st);
}

TEST(nn_leaky_relu_activation_name_uses_keras_function_slope)
{
    layer *l = dense(1, ACT_LEAKY_RELU);
    CHECK_NEAR(l->cfg.alpha, 0.2, 1e-7);
    layer_release(l);
}

/* ---- gradient checks: each layer, its input and its parameters ---- */

static layer *gc_layer;
static int gc_training;
static tensor *f_layer(tensor **in)
{
    rng_seed(99);   /* the same dropout mask on every call */
    return layer_forward(gc_layer, in[0], gc_training);
}

static int check_layer(layer *l, int ndim, const int64_t *shape, int training)
{
    gc_layer = l;
    gc_training = training;
    tensor *x = gc_leaf(ndim, shape, -1, 1);
    tensor *warm = layer_forward(l, x, training);   /* builds it */
    tensor_release(warm);
    tensor *in[1 + LAYER_MAXPARAMS] = {x};
    for (int k = 0; k < l->nparams; k++) in[1 + k] = l->params[k];
    int ok = gradcheck(f_layer, 1 + l->nparams, in, 2e-2);
    tensor_release(x);
    return ok;
}

TEST(nn_gradcheck_every_layer)
{
    for (int act = 0; act < ACT_COUNT; act++) {
        if (act == ACT_STEP) continue;   /* flat almost everywhere; checked below */
        int64_t s[2] = {1 + rng_below(4), 1 + rng_below(5)};
        layer *l = dense(1 + rng_below(4), (nn_activation)act);
        int ok = check_layer(l, 2, s, 1);
        if (!ok) printf("  Dense with %s\n", nn_activation_name[act]);
        layer_release(l);
        CHECK(ok);
    }
    layer_config c;
    layer_config_defaults(&c);
    c.in_features = 3; c.units = 2; c.use_bias = 0;
    layer *lin = layer_new(&layer_linear, &c);
    int64_t s2[2] = {4, 3}, s3[3] = {2, 3, 2};
    CHECK(lin && lin->nparams == 1);
    CHECK(check_layer(lin, 2, s2, 1));
    layer_release(lin);
    const layer_type *free_types[] = {&layer_flatten, &layer_sigmoid, &layer_tanh, &layer_softmax, &layer_relu,
                                      &layer_leaky_relu, &layer_step};
    for (size_t k = 0; k < sizeof free_types / sizeof *free_types; k++) {
        layer *l = simple(free_types[k]);
        int ok = check_layer(l, 3, s3, 1);
        if (!ok) printf("  %s\n", free_types[k]->name);
        layer_release(l);
        CHECK(ok);
    }
    layer_config_defaults(&c);
    c.p = 0.3f;
    layer *d = layer_new(&layer_dropout, &c);
    CHECK(check_layer(d, 2, s2, 1));
    CHECK(check_layer(d, 2, s2, 0));
    layer_release(d);
}

static model *gc_model;
static tensor *f_model(tensor **in) { return model_forward(gc_model, in[0], 1); }

TEST(nn_gradcheck_whole_model)
{
    int64_t sizes[] = {3, 5, 4, 2};
    model *m = mlp(4, sizes, ACT_TANH, ACT_SOFTMAX);
    CHECK(m);
    int64_t xs[2] = {3, 3};
    tensor *in[7];
    in[0] = gc_leaf(2, xs, -1, 1);
    CHECK(model_parameters(m, in + 1, 6) == 6);
    gc_model = m;   /* through model_forward: what the training loop calls */
    int ok = gradcheck(f_model, 7, in, 2e-2);
    tensor_release(in[0]);
    model_release(m);
    CHECK(ok);
}

/* ---- initializers ---- */

static void moments(const tensor *t, double *mean, double *sd, double *maxabs)
{
    double s = 0, s2 = 0, mx = 0;
    const float *d = tensor_data(t);
    for (int64_t k = 0; k < t->numel; k++) { s += d[k]; s2 += (double)d[k] * d[k]; mx = fmax(mx, fabs(d[k])); }
    *mean = s / (double)t->numel;
    *sd = sqrt(s2 / (double)t->numel - *mean * *mean);
    *maxabs = mx;
}

TEST(nn_initializers_have_keras_statistics)
{
    int64_t s[2] = {784, 128};
    tensor *t = tensor_zeros(2, s);
    double mean, sd, mx;
    CHECK(nn_init_fill(t, INIT_GLOROT_UNIFORM, 784, 128) == 0);
    moments(t, &mean, &sd, &mx);
    double lim = sqrt(6.0 / (784 + 128));
    CHECK(mx <= lim && mx > 0.99 * lim && fabs(mean) < 0.002);
    CHECK_NEAR(sd, lim / sqrt(3.0), 0.02);
    CHECK(nn_init_fill(t, INIT_HE_NORMAL, 784, 128) == 0);
    moments(t, &mean, &sd, &mx);
    CHECK_NEAR(sd, sqrt(2.0 / 784), 0.03);                   /* the truncation is compensated */
    CHECK(mx <= 2 * sqrt(2.0 / 784) / 0.87962566103423978 + 1e-6);
    CHECK(nn_init_fill(t, INIT_HE_UNIFORM, 784, 128) == 0);
    moments(t, &mean, &sd, &mx);
    CHECK(mx <= sqrt(6.0 / 784));
    CHECK(nn_init_fill(t, INIT_TORCH, 784, 128) == 0);
    moments(t, &mean, &sd, &mx);
    CHECK(mx <= 1 / sqrt(784.0));
    tensor_release(t);
    layer *d = dense(3, ACT_LINEAR);
    int64_t in[1] = {2};
    layer_build(d, 1, in);
    for (int k = 0; k < 3; k++) CHECK(tensor_data(d->params[1])[k] == 0);   /* Dense bias: zeros */
    layer_release(d);
}

TEST(nn_layer_types_are_found_by_name)
{
    CHECK(layer_type_find("Dense") == &layer_dense);
    CHECK(layer_type_find("LeakyReLU") == &layer_leaky_relu);
    CHECK(layer_type_find("Conv9D") == NULL);
}

TEST(nn_compile_binds_the_optimizer_to_the_model)
{
    int64_t sizes[] = {2, 3, 1};
    model *m = mlp(3, sizes, ACT_TANH, ACT_SIGMOID);
    optimizer *o = optim_new(OPT_SGD, NULL);
    CHECK(model_compile(m, o, LOSS_BINARY_CROSSENTROPY, MODEL_METRIC_ACCURACY) == 0);
    CHECK(m->opt == o && o->nparams == 4 && o->params[0] == m->layers[0]->params[0] && m->loss == LOSS_BINARY_CROSSENTROPY);
    optim_release(o);
    model *empty = model_new();
    layer *l = dense(3, ACT_RELU);
    model_add(empty, l);
    optimizer *o2 = optim_new(OPT_ADAM, NULL);
    CHECK(model_compile(empty, o2, LOSS_MSE, 0) < 0);
    CHECK(strstr(ln_error(), "compile: the model is not built yet"));
    optim_release(o2); layer_release(l); model_release(empty);
    model_release(m);
}

TEST(nn_a_layer_added_twice_shares_its_weights_once)
{
    model *m = model_new();
    layer *a = dense(3, ACT_TANH);
    model_add(m, a);
    model_add(m, a);
    int64_t in[1] = {3};
    CHECK(model_build(m, 1, in) == 0);
    CHECK(model_parameters(m, NULL, 0) == 2);
    CHECK(model_count_params(m, NULL) == 3 * 3 + 3);
    optimizer *o = optim_new(OPT_SGD, NULL);
    CHECK(model_compile(m, o, LOSS_MSE, 0) == 0 && o->nparams == 2);
    tensor *twice[2] = {a->params[0], a->params[0]};
    CHECK(optim_bind(o, 2, twice) < 0);
    CHECK(strstr(ln_error(), "SGD: parameter 2 is the same tensor as parameter 1; it would be updated twice per step"));
    optim_release(o);
    layer_release(a);
    model_release(m);
}
