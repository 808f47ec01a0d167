#include "services/ime/PinyinEngine.h"

#include <pinyinime.h>

#include <algorithm>
#include <atomic>
#include <filesystem>

#ifndef KIOSK_PINYIN_DICTIONARY
#define KIOSK_PINYIN_DICTIONARY "/usr/lib/x86_64-linux-gnu/googlepinyin/data/dict_pinyin.dat"
#endif

namespace kiosk::services {

namespace {

std::atomic<bool> g_open{false}; // libgooglepinyin's decoder is one process global

constexpr size_t kMaxCandidateUnits = 64; // char16 units of one candidate (phrases are short)

bool valid_letters(std::string_view letters) {
    for (char c : letters) {
        if (!((c >= 'a' && c <= 'z') || c == '\''))
            return false;
    }
    return true;
}

void append_utf8(std::string& out, char32_t c) {
    if (c < 0x80) {
        out += static_cast<char>(c);
    } else if (c < 0x800) {
        out += static_cast<char>(0xC0 | (c >> 6));
        out += static_cast<char>(0x80 | (c & 0x3F));
    } else if (c < 0x10000) {
        out += static_cast<char>(0xE0 | (c >> 12));
        out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (c & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (c >> 18));
        out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (c & 0x3F));
    }
}

} // namespace

std::string utf16_to_utf8(std::u16string_view text) {
    std::string out;
    out.reserve(text.size() * 3);
    for (size_t i = 0; i < text.size(); ++i) {
        char32_t c = text[i];
        if (c >= 0xD800 && c <= 0xDBFF && i + 1 < text.size() && text[i + 1] >= 0xDC00 &&
            text[i + 1] <= 0xDFFF) {
            c = 0x10000 + ((c - 0xD800) << 10) + (text[i + 1] - 0xDC00);
            ++i;
        } else if (c >= 0xD800 && c <= 0xDFFF) {
            c = 0xFFFD;
        }
        append_utf8(out, c);
    }
    return out;
}

std::string PinyinEngine::default_dictionary() {
    return KIOSK_PINYIN_DICTIONARY;
}

Result<std::unique_ptr<PinyinEngine>> PinyinEngine::open(const std::string& dictionary_path) {
    std::error_code ec;
    if (!std::filesystem::is_regular_file(dictionary_path, ec))
        return make_error(ErrorCode::NotFound, "pinyin dictionary not found: " + dictionary_path);
    if (g_open.exchange(true))
        return make_error(ErrorCode::Busy,
                          "a pinyin engine is already open (libgooglepinyin has one decoder)");
    // An empty user dictionary name: the engine runs without one, learning nothing.
    if (!ime_pinyin::im_open_decoder(dictionary_path.c_str(), "")) {
        g_open = false;
        return make_error(ErrorCode::InvalidData, "cannot load pinyin dictionary " + dictionary_path);
    }
    ime_pinyin::im_set_max_lens(kMaxLetters, kMaxLetters);
    return std::unique_ptr<PinyinEngine>(new PinyinEngine());
}

PinyinEngine::~PinyinEngine() {
    ime_pinyin::im_close_decoder();
    g_open = false;
}

void PinyinEngine::reset() {
    ime_pinyin::im_reset_search();
    m_count = 0;
    m_committed.clear();
    m_remaining.clear();
}

Result<std::vector<std::string>> PinyinEngine::search(std::string_view letters, size_t max) {
    reset();
    if (letters.size() > kMaxLetters)
        return make_error(ErrorCode::InvalidArgument,
                          "pinyin input longer than " + std::to_string(kMaxLetters) + " letters");
    if (!valid_letters(letters))
        return make_error(ErrorCode::InvalidArgument, "pinyin input may hold only a-z and '");
    m_remaining = std::string(letters);
    if (!letters.empty())
        m_count = ime_pinyin::im_search(letters.data(), letters.size());
    return candidates(0, max);
}

std::string PinyinEngine::candidate(size_t index) const {
    ime_pinyin::char16 buffer[kMaxCandidateUnits + 1] = {};
    if (!ime_pinyin::im_get_candidate(index, buffer, kMaxCandidateUnits))
        return {};
    std::u16string_view text(reinterpret_cast<const char16_t*>(buffer));
    // After a partial pick, candidate 0 is the whole sentence, picked characters included (the engine
    // counts them in char16 units, as Qt Virtual Keyboard strips them).
    if (index == 0)
        text.remove_prefix(std::min(text.size(), ime_pinyin::im_get_fixed_len()));
    return utf16_to_utf8(text);
}

std::vector<std::string> PinyinEngine::candidates(size_t first, size_t count) const {
    std::vector<std::string> out;
    for (size_t i = first; i < m_count && i - first < count; ++i) {
        std::string text = candidate(i);
        if (text.empty())
            break; // the engine refused this index: stop, so positions stay candidate indices
        out.push_back(std::move(text));
    }
    return out;
}

Result<PinyinPick> PinyinEngine::choose(size_t index) {
    if (index >= m_count)
        return make_error(ErrorCode::InvalidArgument, "no pinyin candidate " + std::to_string(index) + " (" +
                                                          std::to_string(m_count) + " offered)");
    PinyinPick pick{candidate(index), {}};
    m_count = ime_pinyin::im_choose(index);
    size_t decoded = 0;
    std::string_view letters = ime_pinyin::im_get_sps_str(&decoded);
    const ime_pinyin::uint16* starts = nullptr;
    size_t syllables = ime_pinyin::im_get_spl_start_pos(starts);
    size_t fixed = std::min(ime_pinyin::im_get_fixed_len(), syllables);
    size_t covered = starts ? std::min<size_t>(starts[fixed], letters.size()) : letters.size();
    // Letters past the last syllable the engine could parse are left for the citizen to correct.
    pick.remaining = std::string(letters.substr(covered));
    std::string committed = m_committed + pick.text;
    if (fixed >= syllables) {
        std::string tail = pick.remaining;
        reset();
        m_remaining = std::move(tail);
        if (!m_remaining.empty()) {
            m_count = ime_pinyin::im_search(m_remaining.data(), m_remaining.size());
        }
    } else {
        m_remaining = pick.remaining;
    }
    m_committed = std::move(committed);
    return pick;
}

} // namespace kiosk::services
