// OCR repair of machine-readable zones: the specimens with the confusions an OCR-B reader makes (O for
// 0, 1 for I, '<' read as K, a digit of the document number) are fixed and reported by field and
// position; what cannot be decided (a one-letter name, two swaps that both satisfy the check digit) is
// left alone; a clean MRZ is not touched.

#include "core/domain/Mrz.h"

#include <gtest/gtest.h>

#include <regex>

namespace kiosk::domain {
namespace {

constexpr CivilDate kToday{2026, 11, 25};

using Lines = std::vector<std::string>;
using Strings = std::vector<std::string>;

const Lines kSpecimen = {"P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<",
                         "L898902C36UTO7408122F1204159ZE184226B<<<<<10"};
const Lines kWang = {"P<UTOWANG<<XIAO<MING<<<<<<<<<<<<<<<<<<<<<<<<",
                     "EZ00000014UTO9003071M3103061<<<<<<<<<<<<<<<2"};

Lines with(Lines lines, size_t line, size_t position, char c) {
    lines[line][position] = c;
    return lines;
}

MrzDocument corrected(const Lines& lines) {
    auto document = parse_mrz(lines, kToday, MrzOptions{.correct_ocr = true});
    EXPECT_TRUE(document.ok()) << document.error().describe();
    if (!document.ok())
        return {};
    // A correction names a field and a position, never the characters of personal data.
    static const std::regex kShape("[a-z_0-9]+ line [1-3] position [0-9]+: (digit read as letter|letter "
                                   "read as digit|filler read as K/X|confusable character)");
    for (const std::string& correction : document->corrections)
        EXPECT_TRUE(std::regex_match(correction, kShape)) << correction;
    return document.value();
}

TEST(MrzCorrection, LetterOInABirthDateIsAZero) {
    const Lines read = with(kSpecimen, 1, 15, 'O');
    EXPECT_FALSE(parse_mrz(read, kToday)->valid) << "uncorrected, the date and its check fail";

    MrzDocument document = corrected(read);
    EXPECT_EQ(document.birth_date, "1974-08-12");
    EXPECT_TRUE(document.valid) << testing::PrintToString(document.failed_checks);
    EXPECT_EQ(document.corrections, (Strings{"birth_date line 2 position 16: digit read as letter"}));
}

TEST(MrzCorrection, FillerReadAsKIsAFillerEvenWhereCheckDigitsCannotTell) {
    // K = 20 weighs 0 mod 10 like '<': the check digits pass either way, only the layout tells.
    const Lines read = with(with(kSpecimen, 0, 30, 'K'), 1, 39, 'K');
    MrzDocument plain = parse_mrz(read, kToday).value();
    EXPECT_TRUE(plain.valid);
    EXPECT_EQ(plain.given_names, "ANNA MARIA K");

    MrzDocument document = corrected(read);
    EXPECT_EQ(document.given_names, "ANNA MARIA");
    EXPECT_EQ(document.optional_data, "ZE184226B");
    EXPECT_EQ(document.corrections, (Strings{"name line 1 position 31: filler read as K/X",
                                             "optional_data line 2 position 40: filler read as K/X"}));
}

TEST(MrzCorrection, RunsOfKAndXAfterTheNameAreAllFillers) {
    MrzDocument document = corrected(
        {"P<UTOWANG<<XIAO<MING<<<KK<<<<X<<<<<<<<<<<<<<", "EZ00000014UTO9003071M3103061<<<<<<<<<<<<<<<2"});
    EXPECT_EQ(document.given_names, "XIAO MING");
    EXPECT_EQ(document.corrections.size(), 3u);
    EXPECT_TRUE(document.valid);
}

TEST(MrzCorrection, OneLetterGivenNameIsNotTakenForAFiller) {
    const Lines lines = {"P<UTOWANG<<K<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<", kWang[1]};
    MrzDocument document = corrected(lines);
    EXPECT_EQ(document.given_names, "K");
    EXPECT_TRUE(document.corrections.empty());
}

TEST(MrzCorrection, DigitOneInANameIsTheLetterI) {
    MrzDocument document = corrected(with(kSpecimen, 0, 23, '1'));
    EXPECT_EQ(document.given_names, "ANNA MARIA");
    EXPECT_EQ(document.corrections, (Strings{"name line 1 position 24: letter read as digit"}));
}

TEST(MrzCorrection, DigitsInStateCodesAreLetters) {
    MrzDocument document = corrected(with(with(kWang, 0, 4, '0'), 1, 11, '7'));
    EXPECT_EQ(document.issuing_state, "UTO");
    EXPECT_EQ(document.nationality, "U7O") << "7 is no lookalike of T: left for a person to read";
    EXPECT_EQ(document.corrections, (Strings{"issuing_state line 1 position 5: letter read as digit"}));
}

TEST(MrzCorrection, DocumentNumberConfusionIsFixedWhenOneSwapSatisfiesTheCheckDigit) {
    const Lines read = with(kSpecimen, 1, 5, 'O'); // L8989O2C3
    EXPECT_EQ(parse_mrz(read, kToday)->failed_checks, (Strings{"document_number", "composite"}));

    MrzDocument document = corrected(read);
    EXPECT_EQ(document.document_number, "L898902C3");
    EXPECT_TRUE(document.valid);
    EXPECT_EQ(document.corrections, (Strings{"document_number line 2 position 6: confusable character"}));
}

TEST(MrzCorrection, AmbiguousDocumentNumberIsNotGuessed) {
    // EZO000001: O→0 at position 3 and 0→Q at position 6 both satisfy the check digit (and the
    // composite, which weighs the number alike); the corrector must refuse to pick one.
    MrzDocument document = corrected(with(kWang, 1, 2, 'O'));
    EXPECT_EQ(document.document_number, "EZO000001");
    EXPECT_EQ(document.failed_checks, (Strings{"document_number", "composite"}));
    EXPECT_TRUE(document.corrections.empty());
}

TEST(MrzCorrection, MisreadCheckDigitIsNotCompensatedInTheNumber) {
    MrzDocument document = corrected(with(kSpecimen, 1, 9, '5'));
    EXPECT_EQ(document.document_number, "L898902C3");
    EXPECT_EQ(document.failed_checks, (Strings{"document_number", "composite"}));
    EXPECT_TRUE(document.corrections.empty());
}

TEST(MrzCorrection, CheckDigitsReadAsLettersOrFillersAreRepaired) {
    MrzDocument document = corrected(with(with(kWang, 1, 43, 'Z'), 1, 42, 'K'));
    EXPECT_TRUE(document.valid) << testing::PrintToString(document.failed_checks);
    EXPECT_EQ(document.corrections, (Strings{"optional_data_check line 2 position 43: filler read as K/X",
                                             "composite line 2 position 44: digit read as letter"}));
}

TEST(MrzCorrection, DocumentCodeIsRepairedFirstBecauseItPicksTheFormat) {
    const Lines read = {"C5C000000015<3001019<9003071<0", "<<<<<<<<<<<<WANG<<XIAOMING<<<<",
                        "M<<<<<<<<<<<<<<<<<<<<<<<<<<<<<"};
    EXPECT_EQ(parse_mrz(read, kToday)->format, "TD1");

    MrzDocument document = corrected(read);
    EXPECT_EQ(document.format, "CN_EEP_HKMO");
    EXPECT_TRUE(document.valid) << testing::PrintToString(document.failed_checks);
    EXPECT_EQ(document.corrections, (Strings{"document_code line 1 position 2: letter read as digit"}));
}

TEST(MrzCorrection, CleanZonesAreNotTouched) {
    const Lines clean[] = {
        kSpecimen,
        kWang,
        {"I<UTOD231458907<<<<<<<<<<<<<<<", "7408122F1204159UTO<<<<<<<<<<<6",
         "ERIKSSON<<ANNA<MARIA<<<<<<<<<<"},
        {"I<UTOD23145890<1233<<<<<<<<<<<", "7408122F1204159UTO<<<<<<<<<<<2",
         "ERIKSSON<<ANNA<MARIA<<<<<<<<<<"},
        {"I<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<", "D231458907UTO7408122F1204159<<<<<<<6"},
        {"V<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<", "L8988901C4XXX4009078F96121096ZE184226B<<<<<<"},
        {"V<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<", "L8988901C4XXX4009078F9612109<<<<<<<<"},
        {"POCHNZHANG<<SAN<<<<<<<<<<<<<<<<<<<<<<<<<<<<<", "EZ12345671CHN8808084F3301018<<<<<<<<<<<<<<<8"},
        {"CRH1234567830133001019M9003071", "<<<<<<<<<<<<<<<<<<BA1234563<<0",
         "CHAN<<TAI<MAN<<<<<<<<<<<<<<<<<"},
        {"CT12345678<80392806158F8502201", "<<<<<<<<<<<<<<<<<<BA1234567899",
         "LIN<<MEI<HUA<<<<<<<<<<<<<<<<<<"},
    };
    for (const Lines& lines : clean) {
        Lines copy = lines;
        EXPECT_TRUE(correct_mrz_ocr(copy).empty()) << lines[0];
        EXPECT_EQ(copy, lines);
        MrzDocument document = corrected(lines);
        EXPECT_TRUE(document.valid) << lines[0];
        EXPECT_TRUE(document.corrections.empty()) << lines[0];
    }
}

TEST(MrzCorrection, NotAnMrzIsLeftAsItIs) {
    Lines lines = {"P<UTO0RIKSSON", "L8989O2C36"};
    EXPECT_TRUE(correct_mrz_ocr(lines).empty());
    EXPECT_EQ(lines, (Lines{"P<UTO0RIKSSON", "L8989O2C36"}));
}

} // namespace
} // namespace kiosk::domain
