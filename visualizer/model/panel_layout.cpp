// The default arrangement of reactor-viz's panels; see panel_layout.h.
#include "model/panel_layout.h"

#include <algorithm>

namespace lab::viz {

namespace {

// Heights in pixels and shares of the space, in one place.
constexpr float kControlsHeight = 84.0f;   // the Controls strip under the menu bar
constexpr float kTimelineShare = 0.2f;     // of the height, kept between these two:
constexpr float kTimelineMin = 150.0f, kTimelineMax = 240.0f;
constexpr float kLoopColumnShare = 0.27f;  // column A: Loop over Queues
constexpr float kMiddleColumnShare = 0.35f;  // column B: Timers, Handlers, Connections, Deferreds
constexpr float kLoopShare = 0.56f;        // of column A, the rest for Queues
constexpr float kInspectorShare = 0.40f;   // of column C, the rest for the Event log
// Column B: Timers and Handlers share it when there is nothing else, and give up room to
// Connections and Deferreds when the trace has them (Deferreds take the larger part).
constexpr float kTimersShareAlone = 0.58f, kHandlersShareAlone = 0.42f;
constexpr float kTimersShare = 0.36f, kHandlersShare = 0.24f;
constexpr float kConnectionsShareOfRest = 0.4f;
// The Compare window floats over the others, inset from the edges.
constexpr float kCompareInsetX = 0.04f, kCompareInsetY = 0.08f, kCompareHeightShare = 0.66f;

}  // namespace

void PanelLayout::place(PanelId panel, PanelRect rect) {
    rects_[index(panel)] = rect;
    shown_[index(panel)] = true;
}

PanelLayout layoutPanels(const LayoutInput& in) {
    PanelLayout layout;
    const float width = in.width, top = in.top, height = in.height - in.top;
    const float timelineH = std::clamp(height * kTimelineShare, kTimelineMin, kTimelineMax);
    const float midY = top + kControlsHeight;
    const float midH = height - kControlsHeight - timelineH;
    const float colA = width * kLoopColumnShare, colB = width * kMiddleColumnShare, colC = width - colA - colB;
    const bool loopless = in.hasThreadLanes && !in.hasEventLoop;

    layout.place(PanelId::controls, {0, top, width, kControlsHeight});
    if (!loopless) {
        layout.place(PanelId::loop, {0, midY, colA, midH * kLoopShare});
        layout.place(PanelId::queues, {0, midY + midH * kLoopShare, colA, midH * (1 - kLoopShare)});

        bool connections = in.hasConnections, deferreds = in.hasDeferreds;
        bool alone = !connections && !deferreds;
        float timersH = midH * (alone ? kTimersShareAlone : kTimersShare);
        float handlersH = midH * (alone ? kHandlersShareAlone : kHandlersShare);
        layout.place(PanelId::timers, {colA, midY, colB, timersH});
        layout.place(PanelId::handlers, {colA, midY + timersH, colB, handlersH});
        float restY = midY + timersH + handlersH, restH = midH - timersH - handlersH;
        float connectionsH = deferreds ? restH * kConnectionsShareOfRest : restH;
        if (connections) layout.place(PanelId::connections, {colA, restY, colB, connectionsH});
        if (deferreds) {
            float y = connections ? restY + connectionsH : restY;
            float h = connections ? restH * (1 - kConnectionsShareOfRest) : restH;
            layout.place(PanelId::deferreds, {colA, y, colB, h});
        }
    }
    layout.place(PanelId::inspector, {colA + colB, midY, colC, midH * kInspectorShare});
    layout.place(PanelId::eventLog, {colA + colB, midY + midH * kInspectorShare, colC, midH * (1 - kInspectorShare)});

    // The timeline runs under everything, or under the first two columns when the Threads panel
    // takes the corner; a loopless trace gives Threads the loop's two columns instead.
    PanelRect timeline{0, midY + midH, width, timelineH};
    if (loopless) {
        layout.place(PanelId::threads, {0, midY, colA + colB, midH});
    } else if (in.hasThreadLanes) {
        timeline.w = colA + colB;
        layout.place(PanelId::threads, {colA + colB, midY + midH, width - colA - colB, timelineH});
    }
    layout.place(PanelId::timeline, timeline);
    layout.place(PanelId::compare,
                 {width * kCompareInsetX, top + height * kCompareInsetY, width * (1 - 2 * kCompareInsetX), height * kCompareHeightShare});
    return layout;
}

}  // namespace lab::viz
