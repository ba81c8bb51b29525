/* test_train.c — fit, evaluate and predict on small problems with known answers: learning,
 * validation on the last rows, early stopping and restoring the best weights, Ctrl-C, callbacks,
 * the error messages, and no allocation at all in the steady state of the batch loop. */
#include "test.h"
#include "train.h"

/* A Dense layer of `units` on inputs of size `in` (built at once). New ref. */
static layer *dense(int64_t in, int64_t units, nn_activation act)
{
    layer_config c;
    layer_config_defaults(&c);
    c.units = units;
    c.activation = act;
    if (in > 0) { c.input_ndim = 1; c.input_shape[0] = in; }
    return layer_new(&layer_dense, &c);
}

/* in -> hidden (relu) -> out (oact), compiled with kind/lr and loss. New ref. */
static model *mlp(int64_t in, int64_t hidden, int64_t out, nn_activation oact, optim_kind kind, float lr, int loss)
{
    model *m = model_new();
    layer *a = dense(in, hidden, ACT_RELU), *b = dense(0, out, oact);
    model_add(m, a);
    model_add(m, b);
    layer_release(a);
    layer_release(b);
    optim_config oc = optim_defaults(kind);
    oc.lr = lr;
    optimizer *o = optim_new(kind, &oc);
    model_compile(m, o, loss, MODEL_METRIC_ACCURACY);
    optim_release(o);
    return m;
}

/* n points in [0,1)^2, labelled by which of three sectors around (0.5, 0.5) they fall in:
 * x [n,2]; y integer labels [n] (sparse) or one-hot [n,3]. */
static void sectors(int64_t n, int onehot, tensor **x, tensor **y)
{
    int64_t xs[2] = {n, 2}, ys[2] = {n, 3};
    *x = tensor_rand(2, xs);
    *y = onehot ? tensor_zeros(2, ys) : tensor_zeros(1, xs);
    float *xd = tensor_data(*x), *yd = tensor_data(*y);
    for (int64_t i = 0; i < n; i++) {
        double a = atan2(xd[2 * i + 1] - 0.5, xd[2 * i] - 0.5) + M_PI;   /* [0, 2pi] */
        int c = (int)(a / (2 * M_PI / 3));
        if (c > 2) c = 2;
        if (onehot) yd[3 * i + c] = 1; else yd[i] = (float)c;
    }
}

static fit_options opts(int epochs, int64_t bs)
{
    fit_options o;
    fit_options_defaults(&o);
    o.epochs = epochs;
    o.batch_size = bs;
    return o;
}

TEST(fit_learns_three_sectors_sparse_labels)
{
    tensor *x, *y;
    sectors(600, 0, &x, &y);
    model *m = mlp(2, 32, 3, ACT_SOFTMAX, OPT_ADAM, 0.02f, LOSS_SPARSE_CATEGORICAL_CROSSENTROPY);
    fit_options o = opts(40, 32);
    fit_result r;
    int rc = train_fit(m, x, y, &o, NULL, &r);
    CHECK(rc == 0);
    CHECK(r.nepochs == 40 && r.end == FIT_FINISHED && r.epoch[0] == 1 && r.epoch[39] == 40);
    CHECK(r.loss[39] < 0.5 * r.loss[0]);
    CHECK(r.accuracy[39] > 0.9);
    CHECK(isnan(r.val_loss[0]) && !r.has_val);
    double loss, acc;
    CHECK(train_evaluate(m, x, y, 64, NULL, &loss, &acc) == 0);
    CHECK(acc > 0.9 && loss < 0.4);
    fit_result_free(&r);
    model_release(m);
    tensor_release(x); tensor_release(y);
}

