#include "drivers/idcard/SamReader.h"

#include "core/base/Clock.h"
#include "core/base/Log.h"
#include "drivers/idcard/CardText.h"

#include <pthread.h>

namespace kiosk::drivers {

using domain::DeviceState;
using domain::FixedBy;
using sam::Command;
using sam::Sw3;

namespace {

bool is(const sam::Response& response, Sw3 code) {
    return response.sw3 == static_cast<uint8_t>(code);
}

} // namespace

domain::CivilDate local_today() {
    auto civil = to_local_civil(std::chrono::system_clock::now());
    return {civil.year, civil.month, civil.day};
}

SamReader::SamReader(sam::SamLinkOpener opener, SamReaderOptions options)
    : m_opener(std::move(opener)), m_options(std::move(options)) {
    if (!m_options.today)
        m_options.today = local_today;
    m_status.kind = domain::DeviceKind::IdCardReader;
    m_status.state = DeviceState::Absent;
    m_status.reason = "not-started";
}

SamReader::~SamReader() {
    stop();
}

Result<void> SamReader::start(Sink sink) {
    if (!m_opener)
        return make_error(ErrorCode::InvalidArgument, "ID-card reader has no link to open");
    if (m_thread.joinable()) {
        if (!stopping())
            return make_error(ErrorCode::InvalidArgument, "ID-card reader already started");
        if (std::this_thread::get_id() == m_thread.get_id())
            return make_error(ErrorCode::InvalidArgument,
                              "ID-card reader cannot restart from within its sink");
        m_thread.join(); // stopped from within its sink earlier
    }
    {
        std::lock_guard lock(m_mutex);
        m_stopping = false;
        m_woken = false;
        m_device_left = false;
        m_status_reported = false;
    }
    m_sink.attach(std::move(sink));
    m_sam_ready = false;
    m_sam_failures = 0;
    m_sam_backoff = m_options.sam_backoff;
    m_failures = 0;
    m_placement = Placement::None;
    m_thread = std::thread([this] { run(); });
    pthread_setname_np(m_thread.native_handle(), m_options.thread_name.substr(0, 15).c_str());
    return {};
}

void SamReader::stop() {
    bool on_owner_thread = std::this_thread::get_id() == m_thread.get_id();
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
        if (m_live_link)
            m_live_link->interrupt();
    }
    m_wake_up.notify_all();
    m_sink.detach(); // from within the sink (the owner thread) at once; otherwise after a call in flight
    if (on_owner_thread)
        return; // the owner thread ends by itself; start() or the destructor joins it
    if (m_thread.joinable())
        m_thread.join();
}

domain::DeviceStatus SamReader::status() const {
    std::lock_guard lock(m_mutex);
    return m_status;
}

std::optional<Error> SamReader::last_problem() const {
    std::lock_guard lock(m_mutex);
    return m_problem;
}

void SamReader::device_arrived() {
    {
        std::lock_guard lock(m_mutex);
        m_woken = true;
    }
    m_wake_up.notify_all();
}

void SamReader::device_left() {
    {
        std::lock_guard lock(m_mutex);
        m_device_left = true;
        if (m_live_link)
            m_live_link->interrupt();
    }
    m_wake_up.notify_all();
}

void SamReader::run() {
    while (!stopping()) {
        bool left = false;
        {
            std::lock_guard lock(m_mutex);
            std::swap(left, m_device_left);
        }
        if (left && m_link)
            link_failed(make_error(ErrorCode::NotFound, "reader unplugged (USB hot-plug)"));
        else if (!m_link)
            connect();
        else if (!m_sam_ready)
            check_sam();
        else if (m_placement == Placement::Done)
            watch_presence();
        else
            poll_for_card();
    }
    drop_link();
}

