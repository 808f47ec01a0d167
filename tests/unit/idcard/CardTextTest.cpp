// The 256-byte text block (docs/specs/idcard-sam.md §2): every card type survives encode → parse,
// the type byte picks the layout, and read-base answers are checked for their lengths.

#include "drivers/idcard/CardText.h"
#include "CardSamples.h"
#include "drivers/idcard/CardLayout.h"
#include "drivers/idcard/PermanentResidenceNumber.h"

#include <gtest/gtest.h>
#include <optional>

namespace kiosk::drivers::sam {
namespace {

using domain::Identity;
using samples::kToday;

void expect_same(const Identity& a, const Identity& b) {
    EXPECT_EQ(a.document_type, b.document_type);
    EXPECT_EQ(a.name, b.name);
    EXPECT_EQ(a.name_en, b.name_en);
    EXPECT_EQ(a.sex, b.sex);
    EXPECT_EQ(a.nation, b.nation);
    EXPECT_EQ(a.birth_date, b.birth_date);
    EXPECT_EQ(a.address, b.address);
    EXPECT_EQ(a.id_number, b.id_number);
    EXPECT_EQ(a.issuer, b.issuer);
    EXPECT_EQ(a.valid_from, b.valid_from);
    EXPECT_EQ(a.valid_until, b.valid_until);
    EXPECT_EQ(a.permit_number, b.permit_number);
    EXPECT_EQ(a.nationality, b.nationality);
}

// Lengths (text, photo[, fingerprint]) then the blocks, as §2.1 and §2.7 lay them out.
Response read_base_response(std::span<const uint8_t> text, size_t photo_size = kPhotoSize,
                            std::optional<size_t> fingerprint = std::nullopt) {
    size_t text_at = fingerprint ? 6 : 4;
    std::vector<uint8_t> data(text_at + text.size() + photo_size + fingerprint.value_or(0), 0x33);
    data[0] = 0x01; // text 256, photo 1024, big-endian
    data[1] = 0x00;
    data[2] = 0x04;
    data[3] = 0x00;
    if (fingerprint) {
        data[4] = uint8_t(*fingerprint >> 8);
        data[5] = uint8_t(*fingerprint & 0xFF);
    }
    std::copy(text.begin(), text.end(), data.begin() + long(text_at));
    for (size_t i = 0; i < photo_size; ++i)
        data[text_at + text.size() + i] = static_cast<uint8_t>(i);
    return Response{0, 0, 0x90, std::move(data)};
}

TEST(CardText, EveryCardTypeSurvivesEncodeThenParse) {
    for (const Identity& original :
         {samples::resident(), samples::hmt_permit(), samples::foreign_2017(), samples::foreign_2023()}) {
        auto text = encode_card_text(original);
        ASSERT_TRUE(text.ok()) << to_string(original.document_type) << ": " << text.error().message;
        auto parsed = parse_card_text(text.value(), kToday);
        ASSERT_TRUE(parsed.ok()) << to_string(original.document_type) << ": " << parsed.error().message;
        expect_same(parsed.value(), original);
    }
}

TEST(CardText, TheTypeByteAt248PicksTheLayout) {
    struct Case {
        Identity identity;
        uint8_t type_byte;
    };
    for (const Case& c : {Case{samples::resident(), 0x20}, Case{samples::hmt_permit(), 'J'},
                          Case{samples::foreign_2017(), 'I'}, Case{samples::foreign_2023(), 'Y'}}) {
        auto text = encode_card_text(c.identity).value();
        EXPECT_EQ(text[248], c.type_byte);
        EXPECT_EQ(text[249], 0x00);
    }
}

TEST(CardText, ResidentFieldsSitAtTheSpecsOffsets) {
    auto text = encode_card_text(samples::resident()).value();
    EXPECT_EQ(text[30], '2'); // sex code, §2.2
    EXPECT_EQ(text[32], '0'); // nation 05
    EXPECT_EQ(text[34], '5');
    EXPECT_EQ(text[36], '1');   // birth 19851102
    EXPECT_EQ(text[122], '6');  // ID number
    EXPECT_EQ(text[204], 0x7F); // 长 = U+957F, little-endian
    EXPECT_EQ(text[205], 0x95);
    EXPECT_EQ(text[255], 0x00); // padding is 20 00
    EXPECT_EQ(text[254], 0x20);
}

TEST(CardText, AForeignCardWithoutAChineseNameIsNamedInEnglish) {
    Identity identity = samples::foreign_2017();
    identity.name = identity.name_en;
    auto text = encode_card_text(identity).value();
    EXPECT_EQ(text[layout::foreign2017::kNameZh.offset], 0x20); // the Chinese-name slot stays blank
    auto parsed = parse_card_text(text, kToday);
    ASSERT_TRUE(parsed.ok()) << parsed.error().message;
    EXPECT_EQ(parsed->name, "SMITH, JOHN ALEXANDER");
    EXPECT_EQ(parsed->name_en, "SMITH, JOHN ALEXANDER");
}

TEST(CardText, TheSplit2023EnglishNameKeepsTheSpaceAtItsSeam) {
    auto text = encode_card_text(samples::foreign_2023()).value();
    EXPECT_EQ(text[layout::foreign2023::kNameEn2.offset], ' '); // character 36 is the space before ANGELES
    EXPECT_EQ(parse_card_text(text, kToday)->name_en, "GARCIA LOPEZ, MARIA FERNANDA DE LOS ANGELES");
}

TEST(CardText, ReadBaseTakesTextAndPhoto) {
    auto text = encode_card_text(samples::resident()).value();
    auto identity = parse_read_base(read_base_response(text), kToday);
    ASSERT_TRUE(identity.ok()) << identity.error().message;
    ASSERT_EQ(identity->photo_wlt.size(), kPhotoSize);
    EXPECT_EQ(identity->photo_wlt[1023], 0xFF);
    EXPECT_EQ(identity->name, "阿依古丽·买买提");
}

TEST(CardText, ReadBaseWithFingerprintTakesTheThirdLength) {
    auto text = encode_card_text(samples::hmt_permit()).value();
    for (size_t fingerprint : {size_t(0), size_t(1024)}) {
        auto identity = parse_read_base(read_base_response(text, kPhotoSize, fingerprint), kToday);
        ASSERT_TRUE(identity.ok()) << identity.error().message;
        EXPECT_EQ(identity->permit_number, "H12345678");
        EXPECT_EQ(identity->photo_wlt.size(), kPhotoSize);
    }
}

TEST(CardText, ReadBaseLengthsMustMatchTheData) {
    auto text = encode_card_text(samples::resident()).value();
    auto short_photo = read_base_response(text, 1000);
    EXPECT_NE(parse_read_base(short_photo, kToday).error().message.find("do not match"), std::string::npos);
    auto bad_length = read_base_response(text);
    bad_length.data[1] = 0x01; // text 257, and one byte more than the data has
    EXPECT_FALSE(parse_read_base(bad_length, kToday).ok());
    Response tiny{0, 0, 0x90, {0x01}};
    EXPECT_FALSE(parse_read_base(tiny, kToday).ok());
    Response failed{0, 0, 0x41, {}};
    auto error = parse_read_base(failed, kToday).error();
    EXPECT_EQ(error.code, ErrorCode::Device);
    EXPECT_EQ(error.message, "read failed (SW3 0x41)");
}

TEST(CardText, TextOfAnyOtherSizeIsAnError) {
    std::vector<uint8_t> text(255, 0x20);
    EXPECT_FALSE(parse_card_text(text, kToday).ok());
    text.resize(257, 0x20);
    EXPECT_FALSE(parse_card_text(text, kToday).ok());
}

TEST(CardText, EncodingRefusesWhatCannotBeWrittenAndNamesTheField) {
    Identity too_long = samples::resident();
    too_long.name = "一二三四五六七八九十一二三四五六"; // 16 characters, the slot holds 15
    auto error = encode_card_text(too_long).error();
    EXPECT_TRUE(error.message.starts_with("name:")) << error.message;
    EXPECT_EQ(error.message.find("一二"), std::string::npos);

    Identity outside_bmp = samples::resident();
    outside_bmp.address = "\xF0\xA0\x80\x80"; // U+20000, a CJK Extension B character
    EXPECT_TRUE(encode_card_text(outside_bmp).error().message.starts_with("address:"));

    Identity unknown_nation = samples::resident();
    unknown_nation.nation = "德昴"; // a typo of public tables (§2.9)
    EXPECT_TRUE(encode_card_text(unknown_nation).error().message.starts_with("nation:"));

    Identity bad_date = samples::resident();
    bad_date.valid_from = "2010/03/15";
    EXPECT_TRUE(encode_card_text(bad_date).error().message.starts_with("valid_from:"));

    Identity long_name_en = samples::foreign_2023();
    long_name_en.name_en = std::string(47, 'A');
    EXPECT_TRUE(encode_card_text(long_name_en).error().message.starts_with("name_en:"));

    Identity passport;
    passport.document_type = domain::DocumentType::Passport;
    EXPECT_FALSE(encode_card_text(passport).ok());
}

TEST(CardTextPermanentResidenceNumber, CheckDigitIsIcao731OverTheFirst14) {
    EXPECT_EQ(icao_check_digit("USA11007805121"), '6');
    EXPECT_EQ(icao_check_digit("GBR31008002202"), '4');
    EXPECT_EQ(icao_check_digit("L898902C<"), '3'); // ICAO 9303's own specimen passport number
    EXPECT_EQ(icao_check_digit("usa"), '?');
    EXPECT_TRUE(check_permanent_residence_number("USA110078051216", {1978, 5, 12}).ok());
    for (const char* bad : {"USA110078051217", "USA11007805121", "US1110078051216", "USA1100780512A6"})
        EXPECT_FALSE(check_permanent_residence_number(bad, {1978, 5, 12}).ok()) << bad;
    EXPECT_NE(
        check_permanent_residence_number("USA110078051216", {1978, 5, 13}).error().message.find("birth date"),
        std::string::npos);
}

} // namespace
} // namespace kiosk::drivers::sam
