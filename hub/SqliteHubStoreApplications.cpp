// SqliteHubStore: applications, found by id or by query token with their work items, and accepted in one
// transaction that numbers the application for its day, stores it, creates a pending work item per matter
// and audits each step. The work items' own queries are SqliteHubStoreDecisions.cpp.
#include "hub/SqliteHubStore.h"

#include <cstdio>

namespace kiosk::hub {
namespace {

constexpr const char* kApplicationColumns =
    "SELECT id, number, token_sha256, request_sha256, kiosk_id, submitted_at, received_at, package_id,"
    " request_json, response_json FROM applications WHERE ";

} // namespace

Result<std::optional<ApplicationRecord>> SqliteHubStore::find_application_where(const char* column,
                                                                                const std::string& value) {
    auto query = TRY(m_database->prepare(std::string(kApplicationColumns) + column + " = ?"));
    TRY(query.bind_text(1, value));
    if (!TRY(query.step()))
        return std::optional<ApplicationRecord>{};
    ApplicationRecord record;
    record.id = query.column_text(0);
    record.number = query.column_text(1);
    record.token_sha256 = query.column_text(2);
    record.request_sha256 = query.column_text(3);
    record.kiosk_id = query.column_text(4);
    record.submitted_at = query.column_text(5);
    record.received_at = query.column_text(6);
    record.package_id = query.column_text(7);
    record.request_json = query.column_text(8);
    record.response_json = query.column_text(9);
    record.work_items = TRY(work_items_where("w.application_id = ? ORDER BY w.rowid", record.id));
    return std::optional<ApplicationRecord>(std::move(record));
}

Result<std::optional<ApplicationRecord>> SqliteHubStore::find_application(const std::string& application_id) {
    std::lock_guard lock(m_mutex);
    return find_application_where("id", application_id);
}

Result<std::optional<ApplicationRecord>>
SqliteHubStore::find_application_by_token(const std::string& token_sha256) {
    std::lock_guard lock(m_mutex);
    return find_application_where("token_sha256", token_sha256);
}

Result<ApplicationRecord> SqliteHubStore::insert_application(
    const std::string& application_id, const std::string& number_prefix, const std::string& day,
    const std::function<Result<ApplicationRecord>(const std::string& number)>& make_record,
    const std::string& actor) {
    std::lock_guard lock(m_mutex);
    auto transaction = TRY(m_database->begin());
    // Checked again under the write lock: the same application may have come in on another connection
    // since the caller looked (a kiosk retrying after a timeout while the first attempt is still here).
    auto exists = TRY(m_database->prepare("SELECT 1 FROM applications WHERE id = ?"));
    TRY(exists.bind_text(1, application_id));
    if (TRY(exists.step()))
        return make_error(ErrorCode::Denied, "application " + application_id + " exists already");
    auto counter =
        TRY(m_database->prepare("INSERT INTO day_counters (day, last) VALUES (?, 1)"
                                " ON CONFLICT (day) DO UPDATE SET last = last + 1 RETURNING last"));
    TRY(counter.bind_text(1, day));
    TRY(counter.step());
    auto sequence = counter.column_int(0);
    TRY(counter.run());
    char number[64];
    snprintf(number, sizeof number, "%s%s-%07lld", number_prefix.c_str(), day.c_str(),
             static_cast<long long>(sequence));
    auto record = TRY(make_record(number));

    auto insert = TRY(m_database->prepare(
        "INSERT INTO applications (id, number, token_sha256, request_sha256, kiosk_id, submitted_at, "
        "received_at,"
        " package_id, request_json, response_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    const std::string* values[] = {
        &record.id,           &record.number,       &record.token_sha256, &record.request_sha256,
        &record.kiosk_id,     &record.submitted_at, &record.received_at,  &record.package_id,
        &record.request_json, &record.response_json};
    for (int i = 0; i < 10; ++i)
        TRY(insert.bind_text(i + 1, *values[i]));
    TRY(insert.run());
    for (const auto& item : record.work_items) {
        auto add =
            TRY(m_database->prepare("INSERT INTO work_items (id, application_id, matter_id, department_id,"
                                    " state, promised_date) VALUES (?, ?, ?, ?, 'pending', ?)"));
        TRY(add.bind_text(1, item.id));
        TRY(add.bind_text(2, record.id));
        TRY(add.bind_text(3, item.matter_id));
        TRY(add.bind_text(4, item.department_id));
        TRY(add.bind_text(5, item.promised_date));
        TRY(add.run());
        TRY(audit(actor, "work_item.created", item.id + " " + item.matter_id + " -> " + item.department_id));
    }
    TRY(audit(actor, "application.accepted",
              record.number + " id " + record.id + ", " + std::to_string(record.work_items.size()) +
                  " matters"));
    TRY(transaction.commit());
    return record;
}

} // namespace kiosk::hub
