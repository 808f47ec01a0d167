#include "core/documents/RenderPdf.h"

#include <gtest/gtest.h>

#include "PdfTools.h"

#include <cairo.h>

namespace kiosk::print {
namespace {

Template parse(const std::string& json, const std::string& base_dir = ".") {
    auto parsed = Template::parse(json, "test.json", base_dir);
    EXPECT_TRUE(parsed.ok()) << parsed.error().describe();
    return parsed.release_value();
}

Template receipt_with(const std::string& blocks) {
    return parse(R"({"title": "t", "page": {"size": "receipt-80mm"}, "blocks": [)" + blocks + "]}");
}

const nlohmann::json kData = nlohmann::json::parse(R"({
    "applicant": {"name": "林晓燕", "id_number": "110102199208150046"},
    "token": "OW1-7KQ2-M9XD-4TPA-Z3R8",
    "long": "这是一段很长很长的文字，用来检验文本框的行数限制：政务服务自助一体机打印受理回执时，超出版面的内容必须报错而不是被截断。"
})");

// Renders and expects an error; returns its message.
std::string render_error(const Template& document, const nlohmann::json& data = kData) {
    auto pdf = render_pdf(document, data);
    if (pdf.ok())
        return "rendered " + std::to_string(pdf->size()) + " bytes";
    return pdf.error().message;
}

TEST(PrintRenderErrors, MissingPlaceholderDataNamesTheBlockAndPlaceholder) {
    auto document = receipt_with(R"({"type": "text", "text": "申请人"},
        {"type": "fields", "rows": [{"label": "电话", "value": "{{applicant.phone}}"}]})");
    EXPECT_EQ(render_error(document),
              "test.json: blocks[1].rows[0].value: {{applicant.phone}}: no such data");
}

TEST(PrintRenderErrors, MissingRowsArrayIsAnError) {
    auto document = receipt_with(
        R"({"type": "table", "rows": "materials", "columns": [{"header": "材料", "cell": "{{name}}"}]})");
    EXPECT_EQ(render_error(document), "test.json: blocks[0].rows: no data for 'materials'");
}

TEST(PrintRenderErrors, TextLongerThanMaxLinesIsAnError) {
    auto document = receipt_with(R"({"type": "text", "text": "{{long}}", "max_lines": 2})");
    std::string error = render_error(document);
    EXPECT_EQ(error.rfind("test.json: blocks[0]: the text needs ", 0), 0u) << error;
    EXPECT_NE(error.find("more than its max_lines 2"), std::string::npos) << error;
    // The same text with room for it renders.
    EXPECT_TRUE(
        render_pdf(receipt_with(R"({"type": "text", "text": "{{long}}", "max_lines": 6})"), kData).ok());
}

TEST(PrintRenderErrors, TextTallerThanItsBoxIsAnError) {
    auto document = receipt_with(R"({"type": "text", "text": "{{long}}", "box_height_mm": 5})");
    std::string error = render_error(document);
    EXPECT_EQ(error.rfind("test.json: blocks[0]: the text is ", 0), 0u) << error;
    EXPECT_NE(error.find("more than its box_height_mm"), std::string::npos) << error;
}

TEST(PrintRenderErrors, QrPayloadTooLongForItsSizeIsAnError) {
    nlohmann::json data = kData;
    data["token"] = std::string(400, 'a'); // byte mode: version 16, 0.28 mm modules in 25 mm
    auto document = receipt_with(R"({"type": "qr", "data": "{{token}}", "size_mm": 25})");
    std::string error = render_error(document, data);
    EXPECT_EQ(error.rfind("test.json: blocks[0]: QR payload too long: ", 0), 0u) << error;
    // Beyond what any QR code holds at level M (2331 bytes).
    data["token"] = std::string(3000, 'a');
    EXPECT_EQ(render_error(document, data),
              "test.json: blocks[0]: QR payload of 3000 bytes does not fit a QR code");
}

TEST(PrintRenderErrors, AnErrorLateInTheDocumentStillGivesNoPdf) {
    // Everything is laid out before the PDF is written: the last block's error loses the whole document.
    auto document = receipt_with(R"({"type": "text", "text": "受理回执", "style": "title"},
        {"type": "qr", "data": "{{token}}"}, {"type": "text", "text": "{{missing.key}}"})");
    auto pdf = render_pdf(document, kData);
    ASSERT_FALSE(pdf.ok());
    EXPECT_EQ(pdf.error().message, "test.json: blocks[2].text: {{missing.key}}: no such data");
}

TEST(PrintRenderErrors, ErrorsNeverCarryThePersonalData) {
    auto document = receipt_with(R"({"type": "text", "text": "{{applicant.id_number|date}}"},
        {"type": "text", "text": "{{applicant.name}}", "max_lines": 1})");
    std::string error = render_error(document);
    EXPECT_EQ(error.find("110102199208150046"), std::string::npos) << error;
    EXPECT_EQ(error.find("1101"), std::string::npos) << error;
}

TEST(PrintRenderErrors, ARowTallerThanAPageIsAnError) {
    nlohmann::json data = {{"rows", {{{"text", std::string(3000, 'W')}}}}};
    auto document = parse(R"({"title": "t", "page": {"size": "a4"}, "blocks": [
        {"type": "table", "rows": "rows", "columns": [{"header": "x", "cell": "{{text}}"}]}]})");
    std::string error = render_error(document, data);
    EXPECT_EQ(error.rfind("test.json: blocks[0]: taller than a page", 0), 0u) << error;
}

