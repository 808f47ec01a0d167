#pragma once
// A text with placeholders, parsed once when the template loads: "申请人：{{applicant.name}}",
// "{{applicant.id_number|mask_id}}", "{{submitted_at|datetime:zh}}". A placeholder names a dotted path
// into the data JSON ("matters.0.name"), "$." for the document root inside a repeat, "@" for the
// current item itself and "#" for its 1-based number; filters follow after '|' with ':'-separated
// arguments. Syntax and filter names are checked at load time, data at render time.

#include "core/base/Result.h"

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

namespace kiosk::print {

struct Filter {
    std::string name; // mask_id, date, datetime, fee, yesno, join, count, default
    std::vector<std::string> arguments;
};

struct Placeholder {
    std::string source;            // as written, "applicant.id_number|mask_id": names it in errors
    bool from_root = false;        // "$.hall.name"
    std::vector<std::string> path; // {"applicant", "id_number"}; {"@"} the item; {"#"} its number
    std::vector<Filter> filters;
};

// Where placeholders look their paths up: the document root and, inside a table or a repeat, the
// current item (innermost first).
struct Scope {
    const nlohmann::json* root = nullptr;
    const nlohmann::json* item = nullptr; // null outside a repeat
    int number = 0;                       // 1-based index of item
};

class TextTemplate {
public:
    // "what" is an error message without the origin: the caller knows the file and the key.
    static Result<TextTemplate> parse(std::string_view text);

    bool empty() const { return m_pieces.empty(); }
    const std::vector<Placeholder>& placeholders() const { return m_placeholders; }

    // Fails on missing data or a value a filter cannot take, naming the placeholder — never the value
    // (it may be personal data).
    Result<std::string> expand(const Scope& scope) const;

private:
    struct Piece {
        std::string literal;
        int placeholder = -1; // index into m_placeholders, or -1 for a literal
    };
    std::vector<Piece> m_pieces;
    std::vector<Placeholder> m_placeholders;
};

// Looks a placeholder's path up in a scope (without filters); null when absent.
const nlohmann::json* lookup(const Placeholder& placeholder, const Scope& scope, nlohmann::json& storage);

// "1101**********0046": the first and last four characters of an identity-document number kept;
// anything of eight characters or fewer is masked whole.
std::string mask_id(std::string_view id_number);

} // namespace kiosk::print
