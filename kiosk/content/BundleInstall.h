#pragma once
// Installing a config bundle on a kiosk (docs/ConfigBundles.md §10), whoever hands it over —
// kiosk-devctl from a USB stick today, the fleet agent later — with the same checks, in this order:
//   1. verify (core/bundle/BundleReader.h): signature, keys, manifest, every file, into a staging
//      folder beside the slots, so that the install is a rename;
//   2. validate by loading (Content.h): the bundle's content folder loaded as the kiosk will, against
//      the factory content's reference, every template rendered with its sample;
//   3. the scenes drawn offscreen in both languages (a callback: kiosk --check-content, in its own
//      process);
//   4. install into the slot not in use and switch (services/slots/ConfigSlots.h): on trial until the
//      kiosk's health check confirms it.
// A refusal at any step leaves the slots as they were, is recorded in the slots' history (for the
// fleet report) and names the step and why. Blocking file I/O: a worker or a CLI.

#include "core/base/Clock.h"
#include "core/base/Config.h"
#include "core/bundle/BundleReader.h"
#include "services/slots/ConfigSlots.h"

#include <filesystem>
#include <functional>
#include <string>

namespace kiosk::content {

struct InstallOutcome {
    bool installed = false;
    std::string stage;  // "verify", "load", "scenes", "install"; "" when installed
    std::string reason; // one line for staff, engineers and the fleet report
    bundle::Refusal refusal = bundle::Refusal::None; // at "verify"
    std::string bundle_id;
    int version = 0;
    slots::ActiveSlot slot = slots::ActiveSlot::Factory; // the slot now current, when installed
};

// Draws the scenes with a content folder; an error says what is missing.
using SceneCheck = std::function<Result<void>(const std::filesystem::path& content_folder)>;

struct InstallContext {
    const KioskOptions& local; // the kiosk's own config (kiosk.json, without any bundle)
    slots::ConfigSlots& slots;
    const Clock& clock;
    bundle::BundleTarget target; // this kiosk; installed_version is filled in from the slots
    SceneCheck check_scenes;     // empty: skipped (said so in the outcome's reason)
};

// The version a new bundle must be above: the highest a slot holds.
int installed_version(const slots::SlotsState& state);

// Fails (Result error) only for what is not the bundle's fault: the keys in the config, the staging
// folder. Everything about the bundle is an outcome.
Result<InstallOutcome> install_bundle(InstallContext& context, const std::string& bundle_path);

} // namespace kiosk::content
