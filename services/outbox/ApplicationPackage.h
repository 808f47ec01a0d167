#pragma once
// One citizen's application as the kiosk seals it into the outbox; Outbox::seal() turns it into the
// hub's POST /v1/applications (core/protocol/Applications.h). Personal data: it lives in memory only
// until Outbox::seal() has encrypted it to disk.

#include "core/base/Clock.h"
#include "core/base/Result.h"
#include "core/domain/Identity.h"

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace kiosk::outbox {

// One material as the scan pipeline stored it (services/scan/MaterialStore.h: one PDF each).
struct PackageMaterial {
    std::string material_id;    // catalog id, e.g. "birth_certificate"
    std::filesystem::path file; // StoredMaterial::pdf
    int pages = 1;
    std::string content_type = "application/pdf";
};

struct ApplicationPackage {
    std::string kiosk_id;        // KioskOptions::kiosk_id; the hub checks it against our certificate
    std::string catalog_version; // the catalog the citizen saw
    std::optional<std::string> package_id; // a one-thing package, or none for a single matter
    std::vector<std::string> matter_ids;   // at least one
    domain::Identity applicant;
    std::optional<std::string> phone;
    std::map<std::string, std::string> form; // field id -> value as typed or prefilled
    std::string consent_version;             // "consent-v1"
    WallTime consent_accepted_at{};
    WallTime submitted_at{}; // when the citizen confirmed
    std::vector<PackageMaterial> materials;
};

// 16 random bytes as 32 lowercase hex (libsodium randombytes_buf).
std::string make_application_id();
// A fresh OW1 receipt token (core/domain/QrPayload.h), random from libsodium.
std::string make_query_token();

// What only the kiosk can check, before a file is read: each material has its file and at least one
// page (InvalidArgument naming the material, never a value). What the hub would refuse for good is
// protocol::validate()'s, which seal() runs on the request itself before anything is written.
Result<void> validate(const ApplicationPackage& package);

} // namespace kiosk::outbox
