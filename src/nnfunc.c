/* nnfunc.c — stub, to be written. */
#include "tensor.h"
#include "autograd.h"

tensor *tensor_softmax(tensor *t, int dim)
{
    ln_seterror("softmax: not implemented yet");
    return NULL;
}

tensor *tensor_log_softmax(tensor *t, int dim)
{
    ln_seterror("log_softmax: not implemented yet");
    return NULL;
}

tensor *tensor_dropout(tensor *t, float p)
{
    ln_seterror("dropout: not implemented yet");
    return NULL;
}
