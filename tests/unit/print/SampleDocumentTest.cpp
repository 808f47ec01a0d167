// The shipped templates with their sample data (data/templates/samples), rendered and read back the
// way a person or a printer would: text through pdftotext, page sizes through pdfinfo, the QR code
// rasterised at 300 dpi and decoded by ZXing-cpp.

#include "core/documents/RenderPdf.h"

#include <gtest/gtest.h>

#include "PdfTools.h"

#include <ZXing/ReadBarcode.h>
#include <cairo.h>

namespace kiosk::print {
namespace {

const std::string kTemplates = std::string(KIOSK_SOURCE_DIR) + "/data/templates";

nlohmann::json sample(const std::string& name) {
    return nlohmann::json::parse(testing::read_text(kTemplates + "/samples/" + name + ".json"));
}

class SampleDocument : public ::testing::Test {
protected:
    // Renders data/templates/NAME.json with its sample into the scratch folder; returns the PDF path.
    std::filesystem::path render(const std::string& name, const nlohmann::json& data) {
        auto document = Template::load(kTemplates + "/" + name + ".json");
        EXPECT_TRUE(document.ok()) << document.error().describe();
        if (!document.ok())
            return {};
        auto pdf = render_pdf(document.value(), data, &info);
        EXPECT_TRUE(pdf.ok()) << pdf.error().describe();
        if (!pdf.ok())
            return {};
        auto path = dir.path(name + ".pdf");
        testing::write_bytes(path, pdf.value());
        return path;
    }
    std::filesystem::path render(const std::string& name) { return render(name, sample(name)); }

