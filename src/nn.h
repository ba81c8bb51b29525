/* nn.h — layers: small C objects made of a type table, a plain config, parameters and a mode.
 *
 * A layer is what `nn.Dense(128, "relu")` makes. Its type (a const layer_type, one per kind of
 * layer) says how to build it from the shape of its first input, how to run it and how to print
 * it; its config is a plain struct of numbers (units, activation, rate, kernel size, ...) that a
 * checkpoint can write field by field; its parameters are leaf tensors with requires_grad, named
 * "kernel" and "bias" as in Keras. The forward pass is made of the autograd-recording core ops
 * (tensor_linear, tensor_unary, tensor_softmax, ...), so backward comes for free.
 *
 * Shapes. A layer sees batches: x is [N, ...]. Shapes stored in a layer (in_shape, out_shape,
 * cfg.input_shape) are per sample, without the batch dimension, as Keras' input_shape is:
 * [784] for a flat MNIST image, [28, 28, 1] for an image (channels last, [N, H, W, C]),
 * [T, F] for a sequence ([N, T, F]).
 *
 * Life cycle. layer_new builds the layer at once when its input shape is known (Linear, or
 * cfg.input_shape given); otherwise the first layer_forward builds it from the batch it sees,
 * and the shape is fixed from then on ("Dense(784 -> 128): expected input [N,784], got [N,100]").
 *
 * Ownership: layer_new returns a new reference (layer_release); whatever stores a layer retains
 * it (a Sequential, a Lua box). Parameters and buffers are owned by the layer; accessors return
 * borrowed tensors. Errors: NULL or -1 after ln_seterror("Dense(784 -> 128): what went wrong").
 *
 * Uses tensor.h and autograd.h only. The files: layers.c (life cycle, build, forward, printing,
 * counting), layer_init.c (initializers), layer_activation.c (activations and their layers),
 * layer_dense.c (Dense, Linear), layer_shape.c (Flatten), layer_dropout.c (Dropout). */
#ifndef LUNET_NN_H
#define LUNET_NN_H

#include <stddef.h>

#include "tensor.h"

/* ---- activations (layer_activation.c) ---- */
typedef enum {
    ACT_LINEAR, ACT_STEP, ACT_SIGMOID, ACT_TANH, ACT_RELU, ACT_LEAKY_RELU, ACT_SOFTMAX,
    ACT_COUNT
} nn_activation;
extern const char *const nn_activation_name[ACT_COUNT];   /* "linear", "step", ... as students type them */
/* Slope of "leaky_relu" given by name (keras.activations.leaky_relu: 0.2); the LeakyReLU layer
 * defaults to 0.3, as keras.layers.LeakyReLU does. */
#define NN_LEAKY_ACTIVATION_ALPHA 0.2f
#define NN_LEAKY_LAYER_ALPHA 0.3f
/* The activation called name, or -1 with "who: unknown activation 'x' (valid: linear, step, ...)". */
int nn_activation_from_name(const char *who, const char *name);
/* act(x) as a recorded op; softmax is over the last dim; ACT_LINEAR returns x retained; alpha is
 * leaky_relu's slope (NaN: NN_LEAKY_ACTIVATION_ALPHA). New ref. */
tensor *nn_activate(tensor *x, nn_activation act, float alpha);

