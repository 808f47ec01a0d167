// Template::parse and Template::load: the JSON format of data/templates/README.md, read strictly.

#include "core/base/JsonReader.h"
#include "core/documents/Marks.h"
#include "core/documents/ObjectReader.h"
#include "core/documents/Template.h"

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

namespace kiosk::print {

using detail::ObjectReader;

namespace {

constexpr size_t kMaxBlocks = 500;
constexpr int kMaxNesting = 4; // repeats inside repeats

template <typename T>
bool parse_enum(const std::map<std::string, T>& names, const std::string& text, T& out) {
    auto it = names.find(text);
    if (it == names.end())
        return false;
    out = it->second;
    return true;
}

const std::map<std::string, Align> kAligns = {
    {"left", Align::Left}, {"center", Align::Center}, {"right", Align::Right}};
const std::map<std::string, TextStyle> kStyles = {{"title", TextStyle::Title},
                                                  {"heading", TextStyle::Heading},
                                                  {"body", TextStyle::Body},
                                                  {"small", TextStyle::Small}};
const std::map<std::string, PageSize> kSizes = {{"receipt-80mm", PageSize::Receipt80mm},
                                                {"a4", PageSize::A4}};

void read_align(ObjectReader& r, Align& out) {
    std::string text;
    r.reader.optional("align", text);
    if (!text.empty() && !parse_enum(kAligns, text, out))
        r.fail("align", "'" + text + "' is not one of left, center, right");
}

void read_style(ObjectReader& r, TextStyle& out) {
    std::string text;
    r.reader.optional("style", text);
    if (!text.empty() && !parse_enum(kStyles, text, out))
        r.fail("style", "'" + text + "' is not one of title, heading, body, small");
}

// "matters" or "$.package.matters": a path to an array, without braces or filters.
void read_path(ObjectReader& r, const char* key, Placeholder& out) {
    std::string path;
    r.reader.required(key, path);
    if (!r.ok())
        return;
    auto parsed = TextTemplate::parse("{{" + path + "}}");
    if (!parsed.ok() || parsed->placeholders().size() != 1 || !parsed->placeholders()[0].filters.empty() ||
        path.find('{') != std::string::npos)
        return r.fail(key, "'" + path + "' is not a dotted path (like \"package.matters\")");
    out = parsed->placeholders()[0];
}

void set_page_defaults(Page& page) {
    bool receipt = page.size == PageSize::Receipt80mm;
    // An 80 mm roll prints 72 mm; A4 keeps the margins of GB/T 9704 official documents, roughly.
    page.margins = receipt ? Margins{4, 4, 6, 4} : Margins{20, 18, 20, 18};
    page.family = "Noto Sans CJK SC";
    auto& styles = page.styles;
    styles[int(TextStyle::Title)] = {receipt ? 12.0 : 20.0, true, ""};
    styles[int(TextStyle::Heading)] = {receipt ? 9.5 : 13.0, true, ""};
    styles[int(TextStyle::Body)] = {receipt ? 8.5 : 10.5, false, ""};
    styles[int(TextStyle::Small)] = {receipt ? 7.0 : 9.0, false, ""};
    page.watermark.size_pt = receipt ? 20 : 48;
}

class Parser {
public:
    Parser(std::string origin, std::string base_dir)
        : m_origin(std::move(origin)), m_base_dir(std::move(base_dir)) {}

