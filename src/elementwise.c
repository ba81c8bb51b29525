/* elementwise.c — stub, to be written. */
#include "tensor.h"
#include "autograd.h"

const char *const binop_name[BIN_COUNT] = {0};
const char *const unop_name[UN_COUNT] = {0};

int broadcast_shape(const char *who, int an, const int64_t *as, int bn, const int64_t *bs,
                    int *outn, int64_t *out)
{
    ln_seterror("broadcast_shape: not implemented yet");
    return -1;
}

tensor *tensor_binary(binop op, tensor *a, tensor *b)
{
    ln_seterror("binary: not implemented yet");
    return NULL;
}

tensor *tensor_binary_scalar(binop op, tensor *a, float s, int scalar_first)
{
    ln_seterror("binary_scalar: not implemented yet");
    return NULL;
}

tensor *tensor_unary(unop op, tensor *a)
{
    ln_seterror("unary: not implemented yet");
    return NULL;
}

tensor *tensor_leaky_relu(tensor *a, float alpha)
{
    ln_seterror("leaky_relu: not implemented yet");
    return NULL;
}

tensor *tensor_clamp(tensor *a, float lo, float hi)
{
    ln_seterror("clamp: not implemented yet");
    return NULL;
}

tensor *tensor_where(tensor *mask, tensor *a, tensor *b)
{
    ln_seterror("where: not implemented yet");
    return NULL;
}

tensor *tensor_masked_select(tensor *t, tensor *mask)
{
    ln_seterror("masked_select: not implemented yet");
    return NULL;
}

int tensor_axpy_(tensor *dst, float alpha, tensor *src)
{
    ln_seterror("axpy_: not implemented yet");
    return -1;
}