/* ---- initializers (layer_init.c), Keras' names and formulas ---- */
typedef enum {
    INIT_DEFAULT,            /* the layer's own choice: Dense glorot_uniform/zeros, Linear torch */
    INIT_ZEROS, INIT_ONES,
    INIT_GLOROT_UNIFORM,     /* U(-l, l), l = sqrt(6 / (fan_in + fan_out)) */
    INIT_GLOROT_NORMAL,      /* truncated normal, stddev sqrt(2 / (fan_in + fan_out)) */
    INIT_HE_UNIFORM,         /* U(-l, l), l = sqrt(6 / fan_in) */
    INIT_HE_NORMAL,          /* truncated normal, stddev sqrt(2 / fan_in) */
    INIT_LECUN_UNIFORM,      /* U(-l, l), l = sqrt(3 / fan_in) */
    INIT_LECUN_NORMAL,       /* truncated normal, stddev sqrt(1 / fan_in) */
    INIT_RANDOM_UNIFORM,     /* U(-0.05, 0.05) */
    INIT_RANDOM_NORMAL,      /* N(0, 0.05^2) */
    INIT_TORCH,              /* U(-1/sqrt(fan_in), 1/sqrt(fan_in)): Torch7's nn.Linear, weight and bias */
    INIT_COUNT
} nn_init;
extern const char *const nn_init_name[INIT_COUNT];        /* "default", "zeros", "glorot_uniform", ... */
int nn_init_from_name(const char *who, const char *name);  /* -1 with the valid names listed */
/* Fills t (contiguous) in place from the shared generator (tensor.seed makes it reproducible). */
int nn_init_fill(tensor *t, nn_init init, int64_t fan_in, int64_t fan_out);

/* ---- layers ---- */
typedef enum { PAD_VALID, PAD_SAME } nn_padding;

#define LAYER_MAXPARAMS 8
#define LAYER_MAXBUFFERS 4

/* Everything a layer is made from, as plain values (a checkpoint stores these). Fields a layer
 * type does not use stay at their defaults (layer_config_defaults). */
typedef struct layer_config {
    int64_t units;              /* Dense, Linear (out), SimpleRNN/LSTM/GRU; Conv2D's filters */
    int64_t in_features;        /* Linear's given input size; 0 elsewhere (inferred) */
    nn_activation activation;   /* Dense and the activation layers; Conv2D, RNNs later */
    float alpha;                /* slope of leaky_relu; NaN: the layer's default */
    float p;                    /* Dropout rate, in [0, 1) */
    int use_bias;               /* 1 by default */
    nn_init kernel_init, bias_init, recurrent_init;
    /* Conv2D / MaxPool2D / BatchNorm / recurrent layers */
    int64_t kernel[2], stride[2], pool[2];
    nn_padding padding;
    int return_sequences;
    float momentum, epsilon;    /* BatchNorm: 0.99 and 1e-3 as Keras */
    /* Keras' input_shape (per sample); input_ndim 0 when not given */
    int input_ndim;
    int64_t input_shape[T_MAXDIM];
} layer_config;

void layer_config_defaults(layer_config *c);

typedef struct layer layer;

/* One per kind of layer. Hooks that a type does not need are NULL. */
typedef struct layer_type {
    const char *name;       /* "Dense": the constructor students call (nn.Dense) */
    const char *prefix;     /* "dense": Keras-style instance names dense, dense_1, ... */
    int shape_free;         /* 1: no parameters, output shape = input shape, any input accepted */
    /* Checks l->cfg and fixes what the type implies (ReLU sets activation); errors without the
     * layer's description (layer_new prefixes the type name). 0 or -1. */
    int (*setup)(layer *l);
    /* Sets l->out_* and makes the parameters for the per-sample input shape in (l->in_* is set).
     * Errors without the prefix (layer_build adds it). 0 or -1. */
    int (*build)(layer *l);
    /* y = layer(x), recorded for autograd; x is a batch [N, ...] and the layer is built.
     * Shape errors without the prefix (layer_forward adds it). New ref or NULL. */
    tensor *(*forward)(layer *l, tensor *x, int training);
    /* Writes the description without the type name: "784 -> 128, relu" (NULL: empty). */
    void (*describe)(const layer *l, char *buf, size_t n);
} layer_type;

struct layer {
    int refs;
    const layer_type *type;
    layer_config cfg;
    char name[32];                       /* "dense_1" */
    int training;                        /* 1 (the default, as in Torch) or 0: layer:train()/eval() */
    int built;
    int in_ndim, out_ndim;               /* per-sample shapes, valid once built */
    int64_t in_shape[T_MAXDIM], out_shape[T_MAXDIM];
    int nparams;
    tensor *params[LAYER_MAXPARAMS];     /* owned; trainable leaves with requires_grad */
    const char *param_names[LAYER_MAXPARAMS];    /* "kernel", "bias" */
    int nbuffers;
    tensor *buffers[LAYER_MAXBUFFERS];   /* owned; non-trainable state (BatchNorm's moving mean) */
    const char *buffer_names[LAYER_MAXBUFFERS];
};

