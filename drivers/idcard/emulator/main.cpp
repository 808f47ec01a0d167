// idcard-emulator: a GA/T 467 SAM ID-card reader on a pty, scripted by JSON (see README.md).
//   idcard-emulator --script tests/fixtures/idcard/scripts/one-resident.json --link /tmp/ttyIDCARD
// First line on stdout: "device /dev/pts/N". Then actions on stdin ("place 0", "remove", "quit", …).

#include "drivers/idcard/emulator/EmulatorRunner.h"

#include <CLI/CLI.hpp>
#include <cstdio>
#include <fstream>
#include <sstream>

using namespace kiosk::drivers::sam::emulator;

int main(int argc, char** argv) {
    CLI::App cli{"ID-card reader (SAM) emulator on a pty"};
    std::string script_path;
    RunnerOptions options;
    int replug_after_ms = -1;
    bool wire_time = false;
    int response_delay_ms = -1;
    cli.add_option("--script", script_path, "JSON script: cards, timeline, timings, faults")
        ->check(CLI::ExistingFile);
    cli.add_option("--link", options.link, "also make this symlink to the pty slave");
    cli.add_option("--replug-after-ms", replug_after_ms, "after an unplug, come back on a new pty after N ms")
        ->check(CLI::NonNegativeNumber);
    cli.add_flag("--wire-time", wire_time, "pace answers at the UART's speed (~87 us a byte at 115200)");
    cli.add_option("--response-delay-ms", response_delay_ms,
                   "delay before every answer (overrides the script)")
        ->check(CLI::NonNegativeNumber);
    cli.add_flag("--verbose,-v", options.verbose, "log each command and answer on stderr");
    CLI11_PARSE(cli, argc, argv);

    EmulatorScript script;
    if (!script_path.empty()) {
        std::ifstream file(script_path);
        std::stringstream text;
        text << file.rdbuf();
        auto parsed = parse_script(text.str(), script_path);
        if (!parsed) {
            std::fprintf(stderr, "idcard-emulator: %s\n", parsed.error().message.c_str());
            return 2;
        }
        script = parsed.release_value();
    }
    if (wire_time)
        script.timings.wire_time = true;
    if (response_delay_ms >= 0)
        script.timings.response_delay_ms = response_delay_ms;
    if (replug_after_ms >= 0)
        options.replug_after_ms = replug_after_ms;
    return EmulatorRunner(std::move(script), std::move(options)).run();
}
