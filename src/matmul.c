/* matmul.c — stub, to be written. */
#include "tensor.h"
#include "autograd.h"

tensor *tensor_matmul(tensor *a, tensor *b)
{
    ln_seterror("matmul: not implemented yet");
    return NULL;
}

tensor *tensor_linear(tensor *x, tensor *w, tensor *b)
{
    ln_seterror("linear: not implemented yet");
    return NULL;
}
