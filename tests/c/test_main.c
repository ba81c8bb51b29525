/* test_main.c — runs every registered C test, then checks that no tensor outlived its test. */
#include "test.h"

static test_case *head, **tail = &head;
int test_failed_now;
const char *test_current;

void test_register(test_case *tc) { *tail = tc; tail = &tc->next; }

int main(void)
{
    int failed = 0;
    for (test_case *tc = head; tc; tc = tc->next) {
        int64_t before = tensor_live_count();
        test_current = tc->name;
        test_failed_now = 0;
        rng_seed(1234);
        tc->fn();
        if (!test_failed_now && tensor_live_count() != before) {
            printf("FAIL: %s — leaked %lld tensors\n", tc->name, (long long)(tensor_live_count() - before));
            test_failed_now = 1;
        }
        if (test_failed_now) failed++;
        else printf("PASS: %s\n", tc->name);
    }
    return failed ? 1 : 0;
}
