// The default panel layout (visualizer/model/panel_layout.h): what shows for which trace, and
// that the panels tile the window without overlapping.
#include <catch2/catch.hpp>

#include <vector>

#include "model/panel_layout.h"

using namespace lab::viz;

namespace {

LayoutInput window(bool deferreds, bool connections, bool lanes, bool loop) {
    LayoutInput in;
    in.width = 1600;
    in.height = 1000;
    in.top = 20;
    in.hasDeferreds = deferreds;
    in.hasConnections = connections;
    in.hasThreadLanes = lanes;
    in.hasEventLoop = loop;
    return in;
}

bool overlap(const PanelRect& a, const PanelRect& b) {
    return a.x < b.x + b.w - 0.5f && b.x < a.x + a.w - 0.5f && a.y < b.y + b.h - 0.5f && b.y < a.y + a.h - 0.5f;
}

// Every panel shown but Compare (which floats over the rest): no two overlap, and together they
// cover the window under the menu bar.
void checkTiles(const PanelLayout& layout, const LayoutInput& in) {
    std::vector<PanelRect> shown;
    for (std::size_t i = 0; i < kPanelCount; ++i) {
        auto panel = static_cast<PanelId>(i);
        if (panel != PanelId::compare && layout.shows(panel)) shown.push_back(layout.rect(panel));
    }
    float area = 0;
    for (std::size_t i = 0; i < shown.size(); ++i) {
        area += shown[i].w * shown[i].h;
        for (std::size_t j = i + 1; j < shown.size(); ++j) {
            INFO("panels " << i << " and " << j);
            CHECK_FALSE(overlap(shown[i], shown[j]));
        }
    }
    CHECK(area == Approx(in.width * (in.height - in.top)).epsilon(0.001));
}

}  // namespace

TEST_CASE("PanelLayout: a loop trace without Deferreds or connections shows the loop's panels and tiles the window") {
    LayoutInput in = window(false, false, false, true);
    PanelLayout layout = layoutPanels(in);
    CHECK(layout.shows(PanelId::loop));
    CHECK(layout.shows(PanelId::timers));
    CHECK_FALSE(layout.shows(PanelId::deferreds));
    CHECK_FALSE(layout.shows(PanelId::connections));
    CHECK_FALSE(layout.shows(PanelId::threads));
    checkTiles(layout, in);
}

TEST_CASE("PanelLayout: Connections and Deferreds share the middle column's lower part, Deferreds the larger share") {
    LayoutInput in = window(true, true, false, true);
    PanelLayout layout = layoutPanels(in);
    REQUIRE(layout.shows(PanelId::deferreds));
    REQUIRE(layout.shows(PanelId::connections));
    CHECK(layout.rect(PanelId::deferreds).h > layout.rect(PanelId::connections).h);
    CHECK(layout.rect(PanelId::deferreds).x == layout.rect(PanelId::timers).x);
    checkTiles(layout, in);
    // With Deferreds alone they take all of it.
    LayoutInput alone = window(true, false, false, true);
    PanelLayout single = layoutPanels(alone);
    CHECK(single.rect(PanelId::deferreds).h > layout.rect(PanelId::deferreds).h);
    checkTiles(single, alone);
}

TEST_CASE("PanelLayout: HTTP requests sit between Connections and Deferreds only when the trace has them") {
    LayoutInput in = window(true, true, false, true);
    CHECK_FALSE(layoutPanels(in).shows(PanelId::httpRequests));
    PanelLayout without = layoutPanels(in);
    in.hasHttpRequests = true;
    PanelLayout layout = layoutPanels(in);
    REQUIRE(layout.shows(PanelId::httpRequests));
    const PanelRect& http = layout.rect(PanelId::httpRequests);
    CHECK(http.x == layout.rect(PanelId::connections).x);
    CHECK(http.y == Approx(layout.rect(PanelId::connections).y + layout.rect(PanelId::connections).h));
    CHECK(layout.rect(PanelId::deferreds).y == Approx(http.y + http.h));
    CHECK(layout.rect(PanelId::deferreds).h > http.h);
    CHECK(layout.rect(PanelId::timers) == without.rect(PanelId::timers));
    checkTiles(layout, in);
}

TEST_CASE("PanelLayout: a threaded-baseline trace with no loop gives its Threads panel the loop's columns") {
    LayoutInput in = window(false, false, true, false);
    PanelLayout layout = layoutPanels(in);
    CHECK(layout.shows(PanelId::threads));
    CHECK_FALSE(layout.shows(PanelId::loop));
    CHECK_FALSE(layout.shows(PanelId::timers));
    CHECK(layout.rect(PanelId::threads).x == 0);
    checkTiles(layout, in);
}

TEST_CASE("PanelLayout: a loop trace with thread lanes puts Threads beside the timeline") {
    LayoutInput in = window(true, true, true, true);
    PanelLayout layout = layoutPanels(in);
    CHECK(layout.shows(PanelId::threads));
    CHECK(layout.rect(PanelId::threads).y == layout.rect(PanelId::timeline).y);
    CHECK(layout.rect(PanelId::timeline).w < in.width);
    checkTiles(layout, in);
}

TEST_CASE("PanelLayout: with a chapter's front panels the panels still tile the window") {
    const std::vector<std::vector<PanelId>> fronts = {
        {PanelId::deferreds}, {PanelId::connections}, {PanelId::timers}, {PanelId::handlers},
        {PanelId::threads, PanelId::compare, PanelId::connections}, {PanelId::loop}, {PanelId::httpRequests}};
    for (const auto& front : fronts) {
        for (bool lanes : {false, true}) {
            LayoutInput in = window(true, true, lanes, true);
            in.front = front;
            checkTiles(layoutPanels(in), in);
            in.hasHttpRequests = true;
            checkTiles(layoutPanels(in), in);
            in = window(false, false, lanes, true);
            in.front = front;
            checkTiles(layoutPanels(in), in);
        }
    }
}
