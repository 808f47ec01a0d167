#pragma once
// A printable document as data (data/templates/*.json, pushed to fleets in config bundles): a page
// and a list of blocks. Loading checks everything that does not depend on the data — block types,
// keys, numbers, placeholder syntax, images — and names the file and the block ("receipt.json:
// blocks[4].columns[1].width: must be between 0.1 and 100"). The format is in data/templates/README.md.

#include "core/base/Result.h"
#include "core/documents/TextTemplate.h"

#include <memory>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace kiosk::print {

enum class PageSize {
    Receipt80mm, // "receipt-80mm": 80 mm wide roll, one page exactly as tall as its content
    A4,          // "a4": 210 × 297 mm, as many pages as needed
};

enum class Align { Left, Center, Right };
enum class TextStyle { Title, Heading, Body, Small };

struct StyleFont {
    double size_pt = 9;
    bool bold = false;
    std::string family; // empty: the page's family
};

struct Margins {
    double top_mm = 0, right_mm = 0, bottom_mm = 0, left_mm = 0;
};

struct Watermark {
    TextTemplate text; // empty: none
    double size_pt = 36;
    double opacity = 0.08; // 0..1, light enough to read the text under it
    double angle_deg = 30; // counter-clockwise is positive
};

struct Page {
    PageSize size = PageSize::A4;
    Margins margins;     // defaults per size: receipt 4 mm sides, A4 20/18/20/18 mm
    std::string family;  // "Noto Sans CJK SC" unless the template says otherwise
    StyleFont styles[4]; // indexed by TextStyle; defaults per size
    Watermark watermark;
    double width_mm() const { return size == PageSize::A4 ? 210 : 80; }
};

struct TextBlock {
    TextTemplate text;
    TextTemplate secondary; // a smaller grey line under it (the English of a bilingual text)
    TextStyle style = TextStyle::Body;
    Align align = Align::Left;
    bool bold = false;        // on top of the style's own weight
    int max_lines = 0;        // 0: any; more lines is an error at render time
    double box_height_mm = 0; // 0: as tall as the text; a text taller than its box is an error
};

struct FieldRow {
    TextTemplate label, label_en, value;
    int max_lines = 0;
};

struct FieldsBlock {
    std::vector<FieldRow> rows;
    double label_width = 0.3; // share of the line the label column takes
    TextStyle style = TextStyle::Body;
};

struct Column {
    TextTemplate header, header_en, cell;
    double width = 1; // relative to the other columns
    Align align = Align::Left;
    int max_lines = 0;
};

struct TableBlock {
    Placeholder rows; // path to an array in the data: one table row per element
    std::vector<Column> columns;
    TextStyle style = TextStyle::Body;
    TextTemplate empty_text; // printed as one row when the array is empty; missing: an error
    bool grid = true;        // cell borders; false: header underline and row rules only
};

struct QrBlock {
    TextTemplate data;
    double size_mm = 30;        // the whole square, quiet zone included
    double min_module_mm = 0.3; // smaller modules would not scan off a 203-dpi thermal head
    Align align = Align::Center;
};

struct RuleBlock {
    double thickness_pt = 0.6;
    bool dashed = false;
    double space_mm = 1.5; // above and below
};

struct SpacerBlock {
    double height_mm = 3;
};

struct ImageBlock {
    std::shared_ptr<const std::vector<unsigned char>> png; // null: optional and absent
    double width_mm = 20;
    Align align = Align::Center;
};

// A round red seal (印章) as printed by the issuing department's system: its name along the top arc,
// a star, and a line under the star. It may overlap the block above (the date it seals).
struct SealBlock {
    TextTemplate text, bottom_text;
    double diameter_mm = 40;
    double overlap_mm = 0;
    Align align = Align::Right;
};

struct PageBreakBlock {};

struct Block;

struct EachBlock {
    Placeholder items; // path to an array; the inner blocks see each element as the item
    std::vector<Block> blocks;
};

struct Block {
    std::variant<TextBlock, FieldsBlock, TableBlock, QrBlock, RuleBlock, SpacerBlock, ImageBlock, EachBlock,
                 SealBlock, PageBreakBlock>
        content;
    std::string where;           // "blocks[3]" / "blocks[5].blocks[1]", for error messages
    bool keep_with_next = false; // never the last thing on a page (headings, a QR and its caption)
};

class Template {
public:
    // Reads the file; images are found relative to its folder. The name is the file's stem.
    static Result<Template> load(const std::string& path);
    // origin names the text in errors ("receipt.json"); base_dir is where its images are.
    static Result<Template> parse(std::string_view json_text, std::string_view origin,
                                  const std::string& base_dir = ".");

    const std::string& name() const { return m_name; }
    const std::string& origin() const { return m_origin; }
    const std::string& title() const { return m_title; } // PDF metadata; never personal data
    const Page& page() const { return m_page; }
    const std::vector<Block>& blocks() const { return m_blocks; }

private:
    friend class TemplateParser;
    std::string m_name, m_origin, m_title;
    Page m_page;
    std::vector<Block> m_blocks;
};

} // namespace kiosk::print
