#pragma once
// The citizen flow, declared as one table of scenes (see CitizenFlow.cpp).

#include "ui/scenes/Scene.h"

#include <span>

namespace kiosk::ui {

std::span<const SceneEntry> citizen_flow();

} // namespace kiosk::ui
