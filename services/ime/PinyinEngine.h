#pragma once
// Pinyin letters to Chinese characters with Google Pinyin (Debian's libgooglepinyin: the Android
// engine Qt Virtual Keyboard also uses). The library keeps its decoder in a process global, so at
// most one PinyinEngine is open at a time (a second open() answers Busy) and it is used from one
// thread, the UI thread. No user dictionary is opened: a public kiosk must not learn, and later
// suggest, the names earlier citizens typed.
//
// A composition: search() the letters typed so far, show candidates(), choose() one. A candidate may
// cover only the first syllables ("张" for "zhangsan"): the pick commits its characters and the
// letters it did not cover ("san") stay, with candidates() now offering their conversions.

#include "core/base/Result.h"

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace kiosk::services {

struct PinyinPick {
    std::string text;      // the characters this pick commits (UTF-8)
    std::string remaining; // letters the pick left unconverted; empty when the composition is done
};

class PinyinEngine {
public:
    static constexpr size_t kMaxLetters = 32; // longer input is refused (the engine would cut it silently)

    // The dictionary found at configure time (CMake cache variable KIOSK_PINYIN_DICTIONARY; Debian:
    // /usr/lib/<arch>/googlepinyin/data/dict_pinyin.dat).
    static std::string default_dictionary();

    // NotFound naming the path when the file is missing, InvalidData when the engine cannot load it,
    // Busy while another PinyinEngine is open.
    static Result<std::unique_ptr<PinyinEngine>>
    open(const std::string& dictionary_path = default_dictionary());

    ~PinyinEngine();
    PinyinEngine(const PinyinEngine&) = delete;
    PinyinEngine& operator=(const PinyinEngine&) = delete;

    // Starts a new composition and returns its first `max` candidates, best first (the first is often
    // a whole phrase). Letters are a-z plus "'" between syllables ("xi'an"); anything else, or more
    // than kMaxLetters, is InvalidArgument. Letters that spell no syllable give no candidates.
    Result<std::vector<std::string>> search(std::string_view letters, size_t max);

    // The current candidates, for paging: [first, first + count) clipped to candidate_count().
    size_t candidate_count() const { return m_count; }
    std::vector<std::string> candidates(size_t first, size_t count) const;

    // Commits candidate `index` of the current list; InvalidArgument past the list. When the pick
    // leaves no letters, the composition is over (the engine is reset).
    Result<PinyinPick> choose(size_t index);

    const std::string& committed() const { return m_committed; } // picked so far in this composition
    const std::string& remaining() const { return m_remaining; } // letters not yet converted

    void reset();

private:
    PinyinEngine() = default;
    std::string candidate(size_t index) const;

    size_t m_count = 0;
    std::string m_committed;
    std::string m_remaining;
};

// UTF-16 (the engine's char16) to UTF-8; surrogate pairs joined, lone surrogates become U+FFFD.
std::string utf16_to_utf8(std::u16string_view text);

} // namespace kiosk::services
