/* test_checkpoint.c — model_save / model_load: a round trip keeps every weight, setting and the
 * optimizer's state; training resumed from a file gives the numbers of uninterrupted training;
 * damaged files (truncated at every length, a flipped byte anywhere, foreign or newer files) give
 * errors that name the file, and never a crash or a leak. */
#include <stdlib.h>
#include "test.h"
#include "checkpoint.h"
#include "train.h"

static layer *dense(int64_t units, nn_activation act)
{
    layer_config c;
    layer_config_defaults(&c);
    c.units = units;
    c.activation = act;
    return layer_new(&layer_dense, &c);
}

/* Flatten -> Dense(6, relu) -> Dropout(0.25) -> Dense(3, softmax) on samples [1,2], compiled with
 * Adam. New ref. */
static model *small_model(void)
{
    model *m = model_new();
    layer_config dc;
    layer_config_defaults(&dc);
    dc.p = 0.25f;
    layer *ls[4] = {layer_new(&layer_flatten, NULL), dense(6, ACT_RELU), layer_new(&layer_dropout, &dc),
                    dense(3, ACT_SOFTMAX)};
    for (int k = 0; k < 4; k++) { model_add(m, ls[k]); layer_release(ls[k]); }
    int64_t in[2] = {1, 2};
    model_build(m, 2, in);
    optim_config oc = optim_defaults(OPT_ADAM);
    oc.lr = 0.01f;
    optimizer *o = optim_new(OPT_ADAM, &oc);
    model_compile(m, o, LOSS_SPARSE_CATEGORICAL_CROSSENTROPY, MODEL_METRIC_ACCURACY);
    optim_release(o);
    return m;
}

/* x [n,1,2] in [0,1), y the sector (0..2) of each point around the centre. */
static void data(int64_t n, tensor **x, tensor **y)
{
    int64_t xs[3] = {n, 1, 2};
    *x = tensor_rand(3, xs);
    *y = tensor_zeros(1, xs);
    const float *xd = tensor_data(*x);
    for (int64_t i = 0; i < n; i++) {
        double a = atan2(xd[2 * i + 1] - 0.5, xd[2 * i] - 0.5) + M_PI;
        int c = (int)(a / (2 * M_PI / 3));
        tensor_data(*y)[i] = (float)(c > 2 ? 2 : c);
    }
}

static int fit_epochs(model *m, tensor *x, tensor *y, int initial, int epochs, double *losses)
{
    fit_options o;
    fit_options_defaults(&o);
    o.epochs = epochs;
    o.initial_epoch = initial;
    o.batch_size = 16;
    fit_result r;
    int rc = train_fit(m, x, y, &o, NULL, &r);
    for (int k = 0; rc == 0 && k < r.nepochs; k++) losses[k] = r.loss[k];
    fit_result_free(&r);
    return rc;
}

static int same_floats(const tensor *a, const tensor *b)
{
    return a->numel == b->numel && memcmp(tensor_data(a), tensor_data(b), (size_t)a->numel * sizeof(float)) == 0;
}

static const char *PATH = "/tmp/lunet_test_checkpoint.lunet";

TEST(checkpoint_round_trip_keeps_everything)
{
    tensor *x, *y;
    data(64, &x, &y);
    model *m = small_model();
    double l[2];
    CHECK(fit_epochs(m, x, y, 0, 2, l) == 0);
    snprintf(m->name, sizeof m->name, "sectors");
    snprintf(m->layers[1]->name, sizeof m->layers[1]->name, "hidden");
    CHECK(model_save(m, PATH) == 0);
    model *n = model_load(PATH);
    CHECK(n != NULL);
    CHECK(strcmp(n->name, "sectors") == 0 && n->nlayers == 4 && model_built(n));
    CHECK(n->in_ndim == 2 && n->in_shape[0] == 1 && n->in_shape[1] == 2);
    for (int k = 0; k < 4; k++) {
        layer *a = m->layers[k], *b = n->layers[k];
        CHECK(a->type == b->type && strcmp(a->name, b->name) == 0 && a->nparams == b->nparams);
        CHECK(memcmp(&a->cfg, &b->cfg, offsetof(layer_config, alpha)) == 0);   /* units, in_features, activation */
        CHECK(a->cfg.p == b->cfg.p && a->cfg.kernel_init == b->cfg.kernel_init && a->cfg.use_bias == b->cfg.use_bias);
        CHECK(a->out_ndim == b->out_ndim && a->out_shape[0] == b->out_shape[0]);
        for (int j = 0; j < a->nparams; j++)
            CHECK(same_floats(a->params[j], b->params[j]) && b->params[j]->requires_grad);
    }
    CHECK(strcmp(n->layers[1]->name, "hidden") == 0);
    CHECK(n->opt && n->opt->kind == OPT_ADAM && n->opt->cfg.lr == 0.01f && n->opt->iterations == m->opt->iterations);
    CHECK(n->opt->iterations == 8);
    CHECK(n->loss == LOSS_SPARSE_CATEGORICAL_CROSSENTROPY && n->metrics == MODEL_METRIC_ACCURACY);
    for (int i = 0; i < m->opt->nparams; i++)
        for (int s = 0; s < 2; s++) CHECK(same_floats(optim_slot(m->opt, i, s), optim_slot(n->opt, i, s)));
    /* predictions are identical, bit for bit */
    tensor *p = train_predict(m, x, 32, NULL), *q = train_predict(n, x, 32, NULL);
    CHECK(p && q && same_floats(p, q));
    tensor_release(p); tensor_release(q);
    model_release(n);
    model_release(m);
    tensor_release(x); tensor_release(y);
    remove(PATH);
}

