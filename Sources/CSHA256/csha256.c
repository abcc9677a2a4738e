// SHA-256 block function on the x86 SHA extensions (SHA-NI), after the public-domain SHA-Intrinsics
// code by Jeffrey Walton, itself after Intel's and Sean Gulley's. Only this file is compiled for the
// `sha` target feature, so the package still builds and runs on any x86-64; callers check
// `csha256_has_hardware()` first.
#include "csha256.h"

#if defined(__x86_64__)

#include <cpuid.h>
#include <immintrin.h>

// CPUID is read directly rather than through __builtin_cpu_supports("sha"), which needs __cpu_model
// from libgcc or compiler-rt (whichever the linker picks) and the two agreeing on its bit layout.
int csha256_has_hardware(void) {
    unsigned int eax, ebx, ecx, edx;
    if (!__get_cpuid(1, &eax, &ebx, &ecx, &edx) || !(ecx & bit_SSE4_1)) return 0;
    if (__get_cpuid_max(0, NULL) < 7) return 0;
    __cpuid_count(7, 0, eax, ebx, ecx, edx);
    return (ebx & bit_SHA) ? 1 : 0;
}

static const uint32_t round_constants[64] __attribute__((aligned(16))) = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
};

// Four rounds: `sha256rnds2` does two, taking W+K for them from the low half of its third operand.
#define FOUR_ROUNDS(message, group)                                                                  \
    do {                                                                                             \
        __m128i wk = _mm_add_epi32((message), _mm_load_si128((const __m128i *)&round_constants[4 * (group)])); \
        cdgh = _mm_sha256rnds2_epu32(cdgh, abef, wk);                                                \
        abef = _mm_sha256rnds2_epu32(abef, cdgh, _mm_shuffle_epi32(wk, 0x0E));                       \
    } while (0)

// Message schedule: w[t..t+3] from w[t-16..t-1], held as m0 (oldest) .. m3 (newest); the result
// replaces m0. msg1 adds sigma0(w[t-15]) to w[t-16], alignr supplies w[t-7], msg2 adds sigma1(w[t-2]).
#define NEXT_WORDS(m0, m1, m2, m3) \
    m0 = _mm_sha256msg2_epu32(_mm_add_epi32(_mm_sha256msg1_epu32(m0, m1), _mm_alignr_epi8(m3, m2, 4)), m3)

__attribute__((target("sha,sse4.1")))
void csha256_blocks(uint32_t state[8], const uint8_t *data, size_t blocks) {
    // Message words are big-endian; this shuffle swaps the bytes of each 32-bit lane.
    const __m128i byte_swap = _mm_set_epi64x(0x0c0d0e0f08090a0bULL, 0x0405060700010203ULL);

    // The instructions want the state as (A,B,E,F) and (C,D,G,H), highest lane first.
    __m128i dcba = _mm_loadu_si128((const __m128i *)&state[0]);
    __m128i hgfe = _mm_loadu_si128((const __m128i *)&state[4]);
    __m128i cdab = _mm_shuffle_epi32(dcba, 0xB1);
    __m128i efgh = _mm_shuffle_epi32(hgfe, 0x1B);
    __m128i abef = _mm_alignr_epi8(cdab, efgh, 8);
    __m128i cdgh = _mm_blend_epi16(efgh, cdab, 0xF0);

    for (; blocks > 0; blocks--, data += 64) {
        const __m128i abef_before = abef;
        const __m128i cdgh_before = cdgh;

        __m128i m0 = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(data + 0)), byte_swap);
        __m128i m1 = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(data + 16)), byte_swap);
        __m128i m2 = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(data + 32)), byte_swap);
        __m128i m3 = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(data + 48)), byte_swap);

        FOUR_ROUNDS(m0, 0);
        FOUR_ROUNDS(m1, 1);
        FOUR_ROUNDS(m2, 2);
        FOUR_ROUNDS(m3, 3);
        for (int group = 4; group < 16; group += 4) {
            NEXT_WORDS(m0, m1, m2, m3);
            FOUR_ROUNDS(m0, group);
            NEXT_WORDS(m1, m2, m3, m0);
            FOUR_ROUNDS(m1, group + 1);
            NEXT_WORDS(m2, m3, m0, m1);
            FOUR_ROUNDS(m2, group + 2);
            NEXT_WORDS(m3, m0, m1, m2);
            FOUR_ROUNDS(m3, group + 3);
        }

        abef = _mm_add_epi32(abef, abef_before);
        cdgh = _mm_add_epi32(cdgh, cdgh_before);
    }

    // Back to H0..H7 order.
    __m128i feba = _mm_shuffle_epi32(abef, 0x1B);
    __m128i dchg = _mm_shuffle_epi32(cdgh, 0xB1);
    _mm_storeu_si128((__m128i *)&state[0], _mm_blend_epi16(feba, dchg, 0xF0));
    _mm_storeu_si128((__m128i *)&state[4], _mm_alignr_epi8(dchg, feba, 8));
}

#else

// No SHA extensions on this architecture: the caller keeps its portable block function.
int csha256_has_hardware(void) { return 0; }

void csha256_blocks(uint32_t state[8], const uint8_t *data, size_t blocks) {
    (void)state;
    (void)data;
    (void)blocks;
}

#endif
