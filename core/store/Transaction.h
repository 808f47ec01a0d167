#pragma once
// A write transaction (BEGIN IMMEDIATE). Leaving scope without commit() rolls it back, so an early
// `return` through TRY never leaves half of a change behind.

#include "core/base/Result.h"

namespace kiosk::store {

class Database;

class Transaction {
public:
    Transaction(Transaction&& other) noexcept;
    Transaction& operator=(Transaction&& other) = delete;
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;
    ~Transaction();

    // On failure the transaction stays open and is rolled back when this object goes.
    Result<void> commit();
    Result<void> rollback();

private:
    friend class Database;
    explicit Transaction(Database& database) : m_database(&database) {}

    Database* m_database = nullptr; // null once committed, rolled back or moved from
};

} // namespace kiosk::store
