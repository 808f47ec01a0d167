#pragma once
// What a scene is entered with, as types. Each scene takes one argument type (most take none); the
// table below says which, Navigator::go<id>(argument) accepts only that type, and the flow table
// (CitizenFlow.cpp) checks each scene class against it — a mismatch is a build error, not a string
// that a scene fails to parse at run time.
//
// The one place arguments are text is the engineers' --scene/--arg screenshot option: parse_argument
// turns "passport" or "package:newborn" into the type the scene takes, or says why not.

#include "core/base/Result.h"

#include <string>
#include <string_view>
#include <variant>

namespace kiosk::ui {

enum class SceneId {
    Attract,
    Language,
    Home,
    Identify,
    Catalog,
    Checklist,
    Scan,
    Form,    // the application form: read values to confirm, the rest typed on the on-screen keyboard
    Confirm, // review, consent, submit (sealed in the outbox), acceptance receipt
    Progress,
    Certificates,
    Problem,     // a failure that stops the citizen's way: what happened, what to do instead
    StaffSignIn, // maintenance mode: the staff PIN pad (from the attract screen's hidden gesture)
    Maintenance, // maintenance mode: the staff screens, one tab at a time
    OutOfService // last: kSceneCount counts up to it
};
inline constexpr size_t kSceneCount = static_cast<size_t>(SceneId::OutOfService) + 1;

struct NoArgument {
    bool operator==(const NoArgument&) const = default;
};

// Attract: how the last visit ended. With the citizen's card still on the reader, the first screen
// asks for it to be taken.
enum class Farewell { None, TakeYourCard };

// Identify: by the QR code on a receipt or an e-certificate, or by a passport's data page.
enum class IdentifyBy { Qr, Passport };

// Catalog: which shelf shows first.
enum class CatalogShelf { Packages, Matters };

// Checklist: the package or matter to show and select, by catalog key ("package:newborn").
struct ItemKey {
    std::string key;
    bool operator==(const ItemKey&) const = default;
};

// Problem: which failure. Failures the citizen can fix on the spot (lay the card flat, take the
// paper) are notices over the scene they met them on; these need another way or a member of staff.
enum class Problem {
    CardInvalid // the card answered, but its contents failed the checks: reading it again cannot help
};

// Maintenance: the tab it opens on, in the order the tab bar shows them. Each name is its --arg for
// screenshots and the tail of its translation key ("staff.tab.devices") and golden file names.
// Config: the config slots, shown to engineers only (StaffAction::ChangeSettings).
enum class StaffTab { Devices, Tests, Consumables, Outbox, Service, About, Config };
inline constexpr int kStaffTabCount = 7;
inline const char* to_string(StaffTab tab) {
    constexpr const char* kNames[] = {"devices", "tests", "consumables", "outbox",
                                      "service", "about", "config"};
    return kNames[static_cast<int>(tab)];
}

// Progress: the token of the receipt's QR code the citizen scanned.
struct ReceiptToken {
    std::string token;
    bool operator==(const ReceiptToken&) const = default;
};

using SceneArgument =
    std::variant<NoArgument, Farewell, IdentifyBy, CatalogShelf, ItemKey, ReceiptToken, Problem, StaffTab>;

// Which argument each scene takes. Scan, Form and Confirm take none: they work on the item the
// citizen's case holds (CitizenCase::item()), chosen on the checklist.
template <SceneId>
struct SceneArgumentOf {
    using type = NoArgument;
};
template <>
struct SceneArgumentOf<SceneId::Attract> {
    using type = Farewell;
};
template <>
struct SceneArgumentOf<SceneId::Identify> {
    using type = IdentifyBy;
};
template <>
struct SceneArgumentOf<SceneId::Catalog> {
    using type = CatalogShelf;
};
template <>
struct SceneArgumentOf<SceneId::Checklist> {
    using type = ItemKey;
};
template <>
struct SceneArgumentOf<SceneId::Progress> {
    using type = ReceiptToken;
};
template <>
struct SceneArgumentOf<SceneId::Problem> {
    using type = Problem;
};
template <>
struct SceneArgumentOf<SceneId::Maintenance> {
    using type = StaffTab;
};
template <SceneId id>
using ArgumentOf = typename SceneArgumentOf<id>::type;

// Whether `argument` holds the type scene `id` takes (the run-time face of the table, for the one
// untyped entry: navigation by a SceneId chosen at run time).
bool takes(SceneId id, const SceneArgument& argument);

// The argument for scene `id` written as text ("" for the default: no argument, the packages shelf,
// no farewell): "card-left-on-reader", "qr"/"passport", "packages"/"matters", a catalog key, a token,
// "card-invalid", a staff tab ("devices", "tests", …).
Result<SceneArgument> parse_argument(SceneId id, std::string_view text);
// The same text back, for traces (never personal data: a token is not shown).
std::string describe(const SceneArgument& argument);

} // namespace kiosk::ui
