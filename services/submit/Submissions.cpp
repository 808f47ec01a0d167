#include "services/submit/Submissions.h"

#include "core/base/LocalizedText.h"
#include "core/base/Log.h"
#include "services/outbox/Outbox.h"
#include "services/outbox/Uploader.h"

#include <future>

namespace kiosk::services {

Submissions::Submissions(std::string database_path, OutboxOptions outbox, HubOptions hub, const Clock& clock,
                         AppEventQueue& queue)
    : m_database_path(std::move(database_path)), m_outbox_options(std::move(outbox)), m_hub(std::move(hub)),
      m_clock(clock), m_queue(queue), m_worker(std::make_unique<Worker>("submissions")) {
    if (m_hub.url.empty())
        m_delivery.state = outbox::UploaderState::NoHubConfigured;
}

Submissions::~Submissions() {
    m_worker.reset();   // a seal in flight finishes: the citizen may be waiting on it
    m_uploader.reset(); // joins after the request in flight (bounded by the hub timeouts)
}

void Submissions::start() {
    m_worker->post([this] { open_outbox(); });
    if (!m_hub.url.empty() && !m_uploader) {
        // Ids, states and error lines only: the uploader's events carry no personal data.
        m_uploader = std::make_unique<outbox::Uploader>(
            m_database_path, m_outbox_options, m_hub, m_clock, outbox::UploaderOptions{},
            [this](outbox::OutboxEvent event) { on_outbox_event(event); });
        m_uploader->start();
    }
}

unsigned Submissions::submit(outbox::ApplicationPackage package) {
    unsigned ticket = ++m_tickets;
    m_worker->post([this, ticket, package = std::move(package)]() mutable {
        seal(ticket, package);
        package.applicant.wipe();
        for (auto& [field, value] : package.form)
            secure_wipe(value);
        if (package.phone)
            secure_wipe(*package.phone);
    });
    return ticket;
}

bool Submissions::open_outbox() {
    if (m_outbox)
        return true;
    auto opened = outbox::Outbox::open(m_database_path, m_outbox_options, m_clock);
    if (!opened.ok()) {
        set_sealing(false, opened.error().describe()); // logs a change, not every attempt
        if (!m_reopen_scheduled) {                     // and again, until it opens
            m_reopen_scheduled = true;
            m_worker->post_after(m_reopen_interval, [this] {
                m_reopen_scheduled = false;
                open_outbox();
            });
        }
        return false;
    }
    m_outbox = opened.release_value();
    set_sealing(true, {});
    return true;
}

void Submissions::set_sealing(bool ready, std::string problem) {
    {
        std::lock_guard lock(m_mutex);
        if (m_sealing.ready == ready && m_sealing.problem == problem)
            return;
        m_sealing = {ready, problem};
    }
    if (ready)
        log::info("submissions: the outbox is open: applying is open");
    else
        log::error("submissions: applying is closed until the outbox opens: {}", problem);
    m_queue.post(SealingChanged{ready, std::move(problem)});
}

void Submissions::seal(unsigned ticket, const outbox::ApplicationPackage& package) {
    if (!open_outbox()) {
        m_queue.post(SubmissionFailed{ticket, make_error(ErrorCode::Unsupported, sealing().problem)});
        return;
    }
    auto started = std::chrono::steady_clock::now();
    auto sealed = m_outbox->seal(package);
    if (!sealed.ok()) {
        log::error("submissions: sealing failed: {}", sealed.error().describe());
        m_queue.post(SubmissionFailed{ticket, sealed.release_error()});
        // Was it this package (a material that does not read) or the outbox? Opened afresh (key
        // check and all), an outbox in trouble closes applying before the next citizen starts one.
        m_outbox.reset();
        open_outbox();
        return;
    }
    auto took =
        std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started);
    log::info("submissions: {} sealed in {} ms ({} matters, {} materials)", sealed->application_id,
              took.count(), sealed->matter_ids.size(), package.materials.size());
    m_queue.post(ApplicationSealed{ticket, sealed->application_id, sealed->query_token, sealed->sealed_utc});
    if (m_uploader)
        m_uploader->kick();
}

Submissions::Sealing Submissions::sealing() const {
    std::lock_guard lock(m_mutex);
    return m_sealing;
}

outbox::UploaderStatus Submissions::delivery() const {
    std::lock_guard lock(m_mutex);
    return m_delivery;
}

template <typename T>
Result<T> Submissions::on_outbox(std::function<Result<T>(outbox::Outbox&)> task) {
    // Shared with the task: a wait that times out leaves the task free to finish into it later.
    auto answer = std::make_shared<std::promise<Result<T>>>();
    auto future = answer->get_future();
    m_worker->post([this, answer, task = std::move(task)] {
        if (!open_outbox()) {
            answer->set_value(
                make_error(ErrorCode::Unsupported, "the outbox is not open: " + sealing().problem));
            return;
        }
        answer->set_value(task(*m_outbox));
    });
    if (future.wait_for(kStaffWait) != std::future_status::ready)
        return make_error(ErrorCode::Timeout, "the outbox did not answer within 5 s");
    return future.get();
}

