// kiosk-devctl scan --device NAME [--file IMAGE] --out FILE [--dpi N] [--color] [--set OPTION=VALUE …]
//                   [--verbose]
//   scans one page through SANE (NAME as `scanimage -L` lists it: a real scanner, or the rig's
//   test:0 / pnm:0), cleans it (crop, straighten, contrast) and writes FILE: .png, .jpg or .pdf.
//   --file IMAGE feeds the pnm backend: the image is converted to an 8-bit PNM and set as its
//   "filename" option. --set passes a backend's own option (test:0's read-return-value=…).
// kiosk-devctl scanner list   the devices SANE finds
// SANE reads its config from SANE_CONFIG_DIR (scripts/scan-rig writes one with test and pnm).
// Exit codes: 0 written; 1 the scanner or the image said no (one line on stderr); 2 usage.

#include "core/base/Log.h"
#include "drivers/scanner/IsolatedScanner.h"
#include "drivers/scanner/SaneScanner.h"
#include "kiosk/devctl/DevCtl.h"
#include "services/scan/PageCleaner.h"
#include "services/scan/PageEncoder.h"
#include "services/scan/PnmFeed.h"

#include <condition_variable>
#include <filesystem>
#include <fmt/format.h>
#include <fstream>
#include <mutex>
#include <optional>

namespace kiosk::devctl {
namespace {

namespace fs = std::filesystem;

struct ScanArgs {
    std::string device, file, out;
    int dpi = 300;
    bool color = false;
    std::vector<std::string> settings; // OPTION=VALUE
    int timeout_s = 120;
    bool verbose = false;
};

int fail(const Error& error, int code = kExitFailed) {
    fmt::print(stderr, "kiosk-devctl: scan: {}\n", error.describe());
    return code;
}

std::string extension_of(const std::string& path) {
    std::string ext = fs::path(path).extension().string();
    for (char& c : ext)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return ext;
}

// Blocks until the scanner ends the scan (the CLI's blocking helper on the async driver).
Result<drivers::ScannedPage> scan_one(drivers::Scanner& scanner, const drivers::ScanRequest& request,
                                      std::chrono::seconds timeout) {
    std::mutex mutex;
    std::condition_variable done;
    std::optional<Result<drivers::ScannedPage>> outcome;
    TRY(scanner.start([&](drivers::ScannerEvent event) {
        std::lock_guard lock(mutex);
        if (auto* finished = std::get_if<drivers::ScanFinished>(&event))
            outcome.emplace(std::move(finished->page));
        else if (auto* failed = std::get_if<drivers::ScanFailed>(&event))
            outcome.emplace(std::move(failed->error));
        else
            return;
        done.notify_all();
    }));
    TRY(scanner.scan(request));
    std::unique_lock lock(mutex);
    if (!done.wait_for(lock, timeout, [&] { return outcome.has_value(); })) {
        lock.unlock();
        scanner.stop();
        return make_error(ErrorCode::Timeout, "the scanner did not finish within the timeout");
    }
    auto result = std::move(*outcome);
    lock.unlock();
    scanner.stop();
    return result;
}

Result<void> write_file(const std::string& path, const std::vector<uint8_t>& bytes) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
    out.close();
    if (!out)
        return make_error(ErrorCode::Io, "cannot write " + path);
    return {};
}

int scan_command(const ScanArgs& args) {
    // One line on stderr says why a scan failed; the driver's log says it again, for --verbose.
    log::set_level(args.verbose ? log::Level::Debug : log::Level::Error);
    std::string ext = extension_of(args.out);
    if (ext != ".png" && ext != ".jpg" && ext != ".jpeg" && ext != ".pdf")
        return fail(Error{ErrorCode::InvalidArgument, "--out must end in .png, .jpg or .pdf"}, kExitUsage);
    if (!args.file.empty() && !fs::exists(args.file))
        return fail(Error{ErrorCode::NotFound, "cannot read " + args.file}, kExitUsage);

    drivers::IsolatedScannerOptions options; // libsane in kiosk-scanner-host, as in the kiosk
    options.sane.device = args.device;
    options.host_log_level = args.verbose ? log::Level::Debug : log::Level::Error;
    drivers::IsolatedScanner scanner(options);
    for (const auto& setting : args.settings) {
        auto equals = setting.find('=');
        if (equals == std::string::npos || equals == 0)
            return fail(Error{ErrorCode::InvalidArgument, "--set wants OPTION=VALUE, got '" + setting + "'"},
                        kExitUsage);
        scanner.set_backend_option(setting.substr(0, equals), setting.substr(equals + 1));
    }
    // The pnm backend's input, converted to the 8-bit PNM it needs; removed when done.
    fs::path feed_folder;
    if (!args.file.empty()) {
        std::string pattern = (fs::temp_directory_path() / "kiosk-scan-XXXXXX").string();
        if (!mkdtemp(pattern.data()))
            return fail(Error{ErrorCode::Io, "cannot create a temporary folder"});
        feed_folder = pattern;
        if (auto written = scan::write_scanner_pnm(args.file, feed_folder / "page.pnm"); !written.ok()) {
            fs::remove_all(feed_folder);
            return fail(written.error());
        }
        scanner.set_backend_option("filename", (feed_folder / "page.pnm").string());
    }
    auto started = std::chrono::steady_clock::now();
    auto page =
        scan_one(scanner, {.dpi = args.dpi, .color = args.color}, std::chrono::seconds(args.timeout_s));
    auto scanned_ms =
        std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started)
            .count();
    if (!feed_folder.empty())
        fs::remove_all(feed_folder);
    if (!page.ok())
        return fail(page.error());

