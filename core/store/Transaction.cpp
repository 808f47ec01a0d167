#include "core/store/Transaction.h"
#include "core/base/Log.h"
#include "core/store/Database.h"

#include <utility>

namespace kiosk::store {

Transaction::Transaction(Transaction&& other) noexcept
    : m_database(std::exchange(other.m_database, nullptr)) {}

Transaction::~Transaction() {
    if (!m_database)
        return;
    if (auto result = rollback(); !result.ok())
        log::warn("store: rollback on scope exit failed: {}", result.error().describe());
}

Result<void> Transaction::commit() {
    if (!m_database)
        return make_error(ErrorCode::Internal, "commit: the transaction is already finished");
    TRY(m_database->execute("COMMIT"));
    m_database = nullptr;
    return {};
}

Result<void> Transaction::rollback() {
    if (!m_database)
        return make_error(ErrorCode::Internal, "rollback: the transaction is already finished");
    // SQLite may already have rolled back by itself (after an I/O error or a full disk); a second
    // ROLLBACK would then only fail with "no transaction is active".
    Database* database = std::exchange(m_database, nullptr);
    if (!database->in_transaction())
        return {};
    return database->execute("ROLLBACK");
}

} // namespace kiosk::store
