// One citizen's visit: it begins at the first touch or card, holds the only copy of their identity,
// and its end — done, cancelled, timed out or card taken away — overwrites that identity in memory and
// records "session.wiped" for staff without a single personal detail in the record or the log.

#include "kiosk/services/Session.h"
#include "drivers/idcard/SimIdCardReader.h"
#include "kiosk/base/Clock.h"
#include "kiosk/base/Log.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <set>
#include <string>
#include <string_view>
#include <vector>

// Identity must stay unloggable: logging one by mistake has to fail the build, not leak a name.
static_assert(!fmt::is_formattable<kiosk::domain::Identity>::value);
static_assert(fmt::is_formattable<kiosk::log::Personal<kiosk::domain::Identity>>::value);

namespace kiosk::services {
namespace {

using namespace std::chrono_literals;
using ::testing::HasSubstr;

struct AuditRecord {
    std::string kind;
    std::string detail;
};

// Every text field of `identity` that is long enough to be recognised on its own.
std::vector<std::string> personal_fields(const domain::Identity& identity) {
    std::vector<std::string> fields;
    for (const std::string* field :
         {&identity.name, &identity.name_en, &identity.birth_date, &identity.address, &identity.id_number,
          &identity.issuer, &identity.valid_from, &identity.valid_until, &identity.permit_number,
          &identity.nationality})
        if (field->size() >= 4)
            fields.push_back(*field);
    return fields;
}

// True if the raw bytes of `object` (short strings live inside it) contain `needle`.
template <typename T>
bool bytes_contain(const T& object, std::string_view needle) {
    std::string_view bytes(reinterpret_cast<const char*>(&object), sizeof(T));
    return bytes.find(needle) != std::string_view::npos;
}

class SessionTest : public ::testing::Test {
protected:
    void SetUp() override {
        log::set_observer([this](log::Level, std::string_view line) { log_lines.emplace_back(line); });
    }
    void TearDown() override { log::set_observer(nullptr); }

    // Fails the test if any audit record or log line carries a personal field of `identity`.
    void expect_nothing_personal_recorded(const domain::Identity& identity) {
        for (const auto& field : personal_fields(identity)) {
            for (const auto& record : audit) {
                EXPECT_EQ(record.kind.find(field), std::string::npos) << record.kind;
                EXPECT_EQ(record.detail.find(field), std::string::npos) << record.detail;
            }
            for (const auto& line : log_lines)
                EXPECT_EQ(line.find(field), std::string::npos) << line;
        }
    }

