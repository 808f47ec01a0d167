// The native-USB link, as far as a machine without a USB bus can test it: VID:PID options parse
// strictly, opening with no reader attached is an honest NotFound naming what was looked for, and
// the hot-plug monitor either runs and stops cleanly or says it is unsupported.

#include "drivers/idcard/UsbLink.h"
#include "drivers/idcard/UsbHotplug.h"

#include <gtest/gtest.h>

namespace kiosk::drivers::sam {
namespace {

TEST(UsbLinkTest, ParsesVendorAndProductIdsInEitherCase) {
    auto id = parse_usb_id("0400:C35A");
    ASSERT_TRUE(id.ok());
    EXPECT_EQ(id.value(), (UsbId{0x0400, 0xC35A}));
    EXPECT_EQ(parse_usb_id("0316:5020").value(), (UsbId{0x0316, 0x5020}));
    EXPECT_EQ(to_string(parse_usb_id("0400:c35a").value()), "0400:c35a");
}

TEST(UsbLinkTest, RejectsMalformedIds) {
    for (const char* text :
         {"", "0400", "0400:", ":c35a", "0400:c35g", "04000:c35a", "0400:c35a:1", "0x400:c35a"}) {
        auto id = parse_usb_id(text);
        ASSERT_FALSE(id.ok()) << text;
        EXPECT_EQ(id.error().code, ErrorCode::InvalidArgument) << text;
    }
}

TEST(UsbLinkTest, ParsesAListOfIds) {
    auto ids = parse_usb_ids("0400:c35a,0316:5020");
    ASSERT_TRUE(ids.ok());
    EXPECT_EQ(ids.value(), (std::vector<UsbId>{{0x0400, 0xC35A}, {0x0316, 0x5020}}));
    EXPECT_FALSE(parse_usb_ids("0400:c35a,").ok());
    EXPECT_FALSE(parse_usb_ids("").ok());
}

TEST(UsbLinkTest, DefaultsAreTheSamVReaderAndItsFourPipes) {
    UsbOptions options;
    EXPECT_EQ(options.ids, (std::vector<UsbId>{{0x0400, 0xC35A}}));
    EXPECT_EQ(options.interface_number, 0);
    EXPECT_EQ(options.endpoint_header_out, 0x02);
    EXPECT_EQ(options.endpoint_body_out, 0x06);
    EXPECT_EQ(options.endpoint_header_in, 0x81);
    EXPECT_EQ(options.endpoint_body_in, 0x85);
}

// Build machines have no USB bus; a kiosk running this test with such a reader plugged in would see
// it open instead, which is also fine.
TEST(UsbLinkTest, NoReaderAttachedIsNotFoundNamingTheIds) {
    UsbOptions options;
    options.ids = {{0x0400, 0xC35A}, {0x0316, 0x5020}};
    auto link = UsbLink::open(options);
    if (link.ok())
        GTEST_SKIP() << "a reader is attached: " << link.value()->describe();
    EXPECT_EQ(link.error().code, ErrorCode::NotFound) << link.error().describe();
    EXPECT_NE(link.error().message.find("0400:c35a"), std::string::npos) << link.error().message;
    auto through_opener = UsbLink::opener(options)();
    ASSERT_FALSE(through_opener.ok());
    EXPECT_EQ(through_opener.error().code, ErrorCode::NotFound);
}

TEST(UsbLinkTest, NoIdsIsAConfigurationError) {
    UsbOptions options;
    options.ids.clear();
    auto link = UsbLink::open(options);
    ASSERT_FALSE(link.ok());
    EXPECT_EQ(link.error().code, ErrorCode::InvalidArgument);
}

TEST(UsbLinkTest, HotplugMonitorStartsAndStopsOrSaysUnsupported) {
    int calls = 0;
    auto hotplug = UsbHotplug::start({{0x0400, 0xC35A}}, [&](UsbHotplugEvent, UsbId) { ++calls; });
    if (!hotplug.ok()) {
        EXPECT_EQ(hotplug.error().code, ErrorCode::Unsupported) << hotplug.error().describe();
        return;
    }
    hotplug.value().reset(); // joins its thread promptly
    EXPECT_EQ(calls, 0);
}

} // namespace
} // namespace kiosk::drivers::sam
