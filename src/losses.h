/* losses.h — the training losses, numerically stable, each one recorded op with its own fused
 * backward. All return the mean over the batch as a new 0-d tensor, as Keras does:
 *
 *   mse                              mean((pred - target)^2) over every element
 *   binary_crossentropy              -mean(y log p + (1 - y) log(1 - p)); p clipped to
 *                                    [1e-7, 1 - 1e-7] as Keras; from_logits: pred is z and the
 *                                    stable form max(z, 0) - z y + log(1 + exp(-|z|)) is used
 *   categorical_crossentropy         -mean over rows of sum_k y_k log p_k, one-hot targets [N, K];
 *                                    probabilities are renormalised and clipped as Keras does
 *   sparse_categorical_crossentropy  the same with integer labels [N] or [N, 1], 0-based
 *
 * The hot path of training is fused: when pred is the output of a softmax op (Dense(10,
 * "softmax")), the cross-entropies are computed from the softmax's input logits with
 * log-softmax and the backward goes straight to the logits, dlogits = (softmax - y) / N; when
 * pred is the output of a sigmoid op, binary_crossentropy does the same with the logits of the
 * sigmoid (as tf.keras does). Values agree with the plain formulas except where the clipping
 * would have cut them off.
 *
 * "Rows" are all leading dims: pred [N, K] has N rows, [N, T, K] has N*T (sequence outputs).
 * Targets of mse and binary_crossentropy may differ from pred by a trailing dim of 1 ([N] for
 * [N, 1]). Gradients flow to pred and, except for integer labels, to the target as well.
 * Errors name the loss and the shapes: "categorical_crossentropy: target [32] looks like integer
 * labels; use sparse_categorical_crossentropy or data.one_hot(y, 10)".
 *
 * Ownership: every function returns a new reference; arguments are borrowed.
 * Uses tensor.h and autograd.h. */
#ifndef LUNET_LOSSES_H
#define LUNET_LOSSES_H

#include "tensor.h"

typedef enum {
    LOSS_MSE, LOSS_BINARY_CROSSENTROPY, LOSS_CATEGORICAL_CROSSENTROPY,
    LOSS_SPARSE_CATEGORICAL_CROSSENTROPY,
    LOSS_COUNT
} loss_kind;
extern const char *const loss_name[LOSS_COUNT];   /* "mse", "binary_crossentropy", ... */

#define LOSS_EPSILON 1e-7f                         /* Keras' backend epsilon */

/* The loss called name (also Keras' long names "mean_squared_error"), or -1 with the valid names. */
int loss_from_name(const char *name);

/* loss(pred, target) for a loss by kind, from probabilities (from_logits = 0). */
tensor *loss_compute(loss_kind k, tensor *pred, tensor *target);

tensor *loss_mse(tensor *pred, tensor *target);
tensor *loss_binary_crossentropy(tensor *pred, tensor *target, int from_logits);
tensor *loss_categorical_crossentropy(tensor *pred, tensor *target, int from_logits);
tensor *loss_sparse_categorical_crossentropy(tensor *pred, tensor *labels, int from_logits);

#endif
