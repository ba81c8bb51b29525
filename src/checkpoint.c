/* checkpoint.c — model_save / model_load (see checkpoint.h for the format).
 * Uses model.h (nn.h, optim.h) and binfile.h. */
#include "checkpoint.h"
#include "binfile.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static const char MAGIC[8] = {'L', 'U', 'N', 'E', 'T', 'C', 'K', 0};
static const char END[4] = {'E', 'N', 'D', 0};

#define NAME_MAX_LEN 64
#define DIM_MAX (1ll << 31)
#define NO_LOSS 0xFFFFFFFFu

/* ---- writing ---- */

static void put_shape(bin_writer *w, int ndim, const int64_t *shape)
{
    bin_u32(w, (uint32_t)ndim);
    for (int d = 0; d < ndim; d++) bin_i64(w, shape[d]);
}

static void put_config(bin_writer *w, const layer_config *c)
{
    bin_i64(w, c->units);
    bin_i64(w, c->in_features);
    bin_u32(w, (uint32_t)c->activation);
    bin_f64(w, c->alpha);
    bin_f64(w, c->p);
    bin_u32(w, (uint32_t)c->use_bias);
    bin_u32(w, (uint32_t)c->kernel_init);
    bin_u32(w, (uint32_t)c->bias_init);
    bin_u32(w, (uint32_t)c->recurrent_init);
    for (int k = 0; k < 2; k++) bin_i64(w, c->kernel[k]);
    for (int k = 0; k < 2; k++) bin_i64(w, c->stride[k]);
    for (int k = 0; k < 2; k++) bin_i64(w, c->pool[k]);
    bin_u32(w, (uint32_t)c->padding);
    bin_u32(w, (uint32_t)c->return_sequences);
    bin_f64(w, c->momentum);
    bin_f64(w, c->epsilon);
    put_shape(w, c->input_ndim, c->input_shape);
}

/* A tensor of a layer or an optimizer: contiguous data is written as is, views through a copy. */
static int put_floats(bin_writer *w, const tensor *t)
{
    if (tensor_is_contiguous(t)) { bin_floats(w, tensor_data(t), t->numel); return 0; }
    float *tmp = ln_alloc((size_t)(t->numel ? t->numel : 1) * sizeof *tmp);
    if (!tmp) return -1;
    tensor_copy_out(t, tmp);
    bin_floats(w, tmp, t->numel);
    ln_free(tmp);
    return 0;
}

static int put_tensors(bin_writer *w, int n, tensor *const *ts, const char *const *names)
{
    bin_u32(w, (uint32_t)n);
    for (int k = 0; k < n; k++) {
        bin_str(w, names[k]);
        put_shape(w, ts[k]->ndim, ts[k]->shape);
        if (put_floats(w, ts[k]) < 0) return -1;
    }
    return 0;
}

/* The compiled optimizer, when it is still bound to exactly the model's parameters. */
static int optimizer_matches(const model *m)
{
    const optimizer *o = m->opt;
    if (!o || o->nparams != model_parameters(m, NULL, 0)) return 0;
    int k = 0;
    for (int i = 0; i < m->nlayers; i++)
        for (int j = 0; j < m->layers[i]->nparams; j++, k++)
            if (o->params[k] != m->layers[i]->params[j]) return 0;
    return 1;
}

static int put_optimizer(bin_writer *w, const optimizer *o)
{
    const optim_config *c = &o->cfg;
    bin_str(w, optim_kind_name[o->kind]);
    bin_f64(w, c->lr);
    bin_f64(w, c->momentum);
    bin_u32(w, (uint32_t)c->nesterov);
    bin_f64(w, c->weight_decay);
    bin_f64(w, c->beta1);
    bin_f64(w, c->beta2);
    bin_f64(w, c->rho);
    bin_f64(w, c->eps);
    bin_f64(w, c->initial_accumulator_value);
    bin_i64(w, o->iterations);
    int ns = optim_num_slots(o);
    bin_u32(w, (uint32_t)o->nparams);
    bin_u32(w, (uint32_t)ns);
    for (int i = 0; i < o->nparams; i++)
        for (int s = 0; s < ns; s++) {
            const tensor *t = optim_slot(o, i, s);
            bin_u32(w, t != NULL);
            if (t && put_floats(w, t) < 0) return -1;
        }
    return 0;
}

