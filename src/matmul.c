/* matmul.c — matrix products through CBLAS: tensor_matmul (numpy.dot for 1-D/2-D, batched over
 * dim 0 for 3-D) and tensor_linear (x @ w + b, the layer's fused op), with their backward passes.
 *
 * Uses core.h, tensor.h, autograd.h and OpenBLAS's cblas.h. Inputs are borrowed; results are new
 * references; recorded nodes retain their inputs.
 *
 * Every product is reduced to one description: `batch` products of an M×K matrix A by a K×N
 * matrix B, each operand given by a pointer and strides (row, column, batch; a batch stride of 0
 * shares the operand across the batch). A row-major matrix goes to BLAS as is; a transposed view
 * (t:T(), column stride >= rows, row stride 1) goes as CblasTrans with its column stride as
 * the leading dimension, so neither is copied. Only views BLAS cannot describe (stride 0,
 * a narrowed inner dim of a transposed view, ...) are copied first. The backward uses the same
 * description with the operands' strides swapped: dA += dC @ B^T, dB += A^T @ dC. */
#include "tensor.h"
#include "autograd.h"

#include <cblas.h>
#include <limits.h>
#include <string.h>

/* One operand: rows × cols, element (r, c) of batch t at p[t*bs + r*rs + c*cs]. */
typedef struct {
    float *p;
    int64_t rows, cols, rs, cs, bs;
} mat;

static mat mat_t(mat m)   /* the transpose, as a view */
{
    mat t = {m.p, m.cols, m.rows, m.cs, m.rs, m.bs};
    return t;
}

static int64_t max1(int64_t v) { return v > 1 ? v : 1; }

/* How BLAS reads m: row-major as is (NoTrans) or the transpose of a row-major matrix (Trans),
 * with leading dimension ld. 0 when neither describes m. */
static int blas_layout(const mat *m, CBLAS_TRANSPOSE *tr, int64_t *ld)
{
    if ((m->cs == 1 || m->cols <= 1) && (m->rows <= 1 || m->rs >= max1(m->cols))) {
        *tr = CblasNoTrans;
        *ld = m->rows <= 1 ? max1(m->cols) : m->rs;
        return *ld <= INT_MAX;
    }
    if ((m->rs == 1 || m->rows <= 1) && (m->cols <= 1 || m->cs >= max1(m->rows))) {
        *tr = CblasTrans;
        *ld = m->cols <= 1 ? max1(m->rows) : m->cs;
        return *ld <= INT_MAX;
    }
    return 0;
}

static int blas_ok(const mat *m)
{
    CBLAS_TRANSPOSE tr;
    int64_t ld;
    return blas_layout(m, &tr, &ld);
}

/* C (M×N, rows ldc apart, unit column stride) = A @ B + beta*C for one batch element; picks
 * sdot, sgemv or sgemm by shape. A and B pass blas_layout. */
static void mm1(int64_t M, int64_t N, int64_t K, const mat *A, const mat *B, float beta, float *C, int64_t ldc)
{
    if (M == 0 || N == 0) return;
    if (K == 0) {   /* an empty sum */
        if (beta == 0.0f) for (int64_t i = 0; i < M; i++) memset(C + i * ldc, 0, (size_t)N * sizeof *C);
        return;
    }
    CBLAS_TRANSPOSE ta, tb;
    int64_t lda, ldb;
    blas_layout(A, &ta, &lda);
    blas_layout(B, &tb, &ldb);
    if (M == 1 && N == 1) {   /* C = a · b */
        float d = cblas_sdot((int)K, A->p, K > 1 ? (int)A->cs : 1, B->p, K > 1 ? (int)B->rs : 1);
        C[0] = beta == 0.0f ? d : d + beta * C[0];
    } else if (N == 1) {      /* C[:,0] = A @ b */
        if (beta == 0.0f) for (int64_t i = 0; i < M; i++) C[i * ldc] = 0.0f;
        /* a Trans-layout A is the row-major K×M matrix S with A = S^T */
        if (ta == CblasNoTrans) cblas_sgemv(CblasRowMajor, CblasNoTrans, (int)M, (int)K, 1.0f, A->p, (int)lda,
                                            B->p, K > 1 ? (int)B->rs : 1, beta, C, (int)ldc);
        else cblas_sgemv(CblasRowMajor, CblasTrans, (int)K, (int)M, 1.0f, A->p, (int)lda,
                         B->p, K > 1 ? (int)B->rs : 1, beta, C, (int)ldc);
    } else if (M == 1) {      /* C[0,:] = B^T @ a */
        if (beta == 0.0f) memset(C, 0, (size_t)N * sizeof *C);
        if (tb == CblasNoTrans) cblas_sgemv(CblasRowMajor, CblasTrans, (int)K, (int)N, 1.0f, B->p, (int)ldb,
                                            A->p, K > 1 ? (int)A->cs : 1, beta, C, 1);
        else cblas_sgemv(CblasRowMajor, CblasNoTrans, (int)N, (int)K, 1.0f, B->p, (int)ldb,
                         A->p, K > 1 ? (int)A->cs : 1, beta, C, 1);
    } else {
        cblas_sgemm(CblasRowMajor, ta, tb, (int)M, (int)N, (int)K, 1.0f, A->p, (int)lda, B->p, (int)ldb,
                    beta, C, (int)ldc);
    }
}