    testing::ScratchDir dir;
    RenderInfo info;
};

TEST_F(SampleDocument, ReceiptShowsTheApplicationAndOnlyTheMaskedIdNumber) {
    auto pdf = render("receipt");
    std::string text = testing::pdf_text(pdf);
    for (const char* expected :
         {"受理回执", "Acceptance Receipt", "示例市政务服务中心", "SL20240520-0001234", "林晓燕",
          "新生儿出生“一件事”", "出生登记（新生儿落户）", "市人力资源和社会保障局", "受理后5个工作日内",
          "已提交，各部门已收到", "出生医学证明", "复印件", "2024年5月20日 14:32", "扫码查询办理进度",
          "0571-12345"})
        EXPECT_NE(text.find(expected), std::string::npos) << expected << " missing from:\n" << text;
    EXPECT_NE(text.find("1101**********0046"), std::string::npos);
    EXPECT_EQ(text.find("110102199208150046"), std::string::npos);
    EXPECT_EQ(text.find("19920815"), std::string::npos);
}

TEST_F(SampleDocument, ReceiptIsOne80mmPageAsTallAsItsContent) {
    auto pdf = render("receipt");
    EXPECT_EQ(testing::pdf_pages(pdf), 1);
    auto [width, height] = testing::pdf_page_size_pt(pdf);
    EXPECT_NEAR(width, 80 / 25.4 * 72, 0.01); // 226.77 pt
    EXPECT_NEAR(height / 72 * 25.4, info.height_mm, 0.1);
    // One more matter makes the paper longer, the width stays.
    double before = info.height_mm;
    auto data = sample("receipt");
    data["matters"].push_back(data["matters"][0]);
    render("receipt", data);
    EXPECT_GT(info.height_mm, before + 5);
    EXPECT_DOUBLE_EQ(info.width_mm, 80);
}

TEST_F(SampleDocument, ReceiptQrCodeScansBackToTheTokenAtLevelM) {
    auto pdf = render("receipt");
    testing::run("pdftoppm -r 300 -png -singlefile '" + pdf.string() + "' '" + dir.path("receipt").string() +
                 "'");
    cairo_surface_t* image = cairo_image_surface_create_from_png(dir.path("receipt.png").c_str());
    ASSERT_EQ(cairo_surface_status(image), CAIRO_STATUS_SUCCESS);
    ZXing::ImageView view(cairo_image_surface_get_data(image), cairo_image_surface_get_width(image),
                          cairo_image_surface_get_height(image), ZXing::ImageFormat::BGRX,
                          cairo_image_surface_get_stride(image));
    auto result = ZXing::ReadBarcode(view, ZXing::DecodeHints().setFormats(ZXing::BarcodeFormat::QRCode));
    cairo_surface_destroy(image);
    ASSERT_TRUE(result.isValid());
    EXPECT_EQ(result.text(), sample("receipt")["query"]["token"].get<std::string>());
    EXPECT_EQ(result.ecLevel(), "M");
}

TEST_F(SampleDocument, RenderingIsDeterministic) {
    auto document = Template::load(kTemplates + "/receipt.json");
    ASSERT_TRUE(document.ok());
    auto first = render_pdf(document.value(), sample("receipt"));
    auto second = render_pdf(document.value(), sample("receipt"));
    ASSERT_TRUE(first.ok() && second.ok());
    EXPECT_TRUE(first.value() == second.value()) << "two renders differ";
    std::string bytes(first->begin(), first->end());
    EXPECT_EQ(bytes.find("/CreationDate"), std::string::npos);
}

TEST_F(SampleDocument, CertificateIsA4WithTheHolderMaskedAndTheSealText) {
    auto pdf = render("certificate");
    EXPECT_EQ(testing::pdf_pages(pdf), 1);
    auto [width, height] = testing::pdf_page_size_pt(pdf);
    EXPECT_NEAR(width, 595.28, 0.01);
    EXPECT_NEAR(height, 841.89, 0.01);
    std::string text = testing::pdf_text(pdf);
    for (const char* expected :
         {"无犯罪记录证明", "示公（西）证字〔2024〕第 000123 号", "阿依古丽·买买提", "6501**********0069",
          "2024年5月21日", "SL20240520-0001301", "示例市公安局", "特此证明"})
        EXPECT_NE(text.find(expected), std::string::npos) << expected << " missing from:\n" << text;
    EXPECT_EQ(text.find("650102198511020069"), std::string::npos);
}

TEST_F(SampleDocument, ChecklistSpillsOntoASecondPageAndRepeatsTheTableHeader) {
    auto pdf = render("checklist");
    int pages = testing::pdf_pages(pdf);
    EXPECT_GE(pages, 2);
    EXPECT_EQ(pages, info.pages);
    auto [width, height] = testing::pdf_page_size_pt(pdf);
    EXPECT_NEAR(width, 595.28, 0.01);
    EXPECT_NEAR(height, 841.89, 0.01);
    std::string first = testing::pdf_text(pdf, 1), second = testing::pdf_text(pdf, 2);
    EXPECT_NE(first.find("企业开办“一件事”办事指南"), std::string::npos) << first;
    EXPECT_NE(first.find("企业设立登记"), std::string::npos);
    // The merged materials table starts on page 1 and continues on page 2 under its header again.
    // ("Needed by" heads only that table.)
    EXPECT_NE(first.find("Needed by"), std::string::npos) << first;
    EXPECT_NE(second.find("Needed by"), std::string::npos) << second;
    EXPECT_NE(second.find("劳动合同"), std::string::npos) << second;
}

TEST_F(SampleDocument, LongTablesRepeatTheirHeaderOnEveryPage) {
    nlohmann::json data = {{"rows", nlohmann::json::array()}};
    for (int i = 1; i <= 150; ++i)
        data["rows"].push_back({{"name", "材料第" + std::to_string(i) + "项"}});
    auto document = Template::parse(R"({"title": "t", "page": {"size": "a4"}, "blocks": [
        {"type": "table", "rows": "rows", "columns": [{"header": "表头材料名称", "cell": "{{name}}"}]}]})",
                                    "long.json");
    ASSERT_TRUE(document.ok()) << document.error().describe();
    auto pdf_bytes = render_pdf(document.value(), data, &info);
    ASSERT_TRUE(pdf_bytes.ok());
    auto pdf = dir.path("long.pdf");
    testing::write_bytes(pdf, pdf_bytes.value());
    ASSERT_GE(info.pages, 3);
    for (int page = 1; page <= info.pages; ++page) {
        std::string text = testing::pdf_text(pdf, page);
        EXPECT_NE(text.find("表头材料名称"), std::string::npos) << "page " << page;
    }
    std::string all = testing::pdf_text(pdf);
    EXPECT_NE(all.find("材料第150项"), std::string::npos); // no row lost at a page break
    EXPECT_NE(all.find("材料第1项"), std::string::npos);
}

} // namespace
} // namespace kiosk::print
