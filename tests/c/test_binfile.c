/* test_binfile.c — safe writes, defensive reads. */
#include <stdlib.h>
#include <unistd.h>
#include "test.h"
#include "binfile.h"

TEST(binfile_round_trip)
{
    const char *path = "/tmp/lunet_test_binfile.bin";
    bin_writer w;
    float xs[3] = {1.5f, -2, 3e-3f};
    CHECK(bin_open_write(&w, path, "save") == 0);
    bin_u32(&w, 0xC0FFEEu); bin_i64(&w, -5000000000ll); bin_f64(&w, 0.125); bin_str(&w, "Dense");
    bin_floats(&w, xs, 3);
    CHECK(bin_close_write(&w, "save") == 0);
    CHECK(access("/tmp/lunet_test_binfile.bin.tmp", F_OK) != 0);
    bin_reader r;
    CHECK(bin_open_read(&r, path, "load") == 0);
    CHECK(bin_get_u32(&r) == 0xC0FFEEu);
    CHECK(bin_get_i64(&r) == -5000000000ll);
    CHECK(bin_get_f64(&r) == 0.125);
    char *s = bin_get_str(&r, 64);
    CHECK(s && strcmp(s, "Dense") == 0);
    ln_free(s);
    float ys[3];
    CHECK(bin_get_floats(&r, ys, 3) && ys[0] == 1.5f && ys[2] == 3e-3f);
    CHECK(bin_left(&r) == 0);
    CHECK(bin_get_u32(&r) == 0 && r.failed && strstr(ln_error(), "truncated"));
    bin_close_read(&r);
    remove(path);
}

TEST(binfile_huge_count_is_an_error_not_an_allocation)
{
    const char *path = "/tmp/lunet_test_binfile2.bin";
    bin_writer w;
    CHECK(bin_open_write(&w, path, "save") == 0);
    bin_u32(&w, 0xFFFFFFFFu);
    CHECK(bin_close_write(&w, "save") == 0);
    bin_reader r;
    CHECK(bin_open_read(&r, path, "load") == 0);
    CHECK(bin_get_str(&r, 1024) == NULL && strstr(ln_error(), "corrupt"));
    bin_close_read(&r);
    CHECK(bin_open_read(&r, "/nonexistent/x", "load") < 0 && strstr(ln_error(), "cannot open /nonexistent/x"));
    remove(path);
}
