#include "services/case/CitizenCase.h"

#include "core/base/Log.h"
#include "core/domain/FormRules.h"
#include "services/DeviceHub.h"
#include "services/PrintDocuments.h"
#include "services/case/CaseDrafts.h"
#include "services/intake/MaterialIntake.h"
#include "services/submit/Submissions.h"

#include <algorithm>

namespace kiosk::services {

namespace {

// The consent text the confirm screen shows (data/i18n "confirm.consent_text"), by version: a new
// text gets a new version, so the hub knows what each citizen agreed to.
constexpr char kConsentVersion[] = "consent-v1";
// The form field whose value is the applicant's phone in the hub's contract.
constexpr char kPhoneField[] = "phone";

void wipe_map(std::map<std::string, std::string>& values) {
    for (auto& [key, value] : values)
        secure_wipe(value);
    values.clear();
}

void wipe_check(domain::MaterialCheck& check) {
    wipe_map(check.fields);
    wipe_map(check.prefill);
    secure_wipe(check.missing);
}

} // namespace

const char* to_string(SessionEndReason reason) {
    switch (reason) {
    case SessionEndReason::Done:
        return "done";
    case SessionEndReason::Cancelled:
        return "cancelled";
    case SessionEndReason::Timeout:
        return "timeout";
    case SessionEndReason::CardRemoved:
        return "card-removed";
    case SessionEndReason::OtherCard:
        return "other-card";
    case SessionEndReason::Shutdown:
        return "shutdown";
    }
    return "unknown";
}

CitizenCase::CitizenCase(const Clock& clock, const KioskOptions& options, const domain::Catalog& catalog,
                         Services services, AuditFn audit)
    : m_clock(clock), m_options(options), m_catalog(catalog), m_services(services), m_audit(std::move(audit)),
      m_language(options.default_language) {}

void CitizenCase::begin() {
    if (m_active)
        return;
    m_active = true;
    m_started_at = m_clock.now();
    if (m_audit)
        m_audit("session.started", "");
}

void CitizenCase::end(SessionEndReason reason) {
    bool had_identity = m_identity.has_value();
    bool had_materials = !m_materials.empty();
    // A visit that ended leaves nothing to resume; one cut short by the kiosk stopping (a restart, an
    // update, the watchdog) keeps its draft, so the citizen can go on after the restart.
    bool keep_draft = reason == SessionEndReason::Shutdown && m_draft_saved;
    if (m_services.drafts && m_draft_saved && !keep_draft)
        m_services.drafts->discard();
    m_draft_saved = false;
    wipe();
    if (m_services.intake)
        m_services.intake->wipe(); // the scan folder; answers still on their way are of an older visit
    for (const auto& hook : m_end_hooks)
        hook();
    m_language = m_options.default_language;
    if (!m_active)
        return;
    m_active = false;
    ++m_sessions_ended;
    auto seconds = std::chrono::duration_cast<std::chrono::seconds>(m_clock.now() - m_started_at).count();
    std::string detail = std::string("reason=") + to_string(reason) +
                         " duration_s=" + std::to_string(seconds) +
                         " wiped=" + (had_identity ? "identity,selection" : "selection") +
                         (had_materials ? ",materials" : "") + (keep_draft ? " draft=kept" : "");
    log::info("session ended: {}", detail);
    if (m_audit)
        m_audit("session.wiped", detail);
}

void CitizenCase::wipe() {
    if (m_identity) {
        m_identity->wipe();
        m_identity.reset();
    }
    m_strength = IdentityStrength::None;
    m_item.reset();
    for (auto& [id, material] : m_materials)
        wipe_check(material.check);
    m_materials.clear();
    wipe_map(m_typed);
    m_rescan.clear();
    m_resume_offered = false;
    for (auto& [item, submission] : m_submissions)
        secure_wipe(submission.query_token);
    m_submissions.clear();
    if (m_services.printing)
        m_services.printing->forget_session();
}

IdentifyOutcome CitizenCase::identify_by_card(domain::Identity identity) {
    return identify(std::move(identity), IdentityStrength::CardRead);
}

IdentifyOutcome CitizenCase::identify_by_document(domain::Identity identity) {
    return identify(std::move(identity), IdentityStrength::DocumentSeen);
}

IdentifyOutcome CitizenCase::identify(domain::Identity identity, IdentityStrength strength) {
    IdentifyOutcome outcome = IdentifyOutcome::Identified;
    if (m_identity && same_holder(*m_identity, identity)) {
        outcome = IdentifyOutcome::Refreshed;
    } else if (m_identity) {
        // Someone else's document (or another document of theirs): their visit is not this one's.
        end(SessionEndReason::OtherCard);
        outcome = IdentifyOutcome::Replaced;
    }
    if (m_identity)
        m_identity->wipe();
    m_identity = std::move(identity);
    // The same holder again keeps the stronger proof the visit already has.
    m_strength = outcome == IdentifyOutcome::Refreshed ? std::max(m_strength, strength) : strength;
    begin();
    if (outcome != IdentifyOutcome::Refreshed)
        claim_draft();
    save_draft();
    return outcome;
}

bool CitizenCase::select(std::string_view key) {
    m_item = domain::resolve_item(m_catalog, key); // looking at a checklist does not start a visit
    save_draft();
    return m_item.has_value();
}

void CitizenCase::warm_up() {
    if (m_services.intake)
        m_services.intake->warm_up();
}

Result<void> CitizenCase::scan(const std::string& material_id, bool add_page) {
    if (!m_services.devices || !m_services.intake)
        return make_error(ErrorCode::Unsupported, "this kiosk cannot store scanned materials");
    begin();
    auto* intake = m_services.intake;
    unsigned generation = intake->generation();
    return m_services.devices->scan({intake->options().scan_dpi, false},
                                    [intake, generation, material_id, add_page](drivers::ScannedPage page) {
                                        intake->submit_page(generation, material_id, std::move(page),
                                                            add_page);
                                    });
}

Result<void> CitizenCase::scan_identity_page() {
    if (!m_services.devices || !m_services.intake)
        return make_error(ErrorCode::Unsupported, "this kiosk cannot read identity pages");
    begin();
    auto* intake = m_services.intake;
    unsigned generation = intake->generation();
    return m_services.devices->scan({}, [intake, generation](drivers::ScannedPage page) {
        intake->read_identity_page(generation, std::move(page));
    });
}

const CaseMaterial* CitizenCase::material(const std::string& material_id) const {
    auto found = m_materials.find(material_id);
    return found == m_materials.end() ? nullptr : &found->second;
}

bool CitizenCase::read_from_card(const domain::ChecklistMaterial& material) const {
    return m_identity && m_strength == IdentityStrength::CardRead &&
           m_identity->document_type == domain::DocumentType::ResidentId &&
           material.kind->id == "resident_id";
}

bool CitizenCase::current(unsigned intake_generation) const {
    return m_services.intake && intake_generation == m_services.intake->generation();
}

void CitizenCase::note_material(MaterialChecked& checked) {
    begin();
    CaseMaterial& material = m_materials[checked.material_id];
    wipe_check(material.check);
    material.pages = checked.pages;
    material.checked = checked.checked;
    material.check = std::move(checked.check);
    material.pdf = checked.pdf;
    material.pdf_bytes = checked.pdf_bytes;
    if (!material.accepted())
        wipe_map(material.check.prefill); // a page that is not the material fills nothing in
    m_rescan.erase(checked.material_id);
    save_draft();
}

std::map<std::string, std::string> CitizenCase::read_values() const {
    std::map<std::string, std::string> read;
    for (const auto& [id, material] : m_materials)
        if (material.accepted())
            for (const auto& [field, value] : material.check.prefill)
                read[field] = value;
    return read;
}

std::map<std::string, std::string> CitizenCase::form() const {
    if (!m_item)
        return {};
    return domain::resolve_form(m_item->checklist, identity(), m_typed, read_values());
}

std::string CitizenCase::field_value(const domain::FormField& field) const {
    return domain::resolve_field(field, identity(), m_typed, read_values());
}

void CitizenCase::set_field(const std::string& field_id, std::string value) {
    begin();
    auto& slot = m_typed[field_id];
    secure_wipe(slot);
    slot = std::move(value);
    save_draft();
}

int CitizenCase::form_problems() const {
    if (!m_item)
        return 0;
    return domain::count_problems(m_item->checklist, form());
}

const CaseSubmission* CitizenCase::submission() const {
    if (!m_item)
        return nullptr;
    auto found = m_submissions.find(m_item->key());
    return found == m_submissions.end() ? nullptr : &found->second;
}

bool CitizenCase::can_submit() const {
    return m_services.submissions != nullptr && m_services.submissions->sealing().ready;
}

bool CitizenCase::applying_closed() const {
    return m_services.submissions != nullptr && !m_services.submissions->sealing().ready;
}

bool CitizenCase::hub_configured() const {
    return m_services.submissions && m_services.submissions->hub_configured();
}

bool CitizenCase::delivering() const {
    if (!m_services.submissions)
        return false;
    auto state = m_services.submissions->delivery().state;
    return state == outbox::UploaderState::Starting || state == outbox::UploaderState::Idle ||
           state == outbox::UploaderState::Sending;
}

Result<void> CitizenCase::submit(WallTime consent_at) {
    if (!m_identity)
        return make_error(ErrorCode::InvalidArgument, "no identity");
    if (!m_item)
        return make_error(ErrorCode::InvalidArgument, "nothing selected to apply for");
    if (!m_services.submissions)
        return make_error(ErrorCode::Unsupported, "no outbox on this kiosk");
    if (form_problems() > 0)
        return make_error(ErrorCode::InvalidArgument, "the form is not complete");
    if (const auto* earlier = submission(); earlier && earlier->state != SubmitState::Failed)
        return make_error(ErrorCode::InvalidArgument, "this application was submitted already");

    outbox::ApplicationPackage package;
    package.kiosk_id = m_options.kiosk_id;
    package.catalog_version = m_catalog.version();
    if (m_item->package)
        package.package_id = m_item->package->id;
    for (const auto* matter : m_item->checklist.matters)
        package.matter_ids.push_back(matter->id);
    package.applicant = *m_identity;
    package.applicant.photo_wlt.clear(); // the hub gets what identifies, not the card's photo
    package.applicant.photo_rgb.clear();
    package.form = form();
    if (auto phone = package.form.find(kPhoneField); phone != package.form.end())
        package.phone = phone->second;
    package.consent_version = kConsentVersion;
    package.consent_accepted_at = consent_at;
    package.submitted_at = m_clock.wall_now();
    for (const auto& material : m_item->checklist.materials) {
        const auto* scanned = this->material(material.kind->id);
        if (scanned && scanned->accepted() && scanned->pages > 0)
            package.materials.push_back({material.kind->id, scanned->pdf, scanned->pages, "application/pdf"});
    }
    CaseSubmission& slot = m_submissions[m_item->key()];
    slot = {};
    slot.state = SubmitState::Sealing;
    slot.ticket = m_services.submissions->submit(std::move(package));
    return {};
}

Result<PrintTicket> CitizenCase::print_receipt(const ReceiptTexts& texts) {
    const auto* sealed = submission();
    if (!sealed || sealed->state != SubmitState::Sealed)
        return make_error(ErrorCode::InvalidArgument, "no sealed application to print a receipt for");
    if (!m_services.printing)
        return make_error(ErrorCode::Unsupported, "this kiosk prints nothing");
    ReceiptFacts facts;
    facts.application_number = sealed->number;
    facts.number_pending = texts.number_pending;
    facts.state = texts.state;
    facts.query_token = sealed->query_token;
    facts.submitted_at = m_clock.wall_now();
    for (const auto& [id, material] : m_materials)
        if (material.accepted())
            facts.pages[id] = material.pages;
    PrintRequest request;
    request.kind = store::PrintKind::Receipt;
    request.reference = sealed->number.empty() ? sealed->application_id : sealed->number;
    request.template_name = "receipt";
    request.data = receipt_document(m_catalog, m_item->package, m_item->package ? nullptr : m_item->matter,
                                    *m_identity, m_options, facts);
    return m_services.printing->print(std::move(request));
}

std::optional<IdentifyOutcome> CitizenCase::on_event(AppEvent& event) {
    if (std::holds_alternative<DraftLoaded>(event)) {
        if (m_identity) {
            claim_draft();
            save_draft();
        }
        return std::nullopt;
    }
    if (auto* card = std::get_if<CardRead>(&event))
        return identify_by_card(std::move(card->identity));
    if (auto* passport = std::get_if<PassportRead>(&event); passport && current(passport->generation))
        return identify_by_document(std::move(passport->identity));
    if (auto* checked = std::get_if<MaterialChecked>(&event); checked && current(checked->generation)) {
        note_material(*checked);
        return std::nullopt;
    }
    auto by_ticket = [this](unsigned ticket) -> CaseSubmission* {
        for (auto& [key, submission] : m_submissions)
            if (submission.state == SubmitState::Sealing && submission.ticket == ticket)
                return &submission;
        return nullptr;
    };
    auto by_id = [this](const std::string& application_id) -> CaseSubmission* {
        for (auto& [key, submission] : m_submissions)
            if (!submission.application_id.empty() && submission.application_id == application_id)
                return &submission;
        return nullptr;
    };
    if (auto* sealed = std::get_if<ApplicationSealed>(&event)) {
        if (auto* submission = by_ticket(sealed->ticket)) {
            submission->state = SubmitState::Sealed;
            submission->application_id = sealed->application_id;
            submission->query_token = sealed->query_token;
            save_draft();
        }
    } else if (auto* failed = std::get_if<SubmissionFailed>(&event)) {
        if (auto* submission = by_ticket(failed->ticket)) {
            submission->state = SubmitState::Failed;
            submission->failure = failed->error.describe();
        }
    } else if (auto* accepted = std::get_if<HubAccepted>(&event)) {
        if (auto* submission = by_id(accepted->application_id))
            submission->number = accepted->application_number;
    } else if (auto* refused = std::get_if<HubRefused>(&event)) {
        if (auto* submission = by_id(refused->application_id))
            submission->refusal = refused->reason;
    } else if (auto* sealing = std::get_if<SealingChanged>(&event)) {
        // For staff: when and why this kiosk stopped (or started again) taking applications.
        m_audit(sealing->ready ? "applying.open" : "applying.closed", sealing->problem);
    }
    return std::nullopt;
}

} // namespace kiosk::services
