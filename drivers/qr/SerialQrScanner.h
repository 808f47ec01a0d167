#pragma once
// A QR scanner in serial mode: a USB CDC-ACM device (ttyACM*), a USB-serial bridge or, in tests, a
// pty. It sends each payload as one line ended by CR, LF or CR LF. 8N1 raw, no flow control,
// exclusive (like drivers/idcard/SerialLink). A worker thread reads lines and calls the sink:
//   QrScanned      a line of 1..max_bytes bytes
//   QrRejected     a line longer than max_bytes (the rest is skipped up to its end), or one that
//                  holds NUL or other control bytes (line noise at the wrong baud rate)
//   DeviceStatus   Ready once open; Absent when it cannot be opened or goes away (hang-up, EIO);
//                  it is reopened every reopen_interval until stop().

#include "drivers/common/EventSink.h"
#include "drivers/qr/QrScanner.h"

#include <atomic>
#include <chrono>
#include <mutex>
#include <string>
#include <thread>

namespace kiosk::drivers {

struct SerialQrOptions {
    std::string path = "/dev/onewindow-qr";         // the udev symlink; or /dev/ttyACM0
    int baud = 9600;                                // CDC-ACM ignores it; serial modules default to 9600
    size_t max_bytes = kMaxQrPayloadBytes;          // longer lines are rejected
    std::chrono::milliseconds reopen_interval{500}; // how often an absent scanner is looked for
    std::chrono::milliseconds line_timeout{1000};   // a line unfinished for this long is dropped
};

class SerialQrScanner final : public QrScanner {
public:
    explicit SerialQrScanner(SerialQrOptions options);
    ~SerialQrScanner() override;
    SerialQrScanner(const SerialQrScanner&) = delete;
    SerialQrScanner& operator=(const SerialQrScanner&) = delete;

    // InvalidArgument for a baud rate a tty cannot do; an absent device is not an error (Absent).
    Result<void> start(Sink sink) override;
    void stop() override;
    domain::DeviceStatus status() const override;

private:
    void run();
    void set_state(domain::DeviceState state, std::string reason);
    void read_lines(int fd);
    void finish_line(std::string& line, bool& overlong);

    SerialQrOptions m_options;
    EventSink<QrEvent> m_sink; // emitted to from m_thread
    std::thread m_thread;
    int m_wake_fd = -1;
    mutable std::mutex m_mutex;
    domain::DeviceStatus m_status;
};

} // namespace kiosk::drivers
