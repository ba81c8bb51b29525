/* csv.h — numeric CSV files (plain or gzipped) to a float tensor [rows, columns].
 *
 * RFC 4180 fields: a delimiter between fields, "quoted" fields (with "" for a quote) that may
 * hold delimiters and line breaks, \n or \r\n line ends. Blank lines are skipped. Only the
 * selected columns are read as numbers, so a text column (a species name) can sit beside them.
 *
 * Uses core.h, tensor.h, libc and zlib. Errors start with "csv:", name the path and, for a bad
 * cell, the line (1-based, of the file) and column (1-based; its name when there is a header). */
#ifndef LUNET_CSV_H
#define LUNET_CSV_H

#include "tensor.h"

typedef struct csv_opts {
    int header;               /* 1: the first row holds names; 0: it is data; -1: guess (default) —
                                 a header when any cell of the first row is not a number */
    char delimiter;           /* 0: guess from the first line among ',' ';' '\t' (default ',') */
    int ncols;                /* how many columns to keep, in this order; 0 keeps them all */
    const int *cols;          /* ncols 0-based column numbers; -1 where names[i] names the column */
    const char *const *names; /* NULL, or ncols names (NULL entries use cols[i]); needs a header */
    int has_missing;          /* 1: an empty cell reads as `missing`; 0: an empty cell is an error */
    float missing;
} csv_opts;

typedef struct csv_result {
    tensor *t;                /* [rows, ncols], new reference */
    int ncols;
    char **names;             /* ncols names of the kept columns when there was a header, else NULL */
} csv_result;

/* Fills out; 0 or -1. o may be NULL (all defaults). On success free out->names with
 * csv_result_free and release out->t. */
int csv_load(const char *path, const csv_opts *o, csv_result *out);
void csv_result_free(csv_result *r);   /* frees the names (not the tensor) */

#endif
