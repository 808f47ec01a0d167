#pragma once
// Where the hub answers: its base URL, every endpoint of the contract (method and path template, as
// hub/openapi.yaml spells them), the paths clients build from them, and the transport's limits.
// Path builders refuse a segment that is not is_path_segment() (or not a sha256 / query token where
// the contract says so), so a value from outside never changes which endpoint a request reaches.

#include "core/base/Result.h"
#include "core/protocol/Values.h"

#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace kiosk::protocol {

struct HubEndpoint {
    std::string host;
    int port = 443;
};
// "https://HOST[:PORT]" (a trailing '/' is allowed, nothing else after the authority; an IPv6 host in
// brackets). InvalidArgument otherwise; the message quotes the URL (configuration, not personal data).
Result<HubEndpoint> parse_hub_url(std::string_view url);

struct Route {
    const char* method;
    const char* path; // "{name}" stands for one path segment
};

inline constexpr Route kPutBlob{"PUT", "/v1/blobs/{sha256}"};
inline constexpr Route kHeadBlob{"HEAD", "/v1/blobs/{sha256}"};
inline constexpr Route kSubmitApplication{"POST", "/v1/applications"};
inline constexpr Route kStatusByToken{"GET", "/v1/status/{query_token}"};
inline constexpr Route kStatusByNumber{"GET", "/v1/applications/{application_number}/status"}; // ?token=
inline constexpr Route kSearchCertificates{"POST", "/v1/certificates/search"};
inline constexpr Route kDownloadCertificate{"POST", "/v1/certificates/{certificate_id}/download"};
inline constexpr Route kRequestPrintGrant{"POST", "/v1/certificates/{certificate_id}/print-grant"};
inline constexpr Route kReportPrintOutcome{"POST", "/v1/print-grants/{grant_id}/outcome"};
inline constexpr Route kListWorkItems{"GET", "/v1/departments/{department_id}/work-items"}; // [?state=]
inline constexpr Route kGetWorkItem{"GET", "/v1/work-items/{work_item_id}"};
inline constexpr Route kDecide{"POST", "/v1/work-items/{work_item_id}/decision"};

inline constexpr std::array<Route, 12> kRoutes = {kPutBlob,
                                                  kHeadBlob,
                                                  kSubmitApplication,
                                                  kStatusByToken,
                                                  kStatusByNumber,
                                                  kSearchCertificates,
                                                  kDownloadCertificate,
                                                  kRequestPrintGrant,
                                                  kReportPrintOutcome,
                                                  kListWorkItems,
                                                  kGetWorkItem,
                                                  kDecide};

// The paths of those routes with their segments filled in; InvalidArgument for a segment that may not
// stand there (the message names the parameter, not the value).
Result<std::string> blob_path(std::string_view sha256);
Result<std::string> status_by_token_path(std::string_view query_token);
Result<std::string> status_by_number_path(std::string_view application_number, std::string_view query_token);
Result<std::string> certificate_download_path(std::string_view certificate_id);
Result<std::string> print_grant_path(std::string_view certificate_id);
Result<std::string> print_outcome_path(std::string_view grant_id);
Result<std::string> work_items_path(std::string_view department_id, std::optional<WorkItemState> state);
Result<std::string> work_item_path(std::string_view work_item_id);
Result<std::string> decision_path(std::string_view work_item_id);

inline constexpr const char* kJsonContentType = "application/json"; // every JSON request and answer
inline constexpr const char* kBlobContentType = "application/octet-stream";
inline constexpr const char* kPdfContentType = "application/pdf"; // a certificate download
inline constexpr size_t kMaxJsonBodyBytes = 1 << 20;              // a JSON request body
inline constexpr size_t kDefaultMaxBlobBytes = 16 << 20;          // one blob, unless the hub says less/more

// A certificate download's bytes start like a PDF.
bool looks_like_pdf(std::string_view bytes);

} // namespace kiosk::protocol
