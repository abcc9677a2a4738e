#include <zlib.h>

// deflateInit2 is a macro that Swift cannot call; windowBits 15 + 16 asks zlib for a gzip wrapper.
static inline int liner_gzip_deflate_init(z_streamp stream, int level) {
    return deflateInit2(stream, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);
}
