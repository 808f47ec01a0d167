// The case's side of drafts (CitizenCase.h "Drafts survive a crash or power cut"): what a snapshot
// holds, and the restore from one.

#include "core/base/Log.h"
#include "services/case/CaseDrafts.h"
#include "services/case/CitizenCase.h"

namespace kiosk::services {

namespace {

// The identity's text, never its photo.
domain::Identity text_only(const domain::Identity& identity) {
    domain::Identity copy;
    copy.document_type = identity.document_type;
    copy.sex = identity.sex;
    copy.name = identity.name;
    copy.name_en = identity.name_en;
    copy.nation = identity.nation;
    copy.birth_date = identity.birth_date;
    copy.address = identity.address;
    copy.id_number = identity.id_number;
    copy.issuer = identity.issuer;
    copy.valid_from = identity.valid_from;
    copy.valid_until = identity.valid_until;
    copy.permit_number = identity.permit_number;
    copy.nationality = identity.nationality;
    return copy;
}

} // namespace

CaseSnapshot CitizenCase::snapshot() const {
    CaseSnapshot snapshot;
    snapshot.written_at = m_clock.wall_now();
    if (m_identity)
        snapshot.holder = text_only(*m_identity);
    snapshot.strength = m_strength;
    if (m_item)
        snapshot.item_key = m_item->key();
    snapshot.typed = m_typed;
    snapshot.materials = m_rescan; // still to scan again: they were scanned in this visit
    for (const auto& [id, material] : m_materials)
        if (material.pages > 0)
            snapshot.materials[id] = material.pages;
    for (const auto& [key, submission] : m_submissions)
        if (submission.state == SubmitState::Sealed)
            snapshot.sealed[key] = {submission.application_id, submission.query_token};
    return snapshot;
}

// Only an identified visit leaves a draft: only a card (or passport page) can claim one back.
void CitizenCase::save_draft() {
    if (!m_services.drafts || !m_identity)
        return;
    m_services.drafts->save(snapshot());
    m_draft_saved = true;
}

void CitizenCase::claim_draft() {
    if (!m_services.drafts || !m_identity)
        return;
    auto draft = m_services.drafts->claim(*m_identity);
    if (!draft)
        return;
    // Identified before the drafts were read, and already under way: this visit's work is the newer.
    if (m_item || !m_typed.empty() || !m_materials.empty())
        return draft->wipe();
    restore(*draft);
    draft->wipe();
}

void CitizenCase::restore(CaseSnapshot& snapshot) {
    // The identity is the document just read (fresher, and with its photo); the draft's only
    // proved it is the same holder.
    if (!snapshot.item_key.empty())
        m_item = domain::resolve_item(m_catalog, snapshot.item_key); // none if the catalog changed
    m_typed = std::move(snapshot.typed);
    m_rescan = std::move(snapshot.materials);
    for (auto& [key, sealed] : snapshot.sealed) {
        CaseSubmission& slot = m_submissions[key];
        slot = {};
        slot.state = SubmitState::Sealed;
        slot.application_id = sealed.application_id;
        slot.query_token = std::move(sealed.query_token);
    }
    m_resume_offered = m_item.has_value();
    std::string detail = "materials_to_rescan=" + std::to_string(m_rescan.size()) +
                         " sealed=" + std::to_string(snapshot.sealed.size()) +
                         " offered=" + (m_resume_offered ? "yes" : "no");
    log::info("case restored from a draft: {}", detail);
    if (m_audit)
        m_audit("session.resumed", detail);
}

void CitizenCase::start_over() {
    m_resume_offered = false;
    m_item.reset();
    for (auto& [field, value] : m_typed)
        secure_wipe(value);
    m_typed.clear();
    m_rescan.clear();
    if (m_services.drafts)
        m_services.drafts->discard();
    m_draft_saved = false;
    if (m_audit)
        m_audit("session.started_over", "");
}

} // namespace kiosk::services
