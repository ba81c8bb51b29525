/* idx.c — IDX files (MNIST's format) to and from float tensors, through zlib.
 * Uses core.h, tensor.h, libc and zlib; see idx.h for the format. */
#include "idx.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <zlib.h>

/* Data is read and converted in chunks of this many bytes: big enough that zlib's calls cost
 * nothing, small enough to stay in cache. A multiple of 8, so no element straddles two chunks. */
#define IDX_CHUNK (1 << 20)

int idx_type_size(int type)
{
    switch (type) {
    case IDX_U8: case IDX_I8: return 1;
    case IDX_I16: return 2;
    case IDX_I32: case IDX_F32: return 4;
    case IDX_F64: return 8;
    default: return 0;
    }
}

static uint32_t be32(const unsigned char *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static void put_be32(unsigned char *p, uint32_t v)
{
    p[0] = (unsigned char)(v >> 24); p[1] = (unsigned char)(v >> 16);
    p[2] = (unsigned char)(v >> 8); p[3] = (unsigned char)v;
}

/* Big-endian elements of `type` -> floats: dst[0..n) from src[0..n*size). */
static void decode(int type, const unsigned char *restrict src, float *restrict dst, int64_t n)
{
    switch (type) {
    case IDX_U8:
        for (int64_t i = 0; i < n; i++) dst[i] = (float)src[i];
        break;
    case IDX_I8:
        for (int64_t i = 0; i < n; i++) dst[i] = (float)(signed char)src[i];
        break;
    case IDX_I16:
        for (int64_t i = 0; i < n; i++) dst[i] = (float)(int16_t)(src[2 * i] << 8 | src[2 * i + 1]);
        break;
    case IDX_I32:
        for (int64_t i = 0; i < n; i++) dst[i] = (float)(int32_t)be32(src + 4 * i);
        break;
    case IDX_F32:
        for (int64_t i = 0; i < n; i++) { uint32_t u = be32(src + 4 * i); memcpy(dst + i, &u, 4); }
        break;
    case IDX_F64:
        for (int64_t i = 0; i < n; i++) {
            uint64_t u = (uint64_t)be32(src + 8 * i) << 32 | be32(src + 8 * i + 4);
            double d;
            memcpy(&d, &u, 8);
            dst[i] = (float)d;
        }
        break;
    }
}

/* floats -> big-endian elements of `type`; the values were checked to fit by idx_save. */
static void encode(int type, const float *restrict src, unsigned char *restrict dst, int64_t n)
{
    for (int64_t i = 0; i < n; i++) {
        switch (type) {
        case IDX_U8: dst[i] = (unsigned char)src[i]; break;
        case IDX_I8: dst[i] = (unsigned char)(signed char)src[i]; break;
        case IDX_I16: {
            uint16_t u = (uint16_t)(int16_t)src[i];
            dst[2 * i] = (unsigned char)(u >> 8); dst[2 * i + 1] = (unsigned char)u;
            break;
        }
        case IDX_I32: put_be32(dst + 4 * i, (uint32_t)(int32_t)src[i]); break;
        case IDX_F32: { uint32_t u; memcpy(&u, src + i, 4); put_be32(dst + 4 * i, u); break; }
        case IDX_F64: {
            double d = src[i];
            uint64_t u;
            memcpy(&u, &d, 8);
            put_be32(dst + 8 * i, (uint32_t)(u >> 32)); put_be32(dst + 8 * i + 4, (uint32_t)u);
            break;
        }
        }
    }
}

/* Reads up to n bytes; returns how many were read (fewer at the end of the data, including the
 * end of a gzip stream cut short), or -1 with the error set when the gzip data is corrupt. */
static int64_t read_up_to(gzFile f, const char *path, void *buf, int64_t n)
{
    int64_t got = 0;
    while (got < n) {
        unsigned want = n - got > (1 << 30) ? 1u << 30 : (unsigned)(n - got);
        int r = gzread(f, (char *)buf + got, want);
        if (r > 0) { got += r; continue; }
        if (r < 0) {
            int err;
            const char *msg = gzerror(f, &err);
            if (err == Z_BUF_ERROR) break;          /* the stream was cut short: a truncated file */
            ln_seterror("load_idx: %s: %s", path, err == Z_ERRNO ? strerror(errno) : msg);
            return -1;
        }
        break;
    }
    return got;
}

/* The uncompressed size (mod 2^32) that a gzip file records in its last four bytes. */
static int64_t gzip_trailer_size(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f) return -1;
    unsigned char b[4];
    int64_t r = -1;
    if (fseek(f, -4, SEEK_END) == 0 && fread(b, 1, 4, f) == 4)
        r = (int64_t)((uint32_t)b[0] | (uint32_t)b[1] << 8 | (uint32_t)b[2] << 16 | (uint32_t)b[3] << 24);
    fclose(f);
    return r;
}

