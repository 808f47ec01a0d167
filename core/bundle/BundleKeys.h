#pragma once
// The bundle keys a kiosk trusts (docs/ConfigBundles.md "Keys on the kiosk"): several minisign public
// keys, so that a fleet can move to a new key while bundles signed with the old one still install, and
// a list of revoked key ids, refused whatever they signed (a revoked key stays refused even when it is
// still in the trusted list).

#include "core/base/Config.h"
#include "core/base/Result.h"
#include "core/bundle/Minisign.h"

#include <string>
#include <vector>

namespace kiosk::bundle {

class BundleKeys {
public:
    // trusted: "RW…" public keys; revoked: key ids as minisign prints them (16 hex digits).
    // InvalidData naming the list and the position of the first entry that is not one.
    static Result<BundleKeys> create(const std::vector<std::string>& trusted,
                                     const std::vector<std::string>& revoked);
    static Result<BundleKeys> from_options(const BundleOptions& options) {
        return create(options.trusted_keys, options.revoked_keys);
    }

    const PublicKey* find(const KeyId& id) const; // null when no trusted key has that id
    bool is_revoked(const KeyId& id) const;
    const std::vector<PublicKey>& trusted() const { return m_trusted; }

private:
    BundleKeys() = default;
    std::vector<PublicKey> m_trusted;
    std::vector<KeyId> m_revoked;
};

} // namespace kiosk::bundle
