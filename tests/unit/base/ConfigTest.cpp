// The kiosk's configuration file: every option has a default, a full file sets every option, relative
// paths follow the config file, and every mistake (bad JSON, a typo in a key, a wrong type, a value
// out of range) is refused with the file and the key path in the message, never silently defaulted.

#include "core/base/Config.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <string>

namespace kiosk {
namespace {

using ::testing::HasSubstr;
using ::testing::StartsWith;

const std::string config_dir = std::string(KIOSK_FIXTURES_DIR) + "/config";
const std::string fixtures_dir = KIOSK_FIXTURES_DIR;

// The error parse_config gives for `json`, or a test failure if it accepted it.
Error refusal(const std::string& json) {
    auto parsed = parse_config(json, "kiosk.json");
    if (parsed.ok()) {
        ADD_FAILURE() << "accepted: " << json;
        return {};
    }
    return parsed.release_error();
}

TEST(Config, EmptyObjectGivesTheDefaults) {
    auto loaded = load_config(config_dir + "/empty.json");
    ASSERT_TRUE(loaded.ok()) << loaded.error().describe();
    const KioskOptions& options = loaded.value();
    EXPECT_EQ(options.kiosk_id, "kiosk-001");
    EXPECT_EQ(options.default_language, Language::ZhCN);
    EXPECT_FALSE(options.demo_mode);
    EXPECT_EQ(options.display.width, 1920);
    EXPECT_EQ(options.display.height, 1080);
    EXPECT_FALSE(options.display.portrait);
    EXPECT_FALSE(options.display.fullscreen);
    EXPECT_EQ(options.display.font_face_index, 2);
    EXPECT_EQ(options.display.renderer, "software");
    EXPECT_EQ(options.session.inactivity_warning_s, 60);
    EXPECT_EQ(options.session.inactivity_countdown_s, 20);
    EXPECT_EQ(options.session.card_removed_grace_s, 30);
    EXPECT_EQ(options.session.resume_within_s, 600);
    EXPECT_EQ(options.hall.name, (LocalizedText{"市民服务中心", "Citizen Service Centre"}));
    EXPECT_EQ(options.hall.phone, "12345");
    EXPECT_TRUE(options.hall.address.zh.empty());
    EXPECT_TRUE(options.hall.announcements.empty());
    EXPECT_TRUE(options.hall.opening_hours.weekly.empty()); // always open
    EXPECT_TRUE(options.hall.opening_hours.closed_dates.empty());
    for (const DeviceOptions* device :
         {&options.devices.idcard, &options.devices.scanner, &options.devices.qr,
          &options.devices.receipt_printer, &options.devices.a4_printer}) {
        EXPECT_EQ(device->backend, "sim");
        EXPECT_EQ(device->device, "");
    }
    // The default relative paths follow the config file too.
    EXPECT_EQ(options.paths.catalog, fixtures_dir + "/catalog/sample-catalog.json");
    EXPECT_EQ(options.paths.strings, fixtures_dir + "/i18n/strings.json");
    EXPECT_EQ(options.paths.database, "/var/lib/onewindow/kiosk.db");
    EXPECT_EQ(options.paths.drafts, "/var/lib/onewindow/drafts");
}

TEST(Config, FullFileSetsEveryOption) {
    auto loaded = load_config(config_dir + "/full.json");
    ASSERT_TRUE(loaded.ok()) << loaded.error().describe();
    const KioskOptions& options = loaded.value();
    EXPECT_EQ(options.kiosk_id, "hall-3-kiosk-07");
    EXPECT_EQ(options.default_language, Language::En);
    EXPECT_TRUE(options.demo_mode);
    EXPECT_EQ(options.display.width, 1280);
    EXPECT_EQ(options.display.height, 1024);
    EXPECT_FALSE(options.display.portrait);
    EXPECT_TRUE(options.display.fullscreen);
    EXPECT_EQ(options.display.font_regular, "/opt/fonts/Regular.ttc");
    EXPECT_EQ(options.display.font_bold, "/opt/fonts/Bold.ttc");
    EXPECT_EQ(options.display.font_face_index, 0);
    EXPECT_EQ(options.session.inactivity_warning_s, 90);
    EXPECT_EQ(options.session.inactivity_countdown_s, 15);
    EXPECT_EQ(options.session.card_removed_grace_s, 45);
    EXPECT_EQ(options.session.resume_within_s, 300);
    EXPECT_EQ(options.paths.drafts, "/var/lib/onewindow/hall-3-drafts");
    EXPECT_EQ(options.hall.name,
              (LocalizedText{"高新区政务服务中心", "Hi-Tech Zone Government Service Centre"}));
    EXPECT_EQ(options.hall.phone, "0571-12345");
    EXPECT_EQ(options.hall.address, (LocalizedText{"高新区创新路 8 号", "8 Innovation Road, Hi-Tech Zone"}));
    ASSERT_EQ(options.hall.announcements.size(), 1u);
    EXPECT_EQ(options.hall.announcements[0],
              (LocalizedText{"今日下午停电检修", "Power maintenance this afternoon"}));
    EXPECT_EQ(options.hall.opening_hours.weekly,
              (std::vector<OpeningPeriod>{{0b0111110U, 9 * 60, 17 * 60}, {1U << 6, 9 * 60, 12 * 60}}));
    EXPECT_EQ(options.hall.opening_hours.closed_dates, std::vector<std::string>{"2026-10-01"});
    EXPECT_EQ(options.devices.idcard.backend, "sam-serial");
    EXPECT_EQ(options.devices.idcard.device, "/dev/ttyACM0");
    EXPECT_EQ(options.devices.idcard.baud, 57600);
    EXPECT_EQ(options.devices.idcard.photo_decoder, "/opt/vendor/libonewindow-wlt.so");
    EXPECT_EQ(options.devices.scanner.baud, 115200); // the default
    EXPECT_EQ(options.devices.scanner.backend, "sane");
    EXPECT_EQ(options.devices.scanner.device, "test:0");
    EXPECT_EQ(options.devices.qr.backend, "wedge");
    EXPECT_EQ(options.devices.qr.device, "");
    EXPECT_EQ(options.devices.receipt_printer.backend, "cups");
    EXPECT_EQ(options.devices.receipt_printer.device, "receipt");
    EXPECT_EQ(options.devices.a4_printer.backend, "cups");
    EXPECT_EQ(options.devices.a4_printer.device, "a4");
}

TEST(Config, RelativePathsFollowTheConfigFileAndAbsoluteOnesStay) {
    auto loaded = load_config(config_dir + "/full.json");
    ASSERT_TRUE(loaded.ok()) << loaded.error().describe();
    EXPECT_EQ(loaded->paths.catalog, config_dir + "/catalog/hall-3.json");
    EXPECT_EQ(loaded->paths.strings, fixtures_dir + "/i18n/strings.json"); // "../" folded away
    EXPECT_EQ(loaded->paths.database, "/var/lib/onewindow/hall-3.db");

    // parse_config alone knows no folder: it leaves paths as written.
    auto parsed = parse_config(R"({"paths": {"catalog": "catalog/hall-3.json"}})", "kiosk.json");
    ASSERT_TRUE(parsed.ok()) << parsed.error().describe();
    EXPECT_EQ(parsed->paths.catalog, "catalog/hall-3.json");
}

TEST(Config, AFactoryContentFolderAndConfigSlots) {
    auto parsed = parse_config(R"({"paths": {"content": "/usr/share/onewindow/content",
                                             "config_slots": "/var/lib/onewindow"}})",
                               "kiosk.json");
    ASSERT_TRUE(parsed.ok()) << parsed.error().describe();
    EXPECT_EQ(parsed->paths.content, "/usr/share/onewindow/content");
    EXPECT_EQ(parsed->paths.config_slots, "/var/lib/onewindow");
    // The folder's content.json names the parts: naming them here too is a mistake.
    EXPECT_THAT(refusal(R"({"paths": {"content": "/c", "catalog": "x.json"}})").message,
                HasSubstr("kiosk.json: paths.content: names the factory content folder"));
    // A bundle must have a factory folder to fall back to.
    EXPECT_THAT(refusal(R"({"paths": {"config_slots": "/var/lib/onewindow"}})").message,
                HasSubstr("kiosk.json: paths.config_slots: needs paths.content"));
    EXPECT_TRUE(parse_config("{}", "kiosk.json")->paths.content.empty());
}

