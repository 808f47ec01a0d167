#include "core/domain/Identity.h"
#include "core/domain/DeviceStatus.h"

#include <gtest/gtest.h>

namespace kiosk::domain {
namespace {

TEST(Identity, WipeClearsEveryPersonalField) {
    Identity identity;
    identity.document_type = DocumentType::HmtResidencePermit;
    identity.name = "张三";
    identity.name_en = "ZHANG SAN";
    identity.sex = 'F';
    identity.nation = "汉";
    identity.birth_date = "1988-06-15";
    identity.address = "广东省深圳市福田区某某路1号";
    identity.id_number = "440304198806157315";
    identity.issuer = "深圳市公安局福田分局";
    identity.valid_from = "2016-01-01";
    identity.valid_until = "2036-01-01";
    identity.permit_number = "J1234";
    identity.nationality = "CHN";
    identity.photo_wlt.assign(1024, 0x5a);

    identity.wipe();

    for (const std::string* text :
         {&identity.name, &identity.name_en, &identity.nation, &identity.birth_date, &identity.address,
          &identity.id_number, &identity.issuer, &identity.valid_from, &identity.valid_until,
          &identity.permit_number, &identity.nationality})
        EXPECT_TRUE(text->empty()) << *text;
    EXPECT_TRUE(identity.photo_wlt.empty());
    EXPECT_EQ(identity.document_type, DocumentType::ResidentId);
}

TEST(Identity, MasksForScreensOthersMaySee) {
    EXPECT_EQ(mask_name("张三"), "张*");
    EXPECT_EQ(mask_name("欧阳娜娜"), "欧***");
    EXPECT_EQ(mask_name("李"), "李*");
    EXPECT_EQ(mask_name(""), "");
    EXPECT_EQ(mask_id_number("440304198806157315"), "4403**********7315");
    EXPECT_EQ(mask_id_number("1234567"), "*******");
}

TEST(Identity, DocumentTypeNamesAreTheCliNames) {
    EXPECT_STREQ(to_string(DocumentType::ResidentId), "resident_id");
    EXPECT_STREQ(to_string(DocumentType::HmtResidencePermit), "hmt_residence_permit");
    EXPECT_STREQ(to_string(DocumentType::ForeignPermanentResidence2017), "foreign_permanent_residence_2017");
    EXPECT_STREQ(to_string(DocumentType::ForeignPermanentResidence2023), "foreign_permanent_residence_2023");
    EXPECT_STREQ(to_string(DocumentType::Passport), "passport");
}

TEST(DeviceStatus, OnlyReadyAndBusyAreUsable) {
    DeviceStatus status;
    for (auto [state, usable] :
         {std::pair{DeviceState::Ready, true}, std::pair{DeviceState::Busy, true},
          std::pair{DeviceState::Absent, false}, std::pair{DeviceState::Fault, false}}) {
        status.state = state;
        EXPECT_EQ(status.usable(), usable) << to_string(state);
    }
    EXPECT_STREQ(to_string(FixedBy::HallStaff), "hall_staff");
    EXPECT_STREQ(to_string(DeviceKind::ReceiptPrinter), "receipt_printer");
}

} // namespace
} // namespace kiosk::domain
