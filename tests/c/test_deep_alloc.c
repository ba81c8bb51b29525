/* test_deep_alloc.c — a training step of a small CNN (Conv2D, BatchNorm, MaxPool2D) and of each
 * recurrent layer with the k-th allocation failing, for every k: each failure must come back as an
 * error, never a crash, and leave no tensor behind (test_main counts them). */
#include "test.h"
#include "model.h"

static layer *make(const layer_type *t, int64_t units, nn_activation act)
{
    layer_config c;
    layer_config_defaults(&c);
    c.units = units;
    c.activation = act;
    c.kernel[0] = c.kernel[1] = 3;
    c.stride[0] = c.stride[1] = t == &layer_maxpool2d ? 0 : 1;
    c.return_sequences = t == &layer_lstm || t == &layer_gru;
    return layer_new(t, &c);
}

/* 0 when every stage succeeded, -1 at the first failure (everything made is released). */
static int train_once(int recurrent)
{
    int rc = -1;
    model *m = model_new();
    layer *ls[4] = {0};
    int n = 0;
    if (recurrent) {
        ls[n++] = make(&layer_lstm, 4, ACT_TANH);
        ls[n++] = make(&layer_gru, 3, ACT_TANH);
        ls[n++] = make(&layer_simple_rnn, 3, ACT_RELU);
        ls[n++] = make(&layer_dense, 2, ACT_SOFTMAX);
    } else {
        ls[n++] = make(&layer_conv2d, 3, ACT_RELU);
        ls[n++] = make(&layer_batchnorm, 0, ACT_LINEAR);
        ls[n++] = make(&layer_maxpool2d, 0, ACT_LINEAR);
        ls[n++] = make(&layer_flatten, 0, ACT_LINEAR);
    }
    layer *head = recurrent ? NULL : make(&layer_dense, 2, ACT_SOFTMAX);
    optimizer *o = optim_new(OPT_ADAM, NULL);
    tensor *x = NULL, *t = NULL, *pred = NULL, *loss = NULL;
    int64_t img[4] = {3, 6, 6, 2}, sq[3] = {3, 5, 2}, ts[1] = {3};
    if (!m || !o || (!recurrent && !head)) goto done;
    for (int k = 0; k < n; k++)
        if (!ls[k] || model_add(m, ls[k]) < 0) goto done;
    if (head && model_add(m, head) < 0) goto done;
    if (model_build(m, recurrent ? 2 : 3, recurrent ? sq + 1 : img + 1) < 0) goto done;
    if (model_compile(m, o, LOSS_SPARSE_CATEGORICAL_CROSSENTROPY, 0) < 0) goto done;
    x = recurrent ? tensor_rand(3, sq) : tensor_rand(4, img);
    t = tensor_zeros(1, ts);
    if (!x || !t) goto done;
    if (!(pred = model_forward(m, x, 1))) goto done;
    if (!(loss = loss_compute(LOSS_SPARSE_CATEGORICAL_CROSSENTROPY, pred, t))) goto done;
    optim_zero_grad(o);
    if (ag_backward(loss, NULL, 0) < 0) goto done;
    if (optim_step(o) < 0) goto done;
    rc = 0;
done:
    tensor_release(loss); tensor_release(pred); tensor_release(x); tensor_release(t);
    optim_release(o);
    for (int k = 0; k < n; k++) layer_release(ls[k]);
    layer_release(head);
    model_release(m);
    return rc;
}

static int survives_every_failure(int recurrent)
{
    for (long k = 0; k < 5000; k++) {
        ln_alloc_fail_after(k);
        int rc = train_once(recurrent);
        ln_alloc_fail_after(-1);
        if (rc == 0) return k > 0;                  /* ran out of allocations to fail */
        if (!strstr(ln_error(), "out of memory")) {
            printf("  allocation %ld: unexpected error \"%s\"\n", k, ln_error());
            return 0;
        }
    }
    return 0;
}

TEST(deep_cnn_training_step_survives_every_allocation_failure)
{
    CHECK(train_once(0) == 0);
    CHECK(survives_every_failure(0));
}

TEST(deep_rnn_training_step_survives_every_allocation_failure)
{
    CHECK(train_once(1) == 0);
    CHECK(survives_every_failure(1));
}
