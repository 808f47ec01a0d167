#include "core/domain/Nation.h"

namespace kiosk::domain {
namespace {

struct NationEntry {
    int code;
    const char* name;
};

// Keyed by numeric code, never by array index: public tables index by code−1 or map 57/58 where GB
// 3304 says 97/98, and carry typos (docs/specs/idcard-sam.md §2.9). Spellings here: 德昂, 基诺, 傈僳,
// 毛南.
constexpr NationEntry kNations[] = {
    {1, "汉"},        {2, "蒙古"},
    {3, "回"},        {4, "藏"},
    {5, "维吾尔"},    {6, "苗"},
    {7, "彝"},        {8, "壮"},
    {9, "布依"},      {10, "朝鲜"},
    {11, "满"},       {12, "侗"},
    {13, "瑶"},       {14, "白"},
    {15, "土家"},     {16, "哈尼"},
    {17, "哈萨克"},   {18, "傣"},
    {19, "黎"},       {20, "傈僳"},
    {21, "佤"},       {22, "畲"},
    {23, "高山"},     {24, "拉祜"},
    {25, "水"},       {26, "东乡"},
    {27, "纳西"},     {28, "景颇"},
    {29, "柯尔克孜"}, {30, "土"},
    {31, "达斡尔"},   {32, "仫佬"},
    {33, "羌"},       {34, "布朗"},
    {35, "撒拉"},     {36, "毛南"},
    {37, "仡佬"},     {38, "锡伯"},
    {39, "阿昌"},     {40, "普米"},
    {41, "塔吉克"},   {42, "怒"},
    {43, "乌孜别克"}, {44, "俄罗斯"},
    {45, "鄂温克"},   {46, "德昂"},
    {47, "保安"},     {48, "裕固"},
    {49, "京"},       {50, "塔塔尔"},
    {51, "独龙"},     {52, "鄂伦春"},
    {53, "赫哲"},     {54, "门巴"},
    {55, "珞巴"},     {56, "基诺"},
    {97, "其他"},     {98, "外国血统中国籍人士"},
};

} // namespace

const char* nation_name(int code) {
    for (const NationEntry& entry : kNations)
        if (entry.code == code)
            return entry.name;
    return nullptr;
}

int nation_code(std::string_view name) {
    constexpr std::string_view kSuffix = "族";
    if (name.size() > kSuffix.size() && name.ends_with(kSuffix))
        name.remove_suffix(kSuffix.size());
    for (const NationEntry& entry : kNations)
        if (name == entry.name)
            return entry.code;
    return -1;
}

} // namespace kiosk::domain
