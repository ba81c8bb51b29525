/* test_idx.c — the IDX reader and writer: files written byte by byte here (the oracle), plain and
 * gzipped, every element type, and the error texts for truncated, longer and foreign files. */
#include <stdio.h>
#include <unistd.h>
#include <zlib.h>

#include "test.h"
#include "idx.h"

/* A path in /tmp unique to this process, so parallel runs do not collide. */
static const char *tmp_path(const char *name)
{
    static char buf[8][256];
    static int k;
    k = (k + 1) % 8;
    snprintf(buf[k], sizeof buf[k], "/tmp/lunet_test_idx_%d_%s", (int)getpid(), name);
    return buf[k];
}

static int write_bytes(const char *path, const unsigned char *b, size_t n, int gz)
{
    if (gz) {
        gzFile f = gzopen(path, "wb");
        if (!f) return -1;
        int ok = n == 0 || gzwrite(f, b, (unsigned)n) == (int)n;
        return gzclose(f) == Z_OK && ok ? 0 : -1;
    }
    FILE *f = fopen(path, "wb");
    if (!f) return -1;
    int ok = fwrite(b, 1, n, f) == n;
    return fclose(f) == 0 && ok ? 0 : -1;
}

/* 2 images of 2x3 unsigned bytes, as MNIST stores them: magic 0x00000803, dims 2, 2, 3. */
static const unsigned char images[] = {
    0, 0, 8, 3,  0, 0, 0, 2,  0, 0, 0, 2,  0, 0, 0, 3,
    0, 1, 2, 3, 4, 255,
    10, 20, 30, 40, 50, 128,
};


TEST(idx_reads_plain_unsigned_bytes)
{
    const char *p = tmp_path("images");
    CHECK(write_bytes(p, images, sizeof images, 0) == 0);
    tensor *t = idx_load(p);
    remove(p);
    CHECK(t != NULL);
    int ok = t->ndim == 3 && t->shape[0] == 2 && t->shape[1] == 2 && t->shape[2] == 3 && tensor_is_contiguous(t);
    float *d = tensor_data(t);
    float first = d[0], last = d[11], mid = d[5];
    tensor_release(t);
    CHECK(ok);
    CHECK_NEAR(first, 0, 0);
    CHECK_NEAR(mid, 255, 0);
    CHECK_NEAR(last, 128, 0);
}

TEST(idx_reads_gzipped_like_plain)
{
    const char *p = tmp_path("images.gz");
    CHECK(write_bytes(p, images, sizeof images, 1) == 0);
    tensor *t = idx_load(p);
    remove(p);
    CHECK(t != NULL);
    int ok = t->ndim == 3 && t->numel == 12;
    float v4 = tensor_data(t)[4], v9 = tensor_data(t)[9];
    tensor_release(t);
    CHECK(ok);
    CHECK_NEAR(v4, 4, 0);
    CHECK_NEAR(v9, 40, 0);
}

TEST(idx_reads_labels)
{
    const unsigned char labels[] = {0, 0, 8, 1, 0, 0, 0, 4, 9, 0, 0, 3};
    const char *p = tmp_path("labels.gz");
    CHECK(write_bytes(p, labels, sizeof labels, 1) == 0);
    tensor *t = idx_load(p);
    remove(p);
    CHECK(t != NULL);
    int ok = t->ndim == 1 && t->shape[0] == 4;
    float a = tensor_data(t)[0], b = tensor_data(t)[3];
    tensor_release(t);
    CHECK(ok);
    CHECK_NEAR(a, 9, 0);
    CHECK_NEAR(b, 3, 0);
}

