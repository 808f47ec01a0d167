#pragma once
// The kiosk's side of the stored service state (core/store/ServiceStateStore.h): reads the row at start
// and then every `interval` (5 s) on the store worker, which owns the database, and hands a row whose
// revision changed to `deliver` — on the store worker; the kiosk posts it to the UI thread, where
// ServiceMode::apply_stored applies it. This is how `kiosk-devctl service out/in` reaches a running
// kiosk. The read is one SELECT on a one-row table.

#include "core/base/Clock.h"
#include "core/base/Worker.h"
#include "core/store/ServiceStateStore.h"

#include <chrono>
#include <functional>
#include <memory>

namespace kiosk::store {
class Database;
}

namespace kiosk::services {

class ServiceStateWatch {
public:
    using Deliver = std::function<void(store::StoredServiceState state)>;
    // `database` answers the store worker's database, or null while it is not open (then the read is
    // skipped until the next round). worker, clock and the database must outlive the watch.
    ServiceStateWatch(Worker& store_worker, std::function<store::Database*()> database, const Clock& clock,
                      Deliver deliver, std::chrono::milliseconds interval = std::chrono::seconds(5));
    // No read and no delivery happens after it returns (a delivery under way is waited for).
    ~ServiceStateWatch();
    ServiceStateWatch(const ServiceStateWatch&) = delete;
    ServiceStateWatch& operator=(const ServiceStateWatch&) = delete;

    // Reads now, then every interval.
    void start();

private:
    struct Shared;
    static void round(const std::shared_ptr<Shared>& shared);

    std::shared_ptr<Shared> m_shared;
};

} // namespace kiosk::services
