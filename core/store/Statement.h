#pragma once
// One prepared SQL statement: bind parameters (1-based, as in SQLite), step through rows, read columns
// (0-based). Finalized when destroyed. Borrows its Database, which must outlive it.

#include "core/base/Result.h"

#include <cstdint>
#include <string>
#include <string_view>

struct sqlite3_stmt;

namespace kiosk::store {

class Database;

class Statement {
public:
    Statement(Statement&& other) noexcept;
    Statement& operator=(Statement&& other) noexcept;
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;
    ~Statement();

    Result<void> bind_int(int index, std::int64_t value);
    Result<void> bind_double(int index, double value);
    Result<void> bind_text(int index, std::string_view value); // copied: the view may die before step()
    Result<void> bind_null(int index);

    // true: a row is ready to read; false: the statement has finished.
    Result<bool> step();
    // Steps to the end, for statements whose rows (if any) nobody reads.
    Result<void> run();
    // Makes the statement ready to step again; bindings are kept.
    void reset();

    int column_count() const;
    bool column_is_null(int column) const;
    std::int64_t column_int(int column) const;
    double column_double(int column) const;
    std::string column_text(int column) const; // "" for NULL

private:
    friend class Database;
    Statement(Database& database, sqlite3_stmt* statement) : m_database(&database), m_statement(statement) {}
    Result<void> check_bind(int result_code, int index);

    Database* m_database = nullptr;
    sqlite3_stmt* m_statement = nullptr;
};

} // namespace kiosk::store
