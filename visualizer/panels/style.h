// The visualizer's colours and a few drawing helpers shared by the panels: one colour per kind
// group (the same in the Event log, the Timeline and the Inspector), the "changed" highlight,
// and chips (small labelled boxes) for fds and timers.
#pragma once

#include <imgui.h>

#include <string>

#include "model/labels.h"

namespace lab::viz::style {

ImU32 groupColor(KindGroup group, int alpha = 255);
ImVec4 groupColorVec(KindGroup group);
inline constexpr ImU32 kChanged = IM_COL32(255, 200, 60, 255);   // what changed since the last step
inline const ImVec4 kChangedText{1.0f, 0.80f, 0.25f, 1.0f};
inline const ImVec4 kDimText{0.55f, 0.57f, 0.62f, 1.0f};
inline const ImVec4 kGoodText{0.45f, 0.85f, 0.50f, 1.0f};
inline const ImVec4 kBadText{0.95f, 0.45f, 0.40f, 1.0f};
inline constexpr ImU32 kLit = IM_COL32(70, 150, 255, 255);        // the current loop phase
inline constexpr ImU32 kCursorLine = IM_COL32(255, 255, 255, 220);

// A chip: a rounded box with text, outlined in kChanged when `changed`; returns true if clicked.
bool chip(const std::string& text, ImU32 fill, bool changed, const char* tooltip = nullptr);
// A section heading inside a panel.
void heading(const char* text);
// Text in the dim colour, for "nothing here" lines.
void dimText(const char* text);

}  // namespace lab::viz::style
