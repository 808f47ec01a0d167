#include "core/store/ConsumableLedger.h"
#include "core/store/AuditLog.h"
#include "core/store/Database.h"
#include "core/store/UtcTimestamp.h"

namespace kiosk::store {
namespace {

WallTime hour_of(WallTime time) {
    return std::chrono::floor<std::chrono::hours>(time);
}

Result<void> check_id(std::string_view id) {
    if (id.empty() || id.size() > 64)
        return make_error(ErrorCode::InvalidArgument,
                          "consumable ledger: a consumable id of 1-64 characters");
    return {};
}

} // namespace

Result<void> ConsumableLedger::book(std::string_view id, std::int64_t amount) {
    TRY(check_id(id));
    if (amount <= 0)
        return make_error(ErrorCode::InvalidArgument,
                          "consumable ledger: booked amount must be positive, got " + std::to_string(amount));
    WallTime now = m_clock.wall_now();
    auto transaction = TRY(m_database.begin());
    auto counter = TRY(m_database.prepare("INSERT INTO consumables (id, used) VALUES (?, ?)"
                                          " ON CONFLICT (id) DO UPDATE SET used = used + excluded.used"));
    TRY(counter.bind_text(1, id));
    TRY(counter.bind_int(2, amount));
    TRY(counter.run());
    auto hourly = TRY(m_database.prepare("INSERT INTO consumable_usage (consumable, hour_utc, amount)"
                                         " VALUES (?, ?, ?)"
                                         " ON CONFLICT (consumable, hour_utc) DO UPDATE"
                                         " SET amount = amount + excluded.amount"));
    TRY(hourly.bind_text(1, id));
    TRY(hourly.bind_text(2, utc_timestamp(hour_of(now))));
    TRY(hourly.bind_int(3, amount));
    TRY(hourly.run());
    return transaction.commit();
}

Result<void> ConsumableLedger::replace(std::string_view id, std::int64_t loaded, std::string_view staff_id,
                                       std::string_view detail) {
    TRY(check_id(id));
    if (loaded < 0)
        return make_error(ErrorCode::InvalidArgument, "consumable ledger: a negative amount loaded");
    if (staff_id.empty())
        return make_error(ErrorCode::InvalidArgument,
                          "consumable ledger: a replacement names the staff member");
    auto transaction = TRY(m_database.begin());
    auto statement = TRY(m_database.prepare(
        "INSERT INTO consumables (id, loaded, loaded_utc, loaded_by, used) VALUES (?, ?, ?, ?, 0)"
        " ON CONFLICT (id) DO UPDATE SET loaded = excluded.loaded, loaded_utc = excluded.loaded_utc,"
        " loaded_by = excluded.loaded_by, used = 0"));
    TRY(statement.bind_text(1, id));
    TRY(statement.bind_int(2, loaded));
    TRY(statement.bind_text(3, utc_timestamp(m_clock.wall_now())));
    TRY(statement.bind_text(4, staff_id));
    TRY(statement.run());
    if (m_audit) {
        std::string text =
            std::string(id) + " loaded " + std::to_string(loaded) + " by " + std::string(staff_id);
        if (!detail.empty()) { // appended, not " " + std::string: GCC 12 -O3 sees a false memcpy overlap
            text += ' ';
            text += detail;
        }
        TRY(m_audit->append("consumable.replaced", text));
    }
    return transaction.commit();
}

Result<std::vector<ConsumableCounter>> ConsumableLedger::counters() {
    auto statement = TRY(
        m_database.prepare("SELECT id, loaded, loaded_utc, loaded_by, used FROM consumables ORDER BY id"));
    std::vector<ConsumableCounter> counters;
    while (TRY(statement.step()))
        counters.push_back(ConsumableCounter{statement.column_text(0), statement.column_int(1),
                                             statement.column_text(2), statement.column_text(3),
                                             statement.column_int(4)});
    return counters;
}

Result<std::vector<HourlyUsage>> ConsumableLedger::usage(std::string_view id, WallTime since) {
    auto statement = TRY(m_database.prepare("SELECT hour_utc, amount FROM consumable_usage"
                                            " WHERE consumable = ? AND hour_utc >= ? ORDER BY hour_utc"));
    TRY(statement.bind_text(1, id));
    TRY(statement.bind_text(2, utc_timestamp(hour_of(since))));
    std::vector<HourlyUsage> hours;
    while (TRY(statement.step())) {
        auto hour = parse_utc_timestamp(statement.column_text(0));
        if (!hour)
            return make_error(ErrorCode::Corrupt, m_database.path() + ": consumable_usage: hour_utc '" +
                                                      statement.column_text(0) + "' is not a UTC timestamp");
        hours.push_back(HourlyUsage{*hour, statement.column_int(1)});
    }
    return hours;
}

Result<int> ConsumableLedger::prune_usage(WallTime before) {
    auto statement = TRY(m_database.prepare("DELETE FROM consumable_usage WHERE hour_utc < ?"));
    TRY(statement.bind_text(1, utc_timestamp(hour_of(before))));
    TRY(statement.run());
    return m_database.changes();
}

} // namespace kiosk::store