/* C[t] = A[t] @ B[t] + beta*C[t] for t < batch, C[t] at C + t*cbs. cbs == 0 sums the products
 * into one C (beta applies to the first). Batches that BLAS can take as one product are merged:
 * a shared B under evenly stacked A rows (x[B,T,F] @ w[F,U]) is one tall product, and a sum over
 * the batch of A[t] @ B[t] with evenly stacked inner dims (the gradient of a shared weight) is
 * one product with a long inner dimension. */
static void bmm(int64_t batch, int64_t M, int64_t N, int64_t K, mat A, mat B, float beta, float *C,
                int64_t cbs, int64_t ldc)
{
    if (batch == 0 && cbs == 0 && beta == 0.0f)   /* a sum of no products */
        for (int64_t i = 0; i < M; i++) memset(C + i * ldc, 0, (size_t)N * sizeof *C);
    if (batch > 1 && B.bs == 0 && cbs != 0) {
        mat m = A;
        int64_t rs = M > 1 ? A.rs : A.bs, lc = M > 1 ? ldc : cbs;
        m.rows = batch * M; m.rs = rs;
        if ((M == 1 || (A.bs == M * A.rs && cbs == M * ldc)) && blas_ok(&m) && lc <= INT_MAX) {
            mm1(batch * M, N, K, &m, &B, beta, C, lc);
            return;
        }
    }
    if (batch > 1 && cbs == 0 && A.bs != 0 && B.bs != 0) {
        mat a = A, b = B;
        a.cols = b.rows = batch * K;
        a.cs = K > 1 ? A.cs : A.bs;
        b.rs = K > 1 ? B.rs : B.bs;
        if ((K == 1 || (A.bs == K * A.cs && B.bs == K * B.rs)) && blas_ok(&a) && blas_ok(&b)) {
            mm1(M, N, batch * K, &a, &b, beta, C, ldc);
            return;
        }
    }
    for (int64_t t = 0; t < batch; t++) {
        mat a = A, b = B;
        a.p += t * A.bs; b.p += t * B.bs;
        mm1(M, N, K, &a, &b, (cbs == 0 && t > 0) ? 1.0f : beta, C + t * cbs, ldc);
    }
}

/* A contiguous copy of t that is not recorded: for views BLAS cannot read. */
static tensor *dense_copy(tensor *t)
{
    tensor *c = tensor_empty(t->ndim, t->shape);
    if (c) tensor_copy_out(t, tensor_data(c));
    return c;
}

/* t as a matrix operand. A 1-D t is a row (left operand) or a column (right operand); a 3-D t
 * is batched, its batch stride 0 when it has one matrix only. */
static mat mat_of(tensor *t, int right)
{
    mat m = {tensor_data(t), 1, 1, 0, 0, 0};
    if (t->ndim == 1) {
        if (right) { m.rows = t->shape[0]; m.rs = t->stride[0]; m.cs = 1; }
        else { m.cols = t->shape[0]; m.cs = t->stride[0]; m.rs = t->shape[0] * t->stride[0]; }
    } else {
        int d = t->ndim - 2;
        m.rows = t->shape[d]; m.cols = t->shape[d + 1];
        m.rs = t->stride[d]; m.cs = t->stride[d + 1];
        if (t->ndim == 3 && t->shape[0] > 1) m.bs = t->stride[0];
    }
    return m;
}

