#include "drivers/idcard/emulator/EmulatorScript.h"
#include "core/base/JsonReader.h"
#include "drivers/idcard/HexText.h"
#include "drivers/idcard/Ucs2.h"

#include <algorithm>
#include <charconv>
#include <fmt/format.h>

namespace kiosk::drivers::sam::emulator {
namespace {

using domain::DocumentType;

constexpr Command kCommands[] = {
    Command::ResetSam,     Command::SamStatus, Command::ReadSamId,           Command::FindCard,
    Command::SelectCard,   Command::ReadBase,  Command::ReadAppendedAddress, Command::ReadBaseWithFingerprint,
    Command::SetMaxRfBytes};

std::optional<DocumentType> document_type_named(std::string_view name) {
    for (auto type :
         {DocumentType::ResidentId, DocumentType::HmtResidencePermit,
          DocumentType::ForeignPermanentResidence2017, DocumentType::ForeignPermanentResidence2023})
        if (name == to_string(type))
            return type;
    return std::nullopt;
}

// A recognisable but meaningless 1024-byte "photo" (real WLT data is proprietary, §2.8).
std::vector<uint8_t> fake_photo(size_t card_index) {
    std::vector<uint8_t> photo(kPhotoSize);
    for (size_t i = 0; i < photo.size(); ++i)
        photo[i] = static_cast<uint8_t>(i * 31 + card_index * 7 + 0x57);
    return photo;
}

void read_card(JsonReader& r, size_t index, EmulatedCard& card) {
    domain::Identity identity;
    std::string type = to_string(identity.document_type), sex(1, identity.sex), text_hex, address;
    r.optional("document_type", type);
    r.optional("name", identity.name);
    r.optional("name_en", identity.name_en);
    r.optional("sex", sex);
    r.optional("nation", identity.nation);
    r.optional("birth_date", identity.birth_date);
    r.optional("address", identity.address);
    r.optional("id_number", identity.id_number);
    r.optional("issuer", identity.issuer);
    r.optional("valid_from", identity.valid_from);
    r.optional("valid_until", identity.valid_until);
    r.optional("permit_number", identity.permit_number);
    r.optional("nationality", identity.nationality);
    r.optional("text_hex", text_hex);
    r.optional("fingerprint", card.fingerprint);
    r.optional("appended_address", address);
    if (!r.ok())
        return;
    if (!address.empty()) { // §1.2: 70 bytes of UCS-2LE, padded with spaces like the text block
        auto units = utf8_to_ucs2(address);
        if (!units || units->size() > 35)
            return r.fail("appended_address", "expected at most 35 characters of the BMP");
        std::array<uint8_t, 70> bytes;
        for (size_t i = 0; i < 35; ++i) {
            char16_t unit = i < units->size() ? units.value()[i] : u' ';
            bytes[2 * i] = static_cast<uint8_t>(unit & 0xFF);
            bytes[2 * i + 1] = static_cast<uint8_t>(unit >> 8);
        }
        card.appended_address = bytes;
    }
    card.photo = fake_photo(index);
    if (!text_hex.empty()) {
        auto bytes = parse_hex(text_hex);
        if (!bytes || bytes->size() != kTextSize)
            return r.fail("text_hex", fmt::format("expected {} bytes of hex", kTextSize));
        std::copy(bytes->begin(), bytes->end(), card.text.begin());
        return;
    }
    auto document_type = document_type_named(type);
    if (!document_type)
        return r.fail("document_type",
                      "expected resident_id, hmt_residence_permit, "
                      "foreign_permanent_residence_2017 or foreign_permanent_residence_2023");
    identity.document_type = *document_type;
    if (sex.size() != 1)
        return r.fail("sex", "expected \"M\" or \"F\"");
    identity.sex = sex[0];
    auto text = encode_card_text(identity);
    if (!text)
        return r.fail_at(r.path(), text.error().message);
    card.text = text.value();
}

void read_wire_fault(JsonReader& r, WireFault& fault) {
    std::string command;
    r.optional("responses", fault.responses, 0, 1000000);
    r.optional("command", command);
    if (!r.ok() || command.empty())
        return;
    for (Command known : kCommands)
        if (command == to_string(known))
            fault.command = known;
    if (!fault.command)
        r.fail("command", "unknown command name (find_card, select_card, read_base, …)");
}

void read_faults(JsonReader& r, Faults& faults) {
    r.optional("read_failures", faults.read_failures, 0, 1000000);
    r.optional("sam_not_ready_polls", faults.sam_not_ready_polls, 0, 1000000);
    r.optional_object("corrupt_checksum", [&](JsonReader& c) {
        read_wire_fault(c, faults.corrupt_checksum);
        c.finish();
    });
    r.optional_object("garbage_before", [&](JsonReader& c) {
        read_wire_fault(c, faults.garbage_before);
        std::string hex;
        c.optional("hex", hex);
        if (c.ok() && !hex.empty()) {
            auto bytes = parse_hex(hex);
            if (!bytes || bytes->empty())
                return c.fail("hex", "expected one or more bytes of hex");
            faults.garbage = bytes.release_value();
        }
        c.finish();
    });
    r.optional_object("split", [&](JsonReader& c) {
        read_wire_fault(c, faults.split);
        c.optional("parts", faults.split_parts, 2, 64);
        c.optional("gap_ms", faults.split_gap_ms, 0, 60000);
        c.finish();
    });
    r.finish();
}

} // namespace

Result<Action> parse_action(std::string_view line) {
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ' || line.back() == '\n'))
        line.remove_suffix(1);
    while (!line.empty() && line.front() == ' ')
        line.remove_prefix(1);
    auto space = line.find(' ');
    std::string_view verb = line.substr(0, space);
    std::string_view argument = space == std::string_view::npos ? std::string_view() : line.substr(space + 1);
    struct Verb {
        const char* name;
        Action::Kind kind;
        bool counted;
    };
    static constexpr Verb kVerbs[] = {{"place", Action::Kind::Place, true},
                                      {"remove", Action::Kind::Remove, false},
                                      {"unplug", Action::Kind::Unplug, false},
                                      {"fail-read", Action::Kind::FailRead, true},
                                      {"sam-not-ready", Action::Kind::SamNotReady, true},
                                      {"corrupt", Action::Kind::Corrupt, true},
                                      {"garbage", Action::Kind::Garbage, true},
                                      {"split", Action::Kind::Split, true},
                                      {"quit", Action::Kind::Quit, false}};
    for (const Verb& known : kVerbs) {
        if (verb != known.name)
            continue;
        Action action{known.kind, 0};
        if (!known.counted) {
            if (!argument.empty())
                return make_error(ErrorCode::InvalidArgument, fmt::format("'{}' takes no argument", verb));
            return action;
        }
        auto [end, ec] = std::from_chars(argument.data(), argument.data() + argument.size(), action.count);
        if (argument.empty() || ec != std::errc() || end != argument.data() + argument.size() ||
            action.count < 0)
            return make_error(ErrorCode::InvalidArgument, fmt::format("'{}' needs a number", verb));
        return action;
    }
    return make_error(ErrorCode::InvalidArgument,
                      "unknown action (place N, remove, unplug, fail-read K, sam-not-ready N, corrupt K, "
                      "garbage K, split K, quit)");
}

Result<EmulatorScript> parse_script(std::string_view json_text, std::string_view origin) {
    auto json = TRY(parse_json(json_text, origin));
    if (!json.is_object())
        return make_error(ErrorCode::InvalidData, fmt::format("{}: expected a JSON object", origin));
    EmulatorScript script;
    JsonReader root(json, std::string(origin), "");
    root.array_of_objects("cards", false, [&](JsonReader& r, size_t index) {
        script.cards.emplace_back();
        read_card(r, index, script.cards.back());
    });
    root.array_of_objects("timeline", false, [&](JsonReader& r, size_t) {
        TimedAction timed;
        std::string what;
        r.optional("at_ms", timed.at_ms, 0, 24 * 3600 * 1000);
        r.required("do", what);
        if (!r.ok())
            return;
        auto action = parse_action(what);
        if (!action)
            return r.fail("do", action.error().message);
        if (action->kind == Action::Kind::Place && size_t(action->count) >= script.cards.size())
            return r.fail("do",
                          fmt::format("no card {} (the script has {})", action->count, script.cards.size()));
        timed.action = action.value();
        timed.text = what;
        script.timeline.push_back(timed);
    });
    root.optional_object("timings", [&](JsonReader& r) {
        r.optional("response_delay_ms", script.timings.response_delay_ms, 0, 60000);
        r.optional("read_delay_ms", script.timings.read_delay_ms, 0, 60000);
        r.optional("wire_time", script.timings.wire_time);
        r.optional("baud", script.timings.baud, 1200, 4000000);
        r.finish();
    });
    root.optional_object("faults", [&](JsonReader& r) { read_faults(r, script.faults); });
    std::string sam_id;
    root.optional("sam_id_hex", sam_id);
    int replug = -1;
    root.optional("replug_after_ms", replug, 0, 24 * 3600 * 1000);
    root.finish();
    if (!root.ok())
        return root.error();
    if (replug >= 0)
        script.replug_after_ms = replug;
    if (!sam_id.empty()) {
        auto bytes = parse_hex(sam_id);
        if (!bytes || bytes->size() != script.sam_id.size())
            return make_error(ErrorCode::InvalidData,
                              fmt::format("{}: sam_id_hex: expected 16 bytes", origin));
        std::copy(bytes->begin(), bytes->end(), script.sam_id.begin());
    }
    std::stable_sort(script.timeline.begin(), script.timeline.end(),
                     [](const TimedAction& a, const TimedAction& b) { return a.at_ms < b.at_ms; });
    return script;
}

} // namespace kiosk::drivers::sam::emulator
