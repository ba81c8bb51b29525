/* conv.c — 2-D convolution and max pooling over channels-last images, with their backwards.
 *
 *   tensor_conv2d(x, w, b, ...)   x [N,H,W,C], w [KH,KW,C,F], b [F] or NULL -> y [N,OH,OW,F]
 *   tensor_maxpool2d(x, ...)      x [N,H,W,C] -> y [N,OH,OW,C]
 *
 * Convolution is im2col + one sgemm: every output pixel (n, oh, ow) becomes a row of `cols`
 * holding its receptive field (kh, kw, c) in the kernel's own order, so that
 *   y[N*OH*OW, F] = cols[N*OH*OW, KH*KW*C] @ w[KH*KW*C, F] + b
 * and the output is already in [N,OH,OW,F] order. Channels last makes each (row, kh) of a
 * receptive field one contiguous run of KW*C floats in x. Large batches are done in chunks of
 * images, so that `cols` stays a bounded scratch buffer; when the whole batch fits in one chunk
 * and a backward will follow, `cols` is kept for it instead of being rebuilt. The backward is
 *   dw += cols^T @ dy,   db += sum of the rows of dy,   dcols = dy @ w^T, dx += col2im(dcols).
 *
 * Padding follows Keras/TensorFlow: "valid" has none, OH = floor((H - KH) / SH) + 1; "same" gives
 * OH = ceil(H / SH) and pads max((OH - 1) * SH + KH - H, 0) rows, half of them (rounded down)
 * before the image and the rest after. Pooling pads the same way; padded cells never win.
 *
 * Uses core.h, tensor.h, autograd.h and OpenBLAS's cblas.h. Inputs are borrowed; results are new
 * references; recorded nodes retain their inputs and the scratch they keep. */
#include "tensor.h"
#include "autograd.h"

#include <cblas.h>
#include <limits.h>
#include <math.h>
#include <string.h>

/* Floats of im2col scratch per chunk (16 MB): big enough for sgemm to run at full speed,
 * small enough to stay in the tensor pool and out of the way. */
#define CONV_CHUNK_FLOATS (4ll << 20)

int64_t conv_out_size(int64_t in, int64_t k, int64_t s, int same)
{
    if (in <= 0 || k <= 0 || s <= 0) return 0;
    if (same) return (in + s - 1) / s;
    return in < k ? 0 : (in - k) / s + 1;
}

/* Rows of padding before the image (the rest goes after it). */
static int64_t pad_before(int64_t in, int64_t out, int64_t k, int64_t s, int same)
{
    if (!same) return 0;
    int64_t total = (out - 1) * s + k - in;
    return total > 0 ? total / 2 : 0;
}

typedef struct {
    int64_t N, H, W, C;          /* input */
    int64_t KH, KW, F;           /* kernel (F: filters; pooling keeps C) */
    int64_t SH, SW, OH, OW;      /* strides and output size */
    int64_t PT, PL;              /* padding before (top, left) */
    int same;
} conv_geom;

static void set_output(conv_geom *g)
{
    g->OH = conv_out_size(g->H, g->KH, g->SH, g->same);
    g->OW = conv_out_size(g->W, g->KW, g->SW, g->same);
    g->PT = pad_before(g->H, g->OH, g->KH, g->SH, g->same);
    g->PL = pad_before(g->W, g->OW, g->KW, g->SW, g->same);
}

/* Checks the window and the image; who is "conv2d" or "maxpool2d". */
static int window_geometry(const char *who, const tensor *x, int64_t kh, int64_t kw, int64_t sh, int64_t sw,
                           int same, conv_geom *g)
{
    char b[96];
    if (x->ndim != 4) {
        ln_seterror("%s: expected images [N,H,W,C], got %s", who, ln_shape_str(b, x->ndim, x->shape));
        return -1;
    }
    if (kh <= 0 || kw <= 0 || sh <= 0 || sw <= 0) {
        ln_seterror("%s: window %lldx%lld and strides %lldx%lld must be positive", who, (long long)kh,
                    (long long)kw, (long long)sh, (long long)sw);
        return -1;
    }
    memset(g, 0, sizeof *g);
    g->N = x->shape[0]; g->H = x->shape[1]; g->W = x->shape[2]; g->C = x->shape[3];
    g->KH = kh; g->KW = kw; g->SH = sh; g->SW = sw; g->same = same != 0;
    set_output(g);
    if (g->OH <= 0 || g->OW <= 0) {
        ln_seterror("%s: the %lldx%lld image is smaller than the %lldx%lld window (padding \"valid\"); "
                    "use padding \"same\" or a smaller window", who, (long long)g->H, (long long)g->W,
                    (long long)kh, (long long)kw);
        return -1;
    }
    return 0;
}

