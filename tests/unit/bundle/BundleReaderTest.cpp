// The kiosk's verifier (core/bundle/BundleReader.h): a bundle that passes, and every refusal, each
// with a crafted bundle. Every refusal must leave the output folder empty.

#include "core/bundle/BundleReader.h"
#include "tests/unit/bundle/CraftedBundle.h"

#include <chrono>
#include <fstream>
#include <gtest/gtest.h>

namespace kiosk::bundle {
namespace {
namespace fs = std::filesystem;
using namespace testing;
using Files = std::vector<std::pair<std::string, std::string>>;

std::string slurp(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), {}};
}

class BundleReaderTest : public ::testing::Test {
protected:
    BundleReaderTest() : m_keys(make_keys({public_key_of(m_key)}, {})) {
        m_target.app_version = {0, 1, 0};
        m_target.kiosk_id = "kiosk-007";
        m_target.hall = "hall-a";
        m_target.groups = {"east"};
        m_target.installed_version = 2;
        m_target.now = utc("2026-12-06T12:00:00Z");
    }

    static BundleKeys make_keys(const std::vector<PublicKey>& trusted, const std::vector<KeyId>& revoked) {
        std::vector<std::string> trusted_text, revoked_text;
        for (const auto& key : trusted)
            trusted_text.push_back(format_public_key(key));
        for (const auto& id : revoked)
            revoked_text.push_back(key_id_hex(id));
        auto keys = BundleKeys::create(trusted_text, revoked_text);
        if (!keys.ok())
            std::abort();
        return keys.release_value();
    }

    VerifyResult verify(const std::vector<Entry>& entries) {
        write_tar(bundle_path(), entries);
        return verify_bundle(bundle_path().string(), m_keys, m_target, out().string(), m_limits);
    }

    // The refusal, and nothing left behind.
    void expect_refused(const VerifyResult& result, Refusal refusal) {
        ASSERT_FALSE(result.ok());
        EXPECT_EQ(result.refusal, refusal) << to_string(result.refusal) << ": " << result.error.message;
        EXPECT_FALSE(result.error.message.empty());
        EXPECT_FALSE(fs::exists(out())) << "a refused bundle left files in " << out();
    }

    fs::path bundle_path() const { return m_dir.path() / "b.owcb"; }
    fs::path out() const { return m_dir.path() / "out"; }

    Files m_files{{"catalog/catalog.json", R"({"matters": []})"}, {"i18n/strings.json", R"({"a": 1})"}};
    ScratchDir m_dir;
    SecretKey m_key = make_secret_key();
    BundleKeys m_keys;
    BundleTarget m_target;
    BundleLimits m_limits;
};

TEST_F(BundleReaderTest, AcceptsASignedBundleAndExtractsEveryFileWithItsManifest) {
    auto manifest = manifest_for(m_files);
    auto result = verify(signed_entries(manifest, m_key, m_files));
    ASSERT_TRUE(result.ok()) << to_string(result.refusal) << ": " << result.error.message;
    EXPECT_EQ(result.bundle->manifest.version, 3);
    EXPECT_EQ(result.bundle->key_id, key_id_hex(m_key.key_id));
    EXPECT_EQ(slurp(out() / "files/catalog/catalog.json"), m_files[0].second);
    EXPECT_EQ(slurp(out() / "files/i18n/strings.json"), m_files[1].second);
    EXPECT_EQ(slurp(out() / "manifest.json"), serialize_manifest(manifest));
    EXPECT_TRUE(fs::exists(out() / "manifest.json.minisig"));
    EXPECT_FALSE(fs::exists(out() / ".partial"));
}

TEST_F(BundleReaderTest, AcceptsAnEmptyOutputFolderThatExists) {
    fs::create_directory(out());
    auto result = verify(signed_entries(manifest_for(m_files), m_key, m_files));
    ASSERT_TRUE(result.ok()) << result.error.message;
}

TEST_F(BundleReaderTest, RefusesAnOutputFolderThatIsNotEmptyAndLeavesItAlone) {
    fs::create_directory(out());
    std::ofstream(out() / "mine.txt") << "keep";
    auto result = verify(signed_entries(manifest_for(m_files), m_key, m_files));
    EXPECT_EQ(result.refusal, Refusal::LocalError);
    EXPECT_EQ(slurp(out() / "mine.txt"), "keep");
}

TEST_F(BundleReaderTest, RefusesAManifestChangedAfterSigning) {
    auto entries = signed_entries(manifest_for(m_files), m_key, m_files);
    entries[0].data.replace(entries[0].data.find("\"version\": 3"), 12, "\"version\": 4");
    expect_refused(verify(entries), Refusal::BadSignature);
}