    FakeClock clock;
    std::vector<AuditRecord> audit;
    std::vector<std::string> log_lines;
    Session session{clock, Language::ZhCN, [this](std::string_view kind, std::string_view detail) {
                        audit.push_back({std::string(kind), std::string(detail)});
                    }};
    const domain::Identity cardholder = drivers::SimIdCardReader::sample_identity(0);
};

TEST_F(SessionTest, StartsIdleAndBeginIsAudited) {
    EXPECT_FALSE(session.active());
    EXPECT_EQ(session.identity(), nullptr);
    EXPECT_TRUE(audit.empty());

    session.begin();
    EXPECT_TRUE(session.active());
    ASSERT_EQ(audit.size(), 1u);
    EXPECT_EQ(audit[0].kind, "session.started");
    EXPECT_EQ(audit[0].detail, "");

    session.begin(); // a second touch is the same visit
    EXPECT_EQ(audit.size(), 1u);
}

TEST_F(SessionTest, ReadingACardStartsTheSessionAndHoldsTheIdentity) {
    session.set_identity(cardholder);
    EXPECT_TRUE(session.active());
    ASSERT_NE(session.identity(), nullptr);
    EXPECT_EQ(session.identity()->name, "张三");
    EXPECT_EQ(session.identity()->id_number, "440304198806157315");
    ASSERT_EQ(audit.size(), 1u);
    EXPECT_EQ(audit[0].kind, "session.started");
}

TEST_F(SessionTest, EndWipesTheIdentityAndRecordsItWithoutPersonalData) {
    session.set_identity(cardholder);
    session.select_item("birth_registration_package");
    session.set_language(Language::En);
    clock.advance(95s);

    session.end(SessionEndReason::Done);
    EXPECT_FALSE(session.active());
    EXPECT_EQ(session.identity(), nullptr);
    EXPECT_TRUE(session.selected_item().empty());
    EXPECT_EQ(session.language(), Language::ZhCN); // the next citizen starts in the default language
    EXPECT_EQ(session.sessions_ended(), 1);

    ASSERT_EQ(audit.size(), 2u);
    EXPECT_EQ(audit[1].kind, "session.wiped");
    EXPECT_EQ(audit[1].detail, "reason=done duration_s=95 wiped=identity,selection");
    expect_nothing_personal_recorded(cardholder);
}

TEST_F(SessionTest, EndOverwritesTheIdentityInMemoryNotJustForgetsIt) {
    // Short fields sit inside the Session object itself; after end() their bytes must be gone, not
    // merely out of reach (a plain reset() would leave "1988-06-15" there for a memory dump to find).
    session.set_identity(cardholder);
    session.select_item("hukou_move");
    ASSERT_TRUE(bytes_contain(session, "1988-06-15")) << "expected the birth date inline in the session";
    ASSERT_TRUE(bytes_contain(session, "2039-05-20"));
    ASSERT_TRUE(bytes_contain(session, "hukou_move"));

    session.end(SessionEndReason::Cancelled);
    EXPECT_FALSE(bytes_contain(session, "988-06-15"));
    EXPECT_FALSE(bytes_contain(session, "039-05-20"));
    EXPECT_FALSE(bytes_contain(session, "2019-05-20"));
    EXPECT_FALSE(bytes_contain(session, "ukou_move"));
}

TEST_F(SessionTest, EveryWayOfEndingWipesAndNamesTheReason) {
    const std::pair<SessionEndReason, const char*> reasons[] = {
        {SessionEndReason::Done, "reason=done"},
        {SessionEndReason::Cancelled, "reason=cancelled"},
        {SessionEndReason::Timeout, "reason=timeout"},
        {SessionEndReason::CardRemoved, "reason=card-removed"},
    };
    int index = 0;
    for (const auto& [reason, text] : reasons) {
        domain::Identity identity = drivers::SimIdCardReader::sample_identity(index++);
        session.set_identity(identity);
        session.end(reason);
        EXPECT_EQ(session.identity(), nullptr) << text;
        ASSERT_FALSE(audit.empty());
        EXPECT_EQ(audit.back().kind, "session.wiped");
        EXPECT_THAT(audit.back().detail, HasSubstr(text));
        expect_nothing_personal_recorded(identity);
    }
    EXPECT_EQ(session.sessions_ended(), 4);
}

TEST_F(SessionTest, SessionWithoutACardSaysOnlyTheSelectionWasWiped) {
    session.begin();
    session.select_item("social_security_card");
    clock.advance(20s);
    session.end(SessionEndReason::Timeout);
    ASSERT_EQ(audit.size(), 2u);
    EXPECT_EQ(audit[1].detail, "reason=timeout duration_s=20 wiped=selection");
}

TEST_F(SessionTest, EndWithoutASessionRecordsNothingButStillWipes) {
    session.select_item("left over");
    session.end(SessionEndReason::Timeout);
    EXPECT_TRUE(audit.empty());
    EXPECT_EQ(session.sessions_ended(), 0);
    EXPECT_TRUE(session.selected_item().empty());

    session.begin();
    session.end(SessionEndReason::Done);
    session.end(SessionEndReason::Done); // a second end is not a second visit
    EXPECT_EQ(session.sessions_ended(), 1);
    ASSERT_EQ(audit.size(), 2u);
    EXPECT_EQ(audit[1].kind, "session.wiped");
}

TEST_F(SessionTest, ASecondDocumentReplacesTheFirstAndLeavesNothingOfIt) {
    session.set_identity(cardholder);
    // A passport page has no birth date here: the card's must not survive underneath the new value.
    domain::Identity passport;
    passport.document_type = domain::DocumentType::Passport;
    passport.name = "ZHANG SAN";
    passport.id_number = "E12345678";
    session.set_identity(passport);
    ASSERT_NE(session.identity(), nullptr);
    EXPECT_EQ(session.identity()->name, "ZHANG SAN");
    EXPECT_TRUE(session.identity()->birth_date.empty());
    EXPECT_EQ(audit.size(), 1u); // still one visit
    EXPECT_FALSE(bytes_contain(session, "988-06-15"));
    EXPECT_FALSE(bytes_contain(session, "039-05-20"));
}

TEST_F(SessionTest, NextVisitStartsFresh) {
    session.set_identity(cardholder);
    clock.advance(300s);
    session.end(SessionEndReason::CardRemoved);

    clock.advance(5s);
    session.begin();
    EXPECT_EQ(session.identity(), nullptr);
    clock.advance(7s);
    session.end(SessionEndReason::Done);
    EXPECT_EQ(audit.back().detail, "reason=done duration_s=7 wiped=selection"); // timed from its own start
}

TEST(SessionWithoutAudit, WorksWithNoAuditCallback) {
    FakeClock clock;
    Session session(clock, Language::En, nullptr);
    session.set_identity(drivers::SimIdCardReader::sample_identity(2));
    session.end(SessionEndReason::Done);
    EXPECT_EQ(session.identity(), nullptr);
    EXPECT_EQ(session.language(), Language::En);
    EXPECT_EQ(session.sessions_ended(), 1);
}

TEST(SessionEndReason, EachReasonHasItsOwnName) {
    std::set<std::string> names;
    for (auto reason : {SessionEndReason::Done, SessionEndReason::Cancelled, SessionEndReason::Timeout,
                        SessionEndReason::CardRemoved})
        names.insert(to_string(reason));
    EXPECT_EQ(names, (std::set<std::string>{"done", "cancelled", "timeout", "card-removed"}));
}

} // namespace
} // namespace kiosk::services
