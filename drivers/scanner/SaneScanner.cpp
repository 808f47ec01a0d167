#include "drivers/scanner/SaneScanner.h"

#include "core/base/Log.h"
#include "drivers/scanner/SaneFrame.h"
#include "drivers/scanner/SaneStatus.h"

#include <future>
#include <memory>
#include <sane/saneopts.h>

namespace kiosk::drivers {

using domain::DeviceState;
using domain::FixedBy;

namespace {

constexpr double a4_width_mm = 210.0;
constexpr double a4_height_mm = 297.0;
constexpr size_t read_chunk = size_t{64} * 1024;

bool same(const domain::DeviceStatus& a, const domain::DeviceStatus& b) {
    return a.state == b.state && a.fixed_by == b.fixed_by && a.reason == b.reason;
}

domain::DeviceStatus scanner_status(DeviceState state, std::string reason = {}) {
    domain::DeviceStatus status;
    status.kind = domain::DeviceKind::Scanner;
    status.state = state;
    status.reason = std::move(reason);
    return status;
}

} // namespace

SaneScanner::SaneScanner(SaneScannerOptions options)
    : m_options(std::move(options)), m_worker(m_options.thread_name) {
    m_status = scanner_status(DeviceState::Absent, "not-started");
}

SaneScanner::~SaneScanner() {
    stop();
}

Result<void> SaneScanner::start(Sink sink) {
    {
        std::lock_guard lock(m_mutex);
        if (m_running)
            return make_error(ErrorCode::InvalidArgument, "scanner " + m_options.device + " already started");
        m_sink.attach(std::move(sink));
        m_running = true;
        m_status_reported = false;
    }
    m_worker.post([this] { open_device(); });
    return {};
}

void SaneScanner::stop() {
    m_sink.detach();
    {
        std::lock_guard lock(m_mutex);
        m_running = false;
    }
    cancel();
    m_worker.cancel_pending();
    if (m_worker.on_worker_thread())
        return; // from within the sink: the running task is the caller itself
    std::promise<void> idle;
    auto idle_reached = idle.get_future();
    m_worker.post([this, &idle] {
        {
            std::lock_guard lock(m_mutex);
            m_cancel_handle = nullptr;
        }
        m_device.close();
        if (m_library)
            SaneLibrary::release();
        m_library = false;
        idle.set_value();
    });
    idle_reached.wait();
    m_scanning = false; // a scan whose task was dropped never ends otherwise
    std::lock_guard lock(m_mutex);
    m_status = scanner_status(DeviceState::Absent, "not-started");
}

Result<void> SaneScanner::scan(const ScanRequest& request) {
    if (request.dpi < 50 || request.dpi > 1200)
        return make_error(ErrorCode::InvalidArgument,
                          "scan resolution " + std::to_string(request.dpi) + " dpi is outside 50..1200");
    {
        std::lock_guard lock(m_mutex);
        if (!m_running)
            return make_error(ErrorCode::InvalidArgument, "scanner " + m_options.device + " is not started");
    }
    if (m_scanning.exchange(true))
        return make_error(ErrorCode::Busy, "a scan is already running");
    m_cancelled = false;
    m_worker.post([this, request] { run_scan(request); });
    return {};
}

void SaneScanner::cancel() {
    m_cancelled = true;
    // SANE allows sane_cancel at any time from any thread (SANE 1.0 §4.3.10): it ends a blocked read.
    std::lock_guard lock(m_mutex);
    if (m_scanning && m_cancel_handle)
        sane_cancel(m_cancel_handle);
}

void SaneScanner::after_pending(std::function<void()> task) {
    m_worker.post(std::move(task));
}

domain::DeviceStatus SaneScanner::status() const {
    std::lock_guard lock(m_mutex);
    return m_status;
}

void SaneScanner::set_backend_option(const std::string& name, const std::string& value) {
    std::lock_guard lock(m_mutex);
    m_backend_options[name] = value;
}

void SaneScanner::open_device() {
    if (m_device.is_open())
        return;
    if (!m_library) {
        if (auto acquired = SaneLibrary::acquire(); !acquired.ok()) {
            log::warn("scanner {}: {}", m_options.device, acquired.error().message);
            domain::DeviceStatus status = scanner_status(DeviceState::Fault, "sane-init");
            status.fixed_by = FixedBy::Engineer;
            publish(status);
            return;
        }
        m_library = true;
    }
    SANE_Status opened = m_device.open(m_options.device);
    if (opened != SANE_STATUS_GOOD) {
        auto outcome = map_open_failure(opened);
        if (status().reason != outcome.status.reason) // once, not on every reopen attempt
            log::warn("scanner {}: cannot open: {}", m_options.device, sane_strstatus(opened));
        publish(outcome.status);
        bool running;
        {
            std::lock_guard lock(m_mutex);
            running = m_running;
        }
        if (running)
            m_worker.post_after(m_options.reopen_interval, [this] {
                if (!m_scanning)
                    open_device();
            });
        return;
    }
    {
        std::lock_guard lock(m_mutex);
        m_cancel_handle = m_device.handle();
    }
    log::info("scanner {}: open", m_options.device);
    publish(scanner_status(DeviceState::Ready));
}

Result<int> SaneScanner::configure(const ScanRequest& request) {
    SaneDevice& device = m_device;
    if (device.can_set(SANE_NAME_SCAN_MODE))
        TRY(device.set(SANE_NAME_SCAN_MODE,
                       request.color ? SANE_VALUE_SCAN_MODE_COLOR : SANE_VALUE_SCAN_MODE_GRAY));
    if (device.can_set(SANE_NAME_BIT_DEPTH))
        (void)device.set_number(SANE_NAME_BIT_DEPTH, 8); // else SaneFrame converts 1 and 16 bits
    if (device.can_set(SANE_NAME_SCAN_RESOLUTION))
        TRY(device.set_number(SANE_NAME_SCAN_RESOLUTION, request.dpi));
    if (!m_options.source.empty() && device.can_set(SANE_NAME_SCAN_SOURCE))
        TRY(device.set(SANE_NAME_SCAN_SOURCE, m_options.source));
    if (m_options.a4_area && device.can_set(SANE_NAME_SCAN_BR_X) && device.can_set(SANE_NAME_SCAN_BR_Y)) {
        if (device.can_set(SANE_NAME_SCAN_TL_X))
            TRY(device.set_number(SANE_NAME_SCAN_TL_X, 0));
        if (device.can_set(SANE_NAME_SCAN_TL_Y))
            TRY(device.set_number(SANE_NAME_SCAN_TL_Y, 0));
        // A glass smaller than A4 scans what it has (set_number clamps to the range).
        TRY(device.set_number(SANE_NAME_SCAN_BR_X, a4_width_mm));
        TRY(device.set_number(SANE_NAME_SCAN_BR_Y, a4_height_mm));
    }
    std::map<std::string, std::string> extra;
    {
        std::lock_guard lock(m_mutex);
        extra = m_backend_options;
    }
    for (const auto& [name, value] : extra)
        TRY(device.set(name, value));
    return static_cast<int>(device.number(SANE_NAME_SCAN_RESOLUTION).value_or(request.dpi));
}

void SaneScanner::run_scan(const ScanRequest& request) {
    open_device();
    if (!m_device.is_open()) {
        m_scanning = false;
        auto status = this->status();
        m_sink.emit(
            ScanFailed{make_error(ErrorCode::NotFound, "scanner " + m_options.device + " is not available (" +
                                                           status.reason + ")")});
        return;
    }
    publish(scanner_status(DeviceState::Busy));
    auto dpi = configure(request);
    if (!dpi.ok()) {
        log::warn("scanner {}: {}", m_options.device, dpi.error().message);
        m_scanning = false;
        publish(scanner_status(DeviceState::Ready));
        m_sink.emit(ScanFailed{dpi.release_error()});
        return;
    }
    auto started = std::chrono::steady_clock::now();
    if (SANE_Status status = sane_start(m_device.handle()); status != SANE_STATUS_GOOD)
        return fail_with(status, "start");
    SANE_Status sane_failure = SANE_STATUS_GOOD;
    auto page = read_page(dpi.value(), sane_failure);
    if (sane_failure != SANE_STATUS_GOOD)
        return fail_with(sane_failure, "read");
    if (!page.ok()) {
        m_scanning = false;
        publish(scanner_status(DeviceState::Ready));
        m_sink.emit(ScanFailed{page.release_error()});
        return;
    }
    auto took =
        std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started);
    log::info("scanner {}: {}x{} {} at {} dpi in {} ms", m_options.device, page->width, page->height,
              page->channels == 3 ? "colour" : "grey", page->dpi, took.count());
    m_scanning = false;
    publish(scanner_status(DeviceState::Ready));
    m_sink.emit(ScanFinished{page.release_value()});
    // Ends the batch, so the next scan() starts afresh (SANE 1.0 §4.3.10) — after the page is out:
    // a backend's reader thread can wedge its cancel (SaneDevice.cpp), and the page must not wait on it.
    sane_cancel(m_device.handle());
}