TEST(idx_reads_every_element_type)
{
    /* signed byte -2; short -300 (0xFED4); int 70000 (0x00011170); float -1.5 (0xBFC00000);
     * double 0.25 (0x3FD0000000000000) — each a 1-D file of one element */
    struct { unsigned char bytes[16]; size_t n; float want; } cases[] = {
        {{0, 0, 0x09, 1, 0, 0, 0, 1, 0xFE}, 9, -2},
        {{0, 0, 0x0B, 1, 0, 0, 0, 1, 0xFE, 0xD4}, 10, -300},
        {{0, 0, 0x0C, 1, 0, 0, 0, 1, 0x00, 0x01, 0x11, 0x70}, 12, 70000},
        {{0, 0, 0x0D, 1, 0, 0, 0, 1, 0xBF, 0xC0, 0, 0}, 12, -1.5f},
        {{0, 0, 0x0E, 1, 0, 0, 0, 1, 0x3F, 0xD0, 0, 0, 0, 0, 0, 0}, 16, 0.25f},
    };
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        const char *p = tmp_path("typed");
        CHECK(write_bytes(p, cases[k].bytes, cases[k].n, (int)(k & 1)) == 0);
        tensor *t = idx_load(p);
        remove(p);
        CHECK(t != NULL);
        float v = tensor_data(t)[0];
        int64_t n = t->numel;
        tensor_release(t);
        CHECK(n == 1);
        CHECK_NEAR(v, cases[k].want, 0);
    }
}

TEST(idx_truncated_plain_file_names_the_sizes)
{
    const char *p = tmp_path("short");
    CHECK(write_bytes(p, images, sizeof images - 2, 0) == 0);
    char want[512];
    snprintf(want, sizeof want, "load_idx: %s: truncated: expected 12 bytes of data, found 10", p);
    tensor *t = idx_load(p);
    remove(p);
    CHECK_ERR(t, want);
}

TEST(idx_truncated_gzip_file_names_the_sizes)
{
    const char *p = tmp_path("short.gz");
    CHECK(write_bytes(p, images, sizeof images - 5, 1) == 0);
    char want[512];
    snprintf(want, sizeof want, "load_idx: %s: truncated: expected 12 bytes of data, found 7", p);
    tensor *t = idx_load(p);
    remove(p);
    CHECK_ERR(t, want);
}

TEST(idx_gzip_stream_cut_short_is_truncated)
{
    /* a real-sized file whose gzip stream ends half-way, as an interrupted download leaves it */
    enum { N = 200 * 28 * 28 };
    static unsigned char buf[16 + N];
    memcpy(buf, (const unsigned char[]){0, 0, 8, 3, 0, 0, 0, 200, 0, 0, 0, 28, 0, 0, 0, 28}, 16);
    for (int i = 0; i < N; i++) buf[16 + i] = (unsigned char)(i * 7919 % 251);
    const char *p = tmp_path("cut.gz");
    CHECK(write_bytes(p, buf, sizeof buf, 1) == 0);
    FILE *f = fopen(p, "rb");
    CHECK(f != NULL);
    fseek(f, 0, SEEK_END);
    long size = ftell(f);
    fclose(f);
    CHECK(truncate(p, size / 2) == 0);
    tensor *t = idx_load(p);
    remove(p);
    CHECK_ERR(t, "truncated: expected 156800 bytes of data, found ");
}

TEST(idx_extra_data_is_an_error)
{
    unsigned char longer[sizeof images + 3];
    memcpy(longer, images, sizeof images);
    memset(longer + sizeof images, 7, 3);
    const char *p = tmp_path("long.gz");
    CHECK(write_bytes(p, longer, sizeof longer, 1) == 0);
    tensor *t = idx_load(p);
    remove(p);
    CHECK_ERR(t, "expected 12 bytes of data for shape [2,2,3], found 15 (extra data at the end)");
}

TEST(idx_foreign_file_is_named)
{
    const unsigned char png[] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13};
    const char *p = tmp_path("picture.png");
    CHECK(write_bytes(p, png, sizeof png, 0) == 0);
    char want[512];
    snprintf(want, sizeof want, "load_idx: %s: not an IDX file (magic 0x89504e47)", p);
    tensor *t = idx_load(p);
    remove(p);
    CHECK_ERR(t, want);
}

