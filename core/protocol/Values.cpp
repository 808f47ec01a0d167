#include "core/protocol/Values.h"
#include "core/domain/QrPayload.h"

#include <algorithm>
#include <chrono>

namespace kiosk::protocol {
namespace {

bool is_lower_hex(std::string_view text, size_t length) {
    return text.size() == length && text.find_first_not_of("0123456789abcdef") == std::string_view::npos;
}

bool all_digits(std::string_view text) {
    return !text.empty() && text.find_first_not_of("0123456789") == std::string_view::npos;
}

template <typename Enum, size_t N>
std::optional<Enum> parse_spelling(const std::array<Enum, N>& values, std::string_view text) {
    for (Enum value : values)
        if (text == to_string(value))
            return value;
    return std::nullopt;
}

} // namespace

bool is_application_id(std::string_view text) {
    return is_lower_hex(text, 32);
}

bool is_query_token(std::string_view text) {
    return domain::is_receipt_token(text);
}

int compare_catalog_versions(std::string_view a, std::string_view b) {
    auto digit = [](char c) { return c >= '0' && c <= '9'; };
    auto number_at = [&](std::string_view text, size_t& at) {
        size_t start = at;
        while (at < text.size() && digit(text[at]))
            ++at;
        auto run = text.substr(start, at - start);
        run.remove_prefix(std::min(run.find_first_not_of('0'), run.size()));
        return run;
    };
    size_t i = 0, j = 0;
    while (i < a.size() && j < b.size()) {
        if (digit(a[i]) && digit(b[j])) {
            auto x = number_at(a, i), y = number_at(b, j);
            if (x.size() != y.size()) // without leading zeros, the longer number is the larger
                return x.size() < y.size() ? -1 : 1;
            if (int order = x.compare(y))
                return order < 0 ? -1 : 1;
            continue;
        }
        if (a[i] != b[j])
            return static_cast<unsigned char>(a[i]) < static_cast<unsigned char>(b[j]) ? -1 : 1;
        ++i;
        ++j;
    }
    return i < a.size() ? 1 : j < b.size() ? -1 : 0;
}

bool is_path_segment(std::string_view text) {
    return !text.empty() && text.size() <= 128 &&
           text.find_first_not_of("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-_.") ==
               std::string_view::npos &&
           text != "." && text != "..";
}

Result<domain::CivilDate> parse_iso_date(std::string_view text) {
    if (text.size() != 10 || text[4] != '-' || text[7] != '-')
        return make_error(ErrorCode::InvalidData, "expected a date YYYY-MM-DD");
    std::string compact =
        std::string(text.substr(0, 4)) + std::string(text.substr(5, 2)) + std::string(text.substr(8, 2));
    return domain::parse_yyyymmdd(compact);
}

Result<WallTime> parse_utc_time(std::string_view text) {
    using namespace std::chrono;
    auto fail = [] { return make_error(ErrorCode::InvalidData, "expected a UTC time YYYY-MM-DDTHH:MM:SSZ"); };
    if (text.size() < 20 || text[10] != 'T' || text[13] != ':' || text[16] != ':' || text.back() != 'Z')
        return fail();
    auto date = parse_iso_date(text.substr(0, 10));
    if (!date.ok())
        return fail();
    std::string_view hh = text.substr(11, 2), mm = text.substr(14, 2), ss = text.substr(17, 2);
    std::string_view rest = text.substr(19, text.size() - 20);
    if (!all_digits(hh) || !all_digits(mm) || !all_digits(ss))
        return fail();
    if (!rest.empty() && (rest[0] != '.' || !all_digits(rest.substr(1))))
        return fail();
    int h = std::stoi(std::string(hh)), m = std::stoi(std::string(mm)), s = std::stoi(std::string(ss));
    if (h > 23 || m > 59 || s > 60)
        return fail();
    const auto& d = date.value();
    sys_days day =
        year{d.year} / month{static_cast<unsigned>(d.month)} / std::chrono::day{static_cast<unsigned>(d.day)};
    return WallTime{day + hours{h} + minutes{m} + seconds{s}};
}

const char* to_string(IdType type) {
    switch (type) {
    case IdType::ResidentId:
        return "resident_id";
    case IdType::HmtPermit:
        return "hmt_permit";
    case IdType::ForeignPermit:
        return "foreign_permit";
    case IdType::Passport:
        break;
    }
    return "passport";
}

std::optional<IdType> parse_id_type(std::string_view text) {
    return parse_spelling(kIdTypes, text);
}

IdType id_type_of(domain::DocumentType type) {
    switch (type) {
    case domain::DocumentType::ResidentId:
        return IdType::ResidentId;
    case domain::DocumentType::HmtResidencePermit:
        return IdType::HmtPermit;
    case domain::DocumentType::ForeignPermanentResidence2017:
    case domain::DocumentType::ForeignPermanentResidence2023:
        return IdType::ForeignPermit;
    case domain::DocumentType::Passport:
        break;
    }
    return IdType::Passport;
}

const char* to_string(WorkItemState state) {
    switch (state) {
    case WorkItemState::Pending:
        return "pending";
    case WorkItemState::Approved:
        return "approved";
    case WorkItemState::Rejected:
        return "rejected";
    case WorkItemState::MoreRequested:
        break;
    }
    return "more_requested";
}

std::optional<WorkItemState> parse_work_item_state(std::string_view text) {
    return parse_spelling(kWorkItemStates, text);
}

const char* to_string(OverallStatus status) {
    switch (status) {
    case OverallStatus::InProgress:
        return "in_progress";
    case OverallStatus::Completed:
        return "completed";
    case OverallStatus::Rejected:
        return "rejected";
    case OverallStatus::MoreRequested:
        break;
    }
    return "more_requested";
}

std::optional<OverallStatus> parse_overall_status(std::string_view text) {
    return parse_spelling(kOverallStatuses, text);
}

const char* to_string(DecisionKind kind) {
    switch (kind) {
    case DecisionKind::Approve:
        return "approve";
    case DecisionKind::Reject:
        return "reject";
    case DecisionKind::RequestMore:
        break;
    }
    return "request_more";
}

std::optional<DecisionKind> parse_decision_kind(std::string_view text) {
    return parse_spelling(kDecisionKinds, text);
}

WorkItemState state_after(DecisionKind kind) {
    switch (kind) {
    case DecisionKind::Approve:
        return WorkItemState::Approved;
    case DecisionKind::Reject:
        return WorkItemState::Rejected;
    case DecisionKind::RequestMore:
        break;
    }
    return WorkItemState::MoreRequested;
}

} // namespace kiosk::protocol