/* Every layer type, NULL-terminated, and lookup by name ("Dense"): for constructors and loading. */
extern const layer_type *const layer_types[];
const layer_type *layer_type_find(const char *name);
extern const layer_type layer_dense, layer_linear, layer_flatten, layer_activation, layer_relu,
    layer_leaky_relu, layer_sigmoid, layer_tanh, layer_softmax, layer_step, layer_dropout;
/* The deeper layers: layer_conv.c (Conv2D, MaxPool2D), layer_batchnorm.c (BatchNorm),
 * layer_rnn.c (SimpleRNN, LSTM, GRU). Their state is all in cfg, params and buffers:
 *   Conv2D     units = filters, kernel[2], stride[2], padding, activation, use_bias, initializers;
 *              params kernel [KH,KW,C,filters], bias [filters]
 *   MaxPool2D  pool[2], stride[2] (0,0: the pool size, as Keras' strides=None), padding
 *   BatchNorm  momentum, epsilon; params gamma, beta [C]; buffers moving_mean, moving_variance [C]
 *   SimpleRNN, LSTM, GRU  units, activation (Keras' default is tanh: set it, since the config's
 *              default is linear), return_sequences, use_bias, kernel/recurrent/bias initializers;
 *              params kernel [F,n*units], recurrent_kernel [units,n*units], bias [n*units]
 *              (GRU [2,3*units]), n = 1, 4, 3 */
extern const layer_type layer_conv2d, layer_maxpool2d, layer_batchnorm, layer_simple_rnn, layer_lstm, layer_gru;

/* A new layer of type t configured by cfg (copied; NULL: defaults). Builds it at once when its
 * input shape is known. New ref, or NULL ("Dense: units must be a positive integer, got 0"). */
layer *layer_new(const layer_type *t, const layer_config *cfg);
layer *layer_retain(layer *l);
void layer_release(layer *l);            /* NULL is fine */

/* Builds l for the per-sample input shape in (no batch dim). Building again with the same shape
 * does nothing; with another shape it is an error. 0 or -1. */
int layer_build(layer *l, int ndim, const int64_t *in_shape);
/* y = l(x) for a batch x [N, ...], building l on first use. training: 1 or 0 for this call,
 * -1 for the layer's own mode. Errors name the layer: "Dense(784 -> 128): expected input
 * [N,784], got [N,28,28] — add nn.Flatten() first". New ref or NULL. */
tensor *layer_forward(layer *l, tensor *x, int training);
void layer_set_training(layer *l, int on);

/* "Dense(784 -> 128, relu)", or "Dense(? -> 128, relu)" before it is built. */
void layer_describe(const layer *l, char *buf, size_t n);
/* The parameter called name ("kernel"), borrowed, or NULL. */
tensor *layer_param(const layer *l, const char *name);
/* Number of trainable parameters (numbers, not tensors); *nontrainable gets the buffers' count. */
int64_t layer_count_params(const layer *l, int64_t *nontrainable);
/* The arithmetic of that count, as the lecture writes it: "784*128 + 128" ("0" with none). */
void layer_count_formula(const layer *l, char *buf, size_t n);

/* Writes "[N,28,28]" (the per-sample shape with the batch shown as N) into buf (96 bytes). */
char *nn_batch_shape_str(char *buf, int ndim, const int64_t *shape);

/* For layer types: adds a parameter (a new zero tensor of the given shape, requires_grad) or a
 * buffer; returns it (borrowed) or NULL. */
tensor *layer_add_param(layer *l, const char *name, int ndim, const int64_t *shape);
tensor *layer_add_buffer(layer *l, const char *name, int ndim, const int64_t *shape);
/* Sets the error to prefix + the current error (prefix is a format). */
void nn_prefix_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
