#include "PrintRig.h"

#include <array>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <iterator>

namespace kiosk::drivers::testing {

namespace {

const std::string rig_script = KIOSK_SOURCE_DIR "/scripts/print-rig";

// Runs a shell command; its exit status, with stdout and stderr in `output`.
int run(const std::string& command, std::string& output) {
    FILE* pipe = popen((command + " 2>&1").c_str(), "r");
    if (!pipe)
        return -1;
    std::array<char, 4096> buffer;
    while (size_t n = fread(buffer.data(), 1, buffer.size(), pipe))
        output.append(buffer.data(), n);
    return pclose(pipe);
}

std::string quoted(const std::string& text) {
    return "'" + text + "'";
}

} // namespace

PrintRig::PrintRig(const std::string& name) : m_dir(std::filesystem::path(PRINT_RIG_WORK_DIR) / name) {
    std::filesystem::create_directories(m_dir.parent_path());
    if (run(rig_script + " start " + quoted(m_dir.string()), m_output) != 0) {
        std::cerr << m_output;
        return;
    }
    std::ifstream env(m_dir / "env");
    for (std::string line; std::getline(env, line);) {
        if (line.starts_with("CUPS_SERVER="))
            m_server = line.substr(12);
    }
}

PrintRig::~PrintRig() {
    std::string output;
    run(rig_script + " stop " + quoted(m_dir.string()), output);
}

bool PrintRig::fault(const std::string& queue, const std::string& fault) {
    std::string output;
    int status = run(rig_script + " fault " + quoted(m_dir.string()) + " " + queue + " " + fault, output);
    std::cerr << "print-rig fault " << queue << " " << fault << ": " << (status == 0 ? "ok" : "FAILED")
              << "\n"
              << output;
    return status == 0;
}

bool PrintRig::scheduler(const std::string& action) {
    std::string output;
    int status = run(rig_script + " fault " + quoted(m_dir.string()) + " " + action, output);
    std::cerr << "print-rig fault " << action << ": " << (status == 0 ? "ok" : "FAILED") << "\n" << output;
    return status == 0;
}

std::vector<std::filesystem::path> PrintRig::printed(const std::string& queue) const {
    std::vector<std::filesystem::path> files;
    std::error_code ignored;
    for (const auto& entry : std::filesystem::directory_iterator(m_dir / ("out-" + queue), ignored)) {
        if (entry.path().filename().string().front() != '.') // a copy still being written
            files.push_back(entry.path());
    }
    return files;
}

std::vector<uint8_t> one_page_pdf() {
    std::ifstream file(KIOSK_FIXTURES_DIR "/print/one-page.pdf", std::ios::binary);
    return {std::istreambuf_iterator<char>(file), std::istreambuf_iterator<char>()};
}

} // namespace kiosk::drivers::testing
