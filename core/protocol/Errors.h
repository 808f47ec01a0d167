#pragma once
// The hub's refusals: every 4xx/5xx body is {"error": <code>, "message": <one English line>}, plus
// "missing" for 422 missing-blobs. Clients act on the code, never on the message. Each code has one
// HTTP status (kRefused and kInternal stand for any other 4xx / 5xx the HTTP layer makes itself).

#include "core/base/Result.h"

#include <array>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

namespace kiosk::protocol {

struct ErrorKind {
    int status = 0;
    const char* code = "";
};

// A body that does not read (any JSON endpoint).
inline constexpr ErrorKind kMalformedJson{400, "malformed-json"}; // not one JSON object
inline constexpr ErrorKind kUnknownField{400, "unknown-field"};   // a key the contract does not define
inline constexpr ErrorKind kInvalidField{400, "invalid-field"};   // missing key, wrong type, over a limit
inline constexpr ErrorKind kTooLarge{413, "too-large"};
inline constexpr ErrorKind kUnsupportedMediaType{415, "unsupported-media-type"};
// Who may call.
inline constexpr ErrorKind kClientUnknown{403, "client-unknown"};
inline constexpr ErrorKind kClientRevoked{403, "client-revoked"};
inline constexpr ErrorKind kForbidden{403, "forbidden"};
inline constexpr ErrorKind kKioskMismatch{403, "kiosk-mismatch"};
// Blobs.
inline constexpr ErrorKind kBadHash{400, "bad-hash"};
inline constexpr ErrorKind kHashMismatch{422, "hash-mismatch"};
// Applications.
inline constexpr ErrorKind kApplicationConflict{409, "application-conflict"};
inline constexpr ErrorKind kMissingBlobs{422, "missing-blobs"};
inline constexpr ErrorKind kUnknownPackage{422, "unknown-package"};
inline constexpr ErrorKind kUnknownMatter{422, "unknown-matter"};
inline constexpr ErrorKind kMatterNotInPackage{422, "matter-not-in-package"};
inline constexpr ErrorKind kDuplicateMatter{422, "duplicate-matter"};
inline constexpr ErrorKind kBadToken{422, "bad-token"};
inline constexpr ErrorKind kBadTime{422, "bad-time"};
inline constexpr ErrorKind kBadIdNumber{422, "bad-id-number"};
inline constexpr ErrorKind kBlobSizeMismatch{422, "blob-size-mismatch"};
// The application's catalog_version is newer than the hub's catalog: not a refusal, "not yet". 503,
// because a kiosk of any version retries a 5xx (an older one would drop an application on a 4xx).
inline constexpr ErrorKind kCatalogBehind{503, "catalog-behind"};
// Lookups and decisions.
inline constexpr ErrorKind kNotFound{404, "not-found"};
inline constexpr ErrorKind kAlreadyDecided{409, "already-decided"};
inline constexpr ErrorKind kReasonRequired{422, "reason-required"};
// Certificate prints (PrintGrants.h, docs/specs/hub-contract.md §6.1). The three 409s of a grant carry
// kiosk_id and at beside the code.
inline constexpr ErrorKind kAlreadyPrinted{409, "already-printed"};      // a staff reprint is the way on
inline constexpr ErrorKind kPrintInProgress{409, "print-in-progress"};   // another kiosk holds an open grant
inline constexpr ErrorKind kPrintUnknown{409, "print-unknown"};          // may have printed: staff check
inline constexpr ErrorKind kNoPrintGrant{409, "no-print-grant"};         // download without a live grant
inline constexpr ErrorKind kOutcomeRecorded{409, "outcome-recorded"};    // another outcome came first
inline constexpr ErrorKind kNothingToReprint{409, "nothing-to-reprint"}; // never printed: no reprint needed
// Too many requests of one kind from one client (certificate search): wait Retry-After seconds.
inline constexpr ErrorKind kRateLimited{429, "rate-limited"};
// Answers the HTTP layer makes before any endpoint runs.
inline constexpr ErrorKind kBadRequest{400, "bad-request"};
inline constexpr ErrorKind kMethodNotAllowed{405, "method-not-allowed"};
inline constexpr ErrorKind kUriTooLong{414, "uri-too-long"};
inline constexpr ErrorKind kRefused{400, "refused"};
inline constexpr ErrorKind kInternal{500, "internal"};

inline constexpr std::array<ErrorKind, 37> kErrorKinds = {kMalformedJson,
                                                          kUnknownField,
                                                          kInvalidField,
                                                          kTooLarge,
                                                          kUnsupportedMediaType,
                                                          kClientUnknown,
                                                          kClientRevoked,
                                                          kForbidden,
                                                          kKioskMismatch,
                                                          kBadHash,
                                                          kHashMismatch,
                                                          kApplicationConflict,
                                                          kMissingBlobs,
                                                          kUnknownPackage,
                                                          kUnknownMatter,
                                                          kMatterNotInPackage,
                                                          kDuplicateMatter,
                                                          kBadToken,
                                                          kBadTime,
                                                          kBadIdNumber,
                                                          kBlobSizeMismatch,
                                                          kCatalogBehind,
                                                          kNotFound,
                                                          kAlreadyDecided,
                                                          kReasonRequired,
                                                          kAlreadyPrinted,
                                                          kPrintInProgress,
                                                          kPrintUnknown,
                                                          kNoPrintGrant,
                                                          kOutcomeRecorded,
                                                          kNothingToReprint,
                                                          kRateLimited,
                                                          kBadRequest,
                                                          kMethodNotAllowed,
                                                          kUriTooLong,
                                                          kRefused,
                                                          kInternal};

// The refusals of POST /v1/applications that are final (docs/specs/hub-contract.md §8): the contract
// defines each as a refusal of this application's content, so the same sealed bytes sent again to the
// same hub must meet the same answer, and only a person can change that. A kiosk keeps such an
// application for staff; it deletes nothing. Every other answer to a submission — another code, a
// status that is not the code's own, a body that is not this JSON object (a proxy's page), no answer
// at all — may be retried. Why each code is here, and why the others are not: hub-contract.md §8.1.
inline constexpr std::array<ErrorKind, 11> kFinalApplicationRefusals = {
    kUnknownField, kInvalidField, kUnknownPackage, kUnknownMatter,    kMatterNotInPackage, kDuplicateMatter,
    kBadToken,     kBadTime,      kBadIdNumber,    kBlobSizeMismatch, kApplicationConflict};

// A refusal found by a check of this module, before the hub answers it.
struct Refusal {
    ErrorKind kind;
    std::string message; // names the field, never its value
};

struct ErrorBody {
    std::string error;                // the code
    std::string message;              // "" when a (non-conforming) answer had none
    std::vector<std::string> missing; // missing-blobs only: sha256s, written only when not empty
};

nlohmann::json to_json(const ErrorBody& body);
// Lenient on purpose, because a refusal must still be understood when it is not quite right: the code
// is required (a non-empty string); a missing message reads as ""; entries of `missing` that are not
// sha256 hex are dropped; other keys are ignored.
Result<ErrorBody> parse_error_body(const nlohmann::json& json);

// The 400 a request body earns when a parse_* of this module refuses it: unknown-field for a key the
// contract does not define (ErrorCode::Unsupported), invalid-field for anything else. (A body that is
// not one JSON object, parse_json_object's refusal, is malformed-json.)
const ErrorKind& refusal_kind(const Error& parse_error);

} // namespace kiosk::protocol
