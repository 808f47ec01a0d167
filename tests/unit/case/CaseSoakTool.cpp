// case-soak-tool: runs scripted visits through the citizen's case and its drafts for scripts/case-soak,
// which kills it with SIGKILL at random moments and then asks a fresh process what the next start of
// the kiosk would find: no draft, or one whole snapshot the visit reached — never a corrupt or
// half-written one.
//
//   case-soak-tool visit --drafts DIR --db D --outbox DIR --key K [--visits N]
//       visits (default: until killed) of the sample catalog's residence permit: card, item, two
//       materials, an address and a phone typed key by key, sealed into a real outbox, another item,
//       a typed value, the end. Prints "state <json>" for every snapshot the case hands the drafts,
//       before the drafts take it (so whatever reaches the disk was printed first).
//   case-soak-tool check --drafts DIR --key K
//       loads the draft as the kiosk does at start-up: prints "absent", "draft <json>" (the state,
//       without its time), or "unreadable" (exit 1); exit 1 too if a temporary file outlived the load.

#include "core/base/Clock.h"
#include "core/base/Log.h"
#include "core/domain/Catalog.h"
#include "drivers/idcard/SimIdCardReader.h"
#include "services/case/CaseDrafts.h"
#include "services/case/CitizenCase.h"
#include "services/intake/MaterialIntake.h"
#include "services/submit/Submissions.h"

#include <CLI/CLI.hpp>
#include <cstdio>
#include <fstream>
#include <thread>

namespace {

using namespace kiosk;
using namespace kiosk::services;
namespace fs = std::filesystem;

constexpr std::chrono::hours kLongEnough{24}; // a check never finds the draft too old

struct Paths {
    fs::path drafts, outbox;
    std::string database, key_file;
};

// The UI thread's loop: every event to the case, until `done` (or 30 s).
template <typename Done>
bool pump(AppEventQueue& queue, CitizenCase& citizen, Done done) {
    auto until = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    while (!done() && std::chrono::steady_clock::now() < until) {
        while (auto event = queue.try_pop())
            citizen.on_event(*event);
        if (!done())
            std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
    return done();
}

int visit(const Paths& paths, int visits) {
    SystemClock clock;
    auto catalog = domain::load_catalog(std::string(KIOSK_SOURCE_DIR) + "/data/catalog/sample-catalog.json");
    if (!catalog) {
        std::fprintf(stderr, "catalog: %s\n", catalog.error().describe().c_str());
        return 2;
    }
    KioskOptions options;
    options.kiosk_id = "dev-kiosk-01";
    OutboxOptions outbox{paths.outbox.string(), paths.key_file};
    AppEventQueue queue;
    auto made = CaseDrafts::create({paths.drafts, paths.key_file, kLongEnough}, clock, &queue);
    if (!made) {
        std::fprintf(stderr, "drafts: %s\n", made.error().describe().c_str());
        return 2;
    }
    auto drafts = made.release_value();
    drafts->set_observer([](const CaseSnapshot& snapshot) {
        std::printf("state %s\n", snapshot_to_json(snapshot, false).c_str());
        std::fflush(stdout);
    });
    auto scans = paths.outbox.parent_path() / "scans";
    MaterialIntake intake(catalog.value(), queue, IntakeOptions{scans});
    Submissions submissions(paths.database, outbox, HubOptions{}, clock, queue);
    submissions.start();
    CitizenCase citizen(clock, options, catalog.value(),
                        CitizenCase::Services{nullptr, &intake, &submissions, nullptr, drafts.get()},
                        nullptr);
    for (int round = 0; visits <= 0 || round < visits; ++round) {
        citizen.identify_by_card(drivers::SimIdCardReader::sample_identity(0));
        citizen.select("matter:residence_permit");
        for (const char* material : {"photo", "residence_proof"}) {
            fs::create_directories(scans / material);
            auto pdf = scans / material / (std::string(material) + ".pdf");
            std::ofstream(pdf, std::ios::binary) << "%PDF-1.4\n% case soak " << round << "\n";
            AppEvent checked = MaterialChecked{material, 1, false, {}, pdf, 32, intake.generation()};
            citizen.on_event(checked);
        }
        citizen.set_field("current_address", "广东省深圳市南山区科技园 " + std::to_string(round) + " 号");
        std::string phone = "13800138000";
        for (size_t typed = 1; typed <= phone.size(); ++typed)
            citizen.set_field("phone", phone.substr(0, typed));
        if (!citizen.submit(clock.wall_now()).ok() ||
            !pump(queue, citizen, [&] { return citizen.submission()->state != SubmitState::Sealing; }) ||
            citizen.submission()->state != SubmitState::Sealed) {
            std::fprintf(stderr, "visit %d: the application was not sealed\n", round);
            return 1;
        }
        citizen.select("package:newborn");
        citizen.set_field("child_name", "测试宝宝");
        citizen.end(SessionEndReason::Done);
        std::printf("ended %d\n", round);
        std::fflush(stdout);
    }
    drafts->flush();
    return 0;
}

int check(const Paths& paths) {
    SystemClock clock;
    auto made = CaseDrafts::create({paths.drafts, paths.key_file, kLongEnough}, clock, nullptr);
    if (!made) {
        std::fprintf(stderr, "drafts: %s\n", made.error().describe().c_str());
        return 2;
    }
    auto drafts = made.release_value();
    drafts->load();
    drafts->flush();
    int status = 0;
    std::error_code error;
    for (fs::directory_iterator it(paths.drafts, error), end; !error && it != end; it.increment(error))
        if (it->path().filename() != "case.draft") {
            std::printf("leftover %s\n", it->path().filename().c_str());
            status = 1;
        }
    switch (drafts->loaded()) {
    case CaseDrafts::Loaded::Held: {
        auto draft = drafts->claim(drivers::SimIdCardReader::sample_identity(0));
        if (!draft) {
            std::printf("unreadable (held, but not the visit's holder)\n");
            return 1;
        }
        std::printf("draft %s\n", snapshot_to_json(*draft, false).c_str());
        draft->wipe();
        return status;
    }
    case CaseDrafts::Loaded::Absent:
        std::printf("absent\n");
        return status;
    default:
        std::printf("unreadable (%s)\n", to_string(drafts->loaded()));
        return 1;
    }
}

} // namespace

int main(int argc, char** argv) {
    CLI::App app{"drives the citizen's case and its drafts for scripts/case-soak"};
    app.require_subcommand(1);
    Paths paths;
    std::string drafts, outbox;
    int visits = 0;
    auto* visit_command = app.add_subcommand("visit", "scripted visits, printing each state saved");
    visit_command->add_option("--drafts", drafts, "drafts folder")->required();
    visit_command->add_option("--db", paths.database, "kiosk database (the outbox's tables)")->required();
    visit_command->add_option("--outbox", outbox, "outbox folder")->required();
    visit_command->add_option("--key", paths.key_file, "outbox key file")->required();
    visit_command->add_option("--visits", visits, "how many (default: until killed)");
    auto* check_command = app.add_subcommand("check", "what the next start finds");
    check_command->add_option("--drafts", drafts, "drafts folder")->required();
    check_command->add_option("--key", paths.key_file, "outbox key file")->required();
    CLI11_PARSE(app, argc, argv);
    paths.drafts = drafts;
    paths.outbox = outbox;

    log::init(log::Level::Warn);
    if (visit_command->parsed())
        return visit(paths, visits);
    return check(paths);
}