TEST(Config, BrokenJsonIsRefusedNamingTheFile) {
    std::string path = config_dir + "/invalid.json";
    auto loaded = load_config(path);
    ASSERT_FALSE(loaded.ok());
    EXPECT_EQ(loaded.error().code, ErrorCode::InvalidData);
    EXPECT_THAT(loaded.error().message, StartsWith(path + ": not valid JSON"));
}

TEST(Config, MissingFileIsNotFoundNamingThePath) {
    std::string path = config_dir + "/no-such-kiosk.json";
    auto loaded = load_config(path);
    ASSERT_FALSE(loaded.ok());
    EXPECT_EQ(loaded.error().code, ErrorCode::NotFound);
    EXPECT_THAT(loaded.error().message, HasSubstr(path));
}

TEST(Config, TopLevelMustBeAnObject) {
    for (const char* json : {"[]", "\"kiosk\"", "42", "null"}) {
        Error error = refusal(json);
        EXPECT_EQ(error.code, ErrorCode::InvalidData) << json;
        EXPECT_EQ(error.message, "kiosk.json: expected a JSON object") << json;
    }
}

struct Mistake {
    const char* json;
    const char* message; // the whole message parse_config must give
};

void expect_refused_with(const Mistake& mistake) {
    Error error = refusal(mistake.json);
    EXPECT_EQ(error.code, ErrorCode::InvalidData) << mistake.json;
    EXPECT_EQ(error.message, mistake.message) << mistake.json;
}

