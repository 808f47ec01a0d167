#include "drivers/idcard/PermanentResidenceNumber.h"

#include <fmt/format.h>

namespace kiosk::drivers::sam {

char icao_check_digit(std::string_view text) {
    static constexpr int kWeights[3] = {7, 3, 1};
    int sum = 0;
    for (size_t i = 0; i < text.size(); ++i) {
        char c = text[i];
        int value = c >= '0' && c <= '9' ? c - '0' : c >= 'A' && c <= 'Z' ? c - 'A' + 10 : c == '<' ? 0 : -1;
        if (value < 0)
            return '?';
        sum += value * kWeights[i % 3];
    }
    return static_cast<char>('0' + sum % 10);
}

Result<void> check_permanent_residence_number(std::string_view number, domain::CivilDate birth) {
    if (number.size() != 15)
        return make_error(ErrorCode::InvalidData,
                          fmt::format("permanent-residence number has {} characters, not 15", number.size()));
    for (size_t i = 0; i < 3; ++i)
        if (number[i] < 'A' || number[i] > 'Z')
            return make_error(ErrorCode::InvalidData,
                              "permanent-residence number does not start with a 3-letter nationality code");
    for (size_t i = 3; i < 15; ++i)
        if (number[i] < '0' || number[i] > '9')
            return make_error(ErrorCode::InvalidData, "permanent-residence number has a non-digit after its "
                                                      "nationality code");
    std::string yymmdd = fmt::format("{:02}{:02}{:02}", birth.year % 100, birth.month, birth.day);
    if (number.substr(7, 6) != yymmdd)
        return make_error(ErrorCode::InvalidData, "permanent-residence number does not match the birth date");
    if (icao_check_digit(number.substr(0, 14)) != number[14])
        return make_error(ErrorCode::InvalidData, "permanent-residence number fails its check digit (7-3-1)");
    return {};
}

} // namespace kiosk::drivers::sam
