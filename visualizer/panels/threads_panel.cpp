// The Threads panel; see threads_panel.h.
#include "panels/threads_panel.h"

#include <imgui.h>

#include <algorithm>
#include <string>

#include "model/chart_scale.h"
#include "model/labels.h"
#include "panels/style.h"

namespace lab::viz {

namespace {

constexpr ImU32 kRunning = IM_COL32(95, 205, 115, 255);
constexpr ImU32 kLaneBack = IM_COL32(34, 37, 45, 255);
constexpr ImU32 kLaneBackAlt = IM_COL32(29, 32, 39, 255);

// Blocked spans are coloured by the call they wait in.
ImU32 blockedColour(const std::string& call, int alpha = 255) {
    if (call == "accept") return IM_COL32(95, 125, 215, alpha);
    if (call == "write") return IM_COL32(215, 145, 70, alpha);
    return IM_COL32(70, 160, 175, alpha);  // read
}

ImU32 withAlpha(ImU32 colour, int alpha) {
    return (colour & ~IM_COL32_A_MASK) | (static_cast<ImU32>(alpha) << IM_COL32_A_SHIFT);
}

std::string laneTitle(const ThreadLane& lane) {
    return "thread " + std::to_string(lane.thread) + (lane.name.empty() ? "" : " " + lane.name);
}

std::string stateText(const ThreadState* thread) {
    if (!thread) return "not started";
    if (!thread->alive) return "exited" + (thread->exitReason.empty() ? "" : ": " + thread->exitReason);
    if (!thread->blockedIn.empty()) return "blocked in " + thread->blockedIn + "(fd " + std::to_string(thread->fd) + ")";
    return "running";
}

void legendSwatch(ImU32 colour, const char* text, float height) {
    ImVec2 at = ImGui::GetCursorScreenPos();
    float h = ImGui::GetTextLineHeight();
    ImGui::GetWindowDrawList()->AddRectFilled(ImVec2(at.x, at.y + (h - height) * 0.5f), ImVec2(at.x + 18, at.y + (h + height) * 0.5f),
                                              colour, 2.0f);
    ImGui::Dummy(ImVec2(22, h));
    ImGui::SameLine(0, 2);
    ImGui::TextColored(style::kDimText, "%s", text);
    ImGui::SameLine(0, 14);
}

}  // namespace

void drawThreadLanes(const TraceModel& model, const ThreadLanes& lanes, const LoopState& state, float minHeight,
                     PanelRequests* requests) {
    if (lanes.empty()) {
        style::dimText("(this trace records no threads)");
        return;
    }
    std::int64_t t0 = model.firstTime(), t1 = std::max(model.lastTime(), model.firstTime() + 1);
    ImVec2 origin = ImGui::GetCursorScreenPos();
    ImVec2 avail = ImGui::GetContentRegionAvail();
    float axisH = 22.0f;
    float height = std::max(avail.y, minHeight);
    float labelW = std::min(210.0f, avail.x * 0.32f);
    float left = origin.x + labelW, width = std::max(20.0f, avail.x - labelW - 8.0f);
    std::size_t count = lanes.lanes().size();
    float laneH = std::clamp((height - axisH) / static_cast<float>(count), 12.0f, 44.0f);
    float lanesBottom = origin.y + laneH * static_cast<float>(count);
    ImDrawList* draw = ImGui::GetWindowDrawList();
    Scale x = Scale::linear(0, static_cast<double>(t1 - t0));
    auto toX = [&](std::int64_t t) { return left + static_cast<float>(x.fraction(static_cast<double>(t - t0))) * width; };
    float nowX = toX(state.now);
    ImVec2 mouse = ImGui::GetIO().MousePos;
    bool hoverable = ImGui::IsWindowHovered();
    const ThreadSpan* hovered = nullptr;
    const ThreadLane* hoveredLane = nullptr;

    for (std::size_t l = 0; l < count; ++l) {
        const ThreadLane& lane = lanes.lanes()[l];
        float y0 = origin.y + laneH * static_cast<float>(l), y1 = y0 + laneH - 2.0f;
        draw->AddRectFilled(ImVec2(origin.x, y0), ImVec2(left + width, y1), l % 2 ? kLaneBackAlt : kLaneBack);
        auto found = state.threads.find(lane.thread);
        const ThreadState* now = found != state.threads.end() ? &found->second : nullptr;
        ImU32 titleColour = !now ? IM_COL32(120, 124, 135, 255) : !now->alive ? IM_COL32(150, 150, 160, 255)
                                   : now->blockedIn.empty()         ? kRunning
                                                                    : blockedColour(now->blockedIn);
        draw->PushClipRect(ImVec2(origin.x, y0), ImVec2(left - 4, y1), true);
        std::string title = laneTitle(lane);
        if (laneH >= 30.0f) {
            draw->AddText(ImVec2(origin.x + 4, y0 + 1), IM_COL32(225, 228, 235, 255), title.c_str());
            draw->AddText(ImVec2(origin.x + 4, y0 + laneH * 0.5f - 1), titleColour, stateText(now).c_str());
        } else {
            draw->AddText(ImVec2(origin.x + 4, y0 + (laneH - 2 - ImGui::GetTextLineHeight()) * 0.5f), titleColour, title.c_str());
        }
        draw->PopClipRect();
        for (const ThreadSpan& span : lane.spans) {
            // The future is drawn faintly, so the past (what the replay has reached) stands out.
            bool future = span.begin > state.now || state.applied == 0;
            int alpha = future ? 70 : 255;
            float sx0 = toX(span.begin), sx1 = std::max(toX(span.end), sx0 + 1.5f);
            float inset = span.blocked ? laneH * 0.32f : 2.0f;
            ImU32 colour = span.blocked ? withAlpha(blockedColour(span.call), future ? 45 : 150) : withAlpha(kRunning, alpha);
            draw->AddRectFilled(ImVec2(sx0, y0 + inset), ImVec2(sx1, y1 - inset), colour);
            if (span.blocked && sx1 - sx0 > 70.0f && laneH >= 16.0f) {
                std::string text = span.call + "(" + std::to_string(span.fd) + ")";
                draw->PushClipRect(ImVec2(sx0, y0), ImVec2(sx1, y1), true);
                draw->AddText(ImVec2(sx0 + 4, y0 + (laneH - 2 - ImGui::GetTextLineHeight()) * 0.5f),
                              IM_COL32(230, 232, 240, future ? 90 : 230), text.c_str());
                draw->PopClipRect();
            }
            if (hoverable && mouse.y >= y0 && mouse.y < y1 && mouse.x >= sx0 && mouse.x < sx1) {
                hovered = &span;
                hoveredLane = &lane;
            }
        }
        if (lane.exited) {
            float ex = toX(lane.ended);
            draw->AddLine(ImVec2(ex, y0 + 3), ImVec2(ex, y1 - 3), IM_COL32(235, 110, 100, lane.ended <= state.now ? 255 : 90), 2.0f);
        }
    }
    // Time axis: elapsed time from the first event.
    for (const Tick& tick : niceTicks(0, static_cast<double>(t1 - t0), std::max(2, static_cast<int>(width / 110.0f)))) {
        if (tick.value > static_cast<double>(t1 - t0) * 1.0001) break;
        float tx = left + static_cast<float>(x.fraction(tick.value)) * width;
        draw->AddLine(ImVec2(tx, origin.y), ImVec2(tx, lanesBottom + 4), IM_COL32(255, 255, 255, 22));
        std::string label = formatDuration(static_cast<std::int64_t>(tick.value));
        float w = ImGui::CalcTextSize(label.c_str()).x;
        float lx = std::clamp(tx - w * 0.5f, left, left + width - w);
        draw->AddText(ImVec2(lx, lanesBottom + 5), IM_COL32(160, 165, 180, 255), label.c_str());
    }
    draw->AddText(ImVec2(origin.x + 4, lanesBottom + 5), IM_COL32(160, 165, 180, 255), "time since start");
    if (state.applied > 0) draw->AddLine(ImVec2(nowX, origin.y - 2), ImVec2(nowX, lanesBottom + 2), style::kCursorLine, 2.0f);

    ImGui::Dummy(ImVec2(avail.x, laneH * static_cast<float>(count) + axisH));
    if (hovered) {
        std::string what = hovered->blocked ? "blocked in " + hovered->call + "(fd " + std::to_string(hovered->fd) + ")" : "running";
        ImGui::SetTooltip("%s: %s\nfrom %s to %s (%s)\nclick: go to that event", laneTitle(*hoveredLane).c_str(), what.c_str(),
                          formatDuration(hovered->begin - t0).c_str(), formatDuration(hovered->end - t0).c_str(),
                          formatDuration(hovered->end - hovered->begin).c_str());
        if (requests && ImGui::IsMouseClicked(ImGuiMouseButton_Left)) requests->seek = hovered->event + 1;
    }
}

void drawThreadsPanel(const PanelContext& context, const ThreadLanes& lanes) {
    const LoopState& state = context.state;
    int running = 0, blocked = 0, exited = 0;
    for (const auto& [id, thread] : state.threads) {
        if (!thread.alive) ++exited;
        else if (thread.blockedIn.empty()) ++running;
        else ++blocked;
    }
    ImGui::Text("%zu threads so far: %d blocked, %d running, %d exited", state.threads.size(), blocked, running, exited);
    ImGui::SameLine();
    ImGui::TextColored(style::kDimText, "  t = %s.  Over the whole run, the threads spent %.0f%% of their lives blocked.",
                       formatDuration(state.now - context.model.firstTime()).c_str(), lanes.blockedShare() * 100.0);
    legendSwatch(kRunning, "running", 14.0f);
    legendSwatch(blockedColour("accept", 150), "blocked in accept", 6.0f);
    legendSwatch(blockedColour("read", 150), "blocked in read", 6.0f);
    legendSwatch(blockedColour("write", 150), "blocked in write", 6.0f);
    legendSwatch(IM_COL32(235, 110, 100, 255), "exited", 14.0f);
    ImGui::NewLine();
    drawThreadLanes(context.model, lanes, state, 60.0f, &context.requests);
}

}  // namespace lab::viz
