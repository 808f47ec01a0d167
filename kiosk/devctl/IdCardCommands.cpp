// kiosk-devctl idcard read --device PATH [--baud N] [--usb [VID:PID,…]] [--timeout-s S] [--json] [--unmasked]
// kiosk-devctl idcard decode FILE [--json] [--unmasked]
// Both print the identity: JSON with the keys of IdentityJson.h, or one "key: value" line each. The
// personal fields (name, numbers, address, birth date) are masked the way the hall's screens mask them:
// a reader check at a kiosk in service shows that the card reads, not whose it is, on a screen a citizen
// may see. `--unmasked` prints them in full, for the bench and for making test fixtures.

#include "core/base/Config.h"
#include "drivers/idcard/CardText.h"
#include "drivers/idcard/HexText.h"
#include "drivers/idcard/IdentityJson.h"
#include "drivers/idcard/SamReader.h"
#include "drivers/idcard/SerialLink.h"
#include "drivers/idcard/UsbLink.h"
#include "kiosk/devctl/DevCtl.h"

#include <cstdio>
#include <fmt/format.h>

namespace kiosk::devctl {
namespace {

// The fields that name a person, masked like the hall's screens ("张**", "1101**********1234").
void mask_personal_fields(nlohmann::json& json) {
    for (const char* key : {"name", "name_en"})
        if (json.contains(key))
            json[key] = domain::mask_name(json[key].get<std::string>());
    for (const char* key : {"id_number", "permit_number"})
        if (json.contains(key))
            json[key] = domain::mask_id_number(json[key].get<std::string>());
    if (json.contains("address"))
        json["address"] = "(masked)";
    if (json.contains("birth_date")) // YYYY-MM-DD: the year stays
        json["birth_date"] = json["birth_date"].get<std::string>().substr(0, 4) + "-**-**";
}

void print_identity(const domain::Identity& identity, bool as_json, bool unmasked) {
    auto json = drivers::identity_to_json(identity);
    if (!unmasked)
        mask_personal_fields(json);
    if (as_json) {
        fmt::print("{}\n", json.dump(2, ' ', false));
        return;
    }
    for (auto& [key, value] : json.items())
        fmt::print("{}: {}\n", key, value.get<std::string>());
    fmt::print("photo: {} bytes (WLT; decoding needs the vendor plugin)\n", identity.photo_wlt.size());
}

int fail(std::string_view what, const Error& error) {
    fmt::print(stderr, "kiosk-devctl: {}: {}\n", what, error.describe());
    return kExitFailed;
}

// A captured frame as it was on the wire, or as hex text (spaces, newlines, '#' comments allowed).
Result<std::vector<uint8_t>> read_frame_file(const std::string& path) {
    std::string content = TRY(read_file(path));
    if (!content.empty() && static_cast<uint8_t>(content[0]) == drivers::sam::kPreamble[0])
        return std::vector<uint8_t>(content.begin(), content.end());
    return drivers::sam::parse_hex(content);
}

int decode(const std::string& path, bool as_json, bool unmasked) {
    auto bytes = read_frame_file(path);
    if (!bytes)
        return fail(path, bytes.error());
    auto response = drivers::sam::parse_response_frame(bytes.value());
    if (!response)
        return fail("frame", response.error());
    auto identity = drivers::sam::parse_read_base(response.value(), drivers::local_today());
    if (!identity)
        return fail("card", identity.error());
    print_identity(identity.value(), as_json, unmasked);
    identity->wipe();
    return 0;
}

struct ReadArgs {
    std::string device;
    int baud = 115200;
    std::string usb_ids;
    bool usb = false;
    int timeout_s = 30;
    bool as_json = false;
    bool unmasked = false;
};

int read(const ReadArgs& args) {
    drivers::sam::SamLinkOpener opener;
    if (args.usb) {
        drivers::sam::UsbOptions usb;
        if (!args.usb_ids.empty()) {
            auto ids = drivers::sam::parse_usb_ids(args.usb_ids);
            if (!ids)
                return fail("--usb", ids.error());
            usb.ids = ids.release_value();
        }
        opener = drivers::sam::UsbLink::opener(usb);
    } else {
        if (auto baud = drivers::sam::check_baud(args.baud); !baud)
            return fail("--baud", baud.error());
        opener = drivers::sam::SerialLink::opener({.path = args.device, .baud = args.baud});
    }
    if (!args.as_json)
        fmt::print(stderr, "waiting up to {} s for a card…\n", args.timeout_s);
    auto identity = drivers::read_one_card(opener, {}, std::chrono::seconds(args.timeout_s));
    if (!identity)
        return fail("read", identity.error());
    print_identity(identity.value(), args.as_json, args.unmasked);
    identity->wipe();
    return 0;
}

} // namespace

void add_idcard_commands(CLI::App& app, int& exit_code) {
    auto* idcard = app.add_subcommand("idcard", "ID-card reader (GA/T 467 SAM): read a card, decode a frame");
    idcard->require_subcommand(1);

    auto args = std::make_shared<ReadArgs>();
    auto* read_command = idcard->add_subcommand("read", "wait for one card on the reader and print it");
    auto* device = read_command->add_option("--device", args->device, "serial reader: /dev/ttyACM0, a pty …");
    read_command->add_option("--baud", args->baud,
                             "serial speed (115200 default; 57600, 38400, 19200, 9600)");
    auto* usb = read_command
                    ->add_option("--usb", args->usb_ids,
                                 "native USB reader; optional VID:PID list (default 0400:c35a)")
                    ->expected(0, 1);
    read_command->add_option("--timeout-s", args->timeout_s, "give up after this many seconds")
        ->check(CLI::Range(1, 3600));
    read_command->add_flag("--json", args->as_json, "print JSON");
    read_command->add_flag("--unmasked", args->unmasked,
                           "print name, numbers, address and birth date in full (bench only)");
    device->excludes(usb);
    read_command->callback([args, usb, &exit_code] {
        args->usb = usb->count() > 0;
        if (!args->usb && args->device.empty())
            throw CLI::RequiredError("--device or --usb");
        exit_code = read(*args);
    });

    auto path = std::make_shared<std::string>();
    auto decode_json = std::make_shared<bool>(false);
    auto decode_unmasked = std::make_shared<bool>(false);
    auto* decode_command =
        idcard->add_subcommand("decode", "decode one captured 'read base message' response frame");
    decode_command->add_option("FILE", *path, "the frame: binary, or hex text")->required();
    decode_command->add_flag("--json", *decode_json, "print JSON");
    decode_command->add_flag("--unmasked", *decode_unmasked,
                             "print name, numbers, address and birth date in full (fixtures)");
    decode_command->callback([path, decode_json, decode_unmasked, &exit_code] {
        exit_code = decode(*path, *decode_json, *decode_unmasked);
    });
}

} // namespace kiosk::devctl