static int conv_geometry(const tensor *x, const tensor *w, const tensor *b, int64_t sh, int64_t sw, int same,
                         conv_geom *g)
{
    char b1[96], b2[96];
    if (w->ndim != 4) {
        ln_seterror("conv2d: kernel must be [KH,KW,C,F], got %s", ln_shape_str(b1, w->ndim, w->shape));
        return -1;
    }
    if (window_geometry("conv2d", x, w->shape[0], w->shape[1], sh, sw, same, g) < 0) return -1;
    if (w->shape[2] != g->C) {
        ln_seterror("conv2d: kernel %s expects %lld input channels, the images %s have %lld",
                    ln_shape_str(b1, w->ndim, w->shape), (long long)w->shape[2],
                    ln_shape_str(b2, x->ndim, x->shape), (long long)g->C);
        return -1;
    }
    g->F = w->shape[3];
    if (b && (b->ndim != 1 || b->shape[0] != g->F)) {
        ln_seterror("conv2d: bias %s does not match the kernel's %lld filters", ln_shape_str(b1, b->ndim, b->shape),
                    (long long)g->F);
        return -1;
    }
    int64_t K = g->KH * g->KW * g->C;
    if (K > INT_MAX || g->F > INT_MAX || g->OH * g->OW > INT_MAX / (K > 0 ? K : 1)) {
        ln_seterror("conv2d: images %s and kernel %s are too large for BLAS", ln_shape_str(b1, x->ndim, x->shape),
                    ln_shape_str(b2, w->ndim, w->shape));
        return -1;
    }
    return 0;
}

/* A contiguous version of t that is not recorded: t itself (retained) when already contiguous. */
static tensor *plain_contiguous(tensor *t)
{
    if (tensor_is_contiguous(t)) return tensor_retain(t);
    tensor *c = tensor_empty(t->ndim, t->shape);
    if (c) tensor_copy_out(t, tensor_data(c));
    return c;
}

/* Images per chunk: as many as fit CONV_CHUNK_FLOATS of cols, at least one. */
static int64_t chunk_images(const conv_geom *g)
{
    int64_t per = g->OH * g->OW * g->KH * g->KW * g->C;
    int64_t n = per > 0 ? CONV_CHUNK_FLOATS / per : g->N;
    if (n < 1) n = 1;
    return n < g->N ? n : g->N;
}

static inline void copy_run(float *restrict d, const float *restrict s, int64_t n)
{
    for (int64_t j = 0; j < n; j++) d[j] = s[j];
}

static inline void add_run(float *restrict d, const float *restrict s, int64_t n)
{
    for (int64_t j = 0; j < n; j++) d[j] += s[j];
}

/* cols (nn*OH*OW, KH*KW*C) = the receptive fields of images n0 .. n0+nn-1 of x (N,H,W,C). */
static void im2col(const float *x, const conv_geom *g, int64_t n0, int64_t nn, float *cols)
{
    const int64_t C = g->C, KW = g->KW, run = KW * C, K = g->KH * run;
    for (int64_t n = 0; n < nn; n++)
        for (int64_t oh = 0; oh < g->OH; oh++)
            for (int64_t ow = 0; ow < g->OW; ow++) {
                float *dst = cols + ((n * g->OH + oh) * g->OW + ow) * K;
                int64_t ih0 = oh * g->SH - g->PT, iw0 = ow * g->SW - g->PL;
                for (int64_t kh = 0; kh < g->KH; kh++, dst += run) {
                    int64_t ih = ih0 + kh;
                    if (ih < 0 || ih >= g->H) { memset(dst, 0, (size_t)run * sizeof *dst); continue; }
                    const float *row = x + (((n0 + n) * g->H + ih) * g->W) * C;
                    if (iw0 >= 0 && iw0 + KW <= g->W) { copy_run(dst, row + iw0 * C, run); continue; }
                    for (int64_t kw = 0; kw < KW; kw++) {
                        int64_t iw = iw0 + kw;
                        if (iw < 0 || iw >= g->W) memset(dst + kw * C, 0, (size_t)C * sizeof *dst);
                        else copy_run(dst + kw * C, row + iw * C, C);
                    }
                }
            }
}

/* dx (images n0 .. n0+nn-1) += col2im(dcols): each receptive field's gradient added back where
 * it was read from; padded cells are dropped. */
