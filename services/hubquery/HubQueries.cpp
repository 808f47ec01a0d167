#include "services/hubquery/HubQueries.h"

#include "core/base/LocalizedText.h"
#include "core/base/Log.h"
#include "core/protocol/Values.h"

#include "services/outbox/HubClient.h"
#include <algorithm>

namespace kiosk::services {

HubQueries::HubQueries(const HubOptions& options, AppEventQueue& queue)
    : m_queue(queue), m_worker(std::make_unique<Worker>("hub-query")) {
    if (options.url.empty())
        return;
    auto client = outbox::HubClient::create(options);
    if (!client.ok()) {
        log::error("hub queries: no hub client: {}", client.error().message);
        return;
    }
    m_client = std::make_unique<outbox::HubClient>(std::move(client.value()));
}

HubQueries::~HubQueries() {
    m_worker.reset();
}

void HubQueries::query_progress(const std::string& token) {
    if (!m_client) {
        m_queue.post(ProgressAnswered{token, "not_configured", {}});
        return;
    }
    m_worker->post([this, token] {
        auto answer = m_client->status_by_token(token);
        ProgressAnswered result;
        result.token = token;
        if (!answer.ok()) {
            const auto& error = answer.error();
            // An unknown token and a wrong one look the same by design (no oracle): "not found".
            result.failure = error.verdict == outbox::HubVerdict::Rejected && error.http_status == 404
                                 ? "not_found"
                                 : "unreachable";
            log::info("hub query: progress {}", error.describe());
            m_queue.post(std::move(result));
            return;
        }
        const auto& progress = answer.value();
        result.application_number = progress.application_number;
        result.submitted_at = progress.submitted_at;
        result.status = protocol::to_string(progress.status);
        for (const auto& matter : progress.matters)
            result.matters.push_back({matter.matter_id, matter.department_id,
                                      protocol::to_string(matter.state), matter.promised_date, matter.overdue,
                                      matter.reason.value_or(""), matter.certificate_id.has_value()});
        m_queue.post(std::move(result));
    });
}

void HubQueries::list_certificates(const std::string& id_number) {
    if (!m_client) {
        m_queue.post(CertificatesListed{"not_configured", {}});
        return;
    }
    // A copy the task owns, overwritten once sent: the ID number stays no longer than the request.
    m_worker->post([this, number = std::string(id_number)]() mutable {
        auto answer = m_client->search_certificates(number);
        secure_wipe(number);
        CertificatesListed result;
        if (!answer.ok()) {
            log::info("hub query: certificates {}", answer.error().describe());
            result.failure = "unreachable";
        } else {
            for (const auto& certificate : answer.value())
                result.certificates.push_back({certificate.certificate_id, certificate.application_number,
                                               certificate.matter_id, certificate.title,
                                               certificate.issued_at});
        }
        m_queue.post(std::move(result));
    });
}

void HubQueries::fetch_certificate(const std::string& certificate_id, const std::string& id_number) {
    if (!m_client) {
        m_queue.post(CertificateFetched{certificate_id, "not_configured", {}});
        return;
    }
    m_worker->post([this, certificate_id, number = std::string(id_number)]() mutable {
        CertificateFetched result;
        result.certificate_id = certificate_id;
        auto granted = m_client->request_print_grant(certificate_id, protocol::PrintGrantRequest{number, {}});
        if (!granted.ok() || !granted.value().refusal.empty()) {
            secure_wipe(number);
            if (!granted.ok()) {
                log::info("hub query: print grant for certificate {}: {}", certificate_id,
                          granted.error().describe());
                result.failure = granted.error().http_status == 404 ? "not_found" : "unreachable";
            } else {
                const auto& held = granted.value();
                log::info("hub query: certificate {} is held: {} by kiosk {}", certificate_id, held.refusal,
                          held.held.kiosk_id);
                result.failure = held.refusal == protocol::kAlreadyPrinted.code    ? "already_printed"
                                 : held.refusal == protocol::kPrintInProgress.code ? "print_in_progress"
                                                                                   : "print_unknown";
                result.held_by = held.held.kiosk_id;
                result.held_at = held.held.at;
                // Shown to the citizen in the hall's time: "2026-11-27 10:32".
                if (auto at = protocol::parse_utc_time(held.held.at); at.ok()) {
                    CivilTime local = to_local_civil(at.value());
                    result.held_at = fmt::format("{:04}-{:02}-{:02} {:02}:{:02}", local.year, local.month,
                                                 local.day, local.hour, local.minute);
                }
            }
            m_queue.post(std::move(result));
            return;
        }
        result.grant_id = granted.value().grant.grant_id;
        auto answer = m_client->download_certificate(certificate_id, number, result.grant_id);
        secure_wipe(number);
        bool fetched = answer.ok() && answer.value().rfind("%PDF-", 0) == 0;
        if (!fetched) // nothing can print without the PDF: the grant goes back for certain
            send_outcome(0, result.grant_id, {protocol::PrintOutcome::Failed, std::string("not-downloaded")},
                         retry_first);
        if (!answer.ok()) {
            log::info("hub query: certificate {}: {}", certificate_id, answer.error().describe());
            result.failure = answer.error().http_status == 404 ? "not_found" : "unreachable";
        } else if (answer.value().rfind("%PDF-", 0) != 0) {
            log::warn("hub query: certificate {} is not a PDF", certificate_id);
            result.failure = "unreachable";
        } else {
            result.pdf.assign(answer.value().begin(), answer.value().end());
        }
        if (!fetched)
            result.grant_id.clear();
        m_queue.post(std::move(result));
    });
}

void HubQueries::report_print_outcome(const store::PrintRecord& print) {
    auto outcome = print.state == store::PrintState::Completed ? protocol::PrintOutcome::Printed
                   : print.state == store::PrintState::Failed  ? protocol::PrintOutcome::Failed
                                                               : protocol::PrintOutcome::Unknown;
    // "media-jam: the printer jammed …" → "media-jam": the hub keeps a keyword, never a message.
    std::string keyword = print.reason.substr(0, std::min<size_t>(print.reason.find(':'), 64));
    keyword.erase(
        std::remove_if(keyword.begin(), keyword.end(), [](unsigned char c) { return c < 0x21 || c > 0x7e; }),
        keyword.end());
    report_print_outcome(print.id, print.hub_grant, outcome, keyword);
}

void HubQueries::report_print_outcome(std::int64_t ledger_id, const std::string& grant_id,
                                      protocol::PrintOutcome outcome, const std::string& reason) {
    if (!m_client) // no hub now: the ledger keeps it for the next start with one
        return;
    protocol::PrintOutcomeReport report{outcome, reason.empty() ? std::nullopt : std::optional(reason)};
    m_worker->post(
        [this, ledger_id, grant_id, report] { send_outcome(ledger_id, grant_id, report, retry_first); });
}

// On the worker. A Retry waits and goes again, longer each time; only the hub's answer ends it.
void HubQueries::send_outcome(std::int64_t ledger_id, std::string grant_id,
                              protocol::PrintOutcomeReport report, std::chrono::milliseconds next_wait) {
    auto sent = m_client->report_print_outcome(grant_id, report);
    if (sent.ok() || !sent.error().retryable()) {
        if (!sent.ok())
            log::warn("hub query: print outcome for grant {} refused: {}", grant_id, sent.error().describe());
        if (ledger_id != 0)
            m_queue.post(PrintOutcomeReported{ledger_id, sent.ok()});
        return;
    }
    log::info("hub query: print outcome for grant {} not delivered, again in {} ms: {}", grant_id,
              next_wait.count(), sent.error().describe());
    auto after = std::min(retry_max, next_wait * 2);
    m_worker->post_after(next_wait, [this, ledger_id, grant_id = std::move(grant_id), report, after] {
        send_outcome(ledger_id, grant_id, report, after);
    });
}

} // namespace kiosk::services
