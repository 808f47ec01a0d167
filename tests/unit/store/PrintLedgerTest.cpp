// The print ledger: every print from request to end, in the audit log too; a certificate is
// printed once unless staff authorise a reprint; a print in flight when the kiosk stopped is found
// again at the next start.

#include "core/store/PrintLedger.h"
#include "StoreTestSupport.h"
#include "core/store/AuditLog.h"

#include <gtest/gtest.h>

namespace kiosk::store {
namespace {

using test::open_or_fail;
using test::TempDir;

class PrintLedgerTest : public ::testing::Test {
protected:
    void SetUp() override {
        m_database = open_or_fail(m_dir.file("kiosk.db"));
        ASSERT_TRUE(m_database);
        m_audit = std::make_unique<AuditLog>(*m_database, m_clock);
        m_ledger = std::make_unique<PrintLedger>(*m_database, *m_audit, m_clock);
    }

    // Queues, submits and completes one certificate print; returns its ledger id.
    std::int64_t print_certificate(const std::string& number, int job_id) {
        auto id = m_ledger->begin(PrintKind::Certificate, number, "kiosk-a4");
        EXPECT_TRUE(id.ok()) << id.error().describe();
        if (!id.ok())
            return 0;
        EXPECT_TRUE(m_ledger->submitted(id.value(), job_id).ok());
        EXPECT_TRUE(m_ledger->completed(id.value()).ok());
        return id.value();
    }

    std::vector<std::string> audit_kinds() {
        auto entries = m_audit->recent(100);
        EXPECT_TRUE(entries.ok());
        std::vector<std::string> kinds;
        if (entries.ok())
            for (auto it = entries->rbegin(); it != entries->rend(); ++it)
                kinds.push_back(it->kind);
        return kinds;
    }