TEST(checkpoint_resumed_training_equals_uninterrupted_training)
{
    double full[4], first[2], rest[2];
    rng_seed(99);
    tensor *x, *y;
    data(80, &x, &y);
    model *a = small_model();
    CHECK(fit_epochs(a, x, y, 0, 4, full) == 0);
    tensor_release(x); tensor_release(y);

    rng_seed(99);
    data(80, &x, &y);
    model *b = small_model();
    CHECK(fit_epochs(b, x, y, 0, 2, first) == 0);
    CHECK(model_save(b, PATH) == 0);
    model_release(b);
    model *c = model_load(PATH);     /* draws no random numbers: shuffling and dropout continue as they would */
    CHECK(c != NULL);
    CHECK(fit_epochs(c, x, y, 2, 4, rest) == 0);
    CHECK(first[0] == full[0] && first[1] == full[1]);
    CHECK(rest[0] == full[2] && rest[1] == full[3]);
    for (int k = 0; k < a->nlayers; k++)
        for (int j = 0; j < a->layers[k]->nparams; j++) CHECK(same_floats(a->layers[k]->params[j], c->layers[k]->params[j]));
    model_release(a); model_release(c);
    tensor_release(x); tensor_release(y);
    remove(PATH);
}

/* The file's bytes. */
static unsigned char *slurp(const char *path, size_t *n)
{
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    fseek(f, 0, SEEK_END);
    *n = (size_t)ftell(f);
    rewind(f);
    unsigned char *b = malloc(*n);
    if (b && fread(b, 1, *n, f) != *n) { free(b); b = NULL; }
    fclose(f);
    return b;
}

static void spit(const char *path, const unsigned char *b, size_t n)
{
    FILE *f = fopen(path, "wb");
    if (!f) return;
    if (n) fwrite(b, 1, n, f);
    fclose(f);
}

static const char *BAD = "/tmp/lunet_test_checkpoint_bad.lunet";

TEST(checkpoint_truncated_at_every_length_is_an_error)
{
    model *m = small_model();
    CHECK(model_save(m, PATH) == 0);
    model_release(m);
    size_t n;
    unsigned char *b = slurp(PATH, &n);
    CHECK(b != NULL && n > 100);
    for (size_t len = 0; len < n; len++) {
        spit(BAD, b, len);
        model *l = model_load(BAD);
        if (l) { model_release(l); free(b); CHECK(!"a truncated file loaded"); }
        if (!strstr(ln_error(), "nn.load: /tmp/lunet_test_checkpoint_bad.lunet is truncated")) {
            printf("FAIL: %s — length %zu of %zu: %s\n", test_current, len, n, ln_error());
            test_failed_now = 1;
            break;
        }
    }
    spit(BAD, b, n);                   /* the whole file loads */
    model *l = model_load(BAD);
    CHECK(l != NULL);
    model_release(l);
    free(b);
    remove(PATH); remove(BAD);
}

/* Offset of the first occurrence of s in b, or -1. */
static long find(const unsigned char *b, size_t n, const char *s)
{
    size_t k = strlen(s);
    for (size_t i = 0; i + k <= n; i++)
        if (memcmp(b + i, s, k) == 0) return (long)i;
    return -1;
}