Result<Submissions::StaffOutbox> Submissions::staff_outbox() {
    return on_outbox<StaffOutbox>([](outbox::Outbox& box) -> Result<StaffOutbox> {
        StaffOutbox view;
        view.counts = TRY(box.counts());
        auto waiting = TRY(box.unfinished()); // oldest first
        if (!waiting.empty())
            view.oldest_waiting_sealed_utc = waiting.front().sealed_utc;
        view.for_staff = TRY(box.for_staff());
        return view;
    });
}

Result<void> Submissions::retry(const std::string& application_id) {
    auto retried = on_outbox<bool>([application_id](outbox::Outbox& box) -> Result<bool> {
        TRY(box.retry(application_id));
        return true;
    });
    if (!retried.ok())
        return retried.release_error();
    if (m_uploader)
        m_uploader->kick();
    return {};
}

Result<void> Submissions::discard(const std::string& application_id, const std::string& reason) {
    auto discarded = on_outbox<bool>([application_id, reason](outbox::Outbox& box) -> Result<bool> {
        TRY(box.discard(application_id, reason));
        return true;
    });
    if (!discarded.ok())
        return discarded.release_error();
    return {};
}

void Submissions::answer_staff(unsigned request, std::string action,
                               std::function<Result<void>(outbox::Outbox&)> task) {
    m_worker->post([this, request, action = std::move(action), task = std::move(task)] {
        StaffOutboxAnswered answer;
        answer.request = request;
        answer.action = action;
        if (!open_outbox()) {
            std::string why = "the outbox is not open: ";
            why += sealing().problem; // appended: GCC 12 at -O3 flags "…" + std::string&& (-Werror=restrict)
            answer.error = make_error(ErrorCode::Unsupported, why);
            m_queue.post(std::move(answer));
            return;
        }
        if (task) {
            if (auto done = task(*m_outbox); !done.ok())
                answer.error = done.error();
        }
        auto view = [&]() -> Result<void> {
            auto counts = TRY(m_outbox->counts());
            answer.queued = counts.unfinished();
            auto waiting = TRY(m_outbox->unfinished()); // oldest first
            if (!waiting.empty())
                answer.oldest_waiting_sealed_utc = waiting.front().sealed_utc;
            for (const auto& application : TRY(m_outbox->for_staff()))
                answer.for_staff.push_back(
                    {application.application_id, application.reason, application.sealed_utc});
            return {};
        }();
        answer.read = view.ok();
        if (!view.ok() && !answer.error)
            answer.error = view.error();
        m_queue.post(std::move(answer));
    });
}

void Submissions::ask_staff_outbox(unsigned request) {
    answer_staff(request, "read", {});
}

void Submissions::ask_retry(unsigned request, std::string application_id) {
    answer_staff(request, "retry",
                 [this, application_id = std::move(application_id)](outbox::Outbox& box) -> Result<void> {
                     TRY(box.retry(application_id));
                     if (m_uploader)
                         m_uploader->kick();
                     return Result<void>{};
                 });
}

void Submissions::ask_discard(unsigned request, std::string application_id, std::string reason) {
    answer_staff(request, "discard",
                 [application_id = std::move(application_id),
                  reason = std::move(reason)](outbox::Outbox& box) -> Result<void> {
                     TRY(box.discard(application_id, reason));
                     return Result<void>{};
                 });
}

void Submissions::ask_send_now(unsigned request) {
    answer_staff(request, "send-now", [this](outbox::Outbox&) -> Result<void> { return send_now(); });
}

Result<void> Submissions::send_now() {
    if (!m_uploader)
        return make_error(ErrorCode::Unsupported, "no hub is configured: kiosk-devctl outbox send");
    m_uploader->kick();
    return {};
}

void Submissions::on_outbox_event(outbox::OutboxEvent event) {
    if (auto* delivered = std::get_if<outbox::ApplicationDelivered>(&event)) {
        log::info("outbox: {} delivered as {}", delivered->application_id, delivered->application_number);
        m_queue.post(HubAccepted{delivered->application_id, delivered->application_number});
    } else if (auto* refused = std::get_if<outbox::ApplicationRefused>(&event)) {
        log::warn("outbox: {} refused by the hub: {}", refused->application_id, refused->reason);
        m_queue.post(HubRefused{refused->application_id, refused->reason});
    } else if (auto* changed = std::get_if<outbox::UploaderStatusChanged>(&event)) {
        log::info("outbox: {}, {} queued", outbox::to_string(changed->status.state), changed->status.queued);
        {
            std::lock_guard lock(m_mutex);
            m_delivery = changed->status;
        }
        m_queue.post(DeliveryChanged{outbox::to_string(changed->status.state), changed->status.queued,
                                     changed->status.last_error});
    }
}

} // namespace kiosk::services