    scan::CleanOptions clean_options;
    clean_options.grey = !args.color;
    auto clean = scan::clean_page(page.value(), clean_options);
    if (!clean.ok())
        return fail(clean.error());
    std::vector<uint8_t> bytes;
    std::string detail;
    if (ext == ".png") {
        auto png = scan::encode_png(clean->image);
        if (!png.ok())
            return fail(png.error());
        bytes = png.release_value();
    } else {
        auto jpeg = scan::encode_jpeg(clean->image);
        if (!jpeg.ok())
            return fail(jpeg.error());
        detail = fmt::format(", JPEG quality {} at {} dpi{}", jpeg->quality, jpeg->dpi,
                             jpeg->within_budget ? "" : " (over the page budget)");
        if (ext == ".pdf") {
            auto pdf = scan::pdf_from_jpegs({jpeg.value()}, "scan");
            if (!pdf.ok())
                return fail(pdf.error());
            bytes = pdf.release_value();
        } else {
            bytes = std::move(jpeg->jpeg);
        }
    }
    if (auto written = write_file(args.out, bytes); !written.ok())
        return fail(written.error());
    fmt::print("{}: {} bytes; scanned {}x{} at {} dpi in {} ms; page {}x{}, skew {:.2f}°{}\n", args.out,
               bytes.size(), page->width, page->height, page->dpi, scanned_ms, clean->image.width,
               clean->image.height, clean->skew_degrees, detail);
    return 0;
}

int list_command() {
    auto devices = drivers::SaneScanner::list_devices();
    if (!devices.ok())
        return fail(devices.error());
    for (const auto& device : devices.value())
        fmt::print("{}\t{} {} ({})\n", device.name, device.vendor, device.model, device.type);
    return devices->empty() ? kExitFailed : 0;
}

} // namespace

void add_scan_commands(CLI::App& app, int& exit_code) {
    auto args = std::make_shared<ScanArgs>();
    auto* scan =
        app.add_subcommand("scan", "scan one page through SANE, clean it and write PNG, JPEG or PDF");
    scan->add_option("--device", args->device, "SANE device name (test:0, pnm:0, or as scanimage -L says)")
        ->required();
    scan->add_option("--file", args->file, "for the pnm backend: the image to scan");
    scan->add_option("--out", args->out, "file to write: .png, .jpg or .pdf")->required();
    scan->add_option("--dpi", args->dpi, "resolution (default 300)")->check(CLI::Range(50, 1200));
    scan->add_flag("--color", args->color, "scan and keep colour (default grey)");
    scan->add_option("--set", args->settings, "a backend option, OPTION=VALUE (repeatable)");
    scan->add_option("--timeout-s", args->timeout_s, "give up after this long")->check(CLI::Range(1, 3600));
    scan->add_flag("--verbose", args->verbose, "the driver's log on stderr");
    scan->callback([args, &exit_code] { exit_code = scan_command(*args); });

    auto* scanner = app.add_subcommand("scanner", "scanners");
    scanner->require_subcommand(1);
    auto* list = scanner->add_subcommand("list", "the devices SANE finds (exit 1: none)");
    list->callback([&exit_code] { exit_code = list_command(); });
}

} // namespace kiosk::devctl
