#include "drivers/idcard/PhotoDecodingReader.h"

#include "core/base/Log.h"

namespace kiosk::drivers {

Result<void> PhotoDecodingReader::start(Sink sink) {
    return m_reader->start([this, sink = std::move(sink)](IdCardEvent event) {
        if (auto* placed = std::get_if<CardPlaced>(&event); placed && !placed->identity.photo_wlt.empty()) {
            if (auto decoded = m_decoder->decode_into(placed->identity); !decoded)
                log::warn("idcard photo not shown: {}", decoded.error().describe());
        }
        sink(std::move(event));
    });
}

} // namespace kiosk::drivers
