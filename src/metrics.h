/* metrics.h — how good predictions are: accuracy and the confusion matrix.
 *
 * Predictions and targets come in the shapes Keras gives them: class numbers [N] or [N,1],
 * probabilities of the positive class [N] or [N,1] (cut at 0.5), or one score, probability or
 * one-hot column per class [N,K]. Uses core.h and tensor.h. Row numbers in messages are 1-based. */
#ifndef LUNET_METRICS_H
#define LUNET_METRICS_H

#include "tensor.h"

/* Class numbers of t's N rows, in a new ln_alloc'd array (*n = N): [N,K] with K > 1 gives each
 * row's argmax (*k = K); [N] or [N,1] gives the values themselves when all are whole numbers,
 * else probabilities cut at 0.5 (> 0.5 is class 1, as Keras' binary accuracy) (*k = 0).
 * NULL with an error starting "who: what ..." otherwise. */
int64_t *metrics_labels(const char *who, const char *what, tensor *t, int64_t *n, int64_t *k);

/* The fraction of rows where pred's class equals y's, in [0,1]. 0 or -1. */
int metrics_accuracy(tensor *pred, tensor *y, double *acc);

/* Counts [n,n]: row = true class, column = predicted class, as scikit-learn. n <= 0 infers it
 * from the inputs (the number of columns of a score matrix, or the largest class + 1). */
tensor *metrics_confusion(tensor *y_true, tensor *y_pred, int64_t n);

#endif
