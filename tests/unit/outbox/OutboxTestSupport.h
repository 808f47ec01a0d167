#pragma once
// Shared by the outbox tests: a scratch folder, an outbox key file, a citizen's package with two
// scanned materials, and the bytes of a file (to look for what must not be in it).

#include "core/base/Clock.h"
#include "core/base/Config.h"
#include "services/outbox/ApplicationPackage.h"

#include <filesystem>
#include <string>

namespace kiosk::outbox::test {

// A fresh folder under $TMPDIR, removed with everything in it when the object goes.
class TempFolder {
public:
    TempFolder();
    ~TempFolder();
    TempFolder(const TempFolder&) = delete;
    TempFolder& operator=(const TempFolder&) = delete;
    const std::filesystem::path& path() const { return m_path; }

private:
    std::filesystem::path m_path;
};

// The applicant of every test package: these strings must never be found at rest in plain text.
inline constexpr const char* kApplicantName = "王小明测试";
inline constexpr const char* kApplicantIdNumber = "11010519491231002X";
// Plain text inside the first material's "PDF", to look for in the encrypted blob.
inline constexpr const char* kMaterialMarker = "BIRTH-CERTIFICATE-PLAINTEXT-MARKER";

// Writes <folder>/outbox.key (64 hex characters and a newline) and returns OutboxOptions using it
// with <folder>/outbox as the outbox folder. `key_byte` fills the key (two keys differ by it).
OutboxOptions make_outbox_options(const std::filesystem::path& folder, unsigned char key_byte = 0x42);

// A package for the newborn one-thing package with two materials written under <folder>/scans.
ApplicationPackage make_package(const std::filesystem::path& folder, const Clock& clock);

std::string file_bytes(const std::filesystem::path& path); // "" when missing
bool contains(const std::string& haystack, const std::string& needle);

} // namespace kiosk::outbox::test
