#include "core/documents/RenderPdf.h"

#include "core/documents/Layout.h"

#include <cairo-pdf.h>
#include <pango/pangocairo.h>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <memory>
#include <unistd.h>

namespace kiosk::print {

using namespace detail;

namespace {

constexpr double kA4HeightMm = 297;
constexpr double kMaxReceiptMm = 2000; // two metres of paper is a runaway template, not a receipt

struct Placed {
    const Unit* unit;
    double y;
};
using PageContent = std::vector<Placed>;

// Stacks units on A4 pages: a unit that does not fit starts a new page, a table row that starts a page
// brings its header along, and a keep-with-next unit moves with what follows it.
Result<std::vector<PageContent>> paginate(const std::vector<Unit>& units, const Template& document) {
    const Margins& margins = document.page().margins;
    double top = mm(margins.top_mm), bottom = mm(kA4HeightMm - margins.bottom_mm);
    std::vector<PageContent> pages(1);
    double y = top;
    for (size_t i = 0; i < units.size(); ++i) {
        const Unit& unit = units[i];
        if (unit.page_break) {
            if (!pages.back().empty())
                pages.emplace_back(), y = top;
            continue;
        }
        if (unit.height > bottom - top)
            return make_error(ErrorCode::InvalidData,
                              document.origin() + ": " + unit.where + ": taller than a page (" +
                                  std::to_string(static_cast<int>(unit.height / kPointsPerMm)) + " mm)");
        double needed = unit.height;
        for (size_t next = i; next + 1 < units.size() && units[next].keep_with_next; ++next)
            needed += units[next + 1].height;
        needed = std::min(needed, bottom - top);
        if (y + needed > bottom + 0.01 && !pages.back().empty()) {
            pages.emplace_back();
            y = top;
            if (unit.repeat_header) {
                pages.back().push_back({unit.repeat_header.get(), y});
                y += unit.repeat_header->height;
            }
        }
        pages.back().push_back({&unit, y});
        y += unit.height;
    }
    return pages;
}

cairo_status_t append(void* closure, const unsigned char* data, unsigned int length) {
    auto* bytes = static_cast<std::vector<uint8_t>*>(closure);
    bytes->insert(bytes->end(), data, data + length);
    return CAIRO_STATUS_SUCCESS;
}

// A Pango context at 72 dpi on the calling thread's font map, with hinting off: measured widths are
// exactly the ones the PDF gets.
std::shared_ptr<PangoContext> make_context() {
    PangoFontMap* font_map = pango_cairo_font_map_get_default();
    std::shared_ptr<PangoContext> context(pango_font_map_create_context(font_map), g_object_unref);
    pango_cairo_context_set_resolution(context.get(), 72);
    cairo_font_options_t* options = cairo_font_options_create();
    cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_NONE);
    cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF);
    pango_cairo_context_set_font_options(context.get(), options);
    cairo_font_options_destroy(options);
    // Han characters take their Simplified Chinese forms whatever the font's default locale is.
    pango_context_set_language(context.get(), pango_language_from_string("zh-cn"));
    return context;
}

} // namespace

Result<std::vector<uint8_t>> render_pdf(const Template& document, const nlohmann::json& data,
                                        RenderInfo* info) {
    auto context = make_context();
    auto units = TRY(lay_out(document, data, context.get()));
    auto watermark = TRY(lay_out_watermark(document, data, context.get()));

    const Page& page = document.page();
    double width = mm(page.width_mm()), height = 0;
    std::vector<PageContent> pages;
    if (page.size == PageSize::A4) {
        height = mm(kA4HeightMm);
        pages = TRY(paginate(units, document));
    } else {
        double y = mm(page.margins.top_mm);
        pages.emplace_back();
        for (const auto& unit : units) {
            pages.back().push_back({&unit, y});
            y += unit.height;
        }
        height = y + mm(page.margins.bottom_mm);
        if (height > mm(kMaxReceiptMm))
            return make_error(ErrorCode::InvalidData,
                              document.origin() + ": the receipt would be longer than " +
                                  std::to_string(static_cast<int>(kMaxReceiptMm)) + " mm");
    }

    std::vector<uint8_t> bytes;
    cairo_surface_t* surface = cairo_pdf_surface_create_for_stream(append, &bytes, width, height);
    // An empty creation date leaves it out (cairo ≥ 1.16): the same input gives the same bytes.
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATE_DATE, "");
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, document.title().c_str());
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "OneWindow kiosk");
    cairo_t* cr = cairo_create(surface);
    for (const auto& content : pages) {
        if (watermark)
            watermark(cr, width, height);
        cairo_set_source_rgb(cr, 0, 0, 0);
        for (const auto& placed : content) {
            cairo_save(cr);
            cairo_new_path(cr);
            placed.unit->paint(cr, placed.y);
            cairo_restore(cr);
        }
        cairo_show_page(cr);
    }
    cairo_status_t status = cairo_status(cr);
    cairo_destroy(cr);
    cairo_surface_finish(surface);
    if (status == CAIRO_STATUS_SUCCESS)
        status = cairo_surface_status(surface);
    cairo_surface_destroy(surface);
    if (status != CAIRO_STATUS_SUCCESS)
        return make_error(ErrorCode::Internal,
                          document.origin() + ": cairo failed: " + cairo_status_to_string(status));
    if (info)
        *info = RenderInfo{static_cast<int>(pages.size()), page.width_mm(), height / kPointsPerMm};
    return bytes;
}

Result<void> write_file_atomically(const std::string& path, const std::vector<uint8_t>& bytes) {
    std::string temporary = path + ".tmp-XXXXXX";
    int fd = mkstemp(temporary.data());
    if (fd < 0)
        return make_error(ErrorCode::Io, path + ": cannot create a temporary file: " + std::strerror(errno));
    auto fail = [&](const char* what) {
        int saved = errno;
        close(fd);
        unlink(temporary.c_str());
        return make_error(ErrorCode::Io, path + ": " + what + ": " + std::strerror(saved));
    };
    for (size_t written = 0; written < bytes.size();) {
        ssize_t n = write(fd, bytes.data() + written, bytes.size() - written);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            return fail("write");
        written += static_cast<size_t>(n);
    }
    // mkstemp made it 0600, which suits a document with personal data on it.
    if (fsync(fd) != 0)
        return fail("fsync");
    if (close(fd) != 0) {
        unlink(temporary.c_str());
        return make_error(ErrorCode::Io, path + ": close: " + std::strerror(errno));
    }
    if (rename(temporary.c_str(), path.c_str()) != 0) {
        int saved = errno;
        unlink(temporary.c_str());
        return make_error(ErrorCode::Io, path + ": rename: " + std::strerror(saved));
    }
    return {};
}

} // namespace kiosk::print
