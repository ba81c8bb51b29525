/* autograd.c — recording ops, sorting the graph, running backward, freeing the graph.
 * Uses tensor.h only; the ops' own backward functions live beside their forwards. */
#include "autograd.h"

#include <math.h>
#include <string.h>

static int grad_enabled = 1;
static int anomaly_on, anomaly_pending;

int ag_enabled(void) { return grad_enabled; }
int ag_set_enabled(int on) { int was = grad_enabled; grad_enabled = on != 0; return was; }
void ag_set_detect_anomaly(int on) { anomaly_on = on != 0; }
int ag_detect_anomaly(void) { return anomaly_on; }
int ag_take_anomaly(void) { int p = anomaly_pending; anomaly_pending = 0; return p; }

/* First non-finite element of t (0-based), or -1. */
static int64_t first_nonfinite(const tensor *t)
{
    const float *base = t->st->data;
    offset_iter it;
    oiter_init(&it, t->ndim, t->shape, t->stride, t->offset);
    for (int64_t k = 0; k < t->numel; k++, oiter_next(&it))
        if (!isfinite(base[it.off])) return k;
    return -1;
}

/* After a node's backward: a NaN/Inf in an input's gradient names the op whose backward made it. */
static int check_backward_anomaly(const ag_node *n)
{
    for (int k = 0; k < n->ninputs; k++) {
        tensor *in = n->inputs[k];
        if (!in || !in->grad) continue;
        int64_t e = first_nonfinite(in->grad);
        if (e < 0) continue;
        char b[96];
        ln_seterror("detect_anomaly: the backward of %s produced a non-finite gradient for its input %d "
                    "(shape %s, element %lld)", n->op->name, k + 1, ln_shape_str(b, in->ndim, in->shape),
                    (long long)e + 1);
        return -1;
    }
    return 0;
}

static void check_anomaly(const char *opname, const tensor *out)
{
    if (anomaly_pending) return;   /* keep the first culprit */
    const float *base = out->st->data;
    offset_iter it;
    oiter_init(&it, out->ndim, out->shape, out->stride, out->offset);
    for (int64_t k = 0; k < out->numel; k++, oiter_next(&it)) {
        float v = base[it.off];
        if (!isfinite(v)) {
            char b[96];
            ln_seterror("detect_anomaly: %s produced %s (output shape %s, element %lld)", opname,
                        isnan(v) ? "NaN" : "Inf", ln_shape_str(b, out->ndim, out->shape), (long long)k + 1);
            anomaly_pending = 1;
            return;
        }
    }
}

/* Freed nodes are kept on a bounded free list: a training loop then records ops without malloc. */
static ag_node *free_nodes;
static int nfree_nodes;

ag_node *ag_record(tensor *out, const ag_op *op, int n, tensor *const *inputs)
{
    if (anomaly_on) check_anomaly(op->name, out);
    if (!grad_enabled) return NULL;
    int any = 0;
    for (int k = 0; k < n; k++) any |= inputs[k] && inputs[k]->requires_grad;
    if (!any) return NULL;
    ag_node *node = free_nodes;
    if (node) { free_nodes = *(ag_node **)node; nfree_nodes--; memset(node, 0, sizeof *node); }
    else node = ln_calloc(1, sizeof *node);
    if (!node) return NULL;   /* out stays a constant; the error is set */
    node->op = op;
    node->ninputs = n;
    for (int k = 0; k < n; k++) node->inputs[k] = tensor_retain(inputs[k]);
    out->node = node;
    out->requires_grad = 1;
    return node;
}

void ag_save(ag_node *n, int k, tensor *t)
{
    tensor_release(n->saved[k]);
    n->saved[k] = tensor_retain(t);
}

void ag_node_free(ag_node *n)
{
    for (int k = 0; k < AG_MAXIN; k++) tensor_release(n->inputs[k]);
    for (int k = 0; k < AG_MAXSAVED; k++) tensor_release(n->saved[k]);
    if (nfree_nodes >= 4096) { ln_free(n); return; }
    *(ag_node **)n = free_nodes;
    free_nodes = n;
    nfree_nodes++;
}

/* A buffer we may keep as t's gradient: nobody else holds it, and it is exactly t's shape. */
static int can_adopt(const tensor *g, const tensor *t)
{
    return g->refs == 1 && g->st->refs == 1 && g->offset == 0 && g->numel == g->st->n &&
           tensor_is_contiguous(g) && tensor_same_shape(g, t) && !g->requires_grad;
}

int ag_accumulate(tensor *t, tensor *g)
{
    if (!t || !t->requires_grad) return 0;
    if (!t->grad && tensor_same_shape(g, t) && can_adopt(g, t)) {
        /* only the caller holds g, and it is done with it: keep the buffer instead of copying */
        t->grad = tensor_retain(g);
        return 0;
    }
    tensor *r = tensor_same_shape(g, t) ? tensor_retain(g) : tensor_sum_to(g, t->ndim, t->shape);
    if (!r) return -1;
    int rc = 0;
    if (!t->grad) {
        if (r != g && can_adopt(r, t)) { t->grad = r; return 0; }
        t->grad = tensor_empty(t->ndim, t->shape);
        if (!t->grad) rc = -1;
        else tensor_copy_out(r, t->grad->st->data);
    } else {
        rc = tensor_axpy_(t->grad, 1.0f, r);
    }
    tensor_release(r);
    return rc;
}

/* ---- graph walk ---- */
static unsigned stamp;

typedef struct { tensor **v; int64_t n, cap; } tlist;

