// The Timeline panel; see timeline_panel.h.
#include "panels/timeline_panel.h"

#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "model/labels.h"
#include "panels/style.h"

namespace lab::viz {

namespace {

constexpr KindGroup kLanes[] = {KindGroup::loop, KindGroup::timer, KindGroup::handler, KindGroup::connection,
                                KindGroup::deferred, KindGroup::unknown};
constexpr const char* kLaneNames[] = {"loop", "timers", "handlers", "connections", "Deferreds", "other"};

int laneOf(KindGroup group) {
    switch (group) {
        case KindGroup::loop: return 0;
        case KindGroup::timer: return 1;
        case KindGroup::handler: return 2;
        case KindGroup::connection: return 3;
        case KindGroup::deferred: return 4;
        default: return 5;
    }
}

// Where an event sits on the 0..1 axis.
double fractionOf(const TraceModel& model, std::size_t i, bool byTime) {
    if (!byTime) return (static_cast<double>(i) + 0.5) / static_cast<double>(std::max<std::size_t>(model.size(), 1));
    double span = static_cast<double>(model.lastTime() - model.firstTime());
    return span <= 0 ? 0.5 : static_cast<double>(model.head(i).t - model.firstTime()) / span;
}

// The first event whose position is at or after fraction f.
std::size_t eventAt(const TraceModel& model, double f, bool byTime) {
    f = std::clamp(f, 0.0, 1.0);
    if (!byTime) return std::min(model.size() - 1, static_cast<std::size_t>(f * static_cast<double>(model.size())));
    double span = static_cast<double>(model.lastTime() - model.firstTime());
    auto t = model.firstTime() + static_cast<std::int64_t>(f * span);
    return std::min(model.size() - 1, model.firstAtOrAfter(t));
}

}  // namespace

void drawTimelinePanel(const PanelContext& context, TimelineState& panel) {
    const TraceModel& model = context.model;
    if (model.empty()) {
        style::dimText("(no events)");
        return;
    }
    ImGui::Checkbox("x = time", &panel.byTime);
    ImGui::SameLine();
    ImGui::Checkbox("timer causes", &panel.showCauses);
    ImGui::SameLine();
    ImGui::Checkbox("follow cursor", &panel.follow);
    ImGui::SameLine();
    if (ImGui::SmallButton("Zoom out")) {
        panel.viewStart = 0.0;
        panel.viewEnd = 1.0;
    }
    ImGui::SameLine();
    ImGui::TextColored(style::kDimText, "  wheel: zoom   drag: pan   click: go there");

    std::vector<KindGroup> groupOfKind;
    for (const std::string& kind : model.kindNames()) groupOfKind.push_back(groupOf(kind));

    ImVec2 origin = ImGui::GetCursorScreenPos();
    ImVec2 size = ImGui::GetContentRegionAvail();
    size.y = std::max(size.y, 80.0f);
    float labelWidth = 90.0f;
    float left = origin.x + labelWidth;
    float width = std::max(10.0f, size.x - labelWidth);
    float bandTop = origin.y + 16.0f;  // iteration labels above
    float laneHeight = (size.y - 20.0f) / static_cast<float>(std::size(kLanes));
    ImDrawList* draw = ImGui::GetWindowDrawList();

    ImGui::SetCursorScreenPos(ImVec2(left, origin.y));
    ImGui::InvisibleButton("timeline", ImVec2(width, size.y));
    bool hovered = ImGui::IsItemHovered();
    double span = panel.viewEnd - panel.viewStart;
    auto toX = [&](double f) { return left + static_cast<float>((f - panel.viewStart) / span) * width; };
    auto toFraction = [&](float x) { return panel.viewStart + static_cast<double>((x - left) / width) * span; };

    // Follow the cursor: when it leaves the view, slide the view to it.
    std::size_t current = context.cursor.atStart() ? SIZE_MAX : context.cursor.currentIndex();
    if (panel.follow && current != SIZE_MAX && !ImGui::IsItemActive()) {
        double f = fractionOf(model, current, panel.byTime);
        if (f < panel.viewStart || f > panel.viewEnd) {
            panel.viewStart = std::clamp(f - span * 0.3, 0.0, 1.0 - span);
            panel.viewEnd = panel.viewStart + span;
        }
    }
    if (hovered && ImGui::GetIO().MouseWheel != 0.0f) {
        double at = toFraction(ImGui::GetIO().MousePos.x);
        double factor = ImGui::GetIO().MouseWheel > 0 ? 0.8 : 1.25;
        double minimum = 20.0 / static_cast<double>(model.size() + 20);
        double newSpan = std::clamp(span * factor, minimum, 1.0);
        double ratio = (at - panel.viewStart) / span;
        panel.viewStart = std::clamp(at - ratio * newSpan, 0.0, 1.0 - newSpan);
        panel.viewEnd = panel.viewStart + newSpan;
    }
    if (ImGui::IsItemActive() && ImGui::IsMouseDragging(ImGuiMouseButton_Left)) {
        double shift = -static_cast<double>(ImGui::GetIO().MouseDelta.x / width) * span;
        panel.viewStart = std::clamp(panel.viewStart + shift, 0.0, 1.0 - span);
        panel.viewEnd = panel.viewStart + span;
    } else if (ImGui::IsItemDeactivated() && ImGui::GetMouseDragDelta(ImGuiMouseButton_Left).x == 0.0f) {
        context.requests.seek = eventAt(model, toFraction(ImGui::GetIO().MousePos.x), panel.byTime) + 1;
    }
    span = panel.viewEnd - panel.viewStart;

    std::size_t first = eventAt(model, panel.viewStart, panel.byTime);
    std::size_t last = std::min(model.size() - 1, eventAt(model, panel.viewEnd, panel.byTime) + 1);

    draw->PushClipRect(ImVec2(origin.x, origin.y), ImVec2(origin.x + size.x, origin.y + size.y), true);
    // Lanes.
    for (std::size_t lane = 0; lane < std::size(kLanes); ++lane) {
        float y = bandTop + laneHeight * static_cast<float>(lane);
        draw->AddRectFilled(ImVec2(left, y), ImVec2(left + width, y + laneHeight - 2),
                            lane % 2 ? IM_COL32(30, 33, 40, 255) : IM_COL32(36, 39, 47, 255));
        draw->AddText(ImVec2(origin.x + 4, y + laneHeight * 0.5f - 7), style::groupColor(kLanes[lane]), kLaneNames[lane]);
    }
    // Iteration bands: alternate shades, and labels where there is room.
    const auto& spans = model.iterations();
    std::size_t firstSpan = model.iterationIndexOf(first);
    std::size_t lastSpan = model.iterationIndexOf(last);
    std::size_t stride = std::max<std::size_t>(1, (lastSpan - firstSpan) / 400);
    float lastLabelX = -1e9f;
    for (std::size_t s = firstSpan; s <= lastSpan; s += stride) {
        float x0 = toX(fractionOf(model, spans[s].first, panel.byTime));
        float x1 = toX(fractionOf(model, spans[s].last, panel.byTime));
        if (spans[s].iter % 2 == 1) draw->AddRectFilled(ImVec2(x0, bandTop), ImVec2(std::max(x1, x0 + 1), origin.y + size.y), IM_COL32(255, 255, 255, 12));
        draw->AddLine(ImVec2(x0, bandTop), ImVec2(x0, origin.y + size.y), IM_COL32(255, 255, 255, 28));
        if (x0 - lastLabelX > 60.0f) {
            std::string label = "iter " + std::to_string(spans[s].iter);
            draw->AddText(ImVec2(x0 + 2, origin.y), IM_COL32(150, 155, 170, 255), label.c_str());
            lastLabelX = x0;
        }
    }
    // Event ticks; past events bright, future ones dim. Per kind, jump from one pixel column to
    // the next with the kind's index: the cost follows the width in pixels, not the number of
    // events in view (a zoomed-out million-event trace draws as fast as a small one).
    for (KindId kind = 0; kind < groupOfKind.size(); ++kind) {
        const std::vector<std::size_t>& events = model.eventsOfKind(kind);
        int lane = laneOf(groupOfKind[kind]);
        float y = bandTop + laneHeight * static_cast<float>(lane);
        auto it = std::lower_bound(events.begin(), events.end(), first);
        while (it != events.end() && *it <= last) {
            std::size_t i = *it;
            float x = toX(fractionOf(model, i, panel.byTime));
            bool past = current != SIZE_MAX && i <= current;
            draw->AddLine(ImVec2(x, y + 3), ImVec2(x, y + laneHeight - 5), style::groupColor(kLanes[lane], past ? 255 : 90), 2.0f);
            std::size_t next = std::max(i + 1, eventAt(model, toFraction(std::floor(x) + 1.0f), panel.byTime));
            if (past && next > current + 1) next = current + 1;  // do not skip where past turns to future
            it = std::lower_bound(it, events.end(), next);
        }
    }
    // Causality: callback that scheduled a timer -> the timer firing. Bounded like the ticks: the
    // timers that fire from the start of the view on (at most kMaxArcs, found with the
    // timer_fired index), plus the current event's timer, drawn bright.
    if (panel.showCauses) {
        auto timerOf = [&](std::size_t i) -> std::int64_t {
            TraceJson event = model.json(i);  // parsed from its line: once, not once per look
            auto found = event.find("timer");
            return found != event.end() && found->is_number_integer() ? found->get<std::int64_t>() : -1;
        };
        auto arc = [&](const TimerHistory& timer, bool bright) {
            if (timer.fired == SIZE_MAX || timer.scheduled == SIZE_MAX) return false;
            std::size_t from = timer.cause != SIZE_MAX ? timer.cause : timer.scheduled;
            if (!bright && from > last) return false;
            float x0 = toX(fractionOf(model, from, panel.byTime));
            float x1 = toX(fractionOf(model, timer.fired, panel.byTime));
            int fromLane = laneOf(groupOfKind[model.head(from).kind]);
            float y0 = bandTop + laneHeight * (static_cast<float>(fromLane) + 0.5f);
            float y1 = bandTop + laneHeight * 1.5f;
            ImU32 colour = bright ? style::kChanged : IM_COL32(240, 180, 80, 70);
            float lift = std::min(40.0f, std::abs(x1 - x0) * 0.3f + 10.0f);
            draw->AddBezierCubic(ImVec2(x0, y0), ImVec2(x0 + (x1 - x0) * 0.3f, y0 - lift), ImVec2(x1 - (x1 - x0) * 0.3f, y1 - lift),
                                 ImVec2(x1, y1), colour, bright ? 2.5f : 1.2f);
            draw->AddCircleFilled(ImVec2(x1, y1), bright ? 4.0f : 2.5f, colour);
            return true;
        };
        constexpr int kMaxArcs = 300, kMaxLooked = 4000;
        std::int64_t currentTimer = current != SIZE_MAX ? timerOf(current) : -1;
        if (int firedKind = model.kindId(kind::timerFired); firedKind >= 0) {
            const std::vector<std::size_t>& fired = model.eventsOfKind(static_cast<KindId>(firedKind));
            int drawn = 0, looked = 0;
            for (auto it = std::lower_bound(fired.begin(), fired.end(), first);
                 it != fired.end() && drawn < kMaxArcs && looked < kMaxLooked; ++it, ++looked) {
                auto timer = model.timers().find(timerOf(*it));
                if (timer != model.timers().end() && timer->first != currentTimer && arc(timer->second, false)) ++drawn;
            }
        }
        if (auto timer = model.timers().find(currentTimer); timer != model.timers().end()) arc(timer->second, true);
    }
    // The cursor.
    if (current != SIZE_MAX) {
        float x = toX(fractionOf(model, current, panel.byTime));
        draw->AddLine(ImVec2(x, bandTop - 2), ImVec2(x, origin.y + size.y), style::kCursorLine, 2.0f);
    }
    if (hovered) {
        std::size_t at = eventAt(model, toFraction(ImGui::GetIO().MousePos.x), panel.byTime);
        ImGui::SetTooltip("seq %lld, iter %lld, t %s\n%.*s", static_cast<long long>(model.head(at).seq),
                          static_cast<long long>(model.head(at).iter), formatDuration(model.head(at).t).c_str(),
                          static_cast<int>(labelOf(model.kindOf(at)).size()), labelOf(model.kindOf(at)).data());
    }
    draw->PopClipRect();
}

}  // namespace lab::viz
