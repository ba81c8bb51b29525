/* test_csv.c — the CSV reader: headers (given, absent, guessed), delimiters, quotes, column
 * selection beside text columns, line endings, gzip, and the error texts naming line and column. */
#include <stdio.h>
#include <unistd.h>
#include <zlib.h>

#include "test.h"
#include "csv.h"

static const char *csv_file(const char *name, const char *text, int gz)
{
    static char buf[4][256];
    static int k;
    k = (k + 1) % 4;
    snprintf(buf[k], sizeof buf[k], "/tmp/lunet_test_csv_%d_%s", (int)getpid(), name);
    if (gz) {
        gzFile f = gzopen(buf[k], "wb");
        if (f) { gzputs(f, text); gzclose(f); }
    } else {
        FILE *f = fopen(buf[k], "wb");
        if (f) { fputs(text, f); fclose(f); }
    }
    return buf[k];
}

/* Loads text as a CSV file with opts (NULL: the defaults). */
static int load(const char *text, const csv_opts *o, csv_result *r)
{
    const char *p = csv_file("t.csv", text, 0);
    int rc = csv_load(p, o, r);
    remove(p);
    return rc;
}

static int values_are(const csv_result *r, int64_t rows, int64_t cols, const float *want)
{
    if (!r->t || r->t->ndim != 2 || r->t->shape[0] != rows || r->t->shape[1] != cols) return 0;
    return memcmp(tensor_data(r->t), want, (size_t)(rows * cols) * sizeof(float)) == 0;
}

static void done(csv_result *r) { csv_result_free(r); tensor_release(r->t); r->t = NULL; }

TEST(csv_reads_a_header_and_numbers)
{
    csv_result r;
    CHECK(load("a,b,c\n1,2,3\n4.5,-5,6e2\n", NULL, &r) == 0);
    int ok = values_are(&r, 2, 3, (const float[]){1, 2, 3, 4.5f, -5, 600});
    int names = r.names && strcmp(r.names[0], "a") == 0 && strcmp(r.names[2], "c") == 0;
    done(&r);
    CHECK(ok);
    CHECK(names);
}

TEST(csv_without_header_keeps_the_first_row)
{
    csv_result r;
    CHECK(load("1,2\n3,4\n", NULL, &r) == 0);
    int ok = values_are(&r, 2, 2, (const float[]){1, 2, 3, 4}) && r.names == NULL;
    done(&r);
    CHECK(ok);
    csv_opts o = {.header = 1};      /* told there is a header: the first row becomes names */
    CHECK(load("1,2\n3,4\n", &o, &r) == 0);
    ok = values_are(&r, 1, 2, (const float[]){3, 4}) && r.names && strcmp(r.names[1], "2") == 0;
    done(&r);
    CHECK(ok);
}

TEST(csv_guesses_semicolons_and_tabs)
{
    csv_result r;
    CHECK(load("x;y\n1,5;2\n", &(csv_opts){.header = -1, .delimiter = 0}, &r) != 0);  /* "1,5" is not a number */
    CHECK(strstr(ln_error(), ":2: column 1 ('x'): '1,5' is not a number") != NULL);
    CHECK(load("x;y\n1;2\n3;4\n", NULL, &r) == 0);
    int ok = values_are(&r, 2, 2, (const float[]){1, 2, 3, 4});
    done(&r);
    CHECK(ok);
    CHECK(load("x\ty\n 1\t2 \n", NULL, &r) == 0);
    ok = values_are(&r, 1, 2, (const float[]){1, 2});
    done(&r);
    CHECK(ok);
}

TEST(csv_quotes_crlf_blank_lines_and_bom)
{
    csv_result r;
    CHECK(load("\xEF\xBB\xBF\"len, cm\",\"say \"\"hi\"\"\"\r\n\r\n\"1.5\",2\r\n\n3,4\r\n", NULL, &r) == 0);
    int ok = values_are(&r, 2, 2, (const float[]){1.5f, 2, 3, 4});
    int names = r.names && strcmp(r.names[0], "len, cm") == 0 && strcmp(r.names[1], "say \"hi\"") == 0;
    done(&r);
    CHECK(ok);
    CHECK(names);
}

