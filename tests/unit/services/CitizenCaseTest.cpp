// One citizen's visit as the case owns it: it begins at the first touch or card, holds the only copy
// of their identity, applies the card policy (the same card refreshes, another citizen's card ends the
// old case first), resolves the form once, and its end — done, cancelled, timed out, card taken away,
// another card — overwrites everything in memory and records "session.wiped" for staff without a
// single personal detail in the record or the log. (The whole flow with real services:
// CitizenCaseFlowTest.)

#include "services/case/CitizenCase.h"
#include "core/base/Clock.h"
#include "core/base/Log.h"
#include "drivers/idcard/SimIdCardReader.h"

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

domain::Catalog load_sample_catalog() {
    auto catalog = domain::load_catalog(std::string(KIOSK_SOURCE_DIR) + "/data/catalog/sample-catalog.json");
    EXPECT_TRUE(catalog.ok()) << catalog.error().describe();
    return catalog.ok() ? catalog.release_value() : domain::Catalog{};
}

class CitizenCaseTest : public ::testing::Test {
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
    KioskOptions options = [] {
        KioskOptions defaults;
        defaults.default_language = Language::ZhCN;
        return defaults;
    }();
    domain::Catalog catalog = load_sample_catalog();
    CitizenCase session{clock, options, catalog, {}, [this](std::string_view kind, std::string_view detail) {
                            audit.push_back({std::string(kind), std::string(detail)});
                        }};
    const domain::Identity cardholder = drivers::SimIdCardReader::sample_identity(0);
};

