/* test_nn_alloc.c — a whole training step (build, compile, forward, loss, backward, step) with
 * the k-th allocation failing, for every k: each failure must come back as an error, never a
 * crash, and leave no tensor behind (test_main counts them). */
#include "test.h"
#include "model.h"

static layer *dense(int64_t units, nn_activation act)
{
    layer_config c;
    layer_config_defaults(&c);
    c.units = units;
    c.activation = act;
    return layer_new(&layer_dense, &c);
}

/* 0 when every stage succeeded, -1 at the first failure (everything made is released). */
static int train_once(loss_kind kind, optim_kind ok)
{
    int rc = -1;
    model *m = model_new();
    layer *a = dense(4, ACT_TANH), *b = dense(3, kind == LOSS_SPARSE_CATEGORICAL_CROSSENTROPY ? ACT_SOFTMAX : ACT_SIGMOID);
    layer_config dc;
    layer_config_defaults(&dc);
    dc.p = 0.25f;
    layer *d = layer_new(&layer_dropout, &dc);
    optimizer *o = optim_new(ok, NULL);
    tensor *x = NULL, *t = NULL, *pred = NULL, *loss = NULL;
    int64_t xs[2] = {5, 2}, ts[2] = {5, 3};
    if (!m || !a || !b || !d || !o) goto done;
    if (model_add(m, a) < 0 || model_add(m, d) < 0 || model_add(m, b) < 0) goto done;
    if (model_build(m, 1, xs + 1) < 0) goto done;
    if (model_compile(m, o, (int)kind, 0) < 0) goto done;
    x = tensor_rand(2, xs);
    t = kind == LOSS_SPARSE_CATEGORICAL_CROSSENTROPY ? tensor_zeros(1, ts) : tensor_rand(2, ts);
    if (!x || !t) goto done;
    if (!(pred = model_forward(m, x, 1))) goto done;
    if (!(loss = loss_compute(kind, pred, t))) goto done;
    optim_zero_grad(o);
    if (ag_backward(loss, NULL, 0) < 0) goto done;
    if (optim_step(o) < 0) goto done;
    rc = 0;
done:
    tensor_release(loss); tensor_release(pred); tensor_release(x); tensor_release(t);
    optim_release(o);
    layer_release(a); layer_release(b); layer_release(d);
    model_release(m);
    return rc;
}

static int survives_every_failure(loss_kind kind, optim_kind ok)
{
    for (long k = 0; k < 2000; k++) {
        ln_alloc_fail_after(k);
        int rc = train_once(kind, ok);
        ln_alloc_fail_after(-1);
        if (rc == 0) return k > 0;                  /* ran out of allocations to fail */
        if (!strstr(ln_error(), "out of memory")) {
            printf("  allocation %ld: unexpected error \"%s\"\n", k, ln_error());
            return 0;
        }
    }
    return 0;
}

TEST(nn_training_step_survives_every_allocation_failure)
{
    CHECK(train_once(LOSS_SPARSE_CATEGORICAL_CROSSENTROPY, OPT_ADAM) == 0);
    CHECK(survives_every_failure(LOSS_SPARSE_CATEGORICAL_CROSSENTROPY, OPT_ADAM));
    CHECK(survives_every_failure(LOSS_BINARY_CROSSENTROPY, OPT_SGD));
    CHECK(survives_every_failure(LOSS_MSE, OPT_RMSPROP));
}
