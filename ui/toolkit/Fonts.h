#pragma once
// Opens the CJK fonts once per (weight, size) and keeps them for the life of the window.

#include "core/base/Result.h"

#include <map>
#include <string>
#include <utility>

typedef struct _TTF_Font TTF_Font; // NOLINT(bugprone-reserved-identifier): SDL_ttf's own name

namespace kiosk::ui {

struct FontFiles {
    std::string regular;
    std::string bold;
    int face_index = 2; // "Noto Sans CJK SC" in the Noto CJK collections
};

class Fonts {
public:
    // Checks both files open (so a missing font is a clear startup error, not a blank screen).
    static Result<Fonts> create(FontFiles files);
    Fonts(Fonts&&) noexcept;
    Fonts& operator=(Fonts&&) = delete;
    ~Fonts();

    // Never null after a successful create(): falls back to the regular face at that size.
    TTF_Font* get(int size, bool bold);

private:
    explicit Fonts(FontFiles files) : m_files(std::move(files)) {}
    TTF_Font* open(int size, bool bold);

    FontFiles m_files;
    std::map<std::pair<int, bool>, TTF_Font*> m_open;
};

} // namespace kiosk::ui