void SamReader::connect() {
    auto opened = m_opener();
    if (!opened.ok()) {
        Error error = opened.release_error();
        switch (error.code) {
        case ErrorCode::NotFound:
            set_status(DeviceState::Absent, FixedBy::HallStaff, "unplugged", std::move(error));
            break;
        case ErrorCode::Io:
            // SerialLink/UsbLink say Io for permission problems (with the fix in the message).
            set_status(DeviceState::Fault, FixedBy::Engineer, "no-permission", std::move(error));
            break;
        case ErrorCode::Busy:
            set_status(DeviceState::Fault, FixedBy::Engineer, "in-use", std::move(error));
            break;
        default:
            set_status(DeviceState::Fault, FixedBy::Engineer, "open-failed", std::move(error));
            break;
        }
        wait(m_options.reopen_backoff);
        return;
    }
    {
        std::lock_guard lock(m_mutex);
        m_link = opened.release_value();
        m_live_link = m_link.get();
        if (m_stopping)
            m_link->interrupt();
    }
    log::info("idcard reader: opened {}", m_link->describe());
    m_sam_ready = false;
    m_failures = 0;
}

// §1.6 step 1: SAM status until 0x90. After power-up or re-enumeration the SAM may answer 0x60 or
// nothing for a while (§5 pitfall 5): back off, and reopen the link every few failures.
void SamReader::check_sam() {
    auto answer = transact(Command::SamStatus, m_options.sam_status_timeout);
    if (stopping())
        return;
    if (answer.ok() && is(answer.value(), Sw3::Success)) {
        m_sam_ready = true;
        m_sam_failures = 0;
        m_sam_backoff = m_options.sam_backoff;
        set_status(DeviceState::Ready);
        return;
    }
    if (!answer.ok() && answer.error().code == ErrorCode::NotFound) {
        link_failed(answer.release_error());
        return;
    }
    if (!answer.ok()) {
        bool silent = answer.error().code == ErrorCode::Timeout;
        set_status(DeviceState::Fault, FixedBy::Auto, silent ? "no-response" : "link-error",
                   answer.release_error());
    } else if (is(answer.value(), Sw3::SamSelfTestFailed)) {
        set_status(DeviceState::Fault, FixedBy::Auto, "sam-not-ready", sam::sw3_error(answer->sw3));
    } else if (is(answer.value(), Sw3::SamNotAuthorised)) {
        set_status(DeviceState::Fault, FixedBy::Engineer, "sam-not-authorised", sam::sw3_error(answer->sw3));
    } else {
        set_status(DeviceState::Fault, FixedBy::Engineer, "sam-error", sam::sw3_error(answer->sw3));
    }
    if (++m_sam_failures % std::max(m_options.failures_before_reopen, 1) == 0) {
        log::warn("idcard reader: SAM not ready after {} checks, reopening {}", m_sam_failures,
                  m_link->describe());
        drop_link();
    }
    wait(m_sam_backoff);
    m_sam_backoff = std::min(m_sam_backoff * 2, m_options.sam_backoff_max);
}

// §1.6 step 3: find (0x9F) → select (0x90) → read base.
void SamReader::poll_for_card() {
    auto found = transact(Command::FindCard, m_options.find_timeout);
    if (stopping())
        return;
    if (!found.ok()) {
        link_failed(found.release_error());
    } else if (!is(found.value(), Sw3::FindSuccess)) {
        report_removed_if_placed();
    } else {
        auto selected = transact(Command::SelectCard, m_options.select_timeout);
        if (stopping())
            return;
        if (!selected.ok())
            link_failed(selected.release_error());
        else if (is(selected.value(), Sw3::Success))
            read_card();
        // else: select failed (0x81), the card is moving; find again next time
    }
    wait(m_options.poll_interval);
}

void SamReader::read_card() {
    set_status(DeviceState::Busy);
    auto answer = transact(Command::ReadBase, m_options.read_timeout);
    if (stopping())
        return;
    if (!answer.ok() && answer.error().code == ErrorCode::NotFound) {
        link_failed(answer.release_error());
        return;
    }
    if (!answer.ok() || !is(answer.value(), Sw3::Success)) {
        // §5 pitfall 2: reported once per placement; the next attempt finds and selects again.
        Error error = answer.ok() ? sam::sw3_error(answer->sw3) : answer.error();
        log::warn("idcard reader: read failed: {}", error.describe());
        if (m_placement == Placement::None) {
            m_placement = Placement::Failed;
            m_sink.emit(CardReadFailed{error});
        }
        set_status(DeviceState::Ready);
        if (!answer.ok())
            link_failed(answer.release_error());
        return;
    }
    // One read per placement (§5 pitfall 1), also when the text is unusable: re-reading would give
    // the same bytes, and a wrong identity must never be reported.
    m_placement = Placement::Done;
    auto identity = sam::parse_read_base(answer.value(), m_options.today());
    if (identity.ok()) {
        m_sink.emit(CardPlaced{identity.release_value()});
    } else {
        log::warn("idcard reader: card text rejected: {}", identity.error().describe());
        m_sink.emit(CardReadFailed{identity.release_error()});
    }
    set_status(DeviceState::Ready);
}

