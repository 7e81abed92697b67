// The Compare panel; see compare_panel.h.
#include "panels/compare_panel.h"

#include <imgui.h>

#include <string>

#include "model/labels.h"
#include "panels/style.h"
#include "panels/threads_panel.h"

namespace lab::viz {

namespace {

void column(const char* title, const TraceModel& model, const ReplayCursor& cursor, const ThreadLanes& lanes,
            PanelRequests* requests) {
    const LoopState& state = cursor.state();
    ImGui::TextColored(ImVec4(0.7f, 0.8f, 1.0f, 1.0f), "%s: %s", title, model.program().c_str());
    ImGui::TextColored(style::kDimText, "%s", model.path().c_str());
    if (!model.source().empty()) ImGui::TextColored(style::kDimText, "traced from %s", model.source().c_str());
    ImGui::Text("backend %s, %s clock;  %zu events, %zu iterations, duration %s", model.backend().c_str(), model.clock().c_str(),
                model.size(), model.iterations().size(), formatDuration(model.lastTime() - model.firstTime()).c_str());
    ImGui::Separator();
    ImGui::Text("at %s since start: event %zu of %zu", formatDuration(state.now - model.firstTime()).c_str(), cursor.position(),
                model.size());
    if (!cursor.atStart()) {
        std::string_view kind = model.kindOf(cursor.currentIndex());
        ImGui::TextColored(style::groupColorVec(groupOf(kind)), "last: %.*s", static_cast<int>(labelOf(kind).size()), labelOf(kind).data());
        ImGui::TextWrapped("%s", explain(model.json(cursor.currentIndex())).c_str());
    }
    if (hasEventLoop(model)) {
        ImGui::Text("phase        %.*s", static_cast<int>(phaseLabel(state.phase).size()), phaseLabel(state.phase).data());
        ImGui::Text("handlers     %zu readers, %zu writers", state.readers.size(), state.writers.size());
        ImGui::Text("timers       %zu pending", state.timers.size());
        std::size_t open = 0;
        for (const auto& [id, connection] : state.connections) open += connection.state != "closed" ? 1 : 0;
        ImGui::Text("connections  %zu open, all served by one thread", open);
    }
    if (!lanes.empty()) {
        int blocked = 0, alive = 0;
        for (const auto& [id, thread] : state.threads) {
            alive += thread.alive ? 1 : 0;
            blocked += thread.alive && !thread.blockedIn.empty() ? 1 : 0;
        }
        ImGui::Text("threads      %d alive, %d of them blocked; %.0f%% of all thread time blocked", alive, blocked,
                    lanes.blockedShare() * 100.0);
        drawThreadLanes(model, lanes, state, 80.0f, requests);
    } else if (!hasEventLoop(model)) {
        style::dimText("(no event loop and no thread lanes in this trace)");
    }
}

}  // namespace

void drawComparePanel(const PanelContext& context, const ThreadLanes& lanes, const ReplayCursor& other,
                      const ThreadLanes& otherLanes, CompareState& compare) {
    ImGui::TextColored(style::kDimText, "Stepped together by");
    ImGui::SameLine();
    ImGui::SetNextItemWidth(240.0f);
    const AlignBy choices[] = {AlignBy::elapsedTime, AlignBy::fractionOfTime};
    if (ImGui::BeginCombo("##align", alignLabel(compare.wanted))) {
        for (AlignBy by : choices) {
            if (ImGui::Selectable(alignLabel(by), by == compare.wanted)) compare.wanted = by;
        }
        ImGui::EndCombo();
    }
    if (compare.last.used != compare.wanted) {
        ImGui::SameLine();
        ImGui::TextColored(style::kChangedText, "using %s", alignLabel(compare.last.used));
    }
    if (ImGui::BeginTable("compare", 2, ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_SizingStretchSame)) {
        ImGui::TableNextColumn();
        column("This trace", context.model, context.cursor, lanes, &context.requests);
        ImGui::TableNextColumn();
        column("Compared with", other.model(), other, otherLanes, nullptr);
        ImGui::EndTable();
    }
}

}  // namespace lab::viz
