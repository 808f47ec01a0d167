#include "PdfTools.h"

#include <gtest/gtest.h>

#include <array>
#include <cstdio>
#include <fstream>
#include <random>
#include <sstream>

namespace kiosk::print::testing {

ScratchDir::ScratchDir() {
    std::random_device random;
    m_path = std::filesystem::temp_directory_path() / ("kiosk-print-test-" + std::to_string(random()));
    std::filesystem::create_directories(m_path);
}

ScratchDir::~ScratchDir() {
    std::error_code ignored;
    std::filesystem::remove_all(m_path, ignored);
}

std::string run(const std::string& command) {
    std::string output;
    FILE* pipe = popen(command.c_str(), "r");
    if (!pipe) {
        ADD_FAILURE() << "cannot run " << command;
        return "";
    }
    std::array<char, 4096> buffer;
    size_t n;
    while ((n = fread(buffer.data(), 1, buffer.size(), pipe)) > 0)
        output.append(buffer.data(), n);
    int status = pclose(pipe);
    if (status != 0) {
        ADD_FAILURE() << command << " exited with " << status;
        return "";
    }
    return output;
}

void write_bytes(const std::filesystem::path& path, const std::vector<uint8_t>& bytes) {
    std::ofstream out(path, std::ios::binary);
    out.write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
}

std::string read_text(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

std::string pdf_text(const std::filesystem::path& pdf, int page) {
    std::string pages = page ? " -f " + std::to_string(page) + " -l " + std::to_string(page) : "";
    return run("pdftotext -enc UTF-8" + pages + " '" + pdf.string() + "' -");
}

static std::string info_line(const std::filesystem::path& pdf, const std::string& key) {
    std::istringstream info(run("pdfinfo '" + pdf.string() + "'"));
    std::string line;
    while (std::getline(info, line))
        if (line.rfind(key, 0) == 0)
            return line.substr(key.size());
    ADD_FAILURE() << "pdfinfo has no " << key;
    return "";
}

int pdf_pages(const std::filesystem::path& pdf) {
    return std::atoi(info_line(pdf, "Pages:").c_str());
}

std::pair<double, double> pdf_page_size_pt(const std::filesystem::path& pdf) {
    double width = 0, height = 0;
    std::sscanf(info_line(pdf, "Page size:").c_str(), " %lf x %lf", &width, &height);
    return {width, height};
}

} // namespace kiosk::print::testing