/* Bytes of data after the header, found by reading to the end: only for files whose size
 * does not match their header, so that the error can say how much there is. */
static int64_t count_data(gzFile f, const char *path)
{
    unsigned char *buf = ln_alloc(IDX_CHUNK);
    if (!buf) return -1;
    int64_t total = 0, r;
    while ((r = read_up_to(f, path, buf, IDX_CHUNK)) > 0) total += r;
    ln_free(buf);
    return r < 0 ? -1 : total;
}

static int length_error(const char *path, int64_t expected, int64_t found, int ndim, const int64_t *shape)
{
    char b[96];
    if (found < expected)
        ln_seterror("load_idx: %s: truncated: expected %lld bytes of data, found %lld", path,
                    (long long)expected, (long long)found);
    else
        ln_seterror("load_idx: %s: expected %lld bytes of data for shape %s, found %lld (extra data at the end)",
                    path, (long long)expected, ln_shape_str(b, ndim, shape), (long long)found);
    return -1;
}

/* Checks that the data after the header is exactly `expected` bytes long before anything big
 * is allocated: a plain file by its size, a gzip file by its trailer (and, when that disagrees,
 * by reading it through). Leaves f positioned at the data. */
static int check_length(gzFile f, const char *path, int64_t header, int64_t expected, int ndim, const int64_t *shape)
{
    if (gzdirect(f)) {
        struct stat st;
        if (stat(path, &st) != 0) { ln_seterror("load_idx: %s: %s", path, strerror(errno)); return -1; }
        int64_t found = (int64_t)st.st_size - header;
        return found == expected ? 0 : length_error(path, expected, found, ndim, shape);
    }
    if (gzip_trailer_size(path) == (int64_t)(uint32_t)(header + expected)) return 0;
    /* The trailer disagrees (a cut-off file), or the file holds several gzip members. */
    int64_t found = count_data(f, path);
    if (found < 0) return -1;
    if (found != expected) return length_error(path, expected, found, ndim, shape);
    if (gzrewind(f) != 0 || gzseek(f, (z_off_t)header, SEEK_SET) != (z_off_t)header) {
        ln_seterror("load_idx: %s: cannot seek back to the data", path);
        return -1;
    }
    return 0;
}

tensor *idx_load(const char *path)
{
    errno = 0;
    gzFile f = gzopen(path, "rb");
    if (!f) {
        ln_seterror("load_idx: %s: %s", path, errno ? strerror(errno) : "cannot open");
        return NULL;
    }
    gzbuffer(f, 1 << 18);
    tensor *t = NULL;
    unsigned char *buf = NULL;
    unsigned char head[4 + 4 * T_MAXDIM];
    char b[96];

    int64_t got = read_up_to(f, path, head, 4);
    if (got < 0) goto fail;
    if (got < 4) {
        ln_seterror("load_idx: %s: not an IDX file (%s)", path, got ? "shorter than its 4-byte magic" : "empty");
        goto fail;
    }
    uint32_t magic = be32(head);
    int type = head[2], ndim = head[3], size = idx_type_size(type);
    if (head[0] || head[1] || !size || ndim == 0) {
        ln_seterror("load_idx: %s: not an IDX file (magic 0x%08x)", path, magic);
        goto fail;
    }
    if (ndim > T_MAXDIM) {
        ln_seterror("load_idx: %s: %d dimensions (magic 0x%08x); lunet tensors have at most %d", path, ndim,
                    magic, T_MAXDIM);
        goto fail;
    }
    got = read_up_to(f, path, head + 4, 4 * ndim);
    if (got < 0) goto fail;
    if (got < 4 * ndim) {
        ln_seterror("load_idx: %s: truncated: the header names %d dims but ends after %lld bytes", path, ndim,
                    (long long)(4 + got));
        goto fail;
    }
    int64_t shape[T_MAXDIM], numel = 1;
    for (int d = 0; d < ndim; d++) {
        shape[d] = be32(head + 4 + 4 * d);
        /* dims are < 2^32 each; stop before the byte count could overflow */
        if (shape[d] && numel > (INT64_C(1) << 46) / shape[d]) {
            ln_seterror("load_idx: %s: shape %s is too large", path, ln_shape_str(b, ndim, shape));
            goto fail;
        }
        numel *= shape[d];
    }
    int64_t header = 4 + 4 * ndim, expected = numel * size;
    if (check_length(f, path, header, expected, ndim, shape) < 0) goto fail;

    t = tensor_empty(ndim, shape);
    buf = ln_alloc(IDX_CHUNK);
    if (!t || !buf) goto fail;
    float *dst = tensor_data(t);
    int64_t per_chunk = IDX_CHUNK / size;
    for (int64_t done = 0; done < numel; ) {
        int64_t n = numel - done < per_chunk ? numel - done : per_chunk;
        got = read_up_to(f, path, buf, n * size);
        if (got < 0) goto fail;
        if (got < n * size) {   /* the file changed since check_length */
            length_error(path, expected, done * size + got, ndim, shape);
            goto fail;
        }
        decode(type, buf, dst + done, n);
        done += n;
    }
    got = read_up_to(f, path, buf, 1);
    if (got != 0) {
        if (got > 0) length_error(path, expected, expected + 1 + count_data(f, path), ndim, shape);
        goto fail;
    }
    ln_free(buf);
    gzclose(f);
    return t;

fail:
    ln_free(buf);
    tensor_release(t);
    gzclose(f);
    return NULL;
}