static void col2im(const float *dcols, const conv_geom *g, int64_t n0, int64_t nn, float *dx)
{
    const int64_t C = g->C, KW = g->KW, run = KW * C, K = g->KH * run;
    for (int64_t n = 0; n < nn; n++)
        for (int64_t oh = 0; oh < g->OH; oh++)
            for (int64_t ow = 0; ow < g->OW; ow++) {
                const float *src = dcols + ((n * g->OH + oh) * g->OW + ow) * K;
                int64_t ih0 = oh * g->SH - g->PT, iw0 = ow * g->SW - g->PL;
                for (int64_t kh = 0; kh < g->KH; kh++, src += run) {
                    int64_t ih = ih0 + kh;
                    if (ih < 0 || ih >= g->H) continue;
                    float *row = dx + (((n0 + n) * g->H + ih) * g->W) * C;
                    if (iw0 >= 0 && iw0 + KW <= g->W) { add_run(row + iw0 * C, src, run); continue; }
                    for (int64_t kw = 0; kw < KW; kw++) {
                        int64_t iw = iw0 + kw;
                        if (iw >= 0 && iw < g->W) add_run(row + iw * C, src + kw * C, C);
                    }
                }
            }
}

/* A 1x1 kernel with stride 1 and no padding reads x as it is: x is its own cols. */
static int cols_is_x(const conv_geom *g)
{
    return g->KH == 1 && g->KW == 1 && g->SH == 1 && g->SW == 1;
}

/* i[]: strides and padding; saved[0]: cols of the whole batch when it was one chunk */
static int conv2d_backward(ag_node *n, tensor *out, tensor *gout)
{
    tensor *x = n->inputs[0], *w = n->inputs[1], *b = n->inputs[2];
    conv_geom g;
    if (conv_geometry(x, w, b, n->i[0], n->i[1], (int)n->i[2], &g) < 0) return -1;
    const int64_t P = g.OH * g.OW, K = g.KH * g.KW * g.C, F = g.F;
    tensor *gc = plain_contiguous(gout), *xc = NULL, *wc = NULL, *dw = NULL, *dx = NULL, *scratch = NULL,
           *dscratch = NULL;
    int rc = -1;
    if (!gc) goto done;
    /* dy: (N*P, F) */
    const float *dy = tensor_data(gc);
    if (ag_needs(n, 2)) {
        /* db += sum over the rows of dy   (in double, a block of columns at a time) */
        tensor *db = tensor_empty(1, &F);
        if (!db) goto done;
        float *d = tensor_data(db);
        double acc[256];
        for (int64_t j0 = 0; j0 < F; j0 += 256) {
            int64_t m = F - j0 < 256 ? F - j0 : 256;
            for (int64_t j = 0; j < m; j++) acc[j] = 0;
            for (int64_t r = 0; r < g.N * P; r++) {
                const float *row = dy + r * F + j0;
                for (int64_t j = 0; j < m; j++) acc[j] += row[j];
            }
            for (int64_t j = 0; j < m; j++) d[j0 + j] = (float)acc[j];
        }
        int r = ag_accumulate(b, db);
        tensor_release(db);
        if (r < 0) goto done;
    }
    int need_w = ag_needs(n, 1), need_x = ag_needs(n, 0);
    if (!need_w && !need_x) { rc = 0; goto done; }
    if (!(wc = plain_contiguous(w))) goto done;
    if (need_w && !(dw = tensor_zeros(w->ndim, w->shape))) goto done;
    if (need_x && !(dx = tensor_zeros(x->ndim, x->shape))) goto done;
    tensor *saved = n->saved[0];
    int64_t chunk = saved ? g.N : chunk_images(&g);
    if (!saved || cols_is_x(&g)) {
        if (!(xc = plain_contiguous(x))) goto done;
    }
    if (!saved && !cols_is_x(&g)) {
        int64_t len = chunk * P * K;
        if (!(scratch = tensor_empty(1, &len))) goto done;
    }
    if (need_x && !cols_is_x(&g)) {
        int64_t len = chunk * P * K;
        if (!(dscratch = tensor_empty(1, &len))) goto done;
    }
    /* an empty product leaves the zeros (and BLAS rejects a leading dimension of 0) */
    for (int64_t n0 = 0; n0 < g.N && K > 0 && F > 0 && P > 0; n0 += chunk) {
        int64_t nn = g.N - n0 < chunk ? g.N - n0 : chunk, M = nn * P;
        const float *gy = dy + n0 * P * F;
        if (need_w) {
            /* dw (K, F) += cols^T @ dy */
            const float *cols = saved ? tensor_data(saved)
                              : cols_is_x(&g) ? tensor_data(xc) + n0 * P * K
                              : (im2col(tensor_data(xc), &g, n0, nn, tensor_data(scratch)), tensor_data(scratch));
            cblas_sgemm(CblasRowMajor, CblasTrans, CblasNoTrans, (int)K, (int)F, (int)M, 1.0f, cols, (int)K,
                        gy, (int)F, 1.0f, tensor_data(dw), (int)F);
        }
        if (need_x) {
            /* dcols (M, K) = dy @ w^T, then dx += col2im(dcols); a 1x1 kernel writes dx directly */
            float *dc = cols_is_x(&g) ? tensor_data(dx) + n0 * P * K : tensor_data(dscratch);
            cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, (int)M, (int)K, (int)F, 1.0f, gy, (int)F,
                        tensor_data(wc), (int)F, 0.0f, dc, (int)K);
            if (!cols_is_x(&g)) col2im(dc, &g, n0, nn, tensor_data(dx));
        }
    }
    rc = 0;
    if (dw) rc = ag_accumulate(w, dw);
    if (rc == 0 && dx) rc = ag_accumulate(x, dx);
