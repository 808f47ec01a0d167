#include "core/documents/TextTemplate.h"

#include "core/domain/Catalog.h"

#include <cstdio>
#include <map>

namespace kiosk::print {

namespace {

// Filter name → how many arguments it takes (min, max).
const std::map<std::string, std::pair<size_t, size_t>> kFilters = {
    {"mask_id", {0, 0}},  // identity-document number as it may appear on paper
    {"date", {0, 1}},     // "2024-05-20"; date:zh → "2024年5月20日"
    {"datetime", {0, 1}}, // "2024-05-20 14:32"; datetime:zh → "2024年5月20日 14:32"
    {"fee", {0, 1}},      // fen → "¥12.50"; fee:免费 prints the argument for zero
    {"yesno", {2, 2}},    // yesno:原件:复印件
    {"join", {0, 1}},     // array of texts, join:、 (default "、")
    {"count", {0, 0}},    // number of elements of an array
    {"default", {1, 1}},  // default:— when the data is missing or null
};

std::string trim(std::string_view text) {
    size_t begin = text.find_first_not_of(' ');
    size_t end = text.find_last_not_of(' ');
    return begin == std::string_view::npos ? "" : std::string(text.substr(begin, end - begin + 1));
}

std::vector<std::string> split(std::string_view text, char separator) {
    std::vector<std::string> parts;
    size_t start = 0;
    while (true) {
        size_t at = text.find(separator, start);
        parts.emplace_back(text.substr(start, at == std::string_view::npos ? at : at - start));
        if (at == std::string_view::npos)
            return parts;
        start = at + 1;
    }
}

bool valid_path_segment(const std::string& segment) {
    if (segment.empty())
        return false;
    for (char c : segment)
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
              c == '-'))
            return false;
    return true;
}

Result<Placeholder> parse_placeholder(std::string_view text) {
    Placeholder out;
    out.source = trim(text);
    // Filter arguments are taken verbatim ("join:, " joins with a comma and a space).
    auto parts = split(text, '|');
    std::string path = trim(parts[0]);
    auto fail = [&](const std::string& what) {
        return make_error(ErrorCode::InvalidData, "{{" + out.source + "}}: " + what);
    };
    if (path.rfind("$.", 0) == 0) {
        out.from_root = true;
        path = path.substr(2);
    }
    if (path == "@" || path == "#") {
        out.path = {path};
    } else {
        out.path = split(path, '.');
        for (const auto& segment : out.path)
            if (!valid_path_segment(segment))
                return fail("'" + path + "' is not a dotted path of a-z, 0-9, '_' or '-'");
    }
    for (size_t i = 1; i < parts.size(); ++i) {
        auto words = split(parts[i], ':');
        Filter filter{trim(words[0]), {words.begin() + 1, words.end()}};
        auto known = kFilters.find(filter.name);
        if (known == kFilters.end())
            return fail("unknown filter '" + filter.name +
                        "' (known: mask_id, date, datetime, fee, yesno, join, count, default)");
        auto [min, max] = known->second;
        if (filter.arguments.size() < min || filter.arguments.size() > max)
            return fail("filter '" + filter.name + "' takes " + std::to_string(min) +
                        (min == max ? "" : "-" + std::to_string(max)) + " argument(s)");
        out.filters.push_back(std::move(filter));
    }
    return out;
}

// ISO 8601 as the hub and the store write it: "2024-05-20" or "2024-05-20T14:32:05+08:00" (the
// local time of the hall is printed as written; no time-zone arithmetic on paper).
bool parse_iso(const std::string& text, bool need_time, int (&parts)[5]) {
    int consumed = 0;
    if (std::sscanf(text.c_str(), "%4d-%2d-%2d%n", &parts[0], &parts[1], &parts[2], &consumed) != 3 ||
        consumed != 10)
        return false;
    if (parts[1] < 1 || parts[1] > 12 || parts[2] < 1 || parts[2] > 31)
        return false;
    if (!need_time)
        return true;
    if (text.size() < 16 || (text[10] != 'T' && text[10] != ' '))
        return false;
    if (std::sscanf(text.c_str() + 11, "%2d:%2d", &parts[3], &parts[4]) != 2)
        return false;
    return parts[3] >= 0 && parts[3] < 24 && parts[4] >= 0 && parts[4] < 60;
}

std::string format_date(const std::string& text, bool with_time, bool chinese, bool& ok) {
    int p[5] = {};
    ok = parse_iso(text, with_time, p);
    if (!ok)
        return "";
    char out[64];
    if (chinese && with_time)
        std::snprintf(out, sizeof out, "%d年%d月%d日 %02d:%02d", p[0], p[1], p[2], p[3], p[4]);
    else if (chinese)
        std::snprintf(out, sizeof out, "%d年%d月%d日", p[0], p[1], p[2]);
    else if (with_time)
        std::snprintf(out, sizeof out, "%04d-%02d-%02d %02d:%02d", p[0], p[1], p[2], p[3], p[4]);
    else
        std::snprintf(out, sizeof out, "%04d-%02d-%02d", p[0], p[1], p[2]);
    return out;
}

// A scalar as text; objects and arrays are not texts (join or count them).
bool scalar_text(const nlohmann::json& value, std::string& out) {
    if (value.is_string())
        out = value.get<std::string>();
    else if (value.is_number_integer())
        out = std::to_string(value.get<long long>());
    else if (value.is_number_float()) {
        char text[32];
        std::snprintf(text, sizeof text, "%g", value.get<double>());
        out = text;
    } else if (value.is_boolean())
        out = value.get<bool>() ? "true" : "false";
    else
        return false;
    return true;
}

