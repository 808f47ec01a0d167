#pragma once
// The poppler command-line tools the printing tests read PDFs back with, and a scratch folder.

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace kiosk::print::testing {

// A fresh empty folder under the system temp dir, removed with the object.
class ScratchDir {
public:
    ScratchDir();
    ~ScratchDir();
    std::filesystem::path path(const std::string& name) const { return m_path / name; }

private:
    std::filesystem::path m_path;
};

// Runs a shell command and returns its standard output ("" and a failed test on a non-zero exit).
std::string run(const std::string& command);

void write_bytes(const std::filesystem::path& path, const std::vector<uint8_t>& bytes);
std::string read_text(const std::filesystem::path& path);

std::string pdf_text(const std::filesystem::path& pdf, int page = 0); // pdftotext; page 0: all
int pdf_pages(const std::filesystem::path& pdf);
// "Page size: 595.276 x 841.89 pts (A4)" → {595.276, 841.89}
std::pair<double, double> pdf_page_size_pt(const std::filesystem::path& pdf);

} // namespace kiosk::print::testing
