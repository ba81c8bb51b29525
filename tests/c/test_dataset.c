/* test_dataset.c — one-hot labels, row gathers, splits, accuracy and the confusion matrix on
 * small hand-computed cases. */
#include "test.h"
#include "dataset.h"
#include "metrics.h"

static tensor *vec(int64_t n, const float *v) { return tensor_from_data(1, &n, v); }
static tensor *mat(int64_t r, int64_t c, const float *v) { return tensor_from_data(2, (int64_t[]){r, c}, v); }

TEST(one_hot_matches_to_categorical)
{
    tensor *y = vec(3, (const float[]){2, 0, 1});
    tensor *h = data_one_hot(y, 4), *g = data_one_hot(y, 0);
    int ok = h && h->shape[0] == 3 && h->shape[1] == 4 &&
             memcmp(tensor_data(h), (const float[]){0, 0, 1, 0, 1, 0, 0, 0, 0, 1, 0, 0}, 12 * sizeof(float)) == 0;
    int inferred = g && g->shape[1] == 3;
    tensor_release(h); tensor_release(g); tensor_release(y);
    CHECK(ok);
    CHECK(inferred);
}

TEST(one_hot_names_the_bad_label)
{
    tensor *y = vec(5, (const float[]){0, 1, 2, 3, 12});
    tensor *h = data_one_hot(y, 10);
    tensor_release(y);
    CHECK_ERR(h, "one_hot: label 12 at row 5 is out of range for 10 classes");
    y = vec(2, (const float[]){0, 1.5f});
    h = data_one_hot(y, 3);
    tensor_release(y);
    CHECK_ERR(h, "one_hot: label 1.5 at row 2 is not a whole number");
}

TEST(take_rows_gathers_and_slices)
{
    tensor *x = mat(4, 2, (const float[]){0, 1, 10, 11, 20, 21, 30, 31});
    tensor *a = data_take_rows(x, (const int64_t[]){3, 0, 3}, 0, 3), *b = data_take_rows(x, NULL, 1, 2);
    int ok_a = a && a->shape[0] == 3 && a->shape[1] == 2 &&
               memcmp(tensor_data(a), (const float[]){30, 31, 0, 1, 30, 31}, 6 * sizeof(float)) == 0;
    int ok_b = b && memcmp(tensor_data(b), (const float[]){10, 11, 20, 21}, 4 * sizeof(float)) == 0;
    tensor *bad = data_take_rows(x, (const int64_t[]){4}, 0, 1);
    tensor_release(a); tensor_release(b); tensor_release(x);
    CHECK(ok_a);
    CHECK(ok_b);
    CHECK_ERR(bad, "rows: row 5 is out of range for shape [4,2]");
}

TEST(split_keeps_the_last_fraction_for_the_second_part)
{
    tensor *x = tensor_arange(0, 10, 1), *y = tensor_arange(100, 110, 1), *out[4];
    CHECK(x && y);
    int rc = data_split(x, y, 0.3, 0, out);
    int ok = rc == 0 && out[0]->shape[0] == 7 && out[2]->shape[0] == 3 && tensor_data(out[2])[0] == 7 &&
             tensor_data(out[3])[2] == 109;
    for (int k = 0; k < 4 && rc == 0; k++) tensor_release(out[k]);
    /* shuffled: the same rows, in another order, with x and y still paired */
    rc = data_split(x, y, 0.5, 1, out);
    double sum = 0;
    int paired = rc == 0;
    for (int k = 0; k < 2 && rc == 0; k++)
        for (int i = 0; i < 5; i++) {
            float xv = tensor_data(out[2 * k])[i], yv = tensor_data(out[2 * k + 1])[i];
            sum += xv;
            paired &= yv == xv + 100;
        }
    for (int k = 0; k < 4 && rc == 0; k++) tensor_release(out[k]);
    tensor *y9 = tensor_arange(0, 9, 1);
    int bad = data_split(x, y9, 0.2, 0, out);
    tensor_release(x); tensor_release(y); tensor_release(y9);
    CHECK(ok);
    CHECK(paired);
    CHECK_NEAR(sum, 45, 0);
    CHECK(bad == -1 && strstr(ln_error(), "split: x has 10 rows but y has 9") != NULL);
}

TEST(accuracy_reads_labels_scores_and_probabilities)
{
    tensor *scores = mat(4, 3, (const float[]){0.1f, 0.7f, 0.2f, 0.9f, 0.05f, 0.05f, 0.2f, 0.3f, 0.5f, 0.3f, 0.3f, 0.4f});
    tensor *labels = vec(4, (const float[]){1, 0, 2, 0});         /* the last row is wrong */
    tensor *onehot = data_one_hot(labels, 3);
    tensor *probs = mat(4, 1, (const float[]){0.9f, 0.2f, 0.51f, 0.5f});
    tensor *bin = vec(4, (const float[]){1, 0, 0, 0});           /* 0.51 > 0.5 is wrong; 0.5 is class 0 */
    double a1 = -1, a2 = -1, a3 = -1;
    int rc = metrics_accuracy(scores, labels, &a1) | metrics_accuracy(scores, onehot, &a2) |
             metrics_accuracy(probs, bin, &a3);
    tensor_release(scores); tensor_release(labels); tensor_release(onehot); tensor_release(probs); tensor_release(bin);
    CHECK(rc == 0);
    CHECK_NEAR(a1, 0.75, 1e-12);
    CHECK_NEAR(a2, 0.75, 1e-12);
    CHECK_NEAR(a3, 0.75, 1e-12);
}

TEST(confusion_matrix_counts_true_rows_predicted_columns)
{
    tensor *t = vec(6, (const float[]){0, 0, 1, 1, 2, 2});
    tensor *p = vec(6, (const float[]){0, 1, 1, 1, 0, 2});
    tensor *m = metrics_confusion(t, p, 0);
    int ok = m && m->shape[0] == 3 &&
             memcmp(tensor_data(m), (const float[]){1, 1, 0, 0, 2, 0, 1, 0, 1}, 9 * sizeof(float)) == 0;
    tensor_release(m);
    m = metrics_confusion(t, p, 2);
    tensor_release(t); tensor_release(p);
    CHECK(ok);
    CHECK_ERR(m, "confusion_matrix: label 2 at row 5 of y_true is out of range for 2 classes");
}
