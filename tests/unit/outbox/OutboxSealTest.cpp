// Sealing an application into the kiosk's outbox: what is on disk when seal() returns (and only
// then may the citizen be told "submitted"), that none of it is readable without the outbox key, and
// what a crash at any point leaves behind for the next start to repair or report.

#include "OutboxTestSupport.h"
#include "core/domain/QrPayload.h"
#include "core/store/AuditLog.h"
#include "core/store/Database.h"
#include "core/store/Migrations.h"
#include "services/outbox/Outbox.h"

#include <atomic>
#include <fstream>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <sqlite3.h>
#include <thread>

namespace kiosk::outbox {
namespace {

namespace fs = std::filesystem;
using namespace test;

class OutboxSeal : public ::testing::Test {
protected:
    void SetUp() override {
        m_options = make_outbox_options(m_folder.path());
        m_database = (m_folder.path() / "kiosk.db").string();
        m_outbox = open_outbox();
        ASSERT_TRUE(m_outbox);
    }

    std::unique_ptr<Outbox> open_outbox() {
        auto outbox = Outbox::open(m_database, m_options, m_clock);
        EXPECT_TRUE(outbox.ok()) << outbox.error().describe();
        return outbox.ok() ? outbox.release_value() : nullptr;
    }

    SealedApplication seal() {
        auto sealed = m_outbox->seal(make_package(m_folder.path(), m_clock));
        EXPECT_TRUE(sealed.ok()) << sealed.error().describe();
        return sealed.ok() ? sealed.value() : SealedApplication{};
    }

    std::vector<fs::path> blob_files() const {
        std::vector<fs::path> files;
        for (const auto& entry : fs::directory_iterator(fs::path(m_options.dir) / "blobs"))
            files.push_back(entry.path());
        return files;
    }

    // Everything SQLite has on disk for the kiosk's database: the file and its write-ahead log.
    std::string database_bytes() const { return file_bytes(m_database) + file_bytes(m_database + "-wal"); }

