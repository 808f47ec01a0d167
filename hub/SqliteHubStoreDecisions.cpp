// SqliteHubStore: the departments' side. Work items read by queue or by id (also for an application's
// list), a decision applied to a pending item with the certificate it issues in the same transaction, and
// the certificates found by holder or by id.
#include "hub/SqliteHubStore.h"

namespace kiosk::hub {
namespace {

constexpr const char* kWorkItemColumns =
    "SELECT w.id, w.application_id, a.number, w.matter_id, w.department_id, w.state, w.promised_date,"
    " a.received_at, w.decided_at, w.reason, w.officer, w.certificate_id"
    " FROM work_items w JOIN applications a ON a.id = w.application_id WHERE ";
constexpr const char* kCertificateColumns =
    "SELECT id, application_number, work_item_id, matter_id, title, id_number_key, pdf_path, issued_at"
    " FROM certificates WHERE ";

WorkItemRecord read_work_item(const store::Statement& row) {
    WorkItemRecord item;
    item.id = row.column_text(0);
    item.application_id = row.column_text(1);
    item.application_number = row.column_text(2);
    item.matter_id = row.column_text(3);
    item.department_id = row.column_text(4);
    item.state = row.column_text(5);
    item.promised_date = row.column_text(6);
    item.received_at = row.column_text(7);
    item.decided_at = row.column_text(8);
    item.reason = row.column_text(9);
    item.officer = row.column_text(10);
    item.certificate_id = row.column_text(11);
    return item;
}

CertificateRecord read_certificate(const store::Statement& row) {
    CertificateRecord certificate;
    certificate.id = row.column_text(0);
    certificate.application_number = row.column_text(1);
    certificate.work_item_id = row.column_text(2);
    certificate.matter_id = row.column_text(3);
    certificate.title = row.column_text(4);
    certificate.id_number_key = row.column_text(5);
    certificate.pdf_path = row.column_text(6);
    certificate.issued_at = row.column_text(7);
    return certificate;
}

} // namespace

Result<std::vector<WorkItemRecord>> SqliteHubStore::work_items_where(const char* where, const std::string& a,
                                                                     const std::string& b) {
    auto query = TRY(m_database->prepare(std::string(kWorkItemColumns) + where));
    TRY(query.bind_text(1, a));
    if (!b.empty())
        TRY(query.bind_text(2, b));
    std::vector<WorkItemRecord> items;
    while (TRY(query.step()))
        items.push_back(read_work_item(query));
    return items;
}

Result<std::vector<WorkItemRecord>> SqliteHubStore::list_work_items(const std::string& department_id,
                                                                    const std::string& state) {
    std::lock_guard lock(m_mutex);
    if (state.empty())
        return work_items_where("w.department_id = ? ORDER BY w.promised_date, w.rowid", department_id);
    return work_items_where("w.department_id = ? AND w.state = ? ORDER BY w.promised_date, w.rowid",
                            department_id, state);
}

Result<std::optional<WorkItemRecord>> SqliteHubStore::find_work_item(const std::string& id) {
    std::lock_guard lock(m_mutex);
    auto items = TRY(work_items_where("w.id = ?", id));
    if (items.empty())
        return std::optional<WorkItemRecord>{};
    return std::optional<WorkItemRecord>(std::move(items.front()));
}

Result<WorkItemRecord> SqliteHubStore::decide(const Decision& decision, const std::string& actor) {
    std::lock_guard lock(m_mutex);
    auto transaction = TRY(m_database->begin());
    // Only a pending item changes: of two officers deciding at once, the second gets Denied.
    auto update =
        TRY(m_database->prepare("UPDATE work_items SET state = ?, decided_at = ?, reason = ?, officer = ?,"
                                " certificate_id = ? WHERE id = ? AND state = 'pending'"));
    TRY(update.bind_text(1, decision.state));
    TRY(update.bind_text(2, decision.decided_at));
    TRY(update.bind_text(3, decision.reason));
    TRY(update.bind_text(4, decision.officer));
    TRY(update.bind_text(5, decision.certificate ? decision.certificate->id : std::string()));
    TRY(update.bind_text(6, decision.work_item_id));
    TRY(update.run());
    if (m_database->changes() == 0) {
        auto existing = TRY(work_items_where("w.id = ?", decision.work_item_id));
        if (existing.empty())
            return make_error(ErrorCode::NotFound, "no work item " + decision.work_item_id);
        return make_error(ErrorCode::Denied,
                          "work item " + decision.work_item_id + " is " + existing.front().state);
    }
    // The officer's name is staff data, not a citizen's: it belongs in the audit trail.
    TRY(audit(actor, "work_item." + decision.state, decision.work_item_id + " by " + decision.officer));
    if (const auto& certificate = decision.certificate) {
        auto insert = TRY(m_database->prepare(
            "INSERT INTO certificates (id, work_item_id, application_number, matter_id, title, id_number_key,"
            " pdf_path, issued_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"));
        const std::string* values[] = {
            &certificate->id,        &certificate->work_item_id, &certificate->application_number,
            &certificate->matter_id, &certificate->title,        &certificate->id_number_key,
            &certificate->pdf_path,  &certificate->issued_at};
        for (int i = 0; i < 8; ++i)
            TRY(insert.bind_text(i + 1, *values[i]));
        TRY(insert.run());
        TRY(audit(actor, "certificate.issued", certificate->id + " for " + decision.work_item_id));
    }
    auto items = TRY(work_items_where("w.id = ?", decision.work_item_id));
    TRY(transaction.commit());
    return items.front();
}

Result<std::vector<CertificateRecord>> SqliteHubStore::find_certificates(const std::string& id_number_key) {
    std::lock_guard lock(m_mutex);
    auto query =
        TRY(m_database->prepare(std::string(kCertificateColumns) + "id_number_key = ? ORDER BY issued_at"));
    TRY(query.bind_text(1, id_number_key));
    std::vector<CertificateRecord> certificates;
    while (TRY(query.step()))
        certificates.push_back(read_certificate(query));
    return certificates;
}

Result<std::optional<CertificateRecord>> SqliteHubStore::find_certificate(const std::string& id) {
    std::lock_guard lock(m_mutex);
    auto query = TRY(m_database->prepare(std::string(kCertificateColumns) + "id = ?"));
    TRY(query.bind_text(1, id));
    if (!TRY(query.step()))
        return std::optional<CertificateRecord>{};
    return std::optional<CertificateRecord>(read_certificate(query));
}

} // namespace kiosk::hub
