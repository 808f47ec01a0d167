#pragma once
// The kiosk ⇄ hub contract in C++: for every request and answer of hub/openapi.yaml, its type, its
// JSON writing (to_json) and reading (parse_*, returning Result<T>), and the limits and formats it
// must keep. The hub, the kiosk's outbox and hub client, kiosk-devctl and kioskctl all speak through
// it, so a field name, a limit or an error code is written here once. tests/unit/protocol checks it
// against hub/openapi.yaml, the published form.
//
//   Values.h        formats (application id, sha256, query token, path segment, dates, UTC times)
//                   and vocabularies (id_type, work item state, overall status, decision)
//   Errors.h        the error body {error, message} and every error code with its HTTP status
//   Routes.h        the hub URL, each endpoint's method and path, the paths clients build, body limits
//   Applications.h  blobs, POST /v1/applications and its answer, their limits and value checks
//   Status.h        a citizen's progress, by query token or application number + token
//   Certificates.h  certificate search and download
//   PrintGrants.h   one print of a certificate across the hall: grants, outcomes, the 409 details
//   WorkItems.h     a department's queue, one work item with its application, decisions
//   FieldReader.h   how parse_* read JSON: strictly for requests, tolerantly for answers
//
// Reading never echoes a value: errors name the field ("applicant.name: longer than 200 bytes"),
// because values are personal data. Depends on core/base and core/domain only (it is shared by the
// kiosk and the hub, and will move to a common core/ folder).

#include "core/protocol/Applications.h"
#include "core/protocol/Certificates.h"
#include "core/protocol/Errors.h"
#include "core/protocol/FieldReader.h"
#include "core/protocol/PrintGrants.h"
#include "core/protocol/Routes.h"
#include "core/protocol/Status.h"
#include "core/protocol/Values.h"
#include "core/protocol/WorkItems.h"
