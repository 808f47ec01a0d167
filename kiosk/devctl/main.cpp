#include "core/base/Log.h"
#include "kiosk/devctl/DevCtl.h"

int main(int argc, char** argv) {
    CLI::App app{"OneWindow device CLI: read and decode ID cards, parse MRZs, render and print documents"};
    app.require_subcommand(1);
    int exit_code = 0;
    kiosk::devctl::add_idcard_commands(app, exit_code);
    kiosk::devctl::add_mrz_commands(app, exit_code);
    kiosk::devctl::add_qr_commands(app, exit_code);
    kiosk::devctl::add_print_commands(app, exit_code);
    kiosk::devctl::add_scan_commands(app, exit_code);
    kiosk::devctl::add_ocr_commands(app, exit_code);
    kiosk::devctl::add_hub_commands(app, exit_code);
    kiosk::devctl::add_outbox_commands(app, exit_code);
    kiosk::devctl::add_service_commands(app, exit_code);
    kiosk::devctl::add_staff_commands(app, exit_code);
    kiosk::devctl::add_consumable_commands(app, exit_code);
    kiosk::devctl::add_bundle_commands(app, exit_code);
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& error) {
        int code = app.exit(error);
        return code == 0 ? 0 : kiosk::devctl::kExitUsage;
    }
    return exit_code;
}