TEST(Config, UnknownKeysAreRefusedWithTheirPath) {
    const Mistake mistakes[] = {
        {R"({"kiosk_idd": "k-1"})", "kiosk.json: kiosk_idd: unknown key"},
        {R"({"display": {"widht": 1280}})", "kiosk.json: display.widht: unknown key"},
        {R"({"session": {"timeout_s": 30}})", "kiosk.json: session.timeout_s: unknown key"},
        {R"({"hall": {"adress": "x"}})", "kiosk.json: hall.adress: unknown key"},
        {R"({"devices": {"printer": {}}})", "kiosk.json: devices.printer: unknown key"},
        {R"({"devices": {"qr": {"port": "/dev/ttyS0"}}})", "kiosk.json: devices.qr.port: unknown key"},
        {R"({"paths": {"logs": "/tmp"}})", "kiosk.json: paths.logs: unknown key"},
    };
    for (const auto& mistake : mistakes)
        expect_refused_with(mistake);
}

TEST(Config, WrongTypesAreRefusedWithTheirPath) {
    const Mistake mistakes[] = {
        {R"({"kiosk_id": 7})", "kiosk.json: kiosk_id: expected a string"},
        {R"({"demo_mode": "yes"})", "kiosk.json: demo_mode: expected true or false"},
        {R"({"display": [1920, 1080]})", "kiosk.json: display: expected an object"},
        {R"({"display": {"width": "1920"}})", "kiosk.json: display.width: expected an integer"},
        {R"({"display": {"height": 1080.5}})", "kiosk.json: display.height: expected an integer"},
        {R"({"display": {"fullscreen": 1}})", "kiosk.json: display.fullscreen: expected true or false"},
        {R"({"session": {"inactivity_warning_s": null}})",
         "kiosk.json: session.inactivity_warning_s: expected an integer"},
        {R"({"devices": {"idcard": {"backend": 1}}})",
         "kiosk.json: devices.idcard.backend: expected a string"},
        {R"({"devices": {"scanner": "sane"}})", "kiosk.json: devices.scanner: expected an object"},
        {R"({"devices": {"idcard": {"baud": 1000000}}})",
         "kiosk.json: devices.idcard.baud: must be between 9600 and 115200"},
        {R"({"paths": {"database": false}})", "kiosk.json: paths.database: expected a string"},
        {R"({"hall": {"announcements": {"zh-CN": "a", "en": "b"}}})",
         "kiosk.json: hall.announcements: expected an array of texts"},
    };
    for (const auto& mistake : mistakes)
        expect_refused_with(mistake);
}

TEST(Config, TranslatedTextsNeedBothLanguages) {
    const Mistake mistakes[] = {
        {R"({"hall": {"name": "大厅"}})",
         R"(kiosk.json: hall.name: expected an object {"zh-CN": ..., "en": ...})"},
        {R"({"hall": {"name": {"zh-CN": "大厅"}}})", "kiosk.json: hall.name: missing en text"},
        {R"({"hall": {"name": {"zh-CN": "", "en": "Hall"}}})", "kiosk.json: hall.name: missing zh-CN text"},
        {R"({"hall": {"name": {"zh-CN": "大厅", "en": "Hall", "fr": "Salle"}}})",
         "kiosk.json: hall.name: unknown language 'fr' (expected zh-CN and en)"},
        {R"({"hall": {"announcements": [{"zh-CN": "一", "en": "one"}, {"zh-CN": "二"}]}})",
         "kiosk.json: hall.announcements[1]: missing en text"},
        {R"({"hall": {"announcements": [{"zh-CN": "一", "en": 1}]}})",
         "kiosk.json: hall.announcements[0]: text for 'en' must be a string"},
    };
    for (const auto& mistake : mistakes)
        expect_refused_with(mistake);
}

