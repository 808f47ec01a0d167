#include "SourceLiterals.h"

#include <cctype>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace kiosk::test {
namespace {

bool is_identifier_char(char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
}

// The R at source[at] begins a raw string (R"…", u8R"…", LR"…"), not the end of an identifier like FOOR.
bool starts_raw_string(const std::string& source, size_t at) {
    size_t begin = at;
    while (begin > 0 && is_identifier_char(source[begin - 1]))
        --begin;
    std::string prefix = source.substr(begin, at - begin);
    return prefix.empty() || prefix == "u8" || prefix == "u" || prefix == "U" || prefix == "L";
}

} // namespace

std::vector<SourceLiteral> string_literals(const std::string& source, const std::string& file) {
    std::vector<SourceLiteral> found;
    int line = 1;
    size_t i = 0;
    auto advance_to = [&](size_t end) {
        for (; i < end && i < source.size(); ++i)
            line += source[i] == '\n';
    };
    while (i < source.size()) {
        char c = source[i];
        char next = i + 1 < source.size() ? source[i + 1] : '\0';
        if (c == '/' && next == '/') {
            advance_to(source.find('\n', i) == std::string::npos ? source.size() : source.find('\n', i));
        } else if (c == '/' && next == '*') {
            size_t end = source.find("*/", i + 2);
            advance_to(end == std::string::npos ? source.size() : end + 2);
        } else if (c == 'R' && next == '"' && starts_raw_string(source, i)) {
            // R"delim( ... )delim"
            size_t open = source.find('(', i + 2);
            if (open == std::string::npos)
                break;
            std::string close = ")" + source.substr(i + 2, open - i - 2) + "\"";
            size_t end = source.find(close, open);
            size_t stop = end == std::string::npos ? source.size() : end + close.size();
            SourceLiteral literal{file, line, source.substr(open + 1, end - open - 1)};
            advance_to(stop);
            found.push_back(std::move(literal));
        } else if (c == '"' || c == '\'') {
            size_t j = i + 1;
            while (j < source.size() && source[j] != c && source[j] != '\n')
                j += source[j] == '\\' ? 2 : 1;
            if (c == '"')
                found.push_back({file, line, source.substr(i + 1, j - i - 1)});
            advance_to(j + 1);
        } else {
            advance_to(i + 1);
        }
    }
    return found;
}

std::vector<SourceLiteral> string_literals_under(const std::string& root,
                                                 const std::vector<std::string>& folders) {
    namespace fs = std::filesystem;
    std::vector<SourceLiteral> all;
    for (const auto& folder : folders) {
        for (const auto& entry : fs::recursive_directory_iterator(fs::path(root) / folder)) {
            auto extension = entry.path().extension();
            if (!entry.is_regular_file() || (extension != ".h" && extension != ".cpp"))
                continue;
            std::ifstream in(entry.path(), std::ios::binary);
            std::stringstream text;
            text << in.rdbuf();
            auto literals = string_literals(text.str(), fs::relative(entry.path(), root).string());
            all.insert(all.end(), literals.begin(), literals.end());
        }
    }
    return all;
}

} // namespace kiosk::test
