#pragma once
// POST /v1/applications, read strictly (docs/specs/hub-contract.md §4 "Applications"). Shape errors
// are 400s; the checks that need the catalog, the store or the caller are HubService's (422, 403, 409).

#include "hub/Api.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace kiosk::hub {

struct MaterialRef {
    std::string material_id;
    std::string sha256;
    std::int64_t bytes = 0;
    std::string content_type;
    std::int64_t pages = 0;
};

struct ApplicationRequest {
    std::string application_id; // 32 lowercase hex
    std::string query_token;
    std::string kiosk_id;
    std::string catalog_version;
    std::string submitted_at;
    std::string package_id; // empty: null
    std::vector<std::string> matter_ids;
    std::string id_type;
    std::string id_number;
    std::string name;
    std::string phone; // empty: null
    std::string consent_version;
    std::string consent_accepted_at;
    std::vector<MaterialRef> materials;
    nlohmann::json canonical; // the request as parsed: dump() sorts keys, so equal requests hash equal
};

// Fills `out`, or answers the 400 to send.
std::optional<Reply> parse_application_request(const std::string& body, ApplicationRequest& out);

} // namespace kiosk::hub
