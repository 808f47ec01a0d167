#include "ui/scenes/HomeScene.h"

namespace kiosk::ui {

using domain::DeviceKind;

namespace {
bool has_photo(const domain::Identity& identity) {
    return !identity.photo_rgb.empty() &&
           identity.photo_rgb.size() == size_t(identity.photo_width) * size_t(identity.photo_height) * 3;
}
} // namespace

HomeScene::HomeScene(SceneContext& context) : SceneWith<>(context) {
    m_idcard.on_click([this] { m_idcard.set_subtitle(tr("home.idcard_hint")); });
    m_qr.on_click([this] { m_ctx.nav->go<SceneId::Identify>(IdentifyBy::Qr); });
    m_passport.on_click([this] { m_ctx.nav->go<SceneId::Identify>(IdentifyBy::Passport); });
    m_browse.on_click([this] { m_ctx.nav->go<SceneId::Catalog>(CatalogShelf::Packages); });
    m_start.on_click([this] { m_ctx.nav->go<SceneId::Catalog>(CatalogShelf::Packages); });
    m_finish.on_click([this] { m_ctx.nav->end_session(services::SessionEndReason::Done); });
    m_certificates.on_click([this] { m_ctx.nav->go<SceneId::Certificates>(); });
    m_resume.primary().on_click([this] {
        m_ctx.citizen.accept_resume();
        const auto* sealed = m_ctx.citizen.submission();
        bool submitted = sealed && sealed->state == services::SubmitState::Sealed;
        if (submitted)
            m_ctx.nav->go<SceneId::Confirm>();
        else
            m_ctx.nav->go<SceneId::Scan>();
    });
    m_resume.secondary().on_click([this] {
        m_ctx.citizen.start_over();
        layout(m_content);
    });
    m_greeting.set_photo(&m_photo);
    m_root.add(m_greeting);
    for (Button* button : {&m_idcard, &m_qr, &m_passport, &m_browse, &m_start, &m_finish, &m_certificates})
        m_root.add(*button);
    m_root.add(m_resume); // last: while shown, it takes every touch
}

void HomeScene::layout_resume_offer() {
    const auto* item = m_ctx.citizen.item();
    m_resume.set_visible(m_ctx.citizen.resume_offered() && item);
    if (!m_resume.visible())
        return;
    std::string message = m_ctx.tr.format("home.resume_message", {{"item", item->name().in(language())}});
    if (!m_ctx.citizen.to_rescan().empty())
        message += "\n" + tr("home.resume_rescan");
    m_resume.set_title(tr("home.resume_title"));
    m_resume.set_message(std::move(message));
    m_resume.primary().set_text(tr("home.resume_continue"));
    m_resume.secondary().set_text(tr("home.resume_start_over"));
    m_resume.set_bounds(m_content);
}

void HomeScene::refresh_availability() {
    auto set = [this](Button& tile, DeviceKind device, const char* ready_key, const char* unusable_key) {
        bool usable = m_ctx.devices.usable(device);
        tile.set_enabled(usable);
        tile.set_subtitle(tr(usable ? ready_key : unusable_key));
    };
    // Which other way works is the other tiles' to say; staff are always there to help.
    set(m_idcard, DeviceKind::IdCardReader, "home.idcard_subtitle", "home.idcard_unavailable");
    set(m_qr, DeviceKind::QrScanner, "home.qr_subtitle", "home.device_unavailable");
    set(m_passport, DeviceKind::Scanner, "home.passport_subtitle", "home.device_unavailable");
}

bool HomeScene::on_event(const services::AppEvent& event) {
    if (std::holds_alternative<services::DeviceStatusChanged>(event)) {
        refresh_availability();
        return true;
    }
    if (std::holds_alternative<services::SealingChanged>(event)) {
        layout(m_content);
        return true;
    }
    if (std::holds_alternative<services::CardRead>(event)) {
        m_photo.reset();   // a new card: the previous cardholder's photo goes now
        layout(m_content); // switch to the greeting
        return true;
    }
    return false;
}

void HomeScene::layout(Rect content) {
    const Theme& theme = m_ctx.theme;
    m_content = content;
    const domain::Identity* identity = m_ctx.citizen.identity();
    bool portrait = content.h > content.w;
    m_idcard.set_text(tr("home.idcard"));
    m_idcard.set_icon("证");
    m_qr.set_text(tr("home.qr"));
    m_qr.set_icon("码");
    m_passport.set_text(tr("home.passport"));
    m_passport.set_icon("照");
    m_browse.set_text(tr("home.browse"));
    // A kiosk that cannot seal takes no application (Submissions::sealing()): the button says so
    // and sends the citizen to a counter; certificates and progress need no sealing.
    bool applying = !m_ctx.citizen.applying_closed();
    m_start.set_text(tr(applying ? "home.start_application" : "home.applying_closed"));
    m_start.set_enabled(applying);
    m_finish.set_text(tr("home.finish"));
    m_certificates.set_text(tr("home.certificates"));
    refresh_availability();
    layout_resume_offer();

    for (Button* tile : {&m_idcard, &m_qr, &m_passport, &m_browse})
        tile->set_visible(!identity);
    for (Widget* widget : std::initializer_list<Widget*>{&m_greeting, &m_start, &m_finish, &m_certificates})
        widget->set_visible(identity != nullptr);

    Rect area = content.inset(theme.px(theme.margin));
    if (identity) {
        // The citizen sees their name to confirm the right card was read; the ID number stays masked.
        m_greeting.set_title(m_ctx.tr.format("home.greeting", {{"name", identity->name}}));
        m_greeting.set_detail(tr(std::string("document.") + domain::to_string(identity->document_type)) +
                              "  " + domain::mask_id_number(identity->id_number) + "  ·  " +
                              tr("home.verified"));
        m_greeting.set_bounds(area.take_top(GreetingCard::height_for(theme, has_photo(*identity))));
        area.take_top(theme.px(48));
        int w = std::min(area.w, theme.px(900));
        int x = area.x + (area.w - w) / 2;
        m_start.set_bounds({x, area.y, w, theme.px(120)});
        // Certificates and "finish" share a row below the main action.
        int gap = theme.px(32);
        int half = (w - gap) / 2;
        m_certificates.set_bounds({x, area.y + theme.px(120 + 32), half, theme.px(theme.button_height)});
        m_finish.set_bounds(
            {x + half + gap, area.y + theme.px(120 + 32), w - half - gap, theme.px(theme.button_height)});
        return;
    }
    area.take_top(theme.px(130)); // title
    Rect bottom = area.take_bottom(theme.px(theme.button_height));
    int browse_w = std::min(bottom.w, theme.px(760));
    m_browse.set_bounds({bottom.x + (bottom.w - browse_w) / 2, bottom.y, browse_w, bottom.h});
    area.take_bottom(theme.px(40));
    Button* tiles[] = {&m_idcard, &m_qr, &m_passport};
    int gap = theme.px(theme.gap) + theme.px(8);
    if (portrait) {
        int h = (area.h - 2 * gap) / 3;
        for (int i = 0; i < 3; ++i)
            tiles[i]->set_bounds({area.x, area.y + i * (h + gap), area.w, h});
    } else {
        int w = (area.w - 2 * gap) / 3;
        for (int i = 0; i < 3; ++i)
            tiles[i]->set_bounds({area.x + i * (w + gap), area.y, w, area.h});
    }
}

void HomeScene::draw(Painter& painter) {
    const domain::Identity* identity = m_ctx.citizen.identity();
    if (!identity) {
        const Theme& theme = m_ctx.theme;
        painter.draw_text_in(tr("home.title"), {theme.font_title, true, theme.text},
                             m_content.inset(theme.px(theme.margin)).take_top(theme.px(110)), Align::Center);
    } else if (!m_photo && has_photo(*identity)) {
        // Textures belong to the UI thread: the decoded pixels become one here, on first sight.
        m_photo =
            painter.create_picture_rgb(identity->photo_rgb, identity->photo_width, identity->photo_height);
    }
    Scene::draw(painter);
}

} // namespace kiosk::ui
