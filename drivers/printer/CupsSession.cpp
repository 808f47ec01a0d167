#include "drivers/printer/CupsSession.h"
#include "drivers/printer/IppAttributes.h"

#include <cups/cups.h>

#include <cstdlib>
#include <memory>

namespace kiosk::drivers::cups {

namespace {

constexpr const char* queue_attributes[] = {
    "printer-state", "printer-state-reasons", "printer-state-message", "printer-is-accepting-jobs",
    "device-uri",    "marker-names",          "marker-types",          "marker-levels",
    "media-ready",
};
constexpr const char* printer_attributes[] = {
    "printer-state", "printer-state-reasons", "printer-supply", "printer-supply-description", "media-ready",
};
constexpr const char* job_attributes[] = {
    "job-state",
    "job-state-reasons",
    "job-state-message",
    "job-printer-state-reasons",
    "job-printer-state-message",
};

struct IppDeleter {
    void operator()(ipp_t* ipp) const { ippDelete(ipp); }
};
using Ipp = std::unique_ptr<ipp_t, IppDeleter>;

struct HttpCloser {
    void operator()(http_t* http) const { httpClose(http); }
};

// httpSetTimeout callback: give up instead of waiting again.
int give_up(http_t*, void*) {
    return 0;
}

Ipp get_printer_attributes(http_t* http, const std::string& uri, const std::string& resource,
                           const char* const* names, int count) {
    ipp_t* request = ippNewRequest(IPP_OP_GET_PRINTER_ATTRIBUTES);
    ippAddString(request, IPP_TAG_OPERATION, IPP_TAG_URI, "printer-uri", nullptr, uri.c_str());
    ippAddString(request, IPP_TAG_OPERATION, IPP_TAG_NAME, "requesting-user-name", nullptr, cupsUser());
    ippAddStrings(request, IPP_TAG_OPERATION, IPP_TAG_KEYWORD, "requested-attributes", count, nullptr, names);
    return Ipp(cupsDoRequest(http, request, resource.c_str()));
}

} // namespace

bool is_local_server(const std::string& host) {
    return !host.empty() && (host.front() == '/' || host == "localhost" || host == "127.0.0.1" ||
                             host == "::1" || host == "[::1]");
}

const char* job_state_name(int state) {
    return ippEnumString("job-state", state);
}

const char* printer_state_name(int state) {
    return ippEnumString("printer-state", state);
}

Session::Session(std::string queue, SessionOptions options)
    : m_queue(std::move(queue)), m_options(std::move(options)) {
    if (m_options.server.empty()) {
        m_host = cupsServer();
        m_port = ippPort();
    } else {
        m_host = m_options.server;
        auto colon = m_host.rfind(':');
        if (m_host.front() != '/' && colon != std::string::npos &&
            m_host.find(']', colon) == std::string::npos) {
            m_port = std::atoi(m_host.c_str() + colon + 1);
            m_host.resize(colon);
        }
    }
    // A domain socket has no host name for the URI; cupsd takes "localhost" for it.
    std::string uri_host = m_host.front() == '/' ? "localhost" : m_host;
    char uri[1024];
    httpAssembleURIf(HTTP_URI_CODING_ALL, uri, sizeof(uri), "ipp", nullptr, uri_host.c_str(), m_port,
                     "/printers/%s", m_queue.c_str());
    m_printer_uri = uri;
    m_resource = "/printers/" + m_queue;
}

Session::~Session() {
    close();
}

void Session::close() {
    if (m_http)
        httpClose(m_http);
    m_http = nullptr;
}

std::string Session::tls_note() const {
    return is_local_server(m_host) ? "" : " (over TLS, required for a CUPS server on another machine)";
}

http_t* Session::scheduler() {
    if (!m_http) {
        http_encryption_t encryption =
            is_local_server(m_host) ? HTTP_ENCRYPTION_IF_REQUESTED : HTTP_ENCRYPTION_REQUIRED;
        m_http = httpConnect2(m_host.c_str(), m_port, nullptr, AF_UNSPEC, encryption, 1,
                              static_cast<int>(m_options.connect_timeout.count()), nullptr);
        if (m_http)
            httpSetTimeout(m_http, m_options.request_timeout.count() / 1000.0, give_up, nullptr);
    }
    return m_http;
}

Result<int> Session::print_pdf(std::span<const uint8_t> pdf, const std::string& title,
                               const std::string& media) {
    http_t* http = scheduler();
    if (!http)
        return make_error(ErrorCode::Device, "CUPS scheduler " + m_host + ":" + std::to_string(m_port) +
                                                 " is not reachable" + tls_note() + ": " +
                                                 cupsLastErrorString());
    ipp_t* request = ippNewRequest(IPP_OP_PRINT_JOB);
    ippAddString(request, IPP_TAG_OPERATION, IPP_TAG_URI, "printer-uri", nullptr, m_printer_uri.c_str());
    ippAddString(request, IPP_TAG_OPERATION, IPP_TAG_NAME, "requesting-user-name", nullptr, cupsUser());
    ippAddString(request, IPP_TAG_OPERATION, IPP_TAG_NAME, "job-name", nullptr, title.c_str());
    ippAddString(request, IPP_TAG_OPERATION, IPP_TAG_MIMETYPE, "document-format", nullptr, "application/pdf");
    if (!media.empty()) // else CUPS fits the page to the queue's default paper (often Letter)
        ippAddString(request, IPP_TAG_JOB, IPP_TAG_KEYWORD, "media", nullptr, media.c_str());
    // The length is the whole HTTP body: the IPP request and the document after it.
    http_status_t sent = cupsSendRequest(http, request, m_resource.c_str(), ippLength(request) + pdf.size());
    ippDelete(request);
    for (size_t at = 0; sent == HTTP_STATUS_CONTINUE && at < pdf.size();) {
        size_t chunk = std::min<size_t>(pdf.size() - at, size_t{64} * 1024);
        sent = cupsWriteRequestData(http, reinterpret_cast<const char*>(pdf.data() + at), chunk);
        at += chunk;
    }
    Ipp response(sent == HTTP_STATUS_CONTINUE ? cupsGetResponse(http, m_resource.c_str()) : nullptr);
    ipp_status_t status = cupsLastError();
    if (!response || status > IPP_STATUS_OK_CONFLICTING) {
        std::string why = cupsLastErrorString();
        if (!response)
            close();
        // The whole job was sent and the answer is missing: CUPS may well have queued it.
        if (!response && sent == HTTP_STATUS_CONTINUE)
            return make_error(ErrorCode::Timeout,
                              "queue " + m_queue + " took the job but its answer was lost: " + why);
        return make_error(ErrorCode::Device,
                          "queue " + m_queue + " refused the job (" + ippErrorString(status) + "): " + why);
    }
    int job_id = ipp_integer(response.get(), "job-id", 0);
    if (job_id <= 0)
        return make_error(ErrorCode::Device, "queue " + m_queue + " accepted the job but gave no job-id");
    return job_id;
}

Result<JobSnapshot> Session::read_job(int cups_job_id) {
    http_t* http = scheduler();
    if (!http)
        return make_error(ErrorCode::Device,
                          "CUPS scheduler is not reachable" + tls_note() + ": " + cupsLastErrorString());
    ipp_t* request = ippNewRequest(IPP_OP_GET_JOB_ATTRIBUTES);
    ippAddString(request, IPP_TAG_OPERATION, IPP_TAG_URI, "printer-uri", nullptr, m_printer_uri.c_str());
    ippAddInteger(request, IPP_TAG_OPERATION, IPP_TAG_INTEGER, "job-id", cups_job_id);
    ippAddString(request, IPP_TAG_OPERATION, IPP_TAG_NAME, "requesting-user-name", nullptr, cupsUser());
    ippAddStrings(request, IPP_TAG_OPERATION, IPP_TAG_KEYWORD, "requested-attributes",
                  static_cast<int>(std::size(job_attributes)), nullptr, job_attributes);
    Ipp response(cupsDoRequest(http, request, m_resource.c_str()));
    ipp_status_t status = cupsLastError();
    if (!response || status > IPP_STATUS_OK_CONFLICTING) {
        std::string why = cupsLastErrorString();
        if (!response)
            close();
        auto code = status == IPP_STATUS_ERROR_NOT_FOUND ? ErrorCode::NotFound : ErrorCode::Device;
        return make_error(code, "job " + std::to_string(cups_job_id) + " on " + m_queue + ": " + why);
    }
    return read_job_attributes(response.get());
}

QueueSnapshot Session::read_queue() {
    QueueSnapshot snapshot;
    http_t* http = scheduler();
    Ipp response;
    if (http)
        response = get_printer_attributes(http, m_printer_uri, m_resource, queue_attributes,
                                          static_cast<int>(std::size(queue_attributes)));
    ipp_status_t status = cupsLastError();
    if (!response || status > IPP_STATUS_OK_CONFLICTING) {
        if (status == IPP_STATUS_ERROR_NOT_FOUND && response) {
            snapshot.queue_found = false;
        } else {
            snapshot.scheduler_reachable = false;
            close();
        }
        snapshot.state_message =
            std::string(cupsLastErrorString()) + (snapshot.scheduler_reachable ? "" : tls_note());
        return snapshot;
    }
    read_queue_attributes(response.get(), snapshot);
    if (m_options.ask_printer)
        ask_printer(snapshot);
    return snapshot;
}

void Session::ask_printer(QueueSnapshot& snapshot) {
    char scheme[32], userpass[256], host[256], resource[1024];
    int port = 0;
    if (snapshot.device_uri.empty() ||
        httpSeparateURI(HTTP_URI_CODING_ALL, snapshot.device_uri.c_str(), scheme, sizeof(scheme), userpass,
                        sizeof(userpass), host, sizeof(host), &port, resource,
                        sizeof(resource)) < HTTP_URI_STATUS_OK)
        return;
    std::string kind = scheme;
    if (kind != "ipp" && kind != "ipps" && kind != "http" && kind != "https")
        return; // usb://, socket://: only cupsd can tell
    bool secure = kind == "ipps" || kind == "https";
    std::unique_ptr<http_t, HttpCloser> http(httpConnect2(
        host, port, nullptr, AF_UNSPEC, secure ? HTTP_ENCRYPTION_ALWAYS : HTTP_ENCRYPTION_IF_REQUESTED, 1,
        static_cast<int>(m_options.connect_timeout.count()), nullptr));
    if (!http) {
        snapshot.device_reachable = false;
        return;
    }
    httpSetTimeout(http.get(), m_options.request_timeout.count() / 1000.0, give_up, nullptr);
    Ipp response = get_printer_attributes(http.get(), snapshot.device_uri, resource, printer_attributes,
                                          static_cast<int>(std::size(printer_attributes)));
    if (!response || cupsLastError() > IPP_STATUS_OK_CONFLICTING) {
        snapshot.device_reachable = false;
        return;
    }
    snapshot.device_reachable = true;
    read_printer_attributes(response.get(), snapshot);
}

} // namespace kiosk::drivers::cups
