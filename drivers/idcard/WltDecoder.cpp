#include "drivers/idcard/WltDecoder.h"

#include <dlfcn.h>
#include <filesystem>

namespace kiosk::drivers {

Result<std::unique_ptr<WltDecoder>> WltDecoder::load(const std::string& path) {
    std::error_code ignored;
    if (!std::filesystem::is_regular_file(path, ignored))
        return make_error(ErrorCode::NotFound, "photo decoder: no library at " + path);
    // RTLD_LOCAL: the vendor's symbols stay out of ours.
    void* handle = dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
    if (!handle) {
        const char* reason = dlerror();
        return make_error(ErrorCode::Unsupported,
                          "photo decoder: cannot load " + path + ": " + (reason ? reason : "unknown reason"));
    }
    auto decode = reinterpret_cast<DecodeFunction>(dlsym(handle, kWltDecodeSymbol));
    if (!decode) {
        dlclose(handle);
        return make_error(ErrorCode::Unsupported, "photo decoder: " + path + " has no " + kWltDecodeSymbol +
                                                      " (see WltDecoder.h for the ABI)");
    }
    return std::unique_ptr<WltDecoder>(new WltDecoder(handle, decode));
}

WltDecoder::~WltDecoder() {
    if (m_handle)
        dlclose(m_handle);
}

Result<std::vector<uint8_t>> WltDecoder::decode(std::span<const uint8_t> wlt) const {
    if (wlt.size() != 1024)
        return make_error(ErrorCode::InvalidData,
                          "photo decoder: a WLT photo has 1024 bytes, not " + std::to_string(wlt.size()));
    std::vector<uint8_t> rgb(size_t(kPhotoWidth) * kPhotoHeight * 3);
    int status = m_decode(wlt.data(), wlt.size(), rgb.data(), rgb.size());
    if (status != 0)
        return make_error(ErrorCode::InvalidData,
                          "photo decoder: refused the photo (code " + std::to_string(status) + ")");
    return rgb;
}

Result<void> WltDecoder::decode_into(domain::Identity& identity) const {
    auto rgb = TRY(decode(identity.photo_wlt));
    identity.photo_rgb = std::move(rgb);
    identity.photo_width = kPhotoWidth;
    identity.photo_height = kPhotoHeight;
    return {};
}

} // namespace kiosk::drivers
