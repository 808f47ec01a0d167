#pragma once
// The card photo: 1024 bytes of the proprietary, encrypted "WLT" format (docs/specs/idcard-sam.md
// §2.8) that only vendor libraries decode. OneWindow loads one, if the config names it, with dlopen
// and calls one C function of this ABI — a vendor's own entry point (Wlt2Bmp, GetBmp, CV_Decode …) is
// adapted to it by a small shim library built against that vendor's SDK:
//
//   extern "C" int onewindow_wlt_decode(const unsigned char* wlt, size_t wlt_size,
//                                       unsigned char* rgb, size_t rgb_size);
//
// wlt_size is 1024; rgb receives 102 × 126 pixels, 3 bytes each (R, G, B), rows top-down; the return
// value is 0 on success. Without a decoder the kiosk simply shows no photo.

#include "core/base/Result.h"
#include "core/domain/Identity.h"

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <vector>

namespace kiosk::drivers {

inline constexpr int kPhotoWidth = 102;
inline constexpr int kPhotoHeight = 126;
inline constexpr char kWltDecodeSymbol[] = "onewindow_wlt_decode";

class WltDecoder {
public:
    // Errors: NotFound (no such file), Unsupported (not a library, or no onewindow_wlt_decode in it).
    static Result<std::unique_ptr<WltDecoder>> load(const std::string& path);
    ~WltDecoder();
    WltDecoder(const WltDecoder&) = delete;
    WltDecoder& operator=(const WltDecoder&) = delete;

    // 102 × 126 RGB; InvalidData when the input is not 1024 bytes or the decoder refuses it.
    Result<std::vector<uint8_t>> decode(std::span<const uint8_t> wlt) const;
    // Fills identity.photo_rgb/width/height from identity.photo_wlt; on failure leaves them empty.
    Result<void> decode_into(domain::Identity& identity) const;

private:
    using DecodeFunction = int (*)(const unsigned char*, size_t, unsigned char*, size_t);
    WltDecoder(void* handle, DecodeFunction decode) : m_handle(handle), m_decode(decode) {}

    void* m_handle = nullptr;
    DecodeFunction m_decode = nullptr;
};

} // namespace kiosk::drivers
