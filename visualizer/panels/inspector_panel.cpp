// The Inspector panel; see inspector_panel.h.
#include "panels/inspector_panel.h"

#include <imgui.h>

#include <string>

#include "model/labels.h"
#include "panels/event_log_panel.h"
#include "panels/style.h"

namespace lab::viz {

void drawInspectorPanel(const PanelContext& context) {
    if (context.cursor.atStart()) {
        ImGui::TextWrapped("Before the first event. Press Right (or Play) to replay the trace one event at a time.");
        return;
    }
    std::size_t i = context.cursor.currentIndex();
    const TraceModel& model = context.model;
    const TraceJson& event = model.json(i);
    std::string_view kind = model.kindOf(i);
    const KindInfo* info = findKind(kind);

    ImGui::PushStyleColor(ImGuiCol_Text, style::groupColorVec(groupOf(kind)));
    ImGui::Text("%.*s", static_cast<int>(labelOf(kind).size()), labelOf(kind).data());
    ImGui::PopStyleColor();
    ImGui::SameLine();
    ImGui::TextColored(style::kDimText, "  %.*s  |  seq %lld  |  iter %lld  |  t = %s", static_cast<int>(kind.size()), kind.data(),
                       static_cast<long long>(model.head(i).seq), static_cast<long long>(model.head(i).iter),
                       formatDuration(model.head(i).t).c_str());

    ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(1.0f, 0.93f, 0.75f, 1.0f));
    ImGui::TextWrapped("%s", explain(event).c_str());
    ImGui::PopStyleColor();

    if (info) {
        ImGui::TextColored(style::kDimText, "Emitted by");
        ImGui::SameLine();
        ImGui::Text("%.*s", static_cast<int>(info->emittedBy.size()), info->emittedBy.data());
    } else {
        ImGui::TextColored(style::kBadText, "Unknown kind: shown with its raw fields.");
    }
    if (event.contains("at") && event["at"].is_string()) {
        ImGui::TextColored(style::kDimText, "Source");
        ImGui::SameLine();
        ImGui::TextColored(style::kGoodText, "%s", event["at"].get<std::string>().c_str());
    }
    ImGui::TextColored(style::kDimText, "Trace line");
    ImGui::SameLine();
    ImGui::Text("%s:%zu", model.path().c_str(), model.fileLine(i));

    // The timer's story, when the event names one: who scheduled it and when it fired.
    if (event.contains("timer") && event["timer"].is_number_integer()) {
        auto history = model.timers().find(event["timer"].get<std::int64_t>());
        if (history != model.timers().end()) {
            const TimerHistory& timer = history->second;
            if (timer.cause != SIZE_MAX) {
                ImGui::TextColored(style::kDimText, "Scheduled by");
                ImGui::SameLine();
                std::string by = std::string(labelOf(model.kindOf(timer.cause))) + " (seq " + std::to_string(model.head(timer.cause).seq) +
                                 ": " + eventSummary(model.json(timer.cause)) + ")";
                if (ImGui::SmallButton(by.c_str())) context.requests.seek = timer.cause + 1;
            }
            if (timer.fired != SIZE_MAX && timer.fired != i) {
                ImGui::TextColored(style::kDimText, "Fires at");
                ImGui::SameLine();
                std::string at = "seq " + std::to_string(model.head(timer.fired).seq);
                if (ImGui::SmallButton(at.c_str())) context.requests.seek = timer.fired + 1;
            }
        }
    }

    ImGui::Separator();
    ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_SizingStretchProp;
    if (ImGui::BeginTable("fields", 3, flags)) {
        ImGui::TableSetupColumn("field", ImGuiTableColumnFlags_WidthFixed, 110.0f);
        ImGui::TableSetupColumn("value");
        ImGui::TableSetupColumn("raw");
        ImGui::TableHeadersRow();
        for (const auto& [key, value] : event.items()) {
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::TextColored(style::kDimText, "%s", key.c_str());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(formatField(key, value).c_str());
            ImGui::TableNextColumn();
            ImGui::TextColored(style::kDimText, "%s", value.dump().c_str());
        }
        ImGui::EndTable();
    }
}

}  // namespace lab::viz
