// App: which layout a replay opens with. A chapter's trace puts that chapter's panels in front
// (lessons/NN-name/layout.txt, model/chapter_layout.h); once the learner moves or resizes a
// panel, their arrangement is kept instead, across traces and runs (ImGui's imgui.ini in
// ~/.config/reactor-lab/ holds the windows, and a mark beside it says to keep them) until
// View > Reset layout.
#include "app.h"

#include <imgui.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "model/chapter_layout.h"

namespace lab::viz {

std::string App::configFile(const char* name) {
    const char* config = std::getenv("XDG_CONFIG_HOME");
    const char* home = std::getenv("HOME");
    std::filesystem::path base = config && *config ? config : home ? std::filesystem::path(home) / ".config" : "";
    return base.empty() ? "" : (base / "reactor-lab" / name).string();
}

namespace {

constexpr const char* kLearnerLayoutMark = "layout-changed";

}  // namespace

// The open trace's chapter panels, read once per trace.
const std::vector<PanelId>& App::chapterFront() {
    if (chapterFor_ != &main_->model) {
        chapterFor_ = &main_->model;
        ChapterLayout layout = loadChapterLayout(REACTOR_LAB_SOURCE_DIR "/lessons", chapterOfProgram(main_->model.program()));
        for (const std::string& problem : layout.problems) std::fprintf(stderr, "reactor-viz: %s (ignored)\n", problem.c_str());
        chapterFront_ = std::move(layout.front);
    }
    return chapterFront_;
}

void App::loadLearnerLayout() {
    if (options_.screenshot) return;  // a snapshot shows the chapter's layout, not a saved one
    std::string mark = configFile(kLearnerLayoutMark);
    learnerLayout_ = !mark.empty() && std::filesystem::exists(mark);
}

// After a panel's Begin: a window not where the layout put it was moved or resized by the learner.
void App::noticeLearnerLayout(const PanelRect& placed) {
    if (learnerLayout_ || layoutDirty_ || options_.screenshot) return;
    ImVec2 pos = ImGui::GetWindowPos(), size = ImGui::GetWindowSize();
    bool moved = std::abs(pos.x - placed.x) > 1 || std::abs(pos.y - placed.y) > 1 || std::abs(size.x - placed.w) > 1 ||
                 std::abs(size.y - placed.h) > 1;
    if (!moved) return;
    learnerLayout_ = true;
    std::string mark = configFile(kLearnerLayoutMark);
    if (mark.empty()) return;
    std::error_code error;
    std::filesystem::create_directories(std::filesystem::path(mark).parent_path(), error);
    std::ofstream(mark) << "The learner arranged reactor-viz's panels: keep their layout (View > Reset layout forgets it).\n";
}

void App::resetLayout() {
    layoutDirty_ = true;
    learnerLayout_ = false;
    std::error_code error;
    if (std::string mark = configFile(kLearnerLayoutMark); !mark.empty()) std::filesystem::remove(mark, error);
}

}  // namespace lab::viz
