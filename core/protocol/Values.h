#pragma once
// The contract's value formats and closed vocabularies: what an id, a hash, a token, a time or a
// state may look like on the wire, and the one spelling of each enum value. Every check here is pure
// (no clock, no I/O) and never echoes the value it refused.

#include "core/base/Clock.h"
#include "core/base/Digest.h"
#include "core/base/Result.h"
#include "core/domain/CivilDate.h"
#include "core/domain/Identity.h"

#include <array>
#include <optional>
#include <string>
#include <string_view>

namespace kiosk::protocol {

// An application id: 16 random bytes made by the kiosk, as exactly 32 lowercase hex digits.
bool is_application_id(std::string_view text);
// A blob's name: the SHA-256 of its bytes as exactly 64 lowercase hex digits, no other spelling
// (is_sha256_hex, core/base/Digest.h).
// A receipt's query token, "OW1-XXXX-XXXX-XXXX-XXXX" with its check character (core/domain/QrPayload.h).
bool is_query_token(std::string_view text);
// An id that may stand in a URL path as one segment: 1..128 of [A-Za-z0-9._-], not "." or "..".
bool is_path_segment(std::string_view text);

// The order of catalog versions (docs/specs/hub-contract.md §4.2): runs of digits compare as numbers,
// everything else byte by byte, so "2026.9-1" < "2026.11-1" < "2026.11-2" < "2026.12-1". Negative,
// zero or positive as a is older than, the same as or newer than b. A hall names its catalog versions
// so that this order is their order (date first, then a running number).
int compare_catalog_versions(std::string_view a, std::string_view b);

// "YYYY-MM-DD", checked to exist.
Result<domain::CivilDate> parse_iso_date(std::string_view text);
// A UTC time "YYYY-MM-DDTHH:MM:SSZ", optionally with fractional seconds; anything else fails.
Result<WallTime> parse_utc_time(std::string_view text);

// applicant.id_type: the kind of identity document the applicant identified with.
enum class IdType { ResidentId, HmtPermit, ForeignPermit, Passport };
inline constexpr std::array<IdType, 4> kIdTypes = {IdType::ResidentId, IdType::HmtPermit,
                                                   IdType::ForeignPermit, IdType::Passport};
const char* to_string(IdType type); // "resident_id", "hmt_permit", "foreign_permit", "passport"
std::optional<IdType> parse_id_type(std::string_view text);
// The id_type of a document the kiosk read (both foreign permanent residence cards are one type).
IdType id_type_of(domain::DocumentType type);

// A work item's state: pending until its department decides.
enum class WorkItemState { Pending, Approved, Rejected, MoreRequested };
inline constexpr std::array<WorkItemState, 4> kWorkItemStates = {
    WorkItemState::Pending, WorkItemState::Approved, WorkItemState::Rejected, WorkItemState::MoreRequested};
const char* to_string(WorkItemState state); // "pending", "approved", "rejected", "more_requested"
std::optional<WorkItemState> parse_work_item_state(std::string_view text);

// An application's status, from its work items' states: more_requested if any is, else in_progress
// while any is pending, else rejected if any was, else completed.
enum class OverallStatus { InProgress, Completed, Rejected, MoreRequested };
inline constexpr std::array<OverallStatus, 4> kOverallStatuses = {
    OverallStatus::InProgress, OverallStatus::Completed, OverallStatus::Rejected,
    OverallStatus::MoreRequested};
const char* to_string(OverallStatus status); // "in_progress", "completed", "rejected", "more_requested"
std::optional<OverallStatus> parse_overall_status(std::string_view text);

// A department's decision on a work item, and the state it leads to.
enum class DecisionKind { Approve, Reject, RequestMore };
inline constexpr std::array<DecisionKind, 3> kDecisionKinds = {DecisionKind::Approve, DecisionKind::Reject,
                                                               DecisionKind::RequestMore};
const char* to_string(DecisionKind kind); // "approve", "reject", "request_more"
std::optional<DecisionKind> parse_decision_kind(std::string_view text);
WorkItemState state_after(DecisionKind kind);

// "a, b, c or d": the spellings of a vocabulary, for "expected …" messages.
template <typename Enum, size_t N>
std::string spellings(const std::array<Enum, N>& values) {
    std::string text;
    for (size_t i = 0; i < N; ++i)
        text += std::string(i == 0 ? "" : i + 1 == N ? " or " : ", ") + to_string(values[i]);
    return text;
}

} // namespace kiosk::protocol
