// The composition root: the config read once, every device backend picked from it, the services
// wired, the store opened off the UI thread, and the scenes given what they may use.

#include "core/base/SecretFile.h"
#include "core/store/DeviceJournalStore.h"
#include "core/store/ServiceStateStore.h"
#include "core/store/StaffPinLockStore.h"
#include "kiosk/AppImpl.h"
#include "kiosk/content/ContentChoice.h"

#include <future>

namespace kiosk::app {

namespace {

Result<WallTime> parse_fixed_clock(const std::string& text) {
    CivilTime civil;
    if (std::sscanf(text.c_str(), "%d-%d-%dT%d:%d", &civil.year, &civil.month, &civil.day, &civil.hour,
                    &civil.minute) != 5)
        return make_error(ErrorCode::InvalidArgument, "--clock wants YYYY-MM-DDTHH:MM, got '" + text + "'");
    return from_local_civil(civil);
}

// The kiosk's local time minus UTC now, for the consumables forecast's hours of the day.
std::chrono::seconds local_utc_offset(WallTime now) {
    CivilTime civil = to_local_civil(now);
    auto local = std::chrono::sys_days(std::chrono::year(civil.year) / civil.month / civil.day) +
                 std::chrono::hours(civil.hour) + std::chrono::minutes(civil.minute) +
                 std::chrono::seconds(civil.second);
    return std::chrono::round<std::chrono::minutes>(local - std::chrono::floor<std::chrono::seconds>(now));
}

} // namespace

std::string default_config_path() {
    // Installed: /etc/onewindow/kiosk.json. A development build finds its source tree's config.
    for (const auto& candidate : {std::filesystem::path("/etc/onewindow/kiosk.json"),
                                  std::filesystem::path(KIOSK_SOURCE_DIR) / "data/config/kiosk.json",
                                  std::filesystem::path("data/config/kiosk.json")}) {
        if (std::filesystem::exists(candidate))
            return candidate.lexically_normal().string();
    }
    return "data/config/kiosk.json";
}

App::Impl::~Impl() {
    scenes.reset();
    service_watch.reset(); // no stored state arrives for a desk that is gone
    staff_desk.reset();
    if (devices)
        devices->stop();
    if (citizen) // a visit in progress when the kiosk stops is wiped from memory, its draft kept
        citizen->end(services::SessionEndReason::Shutdown);
    citizen.reset();     // holds pointers to the services below
    drafts.reset();      // writes what is queued (a visit under way stays resumable), joins its worker
    submissions.reset(); // a seal in flight ends; the uploader's request in flight too (hub timeouts)
    hub.reset();         // joins its worker (a query in flight ends at its timeout)
    intake.reset();      // joins its worker (and wipes the scan folder) while the event queue still works
    // The store worker's tasks use members declared after it (the database, the audit log, the config
    // slots), which are destroyed before it joins: what it was asked to do — an audit row, the health
    // check's confirmation of a slot on trial — is done now, while they exist. Not waiting lost that
    // confirmation or crashed (a double free) in 3 of 40 stops right after the first frame
    // (scripts/bundle-soak found it).
    std::promise<void> drained;
    store_worker.post([&drained] { drained.set_value(); });
    drained.get_future().wait();
    painter.reset();
    fonts.reset();
    if (renderer)
        SDL_DestroyRenderer(renderer);
    if (window)
        SDL_DestroyWindow(window);
    if (TTF_WasInit())
        TTF_Quit();
    SDL_Quit();
}

void App::Impl::record(std::string_view kind, std::string_view detail) {
    log::info("audit {} {}", kind, detail);
    store_worker.post([this, kind = std::string(kind), detail = std::string(detail)] {
        if (!audit)
            return;
        if (auto appended = audit->append(kind, detail); !appended.ok())
            log::error("audit log write failed: {}", appended.error().describe());
    });
}

// Templates, the print ledger and the print service. A kiosk whose templates do not load cannot
// hand out receipts, so it does not serve; one without its ledger still prints all but certificates.
void App::Impl::open_printing(bool offscreen) {
    if (!templates) { // the content did not load (open_content): out of service already
        if (out_of_service_reason.empty())
            out_of_service_reason = "templates";
        return;
    }
    if (!offscreen) {
        if (auto opened = store::Database::open(options.paths.database); opened.ok()) {
            ledger_database = opened.release_value();
            ledger_audit = std::make_unique<store::AuditLog>(*ledger_database, *clock);
            ledger = std::make_unique<store::PrintLedger>(*ledger_database, *ledger_audit, *clock);
            // What was in flight when the kiosk stopped is settled as unknown by PrintService::resume()
            // once the hub link is up (load()).
        } else {
            log::error("print ledger: {}", opened.error().describe());
        }
    }
    auto render = [this](const std::string& name,
                         const nlohmann::json& data) -> Result<std::vector<uint8_t>> {
        const print::Template* found = templates->find(name);
        if (!found)
            return make_error(ErrorCode::NotFound, "no print template '" + name + "'");
        return print::render_pdf(*found, data);
    };
    auto queue_of = [](const DeviceOptions& device) {
        return device.backend == "cups" ? device.device : "sim";
    };
    printing = std::make_unique<services::PrintService>(
        *devices, render, ledger.get(),
        services::PrintService::Queues{queue_of(options.devices.receipt_printer),
                                       queue_of(options.devices.a4_printer)});
    // Paper counted from what prints; a replacement is audited with the staff member's id and role.
    services::ConsumablesSettings paper{offscreen ? "" : options.paths.database, options.consumables};
    paper.forecast.utc_offset = local_utc_offset(clock->wall_now());
    consumables = std::make_unique<services::Consumables>(
        paper, *clock, [this](domain::DeviceKind kind) { return devices->reported(kind); },
        [this](std::string_view kind, std::string_view detail) { record(kind, detail); }, &queue);
    printing->set_usage_hook([this](const services::PrintUsage& usage) { consumables->book(usage); });
    consumables->start();
}

// The pad's lockout and the devices' last fault and success times are kept in the store, written and
// read back on the store worker (after the store opened: its tasks run in order), so a restart keeps them.
void App::Impl::keep_staff_state() {
    journal->keep_with([this](const store::StoredDeviceHistory& history) {
        store_worker.post([this, history] {
            if (!database)
                return;
            if (auto saved = store::DeviceJournalStore(*database).save(history); !saved.ok())
                log::error("device journal: {}", saved.error().describe());
        });
    });
    if (staff_auth) {
        staff_auth->keep_lock_with([this](const store::StoredPinLock& lock) {
            store_worker.post([this, lock] {
                if (!database)
                    return;
                if (auto saved = store::StaffPinLockStore(*database).save(lock); !saved.ok())
                    log::error("staff pad lock: {}", saved.error().describe());
            });
        });
    }
    store_worker.post([this] {
        if (!database)
            return;
        if (auto kept = store::DeviceJournalStore(*database).load(); kept.ok())
            journal->restore(kept.value());
        else
            log::error("device journal: {}", kept.error().describe());
        if (!staff_auth)
            return;
        if (auto kept = store::StaffPinLockStore(*database).load(); kept.ok())
            staff_auth->restore_lock(kept.value());
        else
            log::error("staff pad lock: {}", kept.error().describe());
    });
}

// Hall staff (docs/Maintenance.md). A staff section that does not load leaves the pad refusing
// sign-ins (audited, logged for the engineer); the citizens are served all the same.
void App::Impl::open_staff_desk(bool offscreen) {
    journal = std::make_unique<services::DeviceJournal>(*clock, [this](std::string_view counter) {
        store_worker.post([this, counter = std::string(counter)] {
            if (database)
                (void)store::Counters(*database).increment(counter);
        });
    });
    auto audit = [this](std::string_view kind, std::string_view detail) { record(kind, detail); };
    if (auto made = services::StaffAuthenticator::create(
            services::staff_pins(options.staff), services::staff_auth_options(options.staff), *clock, audit);
        made.ok()) {
        staff_auth = made.release_value();
    } else {
        log::error("staff sign-in off: {}", made.error().describe());
    }
    if (!offscreen)
        keep_staff_state();
    services::ServiceModeOptions mode_options;
    mode_options.staff_session_timeout = std::chrono::seconds(options.staff.session_timeout_s);
    mode_options.opening_hours = options.hall.opening_hours;
    services::SelfTestInputs self_test{[this] {
                                           services::DeviceStatuses statuses;
                                           for (size_t i = 0; i < statuses.size(); ++i)
                                               statuses[i] =
                                                   devices->status(static_cast<domain::DeviceKind>(i));
                                           return statuses;
                                       },
                                       &catalog,
                                       [this](domain::DeviceKind printer) {
                                           return consumables && consumables->withdrawn(printer).has_value();
                                       }};
    service_mode = std::make_unique<services::ServiceMode>(
        mode_options, *clock, std::move(self_test), audit, [this](const store::StoredServiceState& state) {
            store_worker.post([this, state] {
                if (!database)
                    return;
                if (auto saved = store::ServiceStateStore(*database, *clock).save(state); !saved.ok())
                    log::error("service state: {}", saved.error().describe());
            });
        });
    if (!out_of_service_reason.empty())
        service_mode->set_internal_fault(out_of_service_reason);
    staff_desk = std::make_unique<StaffDeskImpl>(StaffDeskImpl::Parts{
        *clock, options, catalog, *tr, queue, *devices, *journal, *service_mode, staff_auth.get(),
        consumables.get(), printing.get(), submissions.get(), ledger.get(), ledger_database.get(),
        [this] { return citizen && citizen->active(); }, audit, config_slots.get(), &store_worker,
        content_slot});
    if (!offscreen) {
        service_watch = std::make_unique<services::ServiceStateWatch>(
            store_worker, [this] { return database.get(); }, *clock,
            [this](store::StoredServiceState state) { staff_desk->stored_state_arrived(std::move(state)); });
        service_watch->start();
    }
}

// The catalog, strings, templates and the config's remote part (kiosk/content/ContentChoice.h): a
// content folder given (--check-content), else the installed bundle's slot or the factory content. A
// kiosk none of whose content loads still starts — out of service, the reason on screen for staff —
// with the factory's strings if they load (the screen needs words); only without any is it an error.
Result<void> App::Impl::open_content(bool offscreen) {
    Result<content::Choice> chosen = make_error(ErrorCode::NotFound, "no content");
    if (!app_options.content_dir.empty()) {
        auto paths = TRY(content::read_content_index(app_options.content_dir));
        chosen = content::Choice{TRY(content::load_content(options, paths, content::Checks{}))};
    } else {
        // A screenshot draws the factory content and touches no slot.
        if (!offscreen && !options.paths.config_slots.empty()) {
            auto opened = slots::ConfigSlots::open(options.paths.config_slots, options.paths.content, *clock);
            if (opened.ok())
                config_slots = opened.release_value();
            else
                log::error("config slots: {}", opened.error().describe());
        }
        chosen = content::choose_content(options, config_slots.get());
    }
    if (!chosen.ok()) {
        log::error("content: {}", chosen.error().describe());
        out_of_service_reason = "config";
        auto factory = content::factory_paths(options);
        tr = TRY(ui::Translator::load(factory.ok() ? factory->strings : options.paths.strings));
        return {};
    }
    for (const auto& passed : chosen->passed_over)
        log::warn("content passed over: {}", passed);
    content_slot = chosen->slot;
    content_on_trial = chosen->on_trial;
    content_removed_matters = chosen->content.paths.removed_matters;
    options = std::move(chosen->content.options);
    tr = std::move(chosen->content.strings);
    catalog = std::move(chosen->content.catalog);
    templates.emplace(std::move(chosen->content.templates));
    log::info("content: {} (catalog {}, {} templates){}", slots::to_string(content_slot), catalog.version(),
              templates->names().size(), content_on_trial ? ", on trial" : "");
    if (config_slots && !offscreen)
        content_stamp = slots::current_stamp(options.paths.config_slots); // ContentApply.cpp watches it
    return {};
}

Result<void> App::Impl::load(bool offscreen) {
    std::string config_path =
        app_options.config_path.empty() ? default_config_path() : app_options.config_path;
    options = TRY(load_config(config_path));
    if (!app_options.fixed_clock.empty())
        clock = std::make_unique<FakeClock>(TRY(parse_fixed_clock(app_options.fixed_clock)));
    else
        clock = std::make_unique<SystemClock>();

    TRY(open_content(offscreen));
    if (app_options.language)
        options.default_language = *app_options.language;
    tr->set_language(options.default_language);
    if (app_options.portrait && !options.display.portrait) {
        options.display.portrait = true;
        std::swap(options.display.width, options.display.height);
    }
    options.demo_mode = options.demo_mode || app_options.demo;
    options.display.fullscreen = options.display.fullscreen || app_options.fullscreen;

    if (!offscreen) {
        store_worker.post([this] {
            // The image creates /var/lib/onewindow; a development tree gets its build/var here.
            std::error_code ignored;
            std::filesystem::create_directories(std::filesystem::path(options.paths.database).parent_path(),
                                                ignored);
            auto opened = store::Database::open(options.paths.database);
            if (!opened.ok()) {
                log::error("local store: {}", opened.error().describe());
                queue.post(services::StoreUnavailable{opened.error()});
                return;
            }
            database = opened.release_value();
            audit = std::make_unique<store::AuditLog>(*database, *clock);
            if (auto counted = store::Counters(*database).increment("kiosk.starts"); !counted.ok())
                log::error("counters: {}", counted.error().describe());
        });
    }
    // A key another user can read, replace or redirect is no secret: staff must fix it before the
    // kiosk takes anyone's application (core/base/SecretFile.h).
    if (auto keys = check_kiosk_secret_files(options); !keys.ok()) {
        log::error("keys: {}", keys.error().describe());
        out_of_service_reason = "keys";
    }
    if (!app_options.out_of_service.empty())
        out_of_service_reason = app_options.out_of_service;

    real_idcard = TRY(make_idcard_reader(options.devices.idcard));
    if (real_idcard)
        idcard = real_idcard.get();
    real_receipt_printer =
        TRY(make_printer(domain::DeviceKind::ReceiptPrinter, options.devices.receipt_printer));
    if (real_receipt_printer)
        receipt_printer = real_receipt_printer.get();
    real_a4_printer = TRY(make_printer(domain::DeviceKind::A4Printer, options.devices.a4_printer));
    if (real_a4_printer)
        a4_printer = real_a4_printer.get();
    real_scanner = TRY(make_scanner(options.devices.scanner));
    if (real_scanner)
        scanner = real_scanner.get();
    real_qr = TRY(make_qr_scanner(options.devices.qr));
    if (real_qr) {
        qr = real_qr.get();
        wedge = dynamic_cast<drivers::WedgeQrScanner*>(qr);
    }
    devices = std::make_unique<services::DeviceHub>(
        services::DeviceSet{idcard, scanner, qr, receipt_printer, a4_printer}, queue);
    open_printing(offscreen);
    // Offscreen (a screenshot, kiosk-devctl's --check-content while the kiosk serves) no scan folder:
    // the intake wipes its folder when it starts and ends, and the running kiosk's citizen owns it.
    intake = std::make_unique<services::MaterialIntake>(
        catalog, queue, services::IntakeOptions{offscreen ? std::string() : options.paths.scans});
    hub = std::make_unique<services::HubQueries>(options.hub, queue);
    if (printing) {
        // Certificates print under the hub's grant; the hub hears how each print ended, also after a
        // restart (docs/specs/hub-contract.md §6.1). The reason goes as a keyword, never a message.
        printing->set_outcome_reporter(
            [this](const store::PrintRecord& print) { hub->report_print_outcome(print); });
        if (auto resumed = printing->resume(); !resumed.ok())
            log::error("print ledger: {}", resumed.error().describe());
        else if (resumed.value() > 0)
            log::warn("print ledger: {} print(s) were in flight when the kiosk stopped: booked unknown",
                      resumed.value());
    }
    submissions = std::make_unique<services::Submissions>(options.paths.database, options.outbox, options.hub,
                                                          *clock, queue);
    // Opens the outbox at once: a kiosk that cannot seal closes applying before anyone starts one
    // (Submissions.h). A screenshot seals nothing and opens no outbox.
    if (!offscreen)
        submissions->start();
    if (!offscreen) {
        // Under the outbox's key: a kiosk that cannot seal applications keeps no drafts either.
        auto made = services::CaseDrafts::create({options.paths.drafts, options.outbox.key_file,
                                                  std::chrono::seconds(options.session.resume_within_s)},
                                                 *clock, &queue);
        if (made.ok()) {
            drafts = made.release_value();
            drafts->load();
        } else {
            log::warn("case drafts off (a restart mid-visit loses the visit): {}", made.error().describe());
        }
    }
    citizen = std::make_unique<services::CitizenCase>(
        *clock, options, catalog,
        services::CitizenCase::Services{devices.get(), intake.get(), submissions.get(), printing.get(),
                                        drafts.get()},
        [this](std::string_view kind, std::string_view detail) { record(kind, detail); });
    if (auto engine = services::PinyinEngine::open(); engine.ok()) {
        pinyin_engine = engine.release_value();
        pinyin = std::make_unique<ui::PinyinCandidates>(*pinyin_engine);
    } else {
        log::warn("keyboard: no pinyin input, Latin letters only: {}", engine.error().message);
    }
    open_staff_desk(offscreen);
    if (offscreen && !app_options.screenshot_staff_role.empty()) {
        auto role = domain::parse_staff_role(app_options.screenshot_staff_role);
        if (!role)
            return make_error(ErrorCode::InvalidArgument, "--staff-role: duty, hall-it or engineer");
        staff_desk->sign_in_for_screenshot({"2001", "演示信息员", *role});
        if (!app_options.screenshot_test_scan.empty())
            TRY(staff_desk->show_test_scan_for_screenshot(app_options.screenshot_test_scan));
        if (!app_options.screenshot_config_slots.empty())
            TRY(staff_desk->show_config_slots_for_screenshot(app_options.screenshot_config_slots));
    }
    TRY(open_window(offscreen));

    devices->start();
    // Devices report asynchronously; take their current state now so the first frame is right.
    devices->note(idcard->status());
    devices->note(scanner->status());
    devices->note(qr->status());
    devices->note(receipt_printer->status());
    devices->note(a4_printer->status());
    if (consumables) { // the printers' own word on their paper, before the first DeviceStatusChanged
        consumables->printer_reported(receipt_printer->status());
        consumables->printer_reported(a4_printer->status());
    }

    context = std::make_unique<ui::SceneContext>(
        ui::SceneContext{*tr, theme, *clock, options, catalog, *citizen, *devices, printing.get(), hub.get(),
                         nullptr, out_of_service_reason, pinyin.get()});
    context->staff = staff_desk.get();
    ui::Rect scene_screen = screen;
    if (options.demo_mode)
        scene_screen.h -= theme.px(48);
    scenes = std::make_unique<ui::SceneManager>(*context, ui::citizen_flow(), scene_screen);
    if (app_options.trace_scenes) {
        scenes->set_trace([](std::string_view line) {
            std::fwrite(line.data(), 1, line.size(), stdout);
            std::fputc('\n', stdout);
            std::fflush(stdout);
        });
    }
    if (!app_options.identity_sample.empty())
        citizen->identify_by_card(
            drivers::SimIdCardReader::sample_identity(std::atoi(app_options.identity_sample.c_str())));
    if (options.demo_mode)
        demo_keys = std::make_unique<DemoKeys>(sims, *scenes, *tr, app_options.idcard_control,
                                               app_options.print_rig, app_options.demo_documents);
    return {};
}

} // namespace kiosk::app
