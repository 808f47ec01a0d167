#pragma once
// kioskctl bundle keygen|build|sign|inspect|verify: signed config bundles on the admin's machine
// (docs/ConfigBundles.md "The admin's commands"). Exit codes as the rest of kioskctl: 0 done, 1 refused
// or failed (one line on stderr says why), 2 usage.

#include <CLI/CLI.hpp>

namespace kiosk::hub::kioskctl {

void add_bundle_commands(CLI::App& app, int& exit_code);

} // namespace kiosk::hub::kioskctl
