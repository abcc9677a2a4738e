// OpenSSL 3's EVP digests: SHA-256 on the CPU's SHA instructions where it has them.
#include <openssl/evp.h>