static int too_big(int64_t v) { return v > INT_MAX; }

/* The product's geometry and the output shape; 0 or -1 with the error set. */
typedef struct {
    int64_t batch, M, N, K;
    int ndim;
    int64_t shape[3];
} mm_geom;

static int matmul_geometry(const tensor *a, const tensor *b, mm_geom *g)
{
    char b1[96], b2[96];
    ln_shape_str(b1, a->ndim, a->shape);
    ln_shape_str(b2, b->ndim, b->shape);
    if (a->ndim < 1 || a->ndim > 3 || b->ndim < 1 || b->ndim > 3) {
        ln_seterror("matmul: shapes %s and %s: operands must have 1, 2 or 3 dimensions%s", b1, b2,
                    (a->ndim == 0 || b->ndim == 0) ? " (use * to multiply by a scalar)" : "");
        return -1;
    }
    int64_t ka = a->shape[a->ndim - 1], kb = b->shape[b->ndim == 1 ? 0 : b->ndim - 2];
    if (ka != kb) {
        ln_seterror("matmul: shapes %s and %s are not aligned (%lld vs %lld)", b1, b2, (long long)ka, (long long)kb);
        return -1;
    }
    int64_t ba = a->ndim == 3 ? a->shape[0] : 1, bb = b->ndim == 3 ? b->shape[0] : 1;
    if (ba != bb && ba != 1 && bb != 1) {
        ln_seterror("matmul: shapes %s and %s have different batch sizes (%lld vs %lld)", b1, b2,
                    (long long)ba, (long long)bb);
        return -1;
    }
    g->batch = ba == 1 ? bb : ba;   /* 1 broadcasts, including against 0 */
    g->M = a->ndim == 1 ? 1 : a->shape[a->ndim - 2];
    g->N = b->ndim == 1 ? 1 : b->shape[b->ndim - 1];
    g->K = ka;
    if (too_big(g->M) || too_big(g->N) || too_big(g->K)) {
        ln_seterror("matmul: shapes %s and %s are too large for BLAS (a dimension above %d)", b1, b2, INT_MAX);
        return -1;
    }
    g->ndim = 0;
    if (a->ndim == 3 || b->ndim == 3) g->shape[g->ndim++] = g->batch;
    if (a->ndim > 1) g->shape[g->ndim++] = g->M;
    if (b->ndim > 1) g->shape[g->ndim++] = g->N;
    return 0;
}

/* Where to write t's gradient contribution: into t->grad itself, with beta = 1, when it is a
 * plain contiguous buffer of t's shape (no temporary, no extra pass); else a new buffer with
 * beta = 0 that the caller hands to ag_accumulate. Returns a new reference. */
static tensor *grad_target(tensor *t, float *beta, int *direct)
{
    tensor *gr = t->grad;
    if (gr && !gr->requires_grad && tensor_same_shape(gr, t) && tensor_is_contiguous(gr)) {
        *beta = 1.0f; *direct = 1;
        return tensor_retain(gr);
    }
    *beta = 0.0f; *direct = 0;
    return tensor_empty(t->ndim, t->shape);
}

static int grad_done(tensor *t, tensor *buf, int direct)
{
    int rc = direct ? 0 : ag_accumulate(t, buf);
    tensor_release(buf);
    return rc;
}

/* saved[0], saved[1]: the copies the forward multiplied, when a or b was not a BLAS layout */
static int matmul_backward(ag_node *n, tensor *out, tensor *gout)
{
    tensor *a = n->inputs[0], *b = n->inputs[1];
    mm_geom g;
    if (matmul_geometry(a, b, &g) < 0) return -1;
    mat A = mat_of(n->saved[0] ? n->saved[0] : a, 0), B = mat_of(n->saved[1] ? n->saved[1] : b, 1);
    tensor *gc = tensor_contiguous(gout);
    if (!gc) return -1;
    /* dC: (batch, M, N) */
    mat G = {tensor_data(gc), g.M, g.N, g.N, 1, g.batch > 1 ? g.M * g.N : 0};
    int rc = 0, direct;
    float beta;
    if (ag_needs(n, 0)) {
        /* dA += dC @ B^T    (summed over the batch when A is shared) */
        tensor *da = grad_target(a, &beta, &direct);
        if (!da) rc = -1;
        else {
            bmm(g.batch, g.M, g.K, g.N, G, mat_t(B), beta, tensor_data(da), A.bs ? g.M * g.K : 0, g.K);
            rc = grad_done(a, da, direct);
        }
    }
    if (rc == 0 && ag_needs(n, 1)) {
        /* dB += A^T @ dC    (summed over the batch when B is shared) */
        tensor *db = grad_target(b, &beta, &direct);
        if (!db) rc = -1;
        else {
            bmm(g.batch, g.K, g.N, g.M, mat_t(A), G, beta, tensor_data(db), B.bs ? g.K * g.N : 0, g.N);
            rc = grad_done(b, db, direct);
        }
    }
    tensor_release(gc);
    return rc;
}
static const ag_op op_matmul = {"matmul", matmul_backward};

