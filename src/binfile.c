/* binfile.c — see binfile.h. Uses libc only. */
#include "binfile.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char *dupstr(const char *s)
{
    size_t n = strlen(s) + 1;
    char *d = ln_alloc(n);
    if (d) memcpy(d, s, n);
    return d;
}

int bin_open_write(bin_writer *w, const char *path, const char *who)
{
    memset(w, 0, sizeof *w);
    w->path = dupstr(path);
    w->tmp = ln_alloc(strlen(path) + 5);
    if (!w->path || !w->tmp) { ln_free(w->path); ln_free(w->tmp); return -1; }
    sprintf(w->tmp, "%s.tmp", path);
    w->f = fopen(w->tmp, "wb");
    if (!w->f) {
        ln_seterror("%s: cannot write %s: %s", who, path, strerror(errno));
        ln_free(w->path); ln_free(w->tmp);
        return -1;
    }
    return 0;
}

void bin_bytes(bin_writer *w, const void *p, size_t n)
{
    if (!w->failed && n && fwrite(p, 1, n, w->f) != n) w->failed = errno ? errno : EIO;
}

void bin_u32(bin_writer *w, uint32_t v)
{
    unsigned char b[4] = {v & 255, (v >> 8) & 255, (v >> 16) & 255, (v >> 24) & 255};
    bin_bytes(w, b, 4);
}

void bin_i64(bin_writer *w, int64_t v)
{
    uint64_t u = (uint64_t)v;
    bin_u32(w, (uint32_t)(u & 0xffffffffu));
    bin_u32(w, (uint32_t)(u >> 32));
}

void bin_f64(bin_writer *w, double v)
{
    uint64_t u;
    memcpy(&u, &v, 8);
    bin_i64(w, (int64_t)u);
}

void bin_str(bin_writer *w, const char *s)
{
    size_t n = strlen(s);
    bin_u32(w, (uint32_t)n);
    bin_bytes(w, s, n);
}

void bin_floats(bin_writer *w, const float *p, int64_t n)
{
    /* the format is little-endian float32: the machines lunet runs on are too */
    bin_bytes(w, p, (size_t)n * sizeof(float));
}

void bin_abort_write(bin_writer *w)
{
    if (w->f) fclose(w->f);
    w->f = NULL;
    if (w->tmp) remove(w->tmp);
    ln_free(w->path); ln_free(w->tmp);
    w->path = w->tmp = NULL;
}

int bin_close_write(bin_writer *w, const char *who)
{
    if (!w->failed && fflush(w->f) != 0) w->failed = errno;
    if (!w->failed && fsync(fileno(w->f)) != 0 && errno != EINVAL) w->failed = errno;
    if (fclose(w->f) != 0 && !w->failed) w->failed = errno;
    w->f = NULL;
    if (!w->failed && rename(w->tmp, w->path) != 0) w->failed = errno;
    if (w->failed) {
        ln_seterror("%s: cannot write %s: %s", who, w->path, strerror(w->failed));
        bin_abort_write(w);
        return -1;
    }
    ln_free(w->path); ln_free(w->tmp);
    return 0;
}

int bin_open_read(bin_reader *r, const char *path, const char *who)
{
    memset(r, 0, sizeof *r);
    r->path = path; r->who = who;
    FILE *f = fopen(path, "rb");
    if (!f) { ln_seterror("%s: cannot open %s: %s", who, path, strerror(errno)); return -1; }
    if (fseek(f, 0, SEEK_END) != 0) { fclose(f); ln_seterror("%s: %s is not a regular file", who, path); return -1; }
    long n = ftell(f);
    rewind(f);
    if (n < 0) { fclose(f); ln_seterror("%s: %s is not a regular file", who, path); return -1; }
    r->buf = ln_alloc((size_t)n + 1);
    if (!r->buf) { fclose(f); return -1; }
    r->len = fread(r->buf, 1, (size_t)n, f);
    fclose(f);
    if (r->len != (size_t)n) { ln_seterror("%s: error reading %s", who, path); ln_free(r->buf); r->buf = NULL; return -1; }
    return 0;
}

void bin_close_read(bin_reader *r)
{
    ln_free(r->buf);
    r->buf = NULL;
}

size_t bin_left(const bin_reader *r) { return r->len - r->pos; }

int bin_get_bytes(bin_reader *r, void *p, size_t n)
{
    if (r->failed) return 0;
    if (n > bin_left(r)) {
        ln_seterror("%s: %s is truncated (needed %zu more bytes at offset %zu, file has %zu)", r->who, r->path,
                    n, r->pos, r->len);
        r->failed = 1;
        return 0;
    }
    memcpy(p, r->buf + r->pos, n);
    r->pos += n;
    return 1;
}

uint32_t bin_get_u32(bin_reader *r)
{
    unsigned char b[4] = {0};
    if (!bin_get_bytes(r, b, 4)) return 0;
    return (uint32_t)b[0] | (uint32_t)b[1] << 8 | (uint32_t)b[2] << 16 | (uint32_t)b[3] << 24;
}

int64_t bin_get_i64(bin_reader *r)
{
    uint64_t lo = bin_get_u32(r), hi = bin_get_u32(r);
    return (int64_t)(lo | hi << 32);
}

double bin_get_f64(bin_reader *r)
{
    uint64_t u = (uint64_t)bin_get_i64(r);
    double v;
    memcpy(&v, &u, 8);
    return v;
}

char *bin_get_str(bin_reader *r, uint32_t maxlen)
{
    uint32_t n = bin_get_u32(r);
    if (r->failed) return NULL;
    if (n > maxlen) {
        ln_seterror("%s: %s is corrupt (a name of %u bytes at offset %zu)", r->who, r->path, n, r->pos - 4);
        r->failed = 1;
        return NULL;
    }
    char *s = ln_alloc(n + 1);
    if (!s) { r->failed = 1; return NULL; }
    if (!bin_get_bytes(r, s, n)) { ln_free(s); return NULL; }
    s[n] = 0;
    return s;
}

int bin_get_floats(bin_reader *r, float *p, int64_t n)
{
    if (n < 0 || (uint64_t)n > bin_left(r) / sizeof(float) + 1) {
        if (!r->failed)
            ln_seterror("%s: %s is truncated (needed %lld floats at offset %zu, %zu bytes left)", r->who, r->path,
                        (long long)n, r->pos, bin_left(r));
        r->failed = 1;
        return 0;
    }
    return bin_get_bytes(r, p, (size_t)n * sizeof(float));
}
