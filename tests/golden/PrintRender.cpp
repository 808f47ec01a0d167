// print_render TEMPLATE DATA OUT.pdf: renders one template with its sample data, for check-print.sh
// (kiosk-devctl print render is the staff-facing command; this keeps the goldens independent of it).

#include "core/documents/RenderPdf.h"

#include <cstdio>
#include <fstream>
#include <sstream>

int main(int argc, char** argv) {
    if (argc != 4) {
        std::fprintf(stderr, "usage: print_render TEMPLATE.json DATA.json OUT.pdf\n");
        return 2;
    }
    auto document = kiosk::print::Template::load(argv[1]);
    if (!document.ok()) {
        std::fprintf(stderr, "%s\n", document.error().describe().c_str());
        return 1;
    }
    std::ifstream in(argv[2]);
    std::stringstream text;
    text << in.rdbuf();
    auto data = nlohmann::json::parse(text.str(), nullptr, false);
    if (!in || data.is_discarded()) {
        std::fprintf(stderr, "%s: not readable JSON\n", argv[2]);
        return 1;
    }
    kiosk::print::RenderInfo info;
    auto pdf = kiosk::print::render_pdf(document.value(), data, &info);
    if (!pdf.ok()) {
        std::fprintf(stderr, "%s\n", pdf.error().describe().c_str());
        return 1;
    }
    auto written = kiosk::print::write_file_atomically(argv[3], pdf.value());
    if (!written.ok()) {
        std::fprintf(stderr, "%s\n", written.error().describe().c_str());
        return 1;
    }
    std::printf("%s: %d page(s), %.0f x %.0f mm, %zu bytes\n", argv[3], info.pages, info.width_mm,
                info.height_mm, pdf->size());
    return 0;
}