    TempFolder m_folder;
    FakeClock m_clock{WallTime(std::chrono::seconds(1796000000))};
    OutboxOptions m_options;
    std::string m_database;
    std::unique_ptr<Outbox> m_outbox;
};

TEST_F(OutboxSeal, EachMaterialIsStoredEncryptedUnderTheHashOfItsPlaintext) {
    seal();
    auto plaintext = file_bytes(m_folder.path() / "scans" / "birth_certificate.pdf");
    auto sha256 = sha256_hex(plaintext);
    ASSERT_TRUE(fs::exists(m_outbox->blob_path(sha256)));
    EXPECT_EQ(blob_files().size(), 2u);

    auto on_disk = file_bytes(m_outbox->blob_path(sha256));
    EXPECT_FALSE(contains(on_disk, kMaterialMarker));
    EXPECT_FALSE(contains(on_disk, "%PDF"));
    auto opened = m_outbox->blob(sha256);
    ASSERT_TRUE(opened.ok()) << opened.error().describe();
    EXPECT_EQ(opened.value(), plaintext);
}

TEST_F(OutboxSeal, NeitherTheDatabaseNorTheBlobsHoldTheApplicantInPlainText) {
    seal();
    for (const auto* secret : {kApplicantName, kApplicantIdNumber, "13800000000", "王小宝"}) {
        EXPECT_FALSE(contains(database_bytes(), secret)) << "database holds " << secret;
        for (const auto& blob : blob_files())
            EXPECT_FALSE(contains(file_bytes(blob), secret)) << blob << " holds " << secret;
    }
}

TEST_F(OutboxSeal, PayloadOpensToTheContractsRequestBody) {
    auto sealed = seal();
    auto body = m_outbox->payload(sealed.application_id);
    ASSERT_TRUE(body.ok()) << body.error().describe();
    auto json = nlohmann::json::parse(body.value());
    EXPECT_EQ(json["application_id"], sealed.application_id);
    EXPECT_EQ(json["query_token"], sealed.query_token);
    EXPECT_EQ(json["kiosk_id"], "dev-kiosk-01");
    EXPECT_EQ(json["package_id"], "newborn");
    EXPECT_EQ(json["submitted_at"], "2026-11-30T00:53:20Z");
    EXPECT_EQ(json["applicant"]["id_type"], "resident_id");
    EXPECT_EQ(json["applicant"]["name"], kApplicantName);
    EXPECT_EQ(json["consent"]["version"], "consent-v1");
    ASSERT_EQ(json["materials"].size(), 2u);
    EXPECT_EQ(json["materials"][0]["material_id"], "birth_certificate");
    EXPECT_EQ(json["materials"][0]["content_type"], "application/pdf");
    EXPECT_EQ(json["materials"][1]["pages"], 2);
    EXPECT_EQ(json["materials"][1]["sha256"],
              sha256_hex(file_bytes(m_folder.path() / "scans" / "household_register.pdf")));
}

TEST_F(OutboxSeal, GivesAFreshApplicationIdAndAReceiptTokenEachTime) {
    auto first = seal();
    auto second = seal();
    EXPECT_EQ(first.application_id.size(), 32u);
    EXPECT_EQ(first.application_id.find_first_not_of("0123456789abcdef"), std::string::npos);
    EXPECT_NE(first.application_id, second.application_id);
    EXPECT_TRUE(domain::is_receipt_token(first.query_token)) << first.query_token;
    EXPECT_NE(first.query_token, second.query_token);
    EXPECT_EQ(first.matter_ids, (std::vector<std::string>{"birth_registration", "household_registration"}));
}

TEST_F(OutboxSeal, WhenSealReturnsTheApplicationIsCommittedForEveryOtherConnection) {
    auto sealed = seal();
    // Another connection (the uploader's, or the kiosk after a power cut) sees it at once.
    auto other = store::Database::open(m_database);
    ASSERT_TRUE(other.ok()) << other.error().describe();
    auto select = other.value()->prepare(
        "SELECT state, query_token_sha256 FROM outbox_applications WHERE application_id = ?");
    ASSERT_TRUE(select.ok());
    ASSERT_TRUE(select.value().bind_text(1, sealed.application_id).ok());
    ASSERT_TRUE(select.value().step().value());
    EXPECT_EQ(select.value().column_text(0), "sealed");
    EXPECT_EQ(select.value().column_text(1), sha256_hex(sealed.query_token));

    FakeClock clock;
    auto audit = store::AuditLog(*other.value(), clock).recent(1);
    ASSERT_TRUE(audit.ok());
    ASSERT_EQ(audit.value().size(), 1u);
    EXPECT_EQ(audit.value()[0].kind, "outbox.sealed");
    EXPECT_EQ(audit.value()[0].detail,
              "application " + sealed.application_id + ": 2 matter(s), 2 material(s)");
}

TEST_F(OutboxSeal, ASealThatCannotCommitFailsAndLeavesOnlyOrphansTheNextStartRemoves) {
    sqlite3* holder = nullptr;
    ASSERT_EQ(sqlite3_open(m_database.c_str(), &holder), SQLITE_OK);
    ASSERT_EQ(sqlite3_exec(holder, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr), SQLITE_OK);
    auto sealed = m_outbox->seal(make_package(m_folder.path(), m_clock));
    sqlite3_exec(holder, "ROLLBACK", nullptr, nullptr, nullptr);
    sqlite3_close(holder);

    ASSERT_FALSE(sealed.ok()) << "the citizen must not be told 'submitted'";
    EXPECT_EQ(sealed.error().code, ErrorCode::Busy);
    EXPECT_EQ(m_outbox->counts().value().unfinished(), 0);
    EXPECT_EQ(blob_files().size(), 2u) << "blobs are written before the commit";

    m_outbox = open_outbox();
    ASSERT_TRUE(m_outbox);
    EXPECT_EQ(m_outbox->open_report().orphan_blobs_deleted, 2);
    EXPECT_TRUE(blob_files().empty());
}

TEST_F(OutboxSeal, ReopeningRemovesTempFilesAndUnreferencedBlobsButKeepsWaitingOnes) {
    auto sealed = seal();
    auto blobs = fs::path(m_options.dir) / "blobs";
    std::ofstream(blobs / (std::string(64, 'a') + ".sbox")) << "a crash before the commit";
    std::ofstream(blobs / (std::string(64, 'b') + ".sbox.tmp-0123456789ab")) << "a crash mid-write";
    m_outbox.reset();

    m_outbox = open_outbox();
    ASSERT_TRUE(m_outbox);
    EXPECT_EQ(m_outbox->open_report().orphan_blobs_deleted, 1);
    EXPECT_EQ(m_outbox->open_report().temp_files_deleted, 1);
    EXPECT_TRUE(m_outbox->open_report().missing_blobs.empty());
    EXPECT_EQ(blob_files().size(), 2u);
    EXPECT_TRUE(m_outbox->payload(sealed.application_id).ok());
}

TEST_F(OutboxSeal, CleanUpByAnotherConnectionNeverTakesTheBlobsOfASealInProgress) {
    // The uploader opens its own Outbox (and cleans up) while the kiosk seals on another connection:
    // a blob written but not yet committed must not look like a crash's orphan.
    std::atomic<bool> sealing{true};
    std::thread opener([&] {
        while (sealing) {
            auto other = Outbox::open(m_database, m_options, m_clock);
            ASSERT_TRUE(other.ok()) << other.error().describe();
        }
    });
    for (int i = 0; i < 20; ++i) {
        auto package = make_package(m_folder.path(), m_clock);
        std::ofstream(package.materials[0].file) << "%PDF-1.4 scan number " << i;
        ASSERT_TRUE(m_outbox->seal(package).ok());
    }
    sealing = false;
    opener.join();

    m_outbox = open_outbox();
    ASSERT_TRUE(m_outbox);
    EXPECT_TRUE(m_outbox->open_report().missing_blobs.empty());
    auto waiting = m_outbox->unfinished().release_value();
    EXPECT_EQ(waiting.size(), 20u);
    for (const auto& application : waiting)
        for (const auto& blob : application.blobs)
            EXPECT_TRUE(m_outbox->blob(blob.sha256).ok()) << application.application_id;
}

TEST_F(OutboxSeal, AnApplicationWhoseBlobFileIsGoneIsReportedNeverDropped) {
    auto sealed = seal();
    auto application = m_outbox->find(sealed.application_id).value();
    ASSERT_TRUE(application);
    fs::remove(m_outbox->blob_path(application->blobs[0].sha256));
    m_outbox.reset();

    m_outbox = open_outbox();
    ASSERT_TRUE(m_outbox);
    EXPECT_EQ(m_outbox->open_report().missing_blobs, std::vector<std::string>{sealed.application_id});
    EXPECT_EQ(m_outbox->counts().value().sealed, 1);
    auto database = store::Database::open(m_database).release_value();
    FakeClock clock;
    auto audit = store::AuditLog(*database, clock).recent(1).value();
    EXPECT_EQ(audit[0].kind, "outbox.blob_missing");
}

TEST_F(OutboxSeal, StatesGoSealedUploadingThenAcceptedOnce) {
    auto sealed = seal();
    auto id = sealed.application_id;
    EXPECT_EQ(m_outbox->find(id).value()->state, ApplicationState::Sealed);
    ASSERT_TRUE(m_outbox->mark_uploading(id).ok());
    ASSERT_TRUE(m_outbox->mark_uploading(id).ok()); // a second attempt
    auto uploading = m_outbox->find(id).value();
    EXPECT_EQ(uploading->state, ApplicationState::Uploading);
    EXPECT_EQ(uploading->attempts, 2);
    ASSERT_TRUE(m_outbox->note_failure(id, "retry: 503 unavailable").ok());
    EXPECT_EQ(m_outbox->find(id).value()->last_error, "retry: 503 unavailable");

    ASSERT_TRUE(m_outbox->mark_accepted(id, "OW20261129-0000001").ok());
    EXPECT_TRUE(m_outbox->mark_accepted(id, "OW20261129-0000001").ok()) << "recording it again is harmless";
    EXPECT_FALSE(m_outbox->mark_accepted(id, "OW20261129-0000002").ok());
    EXPECT_FALSE(m_outbox->mark_refused(id, "bad-token").ok());
    EXPECT_FALSE(m_outbox->retry(id).ok());
    EXPECT_FALSE(m_outbox->mark_uploading(id).ok());
    auto accepted = m_outbox->find(id).value();
    EXPECT_EQ(accepted->state, ApplicationState::Accepted);
    EXPECT_EQ(accepted->application_number, "OW20261129-0000001");
    EXPECT_EQ(accepted->last_error, "");
    EXPECT_FALSE(accepted->finished_utc.empty());
    auto counts = m_outbox->counts().value();
    EXPECT_EQ(counts.accepted, 1);
    EXPECT_EQ(counts.unfinished(), 0);
}

TEST_F(OutboxSeal, ARefusedApplicationKeepsItsPayloadAndBlobsForStaff) {
    auto id = seal().application_id;
    ASSERT_TRUE(m_outbox->mark_uploading(id).ok());
    ASSERT_TRUE(m_outbox->mark_refused(id, "unknown-matter: no such matter").ok());
    EXPECT_TRUE(m_outbox->mark_refused(id, "unknown-matter: no such matter").ok()) << "again is harmless";
    EXPECT_FALSE(m_outbox->mark_held(id, "500 internal").ok()) << "it is not waiting any more";
    auto refused = m_outbox->find(id).value();
    EXPECT_EQ(refused->state, ApplicationState::Refused);
    EXPECT_EQ(refused->reason, "unknown-matter: no such matter");
    EXPECT_TRUE(m_outbox->payload(id).ok());
    EXPECT_EQ(blob_files().size(), 2u);
    EXPECT_EQ(refused->blobs.size(), 2u);
    auto counts = m_outbox->counts().value();
    EXPECT_EQ(counts.refused, 1);
    EXPECT_EQ(counts.unfinished(), 0);
    EXPECT_EQ(counts.kept(), 1);
    EXPECT_EQ(m_outbox->unfinished().value().size(), 0u);
    ASSERT_EQ(m_outbox->for_staff().value().size(), 1u);

    // Nothing of it goes at the next start either, and the key still guards it.
    m_outbox.reset();
    m_outbox = open_outbox();
    ASSERT_TRUE(m_outbox);
    EXPECT_EQ(blob_files().size(), 2u);
    m_outbox.reset();
    auto other_key = make_outbox_options(m_folder.path(), 0x17);
    other_key.dir = m_options.dir;
    EXPECT_FALSE(Outbox::open(m_database, other_key, m_clock).ok());
}

TEST_F(OutboxSeal, StaffRetryPutsAHeldApplicationBackInTheQueueAndIsAudited) {
    auto id = seal().application_id;
    ASSERT_TRUE(m_outbox->mark_uploading(id).ok());
    ASSERT_TRUE(m_outbox->mark_held(id, "retry: 404 http-404 (8 times in a row)").ok());
    ASSERT_TRUE(m_outbox->retry(id).ok());
    auto again = m_outbox->find(id).value();
    EXPECT_EQ(again->state, ApplicationState::Sealed);
    EXPECT_EQ(again->reason, "");
    EXPECT_EQ(again->same_failures, 0);
    EXPECT_EQ(again->next_attempt_ms, 0);
    EXPECT_EQ(m_outbox->unfinished().value().size(), 1u);
    EXPECT_EQ(m_outbox->retry("0123456789abcdef0123456789abcdef").error().code, ErrorCode::NotFound);

    auto database = store::Database::open(m_database).release_value();
    auto audit = store::AuditLog(*database, m_clock).recent(2).value();
    EXPECT_EQ(audit[0].kind, "outbox.retry");
    EXPECT_TRUE(contains(audit[0].detail, id));
    EXPECT_TRUE(contains(audit[0].detail, "was held"));
    EXPECT_EQ(audit[1].kind, "outbox.held");
}

TEST_F(OutboxSeal, DiscardNeedsAReasonThenDropsTheDataAndIsAudited) {
    auto id = seal().application_id;
    EXPECT_EQ(m_outbox->discard(id, "duplicate").error().code, ErrorCode::InvalidArgument)
        << "a waiting application is not staff's to drop";
    ASSERT_TRUE(m_outbox->mark_refused(id, "bad-id-number: check character").ok());
    auto blank = m_outbox->discard(id, "  \n ");
    ASSERT_FALSE(blank.ok());
    EXPECT_EQ(blank.error().code, ErrorCode::InvalidArgument);
    EXPECT_TRUE(contains(blank.error().message, "reason"));
    EXPECT_TRUE(m_outbox->payload(id).ok()) << "nothing dropped without a reason";

    ASSERT_TRUE(m_outbox->discard(id, "citizen came back and applied at the counter").ok());
    auto discarded = m_outbox->find(id).value();
    EXPECT_EQ(discarded->state, ApplicationState::Discarded);
    EXPECT_TRUE(contains(discarded->reason, "citizen came back"));
    EXPECT_TRUE(contains(discarded->reason, "bad-id-number"));
    EXPECT_FALSE(discarded->finished_utc.empty());
    EXPECT_EQ(m_outbox->payload(id).error().code, ErrorCode::NotFound);
    EXPECT_TRUE(blob_files().empty());
    EXPECT_EQ(m_outbox->counts().value().discarded, 1);
    EXPECT_FALSE(m_outbox->retry(id).ok());

    auto database = store::Database::open(m_database).release_value();
    auto audit = store::AuditLog(*database, m_clock).recent(2).value();
    EXPECT_EQ(audit[0].kind, "outbox.discarded");
    EXPECT_TRUE(contains(audit[0].detail, id));
    EXPECT_TRUE(contains(audit[0].detail, "citizen came back"));
    EXPECT_EQ(audit[1].kind, "outbox.refused");
    for (const auto& entry : store::AuditLog(*database, m_clock).recent(20).value()) {
        EXPECT_FALSE(contains(entry.detail, kApplicantName));
        EXPECT_FALSE(contains(entry.detail, kApplicantIdNumber));
    }
}

TEST_F(OutboxSeal, ResealRewritesOnlyTheKioskIdOfWhatStillWaits) {
    auto waiting = seal().application_id;
    auto refused = seal().application_id;
    auto accepted = seal().application_id;
    ASSERT_TRUE(m_outbox->mark_refused(refused, "bad-time: submitted_at").ok());
    ASSERT_TRUE(m_outbox->mark_accepted(accepted, "OW20261129-0000001").ok());
    auto before = nlohmann::json::parse(m_outbox->payload(waiting).value());
    EXPECT_EQ(m_outbox->reseal("").error().code, ErrorCode::InvalidArgument);

    ASSERT_EQ(m_outbox->reseal("kiosk-b2").value(), 2);
    auto after = nlohmann::json::parse(m_outbox->payload(waiting).value());
    EXPECT_EQ(after["kiosk_id"], "kiosk-b2");
    after["kiosk_id"] = before["kiosk_id"];
    EXPECT_EQ(after, before);
    EXPECT_EQ(nlohmann::json::parse(m_outbox->payload(refused).value())["kiosk_id"], "kiosk-b2");
    EXPECT_EQ(m_outbox->find(refused).value()->state, ApplicationState::Refused) << "still staff's to decide";
    EXPECT_EQ(m_outbox->find(accepted).value()->state, ApplicationState::Accepted);
    EXPECT_EQ(blob_files().size(), 2u);
    EXPECT_FALSE(contains(database_bytes(), kApplicantIdNumber)) << "re-encrypted, never written in clear";
}

// The receipt's query token reads the application's progress: the kiosk's database file never holds it
// in clear (only its SHA-256), from the seal on and after acceptance; the hub gets it in the payload.
TEST_F(OutboxSeal, TheQueryTokenIsKeptOnlyAsItsHashInTheDatabaseFile) {
    auto sealed = seal();
    ASSERT_TRUE(domain::is_receipt_token(sealed.query_token));
    auto payload = m_outbox->payload(sealed.application_id);
    ASSERT_TRUE(payload.ok());
    EXPECT_EQ(nlohmann::json::parse(payload.value())["query_token"], sealed.query_token)
        << "the hub still gets it";
    EXPECT_EQ(database_bytes().find(sealed.query_token), std::string::npos)
        << "sealed: the token is in clear";
    ASSERT_TRUE(m_outbox->mark_accepted(sealed.application_id, "OW20261129-0000001").ok());
    m_outbox.reset(); // the last connection checkpoints the WAL into the file
    EXPECT_EQ(database_bytes().find(sealed.query_token), std::string::npos)
        << "accepted: the token is in clear";
    m_outbox = open_outbox();
    EXPECT_EQ(m_outbox->find(sealed.application_id).value()->query_token_sha256,
              sha256_hex(sealed.query_token));
}

// Rows sealed before schema 6 kept the token in clear: the migration hashes them and leaves no copy in
// the file.
TEST_F(OutboxSeal, TokensKeptInClearBeforeSchema6AreHashedByItsMigration) {
    m_outbox.reset();
    TempFolder older;
    auto path = (older.path() / "kiosk.db").string();
    const std::string token = "OW1-7KQ2-M9XD-4TPA-Z3R8";
    std::vector<store::Migration> up_to_5(store::schema_migrations().begin(),
                                          store::schema_migrations().begin() + 5);
    {
        auto database =
            store::Database::open(path, store::DatabaseOptions{.migrations = &up_to_5}).release_value();
        ASSERT_TRUE(
            database
                ->execute("INSERT INTO outbox_applications (application_id, query_token, state,"
                          " matter_ids, payload, application_number, sealed_utc, updated_utc) VALUES"
                          " ('0123456789abcdef0123456789abcdef', '" +
                          token +
                          "', 'accepted', '[\"m\"]',"
                          " NULL, 'OW20261129-0000001', '2026-11-29T06:00:00Z', '2026-11-29T06:01:00Z')")
                .ok());
    }
    ASSERT_NE(file_bytes(path).find(token), std::string::npos) << "the old row should hold it in clear";
    {
        auto database = store::Database::open(path).release_value();
        auto select = database->prepare("SELECT query_token_sha256 FROM outbox_applications").release_value();
        ASSERT_TRUE(select.step().value());
        EXPECT_EQ(select.column_text(0), sha256_hex(token));
        auto columns = database
                           ->prepare("SELECT COUNT(*) FROM pragma_table_info('outbox_applications')"
                                     " WHERE name = 'query_token'")
                           .release_value();
        ASSERT_TRUE(columns.step().value());
        EXPECT_EQ(columns.column_int(0), 0) << "the clear column is dropped";
    }
    EXPECT_EQ(file_bytes(path).find(token), std::string::npos) << "the token is still in the file";
    EXPECT_EQ(file_bytes(path + "-wal").find(token), std::string::npos) << "the token is in the WAL";
}

// Schema 5 rebuilds outbox_applications; what waited under schema 4 waits on, blobs and all.
TEST_F(OutboxSeal, ApplicationsSealedBeforeSchema5SurviveItsMigration) {
    m_outbox.reset();
    TempFolder older;
    auto path = (older.path() / "kiosk.db").string();
    std::vector<store::Migration> up_to_4(store::schema_migrations().begin(),
                                          store::schema_migrations().begin() + 4);
    {
        auto database =
            store::Database::open(path, store::DatabaseOptions{.migrations = &up_to_4}).release_value();
        ASSERT_TRUE(
            database
                ->execute("INSERT INTO outbox_applications (application_id, query_token, state,"
                          " matter_ids, payload, attempts, last_error, sealed_utc, updated_utc) VALUES"
                          " ('0123456789abcdef0123456789abcdef', 'OW1-0000-0000-0000-0000', 'uploading',"
                          " '[\"m\"]', 'c2VhbGVk', 3, 'retry: 503', '2026-11-29T06:00:00Z',"
                          " '2026-11-29T06:01:00Z');"
                          "INSERT INTO outbox_blobs VALUES ('0123456789abcdef0123456789abcdef', '" +
                          std::string(64, 'a') + "', 10);")
                .ok());
    }
    auto database = store::Database::open(path).release_value();
    auto select = database
                      ->prepare("SELECT state, payload, attempts, last_error, next_attempt_ms, same_failures"
                                " FROM outbox_applications")
                      .release_value();
    ASSERT_TRUE(select.step().value());
    EXPECT_EQ(select.column_text(0), "uploading");
    EXPECT_EQ(select.column_text(1), "c2VhbGVk");
    EXPECT_EQ(select.column_int(2), 3);
    EXPECT_EQ(select.column_text(3), "retry: 503");
    EXPECT_EQ(select.column_int(4), 0);
    EXPECT_EQ(select.column_int(5), 0);
    auto blobs = database->prepare("SELECT COUNT(*) FROM outbox_blobs").release_value();
    ASSERT_TRUE(blobs.step().value());
    EXPECT_EQ(blobs.column_int(0), 1);
    ASSERT_TRUE(database
                    ->execute("UPDATE outbox_applications SET state = 'held';"
                              "DELETE FROM outbox_applications WHERE state = 'held';")
                    .ok());
    auto cascaded = database->prepare("SELECT COUNT(*) FROM outbox_blobs").release_value();
    ASSERT_TRUE(cascaded.step().value());
    EXPECT_EQ(cascaded.column_int(0), 0) << "the foreign key still cascades";
}

TEST_F(OutboxSeal, AfterAcceptanceOnlyWhatTheReceiptAndAuditNeedIsKept) {
    auto sealed = seal();
    ASSERT_TRUE(m_outbox->mark_accepted(sealed.application_id, "OW20261129-0000001").ok());

    EXPECT_EQ(m_outbox->payload(sealed.application_id).error().code, ErrorCode::NotFound);
    EXPECT_TRUE(blob_files().empty());
    auto kept = m_outbox->find(sealed.application_id).value();
    EXPECT_EQ(kept->query_token_sha256, sha256_hex(sealed.query_token));
    EXPECT_EQ(kept->application_number, "OW20261129-0000001");
    EXPECT_EQ(kept->matter_ids, sealed.matter_ids);
    EXPECT_EQ(kept->package_id, "newborn");
    EXPECT_TRUE(kept->blobs.empty());
    auto database = store::Database::open(m_database).release_value();
    auto select = database->prepare("SELECT COUNT(*) FROM outbox_applications WHERE payload IS NOT NULL")
                      .release_value();
    ASSERT_TRUE(select.step().value());
    EXPECT_EQ(select.column_int(0), 0);
}

TEST_F(OutboxSeal, AScanSharedByTwoApplicationsStaysUntilBothAreAnswered) {
    auto first = seal();
    auto second = seal();
    EXPECT_EQ(blob_files().size(), 2u) << "content-addressed: the same scans are stored once";
    ASSERT_TRUE(m_outbox->mark_accepted(first.application_id, "OW20261129-0000001").ok());
    EXPECT_EQ(blob_files().size(), 2u);
    EXPECT_TRUE(m_outbox->blob(m_outbox->find(second.application_id).value()->blobs[0].sha256).ok());
    ASSERT_TRUE(m_outbox->mark_accepted(second.application_id, "OW20261129-0000002").ok());
    EXPECT_TRUE(blob_files().empty());
}

TEST_F(OutboxSeal, OpeningWithAnotherKeyWhileApplicationsWaitIsAClearError) {
    seal();
    m_outbox.reset();
    auto other_key = make_outbox_options(m_folder.path(), 0x17);
    other_key.dir = m_options.dir;
    auto reopened = Outbox::open(m_database, other_key, m_clock);
    ASSERT_FALSE(reopened.ok());
    EXPECT_EQ(reopened.error().code, ErrorCode::InvalidData);
    EXPECT_NE(reopened.error().message.find("outbox key"), std::string::npos) << reopened.error().message;
    EXPECT_NE(reopened.error().message.find("1 waiting application"), std::string::npos);
}

TEST_F(OutboxSeal, ANewKeyIsTakenWhenNothingWaitsUnderTheOldOne) {
    ASSERT_TRUE(m_outbox->mark_accepted(seal().application_id, "OW20261129-0000001").ok());
    m_outbox.reset();
    auto other_key = make_outbox_options(m_folder.path(), 0x17);
    other_key.dir = m_options.dir;
    auto reopened = Outbox::open(m_database, other_key, m_clock);
    ASSERT_TRUE(reopened.ok()) << reopened.error().describe();
}

TEST_F(OutboxSeal, AMissingKeyFileIsAClearError) {
    m_options.key_file = (m_folder.path() / "no-such.key").string();
    auto opened = Outbox::open(m_database, m_options, m_clock);
    ASSERT_FALSE(opened.ok());
    EXPECT_EQ(opened.error().code, ErrorCode::NotFound);
    EXPECT_NE(opened.error().message.find("no-such.key"), std::string::npos);
}

TEST_F(OutboxSeal, AnIncompletePackageIsRefusedBeforeAnythingIsWritten) {
    auto package = make_package(m_folder.path(), m_clock);
    package.matter_ids.clear();
    auto sealed = m_outbox->seal(package);
    ASSERT_FALSE(sealed.ok());
    EXPECT_EQ(sealed.error().code, ErrorCode::InvalidArgument);
    EXPECT_FALSE(contains(sealed.error().message, kApplicantName));
    EXPECT_TRUE(blob_files().empty());
}

TEST_F(OutboxSeal, AMissingMaterialFileFailsTheSealAndNamesTheMaterial) {
    auto package = make_package(m_folder.path(), m_clock);
    package.materials[1].file = m_folder.path() / "scans" / "gone.pdf";
    auto sealed = m_outbox->seal(package);
    ASSERT_FALSE(sealed.ok());
    EXPECT_EQ(sealed.error().code, ErrorCode::NotFound);
    EXPECT_TRUE(contains(sealed.error().message, "household_register"));
    EXPECT_EQ(m_outbox->counts().value().unfinished(), 0);
}

} // namespace
} // namespace kiosk::outbox
