#pragma once
// The on-screen keyboard's candidate source over the Google Pinyin engine: the scene showing a
// keyboard owns both (the toolkit may not include services). Targets using it link kiosk::kiosk_ime.

#include "services/ime/PinyinEngine.h"
#include "ui/toolkit/CandidateSource.h"

namespace kiosk::ui {

class PinyinCandidates final : public CandidateSource {
public:
    explicit PinyinCandidates(services::PinyinEngine& engine) : m_engine(engine) {}

    size_t search(std::string_view letters) override {
        return m_engine.search(letters, 0).ok() ? m_engine.candidate_count() : 0;
    }
    size_t candidate_count() const override { return m_engine.candidate_count(); }
    std::vector<std::string> candidates(size_t first, size_t count) const override {
        return m_engine.candidates(first, count);
    }
    std::optional<CandidatePick> choose(size_t index) override {
        auto pick = m_engine.choose(index);
        if (!pick.ok())
            return std::nullopt;
        return CandidatePick{pick->text, pick->remaining};
    }
    void reset() override { m_engine.reset(); }

private:
    services::PinyinEngine& m_engine;
};

} // namespace kiosk::ui
