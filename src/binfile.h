/* binfile.h — little-endian binary files written safely and read defensively.
 *
 * Writing goes to "<path>.tmp" and is renamed over <path> only when everything was written and
 * flushed, so a crash or a full disk never leaves a half-written file where a good one was.
 * Reading checks every field against the bytes left: a truncated or foreign file is an error,
 * never a crash or a huge allocation. */
#ifndef LUNET_BINFILE_H
#define LUNET_BINFILE_H

#include <stdio.h>
#include "core.h"

typedef struct {
    FILE *f;
    char *path, *tmp;
    int failed;
} bin_writer;

int bin_open_write(bin_writer *w, const char *path, const char *who);   /* 0 or -1 */
void bin_u32(bin_writer *w, uint32_t v);
void bin_i64(bin_writer *w, int64_t v);
void bin_f64(bin_writer *w, double v);
void bin_str(bin_writer *w, const char *s);                 /* u32 length + bytes */
void bin_bytes(bin_writer *w, const void *p, size_t n);
void bin_floats(bin_writer *w, const float *p, int64_t n);
int bin_close_write(bin_writer *w, const char *who);       /* flush, fsync, rename; 0 or -1 */
void bin_abort_write(bin_writer *w);                        /* removes the temporary file */

typedef struct {
    unsigned char *buf;     /* whole file */
    size_t len, pos;
    const char *path;
    const char *who;
    int failed;
} bin_reader;

int bin_open_read(bin_reader *r, const char *path, const char *who);   /* reads the file; 0 or -1 */
void bin_close_read(bin_reader *r);
/* Each getter sets the error "who: path: truncated ..." once and returns 0 on failure. */
uint32_t bin_get_u32(bin_reader *r);
int64_t bin_get_i64(bin_reader *r);
double bin_get_f64(bin_reader *r);
char *bin_get_str(bin_reader *r, uint32_t maxlen);          /* new string (ln_free) or NULL */
int bin_get_bytes(bin_reader *r, void *p, size_t n);
int bin_get_floats(bin_reader *r, float *p, int64_t n);
size_t bin_left(const bin_reader *r);

#endif