TEST_F(CitizenCaseTest, StartsIdleAndBeginIsAudited) {
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

TEST_F(CitizenCaseTest, ReadingACardStartsTheSessionAndHoldsTheIdentity) {
    session.identify_by_card(cardholder);
    EXPECT_TRUE(session.active());
    ASSERT_NE(session.identity(), nullptr);
    EXPECT_EQ(session.identity()->name, "张三");
    EXPECT_EQ(session.identity()->id_number, "440304198806157315");
    ASSERT_EQ(audit.size(), 1u);
    EXPECT_EQ(audit[0].kind, "session.started");
}

TEST_F(CitizenCaseTest, EndWipesTheIdentityAndRecordsItWithoutPersonalData) {
    session.identify_by_card(cardholder);
    ASSERT_TRUE(session.select("package:newborn"));
    session.set_field("phone", "13800138000");
    session.set_language(Language::En);
    clock.advance(95s);

    session.end(SessionEndReason::Done);
    EXPECT_FALSE(session.active());
    EXPECT_EQ(session.identity(), nullptr);
    EXPECT_EQ(session.identity_strength(), IdentityStrength::None);
    EXPECT_EQ(session.item(), nullptr);
    EXPECT_TRUE(session.typed().empty());
    EXPECT_EQ(session.language(), Language::ZhCN); // the next citizen starts in the default language
    EXPECT_EQ(session.sessions_ended(), 1);

    ASSERT_EQ(audit.size(), 2u);
    EXPECT_EQ(audit[1].kind, "session.wiped");
    EXPECT_EQ(audit[1].detail, "reason=done duration_s=95 wiped=identity,selection");
    expect_nothing_personal_recorded(cardholder);
}

TEST_F(CitizenCaseTest, EndOverwritesTheIdentityInMemoryNotJustForgetsIt) {
    // Short fields sit inside the Session object itself; after end() their bytes must be gone, not
    // merely out of reach (a plain reset() would leave "1988-06-15" there for a memory dump to find).
    session.identify_by_card(cardholder);
    ASSERT_TRUE(bytes_contain(session, "1988-06-15")) << "expected the birth date inline in the case";
    ASSERT_TRUE(bytes_contain(session, "2039-05-20"));

    session.end(SessionEndReason::Cancelled);
    EXPECT_FALSE(bytes_contain(session, "988-06-15"));
    EXPECT_FALSE(bytes_contain(session, "039-05-20"));
    EXPECT_FALSE(bytes_contain(session, "2019-05-20"));
}

TEST_F(CitizenCaseTest, EveryWayOfEndingWipesAndNamesTheReason) {
    const std::pair<SessionEndReason, const char*> reasons[] = {
        {SessionEndReason::Done, "reason=done"},
        {SessionEndReason::Cancelled, "reason=cancelled"},
        {SessionEndReason::Timeout, "reason=timeout"},
        {SessionEndReason::CardRemoved, "reason=card-removed"},
        {SessionEndReason::OtherCard, "reason=other-card"},
    };
    int index = 0;
    for (const auto& [reason, text] : reasons) {
        domain::Identity identity = drivers::SimIdCardReader::sample_identity(index++);
        session.identify_by_card(identity);
        session.end(reason);
        EXPECT_EQ(session.identity(), nullptr) << text;
        ASSERT_FALSE(audit.empty());
        EXPECT_EQ(audit.back().kind, "session.wiped");
        EXPECT_THAT(audit.back().detail, HasSubstr(text));
        expect_nothing_personal_recorded(identity);
    }
    EXPECT_EQ(session.sessions_ended(), 5);
}

TEST_F(CitizenCaseTest, SessionWithoutACardSaysOnlyTheSelectionWasWiped) {
    session.begin();
    ASSERT_TRUE(session.select("matter:social_security_card"));
    clock.advance(20s);
    session.end(SessionEndReason::Timeout);
    ASSERT_EQ(audit.size(), 2u);
    EXPECT_EQ(audit[1].detail, "reason=timeout duration_s=20 wiped=selection");
}

TEST_F(CitizenCaseTest, EndWithoutASessionRecordsNothingButStillWipes) {
    session.set_language(Language::En);
    session.end(SessionEndReason::Timeout);
    EXPECT_TRUE(audit.empty());
    EXPECT_EQ(session.sessions_ended(), 0);
    EXPECT_EQ(session.language(), Language::ZhCN);

    session.begin();
    session.end(SessionEndReason::Done);
    session.end(SessionEndReason::Done); // a second end is not a second visit
    EXPECT_EQ(session.sessions_ended(), 1);
    ASSERT_EQ(audit.size(), 2u);
    EXPECT_EQ(audit[1].kind, "session.wiped");
}

TEST_F(CitizenCaseTest, TheSameCardAgainRefreshesTheVisit) {
    EXPECT_EQ(session.identify_by_card(cardholder), IdentifyOutcome::Identified);
    ASSERT_TRUE(session.select("package:newborn"));
    session.set_field("phone", "13800138000");
    EXPECT_EQ(session.identify_by_card(cardholder), IdentifyOutcome::Refreshed); // taken away, put back
    EXPECT_EQ(session.identity_strength(), IdentityStrength::CardRead);
    ASSERT_NE(session.item(), nullptr);
    EXPECT_EQ(session.typed().at("phone"), "13800138000");
    EXPECT_EQ(audit.size(), 1u); // still one visit
}

TEST_F(CitizenCaseTest, AnotherCitizensCardEndsTheOldCaseBeforeTheNewOneStarts) {
    session.identify_by_card(cardholder);
    ASSERT_TRUE(session.select("package:newborn"));
    session.set_field("phone", "13800138000");
    int hooks = 0;
    session.on_end([&] { ++hooks; });

    domain::Identity next = drivers::SimIdCardReader::sample_identity(1);
    ASSERT_NE(next.id_number, cardholder.id_number);
    EXPECT_EQ(session.identify_by_card(next), IdentifyOutcome::Replaced);
    EXPECT_EQ(hooks, 1) << "the old visit's scans were not wiped";
    ASSERT_NE(session.identity(), nullptr);
    EXPECT_EQ(session.identity()->id_number, next.id_number);
    EXPECT_EQ(session.item(), nullptr) << "the new citizen inherited the old one's choice";
    EXPECT_TRUE(session.typed().empty()) << "the new citizen inherited the old one's form";
    EXPECT_TRUE(session.active());
    ASSERT_EQ(audit.size(), 3u);
    EXPECT_EQ(audit[1].kind, "session.wiped");
    EXPECT_THAT(audit[1].detail, HasSubstr("reason=other-card"));
    EXPECT_EQ(audit[2].kind, "session.started");
    EXPECT_FALSE(bytes_contain(session, "988-06-15"));
    expect_nothing_personal_recorded(cardholder);
    expect_nothing_personal_recorded(next);
}

TEST_F(CitizenCaseTest, APassportPageIsADocumentSeenNotACardRead) {
    domain::Identity passport;
    passport.document_type = domain::DocumentType::Passport;
    passport.name = "ZHANG SAN";
    passport.id_number = "E12345678";
    EXPECT_EQ(session.identify_by_document(passport), IdentifyOutcome::Identified);
    EXPECT_EQ(session.identity_strength(), IdentityStrength::DocumentSeen);
    // A card afterwards is another document: that visit ends, the card's holder starts afresh.
    EXPECT_EQ(session.identify_by_card(cardholder), IdentifyOutcome::Replaced);
    EXPECT_EQ(session.identity_strength(), IdentityStrength::CardRead);
    EXPECT_EQ(session.identity()->name, "张三");
    EXPECT_TRUE(session.identity()->permit_number.empty());
}

TEST_F(CitizenCaseTest, ACardReadEventLeavesNoCopyOfTheIdentityBehind) {
    AppEvent event = CardRead{cardholder};
    auto outcome = session.on_event(event);
    ASSERT_EQ(outcome, IdentifyOutcome::Identified);
    ASSERT_NE(session.identity(), nullptr);
    EXPECT_EQ(session.identity()->id_number, cardholder.id_number);
    const auto& left = std::get<CardRead>(event).identity;
    EXPECT_TRUE(left.id_number.empty());
    EXPECT_TRUE(left.name.empty());
    EXPECT_TRUE(left.photo_wlt.empty());
}

TEST_F(CitizenCaseTest, TheFormIsResolvedOnceCardThenTypedThenRead) {
    session.identify_by_card(cardholder);
    ASSERT_TRUE(session.select("package:newborn"));
    auto form = session.form();
    EXPECT_EQ(form.at("applicant_name"), "张三"); // from the card
    EXPECT_EQ(form.at("applicant_id_number"), cardholder.id_number);
    EXPECT_EQ(form.count("phone"), 0u);
    EXPECT_GT(session.form_problems(), 0);

    session.set_field("applicant_name", "李四"); // a card field is never typed over
    session.set_field("phone", "13800138000");
    form = session.form();
    EXPECT_EQ(form.at("applicant_name"), "张三");
    EXPECT_EQ(form.at("phone"), "13800138000");
    session.set_field("phone", "");
    EXPECT_EQ(session.form().count("phone"), 0u);
}

TEST_F(CitizenCaseTest, SelectingResolvesTheItemAndRefusesUnknownOnes) {
    ASSERT_TRUE(session.select("package:newborn"));
    ASSERT_NE(session.item(), nullptr);
    EXPECT_EQ(session.item()->key(), "package:newborn");
    EXPECT_EQ(session.item()->checklist.matters.size(), 4u);
    ASSERT_TRUE(session.select("matter:residence_permit"));
    EXPECT_EQ(session.item()->matter->id, "residence_permit");
    EXPECT_FALSE(session.select("package:no_such_package"));
    EXPECT_EQ(session.item(), nullptr);
    EXPECT_FALSE(session.select("newborn"));
}

TEST_F(CitizenCaseTest, NothingIsSubmittedWithoutWhatAnApplicationNeeds) {
    auto consent = clock.wall_now();
    auto refused = session.submit(consent);
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error().message, "no identity");
    session.identify_by_card(cardholder);
    EXPECT_EQ(session.submit(consent).error().message, "nothing selected to apply for");
    ASSERT_TRUE(session.select("package:newborn"));
    EXPECT_EQ(session.submit(consent).error().code, ErrorCode::Unsupported); // no outbox here
    EXPECT_EQ(session.submission(), nullptr);
    EXPECT_FALSE(session.scan("birth_medical_certificate", false).ok()); // no scanner or intake either
}

