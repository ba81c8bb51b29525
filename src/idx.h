/* idx.h — IDX files (the MNIST format), gzipped or not, to and from float tensors.
 *
 * An IDX file is a 4-byte magic (0, 0, element type, number of dims), the dims as big-endian
 * uint32, then the elements row-major and big-endian. MNIST's images are 0x00000803 (unsigned
 * bytes, 3 dims) and its labels 0x00000801. zlib reads plain and gzipped files alike.
 *
 * Uses core.h, tensor.h and zlib. Errors start with "load_idx:" / "save_idx:" and name the path,
 * as the user calls these through data.load_idx / data.save_idx. */
#ifndef LUNET_IDX_H
#define LUNET_IDX_H

#include "tensor.h"

/* Element types: the third byte of the magic. */
enum {
    IDX_U8 = 0x08,    /* unsigned byte: MNIST's images and labels */
    IDX_I8 = 0x09,    /* signed byte */
    IDX_I16 = 0x0B,   /* short, big-endian */
    IDX_I32 = 0x0C,   /* int, big-endian */
    IDX_F32 = 0x0D,   /* float, big-endian */
    IDX_F64 = 0x0E    /* double, big-endian */
};

/* Reads an IDX file of any element type into a new contiguous float tensor with the file's
 * dims (at most T_MAXDIM). Checks the magic, the dims and that the data is exactly as long as
 * the dims say ("truncated: expected N bytes of data, found M"). Returns NULL on error. */
tensor *idx_load(const char *path);

/* Writes t as an IDX file of element type `type` (0: IDX_U8 when every value is a whole
 * number in 0..255, else IDX_F32), gzipped when gzip != 0. Values must fit the type (a
 * label 300 is an error for IDX_U8, not silently wrapped). Writes a temporary file next to
 * path and renames it, so a failed write never leaves half a file. 0 or -1. */
int idx_save(const char *path, tensor *t, int type, int gzip);

/* Bytes per element of an IDX type; 0 for an unknown type. */
int idx_type_size(int type);

#endif