static int tlist_push(tlist *l, tensor *t)
{
    if (l->n == l->cap) {
        int64_t cap = l->cap ? l->cap * 2 : 64;
        tensor **v = ln_realloc(l->v, (size_t)cap * sizeof *v);
        if (!v) return -1;
        l->v = v; l->cap = cap;
    }
    l->v[l->n++] = t;
    return 0;
}

/* Post-order of the graph below y (inputs before the tensors made from them), each retained.
 * Iterative, so that deep graphs cannot overflow the C stack. */
static int topo_sort(tensor *y, tlist *order)
{
    static tlist stack;   /* kept between calls: a training step then allocates nothing here */
    stack.n = 0;
    int rc = 0;
    stamp++;
    if (tlist_push(&stack, y) < 0) return -1;
    if (y->node) y->node->mark = stamp;
    while (stack.n > 0 && rc == 0) {
        tensor *t = stack.v[stack.n - 1];
        tensor *next = NULL;
        if (t->node)
            for (int k = 0; k < t->node->ninputs && !next; k++) {
                tensor *in = t->node->inputs[k];
                if (in && in->requires_grad && in->node && in->node->mark != stamp) next = in;
                else if (in && in->requires_grad && !in->node && in->graph_freed) {
                    ln_seterror("backward: part of this graph was already freed by an earlier backward(); "
                                "pass retain_graph = true to the first backward, or recompute the forward pass");
                    rc = -1;
                }
            }
        if (next) {
            next->node->mark = stamp;
            rc = tlist_push(&stack, next);
        } else {
            stack.n--;
            if (tlist_push(order, tensor_retain(t)) < 0) { tensor_release(t); rc = -1; }
        }
    }
    return rc;
}

int ag_backward(tensor *y, tensor *gy, int retain_graph)
{
    char b1[96], b2[96];
    if (y->graph_freed) {
        ln_seterror("backward: the graph of this tensor was already freed by an earlier backward(); "
                    "call backward with retain_graph = true the first time to keep it");
        return -1;
    }
    if (!y->requires_grad) {
        ln_seterror("backward: this tensor does not require grad; mark the inputs with "
                    "x:requires_grad() before computing it");
        return -1;
    }
    if (!gy && y->numel != 1) {
        ln_seterror("backward: output has shape %s; give a gradient of that shape, or reduce it to one "
                    "value first (e.g. y:sum())", ln_shape_str(b1, y->ndim, y->shape));
        return -1;
    }
    if (gy && gy->numel != y->numel) {
        ln_seterror("backward: gradient shape %s does not match output shape %s",
                    ln_shape_str(b1, gy->ndim, gy->shape), ln_shape_str(b2, y->ndim, y->shape));
        return -1;
    }
    static tlist order;   /* kept between calls, like topo_sort's stack */
    order.n = 0;
    int was = ag_set_enabled(0);
    int rc = topo_sort(y, &order);
    if (rc == 0) {
        tensor *seed = gy ? tensor_reshape(gy, y->ndim, y->shape) : tensor_full(y->ndim, y->shape, 1.0f);
        rc = seed ? ag_accumulate(y, seed) : -1;
        tensor_release(seed);
    }
    for (int64_t k = order.n - 1; k >= 0 && rc == 0; k--) {
        tensor *t = order.v[k];
        if (!t->node) continue;   /* a leaf: its grad stays */
        if (t->grad) rc = t->node->op->backward(t->node, t, t->grad);
        if (rc == 0 && t->grad && anomaly_on) rc = check_backward_anomaly(t->node);
        tensor_release(t->grad);  /* intermediate gradients are not kept, as in PyTorch */
        t->grad = NULL;
    }
    if (rc != 0) /* leave no half-accumulated intermediates behind */
        for (int64_t k = 0; k < order.n; k++)
            if (order.v[k]->node) { tensor_release(order.v[k]->grad); order.v[k]->grad = NULL; }
    if (!retain_graph)
        for (int64_t k = 0; k < order.n; k++) {
            tensor *t = order.v[k];
            if (!t->node) continue;
            ag_node *n = t->node;
            t->node = NULL;
            t->graph_freed = 1;
            ag_node_free(n);
        }
    for (int64_t k = 0; k < order.n; k++) tensor_release(order.v[k]);
    order.n = 0;
    ag_set_enabled(was);
    return rc;
}

/* ---- walking for display ---- */
typedef struct { tensor *t; int depth; } wframe;

void ag_walk(tensor *t, void (*visit)(tensor *t, int depth, void *ctx), void *ctx)
{
    /* explicit stack, children pushed in reverse so they come out in input order */
    wframe *st = NULL;
    int64_t n = 0, cap = 0;
    stamp++;
    wframe f0 = {t, 0};
    for (;;) {
        if (n == cap) {
            int64_t c = cap ? cap * 2 : 64;
            wframe *s = ln_realloc(st, (size_t)c * sizeof *s);
            if (!s) break;
            st = s; cap = c;
        }
        if (f0.t) { st[n++] = f0; f0.t = NULL; }
        if (n == 0) break;
        wframe f = st[--n];
        visit(f.t, f.depth, ctx);
        ag_node *node = f.t->node;
        if (!node || node->mark == stamp) continue;
        node->mark = stamp;
        for (int k = node->ninputs - 1; k >= 0; k--) {
            if (!node->inputs[k]) continue;
            if (n == cap) {
                int64_t c = cap ? cap * 2 : 64;
                wframe *s = ln_realloc(st, (size_t)c * sizeof *s);
                if (!s) { k = -1; break; }
                st = s; cap = c;
            }
            st[n].t = node->inputs[k]; st[n].depth = f.depth + 1; n++;
        }
    }
    ln_free(st);
}
