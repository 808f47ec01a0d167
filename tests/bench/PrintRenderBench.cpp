// The 80 mm acceptance receipt (data/templates/receipt.json + its sample) rendered to PDF N times on
// one thread: the first render pays for fontconfig and font loading, the next ones hit the thread's
// warm Pango font map. Prints figures; asserts nothing (STYLE: speed is measured, not asserted). The
// target is a warm p95 of 50 ms, so a receipt is on its way to the printer before the citizen has
// turned from the screen.
//
//   print_bench [RENDERS]     (scripts/bench-print builds and runs it)

#include "kiosk/services/print/RenderPdf.h"

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

} // namespace

int main(int argc, char** argv) {
    int renders = argc > 1 ? std::max(2, std::atoi(argv[1])) : 50;
    auto load_started = Clock::now();
    auto receipt = print::Template::load(KIOSK_SOURCE_DIR "/data/templates/receipt.json");
    double load_ms = ms_since(load_started);
    std::ifstream in(KIOSK_SOURCE_DIR "/data/templates/samples/receipt.json");
    std::stringstream text;
    text << in.rdbuf();
    auto data = nlohmann::json::parse(text.str(), nullptr, false);
    if (!receipt.ok() || data.is_discarded()) {
        std::fprintf(stderr, "print_bench: cannot load the receipt template or its sample\n");
        return 1;
    }

    std::vector<double> warm;
    double first_ms = 0;
    size_t bytes = 0;
    print::RenderInfo info;
    for (int i = 0; i < renders; ++i) {
        auto started = Clock::now();
        auto pdf = print::render_pdf(receipt.value(), data, &info);
        double elapsed = ms_since(started);
        if (!pdf.ok()) {
            std::fprintf(stderr, "print_bench: %s\n", pdf.error().describe().c_str());
            return 1;
        }
        bytes = pdf->size();
        if (i == 0)
            first_ms = elapsed;
        else
            warm.push_back(elapsed);
    }
    std::printf(
        "receipt (80 x %.0f mm, %d page): template load %.1f ms; first render %.1f ms (cold font cache); "
        "warm renders %d: p50 %.1f ms  p95 %.1f ms  max %.1f ms (target p95 <= 50 ms); PDF %zu bytes "
        "(%.0f KB)\n",
        info.height_mm, info.pages, load_ms, first_ms, renders - 1, percentile(warm, 0.5),
        percentile(warm, 0.95), *std::max_element(warm.begin(), warm.end()), bytes, bytes / 1024.0);
    return 0;
}