    Result<void> page(const nlohmann::json& node, Page& out) {
        if (!node.is_object())
            return fail("page", "expected an object");
        ObjectReader r(node, m_origin, "page");
        std::string size, family;
        r.reader.required("size", size);
        if (r.ok() && !parse_enum(kSizes, size, out.size))
            r.fail("size", "'" + size + "' is not a page size (receipt-80mm, a4)");
        if (!r.ok())
            return r.finish();
        set_page_defaults(out);
        r.reader.optional("font", out.family);
        if (auto margins = r.child("margins_mm"))
            TRY(read_margins(*margins, out.margins, r.child_path("margins_mm")));
        if (auto styles = r.child("styles"))
            TRY(read_styles(*styles, out, r.child_path("styles")));
        if (auto watermark = r.child("watermark"))
            TRY(read_watermark(*watermark, out.watermark, r.child_path("watermark")));
        TRY(r.finish());
        double usable = out.width_mm() - out.margins.left_mm - out.margins.right_mm;
        if (usable < 40)
            return fail("page.margins_mm", "leave at least 40 mm between the side margins");
        return {};
    }

    Result<void> blocks(const nlohmann::json& node, const std::string& path, int depth,
                        std::vector<Block>& out) {
        if (!node.is_array() || node.empty())
            return fail(path, "expected a non-empty array of blocks");
        if (depth > kMaxNesting)
            return fail(path, "repeats nest deeper than " + std::to_string(kMaxNesting));
        for (size_t i = 0; i < node.size(); ++i) {
            if (++m_block_count > kMaxBlocks)
                return fail(path, "more than " + std::to_string(kMaxBlocks) + " blocks");
            out.push_back(TRY(block(node[i], path + "[" + std::to_string(i) + "]", depth)));
        }
        return {};
    }

private:
    Error error(const std::string& path, const std::string& what) const {
        return make_error(ErrorCode::InvalidData, m_origin + ": " + path + ": " + what);
    }
    Result<void> fail(const std::string& path, const std::string& what) const { return error(path, what); }

    Result<void> read_margins(const nlohmann::json& node, Margins& out, const std::string& path) {
        if (!node.is_object())
            return fail(path, "expected an object {\"top\", \"right\", \"bottom\", \"left\"}");
        ObjectReader r(node, m_origin, path);
        r.number("top", out.top_mm, 0, 60);
        r.number("right", out.right_mm, 0, 60);
        r.number("bottom", out.bottom_mm, 0, 60);
        r.number("left", out.left_mm, 0, 60);
        return r.finish();
    }

    Result<void> read_styles(const nlohmann::json& node, Page& page, const std::string& path) {
        if (!node.is_object())
            return fail(path, "expected an object of title, heading, body, small");
        for (auto it = node.begin(); it != node.end(); ++it) {
            TextStyle style;
            std::string style_path = path + "." + it.key();
            if (!parse_enum(kStyles, it.key(), style))
                return fail(style_path, "not a style (title, heading, body, small)");
            if (!it->is_object())
                return fail(style_path, "expected an object");
            ObjectReader r(*it, m_origin, style_path);
            auto& font = page.styles[int(style)];
            r.number("size_pt", font.size_pt, 5, 72);
            r.reader.optional("bold", font.bold);
            r.reader.optional("font", font.family);
            TRY(r.finish());
        }
        return {};
    }

    Result<void> read_watermark(const nlohmann::json& node, Watermark& out, const std::string& path) {
        if (!node.is_object())
            return fail(path, "expected an object");
        ObjectReader r(node, m_origin, path);
        r.text("text", out.text, true);
        r.number("size_pt", out.size_pt, 6, 200);
        r.number("opacity", out.opacity, 0.01, 0.5);
        r.number("angle_deg", out.angle_deg, -90, 90);
        return r.finish();
    }

