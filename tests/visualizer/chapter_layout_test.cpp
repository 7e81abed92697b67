// Chapter layouts (visualizer/model/chapter_layout.h) and what they do to the panel layout: every
// lesson's layout.txt reads cleanly, a bad one says where and why, and front panels are larger.
#include <catch2/catch.hpp>

#include <filesystem>
#include <string>

#include "model/chapter_layout.h"
#include "model/panel_layout.h"

using namespace lab::viz;

namespace {

LayoutInput window() {
    LayoutInput in;
    in.width = 1600;
    in.height = 1000;
    in.top = 20;
    in.hasDeferreds = true;
    in.hasConnections = true;
    return in;
}

float area(const PanelRect& r) { return r.w * r.h; }

}  // namespace

TEST_CASE("Chapter layout: every lesson has a layout.txt that reads with no problem and names a panel") {
    std::string lessons = std::string(REACTOR_LAB_SOURCE_DIR) + "/lessons";
    std::size_t chapters = 0;
    for (const auto& entry : std::filesystem::directory_iterator(lessons)) {
        std::string chapter = entry.path().filename().string();
        if (!std::filesystem::exists(entry.path() / "lesson.md")) continue;
        INFO("lessons/" << chapter << "/layout.txt");
        ++chapters;
        CHECK(std::filesystem::exists(entry.path() / "layout.txt"));
        ChapterLayout layout = loadChapterLayout(lessons, chapter);
        CHECK(layout.problems.empty());
        CHECK_FALSE(layout.front.empty());
    }
    CHECK(chapters >= 12);
    CHECK(loadChapterLayout(lessons, "05-deferreds").front == std::vector<PanelId>{PanelId::deferreds});
    CHECK(loadChapterLayout(lessons, "03-echo-server").front == std::vector<PanelId>{PanelId::connections});
    for (const char* chapter : {"08-http-server", "09-real-time", "10-rest-services"}) {
        INFO(chapter);
        CHECK(loadChapterLayout(lessons, chapter).front == std::vector<PanelId>{PanelId::httpRequests});
    }
}

TEST_CASE("Chapter layout: a bad description says which line and why") {
    ChapterLayout layout = parseChapterLayout("# ok\nfront deferreds sprockets\nbehind timers\nfront\n", "layout.txt");
    CHECK(layout.front == std::vector<PanelId>{PanelId::deferreds});
    REQUIRE(layout.problems.size() == 3);
    CHECK(layout.problems[0].rfind("layout.txt:2: unknown panel 'sprockets' (known: loop, queues", 0) == 0);
    CHECK(layout.problems[1].rfind("layout.txt:3: unknown setting 'behind'", 0) == 0);
    CHECK(layout.problems[2].rfind("layout.txt:4: front needs at least one panel", 0) == 0);
}

TEST_CASE("Chapter layout: HTTP requests in front take most of the middle column, above the Deferreds") {
    LayoutInput plain = window();
    plain.hasHttpRequests = true;
    LayoutInput http = plain;
    REQUIRE(parseChapterLayout("front http_requests\n", "layout.txt").front == std::vector<PanelId>{PanelId::httpRequests});
    http.front = {PanelId::httpRequests};
    PanelLayout before = layoutPanels(plain), after = layoutPanels(http);
    REQUIRE(before.shows(PanelId::httpRequests));
    CHECK(after.rect(PanelId::httpRequests).w > before.rect(PanelId::httpRequests).w);
    CHECK(after.rect(PanelId::httpRequests).h > before.rect(PanelId::httpRequests).h);
    CHECK(area(after.rect(PanelId::httpRequests)) > 2 * area(after.rect(PanelId::connections)));
    CHECK(after.rect(PanelId::httpRequests).y > after.rect(PanelId::connections).y);
    CHECK(after.rect(PanelId::httpRequests).y < after.rect(PanelId::deferreds).y);
}

TEST_CASE("Chapter layout: a trace's chapter comes from its header's program, ours or its Twisted twin's") {
    CHECK(chapterOfProgram("lesson-05-deferreds") == "05-deferreds");
    CHECK(chapterOfProgram("lessons/03-echo-server/program.py") == "03-echo-server");
    CHECK(chapterOfProgram("playground").empty());
    CHECK(chapterOfProgram("lesson-x").empty());
}

TEST_CASE("Chapter layout: front panels of the middle column are wider and taller than by default") {
    LayoutInput plain = window();
    LayoutInput deferreds = window();
    deferreds.front = {PanelId::deferreds};
    PanelLayout before = layoutPanels(plain), after = layoutPanels(deferreds);
    CHECK(after.rect(PanelId::deferreds).w > before.rect(PanelId::deferreds).w);
    CHECK(after.rect(PanelId::deferreds).h > before.rect(PanelId::deferreds).h);
    CHECK(area(after.rect(PanelId::deferreds)) > 2 * area(after.rect(PanelId::timers)));
    CHECK(area(after.rect(PanelId::timers)) < area(before.rect(PanelId::timers)));
    // A front panel the trace has nothing for changes nothing.
    LayoutInput absent = window();
    absent.hasConnections = false;
    absent.front = {PanelId::connections};
    LayoutInput absentPlain = window();
    absentPlain.hasConnections = false;
    CHECK(layoutPanels(absent).rect(PanelId::timers) == layoutPanels(absentPlain).rect(PanelId::timers));
}

TEST_CASE("Chapter layout: front Threads trades places with the Event log, front Compare floats larger") {
    LayoutInput in = window();
    in.hasThreadLanes = true;
    PanelLayout before = layoutPanels(in);
    in.front = {PanelId::threads, PanelId::compare};
    PanelLayout after = layoutPanels(in);
    CHECK(after.rect(PanelId::threads) == before.rect(PanelId::eventLog));
    CHECK(after.rect(PanelId::eventLog) == before.rect(PanelId::threads));
    CHECK(area(after.rect(PanelId::compare)) > area(before.rect(PanelId::compare)));
}
