#include "OutboxTestSupport.h"

#include <fstream>
#include <gtest/gtest.h>
#include <sstream>
#include <stdlib.h>

namespace kiosk::outbox::test {

TempFolder::TempFolder() {
    const char* base = std::getenv("TMPDIR");
    std::string pattern = std::string(base && *base ? base : "/tmp") + "/outbox-test-XXXXXX";
    if (char* made = mkdtemp(pattern.data()))
        m_path = made;
    else
        ADD_FAILURE() << "mkdtemp failed for " << pattern;
}

TempFolder::~TempFolder() {
    std::error_code ignored;
    if (!m_path.empty())
        std::filesystem::remove_all(m_path, ignored);
}

OutboxOptions make_outbox_options(const std::filesystem::path& folder, unsigned char key_byte) {
    OutboxOptions options;
    options.dir = (folder / "outbox").string();
    options.key_file = (folder / ("outbox-" + std::to_string(key_byte) + ".key")).string();
    std::ofstream key(options.key_file);
    char hex[3];
    for (int i = 0; i < 32; ++i) {
        snprintf(hex, sizeof hex, "%02x", static_cast<unsigned>((key_byte + i) & 0xFF));
        key << hex;
    }
    key << "\n";
    return options;
}

ApplicationPackage make_package(const std::filesystem::path& folder, const Clock& clock) {
    auto scans = folder / "scans";
    std::filesystem::create_directories(scans);
    std::ofstream(scans / "birth_certificate.pdf") << "%PDF-1.4 " << kMaterialMarker << " page one\n";
    std::ofstream(scans / "household_register.pdf") << "%PDF-1.4 household register of " << kApplicantName;

    ApplicationPackage package;
    package.kiosk_id = "dev-kiosk-01";
    package.catalog_version = "2026.11-test";
    package.package_id = "newborn";
    package.matter_ids = {"birth_registration", "household_registration"};
    package.applicant.document_type = domain::DocumentType::ResidentId;
    package.applicant.name = kApplicantName;
    package.applicant.id_number = kApplicantIdNumber;
    package.phone = "13800000000";
    package.form = {{"child_name", "王小宝"}, {"birth_date", "2026-11-01"}};
    package.consent_version = "consent-v1";
    package.consent_accepted_at = clock.wall_now();
    package.submitted_at = clock.wall_now();
    package.materials = {{"birth_certificate", scans / "birth_certificate.pdf", 1},
                         {"household_register", scans / "household_register.pdf", 2}};
    return package;
}

std::string file_bytes(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream bytes;
    bytes << in.rdbuf();
    return bytes.str();
}

bool contains(const std::string& haystack, const std::string& needle) {
    return haystack.find(needle) != std::string::npos;
}

} // namespace kiosk::outbox::test