    Result<Block> block(const nlohmann::json& node, const std::string& path, int depth) {
        if (!node.is_object())
            return error(path, "expected an object");
        Block out;
        out.where = path;
        ObjectReader r(node, m_origin, path);
        std::string type;
        r.reader.required("type", type);
        r.reader.optional("keep_with_next", out.keep_with_next);
        if (!r.ok())
            return r.finish().release_error();
        if (type == "text")
            out.content = text_block(r);
        else if (type == "fields")
            out.content = TRY(fields_block(r));
        else if (type == "table")
            out.content = TRY(table_block(r));
        else if (type == "qr")
            out.content = qr_block(r);
        else if (type == "rule")
            out.content = rule_block(r);
        else if (type == "spacer")
            out.content = spacer_block(r);
        else if (type == "image")
            out.content = image_block(r);
        else if (type == "each")
            out.content = TRY(each_block(r, path, depth));
        else if (type == "seal")
            out.content = seal_block(r);
        else if (type == "page_break")
            out.content = PageBreakBlock{};
        else
            return error(r.child_path("type"), "'" + type +
                                                   "' is not a block type (text, fields, table, qr, rule, "
                                                   "spacer, image, each, seal, page_break)");
        TRY(r.finish());
        return out;
    }

    TextBlock text_block(ObjectReader& r) {
        TextBlock out;
        r.text("text", out.text, true);
        r.text("en", out.secondary, false);
        read_style(r, out.style);
        read_align(r, out.align);
        r.reader.optional("bold", out.bold);
        r.reader.optional("max_lines", out.max_lines, 1, 200);
        r.number("box_height_mm", out.box_height_mm, 1, 280);
        return out;
    }

    Result<FieldsBlock> fields_block(ObjectReader& r) {
        FieldsBlock out;
        r.number("label_width", out.label_width, 0.1, 0.7);
        read_style(r, out.style);
        auto rows = r.child("rows");
        std::string path = r.child_path("rows");
        if (!rows || !rows->is_array() || rows->empty())
            return error(path, "expected a non-empty array of {\"label\", \"value\"}");
        for (size_t i = 0; i < rows->size(); ++i) {
            std::string row_path = path + "[" + std::to_string(i) + "]";
            if (!(*rows)[i].is_object())
                return error(row_path, "expected an object");
            ObjectReader row_reader((*rows)[i], m_origin, row_path);
            FieldRow& row = out.rows.emplace_back();
            row_reader.text("label", row.label, true);
            row_reader.text("label_en", row.label_en, false);
            row_reader.text("value", row.value, true);
            row_reader.reader.optional("max_lines", row.max_lines, 1, 50);
            TRY(row_reader.finish());
        }
        return out;
    }

    Result<TableBlock> table_block(ObjectReader& r) {
        TableBlock out;
        read_path(r, "rows", out.rows);
        read_style(r, out.style);
        r.text("empty_text", out.empty_text, false);
        r.reader.optional("grid", out.grid);
        auto columns = r.child("columns");
        std::string path = r.child_path("columns");
        if (!columns || !columns->is_array() || columns->empty())
            return error(path, "expected a non-empty array of {\"header\", \"cell\", \"width\"}");
        if (columns->size() > 12)
            return error(path, "more than 12 columns do not fit a page");
        for (size_t i = 0; i < columns->size(); ++i) {
            std::string column_path = path + "[" + std::to_string(i) + "]";
            if (!(*columns)[i].is_object())
                return error(column_path, "expected an object");
            ObjectReader column_reader((*columns)[i], m_origin, column_path);
            Column& column = out.columns.emplace_back();
            column_reader.text("header", column.header, true);
            column_reader.text("header_en", column.header_en, false);
            column_reader.text("cell", column.cell, true);
            column_reader.number("width", column.width, 0.1, 100);
            read_align(column_reader, column.align);
            column_reader.reader.optional("max_lines", column.max_lines, 1, 50);
            TRY(column_reader.finish());
        }
        return out;
    }

    QrBlock qr_block(ObjectReader& r) {
        QrBlock out;
        r.text("data", out.data, true);
        r.number("size_mm", out.size_mm, 10, 100);
        r.number("min_module_mm", out.min_module_mm, 0.1, 2);
        read_align(r, out.align);
        return out;
    }

    RuleBlock rule_block(ObjectReader& r) {
        RuleBlock out;
        r.number("thickness_pt", out.thickness_pt, 0.1, 5);
        r.reader.optional("dashed", out.dashed);
        r.number("space_mm", out.space_mm, 0, 20);
        return out;
    }