tensor *tensor_matmul(tensor *a, tensor *b)
{
    mm_geom g;
    if (matmul_geometry(a, b, &g) < 0) return NULL;
    tensor *ac = NULL, *bc = NULL, *out = NULL;
    mat A = mat_of(a, 0), B = mat_of(b, 1);
    if (!blas_ok(&A)) { if (!(ac = dense_copy(a))) goto done; A = mat_of(ac, 0); }
    if (!blas_ok(&B)) { if (!(bc = dense_copy(b))) goto done; B = mat_of(bc, 1); }
    out = tensor_empty(g.ndim, g.shape);
    if (!out) goto done;
    /* out: (batch, M, N) */
    bmm(g.batch, g.M, g.N, g.K, A, B, 0.0f, tensor_data(out), g.M * g.N, g.N);
    tensor *in[2] = {a, b};
    ag_node *node = ag_record(out, &op_matmul, 2, in);
    if (node) { ag_save(node, 0, ac); ag_save(node, 1, bc); }
done:
    tensor_release(ac); tensor_release(bc);
    return out;
}

/* ---- linear: out = x @ w + b ---- */

/* x as an N×in matrix, its leading dims flattened into rows; 0 when BLAS cannot read it so. */
static int linear_rows(tensor *x, int64_t N, mat *X)
{
    if (x->ndim <= 2) {
        *X = mat_of(x, 0);
        return blas_ok(X);
    }
    int64_t in = x->shape[x->ndim - 1];
    mat m = {tensor_data(x), N, in, in, 1, 0};
    *X = m;
    return tensor_is_contiguous(x);
}

static int linear_geometry(const tensor *x, const tensor *w, const tensor *b, int64_t *N, int64_t *in, int64_t *outf)
{
    char b1[96], b2[96];
    if (w->ndim != 2) {
        ln_seterror("linear: weight must be 2-D [in,out], got %s", ln_shape_str(b1, w->ndim, w->shape));
        return -1;
    }
    *in = w->shape[0]; *outf = w->shape[1];
    if (x->ndim < 1 || x->shape[x->ndim - 1] != *in) {
        ln_seterror("linear: input %s does not match weight %s (%lld vs %lld)", ln_shape_str(b1, x->ndim, x->shape),
                    ln_shape_str(b2, w->ndim, w->shape), (long long)(x->ndim ? x->shape[x->ndim - 1] : 0),
                    (long long)*in);
        return -1;
    }
    if (b && (b->ndim != 1 || b->shape[0] != *outf)) {
        ln_seterror("linear: bias %s does not match weight %s (%lld vs %lld)", ln_shape_str(b1, b->ndim, b->shape),
                    ln_shape_str(b2, w->ndim, w->shape), (long long)(b->ndim ? b->shape[b->ndim - 1] : 0),
                    (long long)*outf);
        return -1;
    }
    *N = 1;
    for (int d = 0; d < x->ndim - 1; d++) *N *= x->shape[d];
    if (too_big(*N) || too_big(*in) || too_big(*outf)) {
        ln_seterror("linear: input %s and weight %s are too large for BLAS", ln_shape_str(b1, x->ndim, x->shape),
                    ln_shape_str(b2, w->ndim, w->shape));
        return -1;
    }
    return 0;
}

