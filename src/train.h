/* train.h — the training loop: fit, evaluate and predict for a compiled Sequential, in C.
 *
 *   fit_options o; fit_options_defaults(&o); o.epochs = 10; o.batch_size = 128;
 *   fit_result r;
 *   if (train_fit(m, x, y, &o, &callbacks, &r) < 0) ... ln_error() ...
 *   ... r.loss[0 .. r.nepochs-1] ...
 *   fit_result_free(&r);
 *
 * Per batch, fit gathers the rows of a shuffled index (rng_shuffle, so tensor.seed makes it
 * reproducible) into two buffers made once per fit, runs the model forward, the compiled loss,
 * backward and the optimizer step. In the steady state nothing is allocated from the system:
 * tensors come from tensor.c's pool and graph nodes from autograd.c's free list. Evaluation
 * (validation, evaluate, predict) runs without the graph on row views of x, with no copies.
 *
 * The caller hears of progress through callbacks (the Lua binding prints the Keras-style
 * progress line and runs the user's callback there); they are called at most every
 * progress_interval seconds plus once at each epoch's end. Ctrl-C: ln_interrupted is polled
 * after every batch; fit then stops at once, clears the flag and reports where it stopped,
 * with the model keeping the weights of the last finished batch.
 *
 * Ownership: arguments are borrowed; train_predict returns a new reference; fit_result's arrays
 * are owned by the result (fit_result_free). Errors: -1 / NULL after ln_seterror("fit: ...").
 * Uses model.h (nn.h, losses.h, optim.h), autograd.h and libc's clock. */
#ifndef LUNET_TRAIN_H
#define LUNET_TRAIN_H

#include "model.h"

typedef enum {
    MONITOR_LOSS, MONITOR_ACCURACY, MONITOR_VAL_LOSS, MONITOR_VAL_ACCURACY, MONITOR_COUNT
} fit_monitor;
extern const char *const fit_monitor_name[MONITOR_COUNT];   /* "loss", "accuracy", "val_loss", ... */

typedef struct fit_options {
    int epochs;                 /* the epoch to stop after, counted from 1 (Keras' epochs) */
    int initial_epoch;          /* epochs already done (resuming): training runs initial_epoch+1 .. epochs */
    int64_t batch_size;         /* 32 */
    double validation_split;    /* in [0, 1): the LAST fraction of the rows, taken before shuffling, as Keras */
    tensor *val_x, *val_y;      /* validation_data (borrowed); when set, validation_split must be 0 */
    int shuffle;                /* 1: a new order of the training rows every epoch */
    /* Early stopping (Keras' EarlyStopping): off while patience < 0. Training stops when the monitored
     * value has not improved by more than min_delta for `patience` epochs; restore_best puts back the
     * weights of the best epoch when training ends. */
    int patience;
    int monitor;                /* a fit_monitor; -1: val_loss when there is validation, else loss */
    double min_delta;
    int restore_best;           /* 1 */
    double progress_interval;   /* seconds between progress calls within an epoch: 0.1 */
} fit_options;

void fit_options_defaults(fit_options *o);

/* What the callbacks see. Running values are means over the rows seen so far in this epoch. */
typedef struct fit_status {
    int epoch, epochs;          /* the epoch running (from 1) and the last one */
    int64_t batch, batches;     /* batches done in this epoch, out of */
    int64_t rows;               /* rows done in this epoch */
    double loss, accuracy;      /* running means */
    int has_accuracy;
    int done;                   /* 1 on the epoch's last call: validation is in */
    double val_loss, val_accuracy;
    int has_val;
    double seconds;             /* since the epoch (or the evaluation) started */
} fit_status;

/* Return values of the callbacks: go on, stop training after this batch, or fail (error set). */
enum { FIT_GO_ON = 0, FIT_STOP = 1, FIT_INTERRUPT = 2, FIT_ERROR = -1 };

typedef struct fit_callbacks {
    void *ctx;
    /* Within an epoch (done = 0, rate limited) and at its end (done = 1). */
    int (*progress)(void *ctx, const fit_status *s);
    /* After the epoch's last progress call: history, the user's callback, a live plot. */
    int (*epoch_end)(void *ctx, const fit_status *s);
} fit_callbacks;

typedef enum {
    FIT_FINISHED,               /* every epoch ran */
    FIT_EARLY_STOPPED,          /* patience ran out */
    FIT_STOPPED,                /* a callback asked to stop */
    FIT_INTERRUPTED             /* Ctrl-C */
} fit_end;

typedef struct fit_result {
    fit_end end;
    int nepochs;                /* epochs finished and recorded */
    int *epoch;                 /* [nepochs] their numbers, from 1 */
    double *loss, *accuracy, *val_loss, *val_accuracy;   /* [nepochs]; NaN where not measured */
    double *seconds;            /* [nepochs] each epoch's duration, validation included */
    int has_accuracy, has_val;
    int stop_epoch;             /* FIT_INTERRUPTED / FIT_STOPPED: the epoch running, */
    int64_t stop_batch, batches;   /* the batches it had done, of */
    int best_epoch;             /* early stopping: the best epoch (0: none), */
    int restored;               /* and 1 when its weights were put back */
    int monitor;                /* the fit_monitor used by early stopping */
} fit_result;

void fit_result_free(fit_result *r);

/* Trains m (compiled) on x [N, ...] and y [N, ...]. cb may be NULL. r is always filled (free it
 * with fit_result_free, also after an error). 0, or -1 with the error set. */
int train_fit(model *m, tensor *x, tensor *y, const fit_options *o, const fit_callbacks *cb, fit_result *r);

/* The compiled loss (and accuracy, when the metric was asked for; else NaN) of m on x, y in
 * evaluation mode, in batches of batch_size. cb->progress (may be NULL) sees the evaluation as
 * one epoch. 0 or -1. */
int train_evaluate(model *m, tensor *x, tensor *y, int64_t batch_size, const fit_callbacks *cb,
                   double *loss, double *accuracy);

/* m's outputs for x [N, ...] in evaluation mode, in batches: a new tensor [N, ...]. */
tensor *train_predict(model *m, tensor *x, int64_t batch_size, const fit_callbacks *cb);

/* The accuracy metric Keras would pick for this loss and output, counted over a batch: the
 * number of correct rows (binary outputs: correct elements, with *total set accordingly).
 * pred and target are contiguous. */
double train_count_correct(int loss, const tensor *pred, const tensor *target, int64_t *total);

#endif
