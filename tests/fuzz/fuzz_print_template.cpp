// libFuzzer target for print templates, which arrive in config bundles from outside: any bytes go
// through Template::parse. Beyond "no crash, no sanitizer report", a parsed template must be usable:
// it has a page with a positive printable width and every block says where it came from.

#include "core/documents/Template.h"

#include <cstdint>
#include <cstdlib>
#include <string_view>

namespace {

void require(bool condition) {
    if (!condition)
        std::abort();
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    std::string_view text(reinterpret_cast<const char*>(data), size);
    // Images are looked up in a folder that does not exist: the parser must say so, not crash.
    auto parsed = kiosk::print::Template::parse(text, "fuzz.json", "/nonexistent-fuzz-dir");
    if (!parsed.ok()) {
        require(!parsed.error().message.empty());
        return 0;
    }
    const auto& page = parsed.value().page();
    require(page.width_mm() - page.margins.left_mm - page.margins.right_mm > 0);
    for (const auto& block : parsed.value().blocks())
        require(!block.where.empty());
    return 0;
}