// §1.6 step 4: a cheap command while the card stays; anything but 0x90/0x91 means it left.
void SamReader::watch_presence() {
    auto answer = transact(m_options.presence_command, m_options.presence_timeout);
    if (stopping())
        return;
    if (!answer.ok()) {
        link_failed(answer.release_error());
    } else if (is(answer.value(), Sw3::Success) || is(answer.value(), Sw3::NoContent)) {
        wait(m_options.presence_poll_interval);
        return;
    } else {
        report_removed_if_placed();
    }
    wait(m_options.poll_interval);
}

Result<sam::Response> SamReader::transact(Command command, std::chrono::milliseconds timeout) {
    auto frame = sam::build_command(command);
    for (int attempt = 0;; ++attempt) {
        if (stopping())
            return make_error(ErrorCode::Timeout, "reader stopping");
        m_link->discard_input(); // §5 pitfall 3: flush before each command
        auto sent = m_link->send(frame);
        auto answer = sent.ok() ? m_link->receive(std::chrono::steady_clock::now() + timeout)
                                : Result<sam::Response>(sent.release_error());
        if (answer.ok()) {
            m_failures = 0;
            return answer;
        }
        {
            std::lock_guard lock(m_mutex);
            if (m_device_left)
                return make_error(ErrorCode::NotFound, "reader unplugged (USB hot-plug)");
        }
        if (answer.error().code != ErrorCode::InvalidData || attempt >= m_options.bad_frame_retries)
            return answer;
        log::debug("idcard reader: {} answered with a bad frame ({}), sending again", sam::to_string(command),
                   answer.error().message);
    }
}

void SamReader::link_failed(Error error) {
    if (error.code == ErrorCode::NotFound) {
        log::warn("idcard reader: {}", error.describe());
        report_removed_if_placed();
        drop_link();
        set_status(DeviceState::Absent, FixedBy::HallStaff, "unplugged", std::move(error));
        return;
    }
    log::debug("idcard reader: {}", error.describe());
    if (++m_failures < m_options.failures_before_reopen)
        return;
    log::warn("idcard reader: {} failed commands in a row ({}), reopening {}", m_failures, error.describe(),
              m_link->describe());
    report_removed_if_placed();
    drop_link();
}

void SamReader::drop_link() {
    std::unique_ptr<sam::SamLink> closing;
    {
        std::lock_guard lock(m_mutex);
        m_live_link = nullptr;
        closing = std::move(m_link);
    }
    m_sam_ready = false;
    m_failures = 0;
}

void SamReader::report_removed_if_placed() {
    if (m_placement == Placement::None)
        return;
    m_placement = Placement::None;
    m_sink.emit(CardRemoved{});
}

void SamReader::set_status(DeviceState state, FixedBy fixed_by, std::string reason,
                           std::optional<Error> problem) {
    domain::DeviceStatus changed;
    std::string detail = problem ? problem->message : std::string();
    {
        std::lock_guard lock(m_mutex);
        m_problem = std::move(problem);
        if (m_status_reported && m_status.state == state && m_status.fixed_by == fixed_by &&
            m_status.reason == reason)
            return;
        m_status.state = state;
        m_status.fixed_by = fixed_by;
        m_status.reason = std::move(reason);
        m_status_reported = true;
        changed = m_status;
    }
    if (state == DeviceState::Absent || state == DeviceState::Fault)
        log::warn("idcard reader: {} ({}): {}", domain::to_string(state), changed.reason, detail);
    m_sink.emit(std::move(changed));
}

bool SamReader::stopping() const {
    std::lock_guard lock(m_mutex);
    return m_stopping;
}

bool SamReader::wait(std::chrono::milliseconds delay) {
    std::unique_lock lock(m_mutex);
    m_wake_up.wait_for(lock, delay, [this] { return m_stopping || m_woken || m_device_left; });
    m_woken = false;
    return !m_stopping;
}

} // namespace kiosk::drivers
