#include "core/domain/IdNumber.h"

#include <array>
#include <fmt/format.h>

namespace kiosk::domain {
namespace {

// First two digits of the region code (GB/T 2260 provinces, plus 71 Taiwan, 81/82/83 for residence
// permits and 9x for 2023 foreign permanent-residence cards).
bool known_region_prefix(int prefix) {
    static constexpr std::array kPrefixes{11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34,
                                          35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52,
                                          53, 54, 61, 62, 63, 64, 65, 71, 81, 82, 83};
    if (prefix >= 91 && prefix <= 99)
        return true;
    for (int known : kPrefixes)
        if (known == prefix)
            return true;
    return false;
}

} // namespace

char id_number_check_character(std::string_view first17) {
    // Weights 2^(18-i) mod 11 for positions i = 1..17.
    static constexpr int kWeights[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    if (first17.size() != 17)
        return '?';
    int sum = 0;
    for (size_t i = 0; i < 17; ++i) {
        if (first17[i] < '0' || first17[i] > '9')
            return '?';
        sum += (first17[i] - '0') * kWeights[i];
    }
    return "10X98765432"[sum % 11];
}

Result<IdNumber> check_id_number(std::string_view text, CivilDate today) {
    if (text.size() != 18)
        return make_error(ErrorCode::InvalidData,
                          fmt::format("ID number has {} characters, not 18", text.size()));
    std::string normalised(text);
    if (normalised[17] == 'x')
        normalised[17] = 'X';
    for (size_t i = 0; i < 17; ++i)
        if (normalised[i] < '0' || normalised[i] > '9')
            return make_error(ErrorCode::InvalidData,
                              "ID number has a non-digit among its first 17 characters");
    if (!(normalised[17] == 'X' || (normalised[17] >= '0' && normalised[17] <= '9')))
        return make_error(ErrorCode::InvalidData, "ID number ends in neither a digit nor X");
    if (!known_region_prefix((normalised[0] - '0') * 10 + (normalised[1] - '0')))
        return make_error(ErrorCode::InvalidData, "ID number has an unknown province code");
    auto birth = parse_yyyymmdd(std::string_view(normalised).substr(6, 8));
    if (!birth)
        return make_error(ErrorCode::InvalidData, "ID number holds no real birth date");
    if (birth.value() > today)
        return make_error(ErrorCode::InvalidData, "ID number holds a birth date in the future");
    if (id_number_check_character(std::string_view(normalised).substr(0, 17)) != normalised[17])
        return make_error(ErrorCode::InvalidData, "ID number fails its check character (ISO 7064 MOD 11-2)");
    char sex = (normalised[16] - '0') % 2 == 1 ? 'M' : 'F';
    return IdNumber{std::move(normalised), birth.value(), sex};
}

} // namespace kiosk::domain
