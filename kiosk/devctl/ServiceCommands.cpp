// kiosk-devctl service out --config FILE --reason KEYWORD [--notice-zh TEXT --notice-en TEXT]
//                          [--detail TEXT] --staff ID        take the kiosk out of service
// kiosk-devctl service in --config FILE --staff ID            back in service (the kiosk runs its self-test)
// kiosk-devctl service show --config FILE [--json]            the state staff set, the opening hours
// kiosk-devctl selftest --config FILE [--json] [--staff ID] [--wait-s S]
//                                                             open every device as the kiosk would and
//                                                             run the self-test rule on their statuses
//
// FILE is the kiosk's config (core/base/Config.h): paths.database holds the service state
// (core/store/ServiceStateStore.h), which a running kiosk re-reads every 5 s and applies; devices.* and
// paths.catalog are what the self-test opens and reads. Reasons staff may set: hardware, consumables,
// network, maintenance, staff. out, in and selftest write an audit row naming the staff id and
// "via=kiosk-devctl" (docs/Maintenance.md).
//
// Exit codes: 0 done (selftest: every device ready); 1 the store said no, or the self-test failed
// (which device, why); 2 usage (a config that does not load, an unknown reason, a bad staff id).

#include "core/base/Clock.h"
#include "core/base/Config.h"
#include "core/domain/Catalog.h"
#include "core/store/AuditLog.h"
#include "core/store/Database.h"
#include "core/store/ServiceStateStore.h"
#include "core/store/UtcTimestamp.h"
#include "drivers/idcard/SimIdCardReader.h"
#include "drivers/printer/SimPrinter.h"
#include "drivers/qr/SimQrScanner.h"
#include "drivers/scanner/SimScanner.h"
#include "kiosk/DeviceBackends.h"
#include "kiosk/devctl/DevCtl.h"
#include "services/staff/mode/OpeningHours.h"
#include "services/staff/mode/SelfTest.h"
#include "services/staff/mode/ServiceMode.h"

#include <array>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <fmt/format.h>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>

