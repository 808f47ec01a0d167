#include "core/store/Counters.h"
#include "core/store/Database.h"

namespace kiosk::store {

Result<std::int64_t> Counters::increment(std::string_view name, std::int64_t by) {
    if (name.empty())
        return make_error(ErrorCode::InvalidArgument, "counter without a name");
    // One statement, so two processes counting at once cannot lose an increment.
    auto statement = TRY(m_database.prepare("INSERT INTO counters (name, value) VALUES (?, ?)"
                                            " ON CONFLICT (name) DO UPDATE SET value = value + excluded.value"
                                            " RETURNING value"));
    TRY(statement.bind_text(1, name));
    TRY(statement.bind_int(2, by));
    if (!TRY(statement.step()))
        return make_error(ErrorCode::Internal, m_database.path() + ": counter update returned no value");
    std::int64_t value = statement.column_int(0);
    TRY(statement.run()); // the change is complete only once the statement has finished
    return value;
}

Result<std::int64_t> Counters::get(std::string_view name) {
    auto statement = TRY(m_database.prepare("SELECT value FROM counters WHERE name = ?"));
    TRY(statement.bind_text(1, name));
    return TRY(statement.step()) ? statement.column_int(0) : 0;
}

Result<std::vector<std::pair<std::string, std::int64_t>>> Counters::all() {
    auto statement = TRY(m_database.prepare("SELECT name, value FROM counters ORDER BY name"));
    std::vector<std::pair<std::string, std::int64_t>> counters;
    while (TRY(statement.step()))
        counters.emplace_back(statement.column_text(0), statement.column_int(1));
    return counters;
}

} // namespace kiosk::store
