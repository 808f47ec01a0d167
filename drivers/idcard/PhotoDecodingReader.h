#pragma once
// Wraps a reader so each card placed comes with its photo decoded — on the reader's own thread, never
// the UI's. A photo the decoder refuses is logged (without card data) and the identity goes on without
// it: a missing photo must never cost the citizen their session.

#include "drivers/idcard/IdCardReader.h"
#include "drivers/idcard/WltDecoder.h"

#include <memory>

namespace kiosk::drivers {

class PhotoDecodingReader final : public IdCardReader {
public:
    PhotoDecodingReader(std::unique_ptr<IdCardReader> reader, std::unique_ptr<WltDecoder> decoder)
        : m_reader(std::move(reader)), m_decoder(std::move(decoder)) {}

    Result<void> start(Sink sink) override;
    void stop() override { m_reader->stop(); }
    domain::DeviceStatus status() const override { return m_reader->status(); }

private:
    std::unique_ptr<IdCardReader> m_reader;
    std::unique_ptr<WltDecoder> m_decoder;
};

} // namespace kiosk::drivers