TEST_F(CitizenCaseTest, NextVisitStartsFresh) {
    session.identify_by_card(cardholder);
    clock.advance(300s);
    session.end(SessionEndReason::CardRemoved);

    clock.advance(5s);
    session.begin();
    EXPECT_EQ(session.identity(), nullptr);
    clock.advance(7s);
    session.end(SessionEndReason::Done);
    EXPECT_EQ(audit.back().detail, "reason=done duration_s=7 wiped=selection"); // timed from its own start
}

TEST(CitizenCaseWithoutAudit, WorksWithNoAuditCallback) {
    FakeClock clock;
    KioskOptions options;
    options.default_language = Language::En;
    domain::Catalog catalog;
    CitizenCase session(clock, options, catalog, {}, nullptr);
    session.identify_by_card(drivers::SimIdCardReader::sample_identity(2));
    session.end(SessionEndReason::Done);
    EXPECT_EQ(session.identity(), nullptr);
    EXPECT_EQ(session.language(), Language::En);
    EXPECT_EQ(session.sessions_ended(), 1);
}

TEST(SessionEndReason, EachReasonHasItsOwnName) {
    std::set<std::string> names;
    for (auto reason : {SessionEndReason::Done, SessionEndReason::Cancelled, SessionEndReason::Timeout,
                        SessionEndReason::CardRemoved, SessionEndReason::OtherCard})
        names.insert(to_string(reason));
    EXPECT_EQ(names, (std::set<std::string>{"done", "cancelled", "timeout", "card-removed", "other-card"}));
}

} // namespace
} // namespace kiosk::services
