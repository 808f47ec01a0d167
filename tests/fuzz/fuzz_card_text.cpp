// Fuzz target: the 256-byte text block of read-base (docs/specs/idcard-sam.md §2). A 256-byte input
// is parsed; whatever parses must encode and parse back to the same identity (unless it holds a
// character outside the BMP, which UCS-2 cannot encode). Any other length must be an error; such
// inputs are also cut into identity fields to exercise the encoder and the UCS-2 codec.

#include "drivers/idcard/CardText.h"
#include "drivers/idcard/Ucs2.h"

#include <cstdint>
#include <cstdlib>
#include <fuzzer/FuzzedDataProvider.h>

using namespace kiosk;
using namespace kiosk::drivers::sam;

namespace {

constexpr domain::CivilDate kToday{2026, 1, 15};

void check(bool condition) {
    if (!condition)
        std::abort();
}

bool same(const domain::Identity& a, const domain::Identity& b) {
    return a.document_type == b.document_type && a.name == b.name && a.name_en == b.name_en &&
           a.sex == b.sex && a.nation == b.nation && a.birth_date == b.birth_date && a.address == b.address &&
           a.id_number == b.id_number && a.issuer == b.issuer && a.valid_from == b.valid_from &&
           a.valid_until == b.valid_until && a.permit_number == b.permit_number &&
           a.nationality == b.nationality;
}

void round_trip(std::span<const uint8_t> text) {
    auto identity = parse_card_text(text, kToday);
    if (!identity.ok())
        return;
    auto encoded = encode_card_text(identity.value());
    if (!encoded.ok())
        return; // a surrogate pair on the card: readable, not writable as UCS-2
    auto again = parse_card_text(encoded.value(), kToday);
    check(again.ok());
    check(same(identity.value(), again.value()));
}

void encode_fields(const uint8_t* data, size_t size) {
    FuzzedDataProvider provider(data, size);
    domain::Identity identity;
    identity.document_type = static_cast<domain::DocumentType>(provider.ConsumeIntegralInRange<int>(0, 4));
    identity.sex = provider.ConsumeBool() ? 'M' : 'F';
    for (std::string* field : {&identity.name, &identity.name_en, &identity.nation, &identity.birth_date,
                               &identity.address, &identity.id_number, &identity.issuer, &identity.valid_from,
                               &identity.valid_until, &identity.permit_number, &identity.nationality})
        *field = provider.ConsumeRandomLengthString(64);
    auto encoded = encode_card_text(identity);
    if (encoded.ok())
        (void)parse_card_text(encoded.value(), kToday);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    std::span<const uint8_t> input(data, size);
    auto parsed = parse_card_text(input, kToday);
    if (size != kTextSize) {
        check(!parsed.ok());
        (void)decode_ucs2le(input);
        (void)utf8_to_ucs2(std::string_view(reinterpret_cast<const char*>(data), size));
        encode_fields(data, size);
        return 0;
    }
    round_trip(input);
    return 0;
}
