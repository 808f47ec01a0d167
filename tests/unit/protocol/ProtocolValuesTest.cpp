// The contract's value formats, vocabularies, hub URLs and paths (core/protocol/Values.h, Routes.h).
#include "ProtocolSamples.h"
#include "core/base/Digest.h"

#include <gtest/gtest.h>
#include <set>

namespace kiosk::protocol::test {
namespace {

TEST(ProtocolValues, IdsHashesTokensAndPathSegments) {
    EXPECT_TRUE(is_application_id("0123456789abcdef0123456789abcdef"));
    EXPECT_FALSE(is_application_id("0123456789ABCDEF0123456789ABCDEF")); // lowercase only
    EXPECT_FALSE(is_application_id("0123456789abcdef0123456789abcde"));
    EXPECT_TRUE(is_sha256_hex(kSha256));
    EXPECT_FALSE(is_sha256_hex(std::string(63, 'a')));
    EXPECT_FALSE(is_sha256_hex(std::string(64, 'g')));
    EXPECT_TRUE(is_query_token(kToken));
    EXPECT_FALSE(is_query_token("OW1-7KQ2-M9XD-4TPA-Z3R9")); // check character
    EXPECT_TRUE(is_path_segment("OW20261129-0000001-2"));
    EXPECT_TRUE(is_path_segment("public_security"));
    for (const char* bad : {"", ".", "..", "a/b", "a?b", "a b", "a%2fb"})
        EXPECT_FALSE(is_path_segment(bad)) << bad;
    EXPECT_FALSE(is_path_segment(std::string(129, 'a')));
}

TEST(ProtocolValues, CatalogVersionsCompareWithTheirNumbersAsNumbers) {
    const char* ascending[] = {"2026.9-1", "2026.11-1", "2026.11-2", "2026.11-10", "2026.12-1", "2027.1-1"};
    for (size_t i = 0; i + 1 < std::size(ascending); ++i) {
        EXPECT_LT(compare_catalog_versions(ascending[i], ascending[i + 1]), 0) << ascending[i];
        EXPECT_GT(compare_catalog_versions(ascending[i + 1], ascending[i]), 0) << ascending[i];
    }
    EXPECT_EQ(compare_catalog_versions("2026.11-sample-1", "2026.11-sample-1"), 0);
    EXPECT_EQ(compare_catalog_versions("2026.011-1", "2026.11-1"), 0) << "leading zeros";
    EXPECT_LT(compare_catalog_versions("2026.11", "2026.11-1"), 0) << "a prefix is older";
    EXPECT_LT(compare_catalog_versions("", "1"), 0);
    EXPECT_GT(compare_catalog_versions("99999999999999999999999-1", "9-1"), 0) << "no overflow";
}

TEST(ProtocolValues, DatesAndUtcTimes) {
    EXPECT_EQ(parse_iso_date("2028-02-29").value().iso(), "2028-02-29");
    EXPECT_FALSE(parse_iso_date("2026-02-29").ok());
    EXPECT_FALSE(parse_iso_date("20260227").ok());
    auto time = parse_utc_time("2026-11-27T02:00:00Z");
    ASSERT_TRUE(time.ok());
    EXPECT_EQ(std::chrono::duration_cast<std::chrono::seconds>(time.value().time_since_epoch()).count(),
              1795744800);
    EXPECT_TRUE(parse_utc_time("2026-11-27T15:59:59.250Z").ok());
    for (const char* bad : {"2026-11-27T17:30:00+08:00", "2026-11-27 17:30:00Z", "2026-13-27T17:30:00Z",
                            "2026-11-27T24:00:00Z", "2026-11-27T17:30:00.Z", "2026-11-27T17:30Z", ""})
        EXPECT_FALSE(parse_utc_time(bad).ok()) << bad;
}

template <typename Enum, size_t N, typename Parse>
void expect_round_trips(const std::array<Enum, N>& values, Parse parse) {
    for (Enum value : values)
        EXPECT_EQ(parse(to_string(value)), value) << to_string(value);
    EXPECT_FALSE(parse("Pending"));
    EXPECT_FALSE(parse(""));
}

TEST(ProtocolValues, EveryVocabularyHasOneSpellingEach) {
    expect_round_trips(kIdTypes, parse_id_type);
    expect_round_trips(kWorkItemStates, parse_work_item_state);
    expect_round_trips(kOverallStatuses, parse_overall_status);
    expect_round_trips(kDecisionKinds, parse_decision_kind);
    EXPECT_EQ(spellings(kIdTypes), "resident_id, hmt_permit, foreign_permit or passport");
    EXPECT_EQ(std::string(to_string(WorkItemState::MoreRequested)), "more_requested");
}

TEST(ProtocolValues, DocumentsMapToIdTypes) {
    using domain::DocumentType;
    EXPECT_EQ(id_type_of(DocumentType::ResidentId), IdType::ResidentId);
    EXPECT_EQ(id_type_of(DocumentType::HmtResidencePermit), IdType::HmtPermit);
    EXPECT_EQ(id_type_of(DocumentType::ForeignPermanentResidence2017), IdType::ForeignPermit);
    EXPECT_EQ(id_type_of(DocumentType::ForeignPermanentResidence2023), IdType::ForeignPermit);
    EXPECT_EQ(id_type_of(DocumentType::Passport), IdType::Passport);
}

TEST(ProtocolValues, DecisionsLeadToStatesAndStatesToAnOverallStatus) {
    EXPECT_EQ(state_after(DecisionKind::Approve), WorkItemState::Approved);
    EXPECT_EQ(state_after(DecisionKind::Reject), WorkItemState::Rejected);
    EXPECT_EQ(state_after(DecisionKind::RequestMore), WorkItemState::MoreRequested);
    auto overall = [](std::initializer_list<WorkItemState> states) {
        std::vector<MatterStatus> matters;
        for (auto state : states)
            matters.push_back(MatterStatus{"m", "d", state});
        return overall_status(matters);
    };
    using S = WorkItemState;
    EXPECT_EQ(overall({S::Approved, S::MoreRequested, S::Pending}), OverallStatus::MoreRequested);
    EXPECT_EQ(overall({S::Approved, S::Pending, S::Rejected}), OverallStatus::InProgress);
    EXPECT_EQ(overall({S::Approved, S::Rejected}), OverallStatus::Rejected);
    EXPECT_EQ(overall({S::Approved, S::Approved}), OverallStatus::Completed);
}

TEST(ProtocolRoutes, HubUrls) {
    auto endpoint = parse_hub_url("https://hub.hall.example").value();
    EXPECT_EQ(endpoint.host, "hub.hall.example");
    EXPECT_EQ(endpoint.port, 443);
    EXPECT_EQ(parse_hub_url("https://localhost:8443").value().port, 8443);
    EXPECT_EQ(parse_hub_url("https://localhost:8443/").value().host, "localhost");
    auto v6 = parse_hub_url("https://[::1]:8443").value();
    EXPECT_EQ(v6.host, "::1");
    EXPECT_EQ(v6.port, 8443);
    for (const char* bad :
         {"http://localhost:8443", "https://", "https://localhost:8443/api", "https://:8443",
          "https://localhost:0", "https://localhost:65536", "https://localhost:84a3",
          "https://user@localhost", "https://localhost?x", "https://[::1", "localhost:8443"}) {
        auto parsed = parse_hub_url(bad);
        ASSERT_FALSE(parsed.ok()) << bad;
        EXPECT_EQ(parsed.error().code, ErrorCode::InvalidArgument) << bad;
    }
}

TEST(ProtocolRoutes, PathsAreBuiltOnlyFromSegmentsThatFit) {
    EXPECT_EQ(blob_path(kSha256).value(), "/v1/blobs/" + kSha256);
    EXPECT_EQ(status_by_token_path(kToken).value(), std::string("/v1/status/") + kToken);
    EXPECT_EQ(status_by_number_path("OW20261127-0000001", kToken).value(),
              std::string("/v1/applications/OW20261127-0000001/status?token=") + kToken);
    EXPECT_EQ(certificate_download_path("C-1").value(), "/v1/certificates/C-1/download");
    EXPECT_EQ(work_items_path("health", std::nullopt).value(), "/v1/departments/health/work-items");
    EXPECT_EQ(work_items_path("health", WorkItemState::MoreRequested).value(),
              "/v1/departments/health/work-items?state=more_requested");
    EXPECT_EQ(work_item_path("OW1-1").value(), "/v1/work-items/OW1-1");
    EXPECT_EQ(decision_path("OW1-1").value(), "/v1/work-items/OW1-1/decision");

    auto refused = certificate_download_path("../admin");
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error().code, ErrorCode::InvalidArgument);
    EXPECT_EQ(refused.error().message.find("admin"), std::string::npos)
        << "names the parameter, not the value";
    EXPECT_FALSE(blob_path(std::string(64, 'A')).ok());
    EXPECT_FALSE(status_by_token_path("OW1-../../v1/blobs").ok());
    EXPECT_FALSE(status_by_number_path("OW1", "not-a-token").ok());
    EXPECT_FALSE(work_items_path("health/../x", std::nullopt).ok());
    EXPECT_FALSE(decision_path("").ok());
    EXPECT_TRUE(looks_like_pdf("%PDF-1.7 ..."));
    EXPECT_FALSE(looks_like_pdf("<html>"));
}

TEST(ProtocolErrors, EveryCodeIsOneRefusalWithOneStatus) {
    std::set<std::string> codes;
    for (const auto& kind : kErrorKinds) {
        EXPECT_TRUE(codes.insert(kind.code).second) << kind.code << " twice";
        EXPECT_GE(kind.status, 400) << kind.code;
        EXPECT_LE(kind.status, 599) << kind.code;
    }
    EXPECT_EQ(refusal_kind(make_error(ErrorCode::Unsupported, "unknown field x")).code, kUnknownField.code);
    EXPECT_EQ(refusal_kind(make_error(ErrorCode::InvalidData, "x: missing")).code, kInvalidField.code);
}

} // namespace
} // namespace kiosk::protocol::test
