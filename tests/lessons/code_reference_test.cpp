// Lessons cite code by pattern, not line number: `path:/pattern/` (the xv6 book's approach).
// Every such reference in the lessons (both editions, lesson.md and lesson.zh.md), the READMEs
// and docs/ must name a file that exists and a pattern that matches exactly one of its lines, so
// the prose cannot silently drift from the code. The extraction is in code_references.h.
#include <catch2/catch.hpp>

#include <filesystem>
#include <string>
#include <vector>

#include "lessons/code_references.h"

namespace fs = std::filesystem;
using lab::lessons::CodeReference;
using lab::lessons::matchingLines;
using lab::lessons::referencesIn;

namespace {

std::vector<fs::path> documents() {
    fs::path root = REACTOR_LAB_SOURCE_DIR;
    std::vector<fs::path> found;
    for (const auto& dir : {root / "lessons", root / "reactor", root / "docs"}) {
        if (!fs::exists(dir)) continue;
        for (const auto& entry : fs::recursive_directory_iterator(dir)) {
            if (entry.path().extension() == ".md") found.push_back(entry.path());
        }
    }
    if (fs::exists(root / "README.md")) found.push_back(root / "README.md");
    return found;
}

}  // namespace

TEST_CASE("Lessons: every code reference names an existing file and matches exactly one line") {
    std::size_t checked = 0;
    std::size_t checkedInChinese = 0;
    for (const auto& document : documents()) {
        bool chinese = document.filename() == "lesson.zh.md";
        for (const auto& ref : referencesIn(document)) {
            INFO(ref.document << " cites `" << ref.path << ":/" << ref.pattern << "/`");
            REQUIRE(fs::exists(fs::path(REACTOR_LAB_SOURCE_DIR) / ref.path));
            CHECK(matchingLines(ref) == 1);
            ++checked;
            checkedInChinese += chinese ? 1 : 0;
        }
    }
    // Lessons 01 and 02 alone cite more than ten places; finding none means the scan is broken.
    CHECK(checked >= 10);
    // The Chinese edition cites the same places (zh_edition_test.cpp): it must be scanned too.
    CHECK(checkedInChinese >= 10);
}

TEST_CASE("Lessons: the reference checker notices a pattern that no longer matches") {
    CodeReference stale{"(test)", "reactor/core/reactor.cpp", "^void Reactor::aFunctionThatDoesNotExist"};
    CHECK(matchingLines(stale) == 0);
    CodeReference live{"(test)", "reactor/core/reactor.cpp", "^void Reactor::runOnce"};
    CHECK(matchingLines(live) == 1);
}
