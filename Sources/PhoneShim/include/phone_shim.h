#ifndef LINER_PHONE_SHIM_H
#define LINER_PHONE_SHIM_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/// How a valid number is written out.
typedef enum {
    LINER_PHONE_FORMAT_E164 = 0,
    LINER_PHONE_FORMAT_INTERNATIONAL = 1,
    LINER_PHONE_FORMAT_NATIONAL = 2,
} liner_phone_format;

/// What libphonenumber made of the input.
typedef enum {
    LINER_PHONE_VALID = 0,        ///< parsed and valid: `formatted` holds it
    LINER_PHONE_INVALID = 1,      ///< parsed, but not a valid number for its region
    LINER_PHONE_UNPARSEABLE = 2,  ///< not a phone number at all
} liner_phone_status;

/// Line type, as libphonenumber's PhoneNumberType, reduced to what a report needs.
typedef enum {
    LINER_PHONE_TYPE_UNKNOWN = 0,
    LINER_PHONE_TYPE_MOBILE = 1,
    LINER_PHONE_TYPE_FIXED_LINE = 2,
    LINER_PHONE_TYPE_FIXED_OR_MOBILE = 3,
    LINER_PHONE_TYPE_OTHER = 4,
} liner_phone_type;

typedef struct {
    liner_phone_status status;
    liner_phone_type type;
    char formatted[64];   ///< NUL-terminated; empty unless status is VALID
    char extension[32];   ///< NUL-terminated; the extension ("доб. 12" -> "12"), if any
    char region[4];       ///< NUL-terminated ISO 3166 region of the number, if known
} liner_phone_result;

/// Parses `raw` (UTF-8, `raw_length` bytes; may be NULL when `raw_length` is 0) with `default_region`
/// (e.g. "RU"; NULL means none) for national forms, validates it and formats it without its extension,
/// which goes to `extension`. Thread-safe; never throws.
void liner_phone_normalize(const char *raw, size_t raw_length, const char *default_region,
                           liner_phone_format format, liner_phone_result *result);

/// 1 when libphonenumber has metadata for `region` (an ISO 3166 code such as "RU"), else 0 (also for
/// "ZZ", "001" and NULL). The first call into the library loads its metadata (tens of ms). Thread-safe.
int liner_phone_is_supported_region(const char *region);

#ifdef __cplusplus
}
#endif

#endif
