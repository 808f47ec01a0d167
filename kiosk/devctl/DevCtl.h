#pragma once
// kiosk-devctl: the device CLI for hall staff, engineers and tests, on the same driver libraries as
// the kiosk. Its command lines and JSON keys are a contract (issues 3 and 4); keep them exactly.
// Exit codes: 0 done; 1 the device or the data said no (one line on stderr says which); 2 usage,
// or input that is not in any format the command knows.

#include <CLI/CLI.hpp>

namespace kiosk::devctl {

inline constexpr int kExitFailed = 1;
inline constexpr int kExitUsage = 2;

// Each adds its subcommand to the app; the callback stores the exit code in `exit_code`.
void add_idcard_commands(CLI::App& app, int& exit_code);
void add_mrz_commands(CLI::App& app, int& exit_code);
void add_qr_commands(CLI::App& app, int& exit_code);
void add_print_commands(CLI::App& app, int& exit_code);
void add_scan_commands(CLI::App& app, int& exit_code); // scan, scanner list
void add_ocr_commands(CLI::App& app, int& exit_code);  // ocr, check-material
// hub status, certificates, certificate-download (HubCommands.cpp)
void add_hub_commands(CLI::App& app, int& exit_code);
// outbox list, retry, discard, reseal, send, seal-sample (OutboxCommands.cpp)
void add_outbox_commands(CLI::App& app, int& exit_code);
// service out, in, show; selftest (ServiceCommands.cpp)
void add_service_commands(CLI::App& app, int& exit_code);
// staff keygen, badge make, badge verify, pin hash (StaffCommands.cpp)
void add_staff_commands(CLI::App& app, int& exit_code);
// counters, consumable replace (ConsumableCommands.cpp)
void add_consumable_commands(CLI::App& app, int& exit_code);
// bundle install, status, rollback (BundleCommands.cpp)
void add_bundle_commands(CLI::App& app, int& exit_code);

} // namespace kiosk::devctl
