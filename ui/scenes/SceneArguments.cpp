#include "ui/scenes/SceneArguments.h"

#include <array>
#include <utility>

namespace kiosk::ui {

namespace {

template <typename T>
constexpr size_t index_in_variant() {
    return SceneArgument(T{}).index();
}

// The variant index each scene's argument type has, built from SceneArgumentOf at compile time.
template <size_t... I>
constexpr std::array<size_t, kSceneCount> argument_indices(std::index_sequence<I...>) {
    return {index_in_variant<ArgumentOf<static_cast<SceneId>(I)>>()...};
}
constexpr auto kArgumentIndex = argument_indices(std::make_index_sequence<kSceneCount>{});

Error bad(std::string_view text, std::string_view expected) {
    return make_error(ErrorCode::InvalidArgument,
                      "scene argument '" + std::string(text) + "': expected " + std::string(expected));
}

} // namespace

bool takes(SceneId id, const SceneArgument& argument) {
    auto index = static_cast<size_t>(id);
    return index < kSceneCount && kArgumentIndex[index] == argument.index();
}

Result<SceneArgument> parse_argument(SceneId id, std::string_view text) {
    switch (id) {
    case SceneId::Attract:
        if (text.empty())
            return SceneArgument{Farewell::None};
        if (text == "card-left-on-reader")
            return SceneArgument{Farewell::TakeYourCard};
        return bad(text, "nothing or card-left-on-reader");
    case SceneId::Identify:
        if (text.empty() || text == "qr")
            return SceneArgument{IdentifyBy::Qr};
        if (text == "passport")
            return SceneArgument{IdentifyBy::Passport};
        return bad(text, "qr or passport");
    case SceneId::Catalog:
        if (text.empty() || text == "packages")
            return SceneArgument{CatalogShelf::Packages};
        if (text == "matters")
            return SceneArgument{CatalogShelf::Matters};
        return bad(text, "packages or matters");
    case SceneId::Checklist:
        // Whether the catalog has the item is the scene's question (it falls back to the first package).
        return SceneArgument{ItemKey{std::string(text)}};
    case SceneId::Progress:
        return SceneArgument{ReceiptToken{std::string(text)}};
    case SceneId::Problem:
        if (text.empty() || text == "card-invalid")
            return SceneArgument{Problem::CardInvalid};
        return bad(text, "card-invalid");
    case SceneId::Maintenance:
        if (text.empty())
            return SceneArgument{StaffTab::Devices};
        for (int i = 0; i < kStaffTabCount; ++i) {
            if (text == to_string(static_cast<StaffTab>(i)))
                return SceneArgument{static_cast<StaffTab>(i)};
        }
        return bad(text, "devices, tests, consumables, outbox, service, about or config");
    default:
        if (text.empty())
            return SceneArgument{NoArgument{}};
        return bad(text, "no argument");
    }
}

std::string describe(const SceneArgument& argument) {
    struct Describe {
        std::string operator()(NoArgument) const { return ""; }
        std::string operator()(Farewell f) const {
            return f == Farewell::TakeYourCard ? "card-left-on-reader" : "";
        }
        std::string operator()(IdentifyBy by) const { return by == IdentifyBy::Passport ? "passport" : "qr"; }
        std::string operator()(CatalogShelf shelf) const {
            return shelf == CatalogShelf::Matters ? "matters" : "packages";
        }
        std::string operator()(const ItemKey& item) const { return item.key; }
        std::string operator()(const ReceiptToken&) const { return "token"; }
        std::string operator()(Problem) const { return "card-invalid"; }
        std::string operator()(StaffTab tab) const { return to_string(tab); }
    };
    return std::visit(Describe{}, argument);
}

} // namespace kiosk::ui
