#pragma once
// Staff counters (sessions, prints, scans): named totals that survive restarts, shown in
// maintenance mode.

#include "core/base/Result.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace kiosk::store {

class Database;

class Counters {
public:
    // The database must outlive the Counters.
    explicit Counters(Database& database) : m_database(database) {}

    // Adds `by` (may be negative) and returns the new value; a counter starts at 0.
    // An empty name is InvalidArgument.
    Result<std::int64_t> increment(std::string_view name, std::int64_t by = 1);
    // 0 for a counter never incremented.
    Result<std::int64_t> get(std::string_view name);
    // Every counter, by name.
    Result<std::vector<std::pair<std::string, std::int64_t>>> all();

private:
    Database& m_database;
};

} // namespace kiosk::store
