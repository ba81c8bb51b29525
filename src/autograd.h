/* autograd.h — define-by-run reverse-mode differentiation, as in micrograd and PyTorch.
 *
 * An op computes its output, then calls ag_record(): when grad mode is on and an input requires
 * grad, a node is hung on the output holding the op (name + backward), its inputs (retained) and
 * whatever the backward needs (saved tensors, numbers). backward() sorts the graph, runs each
 * node's backward in reverse topological order with grad mode off, and frees the graph.
 *
 * A backward function gets the node, the output (borrowed; its values are those of the forward)
 * and the gradient of the output (borrowed, same shape as out). It calls ag_accumulate() for each
 * input that needs a gradient:   dA += f(dOut, ...).
 */
#ifndef LUNET_AUTOGRAD_H
#define LUNET_AUTOGRAD_H

#include "tensor.h"

#define AG_MAXIN 4
#define AG_MAXSAVED 4

typedef struct ag_node ag_node;
typedef int (*ag_backward_fn)(ag_node *n, tensor *out, tensor *gout);   /* 0 or -1 */

typedef struct ag_op {
    const char *name;          /* shown by autograd.graph and in errors: "matmul" */
    ag_backward_fn backward;
} ag_op;

struct ag_node {
    const ag_op *op;
    int ninputs;
    tensor *inputs[AG_MAXIN];      /* retained; NULL allowed (e.g. an absent bias) */
    tensor *saved[AG_MAXSAVED];    /* retained; op-specific */
    double f[4];                   /* op-specific numbers */
    int64_t i[T_MAXDIM + 4];       /* op-specific integers (dims, shapes) */
    unsigned mark;                 /* visit stamp of the graph walk */
};

/* Grad mode (on by default). ag_set_enabled returns the previous value, so callers restore it. */
int ag_enabled(void);
int ag_set_enabled(int on);

/* Records op on out if grad mode is on and any input requires grad; returns the node (for the
 * caller to fill saved/f/i) or NULL when nothing is recorded. Also runs the anomaly check. */
ag_node *ag_record(tensor *out, const ag_op *op, int n, tensor *const *inputs);
/* 1 when input k of n needs a gradient. */
static inline int ag_needs(const ag_node *n, int k) { return n->inputs[k] && n->inputs[k]->requires_grad; }
/* Saves t in slot k of n (retained). */
void ag_save(ag_node *n, int k, tensor *t);

/* grad(t) += g, summing g down to t's shape if g was broadcast. g is borrowed. */
int ag_accumulate(tensor *t, tensor *g);

/* Runs backward from y. gy may be NULL when y has one element (then dy = 1).
 * retain_graph keeps the graph for another backward. */
int ag_backward(tensor *y, tensor *gy, int retain_graph);
void ag_node_free(ag_node *n);            /* releases the node's inputs and saved tensors */
/* Calls visit(t, depth, ctx) for t and everything its graph reaches, depth-first (for printing). */
void ag_walk(tensor *t, void (*visit)(tensor *t, int depth, void *ctx), void *ctx);

/* NaN/Inf trap: when on, ag_record checks every op's output; the first non-finite one sets the
 * error ("detect_anomaly: log produced NaN ...") and a pending flag. Bindings call
 * ag_take_anomaly() after each core call: it returns 1 (and clears the flag) if one was seen. */
void ag_set_detect_anomaly(int on);
int ag_detect_anomaly(void);
int ag_take_anomaly(void);

#endif
