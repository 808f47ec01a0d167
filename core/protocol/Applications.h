#pragma once
// PUT /v1/blobs/{sha256} and POST /v1/applications: a kiosk uploads each material as a blob named by
// its SHA-256, then submits the application that lists them; the hub answers with its number and one
// work item per matter.
//
// Reading a request is in two steps, as the hub answers them: parse_application_request() checks the
// shape and the limits below (a refusal is a 400); check_application() and check_applicant_id() check
// values whose refusal is a 422 (token, times, a resident ID number). A kiosk runs validate(), which is
// both, before it seals an application: what it sends is never refused for its form.

#include "core/base/Result.h"
#include "core/domain/CivilDate.h"
#include "core/protocol/Errors.h"
#include "core/protocol/Values.h"

#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

namespace kiosk::protocol {

// Limits (bytes for strings): they keep one request well under kMaxJsonBodyBytes and rows small.
inline constexpr size_t kMaxIdBytes = 64; // ids and versions: kiosk, catalog, package, matter, material
inline constexpr size_t kMaxTokenBytes = 64;
inline constexpr size_t kMaxTimeBytes = 40;
inline constexpr size_t kMaxMatters = 32;
inline constexpr size_t kMaxMaterials = 64;
inline constexpr size_t kMaxFormFields = 128;
inline constexpr size_t kMaxFormValueBytes = 4096;
inline constexpr size_t kMaxIdNumberBytes = 32;
inline constexpr size_t kMaxNameBytes = 200;
inline constexpr size_t kMaxPhoneBytes = 32;
inline constexpr size_t kMaxContentTypeBytes = 100;
inline constexpr std::int64_t kMaxMaterialBytes = std::int64_t(1) << 40;
inline constexpr std::int64_t kMaxPages = 10000;

// The answer to PUT and HEAD of a blob.
struct BlobInfo {
    std::string sha256;
    std::int64_t bytes = 0;
};

struct Applicant {
    IdType id_type = IdType::ResidentId;
    std::string id_number;
    std::string name;
    std::optional<std::string> phone;
};

struct MaterialRef {
    std::string material_id; // catalog id
    std::string sha256;      // of the blob's plaintext bytes
    std::int64_t bytes = 0;
    std::string content_type; // "application/pdf"
    std::int64_t pages = 0;
};

struct Consent {
    std::string version;     // "consent-v1"
    std::string accepted_at; // UTC time
};

struct ApplicationRequest {
    std::string application_id; // is_application_id
    std::string query_token;    // is_query_token; the hub keeps only its SHA-256
    std::string kiosk_id;       // the kiosk of the client certificate
    std::string catalog_version;
    std::string submitted_at;              // UTC time
    std::optional<std::string> package_id; // a one-thing package, or a single matter
    std::vector<std::string> matter_ids;   // 1..kMaxMatters
    Applicant applicant;
    std::map<std::string, std::string> form; // field id -> value
    Consent consent;
    std::vector<MaterialRef> materials;
};

struct AcceptedMatter {
    std::string matter_id, department_id, work_item_id;
    std::string promised_date; // YYYY-MM-DD
};

// 201 (200 for a replay of the same application): its "status" is always "accepted".
struct ApplicationAccepted {
    std::string application_id;
    std::string application_number; // "<prefix><yyyymmdd>-<7 digits>"
    std::vector<AcceptedMatter> matters;
};

nlohmann::json to_json(const BlobInfo& blob);
nlohmann::json to_json(const Applicant& applicant);
nlohmann::json to_json(const MaterialRef& material);
nlohmann::json to_json(const ApplicationRequest& request);
nlohmann::json to_json(const ApplicationAccepted& accepted);

// Requests, strictly (FieldReader.h): InvalidData naming the field, Unsupported for an unknown key.
Result<ApplicationRequest> parse_application_request(const nlohmann::json& json);
// Parts of it (as the hub reads them back from what it stored), problems named under `path`.
Result<Applicant> parse_applicant(const nlohmann::json& json, const std::string& path = "applicant");
Result<MaterialRef> parse_material(const nlohmann::json& json, const std::string& path = "material");
Result<std::map<std::string, std::string>> parse_form(const nlohmann::json& json,
                                                      const std::string& path = "form");
// Answers (other keys ignored): InvalidData naming the field.
Result<BlobInfo> parse_blob_info(const nlohmann::json& json);
Result<ApplicationAccepted> parse_application_accepted(const nlohmann::json& json);

// 422 bad-token / bad-time for a request that parsed.
std::optional<Refusal> check_application(const ApplicationRequest& request);
// 422 bad-id-number for a resident ID number whose check character or birth date (after `today`) is wrong.
std::optional<Refusal> check_applicant_id(const Applicant& applicant, domain::CivilDate today);
// parse_application_request(to_json(request)) and check_application(): InvalidArgument naming the field.
Result<void> validate(const ApplicationRequest& request);

} // namespace kiosk::protocol
