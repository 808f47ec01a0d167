#pragma once
// One open SANE device and its options, set by name (SANE standard 1.0 §4.5, well-known option names
// in saneopts.h). Used on the scanner's owner thread only. Numbers are fitted to the option's
// constraint (nearest allowed value); strings to its list (case-insensitive, then by prefix, so
// "Gray" finds "Grey" and "ADF" finds "Automatic Document Feeder").
//
// libsane keeps global state: SaneLibrary counts its users so sane_init/sane_exit bracket them all.

#include "core/base/Result.h"

#include <optional>
#include <sane/sane.h>
#include <string>
#include <vector>

namespace kiosk::drivers {

struct SaneDeviceInfo {
    std::string name; // "test:0", "genesys:libusb:001:004"
    std::string vendor, model, type;
};

class SaneLibrary {
public:
    static Result<void> acquire(); // sane_init for the first user
    static void release();         // sane_exit after the last
    // Blocks (network backends can take seconds): never on the UI thread, and not while a scanner
    // of this process is scanning (libsane makes no promise about calls from two threads).
    static Result<std::vector<SaneDeviceInfo>> devices();
};

class SaneDevice {
public:
    SaneDevice() = default;
    ~SaneDevice() { close(); }
    SaneDevice(const SaneDevice&) = delete;
    SaneDevice& operator=(const SaneDevice&) = delete;

    SANE_Status open(const std::string& name);
    void close();
    bool is_open() const { return m_handle != nullptr; }
    SANE_Handle handle() const { return m_handle; }

    // False when the device has no such option, or it is inactive or read-only now.
    bool can_set(const std::string& name) const;
    // Sets from text as typed on scanimage's command line ("Color", "150", "yes").
    Result<void> set(const std::string& name, const std::string& text);
    Result<void> set_number(const std::string& name, double value);
    std::optional<double> number(const std::string& name) const;
    // The largest value a numeric option allows (geometry: the glass's size).
    std::optional<double> max_number(const std::string& name) const;
    // The values a string option allows; empty without a list.
    std::vector<std::string> choices(const std::string& name) const;

private:
    int find(const std::string& name) const; // option index, or -1
    Result<void> control(int index, void* value, const std::string& name);

    SANE_Handle m_handle = nullptr;
};

} // namespace kiosk::drivers
