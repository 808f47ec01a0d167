#include "core/store/ServiceStateStore.h"
#include "core/store/Database.h"
#include "core/store/UtcTimestamp.h"

namespace kiosk::store {

Result<StoredServiceState> ServiceStateStore::load() {
    auto statement =
        TRY(m_database.prepare("SELECT in_service, reason, detail, notice_zh, notice_en, staff_id,"
                               " staff_role, changed_utc, revision FROM service_state WHERE id = 1"));
    StoredServiceState state;
    if (!TRY(statement.step()))
        return state;
    state.in_service = statement.column_int(0) != 0;
    state.reason = statement.column_text(1);
    state.detail = statement.column_text(2);
    state.notice = {statement.column_text(3), statement.column_text(4)};
    state.staff_id = statement.column_text(5);
    state.staff_role = statement.column_text(6);
    state.changed_utc = statement.column_text(7);
    state.revision = statement.column_int(8);
    return state;
}

Result<std::int64_t> ServiceStateStore::save(const StoredServiceState& state) {
    if (state.in_service != state.reason.empty())
        return make_error(ErrorCode::InvalidArgument,
                          state.in_service ? "in service with a reason" : "out of service without a reason");
    auto statement = TRY(m_database.prepare(
        "INSERT INTO service_state (id, in_service, reason, detail, notice_zh, notice_en, staff_id, "
        "staff_role,"
        " changed_utc, revision) VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?, 1)"
        " ON CONFLICT (id) DO UPDATE SET in_service = excluded.in_service, reason = excluded.reason,"
        " detail = excluded.detail, notice_zh = excluded.notice_zh, notice_en = excluded.notice_en,"
        " staff_id = excluded.staff_id, staff_role = excluded.staff_role, changed_utc = excluded.changed_utc,"
        " revision = revision + 1 RETURNING revision"));
    TRY(statement.bind_int(1, state.in_service ? 1 : 0));
    TRY(statement.bind_text(2, state.reason));
    TRY(statement.bind_text(3, state.detail));
    TRY(statement.bind_text(4, state.notice.zh));
    TRY(statement.bind_text(5, state.notice.en));
    TRY(statement.bind_text(6, state.staff_id));
    TRY(statement.bind_text(7, state.staff_role));
    TRY(statement.bind_text(8, utc_timestamp(m_clock.wall_now())));
    if (!TRY(statement.step()))
        return make_error(ErrorCode::Internal,
                          m_database.path() + ": service state write returned no revision");
    std::int64_t revision = statement.column_int(0);
    TRY(statement.run());
    return revision;
}

} // namespace kiosk::store
