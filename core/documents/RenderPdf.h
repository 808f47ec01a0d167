#pragma once
// Template + data → PDF bytes, with Cairo and Pango (CJK shaping and line breaking in Noto CJK SC).
// Everything is laid out and checked before the first byte of PDF is written, so a render either
// gives a whole document or an error naming the block and the placeholder — never half a document.
//
//   auto tmpl = TRY(Template::load("data/templates/receipt.json"));
//   auto pdf = TRY(render_pdf(tmpl, data));
//   TRY(write_file_atomically("/run/kiosk/print/receipt.pdf", pdf));
//
// The output is deterministic (no creation date, no document id): the same template and data give
// the same bytes. Fonts are looked up through the calling thread's Pango font map; the first render
// on a thread pays for fontconfig, the next ones do not (tests/bench/PrintRenderBench.cpp).

#include "core/base/Result.h"
#include "core/documents/Template.h"

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace kiosk::print {

struct RenderInfo {
    int pages = 0;
    double width_mm = 0, height_mm = 0; // of the (first) page; a receipt is as tall as its content
};

Result<std::vector<uint8_t>> render_pdf(const Template& document, const nlohmann::json& data,
                                        RenderInfo* info = nullptr);

// Writes beside the target, fsyncs, then renames over it: a reader sees the old file or the new one.
Result<void> write_file_atomically(const std::string& path, const std::vector<uint8_t>& bytes);

} // namespace kiosk::print