// A SANE failure comes back in `sane_failure` (the Result then says nothing more); an error alone is
// data the kiosk cannot use.
Result<ScannedPage> SaneScanner::read_page(int dpi, SANE_Status& sane_failure) {
    SANE_Handle handle = m_device.handle();
    SANE_Parameters params{};
    if (SANE_Status status = sane_get_parameters(handle, &params); status != SANE_STATUS_GOOD) {
        sane_cancel(handle);
        return make_error(ErrorCode::Device, std::string("sane_get_parameters: ") + sane_strstatus(status));
    }
    SaneFrameFormat format;
    format.color = params.format == SANE_FRAME_RGB;
    format.single_pass = params.format == SANE_FRAME_RGB || params.format == SANE_FRAME_GRAY;
    format.depth = params.depth;
    format.pixels_per_line = params.pixels_per_line;
    format.bytes_per_line = params.bytes_per_line;
    if (!format.single_pass || params.bytes_per_line <= 0) {
        sane_cancel(handle);
        return assemble_page(format, {}, dpi); // says why
    }
    // Hand scanners do not know the height (lines = -1): the frame measures against an A4 page.
    SaneFrameReader frame(format, params.lines, dpi);
    std::vector<uint8_t> buffer(read_chunk);
    m_sink.emit(ScanProgress{0});
    int reported = 0;
    SANE_Status status = SANE_STATUS_GOOD;
    while (!m_cancelled) {
        SANE_Int length = 0;
        status = sane_read(handle, buffer.data(), static_cast<SANE_Int>(buffer.size()), &length);
        if (status != SANE_STATUS_GOOD)
            break;
        if (auto added = frame.add(buffer, length); !added.ok()) {
            sane_cancel(handle);
            return added.release_error();
        }
        if (int percent = frame.percent(); percent >= reported + 5) {
            reported = percent;
            m_sink.emit(ScanProgress{percent});
        }
    }
    if (m_cancelled || status != SANE_STATUS_EOF) {
        sane_failure = m_cancelled ? SANE_STATUS_CANCELLED : status;
        return make_error(ErrorCode::Device, sane_strstatus(sane_failure));
    }
    return frame.finish(); // run_scan ends the batch once the page is out
}

