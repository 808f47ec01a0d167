// Fuzz target: bytes from a serial port or a captured .hex file (docs/specs/idcard-sam.md §1, §2).
// The input is fed to FrameReader in chunks whose sizes the input also picks; every frame is taken
// apart as a response, a command and a read-base answer. Frames must re-encode to themselves, and a
// whole-input parse (binary and as hex text) must never crash.

#include "drivers/idcard/CardText.h"
#include "drivers/idcard/HexText.h"
#include "drivers/idcard/SamFrame.h"

#include <cstdint>
#include <cstdlib>
#include <fuzzer/FuzzedDataProvider.h>

using namespace kiosk::drivers::sam;

namespace {

constexpr kiosk::domain::CivilDate kToday{2026, 1, 15};

void check(bool condition) {
    if (!condition)
        std::abort();
}

void take_apart(const std::vector<uint8_t>& body) {
    check(body.size() + 1 >= 3 && body.size() + 1 <= kMaxFrameLength);
    auto response = response_from_body(body);
    if (response.ok()) {
        auto again = build_response(response->sw3, response->data, response->sw1, response->sw2);
        check(again.size() == kHeaderSize + body.size() + 1);
        check(std::equal(body.begin(), body.end(), again.begin() + kHeaderSize));
        auto identity = parse_read_base(response.value(), kToday);
        if (identity.ok())
            check(identity->photo_wlt.size() == kPhotoSize);
    }
    auto command = command_from_body(body);
    if (command.ok()) {
        auto again = build_command(command->command, command->data);
        check(std::equal(body.begin(), body.end(), again.begin() + kHeaderSize));
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    std::span<const uint8_t> whole(data, size);
    (void)parse_response_frame(whole);
    auto hex = parse_hex(std::string_view(reinterpret_cast<const char*>(data), size));
    if (hex.ok())
        (void)parse_response_frame(hex.value());

    FuzzedDataProvider provider(data, size);
    FrameReader reader;
    size_t fed = 0, framed = 0;
    while (provider.remaining_bytes() > 0) {
        size_t chunk = provider.ConsumeIntegralInRange<size_t>(1, 300);
        auto bytes = provider.ConsumeBytes<uint8_t>(chunk);
        reader.feed(bytes);
        fed += bytes.size();
        (void)reader.bytes_wanted();
        while (auto body = reader.next()) {
            if (body->ok()) {
                framed += kHeaderSize + body->value().size() + 1;
                take_apart(body->value());
            }
        }
        check(reader.skipped_bytes() + framed <= fed);
    }
    return 0;
}