int model_save(const model *m, const char *path)
{
    const char *who = "save";
    if (m->opt && !optimizer_matches(m)) {
        ln_seterror("%s: the model's layers changed after compile; compile it again before saving", who);
        return -1;
    }
    bin_writer w;
    if (bin_open_write(&w, path, who) < 0) return -1;
    int rc = 0;
    bin_bytes(&w, MAGIC, sizeof MAGIC);
    bin_u32(&w, CHECKPOINT_VERSION);
    bin_str(&w, m->name);
    bin_u32(&w, (uint32_t)m->training);
    put_shape(&w, m->in_ndim, m->in_shape);
    bin_u32(&w, (uint32_t)m->nlayers);
    for (int k = 0; k < m->nlayers && rc == 0; k++) {
        const layer *l = m->layers[k];
        bin_str(&w, l->type->name);
        bin_str(&w, l->name);
        bin_u32(&w, (uint32_t)l->training);
        put_config(&w, &l->cfg);
        bin_u32(&w, (uint32_t)l->built);
        if (l->built) {
            put_shape(&w, l->in_ndim, l->in_shape);
            put_shape(&w, l->out_ndim, l->out_shape);
        }
        if (put_tensors(&w, l->nparams, l->params, l->param_names) < 0 ||
            put_tensors(&w, l->nbuffers, l->buffers, l->buffer_names) < 0) rc = -1;
    }
    bin_u32(&w, m->opt != NULL);
    if (rc == 0 && m->opt && put_optimizer(&w, m->opt) < 0) rc = -1;
    bin_u32(&w, m->loss >= 0 ? (uint32_t)m->loss : NO_LOSS);
    bin_u32(&w, (uint32_t)m->metrics);
    bin_bytes(&w, END, sizeof END);
    if (rc < 0) { bin_abort_write(&w); return -1; }
    return bin_close_write(&w, who);
}

/* ---- reading ---- */

typedef struct {
    bin_reader r;
    const char *who, *path;
    char where[160];            /* "layer 2 (Dense)" for errors */
} loader;

