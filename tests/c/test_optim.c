/* test_optim.c — two steps of every optimizer against updates computed by hand (numpy, float64,
 * with Keras' formulas; SGD's also agree with torch.optim.SGD), state access, and errors.
 * Every test starts from w = [1, -2, 0.5] with the constant gradient g = [0.1, -0.2, 0.3]. */
#include "test.h"
#include "optim.h"

static tensor *param(void)
{
    int64_t s[1] = {3};
    tensor *w = tensor_from_data(1, s, (float[]){1, -2, 0.5f});
    w->requires_grad = 1;
    return w;
}

static void set_grad(tensor *w)
{
    tensor_release(w->grad);
    w->grad = tensor_from_data(1, w->shape, (float[]){0.1f, -0.2f, 0.3f});
}

/* Runs `steps` steps of kind with cfg on a fresh w; returns w (caller releases) or NULL. */
static tensor *run(optim_kind kind, const optim_config *cfg, int steps)
{
    tensor *w = param();
    optimizer *o = optim_new(kind, cfg);
    if (!o || optim_bind(o, 1, &w) < 0) { optim_release(o); tensor_release(w); return NULL; }
    for (int s = 0; s < steps; s++) {
        set_grad(w);
        if (optim_step(o) < 0) { optim_release(o); tensor_release(w); return NULL; }
    }
    optim_release(o);
    return w;
}

static int values_are(const tensor *w, double a, double b, double c)
{
    const float *d = tensor_data(w);
    double want[3] = {a, b, c};
    for (int k = 0; k < 3; k++)
        if (fabs(d[k] - want[k]) > 2e-6 * fmax(1, fabs(want[k]))) {
            printf("  w[%d] = %.9g, expected %.9g\n", k, d[k], want[k]);
            return 0;
        }
    return 1;
}

#define CHECK_RUN(kind, cfg, steps, a, b, c) do {                       \
    tensor *w_ = run(kind, cfg, steps);                                 \
    CHECK(w_ != NULL);                                                  \
    int ok_ = values_are(w_, a, b, c);                                  \
    tensor_release(w_);                                                 \
    CHECK(ok_);                                                         \
} while (0)

TEST(optim_keras_defaults)
{
    optim_config s = optim_defaults(OPT_SGD), a = optim_defaults(OPT_ADAM), r = optim_defaults(OPT_RMSPROP),
                 g = optim_defaults(OPT_ADAGRAD);
    CHECK_NEAR(s.lr, 0.01, 1e-9); CHECK(s.momentum == 0 && !s.nesterov && s.weight_decay == 0);
    CHECK_NEAR(a.lr, 0.001, 1e-9); CHECK_NEAR(a.beta1, 0.9, 1e-7); CHECK_NEAR(a.beta2, 0.999, 1e-7);
    CHECK_NEAR(a.eps, 1e-7, 1e-12);
    CHECK_NEAR(r.lr, 0.001, 1e-9); CHECK_NEAR(r.rho, 0.9, 1e-7); CHECK(r.momentum == 0);
    CHECK_NEAR(g.lr, 0.001, 1e-9); CHECK_NEAR(g.initial_accumulator_value, 0.1, 1e-7);
}

TEST(optim_sgd_step)
{
    optim_config c = optim_defaults(OPT_SGD);
    c.lr = 0.1f;
    CHECK_RUN(OPT_SGD, &c, 1, 0.99, -1.98, 0.47);
}

TEST(optim_sgd_momentum_two_steps)
{
    optim_config c = optim_defaults(OPT_SGD);
    c.lr = 0.1f; c.momentum = 0.9f;
    CHECK_RUN(OPT_SGD, &c, 2, 0.971, -1.942, 0.413);
}

TEST(optim_sgd_nesterov_two_steps)
{
    optim_config c = optim_defaults(OPT_SGD);
    c.lr = 0.1f; c.momentum = 0.9f; c.nesterov = 1;
    CHECK_RUN(OPT_SGD, &c, 2, 0.9539, -1.9078, 0.3617);
}

