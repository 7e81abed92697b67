// ChapterLayout: which panels a chapter's replay opens with in front and large, from the
// chapter's own small description, lessons/NN-name/layout.txt:
//     # a comment
//     front deferreds
// "front" names one or more panels (the words of panelFromName). PanelLayout gives them the room
// (panel_layout.h); the learner's own arrangement, once changed, is kept instead (app_layout.cpp).
// The chapter of a trace comes from its header's program: "lesson-05-deferreds" (ours) or
// "lessons/05-deferreds/program.py" (its Twisted twin).
// No ImGui here; tested in tests/visualizer/chapter_layout_test.cpp, which reads every lesson's.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/panel_layout.h"

namespace lab::viz {

struct ChapterLayout {
    std::vector<PanelId> front;
    std::vector<std::string> problems;  // "layout.txt:3: unknown panel 'x' (known: ...)"
};

// Parses a description; `name` is what problems are prefixed with.
ChapterLayout parseChapterLayout(std::string_view text, const std::string& name);
// Reads lessons/<chapter>/layout.txt under `lessonsDir`; no file gives an empty layout.
ChapterLayout loadChapterLayout(const std::string& lessonsDir, const std::string& chapter);
// "05-deferreds" from a trace header's program, or "" when it is not a chapter's.
std::string chapterOfProgram(std::string_view program);
// The description's word for a panel ("deferreds"), and back.
std::optional<PanelId> panelFromName(std::string_view name);

}  // namespace lab::viz