void SaneScanner::fail_with(SANE_Status status, const std::string& what) {
    if (m_cancelled)
        status = SANE_STATUS_CANCELLED; // a cancel from another thread can surface as EOF or an I/O error
    auto outcome = map_sane_status(status);
    std::string message = status == SANE_STATUS_CANCELLED
                              ? "scan cancelled"
                              : "scanner " + m_options.device + ": " + what + ": " + sane_strstatus(status) +
                                    (outcome.status.reason.empty() ? "" : " (" + outcome.status.reason + ")");
    if (status != SANE_STATUS_CANCELLED)
        log::warn("{}", message);
    m_scanning = false;
    publish(outcome.status);
    m_sink.emit(ScanFailed{make_error(outcome.code, message)});
    // The verdict first, then the cancel that may wedge (SaneDevice.cpp: a backend's reader thread).
    if (m_device.is_open())
        sane_cancel(m_device.handle());
    if (status == SANE_STATUS_IO_ERROR) { // perhaps unplugged: open afresh for the next scan
        {
            std::lock_guard lock(m_mutex);
            m_cancel_handle = nullptr;
        }
        m_device.close();
    }
}

void SaneScanner::publish(domain::DeviceStatus status) {
    {
        std::lock_guard lock(m_mutex);
        if (m_status_reported && same(m_status, status))
            return;
        m_status = status;
        m_status_reported = true;
    }
    m_sink.emit(std::move(status));
}

} // namespace kiosk::drivers
