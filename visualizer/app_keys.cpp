// App: the keyboard, and the Help window that lists every key (keyboard first: GUIDE.md 7).
// Every key handled in handleKeys() has its row in drawHelp(); keep the two side by side.
#include "app.h"

#include <GLFW/glfw3.h>  // key codes only: ImGui 1.86 indexes io.KeysDown by GLFW key
#include <imgui.h>

#include <string>

#include "panels/controls_panel.h"
#include "panels/style.h"

namespace lab::viz {

void App::handleKeys() {
    ImGuiIO& io = ImGui::GetIO();
    if (io.KeyCtrl && ImGui::IsKeyPressed(GLFW_KEY_O, false)) {
        browserForCompare_ = false;
        browser_.open("Open a trace", "");
    }
    if (io.KeyCtrl && ImGui::IsKeyPressed(GLFW_KEY_F, false)) eventLog_.focusSearch = true;
    if (ImGui::IsKeyPressed(GLFW_KEY_F1, false)) showHelp_ = !showHelp_;
    if (io.KeyCtrl && ImGui::IsKeyPressed(GLFW_KEY_Q, false)) quit_ = true;
    if (!main_ || io.WantTextInput) return;
    handlePredictKeys();
    ReplayCursor& cursor = *main_->cursor;
    auto pressed = [](int key) { return ImGui::IsKeyPressed(key, true); };
    std::string currentKind = cursor.atStart() ? "" : std::string(cursor.model().kindOf(cursor.currentIndex()));
    if (pressed(ImGui::GetKeyIndex(ImGuiKey_RightArrow))) {
        if (io.KeyShift) cursor.nextIteration();
        else if (io.KeyCtrl) cursor.nextOfKind(currentKind);
        else cursor.stepForward();
    }
    if (pressed(ImGui::GetKeyIndex(ImGuiKey_LeftArrow))) {
        if (io.KeyShift) cursor.previousIteration();
        else if (io.KeyCtrl) cursor.previousOfKind(currentKind);
        else cursor.stepBack();
    }
    if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Space), false)) {
        if (cursor.playing()) cursor.pause();
        else cursor.play();
    }
    if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Home), false)) cursor.toStart();
    if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_End), false)) cursor.toEnd();
    if (ImGui::IsKeyPressed(GLFW_KEY_B, true)) {
        if (io.KeyShift) cursor.previousBreakpoint();
        else cursor.nextBreakpoint();
    }
    if (ImGui::IsKeyPressed(GLFW_KEY_LEFT_BRACKET, true) && controls_.speedIndex > 0) {
        cursor.setSpeed(controlsSpeed(--controls_.speedIndex));
    }
    if (ImGui::IsKeyPressed(GLFW_KEY_RIGHT_BRACKET, true) && controls_.speedIndex + 1 < controlsSpeedCount()) {
        cursor.setSpeed(controlsSpeed(++controls_.speedIndex));
    }
}

void App::drawHelp() {
    ImGui::SetNextWindowSize(ImVec2(560, 0), ImGuiCond_Appearing);
    if (!ImGui::Begin("Help", &showHelp_)) {
        ImGui::End();
        return;
    }
    style::heading("Keys");
    const char* keys[][2] = {
        {"Right / Left", "step one event forward / back"},
        {"Shift+Right / Shift+Left", "step one iteration forward / back"},
        {"Ctrl+Right / Ctrl+Left", "next / previous event of the current event's kind"},
        {"Space", "play / pause"},
        {"[ / ]", "slower / faster"},
        {"B / Shift+B", "next / previous breakpoint event"},
        {"Home / End", "to the start / the end"},
        {"P", "predict mode: the replay stops before the events that teach and asks what happens next"},
        {"1-4 / S", "in predict mode: answer / skip the question"},
        {"Ctrl+F", "search the event log"},
        {"Ctrl+O", "open a trace"},
        {"F1", "this help"},
    };
    if (ImGui::BeginTable("keys", 2)) {
        for (const auto& row : keys) {
            ImGui::TableNextColumn();
            ImGui::TextColored(style::kChangedText, "%s", row[0]);
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(row[1]);
        }
        ImGui::EndTable();
    }
    style::heading("Panels");
    ImGui::TextWrapped("Loop: where the loop is in its iteration. Queues: what is ready and due. Handlers: who is watched. "
                       "Timers: pending calls against now. HTTP requests: what each request is waiting for. Inspector: the current event explained. Event log: every event; "
                       "click to go there. Timeline: the whole run; wheel zooms, drag pans, click seeks. Outlined or "
                       "yellow means: changed by the last step.");
    ImGui::End();
}

}  // namespace lab::viz
