#include "kiosk/content/BundleInstall.h"

#include "core/base/Log.h"
#include "core/bundle/BundleKeys.h"
#include "kiosk/content/ContentChoice.h"

#include <algorithm>
#include <system_error>

namespace kiosk::content {
namespace {

namespace fs = std::filesystem;

// Beside the slots, on their filesystem: slots::install renames it into place.
fs::path staging_folder(const slots::ConfigSlots& slots) {
    return slots.config_dir() / "incoming";
}

} // namespace

int installed_version(const slots::SlotsState& state) {
    return static_cast<int>(std::max(state.a.version, state.b.version));
}

Result<InstallOutcome> install_bundle(InstallContext& context, const std::string& bundle_path) {
    auto keys = TRY(bundle::BundleKeys::from_options(context.local.bundles));
    auto staging = staging_folder(context.slots);
    std::error_code failed;
    fs::remove_all(staging, failed);
    if (failed)
        return make_error(ErrorCode::Io, staging.string() + ": cannot clear: " + failed.message());

    InstallOutcome outcome;
    auto refuse = [&](std::string stage, std::string reason) -> Result<InstallOutcome> {
        outcome.stage = std::move(stage);
        outcome.reason = std::move(reason);
        std::error_code ignored;
        fs::remove_all(staging, ignored);
        slots::SlotInfo info{outcome.bundle_id.empty() ? "unknown" : outcome.bundle_id, outcome.version};
        std::string recorded = outcome.stage;
        recorded += ": ";
        recorded += outcome.reason;
        if (auto noted = context.slots.record_refused(info, recorded); !noted.ok())
            log::error("config slots: {}", noted.error().describe());
        return outcome;
    };

    // 1. Verify.
    context.target.installed_version = installed_version(context.slots.state());
    auto verified = bundle::verify_bundle(bundle_path, keys, context.target, staging.string());
    if (!verified.ok()) {
        if (verified.refusal == bundle::Refusal::LocalError)
            return verified.error;
        outcome.refusal = verified.refusal;
        return refuse("verify", verified.error.message);
    }
    const auto& manifest = verified.bundle->manifest;
    outcome.bundle_id = manifest.bundle_id;
    outcome.version = manifest.version;
    fs::path folder = staging / "files";

    // 2. Load it as the kiosk will, against the factory content.
    auto factory = factory_paths(context.local);
    if (!factory.ok())
        return make_error(ErrorCode::Io, "the factory content: " + factory.error().message);
    auto reference = load_content(context.local, factory.value(), Checks{});
    if (!reference.ok())
        return make_error(ErrorCode::Io, "the factory content: " + reference.error().message);
    auto paths = read_content_index(folder);
    if (!paths.ok())
        return refuse("load", paths.error().message);
    auto reference_keys = reference_of(reference.value());
    if (auto loaded = load_content(context.local, paths.value(), Checks{&reference_keys, true}); !loaded.ok())
        return refuse("load", loaded.error().message);

    // 3. Every scene, both languages.
    if (context.check_scenes) {
        if (auto drawn = context.check_scenes(folder); !drawn.ok())
            return refuse("scenes", drawn.error().message);
    }

    // 4. Into the slot not in use, and switch (on trial).
    auto slot = context.slots.install(folder, slots::SlotInfo{manifest.bundle_id, manifest.version});
    std::error_code ignored;
    fs::remove_all(staging, ignored);
    if (!slot.ok()) {
        outcome.stage = "install";
        outcome.reason = slot.error().message;
        return outcome; // the slots recorded it themselves
    }
    outcome.installed = true;
    outcome.slot = slot.value();
    return outcome;
}

} // namespace kiosk::content
