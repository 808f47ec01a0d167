#pragma once
// Messages of every kind for the protocol tests: "full" has every optional field set (so to_json
// writes every key the module knows), "minimal" leaves every optional one out (so to_json writes only
// what it always writes). Synthetic data only: GB 11643's example ID number, made-up names.

#include "core/protocol/Protocol.h"

namespace kiosk::protocol::test {

inline constexpr const char* kToken = "OW1-7KQ2-M9XD-4TPA-Z3R8";
inline constexpr const char* kIdNumber = "11010519491231002X";
inline constexpr const char* kName = "测试申请人";
inline const std::string kSha256(64, 'a');

inline ApplicationRequest full_request() {
    ApplicationRequest request;
    request.application_id = "0123456789abcdef0123456789abcdef";
    request.query_token = kToken;
    request.kiosk_id = "dev-kiosk-01";
    request.catalog_version = "2026.11-sample-1";
    request.submitted_at = "2026-11-27T02:00:00Z";
    request.package_id = "newborn";
    request.matter_ids = {"birth_certificate_registration", "social_security_card"};
    request.applicant = {IdType::ResidentId, kIdNumber, kName, "13800138000"};
    request.form = {{"purpose", "就业"}, {"child_name", "王小宝"}};
    request.consent = {"consent-v1", "2026-11-27T01:59:40Z"};
    request.materials = {{"birth_certificate", kSha256, 1234, "application/pdf", 2}};
    return request;
}

inline ApplicationAccepted full_accepted() {
    return {"0123456789abcdef0123456789abcdef",
            "OW20261127-0000001",
            {{"birth_certificate_registration", "health", "OW20261127-0000001-1", "2026-11-30"}}};
}

inline WorkItem full_work_item() {
    return {"OW20261127-0000001-1",
            "OW20261127-0000001",
            "no_criminal_record_certificate",
            "public_security",
            WorkItemState::Approved,
            "2026-12-04",
            false,
            "2026-11-27T02:00:01Z",
            "2026-11-30T02:00:00Z",
            "资料齐全",
            "王警官",
            "C-OW20261127-0000001-1"};
}

inline WorkItem minimal_work_item() {
    WorkItem item = full_work_item();
    item.state = WorkItemState::Pending;
    item.decided_at = item.reason = item.officer = item.certificate_id = std::nullopt;
    return item;
}

inline ApplicationStatus full_status() {
    return {"OW20261127-0000001",
            "2026-11-27T02:00:00Z",
            "newborn",
            OverallStatus::Completed,
            {matter_status_of(full_work_item())}};
}

inline ApplicationStatus minimal_status() {
    return {"OW20261127-0000001",
            "2026-11-27T02:00:00Z",
            std::nullopt,
            OverallStatus::InProgress,
            {matter_status_of(minimal_work_item())}};
}

inline WorkItemDetail full_detail() {
    auto request = full_request();
    return {full_work_item(),
            {"OW20261127-0000001", request.submitted_at, request.kiosk_id, request.package_id,
             request.matter_ids, request.applicant, request.form, request.materials}};
}

inline WorkItemDetail minimal_detail() {
    auto detail = full_detail();
    detail.item = minimal_work_item();
    detail.application.package_id = std::nullopt;
    return detail;
}

inline CertificateList full_certificates() {
    return {{{"C-OW20261127-0000001-1", "OW20261127-0000001", "no_criminal_record_certificate",
              "无犯罪记录证明开具", "2026-11-30T02:00:00Z"}}};
}

inline DecisionRequest full_decision() {
    return {DecisionKind::Reject, "请补充出生医学证明", "王警官"};
}

} // namespace kiosk::protocol::test
