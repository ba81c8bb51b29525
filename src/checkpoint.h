/* checkpoint.h — saving and loading a Sequential with its optimizer: model:save(path), nn.load(path).
 *
 * The file (little-endian, written through binfile.h: a temporary file renamed into place):
 *   "LUNETCK\0"  u32 version (1)
 *   str model name, u32 training, u32 in_ndim, i64 in_shape[in_ndim]
 *   u32 nlayers, then per layer:
 *     str type ("Dense"), str name ("dense_1"), u32 training,
 *     layer_config field by field (i64 units, i64 in_features, u32 activation, f64 alpha, f64 p,
 *       u32 use_bias, u32 kernel_init, bias_init, recurrent_init, i64 kernel[2], stride[2], pool[2],
 *       u32 padding, u32 return_sequences, f64 momentum, f64 epsilon, u32 input_ndim,
 *       i64 input_shape[input_ndim]),
 *     u32 built [u32 in_ndim, i64 in_shape[], u32 out_ndim, i64 out_shape[]],
 *     u32 nparams, per parameter: str name, u32 ndim, i64 shape[ndim], f32 data[numel];
 *     u32 nbuffers, the same per buffer
 *   u32 has_optimizer [str kind ("Adam"), optim_config field by field (f64 lr, f64 momentum,
 *     u32 nesterov, f64 weight_decay, beta1, beta2, rho, eps, initial_accumulator_value),
 *     i64 iterations, u32 nparams, u32 nslots, per parameter and slot: u32 present [f32 data]]
 *   u32 loss (0xFFFFFFFF: not compiled), u32 metrics
 *   "END\0"
 *
 * Loading builds each layer from its type and config exactly as the constructor would (with
 * zero initializers, so that no random numbers are drawn and a resumed run continues the same
 * random sequence), then checks every stored shape against the built one and copies the data
 * in. Every count and dim is checked against the bytes left before anything is allocated;
 * loading never runs code. Errors name the file: "nn.load: m.lunet is truncated (...)".
 *
 * Ownership: model_load returns a new reference. Uses model.h and binfile.h. */
#ifndef LUNET_CHECKPOINT_H
#define LUNET_CHECKPOINT_H

#include "model.h"

#define CHECKPOINT_VERSION 1

/* Writes m (and its compiled optimizer's state) to path. 0, or -1 with "save: ..." set. */
int model_save(const model *m, const char *path);
/* Reads a model written by model_save. New ref, or NULL with "nn.load: <path> ..." set. */
model *model_load(const char *path);

#endif