TEST(optim_sgd_weight_decay_with_momentum)
{
    optim_config c = optim_defaults(OPT_SGD);
    c.lr = 0.1f; c.momentum = 0.9f; c.weight_decay = 0.01f;
    CHECK_RUN(OPT_SGD, &c, 2, 0.969011, -1.938022, 0.4120305);
}

TEST(optim_adam_two_steps)
{
    optim_config c = optim_defaults(OPT_ADAM);
    c.lr = 0.1f;
    CHECK_RUN(OPT_ADAM, &c, 2, 0.800005399, -1.8000027, 0.3000018);
}

TEST(optim_adam_decoupled_weight_decay)
{
    optim_config c = optim_defaults(OPT_ADAM);
    c.lr = 0.1f; c.weight_decay = 0.1f;
    CHECK_RUN(OPT_ADAM, &c, 2, 0.781105367, -1.76120268, 0.291051789);
}

TEST(optim_rmsprop_two_steps)
{
    optim_config c = optim_defaults(OPT_RMSPROP);
    c.lr = 0.1f;
    CHECK_RUN(OPT_RMSPROP, &c, 2, 0.454378347, -1.45436196, -0.0456410723);
}

TEST(optim_rmsprop_momentum_two_steps)
{
    optim_config c = optim_defaults(OPT_RMSPROP);
    c.lr = 0.1f; c.momentum = 0.5f;
    CHECK_RUN(OPT_RMSPROP, &c, 2, 0.296272369, -1.29625006, -0.203754077);
}

TEST(optim_adagrad_two_steps)
{
    optim_config c = optim_defaults(OPT_ADAGRAD);
    c.lr = 0.1f;
    CHECK_RUN(OPT_ADAGRAD, &c, 2, 0.940981378, -1.89940733, 0.374480637);
}

TEST(optim_skips_parameters_without_gradient)
{
    tensor *w = param(), *v = param();
    tensor *ps[2] = {w, v};
    optimizer *o = optim_new(OPT_SGD, NULL);
    CHECK(optim_bind(o, 2, ps) == 0);
    set_grad(w);
    CHECK(optim_step(o) == 0);
    CHECK_NEAR(tensor_data(w)[0], 1 - 0.01 * 0.1, 1e-7);
    CHECK_NEAR(tensor_data(v)[0], 1, 0);
    optim_zero_grad(o);
    CHECK(w->grad == NULL);
    optim_release(o);
    tensor_release(w); tensor_release(v);
}

TEST(optim_state_can_be_read_and_restored)
{
    optim_config c = optim_defaults(OPT_ADAM);
    c.lr = 0.1f;
    tensor *w1 = param(), *w2 = param();
    optimizer *a = optim_new(OPT_ADAM, &c), *b = optim_new(OPT_ADAM, &c);
    CHECK(optim_bind(a, 1, &w1) == 0 && optim_bind(b, 1, &w2) == 0);
    CHECK(optim_num_slots(a) == 2);
    CHECK(strcmp(optim_slot_name(a, 0), "momentum") == 0 && strcmp(optim_slot_name(a, 1), "velocity") == 0);
    CHECK(optim_slot(a, 0, 0) == NULL);
    set_grad(w1);
    CHECK(optim_step(a) == 0);
    CHECK(a->iterations == 1);
    CHECK_NEAR(tensor_data(optim_slot(a, 0, 0))[1], 0.1 * -0.2, 1e-7);      /* m = (1 - beta1) g */
    CHECK_NEAR(tensor_data(optim_slot(a, 0, 1))[1], 0.001 * 0.04, 1e-9);    /* v = (1 - beta2) g^2 */
    /* b takes a's weights and state, then both step: they must agree */
    tensor_copy_out(w1, tensor_data(w2));
    CHECK(optim_set_slot(b, 0, 0, optim_slot(a, 0, 0)) == 0);
    CHECK(optim_set_slot(b, 0, 1, optim_slot(a, 0, 1)) == 0);
    b->iterations = a->iterations;
    set_grad(w1); set_grad(w2);
    CHECK(optim_step(a) == 0 && optim_step(b) == 0);
    for (int k = 0; k < 3; k++) CHECK_NEAR(tensor_data(w2)[k], tensor_data(w1)[k], 0);
    int64_t s2[1] = {2};
    tensor *wrong = tensor_zeros(1, s2);
    CHECK(optim_set_slot(b, 0, 0, wrong) < 0);
    CHECK(strstr(ln_error(), "Adam: state [2] for parameter 1 must match its shape [3]"));
    tensor_release(wrong);
    optim_release(a); optim_release(b);
    tensor_release(w1); tensor_release(w2);
}

