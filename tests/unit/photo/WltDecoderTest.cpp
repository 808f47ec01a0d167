// The vendor photo decoder is optional and untrusted: a missing file, a library of the wrong ABI and
// a refused photo are errors that cost nothing but the photo; a working plugin fills the identity.

#include "drivers/idcard/WltDecoder.h"
#include "drivers/idcard/IdCardReader.h"
#include "drivers/idcard/PhotoDecodingReader.h"
#include "drivers/idcard/SimIdCardReader.h"

#include <condition_variable>
#include <gtest/gtest.h>
#include <mutex>

namespace kiosk::drivers {
namespace {

std::vector<uint8_t> sample_wlt(uint8_t first) {
    std::vector<uint8_t> wlt(1024);
    for (size_t i = 0; i < wlt.size(); ++i)
        wlt[i] = static_cast<uint8_t>(i * 7);
    wlt[0] = first;
    return wlt;
}

TEST(WltDecoder, AMissingLibraryIsNotFound) {
    auto loaded = WltDecoder::load("/nonexistent/libwlt.so", KIOSK_PHOTO_DECODER);
    ASSERT_FALSE(loaded.ok());
    EXPECT_EQ(loaded.error().code, ErrorCode::NotFound);
}

TEST(WltDecoder, AFileThatIsNotALibraryIsRefused) {
    auto loaded = WltDecoder::load(KIOSK_SOURCE_DIR "/README.md", KIOSK_PHOTO_DECODER);
    ASSERT_FALSE(loaded.ok());
    EXPECT_EQ(loaded.error().code, ErrorCode::Unsupported);
}

TEST(WltDecoder, ALibraryWithoutTheEntryPointNamesIt) {
    auto loaded = WltDecoder::load(WRONG_ABI_PLUGIN, KIOSK_PHOTO_DECODER);
    ASSERT_FALSE(loaded.ok());
    EXPECT_EQ(loaded.error().code, ErrorCode::Unsupported);
    EXPECT_NE(loaded.error().message.find("onewindow_wlt_decode"), std::string::npos);
}

TEST(WltDecoder, DecodesA1024BytePhotoTo102By126Rgb) {
    auto decoder = WltDecoder::load(FAKE_WLT_PLUGIN, KIOSK_PHOTO_DECODER);
    ASSERT_TRUE(decoder.ok()) << decoder.error().describe();
    auto wlt = sample_wlt(0x12);
    auto rgb = decoder.value()->decode(wlt);
    ASSERT_TRUE(rgb.ok()) << rgb.error().describe();
    ASSERT_EQ(rgb->size(), 102u * 126 * 3);
    EXPECT_EQ(rgb.value()[0], 0x12);
    EXPECT_EQ(rgb.value()[1025], wlt[1]);
}

TEST(WltDecoder, WrongSizesAndRefusalsAreErrors) {
    auto decoder = WltDecoder::load(FAKE_WLT_PLUGIN, KIOSK_PHOTO_DECODER);
    ASSERT_TRUE(decoder.ok());
    std::vector<uint8_t> short_photo(1000);
    EXPECT_EQ(decoder.value()->decode(short_photo).error().code, ErrorCode::InvalidData);
    auto refused = decoder.value()->decode(sample_wlt(0xFF));
    ASSERT_FALSE(refused.ok());
    EXPECT_NE(refused.error().message.find("code 7"), std::string::npos);
}

// Through the decorator the kiosk uses: the card still arrives when its photo cannot be decoded.
struct Collected {
    std::mutex mutex;
    std::condition_variable changed;
    std::vector<domain::Identity> cards;

    domain::Identity wait_for_card() {
        std::unique_lock lock(mutex);
        changed.wait_for(lock, std::chrono::seconds(10), [&] { return !cards.empty(); });
        EXPECT_FALSE(cards.empty());
        auto card = cards.empty() ? domain::Identity{} : cards.front();
        if (!cards.empty())
            cards.erase(cards.begin());
        return card;
    }
};

TEST(PhotoDecodingReader, CardsArriveWithTheirPhotoOrWithoutOneButAlwaysArrive) {
    auto decoder = WltDecoder::load(FAKE_WLT_PLUGIN, KIOSK_PHOTO_DECODER);
    ASSERT_TRUE(decoder.ok());
    auto sim = std::make_unique<SimIdCardReader>();
    SimIdCardReader& sim_ref = *sim;
    PhotoDecodingReader reader(std::move(sim), decoder.release_value());
    Collected collected;
    ASSERT_TRUE(reader
                    .start([&](IdCardEvent event) {
                        if (auto* placed = std::get_if<CardPlaced>(&event)) {
                            std::lock_guard lock(collected.mutex);
                            collected.cards.push_back(placed->identity);
                            collected.changed.notify_all();
                        }
                    })
                    .ok());

    auto with_photo = SimIdCardReader::sample_identity(0);
    with_photo.photo_wlt = sample_wlt(0x01);
    sim_ref.place_card(with_photo);
    auto first = collected.wait_for_card();
    EXPECT_EQ(first.photo_width, 102);
    EXPECT_EQ(first.photo_height, 126);
    EXPECT_EQ(first.photo_rgb.size(), 102u * 126 * 3);
    sim_ref.remove_card();

    auto refused = SimIdCardReader::sample_identity(1);
    refused.photo_wlt = sample_wlt(0xFF);
    sim_ref.place_card(refused);
    auto second = collected.wait_for_card();
    EXPECT_EQ(second.name, refused.name);
    EXPECT_TRUE(second.photo_rgb.empty());
    EXPECT_EQ(second.photo_width, 0);
    reader.stop();
}

} // namespace
} // namespace kiosk::drivers
