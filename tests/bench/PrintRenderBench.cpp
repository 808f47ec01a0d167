// The 80 mm acceptance receipt (data/templates/receipt.json + its sample) rendered to PDF N times on
// one thread: the first render pays for fontconfig and font loading, the next ones hit the thread's
// warm Pango font map. Prints figures; asserts nothing (STYLE: speed is measured, not asserted). The
// target is a warm p95 of 50 ms, so a receipt is on its way to the printer before the citizen has
// turned from the screen.
//
//   print_bench [RENDERS]     (scripts/bench-print builds and runs it)

#include "core/documents/RenderPdf.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <sstream>

using namespace kiosk;
using Clock = std::chrono::steady_clock;

namespace {

double percentile(std::vector<double> values, double p) {
    std::sort(values.begin(), values.end());
    size_t index = std::min(values.size() - 1, static_cast<size_t>(p * (values.size() - 1) + 0.5));
    return values[index];
}

double ms_since(Clock::time_point start) {
    return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

struct Figures {
    double first_ms = 0, p50 = 0, p95 = 0, max = 0;
    size_t bytes = 0;
    print::RenderInfo info;
};

// Renders `document` `renders` times; the first pays for the fonts.
Result<Figures> measure(const print::Template& document, const nlohmann::json& data, int renders) {
    Figures figures;
    std::vector<double> warm;
    for (int i = 0; i < renders; ++i) {
        auto started = Clock::now();
        auto pdf = TRY(print::render_pdf(document, data, &figures.info));
        double elapsed = ms_since(started);
        figures.bytes = pdf.size();
        if (i == 0)
            figures.first_ms = elapsed;
        else
            warm.push_back(elapsed);
    }
    figures.p50 = percentile(warm, 0.5);
    figures.p95 = percentile(warm, 0.95);
    figures.max = *std::max_element(warm.begin(), warm.end());
    return figures;
}

void report(const char* label, const Figures& f, int renders) {
    std::printf("%-34s 80 x %.0f mm: first %6.1f ms  warm(%d) p50 %5.1f ms  p95 %5.1f ms  max %5.1f ms  PDF "
                "%4.0f KB\n",
                label, f.info.height_mm, f.first_ms, renders - 1, f.p50, f.p95, f.max, f.bytes / 1024.0);
}

} // namespace

int main(int argc, char** argv) {
    int renders = argc > 1 ? std::max(2, std::atoi(argv[1])) : 50;
    std::ifstream template_in(KIOSK_SOURCE_DIR "/data/templates/receipt.json");
    std::stringstream template_text;
    template_text << template_in.rdbuf();
    auto load_started = Clock::now();
    auto receipt = print::Template::parse(template_text.str(), "receipt.json");
    double load_ms = ms_since(load_started);
    // The same receipt in Noto Sans CJK (the screen's font), to show what the receipt font saves.
    auto as_noto = nlohmann::json::parse(template_text.str(), nullptr, false);
    if (!as_noto.is_discarded())
        as_noto["page"]["font"] = "Noto Sans CJK SC";
    auto receipt_noto = print::Template::parse(as_noto.dump(), "receipt.json (Noto Sans CJK SC)");
    std::ifstream in(KIOSK_SOURCE_DIR "/data/templates/samples/receipt.json");
    std::stringstream text;
    text << in.rdbuf();
    auto data = nlohmann::json::parse(text.str(), nullptr, false);
    if (!receipt.ok() || !receipt_noto.ok() || data.is_discarded()) {
        std::fprintf(stderr, "print_bench: cannot load the receipt template or its sample\n");
        return 1;
    }
    std::printf("receipt template load %.1f ms; target: warm p95 <= 50 ms\n", load_ms);
    auto shipped = measure(receipt.value(), data, renders);
    auto noto = measure(receipt_noto.value(), data, renders);
    if (!shipped.ok() || !noto.ok()) {
        std::fprintf(stderr, "print_bench: %s\n",
                     (shipped.ok() ? noto.error() : shipped.error()).describe().c_str());
        return 1;
    }
    report("receipt (shipped: WenQuanYi)", shipped.value(), renders);
    report("receipt in Noto Sans CJK SC", noto.value(), renders);
    std::printf("ratio Noto/shipped: warm p50 %.1fx, PDF size %.1fx\n", noto->p50 / shipped->p50,
                static_cast<double>(noto->bytes) / static_cast<double>(shipped->bytes));
    return 0;
}