done:
    tensor_release(gc); tensor_release(xc); tensor_release(wc); tensor_release(dw); tensor_release(dx);
    tensor_release(scratch); tensor_release(dscratch);
    return rc;
}
static const ag_op op_conv2d = {"conv2d", conv2d_backward};

tensor *tensor_conv2d(tensor *x, tensor *w, tensor *b, int64_t sh, int64_t sw, int same)
{
    conv_geom g;
    if (conv_geometry(x, w, b, sh, sw, same, &g) < 0) return NULL;
    const int64_t P = g.OH * g.OW, K = g.KH * g.KW * g.C, F = g.F;
    int64_t oshape[4] = {g.N, g.OH, g.OW, F};
    tensor *xc = plain_contiguous(x), *wc = plain_contiguous(w), *out = NULL, *scratch = NULL;
    if (!xc || !wc) goto done;
    if (!(out = tensor_empty(4, oshape))) goto done;
    int64_t chunk = chunk_images(&g);
    if (!cols_is_x(&g) && g.N > 0) {
        int64_t len = chunk * P * K;
        if (!(scratch = tensor_empty(1, &len))) { tensor_release(out); out = NULL; goto done; }
    }
    float *o = tensor_data(out);
    if (b && out->numel > 0) {
        /* every row starts as the bias; sgemm adds cols @ w onto it */
        const float *bp = tensor_data(b);
        int64_t bs = b->stride[0];
        for (int64_t j = 0; j < F; j++) o[j] = bp[j * bs];
        for (int64_t r = 1; r < g.N * P; r++) memcpy(o + r * F, o, (size_t)F * sizeof *o);
    }
    for (int64_t n0 = 0; n0 < g.N && F > 0; n0 += chunk) {
        int64_t nn = g.N - n0 < chunk ? g.N - n0 : chunk, M = nn * P;
        const float *cols = tensor_data(xc) + n0 * P * K;
        if (!cols_is_x(&g)) {
            im2col(tensor_data(xc), &g, n0, nn, tensor_data(scratch));
            cols = tensor_data(scratch);
        }
        /* y (M, F) = cols (M, K) @ w (K, F)  (+ the bias already there) */
        if (K > 0)
            cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, (int)M, (int)F, (int)K, 1.0f, cols, (int)K,
                        tensor_data(wc), (int)F, b ? 1.0f : 0.0f, o + n0 * P * F, (int)F);
        else if (!b)
            memset(o + n0 * P * F, 0, (size_t)(M * F) * sizeof *o);
    }
    tensor *in[3] = {x, w, b};
    ag_node *node = ag_record(out, &op_conv2d, 3, in);
    if (node) {
        node->i[0] = sh; node->i[1] = sw; node->i[2] = same != 0;
        /* one chunk held the whole batch: keep its cols for the backward */
        if (scratch && chunk == g.N) ag_save(node, 0, scratch);
    }
done:
    tensor_release(xc); tensor_release(wc); tensor_release(scratch);
    return out;
}

/* ---- max pooling ---- */

/* dx[argmax of each window] += dy.  i[]: window, strides, padding; saved[0]: for each output
 * element, the position of the winner within its window (kh * KW + kw), as a float */
