#include "core/base/Result.h"

namespace kiosk {

const char* to_string(ErrorCode code) {
    switch (code) {
    case ErrorCode::InvalidArgument:
        return "invalid argument";
    case ErrorCode::InvalidData:
        return "invalid data";
    case ErrorCode::NotFound:
        return "not found";
    case ErrorCode::Io:
        return "I/O error";
    case ErrorCode::Busy:
        return "busy";
    case ErrorCode::ReadOnly:
        return "read-only";
    case ErrorCode::Corrupt:
        return "corrupt";
    case ErrorCode::Timeout:
        return "timeout";
    case ErrorCode::Unsupported:
        return "not supported";
    case ErrorCode::Device:
        return "device fault";
    case ErrorCode::Denied:
        return "denied";
    case ErrorCode::Internal:
        return "internal error";
    }
    return "unknown error";
}

} // namespace kiosk