TEST(checkpoint_damaged_fields_are_named)
{
    model *m = small_model();
    CHECK(model_save(m, PATH) == 0);
    model_release(m);
    size_t n;
    unsigned char *b = slurp(PATH, &n);
    CHECK(b != NULL);
    long k = find(b, n, "kernel");
    CHECK(k > 0);
    size_t dim0 = (size_t)k + 6 + 4;   /* after the name: u32 ndim, then the first i64 dim (2) */
    CHECK(b[dim0] == 2 && b[dim0 + 8] == 6);
    b[dim0] = 6; b[dim0 + 8] = 2;      /* [2,6] stored as [6,2]: the same number of floats */
    spit(BAD, b, n);
    CHECK_ERR(model_load(BAD), "nn.load: /tmp/lunet_test_checkpoint_bad.lunet is corrupt: layer 2 (Dense 'dense");
    CHECK(strstr(ln_error(), "kernel has shape [6,2] in the file but [2,6] from the layer's configuration"));
    b[dim0] = 2 ^ 0xFF;                /* a flipped byte: [253,2] cannot be in the bytes left */
    spit(BAD, b, n);
    CHECK_ERR(model_load(BAD), "is truncated ('kernel' of shape [253,2] needs more than the");
    b[dim0] = 2; b[dim0 + 8] = 6;
    b[dim0 + 5] ^= 0x40;               /* a high byte: an absurd size */
    spit(BAD, b, n);
    CHECK_ERR(model_load(BAD), "has an impossible size");
    b[dim0 + 5] ^= 0x40;
    /* the Dense layer's built input size (2), just before its parameters: 2 -> 253 */
    size_t in0 = (size_t)k - 4 - 4 - 8 - 4 - 8;   /* i64 2 | u32 1, i64 6 | u32 nparams | u32 len, "kernel" */
    CHECK(b[in0] == 2 && b[in0 + 12] == 6);
    b[in0] ^= 0xFF;
    spit(BAD, b, n);
    CHECK_ERR(model_load(BAD), "layer 2 (Dense 'dense");
    CHECK(strstr(ln_error(), "253 input features and 6 units cannot be held by the 18 numbers stored"));
    b[in0] ^= 0xFF;
    long d = find(b, n, "Dense");
    memcpy(b + d, "Dunce", 5);
    spit(BAD, b, n);
    CHECK_ERR(model_load(BAD), "unknown layer type 'Dunce'");
    memcpy(b + d, "Dense", 5);
    b[8] = 7;                          /* version 7 */
    spit(BAD, b, n);
    CHECK_ERR(model_load(BAD), "nn.load: /tmp/lunet_test_checkpoint_bad.lunet has format version 7; this lunet reads version 1 (it was written by a newer lunet)");
    b[8] = 1;
    spit(BAD, (const unsigned char *)"hello, world\n", 13);
    CHECK_ERR(model_load(BAD), "nn.load: /tmp/lunet_test_checkpoint_bad.lunet is not a lunet model file");
    unsigned char *longer = malloc(n + 3);
    memcpy(longer, b, n);
    memcpy(longer + n, "abc", 3);
    spit(BAD, longer, n + 3);
    CHECK_ERR(model_load(BAD), "3 bytes follow the end of the model");
    free(longer);
    CHECK_ERR(model_load("/nonexistent/m.lunet"), "nn.load: cannot open /nonexistent/m.lunet");
    free(b);
    remove(PATH); remove(BAD);
}

TEST(checkpoint_any_flipped_byte_loads_or_fails_cleanly)
{
    model *m = small_model();
    CHECK(model_save(m, PATH) == 0);
    model_release(m);
    size_t n;
    unsigned char *b = slurp(PATH, &n);
    CHECK(b != NULL);
    int failed = 0, loaded = 0;
    for (size_t i = 0; i < n; i++) {
        b[i] ^= 0xA5;
        spit(BAD, b, n);
        model *l = model_load(BAD);
        if (l) { loaded++; model_release(l); }
        else { failed++; CHECK(strstr(ln_error(), "nn.load: ") == ln_error()); }
        b[i] ^= 0xA5;
    }
    CHECK(loaded > 0 && failed > 0);   /* weights are data; structure is checked */
    free(b);
    remove(PATH); remove(BAD);
}

TEST(checkpoint_save_errors)
{
    model *m = small_model();
    CHECK(model_save(m, "/nonexistent/dir/m.lunet") < 0);
    CHECK(strstr(ln_error(), "save: cannot write /nonexistent/dir/m.lunet"));
    model_release(m);
}

/* checkpoint.c writes layer_config and optim_config field by field: a field added to either struct
 * must be added to put_config/get_config (or put_optimizer/get_optimizer) too, with a new version. */
TEST(checkpoint_writes_every_config_field)
{
    CHECK(sizeof(layer_config) == 184);
    CHECK(sizeof(optim_config) == 36);
}