TEST(idx_unknown_type_and_empty_file_are_foreign)
{
    const unsigned char odd[] = {0, 0, 0x07, 1, 0, 0, 0, 1, 5};
    const char *p = tmp_path("odd");
    CHECK(write_bytes(p, odd, sizeof odd, 0) == 0);
    tensor *t = idx_load(p);
    CHECK_ERR(t, "not an IDX file (magic 0x00000701)");
    CHECK(write_bytes(p, odd, 0, 0) == 0);
    t = idx_load(p);
    remove(p);
    CHECK_ERR(t, "not an IDX file (empty)");
}

TEST(idx_missing_file_says_so)
{
    CHECK_ERR(idx_load("/nonexistent/lunet/train-images-idx3-ubyte.gz"),
              "load_idx: /nonexistent/lunet/train-images-idx3-ubyte.gz: No such file or directory");
}

TEST(idx_save_round_trips_bytes_and_floats)
{
    int64_t s[3] = {2, 2, 3};
    tensor *a = tensor_from_data(3, s, (const float[]){0, 1, 2, 3, 4, 255, 10, 20, 30, 40, 50, 128});
    tensor *f = tensor_from_data(1, (int64_t[]){3}, (const float[]){0.5f, -1e-3f, 3e38f});
    CHECK(a && f);
    const char *pa = tmp_path("saved.gz"), *pf = tmp_path("saved_f");
    int ra = idx_save(pa, a, 0, 1), rf = idx_save(pf, f, 0, 0);
    tensor *a2 = ra == 0 ? idx_load(pa) : NULL, *f2 = rf == 0 ? idx_load(pf) : NULL;
    /* the plain unsigned-byte file is byte for byte what MNIST's would be */
    const char *pb = tmp_path("saved_plain");
    int rb = idx_save(pb, a, IDX_U8, 0);
    unsigned char got[64] = {0};
    FILE *fp = fopen(pb, "rb");
    size_t n = fp ? fread(got, 1, sizeof got, fp) : 0;
    if (fp) fclose(fp);
    remove(pa); remove(pf); remove(pb);
    int same_a = a2 && tensor_same_shape(a, a2) && memcmp(tensor_data(a), tensor_data(a2), 12 * sizeof(float)) == 0;
    int same_f = f2 && tensor_same_shape(f, f2) && memcmp(tensor_data(f), tensor_data(f2), 3 * sizeof(float)) == 0;
    tensor_release(a); tensor_release(f); tensor_release(a2); tensor_release(f2);
    CHECK(ra == 0 && rf == 0 && rb == 0);
    CHECK(same_a);
    CHECK(same_f);
    CHECK(n == sizeof images && memcmp(got, images, sizeof images) == 0);
}

TEST(idx_save_refuses_values_the_type_cannot_hold)
{
    tensor *y = tensor_from_data(1, (int64_t[]){3}, (const float[]){1, 300, 2});
    CHECK(y != NULL);
    const char *p = tmp_path("bad");
    int r = idx_save(p, y, IDX_U8, 0);
    tensor_release(y);
    FILE *f = fopen(p, "rb");
    if (f) fclose(f);
    CHECK(r == -1 && f == NULL);
    CHECK(strstr(ln_error(), "element 2 is 300") != NULL);
}

TEST(idx_load_survives_every_allocation_failure)
{
    const char *p = tmp_path("oom.gz");
    CHECK(write_bytes(p, images, sizeof images, 1) == 0);
    int k, loaded = 0;
    for (k = 0; k < 50 && !loaded; k++) {
        ln_alloc_fail_after(k);
        tensor *t = idx_load(p);
        ln_alloc_fail_after(-1);
        if (t) { loaded = t->numel == 12; tensor_release(t); }
        else if (!strstr(ln_error(), "out of memory")) break;
    }
    remove(p);
    CHECK(loaded);
    CHECK(k > 1);    /* some failures were injected before it succeeded */
}
