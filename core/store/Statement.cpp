#include "core/store/Statement.h"
#include "core/store/Database.h"

#include <sqlite3.h>
#include <utility>

namespace kiosk::store {

Statement::Statement(Statement&& other) noexcept
    : m_database(other.m_database), m_statement(std::exchange(other.m_statement, nullptr)) {}

Statement& Statement::operator=(Statement&& other) noexcept {
    if (this != &other) {
        sqlite3_finalize(m_statement);
        m_database = other.m_database;
        m_statement = std::exchange(other.m_statement, nullptr);
    }
    return *this;
}

Statement::~Statement() {
    // sqlite3_finalize repeats the last step's error code; that error was already reported by step().
    sqlite3_finalize(m_statement);
}

Result<void> Statement::check_bind(int result_code, int index) {
    if (result_code == SQLITE_OK)
        return {};
    return m_database->sqlite_error(result_code, "bind parameter " + std::to_string(index));
}

Result<void> Statement::bind_int(int index, std::int64_t value) {
    return check_bind(sqlite3_bind_int64(m_statement, index, value), index);
}

Result<void> Statement::bind_double(int index, double value) {
    return check_bind(sqlite3_bind_double(m_statement, index, value), index);
}

Result<void> Statement::bind_text(int index, std::string_view value) {
    return check_bind(
        sqlite3_bind_text64(m_statement, index, value.data(), value.size(), SQLITE_TRANSIENT, SQLITE_UTF8),
        index);
}

Result<void> Statement::bind_null(int index) {
    return check_bind(sqlite3_bind_null(m_statement, index), index);
}

Result<bool> Statement::step() {
    int result_code = sqlite3_step(m_statement);
    if (result_code == SQLITE_ROW)
        return true;
    if (result_code == SQLITE_DONE)
        return false;
    return m_database->sqlite_error(result_code, "step");
}

Result<void> Statement::run() {
    while (TRY(step())) {
    }
    return {};
}

void Statement::reset() {
    // sqlite3_reset only repeats the last step's error, which step() has already reported.
    sqlite3_reset(m_statement);
}

int Statement::column_count() const {
    return sqlite3_column_count(m_statement);
}

bool Statement::column_is_null(int column) const {
    return sqlite3_column_type(m_statement, column) == SQLITE_NULL;
}

std::int64_t Statement::column_int(int column) const {
    return sqlite3_column_int64(m_statement, column);
}

double Statement::column_double(int column) const {
    return sqlite3_column_double(m_statement, column);
}

std::string Statement::column_text(int column) const {
    // Text first, then its size: the order SQLite documents as safe.
    const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(m_statement, column));
    if (!text)
        return {};
    return std::string(text, static_cast<size_t>(sqlite3_column_bytes(m_statement, column)));
}

} // namespace kiosk::store
