#include "services/outbox/ApplicationPackage.h"
#include "core/base/Digest.h"
#include "core/domain/QrPayload.h"
#include "services/outbox/SecretBox.h"

#include <array>
#include <sodium.h>

namespace kiosk::outbox {

std::string make_application_id() {
    ensure_sodium();
    unsigned char bytes[16];
    randombytes_buf(bytes, sizeof bytes);
    return to_hex(bytes, sizeof bytes);
}

std::string make_query_token() {
    ensure_sodium();
    std::array<std::uint8_t, 15> random{};
    randombytes_buf(random.data(), random.size());
    return domain::make_receipt_token(random);
}

Result<void> validate(const ApplicationPackage& package) {
    auto refuse = [](const std::string& what) {
        return make_error(ErrorCode::InvalidArgument, "application package: " + what);
    };
    for (const auto& material : package.materials) {
        if (material.material_id.empty())
            return refuse("a material without an id");
        if (material.pages < 1)
            return refuse("material " + material.material_id + " has no pages");
        if (material.file.empty())
            return refuse("material " + material.material_id + " has no file");
    }
    return {};
}

} // namespace kiosk::outbox
