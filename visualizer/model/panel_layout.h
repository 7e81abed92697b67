// PanelLayout: where each panel of reactor-viz goes, from the window's size and what the trace
// holds. Three columns under the Controls strip (the loop and its queues; timers, handlers,
// connections, HTTP requests and Deferreds; the inspector and the event log) above the timeline. A panel the
// trace has nothing for is left out and its column's neighbours take the room; a trace of the
// threaded baseline, which has no loop, gives its Threads panel the first two columns.
// A chapter may put panels in front (chapter_layout.h): front panels of the middle column widen it
// and take most of its height; front Threads trades places with the Event log; front Compare
// floats larger. The shares are named here, once, so a layout can be read (and changed) in one place.
// No ImGui here; App::drawPanels places the windows; tested in tests/visualizer/panel_layout_test.cpp.
#pragma once

#include <array>
#include <cstddef>
#include <vector>

namespace lab::viz {

enum class PanelId {
    controls, loop, queues, timers, handlers, connections, httpRequests, deferreds, inspector, eventLog, timeline, threads, compare,
};
inline constexpr std::size_t kPanelCount = static_cast<std::size_t>(PanelId::compare) + 1;

struct PanelRect {
    float x = 0, y = 0, w = 0, h = 0;
    bool operator==(const PanelRect&) const = default;
};

// What the layout depends on: the space under the menu bar, and which panels have something.
struct LayoutInput {
    float width = 0, height = 0;  // the whole window
    float top = 0;                // the menu bar's height
    bool hasDeferreds = false;
    bool hasConnections = false;
    bool hasHttpRequests = false;  // http_request or http_response events: the HTTP requests panel shows
    bool hasThreadLanes = false;  // thread_* events: the Threads panel shows
    bool hasEventLoop = true;     // run_begin or iteration_begin: the loop's panels show
    std::vector<PanelId> front;   // the chapter's panels in front and large (chapter_layout.h)
    bool isFront(PanelId panel) const;
};

class PanelLayout {
public:
    bool shows(PanelId panel) const { return shown_[index(panel)]; }
    const PanelRect& rect(PanelId panel) const { return rects_[index(panel)]; }
    void place(PanelId panel, PanelRect rect);

private:
    static std::size_t index(PanelId panel) { return static_cast<std::size_t>(panel); }
    std::array<PanelRect, kPanelCount> rects_{};
    std::array<bool, kPanelCount> shown_{};
};

// The default arrangement for `input`.
PanelLayout layoutPanels(const LayoutInput& input);

}  // namespace lab::viz
