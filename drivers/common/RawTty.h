#pragma once
// The serial settings every tty device of the kiosk uses (the ID-card reader, the serial QR
// scanner): raw 8N1 at a standard baud rate, no hardware or software flow control, receiver on,
// modem lines ignored, VMIN 1 / VTIME 0 — with O_NONBLOCK an empty line reads EAGAIN, so a read
// of 0 means hang-up.

#include <termios.h>

namespace kiosk::drivers {

// B0 for a rate the kiosk's devices do not use.
inline speed_t tty_speed(int baud) {
    switch (baud) {
    case 115200:
        return B115200;
    case 57600:
        return B57600;
    case 38400:
        return B38400;
    case 19200:
        return B19200;
    case 9600:
        return B9600;
    default:
        return B0;
    }
}

enum class RawTtyResult { Ok, NotATty, SetFailed }; // errno says why for SetFailed

inline RawTtyResult make_raw_8n1(int fd, int baud) {
    termios tio{};
    if (tcgetattr(fd, &tio) != 0)
        return RawTtyResult::NotATty;
    cfmakeraw(&tio);
    tio.c_cflag &= ~(PARENB | CSTOPB | CSIZE | CRTSCTS);
    tio.c_cflag |= CS8 | CLOCAL | CREAD;
    tio.c_iflag &= ~(IXON | IXOFF | IXANY);
    tio.c_cc[VMIN] = 1;
    tio.c_cc[VTIME] = 0;
    speed_t speed = tty_speed(baud);
    if (cfsetispeed(&tio, speed) != 0 || cfsetospeed(&tio, speed) != 0 || tcsetattr(fd, TCSANOW, &tio) != 0)
        return RawTtyResult::SetFailed;
    return RawTtyResult::Ok;
}

} // namespace kiosk::drivers
