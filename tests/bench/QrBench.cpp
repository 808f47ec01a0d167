// decode_codes (services/codes) against the plain ZXing-cpp call it wraps, on the same decoded
// pixels: ReadBarcodes with default hints (every format, try harder, try rotate). Target: no slower
// than the plain call. Prints figures; asserts nothing.
//
//   qr_bench make DIR             writes the undegraded pages (ZXing's writer) as DIR/*.pgm
//   qr_bench RUNS PAGE.pgm...     times both decoders on each page (scripts/bench-qr runs both)

#include "services/codes/DecodeCodes.h"

#define ZX_USE_UTF8 1
#include <ZXing/BitMatrix.h>
#include <ZXing/MultiFormatWriter.h>
#include <ZXing/ReadBarcode.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <vector>

using Clock = std::chrono::steady_clock;

namespace {

struct Gray {
    int width = 0, height = 0;
    std::vector<unsigned char> pixels;
};

// Binary PGM (P5, maxval 255) without comments: what `convert page.png page.pgm` writes.
bool read_pgm(const char* path, Gray& image) {
    std::ifstream in(path, std::ios::binary);
    std::string magic;
    int maxval = 0;
    in >> magic >> image.width >> image.height >> maxval;
    in.get();
    if (magic != "P5" || maxval != 255 || image.width <= 0 || image.height <= 0)
        return false;
    image.pixels.resize(static_cast<size_t>(image.width) * image.height);
    in.read(reinterpret_cast<char*>(image.pixels.data()), static_cast<std::streamsize>(image.pixels.size()));
    return static_cast<bool>(in);
}

void draw(Gray& page, ZXing::BarcodeFormat format, const std::string& text, int x, int y, int scale,
          int height = 0) {
    auto matrix = ZXing::MultiFormatWriter(format).setMargin(10).encode(text, 0, height);
    int row_scale = matrix.height() == 1 ? 1 : scale;
    for (int row = 0; row < matrix.height() * row_scale; ++row)
        for (int column = 0; column < matrix.width() * scale; ++column) {
            int px = x + column, py = y + row;
            if (px < page.width && py < page.height)
                page.pixels[static_cast<size_t>(py) * page.width + px] =
                    matrix.get(column / scale, row / row_scale) ? 0 : 255;
        }
}

void write_pgm(const std::string& path, const Gray& page) {
    std::ofstream out(path, std::ios::binary);
    out << "P5\n" << page.width << " " << page.height << "\n255\n";
    out.write(reinterpret_cast<const char*>(page.pixels.data()),
              static_cast<std::streamsize>(page.pixels.size()));
}

Gray blank(int width, int height) {
    return {width, height, std::vector<unsigned char>(static_cast<size_t>(width) * height, 255)};
}

void make_pages(const std::string& dir) {
    const std::string receipt = "https://zwfw.shili.gov.cn.example/q/OW1-7KQ2-M9XD-4TPA-Z3R8";
    auto qr = blank(800, 600);
    draw(qr, ZXing::BarcodeFormat::QRCode, receipt, 300, 200, 5);
    write_pgm(dir + "/qr.pgm", qr);
    auto small = blank(400, 300);
    draw(small, ZXing::BarcodeFormat::QRCode, "OW1-7KQ2-M9XD-4TPA-Z3R8", 150, 100, 2);
    write_pgm(dir + "/qr_small.pgm", small);
    // docs/specs/test-rig.md §4's case: a 200 px QR in the corner of a 2000 x 1500 scan.
    auto a4 = blank(2000, 1500);
    draw(a4, ZXing::BarcodeFormat::QRCode, receipt, 1500, 1100, 3);
    write_pgm(dir + "/a4_corner_qr.pgm", a4);
    auto multi = blank(1800, 1500);
    draw(multi, ZXing::BarcodeFormat::QRCode, receipt, 100, 100, 5);
    draw(multi, ZXing::BarcodeFormat::PDF417, "PERMIT|CSC00000001|2030-01-01", 100, 650, 3, 120);
    draw(multi, ZXing::BarcodeFormat::EAN13, "6901234567892", 1000, 650, 3, 150);
    draw(multi, ZXing::BarcodeFormat::Code128, "SL20240520-0001234", 100, 1100, 2, 120);
    write_pgm(dir + "/multi.pgm", multi);
    auto label = blank(800, 600);
    draw(label, ZXing::BarcodeFormat::DataMatrix, "MATERIAL-0042", 330, 220, 8);
    write_pgm(dir + "/datamatrix.pgm", label);
    auto ean = blank(600, 300);
    draw(ean, ZXing::BarcodeFormat::EAN13, "6901234567892", 100, 50, 3, 150);
    write_pgm(dir + "/ean13.pgm", ean);
}

template <typename F>
double median_ms(int runs, F&& run) {
    std::vector<double> times;
    for (int i = 0; i < runs; ++i) {
        auto start = Clock::now();
        run();
        times.push_back(std::chrono::duration<double, std::milli>(Clock::now() - start).count());
    }
    std::sort(times.begin(), times.end());
    return times[times.size() / 2];
}

} // namespace

int main(int argc, char** argv) {
    if (argc == 3 && std::string(argv[1]) == "make") {
        make_pages(argv[2]);
        return 0;
    }
    if (argc < 3) {
        std::fprintf(stderr, "usage: qr_bench make DIR | qr_bench RUNS PAGE.pgm...\n");
        return 2;
    }
    int runs = std::max(1, std::atoi(argv[1]));
    std::printf("%-28s %9s %7s %12s %7s\n", "page", "ours ms", "codes", "plain ms", "codes");
    double ours_total = 0, plain_total = 0;
    for (int i = 2; i < argc; ++i) {
        Gray image;
        if (!read_pgm(argv[i], image)) {
            std::fprintf(stderr, "qr_bench: %s is not a binary PGM\n", argv[i]);
            return 1;
        }
        size_t ours_found = 0, plain_found = 0;
        double ours = median_ms(runs, [&] {
            auto codes = kiosk::services::decode_codes(image.pixels.data(), image.width, image.height);
            ours_found = codes.ok() ? codes->size() : 0;
        });
        std::string name = argv[i];
        name = name.substr(name.find_last_of('/') + 1);
        // The plain call asserts on pages with several linear codes (DecodeCodes.cpp says why).
        bool plain_crashes = name.find("multi") != std::string::npos;
        double plain = plain_crashes ? 0 : median_ms(runs, [&] {
            auto results =
                ZXing::ReadBarcodes({image.pixels.data(), image.width, image.height, ZXing::ImageFormat::Lum},
                                    ZXing::DecodeHints());
            plain_found = results.size();
        });
        if (plain_crashes) {
            std::printf("%-28s %9.1f %7zu %12s\n", name.c_str(), ours, ours_found, "(asserts)");
            continue;
        }
        ours_total += ours;
        plain_total += plain;
        std::printf("%-28s %9.1f %7zu %12.1f %7zu\n", name.c_str(), ours, ours_found, plain, plain_found);
    }
    std::printf("%-28s %9.1f %7s %12.1f   ratio ours/plain %.2f\n", "total (medians, both ran)", ours_total,
                "", plain_total, ours_total / plain_total);
    return 0;
}