TEST(optim_rebinding_clears_state)
{
    tensor *w = param();
    optimizer *o = optim_new(OPT_ADAM, NULL);
    CHECK(optim_bind(o, 1, &w) == 0);
    set_grad(w);
    CHECK(optim_step(o) == 0 && o->iterations == 1 && optim_slot(o, 0, 0));
    CHECK(optim_bind(o, 1, &w) == 0);
    CHECK(o->iterations == 0 && optim_slot(o, 0, 0) == NULL);
    optim_release(o);
    tensor_release(w);
}

TEST(optim_errors)
{
    optimizer *o = optim_new(OPT_ADAM, NULL);
    CHECK(optim_step(o) < 0);
    CHECK(strstr(ln_error(), "Adam: not bound to any parameters; make it with optim.Adam(model:parameters(), {...}) or call opt:bind(params)"));
    int64_t s[1] = {3};
    tensor *plain = tensor_zeros(1, s);
    CHECK(optim_bind(o, 1, &plain) < 0);
    CHECK(strstr(ln_error(), "Adam: parameter 1 [3] does not require grad"));
    optim_release(o);
    tensor_release(plain);
    optim_config c = optim_defaults(OPT_SGD);
    c.lr = -1;
    CHECK_ERR(optim_new(OPT_SGD, &c), "SGD: lr must be a number >= 0, got -1");
    c = optim_defaults(OPT_SGD);
    c.momentum = 1.5f;
    CHECK_ERR(optim_new(OPT_SGD, &c), "SGD: momentum must be in [0, 1], got 1.5");
    c = optim_defaults(OPT_SGD);
    c.nesterov = 1;
    CHECK_ERR(optim_new(OPT_SGD, &c), "SGD: nesterov needs a momentum > 0");
    c = optim_defaults(OPT_ADAM);
    c.beta1 = 1;
    CHECK_ERR(optim_new(OPT_ADAM, &c), "Adam: beta1 must be in [0, 1), got 1");
    CHECK(optim_kind_from_name("adam") == OPT_ADAM && optim_kind_from_name("RMSProp") == OPT_RMSPROP);
    CHECK(optim_kind_from_name("adamw") < 0);
    CHECK(strstr(ln_error(), "unknown optimizer 'adamw' (valid: sgd, adam, rmsprop, adagrad)"));
}

TEST(optim_describe_prints_hyperparameters)
{
    optimizer *o = optim_new(OPT_ADAM, NULL);
    char buf[256];
    optim_describe(o, buf, sizeof buf);
    CHECK(strcmp(buf, "Adam(lr=0.001, beta1=0.9, beta2=0.999, eps=1e-07)") == 0);
    o->cfg.weight_decay = 0.01f;
    optim_describe(o, buf, sizeof buf);
    CHECK(strcmp(buf, "Adam(lr=0.001, beta1=0.9, beta2=0.999, eps=1e-07, weight_decay=0.01)") == 0);
    optim_release(o);
}