TEST(csv_selects_columns_beside_a_text_column)
{
    /* iris-like: the species names are never read as numbers when not selected */
    const char *text = "sepal_length,sepal_width,species\n5.1,3.5,setosa\n7.0,3.2,versicolor\n";
    csv_result r;
    const char *names[] = {NULL, "sepal_length"};
    csv_opts o = {.header = -1, .ncols = 2, .cols = (const int[]){1, -1}, .names = names};
    CHECK(load(text, &o, &r) == 0);
    int ok = values_are(&r, 2, 2, (const float[]){3.5f, 5.1f, 3.2f, 7.0f});
    int nm = r.names && strcmp(r.names[0], "sepal_width") == 0 && strcmp(r.names[1], "sepal_length") == 0;
    done(&r);
    CHECK(ok);
    CHECK(nm);
    CHECK(load(text, NULL, &r) != 0);
    CHECK(strstr(ln_error(), ":2: column 3 ('species'): 'setosa' is not a number") != NULL);
}

TEST(csv_errors_name_the_line_and_column)
{
    csv_result r;
    const char *p = csv_file("bad.csv", "a,b\n1,2\n\n3,abc\n", 0);
    int rc = csv_load(p, NULL, &r);
    char want[512];
    snprintf(want, sizeof want, "csv: %s:4: column 2 ('b'): 'abc' is not a number", p);
    remove(p);
    CHECK(rc == -1 && strstr(ln_error(), want) != NULL);
    CHECK(load("1,2\n3\n", NULL, &r) == -1 && strstr(ln_error(), ":2: 1 field, expected 2") != NULL);
    CHECK(load("1,2\n3,\n", NULL, &r) == -1 && strstr(ln_error(), ":2: column 2 is empty") != NULL);
    CHECK(load("a,b\n1,2\n", &(csv_opts){.header = -1, .ncols = 1, .names = (const char *[]){"z"}}, &r) == -1);
    CHECK(strstr(ln_error(), "no column named 'z' (the columns are: a, b)") != NULL);
    CHECK(load("a,b\n1,2\n", &(csv_opts){.header = -1, .ncols = 1, .cols = (const int[]){5}}, &r) == -1);
    CHECK(strstr(ln_error(), "column 6 is out of range: the file has 2 columns") != NULL);
    CHECK(load("a,\"b\n1,2\n", NULL, &r) == -1 && strstr(ln_error(), ":1: a quoted field is never closed") != NULL);
    CHECK(load("", NULL, &r) == -1 && strstr(ln_error(), "the file is empty") != NULL);
    CHECK(csv_load("/nonexistent/x.csv", NULL, &r) == -1);
    CHECK(strstr(ln_error(), "csv: /nonexistent/x.csv: No such file or directory") != NULL);
}

TEST(csv_missing_cells_take_the_given_value)
{
    csv_result r;
    CHECK(load("1,,3\n,5,6\n", &(csv_opts){.header = 0, .has_missing = 1, .missing = -1}, &r) == 0);
    int ok = values_are(&r, 2, 3, (const float[]){1, -1, 3, -1, 5, 6});
    done(&r);
    CHECK(ok);
}

TEST(csv_reads_gzipped_files)
{
    const char *p = csv_file("t.csv.gz", "x,y\n1,2\n3,4\n5,6\n", 1);
    csv_result r;
    int rc = csv_load(p, NULL, &r);
    remove(p);
    CHECK(rc == 0);
    int ok = values_are(&r, 3, 2, (const float[]){1, 2, 3, 4, 5, 6});
    done(&r);
    CHECK(ok);
}

TEST(csv_load_survives_every_allocation_failure)
{
    const char *p = csv_file("oom.csv", "a,b,c\n1,2,3\n4,5,6\n", 0);
    csv_opts o = {.header = -1, .ncols = 2, .cols = (const int[]){-1, 0}, .names = (const char *[]){"c", NULL}};
    int k, loaded = 0;
    for (k = 0; k < 100 && !loaded; k++) {
        csv_result r;
        ln_alloc_fail_after(k);
        int rc = csv_load(p, &o, &r);
        ln_alloc_fail_after(-1);
        if (rc == 0) { loaded = values_are(&r, 2, 2, (const float[]){3, 1, 6, 4}); done(&r); }
        else if (!strstr(ln_error(), "out of memory")) break;
    }
    remove(p);
    CHECK(loaded);
    CHECK(k > 5);
}