    SpacerBlock spacer_block(ObjectReader& r) {
        SpacerBlock out;
        r.number("height_mm", out.height_mm, 0.5, 200);
        return out;
    }

    ImageBlock image_block(ObjectReader& r) {
        ImageBlock out;
        std::string path;
        bool optional = false;
        r.reader.required("path", path);
        r.reader.optional("optional", optional);
        r.number("width_mm", out.width_mm, 2, 200);
        read_align(r, out.align);
        if (!r.ok())
            return out;
        // A bundle names files beside its templates, never elsewhere on the kiosk.
        if (path.empty() || path[0] == '/' || path.find("..") != std::string::npos)
            return r.fail("path", "must be a relative path inside the template's folder"), out;
        std::ifstream in(std::filesystem::path(m_base_dir) / path, std::ios::binary);
        if (!in) {
            if (!optional)
                r.fail("path", "cannot open '" + path + "'");
            return out;
        }
        auto bytes = std::make_shared<std::vector<unsigned char>>(std::istreambuf_iterator<char>(in),
                                                                  std::istreambuf_iterator<char>());
        if (!detail::decode_png(*bytes).ok())
            return r.fail("path", "'" + path + "' is not a PNG image"), out;
        out.png = std::move(bytes);
        return out;
    }

    Result<EachBlock> each_block(ObjectReader& r, const std::string& path, int depth) {
        EachBlock out;
        read_path(r, "items", out.items);
        auto inner = r.child("blocks");
        if (!inner)
            return error(r.child_path("blocks"), "missing");
        TRY(blocks(*inner, path + ".blocks", depth + 1, out.blocks));
        return out;
    }

    SealBlock seal_block(ObjectReader& r) {
        SealBlock out;
        r.text("text", out.text, true);
        r.text("bottom_text", out.bottom_text, false);
        r.number("diameter_mm", out.diameter_mm, 20, 60);
        r.number("overlap_mm", out.overlap_mm, 0, 60);
        read_align(r, out.align);
        return out;
    }

    std::string m_origin, m_base_dir;
    size_t m_block_count = 0;
};

} // namespace

class TemplateParser {
public:
    static Result<Template> parse(std::string_view json_text, std::string_view origin,
                                  const std::string& base_dir) {
        auto json = TRY(parse_json(json_text, origin));
        Template out;
        out.m_origin = std::string(origin);
        out.m_name = std::filesystem::path(out.m_origin).stem().string();
        if (!json.is_object())
            return make_error(ErrorCode::InvalidData, out.m_origin + ": expected an object");
        ObjectReader r(json, out.m_origin, "");
        Parser parser(out.m_origin, base_dir);
        r.reader.required("title", out.m_title);
        std::string description;
        r.reader.optional("description", description);
        auto page = r.child("page");
        auto blocks = r.child("blocks");
        TRY(r.finish());
        if (!page)
            return make_error(ErrorCode::InvalidData, out.m_origin + ": page: missing");
        TRY(parser.page(*page, out.m_page));
        if (!blocks)
            return make_error(ErrorCode::InvalidData, out.m_origin + ": blocks: missing");
        TRY(parser.blocks(*blocks, "blocks", 0, out.m_blocks));
        return out;
    }
};

Result<Template> Template::parse(std::string_view json_text, std::string_view origin,
                                 const std::string& base_dir) {
    return TemplateParser::parse(json_text, origin, base_dir);
}

Result<Template> Template::load(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in)
        return make_error(ErrorCode::NotFound, path + ": cannot open the template");
    std::stringstream text;
    text << in.rdbuf();
    std::filesystem::path file(path);
    auto parsed = parse(text.str(), file.filename().string(),
                        file.parent_path().empty() ? "." : file.parent_path().string());
    return parsed;
}

} // namespace kiosk::print
