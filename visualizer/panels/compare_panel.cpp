// The Compare panel; see compare_panel.h.
#include "panels/compare_panel.h"

#include <imgui.h>

#include <string>

#include "model/labels.h"
#include "panels/style.h"

namespace lab::viz {

namespace {

void column(const char* title, const TraceModel& model, const ReplayCursor& cursor) {
    const LoopState& state = cursor.state();
    ImGui::TextColored(ImVec4(0.7f, 0.8f, 1.0f, 1.0f), "%s: %s", title, model.program().c_str());
    ImGui::TextColored(style::kDimText, "%s", model.path().c_str());
    ImGui::Text("backend %s, clock %s", model.backend().c_str(), model.clock().c_str());
    ImGui::Separator();
    ImGui::Text("events       %zu", model.size());
    ImGui::Text("iterations   %zu", model.iterations().size());
    ImGui::Text("duration     %s", formatDuration(model.lastTime() - model.firstTime()).c_str());
    double perIteration = model.iterations().empty() ? 0.0 : static_cast<double>(model.size()) / static_cast<double>(model.iterations().size());
    ImGui::Text("events/iter  %.1f", perIteration);
    ImGui::Separator();
    ImGui::Text("at t = %s: event %zu", formatDuration(state.now).c_str(), cursor.position());
    ImGui::Text("phase        %.*s", static_cast<int>(phaseLabel(state.phase).size()), phaseLabel(state.phase).data());
    ImGui::Text("handlers     %zu readers, %zu writers", state.readers.size(), state.writers.size());
    ImGui::Text("timers       %zu pending", state.timers.size());
    ImGui::Text("connections  %zu", state.connections.size());
    ImGui::Text("threads      %zu", state.threads.size());
    for (const auto& [id, thread] : state.threads) {
        ImGui::BulletText("thread %lld %s: %s", static_cast<long long>(id), thread.name.c_str(), thread.doing.c_str());
    }
    if (!cursor.atStart()) {
        std::string_view kind = model.kindOf(cursor.currentIndex());
        ImGui::TextColored(style::groupColorVec(groupOf(kind)), "last: %.*s", static_cast<int>(labelOf(kind).size()), labelOf(kind).data());
    }
}

}  // namespace

void drawComparePanel(const PanelContext& context, const ReplayCursor& other) {
    if (ImGui::BeginTable("compare", 2, ImGuiTableFlags_BordersInnerV)) {
        ImGui::TableNextColumn();
        column("This trace", context.model, context.cursor);
        ImGui::TableNextColumn();
        column("Compared with", other.model(), other);
        ImGui::EndTable();
    }
}

}  // namespace lab::viz
