#include "phone_shim.h"

#include <cstring>
#include <set>
#include <string>

#include <phonenumbers/phonenumber.pb.h>
#include <phonenumbers/phonenumberutil.h>

using i18n::phonenumbers::PhoneNumber;
using i18n::phonenumbers::PhoneNumberUtil;

static void copy_into(char *destination, size_t capacity, const std::string &value) {
    size_t length = value.size() < capacity - 1 ? value.size() : capacity - 1;
    std::memcpy(destination, value.data(), length);
    destination[length] = '\0';
}

// The extension travels in its own field, so it must not be formatted into the number.
// A copy is built instead of calling `clear_extension()`: that inline protobuf accessor needs
// libprotobuf's own symbols at link time, and linking libphonenumber alone must be enough.
static PhoneNumber without_extension(const PhoneNumber &number) {
    PhoneNumber plain;
    plain.set_country_code(number.country_code());
    plain.set_national_number(number.national_number());
    if (number.has_italian_leading_zero()) plain.set_italian_leading_zero(number.italian_leading_zero());
    if (number.has_number_of_leading_zeros()) plain.set_number_of_leading_zeros(number.number_of_leading_zeros());
    return plain;
}

static liner_phone_type reduce_type(PhoneNumberUtil::PhoneNumberType type) {
    switch (type) {
    case PhoneNumberUtil::MOBILE: return LINER_PHONE_TYPE_MOBILE;
    case PhoneNumberUtil::FIXED_LINE: return LINER_PHONE_TYPE_FIXED_LINE;
    case PhoneNumberUtil::FIXED_LINE_OR_MOBILE: return LINER_PHONE_TYPE_FIXED_OR_MOBILE;
    case PhoneNumberUtil::UNKNOWN: return LINER_PHONE_TYPE_UNKNOWN;
    default: return LINER_PHONE_TYPE_OTHER;
    }
}

// Asks the library only what the result needs, each question once. `IsValidNumber` and
// `GetNumberType` each work out the number's region again (for a shared country code such as +7
// that is a full type match against each candidate region, several ICU regex matches), so the
// region is found once and validity asked with `IsValidNumberForRegion`, which is exactly what
// `IsValidNumber` does after finding the region. `GetNumberType` still finds it again: no public
// call takes a region for the type. The number is copied without its extension only if it has one.
extern "C" void liner_phone_normalize(const char *raw, size_t raw_length, const char *default_region,
                                      liner_phone_format format, liner_phone_result *result) {
    std::memset(result, 0, sizeof(*result));
    result->status = LINER_PHONE_UNPARSEABLE;

    const PhoneNumberUtil &util = *PhoneNumberUtil::GetInstance();
    PhoneNumber number;
    // Swift may hand over a null pointer for an empty string; "ZZ" is libphonenumber's "no region".
    std::string text = raw != nullptr ? std::string(raw, raw_length) : std::string();
    if (util.Parse(text, default_region != nullptr ? default_region : "ZZ", &number) != PhoneNumberUtil::NO_PARSING_ERROR) {
        return;
    }
    if (number.has_extension()) {
        copy_into(result->extension, sizeof(result->extension), number.extension());
    }
    std::string region;
    util.GetRegionCodeForNumber(number, &region);
    copy_into(result->region, sizeof(result->region), region);

    if (!util.IsValidNumberForRegion(number, region)) {
        result->status = LINER_PHONE_INVALID;
        return;
    }
    result->status = LINER_PHONE_VALID;
    result->type = reduce_type(util.GetNumberType(number));
    PhoneNumberUtil::PhoneNumberFormat style = PhoneNumberUtil::E164;
    if (format == LINER_PHONE_FORMAT_INTERNATIONAL) style = PhoneNumberUtil::INTERNATIONAL;
    if (format == LINER_PHONE_FORMAT_NATIONAL) style = PhoneNumberUtil::NATIONAL;
    std::string formatted;
    if (number.has_extension()) {
        util.Format(without_extension(number), style, &formatted);
    } else {
        util.Format(number, style, &formatted);
    }
    copy_into(result->formatted, sizeof(result->formatted), formatted);
}

// `GetSupportedRegions` rather than `GetCountryCodeForRegion(region) != 0`: the latter logs a warning
// on stderr for an unknown region.
extern "C" int liner_phone_is_supported_region(const char *region) {
    if (region == nullptr) return 0;
    std::set<std::string> regions;
    PhoneNumberUtil::GetInstance()->GetSupportedRegions(&regions);
    return regions.count(region) != 0 ? 1 : 0;
}
