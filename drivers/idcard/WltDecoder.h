#pragma once
// The card photo: 1024 bytes of the proprietary, encrypted "WLT" format (docs/specs/idcard-sam.md
// §2.8) that only vendor libraries decode. OneWindow uses one, if the config names it, through one C
// function of this ABI — a vendor's own entry point (Wlt2Bmp, GetBmp, CV_Decode …) is adapted to it by
// a small shim library built against that vendor's SDK:
//
//   extern "C" int onewindow_wlt_decode(const unsigned char* wlt, size_t wlt_size,
//                                       unsigned char* rgb, size_t rgb_size);
//
// wlt_size is 1024; rgb receives 102 × 126 pixels, 3 bytes each (R, G, B), rows top-down; the return
// value is 0 on success. Without a decoder the kiosk simply shows no photo.
//
// The library is closed code handed bytes from a card, so it never runs in the kiosk: WltDecoder
// starts kiosk-photo-decoder (PhotoDecoderMain.cpp, installed beside the kiosk) with the plugin's path,
// and the helper closes the descriptors it inherited, restricts itself with Landlock to reading the
// system's libraries and the plugin's own folder (no keys, no database, nothing writable), loads the
// plugin and decodes one photo per request over its stdin/stdout. A decode that takes longer than
// kDecodeTimeout, or a helper that crashes, costs that card its photo: the helper is killed, and the
// next decode starts a new one.
//
// Threads: decode() and decode_into() may be called from any thread; calls are serialised.

#include "core/base/Result.h"
#include "core/domain/Identity.h"

#include <chrono>
#include <cstdint>
#include <memory>
#include <mutex>
#include <span>
#include <string>
#include <sys/types.h>
#include <vector>

namespace kiosk::drivers {

inline constexpr int kPhotoWidth = 102;
inline constexpr int kPhotoHeight = 126;
inline constexpr size_t kWltSize = 1024;
inline constexpr size_t kPhotoRgbSize = size_t(kPhotoWidth) * kPhotoHeight * 3;
inline constexpr char kWltDecodeSymbol[] = "onewindow_wlt_decode";
inline constexpr std::chrono::milliseconds kDecodeTimeout{3000};

class WltDecoder {
public:
    // Errors: NotFound (no such file, or no kiosk-photo-decoder to run it in), Unsupported (not a
    // library, or no onewindow_wlt_decode in it), Device (the helper would not start or answer).
    // helper_program: kiosk-photo-decoder's path; empty for the one beside this program.
    static Result<std::unique_ptr<WltDecoder>> load(const std::string& path,
                                                    const std::string& helper_program = {});
    ~WltDecoder();
    WltDecoder(const WltDecoder&) = delete;
    WltDecoder& operator=(const WltDecoder&) = delete;

    // 102 × 126 RGB; InvalidData when the input is not 1024 bytes or the decoder refuses it; Device
    // when the helper crashed, hung or could not be started (the next call starts a new one).
    Result<std::vector<uint8_t>> decode(std::span<const uint8_t> wlt) const;
    // Fills identity.photo_rgb/width/height from identity.photo_wlt; on failure leaves them empty.
    Result<void> decode_into(domain::Identity& identity) const;

    // kiosk-photo-decoder beside the running program.
    static std::string default_helper_program();

private:
    WltDecoder(std::string plugin, std::string helper)
        : m_plugin(std::move(plugin)), m_helper(std::move(helper)) {}

    // Starts the helper and reads its first line; the caller holds m_mutex.
    Result<void> start() const;
    // Kills the helper (its process group) and reaps it; the caller holds m_mutex.
    std::string stop() const; // how it ended
    Result<std::vector<uint8_t>> exchange(std::span<const uint8_t> wlt) const;

    std::string m_plugin;
    std::string m_helper;
    mutable std::mutex m_mutex;
    mutable pid_t m_pid = -1;
    mutable int m_socket = -1; // the helper's stdin and stdout
};

} // namespace kiosk::drivers
