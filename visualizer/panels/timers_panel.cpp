// The Timers panel; see timers_panel.h.
#include "panels/timers_panel.h"

#include <imgui.h>

#include <algorithm>
#include <string>
#include <vector>

#include "model/labels.h"
#include "panels/style.h"

namespace lab::viz {

void drawTimersPanel(const PanelContext& context) {
    const LoopState& state = context.state;
    const LoopState& previous = context.previous;
    std::vector<const TimerState*> pending;
    for (const auto& [id, timer] : state.timers) pending.push_back(&timer);
    std::sort(pending.begin(), pending.end(), [](const TimerState* a, const TimerState* b) {
        return a->due != b->due ? a->due < b->due : a->id < b->id;
    });
    ImGui::Text("%zu pending", pending.size());
    ImGui::SameLine();
    ImGui::TextColored(style::kDimText, "  now = %s   (bars: time left until due)", formatDuration(state.now).c_str());
    std::int64_t horizon = 1;
    for (const TimerState* timer : pending) horizon = std::max(horizon, timer->due - state.now);

    ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingStretchProp | ImGuiTableFlags_ScrollY;
    if (!ImGui::BeginTable("timers", 5, flags, ImVec2(0, 0))) return;
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn("timer", ImGuiTableColumnFlags_WidthFixed, 46.0f);
    ImGui::TableSetupColumn("due in", ImGuiTableColumnFlags_WidthFixed, 80.0f);
    ImGui::TableSetupColumn("time left", ImGuiTableColumnFlags_WidthStretch, 2.0f);
    ImGui::TableSetupColumn("due at", ImGuiTableColumnFlags_WidthFixed, 80.0f);
    ImGui::TableSetupColumn("scheduled by callLater at", ImGuiTableColumnFlags_WidthStretch, 2.0f);
    ImGui::TableHeadersRow();
    for (const TimerState* timer : pending) {
        auto before = previous.timers.find(timer->id);
        bool changed = before == previous.timers.end() || !(before->second == *timer);
        std::int64_t left = timer->due - state.now;
        ImGui::TableNextRow();
        if (changed) ImGui::TableSetBgColor(ImGuiTableBgTarget_RowBg1, IM_COL32(110, 85, 20, 160));
        ImGui::TableNextColumn();
        ImGui::TextColored(style::groupColorVec(KindGroup::timer), "%lld", static_cast<long long>(timer->id));
        ImGui::TableNextColumn();
        if (left <= 0) {
            ImGui::TextColored(style::kChangedText, "due now");
        } else {
            ImGui::TextUnformatted(formatDuration(left).c_str());
        }
        ImGui::TableNextColumn();
        ImVec2 at = ImGui::GetCursorScreenPos();
        float width = ImGui::GetContentRegionAvail().x;
        float height = ImGui::GetTextLineHeight();
        float fraction = left <= 0 ? 0.0f : static_cast<float>(static_cast<double>(left) / static_cast<double>(horizon));
        ImDrawList* draw = ImGui::GetWindowDrawList();
        draw->AddRectFilled(at, ImVec2(at.x + width, at.y + height), IM_COL32(45, 48, 58, 255), 3.0f);
        draw->AddRectFilled(at, ImVec2(at.x + std::max(3.0f, width * fraction), at.y + height),
                            left <= 0 ? style::kChanged : style::groupColor(KindGroup::timer, 200), 3.0f);
        ImGui::Dummy(ImVec2(width, height));
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(formatDuration(timer->due).c_str());
        ImGui::TableNextColumn();
        ImGui::TextColored(style::kDimText, "%s", timer->at.c_str());
    }
    for (auto it = state.finishedTimers.rbegin(); it != state.finishedTimers.rend(); ++it) {
        const TimerState& timer = *it;
        bool fresh = std::find(previous.finishedTimers.begin(), previous.finishedTimers.end(), timer) == previous.finishedTimers.end();
        ImGui::TableNextRow();
        if (fresh) ImGui::TableSetBgColor(ImGuiTableBgTarget_RowBg1, IM_COL32(110, 85, 20, 160));
        ImGui::TableNextColumn();
        ImGui::TextColored(style::kDimText, "%lld", static_cast<long long>(timer.id));
        ImGui::TableNextColumn();
        bool fired = timer.status == TimerState::Status::fired;
        ImGui::TextColored(fired ? style::kGoodText : style::kBadText, "%s", fired ? "fired" : "cancelled");
        ImGui::TableNextColumn();
        ImGui::TextColored(style::kDimText, "at %s", formatDuration(timer.endedAt).c_str());
        ImGui::TableNextColumn();
        ImGui::TextColored(style::kDimText, "%s", timer.due ? formatDuration(timer.due).c_str() : "-");
        ImGui::TableNextColumn();
        ImGui::TextColored(style::kDimText, "%s", timer.at.c_str());
    }
    ImGui::EndTable();
}

}  // namespace lab::viz