TEST(fit_learns_with_one_hot_targets_and_3d_inputs)
{
    /* x [N,1,2] goes through Flatten, as images [N,28,28] do */
    tensor *x2, *y;
    sectors(600, 1, &x2, &y);
    int64_t s3[3] = {600, 1, 2};
    tensor *x = tensor_reshape(x2, 3, s3);
    model *m = model_new();
    layer *f = layer_new(&layer_flatten, NULL), *a = dense(0, 32, ACT_RELU), *b = dense(0, 3, ACT_SOFTMAX);
    model_add(m, f); model_add(m, a); model_add(m, b);
    layer_release(f); layer_release(a); layer_release(b);
    optimizer *o = optim_new(OPT_ADAM, NULL);
    o->cfg.lr = 0.02f;
    m->opt = o;                       /* compiled before the model was built: fit builds and binds */
    m->loss = LOSS_CATEGORICAL_CROSSENTROPY;
    m->metrics = MODEL_METRIC_ACCURACY;
    fit_options fo = opts(40, 50);
    fit_result r;
    CHECK(train_fit(m, x, y, &fo, NULL, &r) == 0);
    CHECK(model_built(m) && m->opt->nparams == 4);
    CHECK(r.accuracy[39] > 0.9);
    tensor *p = train_predict(m, x, 7, NULL);
    CHECK(p && p->ndim == 2 && p->shape[0] == 600 && p->shape[1] == 3);
    /* predict in batches of 7 equals one forward over everything */
    int was = ag_set_enabled(0);
    tensor *q = model_forward(m, x, 0);
    ag_set_enabled(was);
    for (int64_t i = 0; i < p->numel; i++) CHECK_NEAR(tensor_data(p)[i], tensor_data(q)[i], 1e-6);
    tensor_release(p); tensor_release(q);
    fit_result_free(&r);
    model_release(m);
    tensor_release(x); tensor_release(x2); tensor_release(y);
}

TEST(fit_validation_split_takes_the_last_rows)
{
    tensor *x, *y;
    sectors(400, 0, &x, &y);
    model *m = mlp(2, 16, 3, ACT_SOFTMAX, OPT_ADAM, 0.01f, LOSS_SPARSE_CATEGORICAL_CROSSENTROPY);
    fit_options o = opts(3, 32);
    o.validation_split = 0.25;
    fit_result r;
    CHECK(train_fit(m, x, y, &o, NULL, &r) == 0);
    CHECK(r.has_val && r.nepochs == 3);
    /* the last epoch's validation is the model, as it ended, on rows 300..399 */
    tensor *xv = tensor_narrow(x, 0, 300, 100), *yv = tensor_narrow(y, 0, 300, 100);
    double loss, acc;
    CHECK(train_evaluate(m, xv, yv, 32, NULL, &loss, &acc) == 0);
    CHECK_NEAR(r.val_loss[2], loss, 1e-6);
    CHECK_NEAR(r.val_accuracy[2], acc, 1e-9);
    tensor_release(xv); tensor_release(yv);
    fit_result_free(&r);
    model_release(m);
    tensor_release(x); tensor_release(y);
}

TEST(fit_same_seed_same_numbers)
{
    double l1[3], l2[3];
    for (int run = 0; run < 2; run++) {
        rng_seed(7);
        tensor *x, *y;
        sectors(300, 0, &x, &y);
        model *m = mlp(2, 16, 3, ACT_SOFTMAX, OPT_ADAM, 0.01f, LOSS_SPARSE_CATEGORICAL_CROSSENTROPY);
        fit_options o = opts(3, 16);
        fit_result r;
        CHECK(train_fit(m, x, y, &o, NULL, &r) == 0);
        for (int k = 0; k < 3; k++) (run ? l2 : l1)[k] = r.loss[k];
        fit_result_free(&r);
        model_release(m);
        tensor_release(x); tensor_release(y);
    }
    for (int k = 0; k < 3; k++) CHECK(l1[k] == l2[k]);
}

/* Training targets that the validation targets contradict: val_loss is best after epoch 1 and
 * grows from then on, so early stopping stops after 1 + patience epochs and puts epoch 1 back. */
TEST(fit_early_stopping_restores_the_best_weights)
{
    tensor *x, *y;
    sectors(300, 0, &x, &y);
    tensor *vy = tensor_clone(y);
    float *v = tensor_data(vy);
    for (int64_t i = 0; i < vy->numel; i++) v[i] = (float)(((int)v[i] + 1) % 3);
    model *m = mlp(2, 16, 3, ACT_SOFTMAX, OPT_ADAM, 0.02f, LOSS_SPARSE_CATEGORICAL_CROSSENTROPY);
    fit_options o = opts(30, 32);
    o.val_x = x; o.val_y = vy;
    o.patience = 2;
    fit_result r;
    CHECK(train_fit(m, x, y, &o, NULL, &r) == 0);
    CHECK(r.end == FIT_EARLY_STOPPED && r.monitor == MONITOR_VAL_LOSS);
    CHECK(r.nepochs == r.best_epoch + 2);
    CHECK(r.restored);
    double loss, acc;
    CHECK(train_evaluate(m, x, vy, 32, NULL, &loss, &acc) == 0);
    CHECK_NEAR(loss, r.val_loss[r.best_epoch - 1], 1e-6);
    fit_result_free(&r);
    model_release(m);
    tensor_release(x); tensor_release(y); tensor_release(vy);
}

