// PUT/HEAD /v1/blobs/{sha256}: content-addressed materials, verified, bounded, idempotent.
#include "hub/Digest.h"
#include "tests/hub/HubTestSupport.h"

#include <filesystem>
#include <gtest/gtest.h>

namespace kiosk::hub::test {
namespace {

const char* kKiosk = "kiosk-dev-kiosk-01";

TEST(HubBlobs, StoredOnceThenAnsweredAsAlreadyThere) {
    HubInstance hub;
    auto kiosk = hub.client(kKiosk);
    std::string bytes = "%PDF-1.4 a scanned birth certificate";
    std::string sha = sha256_hex(bytes);

    auto first = kiosk->Put("/v1/blobs/" + sha, bytes, "application/octet-stream");
    ASSERT_TRUE(first);
    EXPECT_EQ(first->status, 201);
    auto body = nlohmann::json::parse(first->body);
    EXPECT_EQ(body["sha256"], sha);
    EXPECT_EQ(body["bytes"], bytes.size());

    auto again = kiosk->Put("/v1/blobs/" + sha, bytes, "application/octet-stream");
    ASSERT_TRUE(again);
    EXPECT_EQ(again->status, 200);
    EXPECT_EQ(again->body, first->body);
    EXPECT_EQ(hub.count("blobs"), 1);

    auto head = kiosk->Head("/v1/blobs/" + sha);
    ASSERT_TRUE(head);
    EXPECT_EQ(head->status, 200);
    auto absent = kiosk->Head("/v1/blobs/" + sha256_hex("never uploaded"));
    ASSERT_TRUE(absent);
    EXPECT_EQ(absent->status, 404);

    // The bytes are on disk under their name, and nothing is left in the temp folder.
    EXPECT_TRUE(std::filesystem::exists(hub.options.data_dir + "/blobs/" + sha.substr(0, 2) + "/" + sha));
    EXPECT_TRUE(std::filesystem::is_empty(hub.options.data_dir + "/tmp"));
}

TEST(HubBlobs, BodyThatDoesNotMatchItsNameIsRefusedAndNotStored) {
    HubInstance hub;
    auto answer = hub.client(kKiosk)->Put("/v1/blobs/" + sha256_hex("what the kiosk meant"), "something else",
                                          "application/octet-stream");
    ASSERT_TRUE(answer);
    EXPECT_EQ(answer->status, 422);
    EXPECT_EQ(nlohmann::json::parse(answer->body)["error"], "hash-mismatch");
    EXPECT_EQ(hub.count("blobs"), 0);
    EXPECT_FALSE(std::filesystem::exists(hub.options.data_dir + "/blobs/" +
                                         sha256_hex("what the kiosk meant").substr(0, 2)));
}

TEST(HubBlobs, NameThatIsNotALowercaseSha256IsABadHash) {
    HubInstance hub;
    auto kiosk = hub.client(kKiosk);
    std::string upper = sha256_hex("x");
    for (auto& c : upper)
        c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    for (const std::string& name : {std::string("abc"), upper, sha256_hex("x") + "0", std::string("..")}) {
        auto answer = kiosk->Put("/v1/blobs/" + name, "x", "application/octet-stream");
        ASSERT_TRUE(answer);
        EXPECT_EQ(answer->status, 400) << name;
        EXPECT_EQ(nlohmann::json::parse(answer->body)["error"], "bad-hash") << name;
    }
    EXPECT_EQ(hub.count("blobs"), 0);
}

TEST(HubBlobs, OversizedBlobIsRefusedWith413AndJson) {
    HubInstance hub; // max_blob_bytes = 2 MiB in tests
    std::string bytes((2 << 20) + 1, 'x');
    auto answer =
        hub.client(kKiosk)->Put("/v1/blobs/" + sha256_hex(bytes), bytes, "application/octet-stream");
    ASSERT_TRUE(answer);
    EXPECT_EQ(answer->status, 413);
    EXPECT_EQ(nlohmann::json::parse(answer->body, nullptr, false).value("error", ""), "too-large");
    EXPECT_EQ(hub.count("blobs"), 0);
}

TEST(HubBlobs, OnlyKiosksUpload) {
    HubInstance hub;
    auto answer =
        hub.client("dept-health")->Put("/v1/blobs/" + sha256_hex("x"), "x", "application/octet-stream");
    ASSERT_TRUE(answer);
    EXPECT_EQ(answer->status, 403);
    EXPECT_EQ(hub.count("blobs"), 0);
}

} // namespace
} // namespace kiosk::hub::test
