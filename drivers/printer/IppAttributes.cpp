#include "drivers/printer/IppAttributes.h"

#include <charconv>
#include <cups/cups.h>

namespace kiosk::drivers::cups {

namespace {

// A supply level in percent; anything else (-2 "unknown", -3 "some left", 250, "75%", an overflowing
// number) is unknown.
int percent(std::string_view text) {
    int value = -1;
    auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc() || end != text.data() + text.size() || value < 0 || value > 100)
        return -1;
    return value;
}

int percent(int value) {
    return value >= 0 && value <= 100 ? value : -1;
}

// printer-supply (PWG 5100.13 §6.5.7): "index=2;class=supplyThatIsConsumed;type=toner;…;level=75;…".
std::vector<Marker> supplies(ipp_t* ipp) {
    std::vector<Marker> markers;
    ipp_attribute_t* supply = ippFindAttribute(ipp, "printer-supply", IPP_TAG_STRING);
    auto names = ipp_strings(ipp, "printer-supply-description");
    for (int i = 0; supply && i < ippGetCount(supply); ++i) {
        int length = 0;
        auto* bytes = static_cast<const char*>(ippGetOctetString(supply, i, &length));
        std::string text(bytes ? bytes : "", bytes && length > 0 ? static_cast<size_t>(length) : 0);
        auto field = [&text](const std::string& key) {
            auto at = text.find(key + "=");
            if (at == std::string::npos)
                return std::string();
            at += key.size() + 1;
            return text.substr(at, text.find(';', at) - at);
        };
        Marker marker;
        marker.name =
            i < static_cast<int>(names.size()) ? names[static_cast<size_t>(i)] : field("colorantname");
        marker.type = field("type");
        marker.level = percent(field("level"));
        markers.push_back(std::move(marker));
    }
    return markers;
}

} // namespace

std::vector<std::string> ipp_strings(ipp_t* ipp, const char* name) {
    std::vector<std::string> out;
    ipp_attribute_t* attribute = ippFindAttribute(ipp, name, IPP_TAG_ZERO);
    for (int i = 0; attribute && i < ippGetCount(attribute); ++i) {
        const char* value = ippGetString(attribute, i, nullptr);
        if (value)
            out.emplace_back(value);
    }
    if (out.size() == 1 && out.front() == "none")
        out.clear();
    return out;
}

std::string ipp_string(ipp_t* ipp, const char* name) {
    auto all = ipp_strings(ipp, name);
    return all.empty() ? std::string() : all.front();
}

int ipp_integer(ipp_t* ipp, const char* name, int fallback) {
    ipp_attribute_t* attribute = ippFindAttribute(ipp, name, IPP_TAG_ZERO);
    return attribute ? ippGetInteger(attribute, 0) : fallback;
}

JobSnapshot read_job_attributes(ipp_t* ipp) {
    JobSnapshot job;
    job.state = ipp_integer(ipp, "job-state", 0);
    job.reasons = ipp_strings(ipp, "job-state-reasons");
    job.message = ipp_string(ipp, "job-state-message");
    job.printer_reasons = ipp_strings(ipp, "job-printer-state-reasons");
    job.printer_message = ipp_string(ipp, "job-printer-state-message");
    return job;
}

void read_queue_attributes(ipp_t* ipp, QueueSnapshot& snapshot) {
    snapshot.printer_state = ipp_integer(ipp, "printer-state", 3);
    snapshot.reasons = ipp_strings(ipp, "printer-state-reasons");
    snapshot.state_message = ipp_string(ipp, "printer-state-message");
    ipp_attribute_t* accepting = ippFindAttribute(ipp, "printer-is-accepting-jobs", IPP_TAG_BOOLEAN);
    snapshot.accepting = !accepting || ippGetBoolean(accepting, 0);
    snapshot.device_uri = ipp_string(ipp, "device-uri");
    snapshot.media_ready = ipp_strings(ipp, "media-ready");
    auto names = ipp_strings(ipp, "marker-names");
    auto types = ipp_strings(ipp, "marker-types");
    ipp_attribute_t* levels = ippFindAttribute(ipp, "marker-levels", IPP_TAG_INTEGER);
    for (size_t i = 0; i < names.size(); ++i) {
        int level = levels && static_cast<int>(i) < ippGetCount(levels)
                        ? percent(ippGetInteger(levels, static_cast<int>(i)))
                        : -1;
        snapshot.markers.push_back({names[i], i < types.size() ? types[i] : std::string(), level});
    }
}

void read_printer_attributes(ipp_t* ipp, QueueSnapshot& snapshot) {
    snapshot.device_state = ipp_integer(ipp, "printer-state", 3);
    snapshot.device_reasons = ipp_strings(ipp, "printer-state-reasons");
    if (snapshot.markers.empty())
        snapshot.markers = supplies(ipp);
    if (snapshot.media_ready.empty())
        snapshot.media_ready = ipp_strings(ipp, "media-ready");
}

} // namespace kiosk::drivers::cups