/* inputs: x, w, b (b may be NULL); saved[0], saved[1]: copies of x, w when they were not BLAS layouts */
static int linear_backward(ag_node *n, tensor *out, tensor *gout)
{
    tensor *x = n->inputs[0], *w = n->inputs[1], *b = n->inputs[2];
    tensor *xs = n->saved[0] ? n->saved[0] : x, *ws = n->saved[1] ? n->saved[1] : w;
    int64_t N, in, outf;
    if (linear_geometry(x, w, b, &N, &in, &outf) < 0) return -1;
    mat X, W = mat_of(ws, 1);
    linear_rows(xs, N, &X);
    tensor *gc = tensor_contiguous(gout);
    if (!gc) return -1;
    /* dout: (N, out) */
    mat G = {tensor_data(gc), N, outf, outf, 1, 0};
    int rc = 0, direct;
    float beta;
    if (ag_needs(n, 1)) {
        /* dW += x^T @ dout */
        tensor *dw = grad_target(w, &beta, &direct);
        if (!dw) rc = -1;
        else {
            mat Xt = mat_t(X);
            mm1(in, outf, N, &Xt, &G, beta, tensor_data(dw), outf);
            rc = grad_done(w, dw, direct);
        }
    }
    if (rc == 0 && ag_needs(n, 2)) {
        /* db += sum over rows of dout   (in double, a block of columns at a time) */
        tensor *db = grad_target(b, &beta, &direct);
        if (!db) rc = -1;
        else {
            float *d = tensor_data(db);
            const float *gp = tensor_data(gc);
            double acc[256];
            for (int64_t j0 = 0; j0 < outf; j0 += 256) {
                int64_t m = outf - j0 < 256 ? outf - j0 : 256;
                for (int64_t j = 0; j < m; j++) acc[j] = 0;
                for (int64_t i = 0; i < N; i++) {
                    const float *row = gp + i * outf + j0;
                    for (int64_t j = 0; j < m; j++) acc[j] += row[j];
                }
                /* a new buffer holds garbage, maybe NaN: it must not be read, not even times 0 */
                if (direct) for (int64_t j = 0; j < m; j++) d[j0 + j] = (float)(d[j0 + j] + acc[j]);
                else for (int64_t j = 0; j < m; j++) d[j0 + j] = (float)acc[j];
            }
            rc = grad_done(b, db, direct);
        }
    }
    if (rc == 0 && ag_needs(n, 0)) {
        /* dx += dout @ W^T */
        tensor *dx = grad_target(x, &beta, &direct);
        if (!dx) rc = -1;
        else {
            mat Wt = mat_t(W);
            mm1(N, in, outf, &G, &Wt, beta, tensor_data(dx), in);
            rc = grad_done(x, dx, direct);
        }
    }
    tensor_release(gc);
    return rc;
}
static const ag_op op_linear = {"linear", linear_backward};

tensor *tensor_linear(tensor *x, tensor *w, tensor *b)
{
    int64_t N, in, outf;
    if (linear_geometry(x, w, b, &N, &in, &outf) < 0) return NULL;
    tensor *xc = NULL, *wc = NULL, *out = NULL;
    mat X, W = mat_of(w, 1);
    if (!linear_rows(x, N, &X)) { if (!(xc = dense_copy(x))) goto done; linear_rows(xc, N, &X); }
    if (!blas_ok(&W)) { if (!(wc = dense_copy(w))) goto done; W = mat_of(wc, 1); }
    int64_t shape[T_MAXDIM];
    memcpy(shape, x->shape, sizeof shape);
    shape[x->ndim - 1] = outf;
    out = tensor_empty(x->ndim, shape);
    if (!out) goto done;
    /* out: (N, out) — each row starts as b, then one sgemm adds x @ w onto it */
    float *o = tensor_data(out);
    if (b && N > 0) {
        const float *bp = tensor_data(b);
        int64_t bs = b->stride[0];
        for (int64_t j = 0; j < outf; j++) o[j] = bp[j * bs];
        for (int64_t i = 1; i < N; i++) memcpy(o + i * outf, o, (size_t)outf * sizeof *o);
    }
    mm1(N, outf, in, &X, &W, b ? 1.0f : 0.0f, o, outf);
    tensor *inputs[3] = {x, w, b};
    ag_node *node = ag_record(out, &op_linear, 3, inputs);
    if (node) { ag_save(node, 0, xc); ag_save(node, 1, wc); }
done:
    tensor_release(xc); tensor_release(wc);
    return out;
}
