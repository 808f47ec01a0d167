#include "services/hubquery/HubQueries.h"

#include "core/base/LocalizedText.h"
#include "core/base/Log.h"
#include "services/outbox/HubClient.h"

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
        auto answer = m_client->download_certificate(certificate_id, number);
        secure_wipe(number);
        CertificateFetched result;
        result.certificate_id = certificate_id;
        if (!answer.ok()) {
            log::info("hub query: certificate {}: {}", certificate_id, answer.error().describe());
            result.failure = answer.error().http_status == 404 ? "not_found" : "unreachable";
        } else if (answer.value().rfind("%PDF-", 0) != 0) {
            log::warn("hub query: certificate {} is not a PDF", certificate_id);
            result.failure = "unreachable";
        } else {
            result.pdf.assign(answer.value().begin(), answer.value().end());
        }
        m_queue.post(std::move(result));
    });
}

} // namespace kiosk::services
