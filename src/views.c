/* views.c — stub, to be written. */
#include "tensor.h"
#include "autograd.h"

tensor *tensor_reshape(tensor *t, int ndim, const int64_t *shape)
{
    ln_seterror("reshape: not implemented yet");
    return NULL;
}

tensor *tensor_flatten(tensor *t)
{
    ln_seterror("flatten: not implemented yet");
    return NULL;
}

tensor *tensor_transpose(tensor *t, int d1, int d2)
{
    ln_seterror("transpose: not implemented yet");
    return NULL;
}

tensor *tensor_permute(tensor *t, const int *perm)
{
    ln_seterror("permute: not implemented yet");
    return NULL;
}

tensor *tensor_narrow(tensor *t, int dim, int64_t start, int64_t len)
{
    ln_seterror("narrow: not implemented yet");
    return NULL;
}

tensor *tensor_select(tensor *t, int dim, int64_t i)
{
    ln_seterror("select: not implemented yet");
    return NULL;
}

tensor *tensor_squeeze(tensor *t, int dim)
{
    ln_seterror("squeeze: not implemented yet");
    return NULL;
}

tensor *tensor_unsqueeze(tensor *t, int dim)
{
    ln_seterror("unsqueeze: not implemented yet");
    return NULL;
}

tensor *tensor_expand(tensor *t, int ndim, const int64_t *shape)
{
    ln_seterror("expand: not implemented yet");
    return NULL;
}

tensor *tensor_cat(int n, tensor **ts, int dim)
{
    ln_seterror("cat: not implemented yet");
    return NULL;
}

tensor *tensor_stack(int n, tensor **ts, int dim)
{
    ln_seterror("stack: not implemented yet");
    return NULL;
}
