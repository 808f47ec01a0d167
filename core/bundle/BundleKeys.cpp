#include "core/bundle/BundleKeys.h"

#include <algorithm>

namespace kiosk::bundle {

Result<BundleKeys> BundleKeys::create(const std::vector<std::string>& trusted,
                                      const std::vector<std::string>& revoked) {
    BundleKeys keys;
    for (size_t i = 0; i < trusted.size(); ++i) {
        auto key = parse_public_key(trusted[i]);
        if (!key.ok()) {
            std::string message = "bundles.trusted_keys[";
            message += std::to_string(i);
            message += "]: ";
            message += key.error().message;
            return make_error(ErrorCode::InvalidData, message);
        }
        keys.m_trusted.push_back(key.value());
    }
    for (size_t i = 0; i < revoked.size(); ++i) {
        auto id = parse_key_id_hex(revoked[i]);
        if (!id.ok()) {
            std::string message = "bundles.revoked_keys[";
            message += std::to_string(i);
            message += "]: ";
            message += id.error().message;
            return make_error(ErrorCode::InvalidData, message);
        }
        keys.m_revoked.push_back(id.value());
    }
    return keys;
}

const PublicKey* BundleKeys::find(const KeyId& id) const {
    auto it = std::find_if(m_trusted.begin(), m_trusted.end(),
                           [&](const PublicKey& key) { return key.key_id == id; });
    return it == m_trusted.end() ? nullptr : &*it;
}

bool BundleKeys::is_revoked(const KeyId& id) const {
    return std::find(m_revoked.begin(), m_revoked.end(), id) != m_revoked.end();
}

} // namespace kiosk::bundle
