// Machine-readable zones (ICAO 9303, docs/specs/mrz.md): every format read field by field from the
// ICAO specimens and the spec's synthetic examples, each check that can fail named, the centuries that
// YYMMDD leaves open, and the inputs that are no MRZ at all.

#include "core/domain/Mrz.h"

#include <gtest/gtest.h>

namespace kiosk::domain {
namespace {

constexpr CivilDate kToday{2026, 11, 25};

using Lines = std::vector<std::string>;

const Lines kTd3Specimen = {"P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<",
                            "L898902C36UTO7408122F1204159ZE184226B<<<<<10"};

MrzDocument parsed(const Lines& lines, CivilDate today = kToday) {
    auto document = parse_mrz(lines, today);
    EXPECT_TRUE(document.ok()) << document.error().describe();
    return document.ok() ? document.value() : MrzDocument{};
}

// A TD3 line 2 with every check digit computed, to vary one field at a time.
std::string td3_line2(std::string_view birth, std::string_view expiry, char sex = 'M') {
    std::string line = "EZ0000001";
    line += mrz_check_digit(line);
    line += "UTO";
    line += std::string(birth) + mrz_check_digit(birth) + sex;
    line += std::string(expiry) + mrz_check_digit(expiry);
    line += "<<<<<<<<<<<<<<<";
    line += mrz_check_digit(line.substr(0, 10) + line.substr(13, 7) + line.substr(21, 22));
    return line;
}

Lines td3_with(std::string_view birth, std::string_view expiry, char sex = 'M') {
    return {"P<UTOWANG<<XIAO<MING<<<<<<<<<<<<<<<<<<<<<<<<", td3_line2(birth, expiry, sex)};
}

TEST(MrzCheckDigit, ReproducesTheIcaoSpecimenDigits) {
    EXPECT_EQ(mrz_check_digit("L898902C3"), '6');
    EXPECT_EQ(mrz_check_digit("740812"), '2');
    EXPECT_EQ(mrz_check_digit("120415"), '9');
    EXPECT_EQ(mrz_check_digit("ZE184226B<<<<<"), '1');
    EXPECT_EQ(mrz_check_digit("D23145890"), '7');
    EXPECT_EQ(mrz_check_digit("<<<<<<"), '0');
    EXPECT_EQ(mrz_check_digit(""), '0');
    EXPECT_EQ(mrz_check_digit("l898902c3"), '?');
}

TEST(Mrz, Td3IcaoSpecimenReadsEveryField) {
    MrzDocument document = parsed(kTd3Specimen);
    EXPECT_EQ(document.format, "TD3");
    EXPECT_EQ(document.document_code, "P");
    EXPECT_EQ(document.issuing_state, "UTO");
    EXPECT_EQ(document.surname, "ERIKSSON");
    EXPECT_EQ(document.given_names, "ANNA MARIA");
    EXPECT_EQ(document.document_number, "L898902C3");
    EXPECT_EQ(document.nationality, "UTO");
    EXPECT_EQ(document.birth_date, "1974-08-12");
    EXPECT_EQ(document.sex, "F");
    EXPECT_EQ(document.expiry_date, "2012-04-15"); // expired, still 20xx
    EXPECT_EQ(document.optional_data, "ZE184226B");
    EXPECT_TRUE(document.valid);
    EXPECT_TRUE(document.failed_checks.empty());
    EXPECT_TRUE(document.corrections.empty());
}

TEST(Mrz, SpecExampleTd3WithEmptyPersonalNumberAndFillerCheck) {
    MrzDocument document = parsed(
        {"P<UTOWANG<<XIAO<MING<<<<<<<<<<<<<<<<<<<<<<<<", "EZ00000014UTO9003071M3103061<<<<<<<<<<<<<<<2"});
    EXPECT_EQ(document.surname, "WANG");
    EXPECT_EQ(document.given_names, "XIAO MING");
    EXPECT_EQ(document.document_number, "EZ0000001");
    EXPECT_EQ(document.birth_date, "1990-03-07");
    EXPECT_EQ(document.sex, "M");
    EXPECT_EQ(document.expiry_date, "2031-03-06");
    EXPECT_EQ(document.optional_data, "");
    EXPECT_TRUE(document.valid) << testing::PrintToString(document.failed_checks);
}

TEST(Mrz, SpecExampleChinesePassport) {
    MrzDocument document = parsed(
        {"POCHNZHANG<<SAN<<<<<<<<<<<<<<<<<<<<<<<<<<<<<", "EZ12345671CHN8808084F3301018<<<<<<<<<<<<<<<8"});
    EXPECT_EQ(document.format, "TD3");
    EXPECT_EQ(document.document_code, "PO");
    EXPECT_EQ(document.issuing_state, "CHN");
    EXPECT_EQ(document.nationality, "CHN");
    EXPECT_EQ(document.surname, "ZHANG");
    EXPECT_EQ(document.given_names, "SAN");
    EXPECT_EQ(document.document_number, "EZ1234567");
    EXPECT_EQ(document.birth_date, "1988-08-08");
    EXPECT_EQ(document.sex, "F");
    EXPECT_EQ(document.expiry_date, "2033-01-01");
    EXPECT_TRUE(document.valid);
}

TEST(Mrz, Td1IcaoSpecimenAndSpecExample) {
    MrzDocument specimen = parsed({"I<UTOD231458907<<<<<<<<<<<<<<<", "7408122F1204159UTO<<<<<<<<<<<6",
                                   "ERIKSSON<<ANNA<MARIA<<<<<<<<<<"});
    EXPECT_EQ(specimen.format, "TD1");
    EXPECT_EQ(specimen.document_code, "I");
    EXPECT_EQ(specimen.document_number, "D23145890");
    EXPECT_EQ(specimen.surname, "ERIKSSON");
    EXPECT_EQ(specimen.given_names, "ANNA MARIA");
    EXPECT_EQ(specimen.birth_date, "1974-08-12");
    EXPECT_EQ(specimen.expiry_date, "2012-04-15");
    EXPECT_EQ(specimen.nationality, "UTO");
    EXPECT_TRUE(specimen.valid);

    MrzDocument example = parsed({"I<UTOAB12345671<<<<<<<<<<<<<<<", "9003071M3103061UTO<<<<<<<<<<<8",
                                  "WANG<<XIAO<MING<<<<<<<<<<<<<<<"});
    EXPECT_EQ(example.document_number, "AB1234567");
    EXPECT_EQ(example.surname, "WANG");
    EXPECT_EQ(example.given_names, "XIAO MING");
    EXPECT_EQ(example.birth_date, "1990-03-07");
    EXPECT_EQ(example.sex, "M");
    EXPECT_EQ(example.expiry_date, "2031-03-06");
    EXPECT_TRUE(example.valid);
}

TEST(Mrz, Td1LongDocumentNumberContinuesInTheOptionalData) {
    MrzDocument document = parsed({"I<UTOD23145890<1233<<<<<<<<<<<", "7408122F1204159UTO<<<<<<<<<<<2",
                                   "ERIKSSON<<ANNA<MARIA<<<<<<<<<<"});
    EXPECT_EQ(document.document_number, "D23145890123");
    EXPECT_EQ(document.optional_data, "");
    EXPECT_TRUE(document.valid) << testing::PrintToString(document.failed_checks);

    // '<' at the check position with nothing after it: no number check digit anywhere.
    MrzDocument broken = parsed({"I<UTOD23145890<<<<<<<<<<<<<<<<", "7408122F1204159UTO<<<<<<<<<<<7",
                                 "ERIKSSON<<ANNA<MARIA<<<<<<<<<<"});
    EXPECT_EQ(broken.failed_checks, (std::vector<std::string>{"document_number"}));
}

TEST(Mrz, Td2IcaoSpecimenAndSpecExample) {
    MrzDocument specimen =
        parsed({"I<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<", "D231458907UTO7408122F1204159<<<<<<<6"});
    EXPECT_EQ(specimen.format, "TD2");
    EXPECT_EQ(specimen.document_number, "D23145890");
    EXPECT_EQ(specimen.given_names, "ANNA MARIA");
    EXPECT_EQ(specimen.expiry_date, "2012-04-15");
    EXPECT_TRUE(specimen.valid);

    MrzDocument example =
        parsed({"I<UTOWANG<<XIAO<MING<<<<<<<<<<<<<<<<", "AB12345671UTO9003071M3103061<<<<<<<8"});
    EXPECT_EQ(example.format, "TD2");
    EXPECT_EQ(example.document_number, "AB1234567");
    EXPECT_EQ(example.surname, "WANG");
    EXPECT_EQ(example.birth_date, "1990-03-07");
    EXPECT_TRUE(example.valid);
}

TEST(Mrz, VisasAreToldFromPassportsAndCardsByTheirDocumentCode) {
    MrzDocument mrva = parsed(
        {"V<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<", "L8988901C4XXX4009078F96121096ZE184226B<<<<<<"});
    EXPECT_EQ(mrva.format, "MRVA");
    EXPECT_EQ(mrva.document_code, "V");
    EXPECT_EQ(mrva.document_number, "L8988901C");
    EXPECT_EQ(mrva.nationality, "XXX");
    EXPECT_EQ(mrva.birth_date, "1940-09-07");
    EXPECT_EQ(mrva.expiry_date, "1996-12-10");
    EXPECT_EQ(mrva.optional_data, "6ZE184226B");
    EXPECT_TRUE(mrva.valid) << "a visa has no composite check digit";

    MrzDocument mrvb =
        parsed({"V<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<", "L8988901C4XXX4009078F9612109<<<<<<<<"});
    EXPECT_EQ(mrvb.format, "MRVB");
    EXPECT_EQ(mrvb.document_number, "L8988901C");
    EXPECT_TRUE(mrvb.valid);
}

TEST(Mrz, EachBrokenCheckDigitIsNamed) {
    struct Case {
        int line, position;
        char digit;
        const char* check;
    };
    for (const Case& c :
         {Case{1, 9, '7', "document_number"}, Case{1, 19, '3', "birth_date"}, Case{1, 27, '0', "expiry_date"},
          Case{1, 42, '2', "optional_data"}, Case{1, 43, '1', "composite"}}) {
        Lines lines = kTd3Specimen;
        lines[c.line][c.position] = c.digit;
        MrzDocument document = parsed(lines);
        EXPECT_FALSE(document.valid) << c.check;
        // Every field's check digit is covered by the composite too.
        std::vector<std::string> expected{c.check};
        if (expected.front() != "composite")
            expected.emplace_back("composite");
        EXPECT_EQ(document.failed_checks, expected);
        EXPECT_EQ(document.surname, "ERIKSSON") << "fields are still read";
    }
}

TEST(Mrz, ImpossibleDatesAreFailedChecksNotErrors) {
    MrzDocument birth = parsed(td3_with("990230", "310306"));
    EXPECT_EQ(birth.birth_date, "");
    EXPECT_EQ(birth.failed_checks, (std::vector<std::string>{"birth_date_invalid"}));

    MrzDocument expiry = parsed(td3_with("900307", "311306"));
    EXPECT_EQ(expiry.expiry_date, "");
    EXPECT_EQ(expiry.failed_checks, (std::vector<std::string>{"expiry_date_invalid"}));

    MrzDocument unknown_day = parsed(td3_with("9003<<", "310306"));
    EXPECT_EQ(unknown_day.birth_date, "");
    EXPECT_EQ(unknown_day.failed_checks, (std::vector<std::string>{"birth_date_invalid"}));
}

TEST(Mrz, BirthCenturyIsTheLatestThatIsNotInTheFuture) {
    EXPECT_EQ(parsed(td3_with("261125", "310306")).birth_date, "2026-11-25"); // born today
    EXPECT_EQ(parsed(td3_with("261126", "310306")).birth_date, "1926-11-26"); // tomorrow: a century ago
    EXPECT_EQ(parsed(td3_with("000229", "310306")).birth_date, "2000-02-29");
    EXPECT_EQ(parsed(td3_with("991231", "310306")).birth_date, "1999-12-31");
    EXPECT_EQ(parsed(td3_with("000101", "310306"), CivilDate{2099, 6, 1}).birth_date, "2000-01-01");
}

TEST(Mrz, ExpiryCenturyIsTheYearWithinFiftyYearsOfToday) {
    EXPECT_EQ(parsed(td3_with("900307", "241130")).expiry_date, "2024-11-30"); // expired two years ago
    EXPECT_EQ(parsed(td3_with("900307", "751231")).expiry_date, "2075-12-31"); // today.year + 49
    EXPECT_EQ(parsed(td3_with("900307", "760101")).expiry_date, "1976-01-01"); // today.year − 50
    EXPECT_EQ(parsed(td3_with("900307", "050101"), CivilDate{2099, 6, 1}).expiry_date, "2105-01-01");
}

TEST(Mrz, SexUnspecifiedReadsAsXAndAnythingElseFails) {
    EXPECT_EQ(parsed(td3_with("900307", "310306", '<')).sex, "X");
    EXPECT_EQ(parsed(td3_with("900307", "310306", 'X')).sex, "X");
    MrzDocument odd = parsed(td3_with("900307", "310306", 'Q'));
    EXPECT_EQ(odd.sex, "");
    EXPECT_EQ(odd.failed_checks, (std::vector<std::string>{"sex_invalid"}));
}

TEST(Mrz, ExitEntryPermitToHongKongAndMacau) {
    // Line 1 is docs/specs/mrz.md §4.6's example; lines 2–3 are made up on the §4.5 layout.
    MrzDocument document = parsed({"CSC000000015<3001019<9003071<0", "<<<<<<<<<<<<WANG<<XIAOMING<<<<",
                                   "M<<<<<<<<<<<<<<<<<<<<<<<<<<<<<"});
    EXPECT_EQ(document.format, "CN_EEP_HKMO");
    EXPECT_EQ(document.document_code, "CS");
    EXPECT_EQ(document.issuing_state, "CHN");
    EXPECT_EQ(document.document_number, "C00000001");
    EXPECT_EQ(document.expiry_date, "2030-01-01");
    EXPECT_EQ(document.birth_date, "1990-03-07");
    EXPECT_EQ(document.surname, "WANG");
    EXPECT_EQ(document.given_names, "XIAOMING");
    EXPECT_EQ(document.sex, "M");
    EXPECT_TRUE(document.valid) << testing::PrintToString(document.failed_checks);

    Lines broken = {"CSC000000015<3001019<9003071<1", "<<<<<<<<<<<<WANG<<XIAOMING<<<<",
                    "M<<<<<<<<<<<<<<<<<<<<<<<<<<<<<"};
    EXPECT_EQ(parsed(broken).failed_checks, (std::vector<std::string>{"composite"}));
}

TEST(Mrz, MainlandTravelPermitsReadTheirCenturyLetter) {
    MrzDocument hk = parsed({"CRH1234567830133001019M9003071", "<<<<<<<<<<<<<<<<<<BA1234563<<0",
                             "CHAN<<TAI<MAN<<<<<<<<<<<<<<<<<"});
    EXPECT_EQ(hk.format, "CN_MTP_HKMO");
    EXPECT_EQ(hk.document_number, "H12345678");
    EXPECT_EQ(hk.optional_data_2, "01"); // issue count
    EXPECT_EQ(hk.expiry_date, "2030-01-01");
    EXPECT_EQ(hk.sex, "M");
    EXPECT_EQ(hk.birth_date, "1990-03-07");
    EXPECT_EQ(hk.optional_data, "A1234563"); // HK identity card number
    EXPECT_EQ(hk.surname, "CHAN");
    EXPECT_EQ(hk.given_names, "TAI MAN");
    EXPECT_TRUE(hk.valid) << testing::PrintToString(hk.failed_checks);

    MrzDocument tw = parsed({"CT12345678<80392806158F8502201", "<<<<<<<<<<<<<<<<<<BA1234567899",
                             "LIN<<MEI<HUA<<<<<<<<<<<<<<<<<<"});
    EXPECT_EQ(tw.format, "CN_MTP_TW");
    EXPECT_EQ(tw.document_number, "12345678");
    EXPECT_EQ(tw.optional_data, "A123456789");
    EXPECT_EQ(tw.birth_date, "1985-02-20");
    EXPECT_TRUE(tw.valid) << testing::PrintToString(tw.failed_checks);

    // A = 18xx even where the 7-3-1 rule alone would say 1999; any other letter is 20xx.
    EXPECT_EQ(parsed({"CRH0000000100262701013M9912315", "<<<<<<<<<<<<<<<<<<AA0000001<<5",
                      "WONG<<OLD<<<<<<<<<<<<<<<<<<<<<"})
                  .birth_date,
              "1899-12-31");
    EXPECT_EQ(parsed({"CRM8765432140003109306F1205101", "<<<<<<<<<<<<<<<<<<C12345678<<6",
                      "LEONG<<KA<WAI<<<<<<<<<<<<<<<<<"})
                  .birth_date,
              "2012-05-10");

    Lines broken_count = {"CRH1234567830143001019M9003071", "<<<<<<<<<<<<<<<<<<BA1234563<<0",
                          "CHAN<<TAI<MAN<<<<<<<<<<<<<<<<<"};
    EXPECT_EQ(parsed(broken_count).failed_checks, (std::vector<std::string>{"issue_count", "composite"}));
}

TEST(Mrz, NotAnMrzIsAnErrorWithoutPersonalData) {
    const Lines bad[] = {
        {kTd3Specimen[0]},
        {kTd3Specimen[0], kTd3Specimen[1], kTd3Specimen[1], kTd3Specimen[1]},
        {kTd3Specimen[0], kTd3Specimen[1].substr(0, 43)},
        {kTd3Specimen[0].substr(0, 30), kTd3Specimen[1].substr(0, 30)},
        {"P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<< ", kTd3Specimen[1]},
        {"p<utoeriksson<<anna<maria<<<<<<<<<<<<<<<<<<<", kTd3Specimen[1]},
        {"", ""},
        {},
    };
    for (const Lines& lines : bad) {
        auto document = parse_mrz(lines, kToday);
        ASSERT_FALSE(document.ok()) << testing::PrintToString(lines);
        EXPECT_EQ(document.error().code, ErrorCode::InvalidData);
        EXPECT_EQ(document.error().message.find('\n'), std::string::npos);
        EXPECT_EQ(document.error().message.find("ERIKSSON"), std::string::npos);
        EXPECT_EQ(document.error().message.find("eriksson"), std::string::npos);
    }
}

} // namespace
} // namespace kiosk::domain
