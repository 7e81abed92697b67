// The default arrangement of reactor-viz's panels; see panel_layout.h.
#include "model/panel_layout.h"

#include <algorithm>
#include <vector>

namespace lab::viz {

namespace {

// Heights in pixels and shares of the space, in one place.
constexpr float kControlsHeight = 84.0f;   // the Controls strip under the menu bar
constexpr float kTimelineShare = 0.2f;     // of the height, kept between these two:
constexpr float kTimelineMin = 150.0f, kTimelineMax = 240.0f;
constexpr float kLoopColumnShare = 0.27f;  // column A: Loop over Queues
constexpr float kMiddleColumnShare = 0.35f;  // column B: Timers, Handlers, Connections, HTTP requests, Deferreds
constexpr float kLoopShare = 0.56f;        // of column A, the rest for Queues
constexpr float kInspectorShare = 0.40f;   // of column C, the rest for the Event log
// Column B: Timers and Handlers share it when there is nothing else, and give up room to the
// panels below them when the trace has them, which share the rest by weight (Deferreds take
// the larger part).
constexpr float kTimersShareAlone = 0.58f, kHandlersShareAlone = 0.42f;
constexpr float kTimersShare = 0.36f, kHandlersShare = 0.24f;
constexpr float kConnectionsWeight = 0.4f, kHttpRequestsWeight = 0.4f, kDeferredsWeight = 0.6f;
// The Compare window floats over the others, inset from the edges.
constexpr float kCompareInsetX = 0.04f, kCompareInsetY = 0.08f, kCompareHeightShare = 0.66f;
// A chapter's front panels: the middle column widens to this (from the other two), its front
// panels share this much of its height and the rest share what is left; front Compare floats
// nearer the edges and taller.
constexpr float kFrontLoopColumnShare = 0.22f, kFrontMiddleColumnShare = 0.46f;
constexpr float kFrontShare = 0.64f;
constexpr float kFrontCompareInset = 0.02f, kFrontCompareHeightShare = 0.84f;

// Column B: Timers and Handlers, then Connections, HTTP requests and Deferreds when the trace
// has them, sharing what is left by their weights.
struct Weighted {
    PanelId panel;
    float weight;
};

// The panels below Timers and Handlers that this trace has something for, in column order.
std::vector<Weighted> restOfMiddleColumn(const LayoutInput& in) {
    std::vector<Weighted> rest;
    if (in.hasConnections) rest.push_back({PanelId::connections, kConnectionsWeight});
    if (in.hasHttpRequests) rest.push_back({PanelId::httpRequests, kHttpRequestsWeight});
    if (in.hasDeferreds) rest.push_back({PanelId::deferreds, kDeferredsWeight});
    return rest;
}

void placeMiddleColumn(PanelLayout& layout, const LayoutInput& in, float x, float midY, float w, float midH) {
    std::vector<Weighted> rest = restOfMiddleColumn(in);
    bool alone = rest.empty();
    float timersH = midH * (alone ? kTimersShareAlone : kTimersShare);
    float handlersH = midH * (alone ? kHandlersShareAlone : kHandlersShare);
    layout.place(PanelId::timers, {x, midY, w, timersH});
    layout.place(PanelId::handlers, {x, midY + timersH, w, handlersH});
    float y = midY + timersH + handlersH, restH = midH - timersH - handlersH;
    float total = 0;
    for (const Weighted& p : rest) total += p.weight;
    for (const Weighted& p : rest) {
        float h = restH * p.weight / total;
        layout.place(p.panel, {x, y, w, h});
        y += h;
    }
}

// Column B with a chapter's front panels: the same panels in the same order, the front ones large.
void placeFrontMiddleColumn(PanelLayout& layout, const LayoutInput& in, float x, float y, float w, float h) {
    std::vector<PanelId> column{PanelId::timers, PanelId::handlers};
    for (const Weighted& p : restOfMiddleColumn(in)) column.push_back(p.panel);
    std::size_t fronts = static_cast<std::size_t>(std::count_if(column.begin(), column.end(), [&](PanelId p) { return in.isFront(p); }));
    std::size_t others = column.size() - fronts;
    for (PanelId panel : column) {
        float share = in.isFront(panel) ? kFrontShare / static_cast<float>(fronts) : (1 - kFrontShare) / static_cast<float>(others);
        if (others == 0) share = 1.0f / static_cast<float>(fronts);
        layout.place(panel, {x, y, w, h * share});
        y += h * share;
    }
}

bool frontInMiddle(const LayoutInput& in) {
    if (in.isFront(PanelId::timers) || in.isFront(PanelId::handlers)) return true;
    std::vector<Weighted> rest = restOfMiddleColumn(in);
    return std::any_of(rest.begin(), rest.end(), [&](const Weighted& p) { return in.isFront(p.panel); });
}

}  // namespace

bool LayoutInput::isFront(PanelId panel) const { return std::find(front.begin(), front.end(), panel) != front.end(); }

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
    const bool loopless = in.hasThreadLanes && !in.hasEventLoop;
    const bool middleFront = !loopless && frontInMiddle(in);
    const float colA = width * (middleFront ? kFrontLoopColumnShare : kLoopColumnShare);
    const float colB = width * (middleFront ? kFrontMiddleColumnShare : kMiddleColumnShare);
    const float colC = width - colA - colB;

    layout.place(PanelId::controls, {0, top, width, kControlsHeight});
    if (!loopless) {
        layout.place(PanelId::loop, {0, midY, colA, midH * kLoopShare});
        layout.place(PanelId::queues, {0, midY + midH * kLoopShare, colA, midH * (1 - kLoopShare)});

        if (middleFront) placeFrontMiddleColumn(layout, in, colA, midY, colB, midH);
        else placeMiddleColumn(layout, in, colA, midY, colB, midH);
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
    if (in.isFront(PanelId::threads) && in.hasThreadLanes && !loopless) {
        // Threads in front: it trades places with the Event log, whose corner is the smaller one.
        PanelRect corner = layout.rect(PanelId::threads), log = layout.rect(PanelId::eventLog);
        layout.place(PanelId::threads, log);
        layout.place(PanelId::eventLog, corner);
    }
    float insetX = in.isFront(PanelId::compare) ? kFrontCompareInset : kCompareInsetX;
    float insetY = in.isFront(PanelId::compare) ? kFrontCompareInset : kCompareInsetY;
    float compareH = in.isFront(PanelId::compare) ? kFrontCompareHeightShare : kCompareHeightShare;
    layout.place(PanelId::compare, {width * insetX, top + height * insetY, width * (1 - 2 * insetX), height * compareH});
    return layout;
}

}  // namespace lab::viz
