#ifndef LINER_CSHA256_H
#define LINER_CSHA256_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// 1 when this CPU has the x86 SHA extensions (and SSE4.1), so `csha256_blocks` may be called;
/// 0 on any other CPU or architecture, where the caller keeps its own block function.
int csha256_has_hardware(void);

/// Runs the SHA-256 compression function over `blocks` whole 64-byte blocks of `data`, updating
/// `state` (H0..H7, as in FIPS 180-4) in place. Padding is the caller's job.
/// Only call it when `csha256_has_hardware()` returned 1.
void csha256_blocks(uint32_t state[8], const uint8_t *data, size_t blocks);

#ifdef __cplusplus
}
#endif

#endif
