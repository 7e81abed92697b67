// The Deferreds panel; see deferreds_panel.h.
#include "panels/deferreds_panel.h"

#include <imgui.h>

#include <string>

#include "model/labels.h"
#include "panels/style.h"

namespace lab::viz {

namespace {

void drawLadder(const DeferredState& deferred, bool changed) {
    ImDrawList* draw = ImGui::GetWindowDrawList();
    ImVec2 origin = ImGui::GetCursorScreenPos();
    float width = std::min(ImGui::GetContentRegionAvail().x, 520.0f);
    float row = ImGui::GetTextLineHeight() + 10.0f;  // one pair per row
    float leftRail = origin.x + 10.0f, rightRail = origin.x + width * 0.5f + 10.0f;
    float railWidth = width * 0.5f - 20.0f;
    ImU32 lit = style::groupColor(KindGroup::deferred);
    ImU32 bad = style::groupColor(KindGroup::error);
    ImU32 off = IM_COL32(60, 64, 76, 255);
    std::string title = "Deferred " + std::to_string(deferred.id) + (deferred.label.empty() ? "" : "  " + deferred.label);
    draw->AddText(origin, changed ? style::kChanged : IM_COL32(230, 230, 240, 255), title.c_str());
    std::string status = deferred.cancelled ? "cancelled" : deferred.fired ? "fired" : "not fired yet";
    if (deferred.waitingOn) {
        status += ", paused: waiting on Deferred " + std::to_string(*deferred.waitingOn) + "  -->";
    } else if (deferred.paused) {
        status += ", paused";
    }
    if (deferred.unhandled) status += ", UNHANDLED failure";
    draw->AddText(ImVec2(origin.x + width * 0.5f, origin.y), deferred.unhandled ? bad : IM_COL32(160, 165, 180, 255), status.c_str());
    float y = origin.y + row;
    draw->AddText(ImVec2(leftRail, y), IM_COL32(140, 200, 140, 255), "callback");
    draw->AddText(ImVec2(rightRail, y), IM_COL32(220, 140, 140, 255), "errback");
    y += row;
    for (const PairState& pair : deferred.pairs) {
        bool ranCallback = pair.ran && pair.ranSide == "callback";
        bool ranErrback = pair.ran && pair.ranSide == "errback";
        bool hasCallback = pair.side != "errback";
        bool hasErrback = pair.side != "callback";
        if (pair.side == "continuation") hasCallback = hasErrback = true;
        auto box = [&](float x, bool present, bool ran, ImU32 colour) {
            ImVec2 a(x, y), b(x + railWidth, y + row - 4);
            draw->AddRectFilled(a, b, ran ? colour : IM_COL32(34, 37, 46, 255), 4.0f);
            draw->AddRect(a, b, present ? (ran ? colour : IM_COL32(110, 115, 130, 255)) : off, 4.0f);
            std::string text = !present ? "(passes through)" : ran ? pair.label + ":  " + pair.input + " -> " + pair.output : pair.label;
            draw->PushClipRect(a, b, true);
            draw->AddText(ImVec2(a.x + 6, a.y + 3), ran ? IM_COL32(15, 15, 20, 255) : IM_COL32(190, 195, 205, 255), text.c_str());
            draw->PopClipRect();
        };
        box(leftRail, hasCallback, ranCallback, lit);
        box(rightRail, hasErrback, ranErrback, bad);
        y += row;
    }
    std::string result = deferred.fired ? "result: " + deferred.result : "no result yet";
    draw->AddText(ImVec2(leftRail, y), deferred.resultIsFailure ? bad : IM_COL32(255, 220, 140, 255), result.c_str());
    y += row;
    ImGui::Dummy(ImVec2(width, y - origin.y));
    if (!deferred.at.empty() && ImGui::IsItemHovered()) ImGui::SetTooltip("created at %s", deferred.at.c_str());
}

}  // namespace

void drawDeferredsPanel(const PanelContext& context) {
    const LoopState& state = context.state;
    if (state.deferreds.empty()) {
        style::dimText("No Deferred yet (this trace has no Deferred events at this point).");
        return;
    }
    for (const auto& [id, deferred] : state.deferreds) {
        auto before = context.previous.deferreds.find(id);
        bool changed = before == context.previous.deferreds.end() || !(before->second == deferred);
        ImGui::PushID(static_cast<int>(id));
        drawLadder(deferred, changed);
        std::string latest = "latest: " + std::string(labelOf(deferred.last.kind));
        if (ImGui::SmallButton(latest.c_str())) context.requests.seek = deferred.last.index + 1;
        ImGui::Separator();
        ImGui::PopID();
    }
}

}  // namespace lab::viz