TEST(Config, ValuesOutOfRangeOrNotAllowedAreRefused) {
    const Mistake mistakes[] = {
        {R"({"display": {"width": 100}})", "kiosk.json: display.width: must be between 320 and 7680"},
        {R"({"display": {"height": 7681}})", "kiosk.json: display.height: must be between 240 and 7680"},
        {R"({"display": {"font_face_index": -1}})",
         "kiosk.json: display.font_face_index: must be between 0 and 64"},
        {R"({"session": {"inactivity_warning_s": 4}})",
         "kiosk.json: session.inactivity_warning_s: must be between 5 and 3600"},
        {R"({"session": {"inactivity_countdown_s": 601}})",
         "kiosk.json: session.inactivity_countdown_s: must be between 3 and 600"},
        {R"({"session": {"card_removed_grace_s": -1}})",
         "kiosk.json: session.card_removed_grace_s: must be between 0 and 600"},
        {R"({"display": {"width": 99999999999}})", "kiosk.json: display.width: must be between 320 and 7680"},
        {R"({"default_language": "fr"})", R"(kiosk.json: default_language: must be "zh-CN" or "en")"},
        {R"({"display": {"renderer": "opengl"}})",
         "kiosk.json: display.renderer: 'opengl' is not one of software, gpu"},
    };
    for (const auto& mistake : mistakes)
        expect_refused_with(mistake);
}

TEST(Config, RangeLimitsThemselvesAreAccepted) {
    auto parsed = parse_config(R"({"display": {"width": 320, "height": 7680, "renderer": "gpu"},
                                   "session": {"inactivity_warning_s": 5, "inactivity_countdown_s": 600}})",
                               "kiosk.json");
    ASSERT_TRUE(parsed.ok()) << parsed.error().describe();
    EXPECT_EQ(parsed->display.width, 320);
    EXPECT_EQ(parsed->display.height, 7680);
    EXPECT_EQ(parsed->display.renderer, "gpu");
    EXPECT_EQ(parsed->session.inactivity_warning_s, 5);
    EXPECT_EQ(parsed->session.inactivity_countdown_s, 600);
}

TEST(Config, TheFirstMistakeIsTheOneReported) {
    expect_refused_with({R"({"kiosk_id": 7, "display": {"width": "wide"}, "typo": 1})",
                         "kiosk.json: kiosk_id: expected a string"});
    expect_refused_with(
        {R"({"display": {"width": "wide"}, "typo": 1})", "kiosk.json: display.width: expected an integer"});
}

TEST(Config, PortraitCabinetSwapsTheLandscapeDefaults) {
    auto portrait = parse_config(R"({"display": {"portrait": true}})", "kiosk.json");
    ASSERT_TRUE(portrait.ok()) << portrait.error().describe();
    EXPECT_EQ(portrait->display.width, 1080);
    EXPECT_EQ(portrait->display.height, 1920);

    // Sizes already given the portrait way round stay as they are.
    auto explicit_size =
        parse_config(R"({"display": {"portrait": true, "width": 768, "height": 1366}})", "kiosk.json");
    ASSERT_TRUE(explicit_size.ok()) << explicit_size.error().describe();
    EXPECT_EQ(explicit_size->display.width, 768);
    EXPECT_EQ(explicit_size->display.height, 1366);
}

TEST(ReadFile, ReturnsTheWholeFileOrNamesThePath) {
    auto text = read_file(config_dir + "/empty.json");
    ASSERT_TRUE(text.ok()) << text.error().describe();
    EXPECT_EQ(text.value(), "{}\n");

    auto missing = read_file(config_dir + "/absent.json");
    ASSERT_FALSE(missing.ok());
    EXPECT_EQ(missing.error().code, ErrorCode::NotFound);
    EXPECT_EQ(missing.error().message, config_dir + "/absent.json: cannot open for reading");

    // A folder is not an empty file.
    auto folder = read_file(config_dir);
    ASSERT_FALSE(folder.ok());
    EXPECT_EQ(folder.error().code, ErrorCode::Io);
    EXPECT_EQ(folder.error().message, config_dir + ": is a folder, not a file");
    auto config_folder = load_config(config_dir);
    ASSERT_FALSE(config_folder.ok());
    EXPECT_EQ(config_folder.error().message, config_dir + ": is a folder, not a file");
}

