#include "services/ocr/OcrEngine.h"

#include "core/base/Worker.h"
#include "core/domain/OcrText.h"

#include <allheaders.h>
#include <chrono>
#include <filesystem>
#include <future>
#include <tesseract/baseapi.h>

namespace kiosk::ocr {

struct OcrEngine::State {
    OcrOptions options;
    tesseract::TessBaseAPI api;
    Worker worker{"ocr"}; // declared last: joined first, while the API still exists
};

namespace {

struct PixDeleter {
    void operator()(Pix* pix) const { pixDestroy(&pix); }
};
using PixPtr = std::unique_ptr<Pix, PixDeleter>;

// The page as an 8-bit grey Pix (luma for RGB: recognition needs no colour).
Result<PixPtr> to_pix(const drivers::ScannedPage& page) {
    if (page.width <= 0 || page.height <= 0 || (page.channels != 1 && page.channels != 3) ||
        page.pixels.size() != static_cast<size_t>(page.width) * page.height * page.channels)
        return make_error(ErrorCode::InvalidArgument,
                          "the page is not an 8-bit grey or RGB image of its size");
    PixPtr pix(pixCreate(page.width, page.height, 8));
    if (!pix)
        return make_error(ErrorCode::Internal, "pixCreate failed");
    pixSetResolution(pix.get(), page.dpi, page.dpi);
    const uint8_t* in = page.pixels.data();
    for (int y = 0; y < page.height; ++y) {
        l_uint32* line = pixGetData(pix.get()) + static_cast<ptrdiff_t>(y) * pixGetWpl(pix.get());
        for (int x = 0; x < page.width; ++x, in += page.channels) {
            int grey = page.channels == 1 ? in[0] : (in[0] * 299 + in[1] * 587 + in[2] * 114) / 1000;
            SET_DATA_BYTE(line, x, grey);
        }
    }
    return pix;
}

// Runs on the worker thread: the API is used from that thread only.
Result<OcrResult> run(tesseract::TessBaseAPI& api, const OcrOptions& options, Pix* source,
                      const std::vector<Region>& regions) {
    auto started = std::chrono::steady_clock::now();
    if (!source)
        return make_error(ErrorCode::InvalidArgument, "no image");
    int dpi = pixGetXRes(source) > 0 ? pixGetXRes(source) : 300;
    PixPtr converted;
    Pix* pix = source;
    if (pixGetDepth(pix) != 8) {
        converted.reset(pixConvertTo8(pix, 0));
        pix = converted.get();
    }
    float scale = 1.0f;
    if (options.max_dpi > 0 && dpi > options.max_dpi) {
        scale = static_cast<float>(options.max_dpi) / dpi;
        converted.reset(pixScale(pix, scale, scale));
        pix = converted.get();
        dpi = options.max_dpi;
    }
    if (!pix)
        return make_error(ErrorCode::InvalidData, "the image cannot be converted to grey");
    api.SetImage(pix);
    api.SetSourceResolution(dpi);

    OcrResult result;
    std::string raw;
    long confidence_sum = 0;
    auto recognise_current = [&]() -> Result<void> {
        if (api.Recognize(nullptr) != 0)
            return make_error(ErrorCode::Internal, "Tesseract could not recognise the page");
        std::unique_ptr<char[]> text(api.GetUTF8Text());
        if (text)
            raw += text.get();
        std::unique_ptr<int[]> confidences(api.AllWordConfidences());
        for (int i = 0; confidences && confidences[i] >= 0; ++i, ++result.words)
            confidence_sum += confidences[i];
        return {};
    };
    if (regions.empty()) {
        TRY(recognise_current());
    } else {
        for (const auto& region : regions) {
            api.SetRectangle(static_cast<int>(region.x * scale), static_cast<int>(region.y * scale),
                             static_cast<int>(region.width * scale), static_cast<int>(region.height * scale));
            TRY(recognise_current());
            raw += '\n';
        }
    }
    api.Clear();
    result.text = domain::normalize_ocr_text(raw);
    result.confidence = result.words ? static_cast<double>(confidence_sum) / result.words : 0;
    result.milliseconds =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
    return result;
}

} // namespace

OcrEngine::OcrEngine(std::unique_ptr<State> state) : m_state(std::move(state)) {}
OcrEngine::~OcrEngine() = default;

Result<std::unique_ptr<OcrEngine>> OcrEngine::create(const OcrOptions& options) {
    auto state = std::make_unique<State>();
    state->options = options;
    std::promise<Result<void>> loaded;
    state->worker.post([&] {
        const char* dir = options.tessdata_dir.empty() ? nullptr : options.tessdata_dir.c_str();
        if (state->api.Init(dir, options.languages.c_str(), tesseract::OEM_LSTM_ONLY) != 0) {
            loaded.set_value(make_error(ErrorCode::NotFound,
                                        "Tesseract language data '" + options.languages + "' not found"));
            return;
        }
        // Inverted-text retries cost a second pass on every weak line; scanned materials are dark
        // on light.
        state->api.SetVariable("tessedit_do_invert", "0");
        state->api.SetVariable("debug_file", "/dev/null"); // "Detected 33 diacritics" and the like
        state->api.SetPageSegMode(tesseract::PSM_AUTO);
        loaded.set_value(Result<void>());
    });
    TRY(loaded.get_future().get());
    return std::unique_ptr<OcrEngine>(new OcrEngine(std::move(state)));
}

void OcrEngine::recognise_async(drivers::ScannedPage page, std::vector<Region> regions, Callback callback) {
    m_state->worker.post(
        [this, page = std::move(page), regions = std::move(regions), callback = std::move(callback)] {
            auto pix = to_pix(page);
            if (!pix.ok())
                return callback(pix.release_error());
            callback(run(m_state->api, m_state->options, pix.value().get(), regions));
        });
}

Result<OcrResult> OcrEngine::recognise(const drivers::ScannedPage& page, const std::vector<Region>& regions) {
    auto pix = to_pix(page);
    if (!pix.ok())
        return pix.release_error();
    return recognise(pix.value().get(), regions);
}

Result<OcrResult> OcrEngine::recognise(Pix* pix, const std::vector<Region>& regions) {
    if (m_state->worker.on_worker_thread())
        return run(m_state->api, m_state->options, pix, regions);
    std::promise<Result<OcrResult>> done;
    m_state->worker.post([&] { done.set_value(run(m_state->api, m_state->options, pix, regions)); });
    return done.get_future().get();
}

Result<drivers::ScannedPage> load_page_image(const std::string& path, int dpi) {
    if (!std::filesystem::is_regular_file(path))
        return make_error(ErrorCode::NotFound, "no file '" + path + "'");
    l_int32 severity = setMsgSeverity(L_SEVERITY_NONE); // our error says it; Leptonica's lines repeat it
    PixPtr pix(pixRead(path.c_str()));
    setMsgSeverity(severity);
    if (!pix)
        return make_error(ErrorCode::InvalidData, "'" + path + "' is not an image Leptonica can read");
    PixPtr grey(pixConvertTo8(pix.get(), 0));
    if (!grey)
        return make_error(ErrorCode::InvalidData, "'" + path + "' cannot be converted to grey");
    drivers::ScannedPage page;
    page.width = pixGetWidth(grey.get());
    page.height = pixGetHeight(grey.get());
    page.channels = 1;
    page.dpi = pixGetXRes(pix.get()) > 0 ? pixGetXRes(pix.get()) : dpi;
    page.pixels.resize(static_cast<size_t>(page.width) * page.height);
    for (int y = 0; y < page.height; ++y) {
        const l_uint32* line = pixGetData(grey.get()) + static_cast<ptrdiff_t>(y) * pixGetWpl(grey.get());
        for (int x = 0; x < page.width; ++x)
            page.pixels[static_cast<size_t>(y) * page.width + x] = GET_DATA_BYTE(line, x);
    }
    return page;
}

} // namespace kiosk::ocr
