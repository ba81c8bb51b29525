/* csv.c — numeric CSV files to a float tensor; see csv.h. Uses core.h, tensor.h, libc, zlib.
 * The whole file is read into memory (zlib reads .csv.gz too) and split into cells in place. */
#include "csv.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

typedef struct { char *s; int len; } cell;     /* not NUL-terminated: a slice of the buffer */

typedef struct {
    const char *path;
    char *p, *end;
    long line;              /* line number at p, 1-based */
    char delim;
    cell *cells;
    int n, cap;
} parser;

static char *read_all(const char *path, size_t *len)
{
    errno = 0;
    gzFile f = gzopen(path, "rb");
    if (!f) { ln_seterror("csv: %s: %s", path, errno ? strerror(errno) : "cannot open"); return NULL; }
    size_t cap = 1 << 16, n = 0;
    char *buf = ln_alloc(cap + 1);
    for (;;) {
        if (!buf) { gzclose(f); return NULL; }
        int r = gzread(f, buf + n, (unsigned)(cap - n));
        if (r < 0) {
            int err;
            const char *msg = gzerror(f, &err);
            ln_seterror("csv: %s: %s", path, err == Z_ERRNO ? strerror(errno) : msg);
            ln_free(buf); gzclose(f);
            return NULL;
        }
        if (r == 0) break;
        n += (size_t)r;
        if (n == cap) {
            cap *= 2;
            char *nb = ln_realloc(buf, cap + 1);
            if (!nb) ln_free(buf);
            buf = nb;
        }
    }
    gzclose(f);
    buf[n] = 0;
    *len = n;
    return buf;
}

static int push_cell(parser *ps, char *s, int len)
{
    if (ps->n == ps->cap) {
        int cap = ps->cap ? ps->cap * 2 : 64;
        cell *c = ln_realloc(ps->cells, (size_t)cap * sizeof *c);
        if (!c) return -1;
        ps->cells = c; ps->cap = cap;
    }
    ps->cells[ps->n].s = s;
    ps->cells[ps->n].len = len;
    ps->n++;
    return 0;
}

static int is_space(const parser *ps, char c) { return c == ' ' || (c == '\t' && ps->delim != '\t'); }

/* Splits the next non-blank record into ps->cells (unquoting in place: the unquoted text is
 * never longer). Returns 1, 0 at the end of the file, -1 on error; *line gets its first line. */
static int next_record(parser *ps, long *line)
{
    char *end = ps->end;
    for (;;) {
        while (ps->p < end && (*ps->p == '\n' || *ps->p == '\r')) {
            if (*ps->p == '\n') ps->line++;
            ps->p++;
        }
        if (ps->p >= end) return 0;
        *line = ps->line;
        ps->n = 0;
        for (;;) {
            char *p = ps->p, *s;
            int len;
            while (p < end && is_space(ps, *p)) p++;
            if (p < end && *p == '"') {
                long qline = ps->line;
                char *w = ++p, *q = p;
                s = w;
                for (;;) {
                    if (q >= end) { ln_seterror("csv: %s:%ld: a quoted field is never closed", ps->path, qline); return -1; }
                    if (*q == '"') {
                        if (q + 1 < end && q[1] == '"') { *w++ = '"'; q += 2; continue; }
                        q++;
                        break;
                    }
                    if (*q == '\n') ps->line++;
                    *w++ = *q++;
                }
                len = (int)(w - s);
                p = q;
                while (p < end && is_space(ps, *p)) p++;
                if (p < end && *p != ps->delim && *p != '\n' && *p != '\r') {
                    ln_seterror("csv: %s:%ld: text after the closing quote of field %d", ps->path, ps->line, ps->n + 1);
                    return -1;
                }
            } else {
                s = p;
                while (p < end && *p != ps->delim && *p != '\n' && *p != '\r') p++;
                char *e = p;
                while (e > s && is_space(ps, e[-1])) e--;
                len = (int)(e - s);
            }
            if (push_cell(ps, s, len) < 0) return -1;
            if (p < end && *p == ps->delim) { ps->p = p + 1; continue; }
            if (p < end && *p == '\r') p++;
            if (p < end && *p == '\n') { p++; ps->line++; }
            ps->p = p;
            break;
        }
        if (ps->n == 1 && ps->cells[0].len == 0) continue;   /* a line of spaces */
        return 1;
    }
}