Result<std::string> apply(const Placeholder& placeholder, const nlohmann::json* value) {
    auto fail = [&](const std::string& what) {
        return make_error(ErrorCode::InvalidData, "{{" + placeholder.source + "}}: " + what);
    };
    std::string text;
    bool is_text = false; // value has become text
    for (const auto& filter : placeholder.filters) {
        const auto& args = filter.arguments;
        if (filter.name == "default") {
            if (!is_text && (!value || value->is_null())) {
                text = args[0];
                is_text = true;
            }
            continue;
        }
        if (!is_text && (!value || value->is_null()))
            return fail("no such data");
        if (filter.name == "count") {
            if (is_text || !value->is_array())
                return fail("count needs an array");
            text = std::to_string(value->size());
        } else if (filter.name == "join") {
            if (is_text || !value->is_array())
                return fail("join needs an array of texts");
            std::string separator = args.empty() ? "、" : args[0];
            for (size_t i = 0; i < value->size(); ++i) {
                std::string element;
                if (!scalar_text((*value)[i], element))
                    return fail("element " + std::to_string(i) + " is not a text");
                text += (i ? separator : "") + element;
            }
        } else if (filter.name == "yesno") {
            if (is_text || !value->is_boolean())
                return fail("yesno needs true or false");
            text = value->get<bool>() ? args[0] : args[1];
        } else if (filter.name == "fee") {
            if (is_text || !value->is_number_integer() || value->get<long long>() < 0 ||
                value->get<long long>() > 100'000'000)
                return fail("fee needs a whole number of fen from 0 to 100000000");
            int fen = value->get<int>();
            text = fen == 0 && !args.empty() ? args[0] : domain::format_fee(fen);
        } else {
            if (!is_text && !scalar_text(*value, text))
                return fail("is not a text");
            if (filter.name == "mask_id") {
                text = mask_id(text);
            } else { // date, datetime
                bool ok = false;
                bool chinese = !args.empty() && args[0] == "zh";
                if (!args.empty() && args[0] != "zh" && args[0] != "iso")
                    return fail("the date style is zh or iso");
                text = format_date(text, filter.name == "datetime", chinese, ok);
                if (!ok)
                    return fail(filter.name == "date" ? "not a date (expected YYYY-MM-DD)"
                                                      : "not a date and time (expected YYYY-MM-DDThh:mm)");
            }
        }
        is_text = true;
    }
    if (is_text)
        return text;
    if (!value || value->is_null())
        return fail("no such data");
    if (!scalar_text(*value, text))
        return fail("is an object or an array, not a text (use join or count)");
    return text;
}

} // namespace

Result<TextTemplate> TextTemplate::parse(std::string_view text) {
    TextTemplate out;
    size_t position = 0;
    while (position < text.size()) {
        size_t open = text.find("{{", position);
        size_t stray = text.find("}}", position);
        if (stray < open)
            return make_error(ErrorCode::InvalidData, "'}}' without '{{'");
        if (open == std::string_view::npos) {
            out.m_pieces.push_back({std::string(text.substr(position)), -1});
            break;
        }
        if (open > position)
            out.m_pieces.push_back({std::string(text.substr(position, open - position)), -1});
        size_t close = text.find("}}", open + 2);
        if (close == std::string_view::npos)
            return make_error(ErrorCode::InvalidData, "'{{' without '}}'");
        auto placeholder = TRY(parse_placeholder(text.substr(open + 2, close - open - 2)));
        out.m_pieces.push_back({"", static_cast<int>(out.m_placeholders.size())});
        out.m_placeholders.push_back(std::move(placeholder));
        position = close + 2;
    }
    return out;
}

const nlohmann::json* lookup(const Placeholder& placeholder, const Scope& scope, nlohmann::json& storage) {
    const nlohmann::json* node = placeholder.from_root || !scope.item ? scope.root : scope.item;
    if (!placeholder.from_root && placeholder.path[0] == "#") {
        if (!scope.item)
            return nullptr;
        storage = scope.number;
        return &storage;
    }
    if (placeholder.path[0] == "@")
        return placeholder.from_root ? nullptr : scope.item;
    for (const auto& segment : placeholder.path) {
        if (!node)
            return nullptr;
        if (node->is_object()) {
            auto it = node->find(segment);
            node = it == node->end() ? nullptr : &*it;
        } else if (node->is_array() && segment.find_first_not_of("0123456789") == std::string::npos &&
                   segment.size() < 6) {
            size_t index = std::stoul(segment);
            node = index < node->size() ? &(*node)[index] : nullptr;
        } else {
            return nullptr;
        }
    }
    return node;
}

Result<std::string> TextTemplate::expand(const Scope& scope) const {
    std::string out;
    for (const auto& piece : m_pieces) {
        if (piece.placeholder < 0) {
            out += piece.literal;
            continue;
        }
        const auto& placeholder = m_placeholders[piece.placeholder];
        nlohmann::json storage;
        out += TRY(apply(placeholder, lookup(placeholder, scope, storage)));
    }
    return out;
}

std::string mask_id(std::string_view id_number) {
    // Count UTF-8 characters so a permit number with a letter prefix masks the same way.
    std::vector<std::string_view> characters;
    for (size_t i = 0; i < id_number.size();) {
        size_t length = 1;
        unsigned char lead = static_cast<unsigned char>(id_number[i]);
        if (lead >= 0xF0)
            length = 4;
        else if (lead >= 0xE0)
            length = 3;
        else if (lead >= 0xC0)
            length = 2;
        characters.push_back(id_number.substr(i, length));
        i += length;
    }
    std::string out;
    for (size_t i = 0; i < characters.size(); ++i) {
        bool keep = characters.size() > 8 && (i < 4 || i >= characters.size() - 4);
        out += keep ? std::string(characters[i]) : "*";
    }
    return out;
}

} // namespace kiosk::print
