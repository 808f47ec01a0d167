#include "PanelTest.h"

#include "ui/scenes/staff/PanelKit.h"

#include "ui/toolkit/Fonts.h"
#include "ui/toolkit/Label.h"
#include "ui/toolkit/TextLayout.h"

#include <SDL2/SDL.h>
#include <SDL2/SDL_image.h>
#include <SDL2/SDL_ttf.h>
#include <filesystem>
#include <fmt/format.h>
#include <map>
#include <stdexcept>

namespace kiosk::ui::test {

namespace {

// One offscreen picture per screen size, software-rendered with the kiosk's fonts, kept for the process.
class Canvas {
public:
    static Canvas& of(int width, int height) {
        static std::map<std::pair<int, int>, std::unique_ptr<Canvas>> canvases;
        auto& canvas = canvases[{width, height}];
        if (!canvas)
            canvas.reset(new Canvas(width, height));
        return *canvas;
    }
    Painter& painter() { return *m_painter; }
    SDL_Surface* surface() const { return m_surface; }
    static Fonts& fonts() {
        static std::optional<Fonts> shared;
        if (!shared) {
            DisplayOptions display;
            auto made = Fonts::create({display.font_regular, display.font_bold, display.font_face_index});
            if (!made.ok())
                throw std::runtime_error(made.error().describe());
            shared.emplace(made.release_value());
        }
        return *shared;
    }
    ~Canvas() {
        m_painter.reset();
        SDL_DestroyRenderer(m_renderer);
        SDL_FreeSurface(m_surface);
    }

private:
    Canvas(int width, int height) {
        m_surface = SDL_CreateRGBSurfaceWithFormat(0, width, height, 32, SDL_PIXELFORMAT_RGBA32);
        m_renderer = m_surface ? SDL_CreateSoftwareRenderer(m_surface) : nullptr;
        if (!m_renderer)
            throw std::runtime_error(std::string("software renderer: ") + SDL_GetError());
        m_painter = std::make_unique<Painter>(m_renderer, fonts(), m_theme);
    }
    SDL_Surface* m_surface = nullptr;
    SDL_Renderer* m_renderer = nullptr;
    Theme m_theme; // scale 1: both screens have a 1080-px short side
    std::unique_ptr<Painter> m_painter;
};

bool overlap(Rect a, Rect b) {
    return a.x < b.right() && b.x < a.right() && a.y < b.bottom() && b.y < a.bottom();
}

bool inside(Rect inner, Rect outer) {
    return inner.x >= outer.x && inner.y >= outer.y && inner.right() <= outer.right() &&
           inner.bottom() <= outer.bottom();
}

// Characters the kiosk's font has no glyph for (drawn as an empty box), as "U+2717".
std::string missing_glyphs(const std::string& text) {
    TTF_Font* font = Canvas::fonts().get(30, false);
    std::string missing;
    for (size_t i = 0; i < text.size();) {
        char32_t c = next_code_point(text, i);
        if (c > 0x20 && !TTF_GlyphIsProvided32(font, c))
            missing += fmt::format(" U+{:04X}", static_cast<uint32_t>(c));
    }
    return missing;
}

std::string describe(Rect r) {
    return "(" + std::to_string(r.x) + "," + std::to_string(r.y) + " " + std::to_string(r.w) + "x" +
           std::to_string(r.h) + ")";
}

} // namespace

void PanelTest::SetUp() {
    SceneTest::SetUp();
    m_context->staff = &m_desk;
    sign_in(domain::StaffRole::DutyStaff);
}

void PanelTest::sign_in(domain::StaffRole role) {
    m_desk.member = domain::StaffMember{"S1024", "", role};
}

StaffPanel& PanelTest::open(PanelFactory factory, Rect content) {
    m_panel = factory(*m_context, m_desk);
    m_content = content;
    m_panel->layout(content);
    return *m_panel;
}

std::vector<Button*> PanelTest::buttons(std::string_view text) const {
    std::vector<Button*> found;
    for (Widget* child : m_panel->root().children()) {
        auto* button = dynamic_cast<Button*>(child);
        if (!button || !button->visible())
            continue;
        std::string_view shown = button->text();
        if (shown == text || (shown.ends_with(text) && shown.size() <= text.size() + 4))
            found.push_back(button);
    }
    return found;
}

Button& PanelTest::button(std::string_view text, size_t index) const {
    auto found = buttons(text);
    if (found.size() <= index)
        throw std::runtime_error("no button \"" + std::string(text) + "\" #" + std::to_string(index) +
                                 " on the panel: " + all_text());
    return *found[index];
}

void PanelTest::press(const Button& button) {
    Point at = button.bounds().centre();
    m_panel->root().on_pointer({PointerEvent::Type::Down, at});
    m_panel->root().on_pointer({PointerEvent::Type::Up, at});
}

Dialog* PanelTest::dialog() const {
    for (Widget* child : m_panel->root().children()) {
        if (auto* shown = dynamic_cast<Dialog*>(child); shown && shown->visible())
            return shown;
    }
    return nullptr;
}

std::vector<std::string> PanelTest::texts() const {
    return staff_panel_texts(m_panel->root());
}

bool PanelTest::shows(std::string_view text) const {
    for (const auto& shown : texts()) {
        if (shown.find(text) != std::string::npos)
            return true;
    }
    return false;
}

std::string PanelTest::all_text() const {
    std::string joined;
    for (const auto& text : texts())
        joined += "[" + text + "] ";
    return joined;
}

void PanelTest::draw_panel() {
    bool portrait = m_content.h > m_content.w;
    Canvas& canvas = Canvas::of(portrait ? 1080 : 1920, portrait ? 1920 : 1080);
    Painter& painter = canvas.painter();
    const Theme& theme = painter.theme();
    painter.clear(theme.background);
    // Where the maintenance scene's header and tab bar would be, and the panel's edge.
    painter.fill_rect({0, 0, canvas.surface()->w, theme.px(theme.header_height)}, theme.primary);
    painter.fill_rect({m_content.x - 2, m_content.y - 2, m_content.w + 4, 2}, theme.border);
    painter.fill_rect({m_content.x - 2, m_content.bottom(), m_content.w + 4, 2}, theme.border);
    m_panel->draw(painter);
}

std::string PanelTest::save_png(const std::string& name) {
    std::filesystem::create_directories(KIOSK_PANEL_PNG_DIR);
    std::string path = std::string(KIOSK_PANEL_PNG_DIR) + "/" + name + ".png";
    bool portrait = m_content.h > m_content.w;
    Canvas& canvas = Canvas::of(portrait ? 1080 : 1920, portrait ? 1920 : 1080);
    EXPECT_EQ(IMG_SavePNG(canvas.surface(), path.c_str()), 0) << path << ": " << SDL_GetError();
    return path;
}

std::vector<std::string> PanelTest::layout_problems() {
    bool portrait = m_content.h > m_content.w;
    Painter& painter = Canvas::of(portrait ? 1080 : 1920, portrait ? 1920 : 1080).painter();
    const Theme& theme = painter.theme();
    std::vector<std::string> problems;
    for (const auto& text : texts()) {
        if (auto missing = missing_glyphs(text); !missing.empty())
            problems.push_back(fmt::format("\"{}\" has characters the font lacks:{}", text, missing));
    }
    std::vector<std::pair<Widget*, std::string>> shown;
    for (Widget* child : m_panel->root().children()) {
        if (!child->visible() || dynamic_cast<Dialog*>(child))
            continue;
        std::string name;
        if (auto* label = dynamic_cast<Label*>(child)) {
            if (label->text().empty())
                continue;
            name = "label \"" + label->text() + "\"";
            if (!label->wraps() && painter.text_width(label->text(), label->style()) > child->bounds().w)
                problems.push_back(name + " is cut: wider than its box " + describe(child->bounds()));
            if (child->bounds().h < painter.line_height(label->style()) * 4 / 5)
                problems.push_back(name + " is taller than its box " + describe(child->bounds()));
        } else if (auto* button = dynamic_cast<Button*>(child)) {
            name = "button \"" + button->text() + "\"";
            TextStyle style{button->font_size() ? button->font_size() : theme.font_button, true};
            if (painter.text_width(button->text(), style) > child->bounds().w - 2 * theme.px(16))
                problems.push_back(name + " is cut: wider than its box " + describe(child->bounds()));
            if (child->bounds().h < 64 || child->bounds().w < 64)
                problems.push_back(name + " is smaller than a 64 px touch target " +
                                   describe(child->bounds()));
        } else {
            name = "widget " + describe(child->bounds());
        }
        if (!inside(child->bounds(), m_content))
            problems.push_back(name + " reaches outside the panel " + describe(child->bounds()));
        for (const auto& [other, other_name] : shown) {
            if (overlap(child->bounds(), other->bounds()))
                problems.push_back(fmt::format("{} overlaps {}", name, other_name));
        }
        shown.emplace_back(child, name);
    }
    return problems;
}

} // namespace kiosk::ui::test
