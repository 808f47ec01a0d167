// Every way a text block can be wrong is an error naming the field and the rule — never the value
// (docs/specs/idcard-sam.md §2.2–§2.10, §3). Each case starts from a good card and changes bytes.

#include "CardSamples.h"
#include "drivers/idcard/CardLayout.h"
#include "drivers/idcard/CardText.h"

#include <gtest/gtest.h>

namespace kiosk::drivers::sam {
namespace {

using domain::Identity;
using samples::kToday;
using Block = std::array<uint8_t, kTextSize>;

Block text_of(const Identity& identity) {
    return encode_card_text(identity).value();
}

// Writes UCS-2 units at a byte offset, padding the rest of `slot_size` bytes with spaces.
void put(Block& text, size_t offset, std::u16string_view units, size_t slot_size = 0) {
    for (size_t i = 0; i < std::max(units.size(), slot_size / 2); ++i) {
        char16_t unit = i < units.size() ? units[i] : u' ';
        text[offset + 2 * i] = static_cast<uint8_t>(unit & 0xFF);
        text[offset + 2 * i + 1] = static_cast<uint8_t>(unit >> 8);
    }
}

void expect_error(const Block& text, std::string_view says, const Identity& original) {
    auto parsed = parse_card_text(text, kToday);
    ASSERT_FALSE(parsed.ok()) << "expected: " << says;
    const std::string& message = parsed.error().message;
    EXPECT_EQ(parsed.error().code, ErrorCode::InvalidData);
    EXPECT_NE(message.find(says), std::string::npos) << message;
    // Personal data stays out of error messages (they reach logs and staff screens).
    for (const std::string* personal :
         {&original.name, &original.id_number, &original.birth_date, &original.address}) {
        if (!personal->empty()) {
            EXPECT_EQ(message.find(*personal), std::string::npos) << message;
        }
    }
    EXPECT_EQ(message.find("19851102"), std::string::npos) << message;
}

TEST(CardTextValidation, SexCodeIsOneOrTwoAndNothingElse) {
    const Identity card = samples::resident();
    for (char16_t code : {u'0', u'9', u'X', u' '}) { // "not 1 → female" is the mistake §2.9 warns of
        Block text = text_of(card);
        put(text, layout::resident::kSex.offset, std::u16string(1, code));
        expect_error(text, "sex: code is neither 1 (male) nor 2 (female)", card);
    }
}

TEST(CardTextValidation, NationCodeMustBeInTheTable) {
    const Identity card = samples::resident();
    Block text = text_of(card);
    put(text, layout::resident::kNation.offset, u"57"); // public tables' typo for 97
    expect_error(text, "nation: unknown nation code", card);
    put(text, layout::resident::kNation.offset, u"A1");
    expect_error(text, "nation: code is not two digits", card);
}

TEST(CardTextValidation, BirthDateMustBeRealAndPast) {
    Identity leap = samples::resident();
    leap.birth_date = "1999-02-29";
    leap.id_number = "110105199902290013"; // its check character is right: the date alone is wrong (§3)
    expect_error(text_of(leap), "birth_date: is not a real YYYYMMDD date", leap);
    Identity future = samples::resident();
    future.birth_date = "2027-01-01";
    expect_error(text_of(future), "birth_date: is in the future", future);
}

TEST(CardTextValidation, IdNumberIsCheckedAndMatchesTheCard) {
    Identity bad_check = samples::resident();
    bad_check.id_number = "650102198511020060";
    expect_error(text_of(bad_check), "id_number: ID number fails its check character", bad_check);

    Identity parity = samples::resident();
    parity.sex = 'M'; // the number's sequence 006 is even: female
    expect_error(text_of(parity), "id_number: sequence parity does not match the sex field", parity);

    Identity birth = samples::resident();
    birth.birth_date = "1985-11-03";
    expect_error(text_of(birth), "id_number: birth date does not match the birth_date field", birth);

    Identity hmt = samples::hmt_permit();
    hmt.id_number = "440305198709130053"; // a resident number on a 'J' permit
    hmt.birth_date = "1987-09-13";
    expect_error(text_of(hmt), "id_number: prefix does not fit the card type", hmt);

    Identity foreign = samples::foreign_2023();
    foreign.id_number = "310104197707050024";
    foreign.birth_date = "1977-07-05";
    expect_error(text_of(foreign), "id_number: prefix does not fit the card type", foreign);

    Identity short_number = samples::resident();
    short_number.id_number = "65010219851102006";
    expect_error(text_of(short_number), "id_number: ID number has 17 characters", short_number);
}

TEST(CardTextValidation, PermanentResidenceNumberIsChecked) {
    Identity card = samples::foreign_2017();
    card.id_number = "USA110078051217";
    expect_error(text_of(card), "id_number: permanent-residence number fails its check digit", card);
    card.id_number = "USA110078051316";
    expect_error(text_of(card), "id_number: permanent-residence number does not match the birth date", card);
}

TEST(CardTextValidation, ValidityMustBeDatesInOrder) {
    Identity card = samples::hmt_permit();
    card.valid_until = "2018-01-10";
    expect_error(text_of(card), "valid_until: is before valid_from", card);
    Block text = text_of(samples::hmt_permit());
    put(text, layout::resident::kValidUntil.offset, u"永久", 16); // only 长期 means long-term
    expect_error(text, "valid_until: is not a real YYYYMMDD date", card);
}

TEST(CardTextValidation, CodesAreUpperCaseLettersAndDigits) {
    Identity permit = samples::hmt_permit();
    permit.permit_number = "h1234567";
    expect_error(text_of(permit), "permit_number: holds a character other than A-Z or 0-9", permit);
    Identity nationality = samples::foreign_2023();
    nationality.nationality = "ES";
    expect_error(text_of(nationality), "nationality: has 2 characters", nationality);
}

TEST(CardTextValidation, AnEmptyNameIsAnError) {
    Identity card = samples::resident();
    card.name.clear();
    expect_error(text_of(card), "name: is empty", card);
    Identity foreign = samples::foreign_2017();
    foreign.name.clear();
    foreign.name_en.clear();
    expect_error(text_of(foreign), "name_en: is empty", foreign);
}

TEST(CardTextValidation, ALoneSurrogateIsAnErrorAPairIsText) {
    const Identity card = samples::resident();
    Block high = text_of(card);
    put(high, 0, u"\xD842\x6797"); // a high surrogate followed by an ordinary character
    expect_error(high, "name: text holds a lone surrogate", card);
    Block low = text_of(card);
    put(low, layout::resident::kAddress.offset, u"\xDC00");
    expect_error(low, "address: text holds a lone surrogate", card);
    Block at_end = text_of(card);
    put(at_end, layout::resident::kIssuer.offset + 28, u"\xD842"); // its pair would lie in the next field
    expect_error(at_end, "issuer: text holds a lone surrogate", card);

    Block pair = text_of(card);
    put(pair, layout::resident::kAddress.offset, u"\xD840\xDC00", 70); // U+20000 (a rare character)
    auto parsed = parse_card_text(pair, kToday);
    ASSERT_TRUE(parsed.ok()) << parsed.error().message;
    EXPECT_EQ(parsed->address, "\xF0\xA0\x80\x80");
}

TEST(CardTextValidation, PrivateUseCharactersPassThrough) {
    Block text = text_of(samples::resident());
    put(text, 0, u"\xE000\x6797", 30); // a vendor's code point for a rare character (§2.10)
    auto parsed = parse_card_text(text, kToday);
    ASSERT_TRUE(parsed.ok()) << parsed.error().message;
    EXPECT_EQ(parsed->name, "\xEE\x80\x80林");
}

TEST(CardTextValidation, TrailingNulsAndSpacesAreTrimmedControlCharactersAreNot) {
    Block text = text_of(samples::resident());
    for (size_t i = layout::resident::kAddress.offset + 40; i < layout::resident::kIdNumber.offset; ++i)
        text[i] = 0x00;
    auto parsed = parse_card_text(text, kToday);
    ASSERT_TRUE(parsed.ok()) << parsed.error().message;
    EXPECT_EQ(parsed->address, "新疆乌鲁木齐市天山区示例路88号 3单元");
    text[layout::resident::kAddress.offset + 2] = 0x07;
    text[layout::resident::kAddress.offset + 3] = 0x00;
    expect_error(text, "address: text holds a control character", samples::resident());
}

TEST(CardTextValidation, AnUnknownCardTypeIsRejectedBeforeAnyField) {
    const Identity card = samples::resident();
    for (char16_t type : {u'X', u'\0', u'i', u'\x4920'}) {
        Block text = text_of(card);
        put(text, layout::kCardTypeOffset, std::u16string(1, type));
        expect_error(text, "unknown card type", card);
    }
}

} // namespace
} // namespace kiosk::drivers::sam