TEST(PrintWriteFile, WritesAtomicallyAndLeavesNoTemporaryFiles) {
    testing::ScratchDir dir;
    auto target = dir.path("out.pdf");
    ASSERT_TRUE(write_file_atomically(target.string(), {'%', 'P', 'D', 'F'}).ok());
    ASSERT_TRUE(write_file_atomically(target.string(), {'n', 'e', 'w'}).ok());
    EXPECT_EQ(testing::read_text(target), "new");
    EXPECT_EQ(std::distance(std::filesystem::directory_iterator(dir.path("")), {}), 1);
    auto failed = write_file_atomically(dir.path("no/such/dir/out.pdf").string(), {'x'});
    ASSERT_FALSE(failed.ok());
    EXPECT_EQ(failed.error().code, ErrorCode::Io);
}

TEST(PrintRender, RendersAnImageBlockFromAPngBesideTheTemplate) {
    testing::ScratchDir dir;
    cairo_surface_t* image = cairo_image_surface_create(CAIRO_FORMAT_RGB24, 40, 20);
    cairo_t* cr = cairo_create(image);
    cairo_set_source_rgb(cr, 0.8, 0.1, 0.1);
    cairo_paint(cr);
    cairo_destroy(cr);
    ASSERT_EQ(cairo_surface_write_to_png(image, dir.path("emblem.png").c_str()), CAIRO_STATUS_SUCCESS);
    cairo_surface_destroy(image);
    auto with_image = parse(R"({"title": "t", "page": {"size": "receipt-80mm"}, "blocks": [
        {"type": "image", "path": "emblem.png", "width_mm": 40}, {"type": "text", "text": "图片下方"}]})",
                            dir.path("").string());
    auto without = receipt_with(R"({"type": "text", "text": "图片下方"})");
    RenderInfo with_info, without_info;
    ASSERT_TRUE(render_pdf(with_image, kData, &with_info).ok());
    ASSERT_TRUE(render_pdf(without, kData, &without_info).ok());
    // The 2:1 image at 40 mm wide adds 20 mm (+1 mm spacing) to the receipt.
    EXPECT_NEAR(with_info.height_mm - without_info.height_mm, 21, 0.1);
}

} // namespace
} // namespace kiosk::print
