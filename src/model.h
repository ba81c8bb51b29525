/* model.h — Sequential: an ordered list of layers run one after another, as Keras' Sequential
 * and Torch's nn.Sequential.
 *
 * This is the C API that the training loop (fit/evaluate/predict) and checkpoints build on:
 *   model_forward(m, x, training)   the output for a batch x, recorded for autograd
 *   model_parameters(m, out, cap)   the trainable tensors, in layer order (kernel, then bias)
 *   model_set_training(m, on)       train()/eval(): Dropout (and later BatchNorm) follow it
 * and the losses (losses.h) and optimizers (optim.h) take it from there:
 *   tensor *y = model_forward(m, xb, 1);
 *   tensor *L = loss_compute(LOSS_SPARSE_CATEGORICAL_CROSSENTROPY, y, yb);
 *   optim_zero_grad(opt); ag_backward(L, NULL, 0); optim_step(opt);
 *   tensor_release(y); tensor_release(L);
 *
 * Ownership: model_new returns a new reference (model_release); the model retains its layers
 * and its compiled optimizer; accessors return borrowed pointers. A layer may be shared by
 * several models (shared weights). Errors: NULL / -1 after ln_seterror, naming the layer
 * ("Sequential layer 2: Dense(784 -> 128): expected input [N,784], got [N,28,28] — ...").
 * Uses nn.h, losses.h, optim.h. */
#ifndef LUNET_MODEL_H
#define LUNET_MODEL_H

#include "nn.h"
#include "losses.h"
#include "optim.h"

typedef struct model {
    int refs;
    char name[32];               /* "sequential", "sequential_1", ... as Keras */
    int nlayers, cap;
    layer **layers;              /* retained */
    int training;                /* 1 (default, as in Torch) or 0 */
    int in_ndim;                 /* declared per-sample input shape (input_shape); 0: none */
    int64_t in_shape[T_MAXDIM];
    /* Set by compile (model_compile), read by fit/evaluate. */
    optimizer *opt;              /* retained; NULL before compile */
    int loss;                    /* a loss_kind; -1 before compile */
    int metrics;                 /* MODEL_METRIC_* bits */
} model;

enum { MODEL_METRIC_ACCURACY = 1 };

model *model_new(void);
model *model_retain(model *m);
void model_release(model *m);            /* NULL is fine */

/* Appends l (retained). When the model's shapes are known (input_shape given, or every layer so
 * far built), l is built at once, so summary() works before any call. 0 or -1. */
int model_add(model *m, layer *l);
/* Declares the per-sample input shape and builds every layer in turn. 0 or -1. */
int model_build(model *m, int ndim, const int64_t *in_shape);
/* 1 when every layer is built. */
int model_built(const model *m);

/* y = layers(x) for a batch x [N, ...]; training 1 or 0 for this call, -1 for the model's mode.
 * New ref or NULL. */
tensor *model_forward(model *m, tensor *x, int training);
void model_set_training(model *m, int on);

/* The trainable tensors in order (borrowed) into out[0 .. cap-1]; returns how many there are
 * (call with cap 0 to size the array). */
int model_parameters(const model *m, tensor **out, int cap);
/* Total trainable numbers; *nontrainable gets the buffers' count. */
int64_t model_count_params(const model *m, int64_t *nontrainable);
/* Releases every parameter's gradient (as PyTorch's zero_grad(set_to_none=True)). */
void model_zero_grad(model *m);

/* compile: binds opt (retained) to the model's parameters, which must exist (the model built),
 * and records the loss and metrics for fit/evaluate. 0 or -1. */
int model_compile(model *m, optimizer *opt, int loss, int metrics);

#endif