    TempDir m_dir;
    FakeClock m_clock;
    std::unique_ptr<Database> m_database;
    std::unique_ptr<AuditLog> m_audit;
    std::unique_ptr<PrintLedger> m_ledger;
};

TEST_F(PrintLedgerTest, APrintGoesFromQueuedToCompletedAndEveryStepIsAudited) {
    auto id = m_ledger->begin(PrintKind::Receipt, "YC20261125000123", "kiosk-receipt");
    ASSERT_TRUE(id.ok()) << id.error().describe();
    ASSERT_TRUE(m_ledger->submitted(id.value(), 17).ok());
    auto printing = m_ledger->find(id.value());
    ASSERT_TRUE(printing.ok() && printing->has_value());
    EXPECT_EQ(printing.value()->state, PrintState::Printing);
    EXPECT_EQ(printing.value()->job_id, 17);
    EXPECT_EQ(printing.value()->finished_utc, "");

    ASSERT_TRUE(m_ledger->completed(id.value()).ok());
    auto done = m_ledger->find(id.value());
    ASSERT_TRUE(done.ok() && done->has_value());
    EXPECT_EQ(done.value()->state, PrintState::Completed);
    EXPECT_EQ(done.value()->kind, PrintKind::Receipt);
    EXPECT_EQ(done.value()->reference, "YC20261125000123");
    EXPECT_EQ(done.value()->queue, "kiosk-receipt");
    EXPECT_NE(done.value()->finished_utc, "");

    EXPECT_EQ(audit_kinds(),
              (std::vector<std::string>{"print.queued", "print.submitted", "print.completed"}));
    auto newest = m_audit->recent(1);
    ASSERT_TRUE(newest.ok());
    EXPECT_EQ(newest->at(0).detail, "receipt YC20261125000123 on kiosk-receipt (job 17)");
}

TEST_F(PrintLedgerTest, AFailedPrintKeepsItsReason) {
    auto id = m_ledger->begin(PrintKind::Receipt, "YC1", "kiosk-receipt");
    ASSERT_TRUE(id.ok());
    ASSERT_TRUE(m_ledger->submitted(id.value(), 3).ok());
    ASSERT_TRUE(m_ledger->failed(id.value(), "media-jam").ok());
    auto record = m_ledger->find(id.value());
    ASSERT_TRUE(record.ok() && record->has_value());
    EXPECT_EQ(record.value()->state, PrintState::Failed);
    EXPECT_EQ(record.value()->reason, "media-jam");
    auto newest = m_audit->recent(1);
    ASSERT_TRUE(newest.ok());
    EXPECT_EQ(newest->at(0).kind, "print.failed");
    EXPECT_EQ(newest->at(0).detail, "receipt YC1 on kiosk-receipt (job 3): media-jam");
}

TEST_F(PrintLedgerTest, AFinishedPrintCannotFinishAgain) {
    auto id = m_ledger->begin(PrintKind::Receipt, "YC1", "kiosk-receipt");
    ASSERT_TRUE(id.ok());
    ASSERT_TRUE(m_ledger->completed(id.value()).ok());
    EXPECT_EQ(m_ledger->failed(id.value(), "late").error().code, ErrorCode::InvalidArgument);
    EXPECT_EQ(m_ledger->completed(id.value()).error().code, ErrorCode::InvalidArgument);
    EXPECT_EQ(m_ledger->submitted(id.value(), 4).error().code, ErrorCode::InvalidArgument);
    EXPECT_EQ(m_ledger->completed(999).error().code, ErrorCode::InvalidArgument);
}

TEST_F(PrintLedgerTest, ACertificateIsPrintedOnce) {
    print_certificate("BJ-2026-000042", 5);
    auto again = m_ledger->begin(PrintKind::Certificate, "BJ-2026-000042", "kiosk-a4");
    ASSERT_FALSE(again.ok());
    EXPECT_EQ(again.error().code, ErrorCode::Denied);
    EXPECT_NE(again.error().message.find("staff"), std::string::npos) << again.error().message;
    auto times = m_ledger->times_printed("BJ-2026-000042");
    ASSERT_TRUE(times.ok());
    EXPECT_EQ(times.value(), 1);
    // Other certificates and other kinds of paper are not affected.
    EXPECT_TRUE(m_ledger->begin(PrintKind::Certificate, "BJ-2026-000043", "kiosk-a4").ok());
    EXPECT_TRUE(m_ledger->begin(PrintKind::Receipt, "BJ-2026-000042", "kiosk-receipt").ok());
}

TEST_F(PrintLedgerTest, ACertificateOnItsWayToThePrinterCannotBeAskedForTwice) {
    auto first = m_ledger->begin(PrintKind::Certificate, "BJ-7", "kiosk-a4");
    ASSERT_TRUE(first.ok());
    EXPECT_EQ(m_ledger->begin(PrintKind::Certificate, "BJ-7", "kiosk-a4").error().code, ErrorCode::Denied);
    ASSERT_TRUE(m_ledger->submitted(first.value(), 8).ok());
    EXPECT_EQ(m_ledger->begin(PrintKind::Certificate, "BJ-7", "kiosk-a4").error().code, ErrorCode::Denied);
}

TEST_F(PrintLedgerTest, AFailedCertificatePrintCanBeTriedAgainWithoutStaff) {
    auto first = m_ledger->begin(PrintKind::Certificate, "BJ-8", "kiosk-a4");
    ASSERT_TRUE(first.ok());
    ASSERT_TRUE(m_ledger->failed(first.value(), "printer unreachable").ok());
    auto second = m_ledger->begin(PrintKind::Certificate, "BJ-8", "kiosk-a4");
    ASSERT_TRUE(second.ok()) << second.error().describe();
    auto record = m_ledger->find(second.value());
    ASSERT_TRUE(record.ok() && record->has_value());
    EXPECT_EQ(record.value()->authorised_by, "");
}

TEST_F(PrintLedgerTest, AStaffAuthorisedReprintIsUsedOnceAndRecorded) {
    print_certificate("BJ-9", 1);
    ASSERT_TRUE(m_ledger->authorise_reprint("BJ-9", "staff-0107", "citizen's copy damaged by rain").ok());
    auto reprint = m_ledger->begin(PrintKind::Certificate, "BJ-9", "kiosk-a4");
    ASSERT_TRUE(reprint.ok()) << reprint.error().describe();
    auto record = m_ledger->find(reprint.value());
    ASSERT_TRUE(record.ok() && record->has_value());
    EXPECT_EQ(record.value()->authorised_by, "staff-0107");
    ASSERT_TRUE(m_ledger->completed(reprint.value()).ok());
    EXPECT_EQ(m_ledger->times_printed("BJ-9").value(), 2);
    // The grant is spent.
    EXPECT_EQ(m_ledger->begin(PrintKind::Certificate, "BJ-9", "kiosk-a4").error().code, ErrorCode::Denied);

    auto kinds = audit_kinds();
    EXPECT_NE(std::find(kinds.begin(), kinds.end(), "print.reprint_authorised"), kinds.end());
    auto entries = m_audit->recent(100);
    ASSERT_TRUE(entries.ok());
    bool told = false;
    for (const auto& entry : entries.value())
        told |= entry.kind == "print.queued" &&
                entry.detail.find("reprint authorised by staff-0107") != std::string::npos;
    EXPECT_TRUE(told);
}

TEST_F(PrintLedgerTest, AReprintNeedsAPrintedCertificateAStaffMemberAndAReason) {
    EXPECT_EQ(m_ledger->authorise_reprint("BJ-10", "staff-1", "lost").error().code,
              ErrorCode::InvalidArgument);
    print_certificate("BJ-10", 1);
    EXPECT_EQ(m_ledger->authorise_reprint("BJ-10", "", "lost").error().code, ErrorCode::InvalidArgument);
    EXPECT_EQ(m_ledger->authorise_reprint("BJ-10", "staff-1", "").error().code, ErrorCode::InvalidArgument);
    EXPECT_EQ(m_ledger->begin(PrintKind::Certificate, "BJ-10", "kiosk-a4").error().code, ErrorCode::Denied);
}

TEST_F(PrintLedgerTest, PrintsInFlightWhenTheKioskStoppedAreFoundAtTheNextStart) {
    auto queued = m_ledger->begin(PrintKind::Receipt, "YC1", "kiosk-receipt");
    auto printing = m_ledger->begin(PrintKind::Certificate, "BJ-11", "kiosk-a4");
    auto done = m_ledger->begin(PrintKind::Receipt, "YC2", "kiosk-receipt");
    ASSERT_TRUE(queued.ok() && printing.ok() && done.ok());
    ASSERT_TRUE(m_ledger->submitted(printing.value(), 12).ok());
    ASSERT_TRUE(m_ledger->completed(done.value()).ok());

    m_ledger.reset();
    m_audit.reset();
    m_database.reset();
    auto reopened = open_or_fail(m_dir.file("kiosk.db"));
    ASSERT_TRUE(reopened);
    AuditLog audit(*reopened, m_clock);
    PrintLedger ledger(*reopened, audit, m_clock);
    auto unfinished = ledger.unfinished();
    ASSERT_TRUE(unfinished.ok()) << unfinished.error().describe();
    ASSERT_EQ(unfinished->size(), 2u);
    EXPECT_EQ(unfinished->at(0).id, queued.value());
    EXPECT_EQ(unfinished->at(0).state, PrintState::Queued);
    EXPECT_EQ(unfinished->at(1).id, printing.value());
    EXPECT_EQ(unfinished->at(1).job_id, 12);
    EXPECT_EQ(unfinished->at(1).state, PrintState::Printing);
}

TEST_F(PrintLedgerTest, BadRequestsAreRefusedAndLeaveNothingBehind) {
    EXPECT_EQ(m_ledger->begin(PrintKind::Receipt, "YC1", "").error().code, ErrorCode::InvalidArgument);
    EXPECT_EQ(m_ledger->begin(PrintKind::Certificate, "", "kiosk-a4").error().code,
              ErrorCode::InvalidArgument);
    EXPECT_TRUE(m_ledger->begin(PrintKind::TestPage, "", "kiosk-a4").ok());
    auto all = m_ledger->recent(10);
    ASSERT_TRUE(all.ok());
    EXPECT_EQ(all->size(), 1u);
    EXPECT_EQ(m_ledger->recent(-1).error().code, ErrorCode::InvalidArgument);
}

TEST_F(PrintLedgerTest, AnUnknownStateInTheFileIsReportedAsCorrupt) {
    auto id = m_ledger->begin(PrintKind::Receipt, "YC1", "kiosk-receipt");
    ASSERT_TRUE(id.ok());
    ASSERT_TRUE(m_database->execute("UPDATE print_jobs SET state = 'exploded'").ok());
    auto record = m_ledger->find(id.value());
    ASSERT_FALSE(record.ok());
    EXPECT_EQ(record.error().code, ErrorCode::Corrupt);
}

} // namespace
} // namespace kiosk::store