TEST(fit_early_stopping_counts_patience_as_keras)
{
    /* lr = 0: the loss never improves after epoch 1; patience 2 stops after epoch 3 */
    tensor *x, *y;
    sectors(64, 0, &x, &y);
    model *m = mlp(2, 4, 3, ACT_SOFTMAX, OPT_SGD, 0.0f, LOSS_SPARSE_CATEGORICAL_CROSSENTROPY);
    fit_options o = opts(10, 64);
    o.shuffle = 0;
    o.patience = 2;
    fit_result r;
    CHECK(train_fit(m, x, y, &o, NULL, &r) == 0);
    CHECK(r.monitor == MONITOR_LOSS && r.end == FIT_EARLY_STOPPED && r.nepochs == 3 && r.best_epoch == 1);
    CHECK(r.restored);                 /* epoch 1 was the best: its weights are put back */
    fit_result_free(&r);
    o.monitor = MONITOR_VAL_LOSS;
    CHECK(train_fit(m, x, y, &o, NULL, &r) < 0 && strstr(ln_error(), "no validation data"));
    fit_result_free(&r);
    model_release(m);
    tensor_release(x); tensor_release(y);
}

typedef struct { int calls, ends, stop_at_epoch, interrupt_epoch, interrupt_batch, last_epoch; int64_t last_batch; } cbstate;

static int on_progress(void *ctx, const fit_status *s)
{
    cbstate *c = ctx;
    c->calls++;
    c->last_epoch = s->epoch;
    c->last_batch = s->batch;
    if (s->epoch == c->interrupt_epoch && s->batch == c->interrupt_batch) ln_interrupted = 1;   /* Ctrl-C now */
    return FIT_GO_ON;
}

static int on_epoch_end(void *ctx, const fit_status *s)
{
    cbstate *c = ctx;
    c->ends++;
    return s->epoch == c->stop_at_epoch ? FIT_STOP : FIT_GO_ON;
}

TEST(fit_ctrl_c_stops_after_the_batch_and_keeps_the_history)
{
    tensor *x, *y;
    sectors(200, 0, &x, &y);
    model *m = mlp(2, 8, 3, ACT_SOFTMAX, OPT_ADAM, 0.01f, LOSS_SPARSE_CATEGORICAL_CROSSENTROPY);
    fit_options o = opts(5, 20);
    o.progress_interval = 0;           /* a progress call after every batch */
    cbstate c = {0};
    c.interrupt_epoch = 2; c.interrupt_batch = 3;
    fit_callbacks cb = {&c, on_progress, on_epoch_end};
    fit_result r;
    CHECK(train_fit(m, x, y, &o, &cb, &r) == 0);
    CHECK(r.end == FIT_INTERRUPTED && r.nepochs == 1);
    CHECK(r.stop_epoch == 2 && r.stop_batch == 4 && r.batches == 10);
    CHECK(ln_interrupted == 0);
    CHECK(c.ends == 1);
    /* the model is still usable */
    fit_result_free(&r);
    o.epochs = 1;
    CHECK(train_fit(m, x, y, &o, NULL, &r) == 0 && r.nepochs == 1);
    fit_result_free(&r);
    model_release(m);
    tensor_release(x); tensor_release(y);
}

TEST(fit_callback_can_stop_and_progress_is_called_per_batch_and_at_epoch_end)
{
    tensor *x, *y;
    sectors(100, 0, &x, &y);
    model *m = mlp(2, 8, 3, ACT_SOFTMAX, OPT_ADAM, 0.01f, LOSS_SPARSE_CATEGORICAL_CROSSENTROPY);
    fit_options o = opts(5, 30);       /* 4 batches: 30, 30, 30, 10 */
    o.progress_interval = 0;
    cbstate c = {0};
    c.stop_at_epoch = 2;
    fit_callbacks cb = {&c, on_progress, on_epoch_end};
    fit_result r;
    CHECK(train_fit(m, x, y, &o, &cb, &r) == 0);
    CHECK(r.end == FIT_STOPPED && r.nepochs == 2 && c.ends == 2);
    CHECK(c.calls == 2 * 4);           /* batches 1..3 and the epoch's end, twice */
    CHECK(c.last_batch == 4);
    fit_result_free(&r);
    model_release(m);
    tensor_release(x); tensor_release(y);
}

