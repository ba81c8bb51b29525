/* dataset.h — preparing data for training: one-hot labels, taking rows, splitting, batch order.
 *
 * These are plain copies, never recorded by autograd: data is an input, not a parameter.
 * Uses core.h (rng_shuffle, so tensor.seed makes every shuffle reproducible) and tensor.h.
 * Row numbers in error messages are 1-based, as the user counts them in Lua. Every returned
 * tensor is a new reference. */
#ifndef LUNET_DATASET_H
#define LUNET_DATASET_H

#include "tensor.h"

/* Keras' to_categorical: labels y [N] or [N,1] (whole numbers 0..n-1) -> [N,n] of 0/1.
 * n <= 0 infers n as the largest label + 1. */
tensor *data_one_hot(tensor *y, int64_t n);

/* Rows idx[0..n) of x along dim 0 (0-based, repeats allowed), copied into a new contiguous
 * tensor of shape [n, x's other dims]. idx NULL takes rows start .. start+n-1 instead. */
tensor *data_take_rows(tensor *x, const int64_t *idx, int64_t start, int64_t n);

/* Fills idx[0..n) with the order in which to visit n rows: 0..n-1, shuffled when shuffle != 0. */
void data_order(int64_t *idx, int64_t n, int shuffle);

/* Keras' validation_split: the last `fraction` of the rows (after shuffling, when asked) goes to
 * the second part. out[0..3] = x_a, y_a, x_b, y_b; y may be NULL (then out[1], out[3] are NULL).
 * 0 or -1 ("split: x has 100 rows but y has 99"). */
int data_split(tensor *x, tensor *y, double fraction, int shuffle, tensor *out[4]);

/* Checks that y has as many rows as x; `who` starts the message. 0 or -1. */
int data_check_rows(const char *who, tensor *x, tensor *y);

#endif
