#pragma once
// The schema of the hub's database file (hub.sqlite): its migrations, from the first CREATE TABLE on,
// and how a connection opens the file with them. The migrations are the hub's own history, beside the
// kiosk's (core/store/Migrations.h): Database::open applies the ones a file has not recorded yet, and
// refuses a file that records a version newer than this list. SqliteHubStore opens its file with these
// options and hands them to any other connection (SqliteHubStore::database_options()).

#include "core/store/Database.h"

namespace kiosk::hub {

// Options that open a hub file with the hub's schema history (opened with the kiosk's, the file is
// refused as newer than the software).
store::DatabaseOptions hub_database_options();

} // namespace kiosk::hub