static int parse_number(const cell *c, double *v)
{
    char tmp[128];
    if (c->len == 0 || c->len >= (int)sizeof tmp) return 0;
    memcpy(tmp, c->s, (size_t)c->len);
    tmp[c->len] = 0;
    char *e;
    *v = strtod(tmp, &e);
    return *e == 0;
}

/* The delimiter that occurs most often on the first line, outside quotes. */
static char guess_delimiter(const char *p, const char *end)
{
    int counts[3] = {0, 0, 0}, inq = 0;
    const char cand[3] = {',', ';', '\t'};
    for (; p < end && (inq || *p != '\n'); p++) {
        if (*p == '"') inq = !inq;
        else if (!inq) for (int k = 0; k < 3; k++) counts[k] += *p == cand[k];
    }
    int best = 0;
    for (int k = 1; k < 3; k++) if (counts[k] > counts[best]) best = k;
    return cand[best];
}

static char *dup_cell(const cell *c)
{
    char *s = ln_alloc((size_t)c->len + 1);
    if (s) { memcpy(s, c->s, (size_t)c->len); s[c->len] = 0; }
    return s;
}

static void free_names(char **names, int n)
{
    if (!names) return;
    for (int i = 0; i < n; i++) ln_free(names[i]);
    ln_free(names);
}

void csv_result_free(csv_result *r)
{
    free_names(r->names, r->ncols);
    r->names = NULL;
}

/* "a, b, c" (at most ~200 characters) for an error naming the columns that exist. */
static void list_names(char *buf, size_t size, char **names, int n)
{
    size_t k = 0;
    buf[0] = 0;
    for (int i = 0; i < n && k + 8 < size; i++) {
        int w = snprintf(buf + k, size - k, "%s%s", i ? ", " : "", names[i]);
        if (w < 0 || (size_t)w >= size - k) { snprintf(buf + k, size - k, ", ..."); break; }
        k += (size_t)w;
    }
}

/* Which file column each kept column comes from. */
static int *resolve_columns(const char *path, const csv_opts *o, int nfile, char **hnames, int *nsel)
{
    int n = o->ncols > 0 ? o->ncols : nfile;
    int *sel = ln_alloc((size_t)n * sizeof *sel);
    if (!sel) return NULL;
    for (int i = 0; i < n; i++) {
        if (o->ncols <= 0) { sel[i] = i; continue; }
        const char *name = o->names ? o->names[i] : NULL;
        if (name) {
            if (!hnames) {
                ln_seterror("csv: %s: column '%s' is given by name, but the file has no header row", path, name);
                ln_free(sel);
                return NULL;
            }
            sel[i] = -1;
            for (int j = 0; j < nfile && sel[i] < 0; j++) if (strcmp(hnames[j], name) == 0) sel[i] = j;
            if (sel[i] < 0) {
                char list[256];
                list_names(list, sizeof list, hnames, nfile);
                ln_seterror("csv: %s: no column named '%s' (the columns are: %s)", path, name, list);
                ln_free(sel);
                return NULL;
            }
        } else {
            sel[i] = o->cols ? o->cols[i] : -1;
            if (sel[i] < 0 || sel[i] >= nfile) {
                ln_seterror("csv: %s: column %d is out of range: the file has %d columns", path, sel[i] + 1, nfile);
                ln_free(sel);
                return NULL;
            }
        }
    }
    *nsel = n;
    return sel;
}

