#include "services/mrz/MrzReader.h"

#include "services/mrz/MrzBand.h"

#include <leptonica/allheaders.h>
#include <tesseract/baseapi.h>

#include <algorithm>
#include <optional>
#include <utility>

namespace kiosk::services {
namespace {

constexpr const char* kLettersAndDigits = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

struct PixDeleter {
    void operator()(Pix* pix) const { pixDestroy(&pix); }
};
using PixPtr = std::unique_ptr<Pix, PixDeleter>;

std::string letters_and_digits(const char* text) {
    std::string out;
    for (const char* c = text; c && *c; ++c)
        if ((*c >= 'A' && *c <= 'Z') || (*c >= '0' && *c <= '9'))
            out += *c;
    return out;
}

} // namespace

struct MrzReader::Engine {
    tesseract::TessBaseAPI api;
    MrzReaderOptions options;

    // Reads glyphs [first, last] of a line as one run cut out of the page with a white margin.
    // Returns the characters and whether Tesseract was sure of them; an empty string when it read a
    // different number of characters than there are glyphs.
    std::pair<std::string, bool> read_run(Pix* gray, const MrzBandLine& line, size_t first, size_t last,
                                          float scale) {
        int top = line[first].y, bottom = line[first].y + line[first].height;
        for (size_t i = first; i <= last; ++i) {
            top = std::min(top, line[i].y);
            bottom = std::max(bottom, line[i].y + line[i].height);
        }
        size_t count = last - first + 1;
        int left = line[first].x, width = line[last].x + line[last].width - left;
        int height = bottom - top, margin = height / 2, gap = height * 2 / 3;
        // Tesseract's line model reads one or two lone glyphs badly ("P" as "5"): short runs are
        // repeated three times on the line and each position is decided by a vote.
        int copies = count <= 2 ? 3 : 1;
        PixPtr run(pixCreate(copies * width + (copies - 1) * gap + 2 * margin, height + 2 * margin, 8));
        pixSetAll(run.get());
        for (int copy = 0; copy < copies; ++copy)
            pixRasterop(run.get(), margin + copy * (width + gap), margin, width, height, PIX_SRC, gray, left,
                        top);
        if (height < 40)
            scale *= 2.0f; // the LSTM model reads best with letters ~30–40 px tall
        if (scale != 1.0f)
            run.reset(pixScaleGrayLI(run.get(), scale, scale));
        api.SetPageSegMode(tesseract::PSM_SINGLE_LINE);
        api.SetImage(run.get());
        char* raw = api.GetUTF8Text();
        std::string text = letters_and_digits(raw);
        delete[] raw;
        bool sure = api.MeanTextConf() >= options.min_confidence;
        api.Clear();
        if (text.size() != count * copies)
            return {"", false};
        std::string voted;
        for (size_t i = 0; i < count; ++i) {
            std::string votes;
            for (int copy = 0; copy < copies; ++copy)
                votes += text[copy * count + i];
            char winner = votes[0];
            int most = 0;
            for (char candidate : votes) {
                int n = static_cast<int>(std::count(votes.begin(), votes.end(), candidate));
                if (n > most) {
                    most = n;
                    winner = candidate;
                }
            }
            if (2 * most <= copies)
                return {"", false};
            sure = sure && most == copies;
            voted += winner;
        }
        return {voted, sure};
    }

    // Every position of the line, or an empty string when one cannot be read.
    // `glyph_by_glyph_below`: runs shorter than this are read one glyph at a time (a second opinion
    // on short runs, where the line model guesses most).
    std::pair<std::string, bool> read_line(Pix* gray, const MrzBandLine& line, float scale,
                                           size_t glyph_by_glyph_below = 0) {
        std::string out;
        bool clear = true;
        for (size_t i = 0; i < line.size();) {
            if (line[i].filler) {
                out += '<';
                ++i;
                continue;
            }
            size_t last = i;
            while (last + 1 < line.size() && !line[last + 1].filler)
                ++last;
            auto [text, sure] = last - i + 1 < glyph_by_glyph_below ? std::pair<std::string, bool>{"", true}
                                                                    : read_run(gray, line, i, last, scale);
            if (text.size() != last - i + 1) {
                // Tesseract merged or split glyphs (or a second opinion is wanted): one by one.
                clear = clear && last - i + 1 < glyph_by_glyph_below;
                text.clear();
                for (size_t j = i; j <= last; ++j) {
                    auto [one, one_sure] = read_run(gray, line, j, j, scale);
                    if (one.size() != 1)
                        return {"", false};
                    clear = clear && one_sure;
                    text += one;
                }
            }
            clear = clear && sure;
            out += text;
            i = last + 1;
        }
        return {out, clear};
    }

    Result<MrzReading> read_page(Pix* page, domain::CivilDate today) {
        // Scans come in up to a few degrees askew; the band search needs level rows.
        l_float32 angle = 0, confidence = 0;
        PixPtr gray(pixFindSkewAndDeskew(page, 2, &angle, &confidence));
        if (!gray)
            return make_error(ErrorCode::InvalidData, "cannot deskew the page");
        Pix* binary_raw = nullptr;
        if (pixOtsuAdaptiveThreshold(gray.get(), 4000, 4000, 0, 0, 0.0f, nullptr, &binary_raw) != 0 ||
            !binary_raw)
            return make_error(ErrorCode::InvalidData, "cannot binarise the page");
        PixPtr binary(binary_raw);
        auto band = TRY(find_mrz_band(binary.get()));
        // Two readings of differently prepared images: where they agree the characters are taken as read;
        // where they differ, only a choice that makes every check digit pass, and the same document
        // whichever such choice is made, is accepted (a name has no check digit to decide it).
        // The second reading is of the page through a 3 × 3 median filter: scanner noise gone, edges kept.
        PixPtr smooth(pixMedianFilter(gray.get(), 3, 3));
        if (!smooth)
            return make_error(ErrorCode::Internal, "median filter failed");
        std::vector<std::string> first, second;
        bool clear = true;
        for (const auto& line : band) {
            auto [a, sure_a] = read_line(gray.get(), line, 1.0f);
            auto [b, sure_b] = read_line(smooth.get(), line, 1.0f, 4);
            if (a.empty() && b.empty())
                return make_error(ErrorCode::InvalidData, "MRZ unreadable: a character could not be read");
            clear = clear && sure_a && sure_b && a == b;
            first.push_back(a.empty() ? b : a);
            second.push_back(b.empty() ? a : b);
        }
        return decide(first, second, clear, today);
    }

