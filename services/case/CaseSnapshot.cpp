#include "services/case/CaseSnapshot.h"

#include <array>
#include <nlohmann/json.hpp>
#include <set>

namespace kiosk::services {

namespace {

using nlohmann::json;

constexpr int kFormatVersion = 1;
constexpr int kMaxPages = 1000;

constexpr domain::DocumentType kDocumentTypes[] = {
    domain::DocumentType::ResidentId, domain::DocumentType::HmtResidencePermit,
    domain::DocumentType::ForeignPermanentResidence2017, domain::DocumentType::ForeignPermanentResidence2023,
    domain::DocumentType::Passport};
constexpr IdentityStrength kStrengths[] = {IdentityStrength::None, IdentityStrength::DocumentSeen,
                                           IdentityStrength::CardRead};

// The identity's text fields, by their key in the draft.
template <typename Identity>
auto identity_fields(Identity& identity) {
    using Field = std::pair<const char*, decltype(&identity.name)>;
    return std::array<Field, 11>{Field{"name", &identity.name},
                                 Field{"name_en", &identity.name_en},
                                 Field{"nation", &identity.nation},
                                 Field{"birth_date", &identity.birth_date},
                                 Field{"address", &identity.address},
                                 Field{"id_number", &identity.id_number},
                                 Field{"issuer", &identity.issuer},
                                 Field{"valid_from", &identity.valid_from},
                                 Field{"valid_until", &identity.valid_until},
                                 Field{"permit_number", &identity.permit_number},
                                 Field{"nationality", &identity.nationality}};
}

Error invalid(std::string_view key, std::string_view what) {
    return make_error(ErrorCode::InvalidData, "draft: " + std::string(key) + ": " + std::string(what));
}

// Every key of `object` must be one of `known`.
Result<void> only_keys(const json& object, std::string_view where, std::set<std::string> known) {
    for (const auto& [key, value] : object.items())
        if (!known.count(key))
            return invalid(where, "unknown key");
    return {};
}

Result<const json*> member(const json& object, const char* key, json::value_t type) {
    auto found = object.find(key);
    if (found == object.end())
        return invalid(key, "missing");
    if (found->type() != type && !(type == json::value_t::number_integer && found->is_number_integer()))
        return invalid(key, "wrong type");
    return &*found;
}

Result<void> read_strings(const json& object, const char* key, std::map<std::string, std::string>& out) {
    const json* node = TRY(member(object, key, json::value_t::object));
    for (const auto& [name, value] : node->items()) {
        if (!value.is_string())
            return invalid(key, "expected strings");
        out[name] = value.get<std::string>();
    }
    return {};
}

Result<void> read_identity(const json& object, CaseSnapshot& snapshot) {
    const json* node = TRY(member(object, "holder", json::value_t::object));
    std::set<std::string> known{"document_type", "sex"};
    for (const auto& [key, field] : identity_fields(snapshot.holder)) {
        known.insert(key);
        const json* value = TRY(member(*node, key, json::value_t::string));
        *field = value->get<std::string>();
    }
    TRY(only_keys(*node, "holder", known));
    const auto& type =
        TRY(member(*node, "document_type", json::value_t::string))->get_ref<const std::string&>();
    bool found = false;
    for (auto candidate : kDocumentTypes)
        if (type == domain::to_string(candidate)) {
            snapshot.holder.document_type = candidate;
            found = true;
        }
    if (!found)
        return invalid("holder.document_type", "unknown");
    const auto& sex = TRY(member(*node, "sex", json::value_t::string))->get_ref<const std::string&>();
    if (sex != "M" && sex != "F")
        return invalid("holder.sex", "must be M or F");
    snapshot.holder.sex = sex[0];
    return {};
}

Result<void> read_snapshot(const json& root, CaseSnapshot& snapshot) {
    if (!root.is_object())
        return invalid("draft", "expected an object");
    TRY(only_keys(
        root, "draft",
        {"version", "written_at_ms", "holder", "strength", "item", "typed", "materials", "sealed"}));
    if (TRY(member(root, "version", json::value_t::number_integer))->get<long long>() != kFormatVersion)
        return invalid("version", "unsupported");
    if (root.contains("written_at_ms")) {
        auto ms = TRY(member(root, "written_at_ms", json::value_t::number_integer))->get<long long>();
        snapshot.written_at =
            WallTime(std::chrono::duration_cast<WallTime::duration>(std::chrono::milliseconds(ms)));
    }
    TRY(read_identity(root, snapshot));
    const auto& strength =
        TRY(member(root, "strength", json::value_t::string))->get_ref<const std::string&>();
    bool found = false;
    for (auto candidate : kStrengths)
        if (strength == to_string(candidate)) {
            snapshot.strength = candidate;
            found = true;
        }
    if (!found)
        return invalid("strength", "unknown");
    snapshot.item_key = TRY(member(root, "item", json::value_t::string))->get<std::string>();
    TRY(read_strings(root, "typed", snapshot.typed));
    for (const auto& [id, pages] : TRY(member(root, "materials", json::value_t::object))->items()) {
        if (!pages.is_number_integer() || pages.get<long long>() < 1 || pages.get<long long>() > kMaxPages)
            return invalid("materials", "pages must be between 1 and 1000");
        snapshot.materials[id] = static_cast<int>(pages.get<long long>());
    }
    for (const auto& [item, sealed] : TRY(member(root, "sealed", json::value_t::object))->items()) {
        if (!sealed.is_object())
            return invalid("sealed", "expected objects");
        TRY(only_keys(sealed, "sealed", {"application_id", "query_token"}));
        auto& slot = snapshot.sealed[item];
        slot.application_id =
            TRY(member(sealed, "application_id", json::value_t::string))->get<std::string>();
        slot.query_token = TRY(member(sealed, "query_token", json::value_t::string))->get<std::string>();
    }
    return {};
}

// Overwrites every string a JSON tree holds (keys are ids, never personal data).
void wipe_json(json& node) {
    if (node.is_string())
        secure_wipe(node.get_ref<std::string&>());
    else if (node.is_structured())
        for (auto& child : node)
            wipe_json(child);
}

} // namespace

const char* to_string(IdentityStrength strength) {
    switch (strength) {
    case IdentityStrength::None:
        return "none";
    case IdentityStrength::DocumentSeen:
        return "document-seen";
    case IdentityStrength::CardRead:
        return "card-read";
    }
    return "unknown";
}

bool same_holder(const domain::Identity& a, const domain::Identity& b) {
    return a.document_type == b.document_type && a.id_number == b.id_number;
}

void CaseSnapshot::wipe() {
    holder.wipe();
    strength = IdentityStrength::None;
    item_key.clear();
    for (auto& [field, value] : typed)
        secure_wipe(value);
    typed.clear();
    materials.clear();
    for (auto& [item, application] : sealed)
        secure_wipe(application.query_token);
    sealed.clear();
    written_at = {};
}

std::string snapshot_to_json(const CaseSnapshot& snapshot, bool with_time) {
    json root = json::object();
    root["version"] = kFormatVersion;
    if (with_time)
        root["written_at_ms"] =
            std::chrono::duration_cast<std::chrono::milliseconds>(snapshot.written_at.time_since_epoch())
                .count();
    json holder = json::object();
    holder["document_type"] = domain::to_string(snapshot.holder.document_type);
    holder["sex"] = std::string(1, snapshot.holder.sex == 'F' ? 'F' : 'M');
    for (const auto& [key, field] : identity_fields(snapshot.holder))
        holder[key] = *field;
    root["holder"] = std::move(holder);
    root["strength"] = to_string(snapshot.strength);
    root["item"] = snapshot.item_key;
    root["typed"] = snapshot.typed;
    root["materials"] = snapshot.materials;
    json sealed = json::object();
    for (const auto& [item, application] : snapshot.sealed)
        sealed[item] = {{"application_id", application.application_id},
                        {"query_token", application.query_token}};
    root["sealed"] = std::move(sealed);
    std::string text = root.dump();
    wipe_json(root);
    return text;
}

Result<CaseSnapshot> snapshot_from_json(std::string_view text) {
    // No exceptions, and no parser message: it would quote the bytes it choked on.
    json root = json::parse(text, nullptr, false);
    if (root.is_discarded())
        return make_error(ErrorCode::InvalidData, "draft: not valid JSON");
    CaseSnapshot snapshot;
    auto read = read_snapshot(root, snapshot);
    wipe_json(root);
    if (!read.ok()) {
        snapshot.wipe();
        return read.error();
    }
    return snapshot;
}

} // namespace kiosk::services