TEST(Config, QrPayloadLinksAreHttpsPrefixes) {
    auto empty = parse_config("{}", "kiosk.json");
    ASSERT_TRUE(empty.ok());
    EXPECT_EQ(empty->qr_payloads.receipt_base_url, "");
    EXPECT_TRUE(empty->qr_payloads.url_allowlist.empty()); // no link is offered unless configured

    auto set = parse_config(R"({"qr_payloads": {"receipt_base_url": "https://zwfw.shili.gov.cn.example",
        "url_allowlist": ["https://zwfw.shili.gov.cn.example/", "https://www.gov.cn.example/zhengce"]}})",
                            "kiosk.json");
    ASSERT_TRUE(set.ok()) << set.error().describe();
    EXPECT_EQ(set->qr_payloads.receipt_base_url, "https://zwfw.shili.gov.cn.example");
    EXPECT_EQ(set->qr_payloads.url_allowlist,
              (std::vector<std::string>{"https://zwfw.shili.gov.cn.example/",
                                        "https://www.gov.cn.example/zhengce"}));

    const Mistake mistakes[] = {
        {R"({"qr_payloads": {"receipt_base_url": "http://zwfw.example"}})",
         "kiosk.json: qr_payloads.receipt_base_url: 'http://zwfw.example' must start with https:// and not "
         "end with /"},
        {R"({"qr_payloads": {"receipt_base_url": "https://zwfw.example/"}})",
         "kiosk.json: qr_payloads.receipt_base_url: 'https://zwfw.example/' must start with https:// and not "
         "end with /"},
        {R"({"qr_payloads": {"url_allowlist": ["javascript:"]}})",
         "kiosk.json: qr_payloads.url_allowlist: 'javascript:' is not an https:// prefix"},
        {R"({"qr_payloads": {"allowlist": []}})", "kiosk.json: qr_payloads.allowlist: unknown key"},
    };
    for (const auto& mistake : mistakes)
        expect_refused_with(mistake);
}

TEST(Config, ConsumablesHaveTheirDefaultsAndThresholdsAreChecked) {
    auto defaults = parse_config("{}", "kiosk.json");
    ASSERT_TRUE(defaults.ok());
    EXPECT_EQ(defaults->consumables.receipt_roll_mm, 80000);
    EXPECT_EQ(defaults->consumables.a4_tray_sheets, 250);
    EXPECT_EQ(defaults->consumables.toner.low_percent, 15);
    EXPECT_EQ(defaults->consumables.a4_paper.out_percent, 2);

    auto set = parse_config(R"({"consumables": {"receipt_roll_mm": 250000, "receipt_feed_mm": 20,
                                 "a4_tray_sheets": 500, "receipt_paper": {"low_percent": 20, "out_percent": 5},
                                 "toner": {"low_percent": 10}}})",
                            "kiosk.json");
    ASSERT_TRUE(set.ok()) << set.error().describe();
    EXPECT_EQ(set->consumables.receipt_roll_mm, 250000);
    EXPECT_EQ(set->consumables.receipt_feed_mm, 20);
    EXPECT_EQ(set->consumables.a4_tray_sheets, 500);
    EXPECT_EQ(set->consumables.receipt_paper.low_percent, 20);
    EXPECT_EQ(set->consumables.receipt_paper.out_percent, 5);
    EXPECT_EQ(set->consumables.toner.low_percent, 10);
    EXPECT_EQ(set->consumables.toner.out_percent, 2);

    const Mistake mistakes[] = {
        {R"({"consumables": {"a4_paper": {"low_percent": 5, "out_percent": 5}}})",
         "kiosk.json: consumables.a4_paper.out_percent: must be below low_percent (5)"},
        {R"({"consumables": {"receipt_roll_mm": 0}})",
         "kiosk.json: consumables.receipt_roll_mm: must be between 1000 and 1000000"},
        {R"({"consumables": {"paper": {}}})", "kiosk.json: consumables.paper: unknown key"},
    };
    for (const auto& mistake : mistakes)
        expect_refused_with(mistake);
}

} // namespace
} // namespace kiosk