/* Appends the kept cells of the current record to *vals as numbers. */
static int read_row(parser *ps, long line, int nfile, const int *sel, int nsel, char **hnames,
                    const csv_opts *o, float **vals, int64_t *cap, int64_t rows)
{
    if (ps->n != nfile) {
        ln_seterror("csv: %s:%ld: %d field%s, expected %d as in the first row", ps->path, line, ps->n,
                    ps->n == 1 ? "" : "s", nfile);
        return -1;
    }
    if ((rows + 1) * nsel > *cap) {
        int64_t c = *cap ? *cap * 2 : 4096;
        while (c < (rows + 1) * nsel) c *= 2;
        float *v = ln_realloc(*vals, (size_t)c * sizeof(float));
        if (!v) return -1;
        *vals = v; *cap = c;
    }
    float *row = *vals + rows * nsel;
    for (int i = 0; i < nsel; i++) {
        const cell *c = &ps->cells[sel[i]];
        double v;
        char col[160];
        if (hnames) snprintf(col, sizeof col, "column %d ('%.120s')", sel[i] + 1, hnames[sel[i]]);
        else snprintf(col, sizeof col, "column %d", sel[i] + 1);
        if (c->len == 0) {
            if (o->has_missing) { row[i] = o->missing; continue; }
            ln_seterror("csv: %s:%ld: %s is empty (give opts.missing = value to fill empty cells)", ps->path, line, col);
            return -1;
        }
        if (!parse_number(c, &v)) {
            ln_seterror("csv: %s:%ld: %s: '%.*s%s' is not a number", ps->path, line, col,
                        c->len > 40 ? 40 : c->len, c->s, c->len > 40 ? "..." : "");
            return -1;
        }
        row[i] = (float)v;
    }
    return 0;
}

int csv_load(const char *path, const csv_opts *o, csv_result *out)
{
    const csv_opts defaults = {.header = -1};
    if (!o) o = &defaults;
    memset(out, 0, sizeof *out);
    size_t len;
    char *buf = read_all(path, &len);
    if (!buf) return -1;
    char *start = buf;
    if (len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0) start += 3;   /* a UTF-8 byte-order mark */

    parser ps = {path, start, buf + len, 1, o->delimiter ? o->delimiter : guess_delimiter(start, buf + len), NULL, 0, 0};
    char **hnames = NULL;
    int *sel = NULL, nsel = 0, nfile = 0, rc = -1;
    float *vals = NULL;
    int64_t cap = 0, rows = 0;
    long line;

    int r = next_record(&ps, &line);
    if (r < 0) goto done;
    if (r == 0) { ln_seterror("csv: %s: the file is empty", path); goto done; }
    nfile = ps.n;
    int header = o->header;
    if (header < 0) {
        header = 0;
        for (int i = 0; i < nfile; i++) {
            double v;
            if (ps.cells[i].len && !parse_number(&ps.cells[i], &v)) header = 1;
        }
    }
    if (header) {
        hnames = ln_calloc((size_t)nfile, sizeof *hnames);
        if (!hnames) goto done;
        for (int i = 0; i < nfile; i++) if (!(hnames[i] = dup_cell(&ps.cells[i]))) goto done;
    }
    if (!(sel = resolve_columns(path, o, nfile, hnames, &nsel))) goto done;
    if (!header && read_row(&ps, line, nfile, sel, nsel, hnames, o, &vals, &cap, rows++) < 0) goto done;
    while ((r = next_record(&ps, &line)) > 0)
        if (read_row(&ps, line, nfile, sel, nsel, hnames, o, &vals, &cap, rows++) < 0) goto done;
    if (r < 0) goto done;

    int64_t shape[2] = {rows, nsel};
    out->t = tensor_from_data(2, shape, vals);
    if (!out->t) goto done;
    out->ncols = nsel;
    if (hnames) {
        out->names = ln_calloc((size_t)nsel, sizeof *out->names);
        if (!out->names) { tensor_release(out->t); out->t = NULL; goto done; }
        for (int i = 0; i < nsel; i++) {
            cell c = {hnames[sel[i]], (int)strlen(hnames[sel[i]])};
            if (!(out->names[i] = dup_cell(&c))) {
                csv_result_free(out); tensor_release(out->t); out->t = NULL;
                goto done;
            }
        }
    }
    rc = 0;
done:
    free_names(hnames, nfile);
    ln_free(sel);
    ln_free(vals);
    ln_free(ps.cells);
    ln_free(buf);
    return rc;
}
