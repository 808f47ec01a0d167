#pragma once
// An identity as JSON, for `kiosk-devctl idcard decode FILE --json` and the golden fixtures under
// tests/fixtures/idcard/frames/. Personal data: for a staff member's own terminal or a test, never a log.
//
// Keys: document_type, name, sex ("M"/"F"), birth_date, id_number, valid_from, valid_until always;
// name_en when not empty; nation (resident ID cards); address (resident and 'J'); issuer (resident,
// 'J', and 'I' where it is the accepting authority's code); permit_number ('J'); nationality ('I' and
// 'Y'). The photo is not included. Passports: every field that is not empty.

#include "core/domain/Identity.h"

#include <nlohmann/json.hpp>

namespace kiosk::drivers {

nlohmann::json identity_to_json(const domain::Identity& identity);

} // namespace kiosk::drivers