TEST(fit_resumes_with_initial_epoch)
{
    tensor *x, *y;
    sectors(100, 0, &x, &y);
    model *m = mlp(2, 8, 3, ACT_SOFTMAX, OPT_ADAM, 0.01f, LOSS_SPARSE_CATEGORICAL_CROSSENTROPY);
    fit_options o = opts(5, 30);
    o.initial_epoch = 3;
    fit_result r;
    CHECK(train_fit(m, x, y, &o, NULL, &r) == 0);
    CHECK(r.nepochs == 2 && r.epoch[0] == 4 && r.epoch[1] == 5);
    fit_result_free(&r);
    model_release(m);
    tensor_release(x); tensor_release(y);
}

TEST(fit_errors_say_what_to_do)
{
    tensor *x, *y, *xo, *oh;
    sectors(50, 0, &x, &y);
    sectors(50, 1, &xo, &oh);           /* oh: one-hot targets [50,3] */
    tensor_release(xo);
    fit_options o = opts(1, 10);
    fit_result r;
    model *m = model_new();
    layer *a = dense(2, 3, ACT_SOFTMAX);
    model_add(m, a);
    layer_release(a);
    CHECK(train_fit(m, x, y, &o, NULL, &r) < 0 && strstr(ln_error(), "fit: compile the model first, e.g. model:compile{"));
    fit_result_free(&r);
    optimizer *opt = optim_new(OPT_ADAM, NULL);
    CHECK(model_compile(m, opt, LOSS_CATEGORICAL_CROSSENTROPY, MODEL_METRIC_ACCURACY) == 0);
    optim_release(opt);
    CHECK(train_fit(m, x, y, &o, NULL, &r) < 0 && strstr(ln_error(), "fit: y has shape [50] (integer class labels) but the loss "
                                                               "is categorical_crossentropy") && strstr(ln_error(), "data.one_hot(y, 3)"));
    fit_result_free(&r);
    m->loss = LOSS_SPARSE_CATEGORICAL_CROSSENTROPY;
    CHECK(train_fit(m, x, oh, &o, NULL, &r) < 0 && strstr(ln_error(), "(one-hot rows) but the loss is sparse_categorical_crossentropy"));
    fit_result_free(&r);
    tensor_data(y)[17] = 3;             /* 1-based labels: 3 is out of range for 3 classes */
    CHECK(train_fit(m, x, y, &o, NULL, &r) < 0 && strstr(ln_error(), "label 3 in row 18 of y is out of range for 3 classes (labels are 0-based"));
    fit_result_free(&r);
    tensor_data(y)[17] = 0;
    tensor *y49 = tensor_narrow(y, 0, 0, 49);
    CHECK(train_fit(m, x, y49, &o, NULL, &r) < 0 && strstr(ln_error(), "fit: x has 50 rows but y has 49"));
    fit_result_free(&r);
    tensor_release(y49);
    o.validation_split = 1.5;
    CHECK(train_fit(m, x, y, &o, NULL, &r) < 0 && strstr(ln_error(), "validation_split must be in [0, 1), got 1.5"));
    fit_result_free(&r);
    o.validation_split = 0;
    int64_t s3[2] = {50, 3};
    tensor *x3 = tensor_zeros(2, s3);
    CHECK(train_fit(m, x3, y, &o, NULL, &r) < 0 && strstr(ln_error(), "fit: Sequential layer 1: Dense(2 -> 3, softmax): expected input [N,2], got [N,3]"));
    fit_result_free(&r);
    tensor_release(x3);
    m->loss = LOSS_BINARY_CROSSENTROPY;
    CHECK(train_fit(m, x, oh, &o, NULL, &r) == 0);   /* one-hot targets are in [0, 1] */
    fit_result_free(&r);
    CHECK(train_fit(m, x, y, &o, NULL, &r) < 0 && strstr(ln_error(), "binary_crossentropy needs targets in [0, 1]"));
    fit_result_free(&r);
    model_release(m);
    tensor_release(x); tensor_release(y); tensor_release(oh);
}

