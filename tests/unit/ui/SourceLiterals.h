#pragma once
// Finds the string literals of C++ source files, so tests can check what the code refers to by name
// (translation keys, out-of-service reasons) without running it.

#include <string>
#include <vector>

namespace kiosk::test {

struct SourceLiteral {
    std::string file; // relative to the scanned root
    int line = 0;
    std::string text; // the characters between the quotes, escapes left as written
};

// Literals in code only: comments, character literals and raw strings' bodies are skipped correctly.
std::vector<SourceLiteral> string_literals(const std::string& source, const std::string& file);

// Every literal in the .h and .cpp files under root/folder, for each folder.
std::vector<SourceLiteral> string_literals_under(const std::string& root,
                                                 const std::vector<std::string>& folders);

} // namespace kiosk::test
