// libFuzzer target for what the CUPS driver reads from IPP answers (drivers/printer/IppAttributes.h):
// cupsd's, and a network printer's own when the driver asks it directly. The input is an IPP message on
// the wire (RFC 8010), decoded by libcups' own ippReadIO from memory, as cupsDoRequest would decode it;
// the driver then takes the job's state, the queue's state and supplies and the printer's state and
// printer-supply from it, and maps them onto the device status the screens show. Beyond "no crash, no
// sanitizer report", it checks what those screens rely on: a supply level is a percentage or unknown
// (-1), "none" never shows as a reason, and a fault or an absent printer always has a reason.

#include "drivers/printer/IppAttributes.h"

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <cups/cups.h>

namespace {

using namespace kiosk::drivers;

void require(bool condition) {
    if (!condition)
        std::abort();
}

struct Reader {
    const uint8_t* data;
    size_t size;
    size_t at = 0;
};

ssize_t read_memory(void* context, ipp_uchar_t* buffer, size_t bytes) {
    auto* reader = static_cast<Reader*>(context);
    size_t count = std::min(bytes, reader->size - reader->at);
    std::memcpy(buffer, reader->data + reader->at, count);
    reader->at += count;
    return static_cast<ssize_t>(count);
}

void check_markers(const std::vector<Marker>& markers) {
    for (const auto& marker : markers)
        require(marker.level == -1 || (marker.level >= 0 && marker.level <= 100));
}

void check_reasons(const std::vector<std::string>& reasons) {
    require(!(reasons.size() == 1 && reasons.front() == "none"));
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    Reader reader{data, size};
    ipp_t* ipp = ippNew();
    ipp_state_t state;
    do
        state = ippReadIO(&reader, read_memory, 1, nullptr, ipp);
    while (state != IPP_STATE_DATA && state != IPP_STATE_ERROR && reader.at < reader.size);
    // The driver only ever sees a whole answer (cupsDoRequest returns nothing otherwise), but what
    // ippReadIO kept of a broken one must not hurt either.

    auto job = cups::read_job_attributes(ipp);
    check_reasons(job.reasons);
    check_reasons(job.printer_reasons);
    (void)cups::job_state_name(job.state);

    QueueSnapshot snapshot;
    cups::read_queue_attributes(ipp, snapshot);
    check_markers(snapshot.markers);
    check_reasons(snapshot.reasons);
    snapshot.device_reachable = true;
    cups::read_printer_attributes(ipp, snapshot);
    check_markers(snapshot.markers);
    check_reasons(snapshot.device_reasons);
    (void)cups::printer_state_name(snapshot.printer_state);

    for (auto kind : {kiosk::domain::DeviceKind::ReceiptPrinter, kiosk::domain::DeviceKind::A4Printer}) {
        auto status = map_queue_status(kind, snapshot);
        require(status.state == kiosk::domain::DeviceState::Ready ||
                status.state == kiosk::domain::DeviceState::Busy || !status.reason.empty());
        for (const auto& consumable : status.consumables)
            require(consumable.percent >= -1 && consumable.percent <= 100);
    }
    ippDelete(ipp);
    return 0;
}