TEST(count_correct_follows_keras_choice_of_accuracy)
{
    float p2[] = {0.9f, 0.1f, 0.2f, 0.8f, 0.6f, 0.4f}, lab[] = {0, 1, 1}, oh[] = {1, 0, 0, 1, 1, 0};
    float pb[] = {0.7f, 0.2f, 0.5f}, tb[] = {1, 0, 1};
    int64_t s32[2] = {3, 2}, s3[1] = {3}, s31[2] = {3, 1};
    tensor *p = tensor_from_data(2, s32, p2), *l = tensor_from_data(1, s3, lab), *o = tensor_from_data(2, s32, oh);
    tensor *b = tensor_from_data(2, s31, pb), *t = tensor_from_data(2, s31, tb);
    int64_t total;
    CHECK(train_count_correct(LOSS_SPARSE_CATEGORICAL_CROSSENTROPY, p, l, &total) == 2 && total == 3);
    CHECK(train_count_correct(LOSS_CATEGORICAL_CROSSENTROPY, p, o, &total) == 3 && total == 3);
    CHECK(train_count_correct(LOSS_BINARY_CROSSENTROPY, b, t, &total) == 2 && total == 3);   /* 0.5 is not > 0.5 */
    tensor_release(p); tensor_release(l); tensor_release(o); tensor_release(b); tensor_release(t);
}

/* The steady state of the batch loop must not allocate: after the first epoch, every ln_alloc,
 * ln_calloc and ln_realloc fails, and a whole second epoch (with validation) must still run. */
static int forbid_allocations(void *ctx, const fit_status *s)
{
    (void)ctx;
    ln_alloc_fail_after(s->epoch == 1 ? 0 : -1);
    return FIT_GO_ON;
}

TEST(fit_steady_state_allocates_nothing)
{
    tensor *x, *y;
    sectors(1000, 1, &x, &y);
    int64_t s3[3] = {1000, 1, 2};
    tensor *x3 = tensor_reshape(x, 3, s3);
    model *m = model_new();
    layer *f = layer_new(&layer_flatten, NULL), *a = dense(0, 64, ACT_RELU), *b = dense(0, 3, ACT_SOFTMAX);
    model_add(m, f); model_add(m, a); model_add(m, b);
    layer_release(f); layer_release(a); layer_release(b);
    CHECK(model_build(m, 2, s3 + 1) == 0);
    optimizer *o = optim_new(OPT_ADAM, NULL);
    CHECK(model_compile(m, o, LOSS_CATEGORICAL_CROSSENTROPY, MODEL_METRIC_ACCURACY) == 0);
    optim_release(o);
    fit_options fo = opts(2, 64);      /* 900 training rows: 15 batches, the last one short */
    fo.validation_split = 0.1;
    fit_callbacks cb = {NULL, NULL, forbid_allocations};
    fit_result r;
    int rc = train_fit(m, x3, y, &fo, &cb, &r);
    ln_alloc_fail_after(-1);
    CHECK(rc == 0);
    CHECK(r.nepochs == 2);
    fit_result_free(&r);
    model_release(m);
    tensor_release(x3); tensor_release(x); tensor_release(y);
}

TEST(evaluate_and_predict_stop_on_ctrl_c)
{
    tensor *x, *y;
    sectors(100, 0, &x, &y);
    model *m = mlp(2, 8, 3, ACT_SOFTMAX, OPT_ADAM, 0.01f, LOSS_SPARSE_CATEGORICAL_CROSSENTROPY);
    double loss, acc;
    ln_interrupted = 1;
    CHECK(train_evaluate(m, x, y, 10, NULL, &loss, &acc) < 0 && strstr(ln_error(), "evaluate: interrupted (Ctrl-C)"));
    CHECK(ln_interrupted == 0);
    ln_interrupted = 1;
    CHECK_ERR(train_predict(m, x, 10, NULL), "predict: interrupted (Ctrl-C)");
    CHECK(ln_interrupted == 0);
    CHECK(train_evaluate(m, x, y, 10, NULL, &loss, &acc) == 0 && loss > 0 && acc >= 0 && acc <= 1);
    model_release(m);
    tensor_release(x); tensor_release(y);
}
