#pragma once
// One citizen's application as the kiosk seals it into the outbox and the hub receives it
// (docs/specs/hub-contract.md §4.1 "POST /v1/applications", hub/openapi.yaml). Personal data: it lives in
// memory only until Outbox::seal() has encrypted it to disk.

#include "kiosk/base/Clock.h"
#include "kiosk/base/Result.h"
#include "kiosk/domain/Identity.h"

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace kiosk::outbox {

// One material as the scan pipeline stored it (kiosk/services/scan/MaterialStore.h: one PDF each).
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

// The contract's applicant.id_type for a document ("resident_id", "hmt_permit", "foreign_permit",
// "passport").
const char* hub_id_type(domain::DocumentType type);

// 16 random bytes as 32 lowercase hex (libsodium randombytes_buf).
std::string make_application_id();
// A fresh OW1 receipt token (kiosk/domain/QrPayload.h), random from libsodium.
std::string make_query_token();

// Checks what the hub would refuse for good anyway, before anything is written: ids, matters,
// consent, materials (InvalidArgument naming the field, never its value).
Result<void> validate(const ApplicationPackage& package);

} // namespace kiosk::outbox
