// HubService: one print of a certificate across the hall (docs/specs/hub-contract.md §6.1). A kiosk asks
// for a grant before it downloads and prints; the outcome it reports decides whether the certificate
// may be granted again (failed), is out (printed) or waits for staff (unknown).
#include "core/base/Log.h"
#include "core/protocol/PrintGrants.h"
#include "core/store/UtcTimestamp.h"
#include "hub/Digest.h"
#include "hub/HubService.h"

namespace kiosk::hub {
namespace {

// A 409 that says which kiosk printed or holds the certificate, and since when.
Reply held_by(const protocol::ErrorKind& kind, const std::string& message, const PrintGrantRecord& grant) {
    Reply reply = error_reply(kind, message);
    reply.body["kiosk_id"] = grant.kiosk_id;
    reply.body["at"] = grant.outcome_at.empty() ? grant.granted_at : grant.outcome_at;
    return reply;
}

} // namespace

Reply HubService::request_print_grant(const Caller& caller, const std::string& certificate_id,
                                      const std::string& body) {
    if (auto refused = only_kiosks(caller))
        return *refused;
    nlohmann::json json;
    if (auto refused = read_json(body, json))
        return *refused;
    auto parsed = protocol::parse_print_grant_request(json);
    if (!parsed.ok())
        return bad_body(parsed.error());
    const protocol::PrintGrantRequest& request = parsed.value();
    auto found = m_store.find_certificate(certificate_id);
    if (!found.ok())
        return internal_error(found.error());
    // Without staff, only the holder's ID number opens the certificate (as for the download).
    if (!found.value() ||
        (request.id_number && found.value()->id_number_key != id_number_key(*request.id_number)))
        return error_reply(protocol::kNotFound, "no such certificate for this ID number");

    WallTime now = m_clock.wall_now();
    std::string reprint_staff = request.reprint ? request.reprint->staff_id : std::string();
    std::string reprint_reason = request.reprint ? request.reprint->reason : std::string();
    auto decided = m_store.grant_print(
        certificate_id, caller.id, "G-" + random_hex(12), store::utc_timestamp(now),
        store::utc_timestamp(now + m_options.print_grant_ttl), reprint_staff, reprint_reason, caller.cn);
    if (!decided.ok())
        return internal_error(decided.error());
    const GrantDecision& decision = decided.value();
    const PrintGrantRecord& grant = decision.grant;
    using Kind = GrantDecision::Kind;
    switch (decision.kind) {
    case Kind::Granted:
    case Kind::SameKioskOpen:
        log::info("hub: certificate {} print grant {} to {}{}", certificate_id, grant.id, caller.cn,
                  reprint_staff.empty() ? "" : " (staff reprint)");
        return json_reply(decision.kind == Kind::Granted ? 201 : 200,
                          protocol::to_json(protocol::PrintGrant{grant.id, certificate_id, grant.granted_at,
                                                                 grant.expires_at}));
    case Kind::AlreadyPrinted:
        return held_by(protocol::kAlreadyPrinted, "this certificate was printed; a reprint needs staff",
                       grant);
    case Kind::InProgress:
        return held_by(protocol::kPrintInProgress, "another kiosk is printing this certificate", grant);
    case Kind::Unknown:
        return held_by(protocol::kPrintUnknown,
                       "a print of this certificate may have come out; staff must check and allow a reprint",
                       grant);
    case Kind::NothingToReprint:
        return error_reply(protocol::kNothingToReprint, "this certificate is not printed: print it normally");
    }
    return error_reply(protocol::kInternal, "the hub could not complete the request; try again later");
}

Reply HubService::report_print_outcome(const Caller& caller, const std::string& grant_id,
                                       const std::string& body) {
    if (auto refused = only_kiosks(caller))
        return *refused;
    nlohmann::json json;
    if (auto refused = read_json(body, json))
        return *refused;
    auto parsed = protocol::parse_print_outcome_report(json);
    if (!parsed.ok())
        return bad_body(parsed.error());
    auto found = m_store.find_print_grant(grant_id);
    if (!found.ok())
        return internal_error(found.error());
    // Another kiosk's grant reads as no grant at all: no oracle for grant ids.
    if (!found.value() || found.value()->kiosk_id != caller.id)
        return error_reply(protocol::kNotFound, "no print grant " + grant_id + " of this kiosk");
    const char* state = protocol::to_string(parsed.value().outcome);
    auto recorded =
        m_store.record_print_outcome(grant_id, state, parsed.value().reason.value_or(""), caller.cn);
    if (!recorded.ok()) {
        if (recorded.error().code == ErrorCode::Denied)
            return error_reply(protocol::kOutcomeRecorded, recorded.error().message);
        return internal_error(recorded.error());
    }
    const PrintGrantRecord& grant = recorded.value();
    if (grant.state == "unknown")
        log::warn("hub: certificate {} print by {} has an unknown outcome: staff must check",
                  grant.certificate_id, caller.cn);
    return json_reply(200, {{"grant_id", grant.id},
                            {"certificate_id", grant.certificate_id},
                            {"outcome", grant.state},
                            {"recorded_at", grant.outcome_at}});
}

} // namespace kiosk::hub
