#include "services/scan/PageEncoder.h"

#include "services/scan/PixImage.h"

#include <cairo-pdf.h>
#include <cairo.h>
#include <cstdlib>
#include <cstring>

namespace kiosk::scan {

namespace {

Result<std::vector<uint8_t>> jpeg_of(PIX* pix, int quality) {
    l_uint8* data = nullptr;
    size_t size = 0;
    if (pixWriteMemJpeg(&data, &size, pix, quality, 0) != 0 || !data)
        return make_error(ErrorCode::Internal, "JPEG encoding failed");
    std::vector<uint8_t> bytes(data, data + size);
    lept_free(data);
    return bytes;
}

cairo_status_t append(void* closure, const unsigned char* data, unsigned int length) {
    auto* out = static_cast<std::vector<uint8_t>*>(closure);
    out->insert(out->end(), data, data + length);
    return CAIRO_STATUS_SUCCESS;
}

} // namespace

Result<EncodedPage> encode_jpeg(const drivers::ScannedPage& page, const EncodeOptions& options) {
    PixPtr pix = to_pix(page);
    if (!pix)
        return make_error(ErrorCode::InvalidData, "the page is empty");
    EncodedPage best;
    auto attempt = [&](PIX* image, int dpi) -> Result<bool> {
        for (int quality = options.first_quality; quality >= options.lowest_quality; quality -= 10) {
            auto bytes = TRY(jpeg_of(image, quality));
            bool fits = bytes.size() <= options.budget_bytes;
            if (fits || best.jpeg.empty() || bytes.size() < best.jpeg.size()) {
                best = EncodedPage{std::move(bytes),
                                   static_cast<int>(pixGetWidth(image)),
                                   static_cast<int>(pixGetHeight(image)),
                                   dpi,
                                   quality,
                                   fits};
            }
            if (fits)
                return true;
        }
        return false;
    };
    if (TRY(attempt(pix.get(), page.dpi)))
        return best;
    if (page.dpi > options.fallback_dpi) {
        float factor = static_cast<float>(options.fallback_dpi) / static_cast<float>(page.dpi);
        PixPtr smaller(pixScale(pix.get(), factor, factor));
        if (!smaller)
            return make_error(ErrorCode::Internal, "cannot scale the page down");
        pixSetResolution(smaller.get(), options.fallback_dpi, options.fallback_dpi);
        TRY(attempt(smaller.get(), options.fallback_dpi));
    }
    return best; // within_budget says whether it fits
}

Result<std::vector<uint8_t>> encode_png(const drivers::ScannedPage& page) {
    PixPtr pix = to_pix(page);
    if (!pix)
        return make_error(ErrorCode::InvalidData, "the page is empty");
    l_uint8* data = nullptr;
    size_t size = 0;
    if (pixWriteMemPng(&data, &size, pix.get(), 0.0f) != 0 || !data)
        return make_error(ErrorCode::Internal, "PNG encoding failed");
    std::vector<uint8_t> bytes(data, data + size);
    lept_free(data);
    return bytes;
}

Result<std::vector<uint8_t>> pdf_from_jpegs(const std::vector<EncodedPage>& pages, const std::string& title) {
    if (pages.empty())
        return make_error(ErrorCode::InvalidArgument, "a PDF needs at least one page");
    std::vector<uint8_t> pdf;
    cairo_surface_t* surface = cairo_pdf_surface_create_for_stream(append, &pdf, 595, 842);
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, title.c_str());
    cairo_t* cr = cairo_create(surface);
    for (const auto& page : pages) {
        double scale = 72.0 / page.dpi;
        cairo_pdf_surface_set_size(surface, page.width * scale, page.height * scale);
        // The image surface is only a frame for the JPEG: PDF output embeds the mime data instead.
        cairo_surface_t* image = cairo_image_surface_create(CAIRO_FORMAT_RGB24, page.width, page.height);
        auto* copy = static_cast<unsigned char*>(std::malloc(page.jpeg.size()));
        std::memcpy(copy, page.jpeg.data(), page.jpeg.size());
        cairo_surface_set_mime_data(image, CAIRO_MIME_TYPE_JPEG, copy, page.jpeg.size(), std::free, copy);
        cairo_save(cr);
        cairo_scale(cr, scale, scale);
        cairo_set_source_surface(cr, image, 0, 0);
        cairo_paint(cr);
        cairo_restore(cr);
        cairo_show_page(cr);
        cairo_surface_destroy(image);
    }
    cairo_destroy(cr);
    cairo_surface_finish(surface);
    cairo_status_t status = cairo_surface_status(surface);
    cairo_surface_destroy(surface);
    if (status != CAIRO_STATUS_SUCCESS)
        return make_error(ErrorCode::Internal,
                          std::string("PDF output failed: ") + cairo_status_to_string(status));
    return pdf;
}

} // namespace kiosk::scan