    static bool same_document(const domain::MrzDocument& a, const domain::MrzDocument& b) {
        return a.format == b.format && a.document_code == b.document_code &&
               a.issuing_state == b.issuing_state && a.surname == b.surname &&
               a.given_names == b.given_names && a.document_number == b.document_number &&
               a.nationality == b.nationality && a.birth_date == b.birth_date && a.sex == b.sex &&
               a.expiry_date == b.expiry_date && a.optional_data == b.optional_data &&
               a.optional_data_2 == b.optional_data_2;
    }

    Result<MrzReading> decide(const std::vector<std::string>& first, const std::vector<std::string>& second,
                              bool clear, domain::CivilDate today) {
        std::vector<std::pair<size_t, size_t>> differing; // (line, position)
        for (size_t line = 0; line < first.size(); ++line)
            for (size_t at = 0; at < first[line].size(); ++at)
                if (first[line][at] != second[line][at])
                    differing.emplace_back(line, at);
        if (differing.size() > 6)
            return make_error(ErrorCode::InvalidData, "MRZ unreadable: the readings disagree too much");
        std::optional<MrzReading> chosen;
        for (size_t mask = 0; mask < (size_t{1} << differing.size()); ++mask) {
            MrzReading candidate{first, {}};
            for (size_t i = 0; i < differing.size(); ++i)
                if (mask & (size_t{1} << i))
                    candidate.lines[differing[i].first][differing[i].second] =
                        second[differing[i].first][differing[i].second];
            auto document = domain::parse_mrz(candidate.lines, today, {.correct_ocr = true});
            if (!document)
                return make_error(ErrorCode::InvalidData, "MRZ unreadable: " + document.error().message);
            if (!document->valid && !(clear && differing.empty()))
                continue;
            if (chosen && !same_document(chosen->document, document.value()))
                return make_error(ErrorCode::InvalidData,
                                  "MRZ unreadable: the readings allow different documents");
            if (!chosen) {
                candidate.document = document.release_value();
                chosen = std::move(candidate);
            }
        }
        if (!chosen)
            return make_error(ErrorCode::InvalidData, "MRZ unreadable: check digits fail on an unclear read");
        return std::move(*chosen);
    }
};

MrzReader::MrzReader(std::unique_ptr<Engine> engine) : m_engine(std::move(engine)) {}
MrzReader::~MrzReader() = default;

Result<std::unique_ptr<MrzReader>> MrzReader::create(MrzReaderOptions options) {
    // Our errors say what failed; Leptonica's own lines ("Info in pixReadStreamPng", "Error in
    // pixRead") would land on a CLI's stderr beside them.
    setMsgSeverity(L_SEVERITY_NONE);
    auto engine = std::make_unique<Engine>();
    engine->options = options;
    // Dictionaries only hurt on document numbers and names; they can be switched off at Init only.
    std::vector<std::string> names = {"load_system_dawg", "load_freq_dawg"};
    std::vector<std::string> values = {"0", "0"};
    const char* dir = options.tessdata_dir.empty() ? nullptr : options.tessdata_dir.c_str();
    if (engine->api.Init(dir, options.language.c_str(), tesseract::OEM_LSTM_ONLY, nullptr, 0, &names, &values,
                         false) != 0)
        return make_error(ErrorCode::NotFound, "Tesseract has no '" + options.language + "' traineddata");
    engine->api.SetVariable("tessedit_char_whitelist", kLettersAndDigits);
    engine->api.SetVariable("user_defined_dpi", "300");
    return std::unique_ptr<MrzReader>(new MrzReader(std::move(engine)));
}

Result<MrzReading> MrzReader::read_file(const std::string& path, domain::CivilDate today) {
    PixPtr page(pixRead(path.c_str()));
    if (!page)
        return make_error(ErrorCode::NotFound, "cannot read image " + path);
    PixPtr gray(pixConvertTo8(page.get(), 0));
    if (!gray)
        return make_error(ErrorCode::InvalidData, "unsupported image format: " + path);
    return m_engine->read_page(gray.get(), today);
}

Result<MrzReading> MrzReader::read(const unsigned char* gray, int width, int height,
                                   domain::CivilDate today) {
    if (!gray || width <= 0 || height <= 0)
        return make_error(ErrorCode::InvalidArgument, "an empty image");
    PixPtr page(pixCreate(width, height, 8));
    l_uint32* data = pixGetData(page.get());
    int words_per_line = pixGetWpl(page.get());
    for (int y = 0; y < height; ++y)
        for (int x = 0; x < width; ++x)
            SET_DATA_BYTE(data + static_cast<ptrdiff_t>(y) * words_per_line, x,
                          gray[static_cast<size_t>(y) * width + x]);
    return m_engine->read_page(page.get(), today);
}

} // namespace kiosk::services