namespace kiosk::devctl {
namespace {

using domain::DeviceKind;

constexpr size_t kMaxNotice = 200; // bytes of a notice line
constexpr size_t kMaxDetail = 200;

struct ServiceArgs {
    std::string config, reason, notice_zh, notice_en, detail, staff;
    bool json = false;
    int wait_s = 5;
};

int fail(std::string_view what, const Error& error, int code = kExitFailed) {
    fmt::print(stderr, "kiosk-devctl: {}: {}\n", what, error.describe());
    return code;
}

int usage(std::string_view what, std::string_view message) {
    fmt::print(stderr, "kiosk-devctl: {}: {}\n", what, message);
    return kExitUsage;
}

// The hall's staff number: letters, digits, '-' or '_', at most 32 (it goes into the audit log).
bool is_staff_id(std::string_view id) {
    return !id.empty() && id.size() <= 32 && std::all_of(id.begin(), id.end(), [](char c) {
        return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '-' ||
               c == '_';
    });
}

// One line of text for the attract screen or staff: bounded, valid UTF-8, no control characters.
bool is_one_line(std::string_view text, size_t limit) {
    if (text.size() > limit)
        return false;
    size_t i = 0;
    while (i < text.size()) {
        auto byte = static_cast<unsigned char>(text[i]);
        size_t extra = 0;
        if (byte < 0x80) {
            if (byte < 0x20 || byte == 0x7F)
                return false;
        } else if (byte >= 0xC2 && byte <= 0xDF) {
            extra = 1;
        } else if (byte >= 0xE0 && byte <= 0xEF) {
            extra = 2;
        } else if (byte >= 0xF0 && byte <= 0xF4) {
            extra = 3;
        } else {
            return false;
        }
        if (i + extra >= text.size() && extra > 0)
            return false;
        for (size_t k = 1; k <= extra; ++k)
            if ((static_cast<unsigned char>(text[i + k]) & 0xC0) != 0x80)
                return false;
        if (byte == 0xC2 && static_cast<unsigned char>(text[i + 1]) < 0xA0)
            return false; // C1 controls
        i += extra + 1;
    }
    return true;
}

// Opens the store the config names; the config not loading is a usage error.
template <typename Action>
int with_store(const ServiceArgs& args, std::string_view what, Action action) {
    auto config = load_config(args.config);
    if (!config)
        return fail(what, config.error(), kExitUsage);
    auto database = store::Database::open(config->paths.database);
    if (!database)
        return fail(what, database.error());
    SystemClock clock;
    return action(config.value(), *database.value(), clock);
}

// Writes the state and its audit row in one transaction: both or neither.
Result<std::int64_t> save_with_audit(store::Database& database, const Clock& clock,
                                     const store::StoredServiceState& state, const std::string& audit_kind,
                                     const std::string& audit_detail) {
    auto transaction = TRY(database.begin());
    auto revision = TRY(store::ServiceStateStore(database, clock).save(state));
    TRY(store::AuditLog(database, clock).append(audit_kind, audit_detail));
    TRY(transaction.commit());
    return revision;
}

int out_command(const ServiceArgs& args) {
    constexpr std::string_view what = "service out";
    if (!is_staff_id(args.staff))
        return usage(what, "--staff: a staff number of letters, digits, '-' or '_' (at most 32)");
    auto reason = services::parse_out_reason(args.reason);
    if (!reason || !services::staff_may_set(*reason))
        return usage(what, "--reason: one of hardware, consumables, network, maintenance, staff");
    if (args.notice_zh.empty() != args.notice_en.empty())
        return usage(what, "--notice-zh and --notice-en go together (the attract screen speaks both)");
    if (!is_one_line(args.notice_zh, kMaxNotice) || !is_one_line(args.notice_en, kMaxNotice))
        return usage(what, fmt::format("a notice is one line of UTF-8 text of at most {} bytes", kMaxNotice));
    if (!is_one_line(args.detail, kMaxDetail))
        return usage(what, fmt::format("--detail is one line of UTF-8 text of at most {} bytes", kMaxDetail));
    return with_store(args, what, [&](const KioskOptions&, store::Database& database, const Clock& clock) {
        store::StoredServiceState state;
        state.in_service = false;
        state.reason = services::to_string(*reason);
        state.detail = args.detail;
        state.notice = {args.notice_zh, args.notice_en};
        state.staff_id = args.staff;
        auto saved =
            save_with_audit(database, clock, state, services::audit_kind::kServiceOut,
                            fmt::format("reason={} staff={} via=kiosk-devctl", state.reason, args.staff));
        if (!saved)
            return fail(what, saved.error());
        fmt::print("out of service ({}), revision {}; a running kiosk applies it within 5 s\n", state.reason,
                   saved.value());
        return 0;
    });
}

int in_command(const ServiceArgs& args) {
    constexpr std::string_view what = "service in";
    if (!is_staff_id(args.staff))
        return usage(what, "--staff: a staff number of letters, digits, '-' or '_' (at most 32)");
    return with_store(args, what, [&](const KioskOptions&, store::Database& database, const Clock& clock) {
        store::StoredServiceState state;
        state.staff_id = args.staff;
        auto saved = save_with_audit(database, clock, state, services::audit_kind::kServiceIn,
                                     fmt::format("staff={} via=kiosk-devctl", args.staff));
        if (!saved)
            return fail(what, saved.error());
        fmt::print(
            "in service as far as staff are concerned, revision {}; the kiosk serves once its self-test "
            "passes\n",
            saved.value());
        return 0;
    });
}

nlohmann::json localized_json(const LocalizedText& text) {
    return {{"zh-CN", text.zh}, {"en", text.en}};
}

int show_command(const ServiceArgs& args) {
    constexpr std::string_view what = "service show";
    return with_store(args, what,
                      [&](const KioskOptions& config, store::Database& database, const Clock& clock) {
                          auto loaded = store::ServiceStateStore(database, clock).load();
                          if (!loaded)
                              return fail(what, loaded.error());
                          const auto& state = loaded.value();
                          services::OpeningHours hours(config.hall.opening_hours);
                          WallTime now = clock.wall_now();
                          bool open = hours.is_open(now);
                          auto next = hours.next_opening(now);
                          if (args.json) {
                              nlohmann::json out = {
                                  {"in_service", state.in_service},
                                  {"reason", state.reason},
                                  {"detail", state.detail},
                                  {"notice", localized_json(state.notice)},
                                  {"staff_id", state.staff_id},
                                  {"staff_role", state.staff_role},
                                  {"changed_utc", state.changed_utc},
                                  {"revision", state.revision},
                                  {"opening_hours", hours.always_open() ? nlohmann::json(nullptr)
                                                                        : localized_json(hours.describe())},
                                  {"open_now", open},
                                  {"next_opening_utc", next ? nlohmann::json(store::utc_timestamp(*next))
                                                            : nlohmann::json(nullptr)},
                              };
                              fmt::print("{}\n", out.dump());
                              return 0;
                          }
                          if (state.in_service)
                              fmt::print("service: in service (as staff set it)\n");
                          else
                              fmt::print("service: out of service, reason {}{}\n", state.reason,
                                         state.detail.empty() ? "" : " — " + state.detail);
                          if (!state.notice.zh.empty())
                              fmt::print("notice: {} / {}\n", state.notice.zh, state.notice.en);
                          if (state.revision > 0)
                              fmt::print("set by: {}{} at {} (revision {})\n", state.staff_id,
                                         state.staff_role.empty() ? "" : " (" + state.staff_role + ")",
                                         state.changed_utc, state.revision);
                          if (hours.always_open()) {
                              fmt::print("opening hours: always open\n");
                          } else {
                              auto text = hours.describe();
                              fmt::print("opening hours: {} / {}\n", text.zh, text.en);
                              fmt::print("now: {}{}\n", open ? "open" : "closed",
                                         next ? " (next opening " + store::utc_timestamp(*next) + ")" : "");
                          }
                          return 0;
                      });
}

// --- selftest ---

// Waits until every device has reported a status once (or the deadline passes).
class StatusWatch {
public:
    void reported(size_t index) {
        std::lock_guard lock(m_mutex);
        m_reported[index] = true;
        m_changed.notify_all();
    }
    bool wait_all(std::chrono::seconds limit) {
        std::unique_lock lock(m_mutex);
        return m_changed.wait_for(lock, limit, [this] {
            return std::all_of(m_reported.begin(), m_reported.end(), [](bool seen) { return seen; });
        });
    }

private:
    std::mutex m_mutex;
    std::condition_variable m_changed;
    std::array<bool, 5> m_reported{};
};

template <typename Event>
std::function<void(Event)> status_sink(StatusWatch& watch, DeviceKind kind) {
    return [&watch, kind](Event event) {
        if (std::holds_alternative<domain::DeviceStatus>(event))
            watch.reported(static_cast<size_t>(kind));
    };
}

// A device of the config, or its simulator for "sim"; a device that cannot be made or started is
// reported as a fault with the reason, as DeviceHub does.
template <typename Device, typename Event, typename Sim, typename Make>
domain::DeviceStatus start_device(std::unique_ptr<Device>& device, DeviceKind kind, StatusWatch& watch,
                                  Make make, std::string& error) {
    auto made = make();
    if (!made) {
        error = made.error().describe();
        watch.reported(static_cast<size_t>(kind));
        return {kind, domain::DeviceState::Fault, domain::FixedBy::Engineer, "config"};
    }
    device = made.release_value();
    if (!device)
        device = std::make_unique<Sim>();
    if (auto started = device->start(status_sink<Event>(watch, kind)); !started) {
        error = started.error().describe();
        watch.reported(static_cast<size_t>(kind));
        device.reset();
        return {kind, domain::DeviceState::Fault, domain::FixedBy::Engineer, "start-failed"};
    }
    return {kind};
}

// SimPrinter needs its role and a paper capacity (those of the demo): one default-constructible
// printer per role, as start_device builds them.
template <DeviceKind kind, int capacity>
class SimRolePrinter final : public drivers::Printer {
public:
    SimRolePrinter() : m_printer(kind, capacity) {}
    Result<void> start(Sink sink) override { return m_printer.start(std::move(sink)); }
    void stop() override { m_printer.stop(); }
    Result<int> submit(drivers::PrintJob job) override { return m_printer.submit(std::move(job)); }
    domain::DeviceStatus status() const override { return m_printer.status(); }

private:
    drivers::SimPrinter m_printer;
};
using SimReceiptPrinter = SimRolePrinter<DeviceKind::ReceiptPrinter, 200>;
using SimA4Printer = SimRolePrinter<DeviceKind::A4Printer, 500>;

int selftest_command(const ServiceArgs& args) {
    constexpr std::string_view what = "selftest";
    if (!args.staff.empty() && !is_staff_id(args.staff))
        return usage(what, "--staff: a staff number of letters, digits, '-' or '_' (at most 32)");
    auto config = load_config(args.config);
    if (!config)
        return fail(what, config.error(), kExitUsage);
    auto catalog = domain::load_catalog(config->paths.catalog);
    if (!catalog)
        return fail(what, catalog.error()); // a kiosk without its catalog serves nothing
    const auto& devices = config->devices;

    StatusWatch watch;
    std::array<std::string, 5> errors;
    services::DeviceStatuses statuses;
    std::unique_ptr<drivers::IdCardReader> idcard;
    std::unique_ptr<drivers::Scanner> scanner;
    std::unique_ptr<drivers::QrScanner> qr;
    std::unique_ptr<drivers::Printer> receipt, a4;
    auto index = [](DeviceKind kind) { return static_cast<size_t>(kind); };
    statuses[index(DeviceKind::IdCardReader)] =
        start_device<drivers::IdCardReader, drivers::IdCardEvent, drivers::SimIdCardReader>(
            idcard, DeviceKind::IdCardReader, watch, [&] { return app::make_idcard_reader(devices.idcard); },
            errors[index(DeviceKind::IdCardReader)]);
    statuses[index(DeviceKind::Scanner)] =
        start_device<drivers::Scanner, drivers::ScannerEvent, drivers::SimScanner>(
            scanner, DeviceKind::Scanner, watch, [&] { return app::make_scanner(devices.scanner); },
            errors[index(DeviceKind::Scanner)]);
    statuses[index(DeviceKind::QrScanner)] =
        start_device<drivers::QrScanner, drivers::QrEvent, drivers::SimQrScanner>(
            qr, DeviceKind::QrScanner, watch, [&] { return app::make_qr_scanner(devices.qr); },
            errors[index(DeviceKind::QrScanner)]);
    statuses[index(DeviceKind::ReceiptPrinter)] =
        start_device<drivers::Printer, drivers::PrinterEvent, SimReceiptPrinter>(
            receipt, DeviceKind::ReceiptPrinter, watch,
            [&] { return app::make_printer(DeviceKind::ReceiptPrinter, devices.receipt_printer); },
            errors[index(DeviceKind::ReceiptPrinter)]);
    statuses[index(DeviceKind::A4Printer)] =
        start_device<drivers::Printer, drivers::PrinterEvent, SimA4Printer>(
            a4, DeviceKind::A4Printer, watch,
            [&] { return app::make_printer(DeviceKind::A4Printer, devices.a4_printer); },
            errors[index(DeviceKind::A4Printer)]);

    // Real devices report their first status once they have looked (opened the tty, asked CUPS).
    watch.wait_all(std::chrono::seconds(args.wait_s));
    if (idcard)
        statuses[index(DeviceKind::IdCardReader)] = idcard->status();
    if (scanner)
        statuses[index(DeviceKind::Scanner)] = scanner->status();
    if (qr)
        statuses[index(DeviceKind::QrScanner)] = qr->status();
    if (receipt)
        statuses[index(DeviceKind::ReceiptPrinter)] = receipt->status();
    if (a4)
        statuses[index(DeviceKind::A4Printer)] = a4->status();
    if (idcard)
        idcard->stop();
    if (scanner)
        scanner->stop();
    if (qr)
        qr->stop();
    if (receipt)
        receipt->stop();
    if (a4)
        a4->stop();

    auto result = services::run_self_test(statuses, &catalog.value());
    int exit_code = result.passed ? 0 : kExitFailed;

    SystemClock clock;
    auto database = store::Database::open(config->paths.database);
    std::string audit_detail =
        fmt::format("{}{}via=kiosk-devctl: {}", result.can_serve ? "" : "cannot serve; ",
                    args.staff.empty() ? "" : "staff=" + args.staff + " ", result.detail());
    if (!database || !store::AuditLog(*database.value(), clock)
                          .append(result.can_serve ? services::audit_kind::kSelfTestPassed
                                                   : services::audit_kind::kSelfTestFailed,
                                  audit_detail))
        fmt::print(stderr, "kiosk-devctl: selftest: the audit row could not be written\n");

    if (args.json) {
        nlohmann::json failures = nlohmann::json::array();
        for (const auto& failure : result.failures)
            failures.push_back({{"device", domain::to_string(failure.device)},
                                {"state", domain::to_string(failure.state)},
                                {"reason", failure.reason},
                                {"consumable", failure.consumable},
                                {"needed", failure.needed},
                                {"error", errors[index(failure.device)]}});
        nlohmann::json devices_json = nlohmann::json::object();
        for (const auto& status : statuses)
            devices_json[domain::to_string(status.kind)] = {{"state", domain::to_string(status.state)},
                                                            {"reason", status.reason}};
        nlohmann::json out = {{"passed", result.passed},           {"can_serve", result.can_serve},
                              {"out_reason", result.out_reason()}, {"failures", failures},
                              {"withdrawn", result.withdrawn},     {"devices", devices_json}};
        fmt::print("{}\n", out.dump());
        return exit_code;
    }
    for (const auto& status : statuses)
        fmt::print("{:<16} {}{}\n", domain::to_string(status.kind), domain::to_string(status.state),
                   status.reason.empty() ? "" : " (" + status.reason + ")");
    for (size_t i = 0; i < errors.size(); ++i)
        if (!errors[i].empty())
            fmt::print("{:<16} {}\n", domain::to_string(static_cast<DeviceKind>(i)), errors[i]);
    if (result.passed)
        fmt::print("self-test passed: every device ready\n");
    else if (result.can_serve)
        fmt::print("self-test failed, the kiosk serves with withdrawals:{}\n", [&] {
            std::string list;
            for (const auto& item : result.withdrawn)
                list += " " + item;
            return list;
        }());
    else
        fmt::print("self-test failed, the kiosk cannot serve ({}): {}\n", result.out_reason(),
                   result.detail());
    return exit_code;
}

} // namespace

void add_service_commands(CLI::App& app, int& exit_code) {
    auto args = std::make_shared<ServiceArgs>();
    auto* service = app.add_subcommand("service", "the kiosk's service state as staff set it");
    service->require_subcommand(1);

    auto* out = service->add_subcommand("out", "take the kiosk out of service (audited)");
    out->add_option("--config", args->config, "the kiosk's config")->required();
    out->add_option("--reason", args->reason, "hardware, consumables, network, maintenance or staff")
        ->required();
    out->add_option("--notice-zh", args->notice_zh, "the attract screen's notice in Chinese");
    out->add_option("--notice-en", args->notice_en, "the attract screen's notice in English");
    out->add_option("--detail", args->detail, "for staff: what is wrong (no personal data)");
    out->add_option("--staff", args->staff, "your staff number (audited)")->required();
    out->callback([args, &exit_code] { exit_code = out_command(*args); });

    auto* in = service->add_subcommand("in", "back in service (audited; the kiosk runs its self-test)");
    in->add_option("--config", args->config, "the kiosk's config")->required();
    in->add_option("--staff", args->staff, "your staff number (audited)")->required();
    in->callback([args, &exit_code] { exit_code = in_command(*args); });

    auto* show = service->add_subcommand("show", "the state staff set and the opening hours");
    show->add_option("--config", args->config, "the kiosk's config")->required();
    show->add_flag("--json", args->json, "print JSON");
    show->callback([args, &exit_code] { exit_code = show_command(*args); });

    auto* selftest =
        app.add_subcommand("selftest", "open every device and run the self-test (exit 1: failed)");
    selftest->add_option("--config", args->config, "the kiosk's config")->required();
    selftest->add_option("--staff", args->staff, "your staff number (audited)");
    selftest->add_option("--wait-s", args->wait_s, "s to wait for the devices' first status (default 5)")
        ->check(CLI::Range(1, 60));
    selftest->add_flag("--json", args->json, "print JSON");
    selftest->callback([args, &exit_code] { exit_code = selftest_command(*args); });
}

} // namespace kiosk::devctl
