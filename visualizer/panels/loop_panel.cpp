// The Loop panel; see loop_panel.h.
#include "panels/loop_panel.h"

#include <imgui.h>

#include <algorithm>
#include <string>

#include "model/labels.h"
#include "panels/style.h"

namespace lab::viz {

namespace {

std::string fdText(const std::vector<int>& fds) {
    if (fds.empty()) return "none";
    std::string out;
    for (int fd : fds) out += (out.empty() ? "" : ", ") + std::to_string(fd);
    return out;
}

struct PhaseBox {
    Phase phase;
    std::string title;
    std::string detail;
};

}  // namespace

void drawLoopPanel(const PanelContext& context) {
    const LoopState& state = context.state;
    std::string status = state.phase == Phase::setup   ? "Before run(): the program sets things up"
                         : state.phase == Phase::ended ? "run() has returned"
                                                       : "Iteration " + std::to_string(state.iter);
    ImGui::TextColored(ImVec4(0.95f, 0.95f, 1.0f, 1.0f), "%s", status.c_str());
    ImGui::SameLine();
    ImGui::TextColored(style::kDimText, "  t = %s", formatDuration(state.now).c_str());
    if (state.stopRequested && state.phase != Phase::ended) {
        ImGui::SameLine();
        ImGui::TextColored(style::kBadText, "  stop requested");
    }
    ImGui::TextColored(style::kDimText, "Running:");
    ImGui::SameLine();
    ImGui::TextColored(style::kChangedText, "%s", state.running.empty() ? "the loop itself" : state.running.c_str());

    std::string timeout = !state.wait.seen && state.wait.reason.empty() ? "-"
                          : state.wait.timeout ? formatDuration(*state.wait.timeout)
                                               : "infinite";
    std::string lastHandler = state.dispatched.empty()
                                  ? "nothing called yet"
                                  : state.dispatched.back().handler + ".do" +
                                        (state.dispatched.back().event == "write" ? "Write" : "Read") + "() on fd " +
                                        std::to_string(state.dispatched.back().fd);
    std::string waitDetail = state.wait.waiting ? "watching r: " + fdText(state.wait.readers) + "  w: " + fdText(state.wait.writers)
                             : state.wait.seen  ? "ready r: " + fdText(state.wait.readable) + "  w: " + fdText(state.wait.writable)
                                                : "watching r: " + fdText({}) + "";
    PhaseBox boxes[] = {
        {Phase::runDueTimers, "1  " + std::string(labelOf(kind::timersRun)),
         std::to_string(state.dueThisIteration) + " due, " + std::to_string(state.timers.size()) + " pending"},
        {Phase::computeTimeout, "2  " + std::string(labelOf(kind::timeoutComputed)),
         "timeout " + timeout + (state.wait.reason.empty() ? "" : " (" + state.wait.reason + ")")},
        {Phase::waitForEvents, "3  " + std::string(labelOf(kind::waitBegin)), waitDetail},
        {Phase::dispatchReady, "4  " + std::string(labelOf(kind::readyDispatch)), lastHandler},
    };

    ImDrawList* draw = ImGui::GetWindowDrawList();
    ImVec2 origin = ImGui::GetCursorScreenPos();
    float width = ImGui::GetContentRegionAvail().x;
    float available = ImGui::GetContentRegionAvail().y;
    float boxWidth = width - 70.0f;
    float lineHeight = ImGui::GetTextLineHeight();
    float boxHeight = lineHeight * 2.0f + 14.0f;
    float gap = std::max(14.0f, std::min(26.0f, (available - 4 * boxHeight - 2 * lineHeight - 16.0f) / 5.0f));
    float x = origin.x + 20.0f;
    float y = origin.y + lineHeight + 10.0f;

    // "Iteration begins" above the cycle, "Iteration ends" on the way back. Phase 0 (calls from
    // other threads, lesson 04) takes the top line in the turns it runs, so traces without
    // threads keep the four boxes.
    bool beginLit = state.phase == Phase::iterationBegin;
    bool threadCallsLit = state.phase == Phase::runThreadCalls;
    bool endLit = state.phase == Phase::iterationEnd;
    std::string topLine = threadCallsLit ? "> 0  " + std::string(labelOf(kind::threadCallsRun)) + ": " +
                                           std::to_string(state.threadCallsThisIteration) + " call(s) from other threads"
                      : (beginLit ? "> " : "  ") + std::string(labelOf(kind::iterationBegin));
    draw->AddText(ImVec2(x, origin.y + 2.0f), beginLit || threadCallsLit ? style::kLit : IM_COL32(150, 155, 165, 255),
                  topLine.c_str());
    ImU32 arrow = IM_COL32(120, 125, 140, 255);
    for (int i = 0; i < 4; ++i) {
        const PhaseBox& box = boxes[i];
        bool lit = state.phase == box.phase;
        ImVec2 a(x, y), b(x + boxWidth, y + boxHeight);
        draw->AddRectFilled(a, b, lit ? IM_COL32(35, 80, 160, 255) : IM_COL32(38, 42, 52, 255), 8.0f);
        draw->AddRect(a, b, lit ? style::kLit : IM_COL32(80, 86, 100, 255), 8.0f, 0, lit ? 3.0f : 1.0f);
        draw->AddText(ImVec2(a.x + 10, a.y + 6), lit ? IM_COL32(255, 255, 255, 255) : IM_COL32(190, 195, 205, 255),
                      box.title.c_str());
        draw->PushClipRect(a, b, true);
        draw->AddText(ImVec2(a.x + 28, a.y + 8 + lineHeight), lit ? IM_COL32(255, 225, 150, 255) : IM_COL32(140, 145, 155, 255),
                      box.detail.c_str());
        draw->PopClipRect();
        if (i < 3) {
            float cx = x + boxWidth * 0.5f;
            draw->AddLine(ImVec2(cx, b.y + 2), ImVec2(cx, b.y + gap - 4), arrow, 2.0f);
            draw->AddTriangleFilled(ImVec2(cx - 5, b.y + gap - 9), ImVec2(cx + 5, b.y + gap - 9), ImVec2(cx, b.y + gap - 2), arrow);
        }
        y += boxHeight + gap;
    }
    // The way back up: from the last box's right side to the first box's right side.
    float top = origin.y + lineHeight + 10.0f + boxHeight * 0.5f;
    float bottom = y - gap - boxHeight * 0.5f;
    float right = x + boxWidth;
    ImU32 back = endLit ? style::kLit : arrow;
    draw->AddLine(ImVec2(right + 2, bottom), ImVec2(right + 30, bottom), back, 2.0f);
    draw->AddLine(ImVec2(right + 30, bottom), ImVec2(right + 30, top), back, 2.0f);
    draw->AddLine(ImVec2(right + 30, top), ImVec2(right + 8, top), back, 2.0f);
    draw->AddTriangleFilled(ImVec2(right + 12, top - 5), ImVec2(right + 12, top + 5), ImVec2(right + 3, top), back);
    draw->AddText(ImVec2(x, y - gap + 6.0f), endLit ? style::kLit : IM_COL32(150, 155, 165, 255),
                  endLit ? "> Iteration ends, and the loop turns again" : "  Iteration ends, and the loop turns again");
    ImGui::Dummy(ImVec2(width, y - origin.y + lineHeight));
}

}  // namespace lab::viz
