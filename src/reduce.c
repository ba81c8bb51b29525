/* reduce.c — stub, to be written. */
#include "tensor.h"
#include "autograd.h"

const char *const redop_name[RED_COUNT] = {0};

tensor *tensor_reduce(redop op, tensor *t, int dim, int keepdim)
{
    ln_seterror("reduce: not implemented yet");
    return NULL;
}

tensor *tensor_sum_to(tensor *t, int ndim, const int64_t *shape)
{
    ln_seterror("sum_to: not implemented yet");
    return NULL;
}
