/* optim.h — optimizers: SGD (momentum, Nesterov), Adam, RMSprop, Adagrad, with Keras' defaults
 * and Keras' update rules, each a C loop over the parameter buffers.
 *
 * An optimizer is made from a kind and a config (a spec: what optim.Adam{lr = 1e-3} makes),
 * then bound to a list of parameter tensors (optim_bind; compile does it for a model), then
 * stepped: optim_zero_grad(o); ...backward...; optim_step(o). Update rules (g the gradient,
 * lr the learning rate, t the step number from 1), as keras.optimizers computes them:
 *   weight_decay wd (all kinds, decoupled):  w -= lr * wd * w, before the update
 *   SGD      momentum 0:  w -= lr g
 *            else:        v = momentum v - lr g;  w += v      (nesterov: w += momentum v - lr g)
 *   Adam     m += (1 - beta1)(g - m);  v += (1 - beta2)(g^2 - v);
 *            w -= lr sqrt(1 - beta2^t) / (1 - beta1^t) * m / (sqrt(v) + eps)
 *   RMSprop  a = rho a + (1 - rho) g^2;  d = lr g / sqrt(a + eps)
 *            momentum 0: w -= d;  else: mom = momentum mom + d;  w -= mom
 *   Adagrad  acc += g^2 (acc starts at initial_accumulator_value);  w -= lr g / sqrt(acc + eps)
 * Parameters without a gradient are skipped (as PyTorch does).
 *
 * State for checkpoints: `iterations` (steps taken) is a plain field; the per-parameter buffers
 * ("slots", named as Keras names them) are reached with optim_slot / optim_set_slot. A slot is
 * NULL until the first step that needs it.
 *
 * Ownership: optim_new returns a new reference (optim_release); the optimizer retains its
 * parameters and owns its slots; accessors return borrowed tensors.
 * Uses tensor.h only. */
#ifndef LUNET_OPTIM_H
#define LUNET_OPTIM_H

#include "tensor.h"

typedef enum { OPT_SGD, OPT_ADAM, OPT_RMSPROP, OPT_ADAGRAD, OPT_COUNT } optim_kind;
extern const char *const optim_kind_name[OPT_COUNT];    /* "SGD", "Adam", "RMSprop", "Adagrad" */
/* The kind called name, any case ("adam", "Adam", "sgd"), or -1 with the valid names. */
int optim_kind_from_name(const char *name);

typedef struct optim_config {
    float lr;                          /* SGD 0.01, others 0.001 */
    float momentum;                    /* SGD, RMSprop: 0 */
    int nesterov;                      /* SGD: 0 */
    float weight_decay;                /* all: 0 (decoupled, see above) */
    float beta1, beta2;                /* Adam: 0.9, 0.999 */
    float rho;                         /* RMSprop: 0.9 */
    float eps;                         /* Adam, RMSprop, Adagrad: 1e-7 */
    float initial_accumulator_value;   /* Adagrad: 0.1 */
} optim_config;

/* Keras' defaults for kind k. */
optim_config optim_defaults(optim_kind k);
/* Checks the values (lr >= 0, momentum in [0, 1], betas in [0, 1), ...). 0 or -1. */
int optim_check_config(optim_kind k, const optim_config *c);

#define OPTIM_MAXSLOTS 2

typedef struct optimizer {
    int refs;
    optim_kind kind;
    optim_config cfg;                  /* may be changed between steps (lr schedules) */
    int64_t iterations;                /* steps taken; Adam's bias correction uses it */
    int nparams;                       /* 0 until bound */
    tensor **params;                   /* retained */
    tensor **slots;                    /* [nparams * OPTIM_MAXSLOTS], owned, NULL until needed */
} optimizer;

/* A new unbound optimizer (cfg NULL: the defaults); checks the config. New ref or NULL. */
optimizer *optim_new(optim_kind k, const optim_config *cfg);
optimizer *optim_retain(optimizer *o);
void optim_release(optimizer *o);      /* NULL is fine */

/* Binds o to params (each retained; each must be a contiguous tensor with requires_grad). Binding
 * again replaces the list and clears the state (slots and iterations). 0 or -1. */
int optim_bind(optimizer *o, int n, tensor *const *params);
/* One update of every bound parameter that has a gradient. 0 or -1. */
int optim_step(optimizer *o);
/* Drops every bound parameter's gradient (PyTorch's zero_grad(set_to_none=True)). */
void optim_zero_grad(optimizer *o);

/* Slots: the number of state buffers per parameter for o's kind, their names, and access. */
int optim_num_slots(const optimizer *o);
const char *optim_slot_name(const optimizer *o, int slot);     /* "momentum", "velocity", ... */
tensor *optim_slot(const optimizer *o, int param, int slot);   /* borrowed; NULL if not made yet */
/* Copies value (same number of elements as the parameter) into the slot, making it if needed. */
int optim_set_slot(optimizer *o, int param, int slot, const tensor *value);

/* "Adam(lr=0.001, beta1=0.9, beta2=0.999, eps=1e-07)" */
void optim_describe(const optimizer *o, char *buf, size_t n);

#endif
