#pragma once
// What the on-screen keyboard needs from an input method: candidates for the letters typed so far,
// and picking one. The Google Pinyin engine (services/ime) fills it through
// ui/scenes/PinyinCandidates.h, as the toolkit may not depend on services.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kiosk::ui {

struct CandidatePick {
    std::string text;      // to insert (UTF-8)
    std::string remaining; // letters the pick did not cover; they stay in the composition
};

class CandidateSource {
public:
    virtual ~CandidateSource() = default;

    // Starts over with these letters; returns how many candidates they have (0 for input the method
    // refuses or cannot convert).
    virtual size_t search(std::string_view letters) = 0;
    virtual size_t candidate_count() const = 0;
    virtual std::vector<std::string> candidates(size_t first, size_t count) const = 0;
    // Candidates afterwards are those of the remaining letters; nullopt for an index past the list.
    virtual std::optional<CandidatePick> choose(size_t index) = 0;
    virtual void reset() = 0;
};

} // namespace kiosk::ui