/* The narrowest type that holds every value exactly: unsigned bytes for images and labels. */
static int auto_type(const float *x, int64_t n)
{
    for (int64_t i = 0; i < n; i++)
        if (!(x[i] >= 0 && x[i] <= 255 && x[i] == floorf(x[i]))) return IDX_F32;
    return IDX_U8;
}

static int check_fits(const char *path, int type, const float *x, int64_t n)
{
    double lo, hi;
    switch (type) {
    case IDX_U8: lo = 0; hi = 255; break;
    case IDX_I8: lo = -128; hi = 127; break;
    case IDX_I16: lo = -32768; hi = 32767; break;
    case IDX_I32: lo = -2147483648.0; hi = 2147483647.0; break;
    default: return 0;   /* float types hold every float */
    }
    for (int64_t i = 0; i < n; i++)
        if (!(x[i] >= lo && x[i] <= hi && x[i] == floorf(x[i]))) {
            ln_seterror("save_idx: %s: element %lld is %g, which type 0x%02x (whole numbers %g..%g) cannot hold",
                        path, (long long)i + 1, (double)x[i], type, lo, hi);
            return -1;
        }
    return 0;
}

int idx_save(const char *path, tensor *t, int type, int gzip)
{
    char tmp[4096];
    if (t->ndim == 0) {
        ln_seterror("save_idx: %s: a 0-d tensor has no dims to write (reshape it to [1])", path);
        return -1;
    }
    if (t->shape[0] > UINT32_MAX || (t->ndim > 1 && t->numel / t->shape[0] > UINT32_MAX)) {
        ln_seterror("save_idx: %s: dims must be below 2^32", path);
        return -1;
    }
    if (snprintf(tmp, sizeof tmp, "%s.tmp", path) >= (int)sizeof tmp) {
        ln_seterror("save_idx: path is too long");
        return -1;
    }
    float *x = NULL;
    const float *src = tensor_data(t);
    if (!tensor_is_contiguous(t)) {
        x = ln_alloc((size_t)(t->numel ? t->numel : 1) * sizeof(float));
        if (!x) return -1;
        tensor_copy_out(t, x);
        src = x;
    }
    if (type == 0) type = auto_type(src, t->numel);
    int size = idx_type_size(type);
    if (!size) {
        ln_seterror("save_idx: %s: unknown IDX type 0x%02x (known: 0x08 0x09 0x0b 0x0c 0x0d 0x0e)", path, type);
        ln_free(x);
        return -1;
    }
    if (check_fits(path, type, src, t->numel) < 0) { ln_free(x); return -1; }

    unsigned char *buf = ln_alloc(IDX_CHUNK);
    errno = 0;
    gzFile f = buf ? gzopen(tmp, gzip ? "wb6" : "wbT") : NULL;
    if (!f) {
        if (buf) ln_seterror("save_idx: %s: %s", tmp, errno ? strerror(errno) : "cannot open");
        ln_free(buf); ln_free(x);
        return -1;
    }
    int ok = 1;
    unsigned char head[4 + 4 * T_MAXDIM] = {0, 0, (unsigned char)type, (unsigned char)t->ndim};
    for (int d = 0; d < t->ndim; d++) put_be32(head + 4 + 4 * d, (uint32_t)t->shape[d]);
    ok = gzwrite(f, head, (unsigned)(4 + 4 * t->ndim)) == 4 + 4 * t->ndim;
    int64_t per_chunk = IDX_CHUNK / size;
    for (int64_t done = 0; ok && done < t->numel; done += per_chunk) {
        int64_t n = t->numel - done < per_chunk ? t->numel - done : per_chunk;
        encode(type, src + done, buf, n);
        ok = gzwrite(f, buf, (unsigned)(n * size)) == (int)(n * size);
    }
    int err = 0;
    const char *msg = ok ? NULL : gzerror(f, &err);
    if (!ok) ln_seterror("save_idx: %s: %s", path, err == Z_ERRNO ? strerror(errno) : msg);
    if (gzclose(f) != Z_OK && ok) { ok = 0; ln_seterror("save_idx: %s: write failed: %s", path, strerror(errno)); }
    ln_free(buf); ln_free(x);
    if (ok && rename(tmp, path) != 0) { ok = 0; ln_seterror("save_idx: %s: %s", path, strerror(errno)); }
    if (!ok) remove(tmp);
    return ok ? 0 : -1;
}
