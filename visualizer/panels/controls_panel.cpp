// The Controls panel; see controls_panel.h.
#include "panels/controls_panel.h"

#include <imgui.h>

#include <cstdio>
#include <string>

#include "model/labels.h"
#include "panels/style.h"

namespace lab::viz {

namespace {
constexpr double kSpeeds[] = {1, 4, 10, 30, 100, 1000, 10000, 100000};
}

double controlsSpeed(int index) { return kSpeeds[index]; }
int controlsSpeedCount() { return static_cast<int>(std::size(kSpeeds)); }

namespace {

// "Live", "Held" or "N newer events": where the view is against a trace still being written.
void drawFollowLine(FollowView& follow, const ReplayCursor& cursor) {
    if (!follow.fileSeen) {
        ImGui::TextColored(ImVec4(0.95f, 0.75f, 0.3f, 1.0f), "Following %s: waiting for the file to appear", follow.path.c_str());
        return;
    }
    ImGui::Checkbox("Hold", &follow.held);
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Stay here while new events arrive (untick to follow the newest again)");
    ImGui::SameLine();
    std::size_t newer = cursor.size() - cursor.position();
    if (newer == 0 && !follow.held) {
        ImGui::TextColored(ImVec4(0.4f, 0.9f, 0.4f, 1.0f), "Following %s: live", follow.path.c_str());
    } else {
        ImGui::Text("Following %s: %zu newer event%s (End: to the newest)", follow.path.c_str(), newer, newer == 1 ? "" : "s");
    }
}

}  // namespace

void drawControlsPanel(ControlsState& panel, ReplayCursor& cursor, FollowView* follow) {

    const TraceModel& model = cursor.model();
    if (ImGui::Button("|<")) cursor.toStart();
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("To the start (Home)");
    ImGui::SameLine();
    if (ImGui::Button("<<")) cursor.previousIteration();
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Back one iteration (Shift+Left)");
    ImGui::SameLine();
    if (ImGui::Button(" < ")) cursor.stepBack();
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Back one event (Left)");
    ImGui::SameLine();
    if (ImGui::Button(cursor.playing() ? " Pause " : " Play  ")) {
        if (cursor.playing()) {
            cursor.pause();
        } else {
            cursor.play();
        }
    }
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Play / pause (Space)");
    ImGui::SameLine();
    if (ImGui::Button(" > ")) cursor.stepForward();
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Forward one event (Right)");
    ImGui::SameLine();
    if (ImGui::Button(">>")) cursor.nextIteration();
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Forward one iteration (Shift+Right)");
    ImGui::SameLine();
    if (ImGui::Button(">|")) cursor.toEnd();
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("To the end (End)");

    ImGui::SameLine(0, 20);
    ImGui::SetNextItemWidth(120);
    char speedText[32];
    std::snprintf(speedText, sizeof speedText, "%g events/s", kSpeeds[panel.speedIndex]);
    if (ImGui::SliderInt("##speed", &panel.speedIndex, 0, controlsSpeedCount() - 1, speedText)) {
        cursor.setSpeed(kSpeeds[panel.speedIndex]);
    }
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Play speed ([ and ])");

    ImGui::SameLine(0, 20);
    std::size_t bpCount = cursor.breakpoints().size();
    std::string bpLabel = "Breakpoints (" + std::to_string(bpCount) + ")";
    if (ImGui::Button(bpLabel.c_str())) ImGui::OpenPopup("breakpoints");
    ImGui::SameLine();
    ImGui::BeginDisabled(bpCount == 0);
    if (ImGui::Button("Prev bp")) cursor.previousBreakpoint();
    if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled)) ImGui::SetTooltip("Previous breakpoint event (Shift+B)");
    ImGui::SameLine();
    if (ImGui::Button("Next bp")) cursor.nextBreakpoint();
    if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled)) ImGui::SetTooltip("Next breakpoint event (B)");
    ImGui::EndDisabled();
    if (follow && follow->on) {
        ImGui::SameLine(0, 20);
        drawFollowLine(*follow, cursor);
    }
    if (ImGui::BeginPopup("breakpoints")) {
        ImGui::TextUnformatted("Stop when an event of these kinds happens:");
        ImGui::Separator();
        // Kinds in this trace first (with their counts), including kinds this visualizer does not know.
        for (std::size_t k = 0; k < model.kindNames().size(); ++k) {
            const std::string& kind = model.kindNames()[k];
            bool on = cursor.hasBreakpoint(kind);
            std::string label = std::string(labelOf(kind)) + "  (" + std::to_string(model.eventsOfKind(static_cast<KindId>(k)).size()) + ")##" + kind;
            ImGui::PushStyleColor(ImGuiCol_Text, style::groupColorVec(groupOf(kind)));
            if (ImGui::Checkbox(label.c_str(), &on)) cursor.setBreakpoint(kind, on);
            ImGui::PopStyleColor();
        }
        if (ImGui::Button("Clear all")) {
            for (const std::string& kind : model.kindNames()) cursor.setBreakpoint(kind, false);
        }
        ImGui::EndPopup();
    }

    // The position slider: event N of size (N = events applied; "seq" of the current event).
    int position = static_cast<int>(cursor.position());
    ImGui::SetNextItemWidth(-220);
    char format[96];
    std::snprintf(format, sizeof format, "event %%d of %zu", model.size());
    if (ImGui::SliderInt("##position", &position, 0, static_cast<int>(model.size()), format)) {
        cursor.seek(static_cast<std::size_t>(position));
    }
    ImGui::SameLine();
    const LoopState& state = cursor.state();
    ImGui::Text("iter %lld   t = %s", static_cast<long long>(state.iter), formatDuration(state.now).c_str());
}

}  // namespace lab::viz