// Same id and version, so the trusted comment still matches: only the signature itself can tell.
TEST_F(BundleReaderTest, RefusesAScopeWidenedAfterSigning) {
    auto manifest = manifest_for(m_files);
    manifest.halls = {"hall-b"};
    auto entries = signed_entries(manifest, m_key, m_files);
    entries[0].data.replace(entries[0].data.find("\"hall-b\""), 8, "\"hall-a\"");
    expect_refused(verify(entries), Refusal::BadSignature);
}

TEST_F(BundleReaderTest, RefusesATrustedCommentChangedAfterSigning) {
    auto entries = signed_entries(manifest_for(m_files), m_key, m_files);
    auto& signature = entries[1].data;
    signature.replace(signature.find("version:3"), 9, "version:9");
    expect_refused(verify(entries), Refusal::BadSignature);
}

TEST_F(BundleReaderTest, RefusesASignatureWhoseTrustedCommentNamesAnotherBundle) {
    auto manifest = manifest_for(m_files);
    auto entries = signed_entries(manifest, m_key, m_files);
    auto other = manifest;
    other.version = 1; // a genuine signature by the key, but made for version 1
    entries[1].data = sign(entries[0].data, m_key, trusted_comment(other)).value();
    expect_refused(verify(entries), Refusal::BadSignature);
}

TEST_F(BundleReaderTest, RefusesASignatureThatIsNotMinisign) {
    auto entries = signed_entries(manifest_for(m_files), m_key, m_files);
    entries[1].data = "untrusted comment: x\nnot base64\n";
    expect_refused(verify(entries), Refusal::BadSignature);
}

TEST_F(BundleReaderTest, RefusesAKeyItDoesNotTrust) {
    auto stranger = make_secret_key();
    expect_refused(verify(signed_entries(manifest_for(m_files), stranger, m_files)), Refusal::UnknownKey);
}

TEST_F(BundleReaderTest, RefusesARevokedKeyEvenWhenItIsStillTrusted) {
    m_keys = make_keys({public_key_of(m_key)}, {m_key.key_id});
    expect_refused(verify(signed_entries(manifest_for(m_files), m_key, m_files)), Refusal::RevokedKey);
}

TEST_F(BundleReaderTest, AcceptsTheNewKeyOfARotation) {
    auto next = make_secret_key();
    m_keys = make_keys({public_key_of(m_key), public_key_of(next)}, {});
    auto result = verify(signed_entries(manifest_for(m_files), next, m_files));
    ASSERT_TRUE(result.ok()) << result.error.message;
    EXPECT_EQ(result.bundle->key_id, key_id_hex(next.key_id));
}

TEST_F(BundleReaderTest, RefusesAFileWhoseContentDiffers) {
    auto entries = signed_entries(manifest_for(m_files), m_key, m_files);
    entries[3].data[2] ^= 1; // same size, other bytes
    expect_refused(verify(entries), Refusal::FileMismatch);
}

TEST_F(BundleReaderTest, RefusesAFileWhoseSizeDiffers) {
    auto entries = signed_entries(manifest_for(m_files), m_key, m_files);
    entries[3].data += "x";
    expect_refused(verify(entries), Refusal::FileMismatch);
}

TEST_F(BundleReaderTest, RefusesAFileTheManifestDoesNotList) {
    auto entries = signed_entries(manifest_for(m_files), m_key, m_files);
    entries.push_back({"files/extra.json", "{}"});
    expect_refused(verify(entries), Refusal::UnlistedFile);
}

TEST_F(BundleReaderTest, RefusesAListedFileMissingFromTheArchive) {
    auto entries = signed_entries(manifest_for(m_files), m_key, m_files);
    entries.pop_back();
    expect_refused(verify(entries), Refusal::MissingFile);
}

// Each trick as the only odd entry of an otherwise good, signed bundle.
struct Trick {
    const char* what;
    Entry entry;
};

// NOLINTNEXTLINE(readability-identifier-naming): gtest's name for a parameter's printer
void PrintTo(const Trick& trick, std::ostream* out) {
    *out << trick.what;
}

class PathTrickTest : public BundleReaderTest, public ::testing::WithParamInterface<Trick> {};

TEST_P(PathTrickTest, RefusesIt) {
    Files files{{"catalog/catalog.json", "{}"}, {"a.json", "{}"}};
    auto entries = signed_entries(manifest_for(files), m_key, files);
    entries.insert(entries.begin() + 2, GetParam().entry);
    expect_refused(verify(entries), Refusal::PathTrick);
    EXPECT_FALSE(fs::exists(m_dir.path() / "x"));
    EXPECT_FALSE(fs::exists("/tmp/onewindow-bundle-escape"));
}

