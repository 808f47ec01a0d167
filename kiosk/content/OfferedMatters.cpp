#include "kiosk/content/OfferedMatters.h"

#include <set>
#include <string_view>

namespace kiosk::content {
namespace {

constexpr size_t kReasonIds = 200; // characters of ids in a reason (the slots keep 300 of it)

} // namespace

std::vector<std::string> offered_matters(const domain::Catalog& catalog) {
    std::vector<std::string> ids;
    ids.reserve(catalog.matters().size());
    for (const auto& matter : catalog.matters())
        ids.push_back(matter.id);
    return ids;
}

std::vector<std::string> missing_matters(const std::vector<std::string>& offered_before,
                                         const std::vector<std::string>& offered_now,
                                         const std::vector<std::string>& removed) {
    std::set<std::string_view> still(offered_now.begin(), offered_now.end());
    still.insert(removed.begin(), removed.end());
    std::vector<std::string> missing;
    for (const auto& id : offered_before)
        if (!still.count(id))
            missing.push_back(id);
    return missing;
}

std::string missing_matters_reason(const std::vector<std::string>& missing) {
    if (missing.empty())
        return {};
    std::string reason = "matters no longer offered: ";
    size_t listed = 0;
    for (; listed < missing.size(); ++listed) {
        if (listed > 0 && reason.size() + missing[listed].size() > kReasonIds)
            break;
        if (listed > 0)
            reason += ", ";
        reason += missing[listed];
    }
    if (listed < missing.size()) {
        reason += " and ";
        reason += std::to_string(missing.size() - listed);
        reason += " more";
    }
    return reason;
}

} // namespace kiosk::content