static int maxpool2d_backward(ag_node *n, tensor *out, tensor *gout)
{
    tensor *x = n->inputs[0], *arg = n->saved[0];
    conv_geom g;
    if (window_geometry("maxpool2d", x, n->i[0], n->i[1], n->i[2], n->i[3], (int)n->i[4], &g) < 0) return -1;
    tensor *gc = plain_contiguous(gout), *dx = tensor_zeros(x->ndim, x->shape);
    /* off[k]: where window position k lies from the window's corner, in elements of x */
    int64_t *off = ln_alloc((size_t)(g.KH * g.KW) * sizeof *off);
    int rc = -1;
    if (gc && dx && off) {
        const float *dy = tensor_data(gc), *a = tensor_data(arg);
        float *d = tensor_data(dx);
        const int64_t C = g.C;
        for (int64_t k = 0; k < g.KH * g.KW; k++) off[k] = ((k / g.KW) * g.W + k % g.KW) * C;
        for (int64_t nn = 0; nn < g.N; nn++)
            for (int64_t oh = 0; oh < g.OH; oh++)
                for (int64_t ow = 0; ow < g.OW; ow++) {
                    int64_t o = ((nn * g.OH + oh) * g.OW + ow) * C;
                    /* the corner may lie in the padding; the winner never does */
                    int64_t corner = ((nn * g.H + oh * g.SH - g.PT) * g.W + ow * g.SW - g.PL) * C;
                    for (int64_t c = 0; c < C; c++) d[corner + off[(int64_t)a[o + c]] + c] += dy[o + c];
                }
        rc = ag_accumulate(x, dx);
    }
    ln_free(off);
    tensor_release(gc);
    tensor_release(dx);
    return rc;
}
static const ag_op op_maxpool2d = {"maxpool2d", maxpool2d_backward};

tensor *tensor_maxpool2d(tensor *x, int64_t ph, int64_t pw, int64_t sh, int64_t sw, int same)
{
    conv_geom g;
    if (window_geometry("maxpool2d", x, ph, pw, sh, sw, same, &g) < 0) return NULL;
    int64_t oshape[4] = {g.N, g.OH, g.OW, g.C};
    int grad = ag_enabled() && x->requires_grad;
    tensor *xc = plain_contiguous(x), *out = NULL, *arg = NULL;
    if (!xc) return NULL;
    out = tensor_empty(4, oshape);
    if (out && grad) arg = tensor_empty(4, oshape);
    if (!out || (grad && !arg)) { tensor_release(out); out = NULL; goto done; }
    const float *xd = tensor_data(xc);
    float *o = tensor_data(out), *a = arg ? tensor_data(arg) : NULL;
    const int64_t C = g.C;
    for (int64_t n = 0; n < g.N; n++)
        for (int64_t oh = 0; oh < g.OH; oh++)
            for (int64_t ow = 0; ow < g.OW; ow++) {
                int64_t base = ((n * g.OH + oh) * g.OW + ow) * C;
                float *ob = o + base;
                float *ab = a ? a + base : NULL;
                int first = 1;
                /* windows never lie wholly in the padding, so every output gets a winner */
                for (int64_t kh = 0; kh < g.KH; kh++) {
                    int64_t ih = oh * g.SH - g.PT + kh;
                    if (ih < 0 || ih >= g.H) continue;
                    for (int64_t kw = 0; kw < g.KW; kw++) {
                        int64_t iw = ow * g.SW - g.PL + kw;
                        if (iw < 0 || iw >= g.W) continue;
                        const float *src = xd + ((n * g.H + ih) * g.W + iw) * C;
                        float k = (float)(kh * g.KW + kw);
                        if (first) {
                            for (int64_t c = 0; c < C; c++) ob[c] = src[c];
                            if (ab) for (int64_t c = 0; c < C; c++) ab[c] = k;
                            first = 0;
                            continue;
                        }
                        /* the first maximum wins ties; a NaN wins and stays, as in PyTorch */
                        for (int64_t c = 0; c < C; c++)
                            if (src[c] > ob[c] || (isnan(src[c]) && !isnan(ob[c]))) {
                                ob[c] = src[c];
                                if (ab) ab[c] = k;
                            }
                    }
                }
            }
    ag_node *node = ag_record(out, &op_maxpool2d, 1, &x);
    if (node) {
        node->i[0] = ph; node->i[1] = pw; node->i[2] = sh; node->i[3] = sw; node->i[4] = same != 0;
        ag_save(node, 0, arg);
    }
done:
    tensor_release(xc);
    tensor_release(arg);
    return out;
}
