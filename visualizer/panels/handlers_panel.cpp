// The Handlers panel; see handlers_panel.h.
#include "panels/handlers_panel.h"

#include <imgui.h>

#include <algorithm>
#include <set>
#include <string>

#include "panels/style.h"

namespace lab::viz {

void drawHandlersPanel(const PanelContext& context) {
    const LoopState& state = context.state;
    const LoopState& previous = context.previous;
    std::set<int> fds;
    for (const auto& [fd, handler] : state.readers) fds.insert(fd);
    for (const auto& [fd, handler] : state.writers) fds.insert(fd);
    std::set<int> gone;
    for (const auto& [fd, handler] : previous.readers) if (!fds.count(fd)) gone.insert(fd);
    for (const auto& [fd, handler] : previous.writers) if (!fds.count(fd)) gone.insert(fd);
    if (fds.empty() && gone.empty()) {
        style::dimText("No descriptor is registered: only timers can wake the loop.");
        return;
    }
    ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_SizingStretchProp;
    if (!ImGui::BeginTable("handlers", 5, flags)) return;
    ImGui::TableSetupColumn("fd", ImGuiTableColumnFlags_WidthFixed, 40.0f);
    ImGui::TableSetupColumn("handler");
    ImGui::TableSetupColumn("read", ImGuiTableColumnFlags_WidthFixed, 50.0f);
    ImGui::TableSetupColumn("write", ImGuiTableColumnFlags_WidthFixed, 50.0f);
    ImGui::TableSetupColumn("ready now");
    ImGui::TableHeadersRow();
    auto yesNo = [](bool on, bool changed) {
        ImVec4 colour = changed ? style::kChangedText : on ? style::kGoodText : style::kDimText;
        ImGui::TextColored(colour, "%s", on ? "yes" : "-");
    };
    for (int fd : fds) {
        auto r = state.readers.find(fd);
        auto w = state.writers.find(fd);
        bool reading = r != state.readers.end();
        bool writing = w != state.writers.end();
        bool wasReading = previous.readers.count(fd) > 0;
        bool wasWriting = previous.writers.count(fd) > 0;
        std::string handler = reading ? r->second : w->second;
        ImGui::TableNextRow();
        if (reading != wasReading || writing != wasWriting) {
            ImGui::TableSetBgColor(ImGuiTableBgTarget_RowBg1, IM_COL32(110, 85, 20, 160));
        }
        ImGui::TableNextColumn();
        ImGui::Text("%d", fd);
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(handler.c_str());
        ImGui::TableNextColumn();
        yesNo(reading, reading != wasReading);
        ImGui::TableNextColumn();
        yesNo(writing, writing != wasWriting);
        ImGui::TableNextColumn();
        const WaitState& wait = state.wait;
        std::string ready;
        if (std::count(wait.readable.begin(), wait.readable.end(), fd)) ready += "readable ";
        if (std::count(wait.writable.begin(), wait.writable.end(), fd)) ready += "writable ";
        if (std::count(wait.disconnected.begin(), wait.disconnected.end(), fd)) ready += "hung up";
        ImGui::TextColored(ready.empty() ? style::kDimText : style::kChangedText, "%s", ready.empty() ? "-" : ready.c_str());
    }
    for (int fd : gone) {
        ImGui::TableNextRow();
        ImGui::TableSetBgColor(ImGuiTableBgTarget_RowBg1, IM_COL32(90, 40, 40, 140));
        ImGui::TableNextColumn();
        ImGui::TextColored(style::kDimText, "%d", fd);
        ImGui::TableNextColumn();
        ImGui::TextColored(style::kDimText, "(just removed)");
    }
    ImGui::EndTable();
}

}  // namespace lab::viz