INSTANTIATE_TEST_SUITE_P(
    Bundle, PathTrickTest,
    ::testing::Values(Trick{"dotdot", {"files/../../x", "{}"}},
                      Trick{"dotdot_inside", {"files/catalog/../../x", "{}"}},
                      Trick{"absolute", {"/tmp/onewindow-bundle-escape", "{}"}},
                      Trick{"not_under_files", {"catalog/catalog.json", "{}"}},
                      Trick{"dot", {"files/./a.json", "{}"}}, Trick{"empty_part", {"files//a.json", "{}"}},
                      Trick{"backslash", {"files/a\\..\\x", "{}"}},
                      Trick{"symlink", {"files/a.json", "", EntryKind::Symlink, "/etc/passwd"}},
                      Trick{"hard_link", {"files/a.json", "", EntryKind::Hardlink, "/etc/passwd"}},
                      Trick{"device", {"files/a.json", "", EntryKind::CharDevice}},
                      Trick{"fifo", {"files/a.json", "", EntryKind::Fifo}},
                      Trick{"folder", {"files/catalog", "", EntryKind::Folder}},
                      Trick{"duplicate", {"files/catalog/catalog.json", "{}"}}),
    [](const ::testing::TestParamInfo<Trick>& info) { return std::string(info.param.what); });

TEST_F(BundleReaderTest, RefusesMoreFilesThanTheLimit) {
    m_limits.max_files = 1;
    expect_refused(verify(signed_entries(manifest_for(m_files), m_key, m_files)), Refusal::TooLarge);
}

TEST_F(BundleReaderTest, RefusesAFileLargerThanTheLimit) {
    m_limits.max_file_bytes = 10;
    expect_refused(verify(signed_entries(manifest_for(m_files), m_key, m_files)), Refusal::TooLarge);
}

TEST_F(BundleReaderTest, RefusesMoreBytesInAllThanTheLimit) {
    m_limits.max_total_bytes = 20; // each file fits, both do not
    expect_refused(verify(signed_entries(manifest_for(m_files), m_key, m_files)), Refusal::TooLarge);
}

TEST_F(BundleReaderTest, RefusesAManifestLargerThanTheLimit) {
    m_limits.max_manifest_bytes = 100;
    expect_refused(verify(signed_entries(manifest_for(m_files), m_key, m_files)), Refusal::TooLarge);
}

// 1 GiB of zeros compresses to a few tens of KiB. Listed honestly, the default limits refuse it from
// the manifest alone; with limits that would take its size, the ratio stops it long before the end.
TEST_F(BundleReaderTest, RefusesAGibibyteOfZerosFromItsManifestSize) {
    constexpr std::int64_t kGiB = 1LL << 30;
    Files files{{"zeros.bin", ""}};
    auto manifest = manifest_for(files);
    manifest.files[0].size = kGiB;
    auto entries = signed_entries(manifest, m_key, files);
    entries[2].zeros = kGiB;
    expect_refused(verify(entries), Refusal::TooLarge);
}

TEST_F(BundleReaderTest, StopsADecompressionBombByItsRatio) {
    constexpr std::int64_t kGiB = 1LL << 30;
    m_limits.max_file_bytes = m_limits.max_total_bytes = 2 * kGiB;
    Files files{{"zeros.bin", ""}};
    auto manifest = manifest_for(files);
    manifest.files[0].size = kGiB;
    auto entries = signed_entries(manifest, m_key, files);
    entries[2].zeros = kGiB;
    write_tar(bundle_path(), entries);
    EXPECT_LT(fs::file_size(bundle_path()), 1u << 20);
    auto start = std::chrono::steady_clock::now();
    auto result = verify_bundle(bundle_path().string(), m_keys, m_target, out().string(), m_limits);
    auto took = std::chrono::steady_clock::now() - start;
    expect_refused(result, Refusal::DecompressionBomb);
    EXPECT_LT(took, std::chrono::seconds(2)) << "extraction did not stop early";
}

TEST_F(BundleReaderTest, StopsAnEntryLargerThanItsManifestSaysAtTheHeader) {
    Files files{{"zeros.bin", "0123456789"}};
    auto entries = signed_entries(manifest_for(files), m_key, files);
    entries[2].zeros = 1LL << 30;
    write_tar(bundle_path(), entries);
    auto start = std::chrono::steady_clock::now();
    auto result = verify_bundle(bundle_path().string(), m_keys, m_target, out().string(), m_limits);
    expect_refused(result, Refusal::FileMismatch);
    EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(2));
}

TEST_F(BundleReaderTest, RefusesAVersionNotAboveTheInstalledOne) {
    m_target.installed_version = 3;
    expect_refused(verify(signed_entries(manifest_for(m_files), m_key, m_files)), Refusal::NotNewer);
    m_target.installed_version = 7;
    expect_refused(verify(signed_entries(manifest_for(m_files), m_key, m_files)), Refusal::NotNewer);
}