/* Sets "nn.load: <path>: <where>: <what>" (once: the first problem is the one to report). */
static void fail(loader *ld, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void fail(loader *ld, const char *fmt, ...)
{
    if (ld->r.failed) return;
    char what[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(what, sizeof what, fmt, ap);
    va_end(ap);
    ln_seterror("%s: %s is corrupt: %s%s%s", ld->who, ld->path, ld->where, ld->where[0] ? ": " : "", what);
    ld->r.failed = 1;
}

static int ok(const loader *ld) { return !ld->r.failed; }

static uint32_t get_enum(loader *ld, const char *what, uint32_t count)
{
    uint32_t v = bin_get_u32(&ld->r);
    if (ok(ld) && v >= count) fail(ld, "%s %u is out of range (0..%u)", what, v, count - 1);
    return v;
}

/* ndim <= maxdim, each dim in [0, 2^31); returns ndim (0 on failure with the error set). */
static int get_shape(loader *ld, const char *what, int maxdim, int64_t *shape)
{
    uint32_t nd = bin_get_u32(&ld->r);
    if (!ok(ld)) return 0;
    if (nd > (uint32_t)maxdim) { fail(ld, "%s has %u dimensions (at most %d)", what, nd, maxdim); return 0; }
    for (uint32_t d = 0; d < nd; d++) {
        shape[d] = bin_get_i64(&ld->r);
        if (!ok(ld)) return 0;
        if (shape[d] < 0 || shape[d] >= DIM_MAX) {
            fail(ld, "%s has an impossible size %lld in dimension %u", what, (long long)shape[d], d + 1);
            return 0;
        }
    }
    return (int)nd;
}

static double get_f64(loader *ld) { return bin_get_f64(&ld->r); }

static void get_config(loader *ld, layer_config *c)
{
    layer_config_defaults(c);
    c->units = bin_get_i64(&ld->r);
    c->in_features = bin_get_i64(&ld->r);
    c->activation = (nn_activation)get_enum(ld, "activation", ACT_COUNT);
    c->alpha = (float)get_f64(ld);
    c->p = (float)get_f64(ld);
    c->use_bias = (int)get_enum(ld, "use_bias", 2);
    c->kernel_init = (nn_init)get_enum(ld, "kernel initializer", INIT_COUNT);
    c->bias_init = (nn_init)get_enum(ld, "bias initializer", INIT_COUNT);
    c->recurrent_init = (nn_init)get_enum(ld, "recurrent initializer", INIT_COUNT);
    for (int k = 0; k < 2; k++) c->kernel[k] = bin_get_i64(&ld->r);
    for (int k = 0; k < 2; k++) c->stride[k] = bin_get_i64(&ld->r);
    for (int k = 0; k < 2; k++) c->pool[k] = bin_get_i64(&ld->r);
    c->padding = (nn_padding)get_enum(ld, "padding", PAD_SAME + 1);
    c->return_sequences = (int)get_enum(ld, "return_sequences", 2);
    c->momentum = (float)get_f64(ld);
    c->epsilon = (float)get_f64(ld);
    c->input_ndim = get_shape(ld, "input_shape", T_MAXDIM - 1, c->input_shape);
    if (!ok(ld)) return;
    const int64_t ints[] = {c->units, c->in_features, c->kernel[0], c->kernel[1], c->stride[0], c->stride[1],
                            c->pool[0], c->pool[1]};
    for (size_t k = 0; k < sizeof ints / sizeof *ints; k++)
        if (ints[k] < 0 || ints[k] >= DIM_MAX) { fail(ld, "the configuration holds an impossible size %lld", (long long)ints[k]); return; }
}

static int same_shape(int n1, const int64_t *s1, int n2, const int64_t *s2)
{
    return n1 == n2 && memcmp(s1, s2, (size_t)n1 * sizeof *s1) == 0;
}

/* A stored tensor as found by the first pass over a layer: its name, shape and where its data is. */
typedef struct {
    char name[NAME_MAX_LEN + 1];
    int ndim;
    int64_t shape[T_MAXDIM];
    int64_t numel;
    size_t pos;
} stored;

#define MAX_STORED (LAYER_MAXPARAMS + LAYER_MAXBUFFERS)

/* First pass over one kind of tensor (parameters or buffers): names and shapes, the data skipped
 * after checking that it is all there. Adds the floats found to *floats. Returns the count. */
static int scan_tensors(loader *ld, stored *st, int max, const char *kind, int64_t *floats)
{
    uint32_t count = bin_get_u32(&ld->r);
    if (!ok(ld)) return 0;
    if (count > (uint32_t)max) { fail(ld, "%u %s (at most %d)", count, kind, max); return 0; }
    for (uint32_t k = 0; k < count && ok(ld); k++) {
        char *name = bin_get_str(&ld->r, NAME_MAX_LEN);
        if (!name) return 0;
        snprintf(st[k].name, sizeof st[k].name, "%s", name);
        ln_free(name);
        st[k].ndim = get_shape(ld, "a stored tensor", T_MAXDIM, st[k].shape);
        if (!ok(ld)) return 0;
        int64_t n = 1;
        for (int d = 0; d < st[k].ndim; d++) {
            if (st[k].shape[d] && n > (int64_t)(bin_left(&ld->r) / sizeof(float)) / st[k].shape[d]) n = -1;
            if (n < 0) break;
            n *= st[k].shape[d];
        }
        if (n < 0 || (uint64_t)n > bin_left(&ld->r) / sizeof(float)) {
            char b[96];
            ln_seterror("%s: %s is truncated ('%s' of shape %s needs more than the %zu bytes left)", ld->who,
                        ld->path, st[k].name, ln_shape_str(b, st[k].ndim, st[k].shape), bin_left(&ld->r));
            ld->r.failed = 1;
            return 0;
        }
        st[k].numel = n;
        st[k].pos = ld->r.pos;
        ld->r.pos += (size_t)n * sizeof(float);
        *floats += n;
    }
    return (int)count;
}

/* Second pass: the layer is built; its tensors must be the stored ones, name for name and shape
 * for shape, and take their data. */
static void fill_tensors(loader *ld, const stored *st, int count, int n, tensor *const *ts,
                         const char *const *names, const char *kind)
{
    char b1[96], b2[96];
    if (count != n) { fail(ld, "%d %s stored, but the layer has %d", count, kind, n); return; }
    for (int k = 0; k < n && ok(ld); k++) {
        if (strcmp(st[k].name, names[k]) != 0)
            fail(ld, "%s %d is called '%s' in the file but '%s' in the layer", kind, k + 1, st[k].name, names[k]);
        else if (!same_shape(st[k].ndim, st[k].shape, ts[k]->ndim, ts[k]->shape))
            fail(ld, "%s has shape %s in the file but %s from the layer's configuration", names[k],
                 ln_shape_str(b1, st[k].ndim, st[k].shape), ln_shape_str(b2, ts[k]->ndim, ts[k]->shape));
        else
            memcpy(tensor_data(ts[k]), ld->r.buf + st[k].pos, (size_t)st[k].numel * sizeof(float));
    }
}

/* Before building, so that a damaged size is an error and not a huge allocation: building makes
 * the parameters from the configuration and the last dim of the input (the features of a Dense,
 * the channels of a Conv2D, RNN or BatchNorm), and every kind of layer stores at least
 * features x max(units, 1) and kernel height x width numbers; layers without parameters make
 * none. Other dims (image height and width, sequence length) only need to keep a sample's size
 * from overflowing. P is the number of floats stored for the layer. */
static void check_sizes(loader *ld, const layer_config *c, int ni, const int64_t *in, int no, const int64_t *out,
                        int64_t P)
{
    const int64_t *shapes[3] = {in, out, c->input_shape};
    const int nds[3] = {ni, no, c->input_ndim};
    for (int s = 0; s < 3; s++) {
        int64_t n = 1;
        for (int d = 0; d < nds[s]; d++) {
            if (shapes[s][d] && n > (1ll << 40) / shapes[s][d]) { fail(ld, "a sample of shape %s is too large", s == 0 ? "the input" : "the output"); return; }
            n *= shapes[s][d];
        }
    }
    if (P == 0) return;
    int64_t units = c->units > 1 ? c->units : 1;
    const int64_t feats[3] = {ni ? in[ni - 1] : 1, c->input_ndim ? c->input_shape[c->input_ndim - 1] : 1,
                              c->in_features > 1 ? c->in_features : 1};
    for (int k = 0; k < 3; k++)
        if (feats[k] > P / units) {
            fail(ld, "%lld input features and %lld units cannot be held by the %lld numbers stored",
                 (long long)feats[k], (long long)units, (long long)P);
            return;
        }
    if (c->kernel[0] > P / (c->kernel[1] > 1 ? c->kernel[1] : 1))
        fail(ld, "a %lldx%lld kernel cannot be held by the %lld numbers stored", (long long)c->kernel[0],
             (long long)c->kernel[1], (long long)P);
}

/* Smallest number of bytes a layer takes in the file: for checking nlayers against the size. */
#define LAYER_MIN_BYTES (4 + 4 + 4 + 8 * 2 + 4 + 8 * 2 + 4 * 4 + 8 * 6 + 4 * 2 + 8 * 2 + 4 + 4 + 4 + 4)

static layer *get_layer(loader *ld)
{
    char b1[96], b2[96];
    char *tname = bin_get_str(&ld->r, NAME_MAX_LEN);
    char *lname = tname ? bin_get_str(&ld->r, NAME_MAX_LEN) : NULL;
    if (!lname) { ln_free(tname); return NULL; }
    const layer_type *t = layer_type_find(tname);
    size_t wl = strlen(ld->where);
    snprintf(ld->where + wl, sizeof ld->where - wl, " (%s '%s')", tname, lname);
    uint32_t training = get_enum(ld, "training", 2);
    layer_config cfg;
    get_config(ld, &cfg);
    if (ok(ld) && !t) fail(ld, "unknown layer type '%s'", tname);
    ln_free(tname);
    uint32_t built = get_enum(ld, "built", 2);
    int64_t in[T_MAXDIM], out[T_MAXDIM];
    int ni = 0, no = 0;
    if (ok(ld) && built) {
        ni = get_shape(ld, "the input shape", T_MAXDIM - 1, in);
        no = get_shape(ld, "the output shape", T_MAXDIM - 1, out);
    }
    stored st[MAX_STORED];
    int64_t floats = 0;
    int np = ok(ld) ? scan_tensors(ld, st, LAYER_MAXPARAMS, "parameters", &floats) : 0;
    int nb = ok(ld) ? scan_tensors(ld, st + LAYER_MAXPARAMS, LAYER_MAXBUFFERS, "buffers", &floats) : 0;
    if (ok(ld)) check_sizes(ld, &cfg, ni, in, no, out, floats);
    if (!ok(ld)) { ln_free(lname); return NULL; }
    /* Built with zero initializers: the stored weights replace them, and the random generator is
     * left as it was. */
    layer_config zero = cfg;
    zero.kernel_init = zero.bias_init = zero.recurrent_init = INIT_ZEROS;
    layer *l = layer_new(t, &zero);
    if (!l) {
        char msg[512];
        snprintf(msg, sizeof msg, "%s", ln_error());
        fail(ld, "%s", msg);
        ln_free(lname);
        return NULL;
    }
    snprintf(l->name, sizeof l->name, "%s", lname);
    ln_free(lname);
    l->training = (int)training;
    if (built) {
        if (layer_build(l, ni, in) < 0) {
            char msg[512];
            snprintf(msg, sizeof msg, "%s", ln_error());
            fail(ld, "%s", msg);
        } else if (!same_shape(no, out, l->out_ndim, l->out_shape)) {
            fail(ld, "the output shape is %s in the file but %s from the layer's configuration",
                 ln_shape_str(b1, no, out), ln_shape_str(b2, l->out_ndim, l->out_shape));
        }
    }
    if (ok(ld)) {
        l->cfg.kernel_init = cfg.kernel_init;
        l->cfg.bias_init = cfg.bias_init;
        l->cfg.recurrent_init = cfg.recurrent_init;
        fill_tensors(ld, st, np, l->nparams, l->params, l->param_names, "parameters");
        fill_tensors(ld, st + LAYER_MAXPARAMS, nb, l->nbuffers, l->buffers, l->buffer_names, "buffers");
    }
    if (!ok(ld)) { layer_release(l); return NULL; }
    return l;
}

static optimizer *get_optimizer(loader *ld, model *m)
{
    snprintf(ld->where, sizeof ld->where, "the optimizer");
    char *kname = bin_get_str(&ld->r, NAME_MAX_LEN);
    if (!kname) return NULL;
    optim_config c;
    memset(&c, 0, sizeof c);
    c.lr = (float)get_f64(ld);
    c.momentum = (float)get_f64(ld);
    c.nesterov = (int)get_enum(ld, "nesterov", 2);
    c.weight_decay = (float)get_f64(ld);
    c.beta1 = (float)get_f64(ld);
    c.beta2 = (float)get_f64(ld);
    c.rho = (float)get_f64(ld);
    c.eps = (float)get_f64(ld);
    c.initial_accumulator_value = (float)get_f64(ld);
    int64_t iterations = bin_get_i64(&ld->r);
    uint32_t np = bin_get_u32(&ld->r), ns = bin_get_u32(&ld->r);
    int kind = -1;
    if (ok(ld)) {
        for (int k = 0; k < OPT_COUNT; k++)
            if (strcmp(optim_kind_name[k], kname) == 0) kind = k;
        if (kind < 0) fail(ld, "unknown optimizer '%s'", kname);
        else if (iterations < 0) fail(ld, "iterations is %lld", (long long)iterations);
    }
    ln_free(kname);
    if (!ok(ld)) return NULL;
    optimizer *o = optim_new((optim_kind)kind, &c);
    if (!o) {
        char msg[512];
        snprintf(msg, sizeof msg, "%s", ln_error());
        fail(ld, "%s", msg);
        return NULL;
    }
    int nparams = model_parameters(m, NULL, 0);
    if (np != (uint32_t)nparams || ns != (uint32_t)optim_num_slots(o)) {
        fail(ld, "state for %u parameters with %u slots each, but the model has %d parameters and %s keeps %d",
             np, ns, nparams, optim_kind_name[kind], optim_num_slots(o));
        optim_release(o);
        return NULL;
    }
    /* compile binds it; the loss is set for real by the caller once read */
    if (model_compile(m, o, LOSS_MSE, 0) < 0) {
        char msg[512];
        snprintf(msg, sizeof msg, "%s", ln_error());
        fail(ld, "%s", msg);
        optim_release(o);
        return NULL;
    }
    o->iterations = iterations;
    for (int i = 0; i < nparams && ok(ld); i++)
        for (int s = 0; s < (int)ns && ok(ld); s++) {
            uint32_t present = get_enum(ld, "a slot flag", 2);
            if (!ok(ld) || !present) continue;
            const tensor *p = o->params[i];
            if ((uint64_t)p->numel > bin_left(&ld->r) / sizeof(float)) {
                bin_get_floats(&ld->r, NULL, p->numel);   /* sets the truncation error */
                break;
            }
            tensor *v = tensor_empty(p->ndim, p->shape);
            if (!v) { ld->r.failed = 1; break; }
            if (bin_get_floats(&ld->r, tensor_data(v), v->numel) && optim_set_slot(o, i, s, v) < 0) ld->r.failed = 1;
            tensor_release(v);
        }
    if (!ok(ld)) { optim_release(o); return NULL; }
    return o;
}

model *model_load(const char *path)
{
    loader ld;
    memset(&ld, 0, sizeof ld);
    ld.who = "nn.load";
    ld.path = path;
    if (bin_open_read(&ld.r, path, ld.who) < 0) return NULL;
    model *m = NULL;
    char magic[8];
    size_t head = ld.r.len < sizeof magic ? ld.r.len : sizeof magic;
    if (memcmp(ld.r.buf, MAGIC, head) != 0) {
        ln_seterror("%s: %s is not a lunet model file", ld.who, path);
        goto fail;
    }
    if (!bin_get_bytes(&ld.r, magic, sizeof magic)) goto fail;   /* a prefix of the magic: truncated */
    uint32_t version = bin_get_u32(&ld.r);
    if (!ok(&ld)) goto fail;
    if (version == 0 || version > CHECKPOINT_VERSION) {
        ln_seterror("%s: %s has format version %u; this lunet reads version%s %d%s", ld.who, path, version,
                    CHECKPOINT_VERSION > 1 ? "s 1 to" : "", CHECKPOINT_VERSION,
                    version > CHECKPOINT_VERSION ? " (it was written by a newer lunet)" : "");
        goto fail;
    }
    if (!(m = model_new())) goto fail;
    char *name = bin_get_str(&ld.r, NAME_MAX_LEN);
    if (!name) goto fail;
    snprintf(m->name, sizeof m->name, "%s", name);
    ln_free(name);
    m->training = (int)get_enum(&ld, "training", 2);
    int64_t in_shape[T_MAXDIM];
    int in_ndim = get_shape(&ld, "the model's input shape", T_MAXDIM - 1, in_shape);
    uint32_t nlayers = bin_get_u32(&ld.r);
    if (!ok(&ld)) goto fail;
    if (nlayers > 100000) { fail(&ld, "it claims %u layers", nlayers); goto fail; }
    if ((uint64_t)nlayers * LAYER_MIN_BYTES > bin_left(&ld.r)) {
        ln_seterror("%s: %s is truncated (%u layers cannot fit in the %zu bytes left)", ld.who, path, nlayers,
                    bin_left(&ld.r));
        goto fail;
    }
    for (uint32_t k = 0; k < nlayers; k++) {
        snprintf(ld.where, sizeof ld.where, "layer %u", k + 1);
        layer *l = get_layer(&ld);
        if (!l) goto fail;
        int rc = model_add(m, l);
        layer_release(l);
        if (rc < 0) {
            char msg[512];
            snprintf(msg, sizeof msg, "%s", ln_error());
            fail(&ld, "%s", msg);
            goto fail;
        }
    }
    ld.where[0] = 0;
    for (uint32_t k = 0; k < nlayers && in_ndim > 0; k++)
        if (!m->layers[k]->built) { fail(&ld, "the model has an input shape but layer %u is not built", k + 1); goto fail; }
    if (in_ndim > 0 && model_build(m, in_ndim, in_shape) < 0) {
        char msg[512];
        snprintf(msg, sizeof msg, "%s", ln_error());
        fail(&ld, "%s", msg);
        goto fail;
    }
    uint32_t has_opt = get_enum(&ld, "the optimizer flag", 2);
    if (ok(&ld) && has_opt) {
        optimizer *o = get_optimizer(&ld, m);
        if (!o) goto fail;
        optim_release(o);   /* the model holds it now */
    }
    snprintf(ld.where, sizeof ld.where, "the compiled loss");
    uint32_t loss = bin_get_u32(&ld.r);
    uint32_t metrics = bin_get_u32(&ld.r);
    if (!ok(&ld)) goto fail;
    if (loss != NO_LOSS && loss >= LOSS_COUNT) { fail(&ld, "loss %u is out of range", loss); goto fail; }
    if ((loss == NO_LOSS) != !has_opt) { fail(&ld, "the loss and the optimizer disagree"); goto fail; }
    if (metrics > MODEL_METRIC_ACCURACY) { fail(&ld, "unknown metrics %u", metrics); goto fail; }
    m->loss = loss == NO_LOSS ? -1 : (int)loss;
    m->metrics = (int)metrics;
    ld.where[0] = 0;
    char end[4];
    if (!bin_get_bytes(&ld.r, end, sizeof end)) goto fail;
    if (memcmp(end, END, sizeof END) != 0) { fail(&ld, "the end marker is missing"); goto fail; }
    if (bin_left(&ld.r) != 0) { fail(&ld, "%zu bytes follow the end of the model", bin_left(&ld.r)); goto fail; }
    bin_close_read(&ld.r);
    return m;
fail:
    bin_close_read(&ld.r);
    model_release(m);
    return NULL;
}