TEST_F(BundleReaderTest, RefusesAnExpiredBundle) {
    m_target.now = utc("2027-01-01T00:00:00Z");
    expect_refused(verify(signed_entries(manifest_for(m_files), m_key, m_files)), Refusal::Expired);
}

TEST_F(BundleReaderTest, RefusesABundleNotYetValidBeyondTheClockSkew) {
    m_target.now = utc("2026-11-30T23:54:59Z"); // 5 min 1 s before created
    expect_refused(verify(signed_entries(manifest_for(m_files), m_key, m_files)), Refusal::NotYetValid);
    m_target.now = utc("2026-11-30T23:56:00Z"); // within the skew
    EXPECT_TRUE(verify(signed_entries(manifest_for(m_files), m_key, m_files)).ok());
}

TEST_F(BundleReaderTest, RefusesAnotherProduct) {
    auto manifest = manifest_for(m_files);
    manifest.product = "onewindow-hub";
    expect_refused(verify(signed_entries(manifest, m_key, m_files)), Refusal::WrongProduct);
}

TEST_F(BundleReaderTest, RefusesAnAppVersionOutsideTheRange) {
    m_target.app_version = {0, 10, 0}; // above 0.9.0: compared as numbers, not text
    expect_refused(verify(signed_entries(manifest_for(m_files), m_key, m_files)), Refusal::WrongAppVersion);
    m_target.app_version = {0, 0, 9};
    expect_refused(verify(signed_entries(manifest_for(m_files), m_key, m_files)), Refusal::WrongAppVersion);
}

TEST_F(BundleReaderTest, RefusesAnotherHall) {
    auto manifest = manifest_for(m_files);
    manifest.halls = {"hall-b", "hall-c"};
    expect_refused(verify(signed_entries(manifest, m_key, m_files)), Refusal::OutOfScope);
    manifest.halls = {"hall-b", "hall-a"};
    EXPECT_TRUE(verify(signed_entries(manifest, m_key, m_files)).ok());
}

TEST_F(BundleReaderTest, RefusesGroupsThisKioskIsNotIn) {
    auto manifest = manifest_for(m_files);
    manifest.groups = {"west"};
    expect_refused(verify(signed_entries(manifest, m_key, m_files)), Refusal::OutOfScope);
}

TEST_F(BundleReaderTest, RefusesWhatIsNotABundle) {
    std::ofstream(bundle_path()) << "PK\x03\x04 this is a zip";
    expect_refused(verify_bundle(bundle_path().string(), m_keys, m_target, out().string()),
                   Refusal::NotABundle);
    auto entries = signed_entries(manifest_for(m_files), m_key, m_files);
    std::swap(entries[0], entries[1]); // the signature first
    expect_refused(verify(entries), Refusal::NotABundle);
    entries = signed_entries(manifest_for(m_files), m_key, m_files);
    entries.erase(entries.begin() + 1); // unsigned
    expect_refused(verify(entries), Refusal::NotABundle);
}

// The signature is checked before a payload byte is written: a bundle both forged and full of path
// tricks is refused for its signature, and nothing is created.
TEST_F(BundleReaderTest, ChecksTheSignatureBeforeAnyPayload) {
    auto stranger = make_secret_key();
    auto entries = signed_entries(manifest_for(m_files), stranger, m_files);
    entries.insert(entries.begin() + 2, {"files/../../x", "{}"});
    expect_refused(verify(entries), Refusal::UnknownKey);
}

// A refusal after some files were written (the last file's hash) leaves nothing, also in a folder
// that existed before.
TEST_F(BundleReaderTest, RemovesWhatItExtractedWhenTheLastFileFails) {
    fs::create_directory(out());
    auto entries = signed_entries(manifest_for(m_files), m_key, m_files);
    entries.back().data[0] ^= 1;
    write_tar(bundle_path(), entries);
    auto result = verify_bundle(bundle_path().string(), m_keys, m_target, out().string(), m_limits);
    EXPECT_EQ(result.refusal, Refusal::FileMismatch);
    ASSERT_TRUE(fs::exists(out()));
    EXPECT_TRUE(fs::is_empty(out()));
}

TEST_F(BundleReaderTest, NamesEachRefusalWithItsOwnKeyword) {
    std::set<std::string> words;
    for (int i = 0; i <= static_cast<int>(Refusal::LocalError); ++i)
        words.insert(to_string(static_cast<Refusal>(i)));
    EXPECT_EQ(words.size(), static_cast<size_t>(Refusal::LocalError) + 1);
    EXPECT_EQ(words.count("unknown"), 0u);
}

} // namespace
} // namespace kiosk::bundle
