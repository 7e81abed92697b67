// The Chinese edition of the lessons: every lessons/NN-name/lesson.md has a lesson.zh.md beside
// it, and both cite exactly the same set of code references (`path:/pattern/`), so a translation
// can neither lose a pointer into the code nor keep one the English text dropped. The heading
// keeps the "# NN · Title" shape and each edition links to the other. Whether the references
// resolve is code_reference_test.cpp's job.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "lessons/code_references.h"

namespace fs = std::filesystem;
using lab::lessons::readText;
using lab::lessons::referencesInText;

namespace {

// The chapters: lessons/NN-name/ folders holding a lesson.md (not lessons/solutions/ and the like).
std::vector<fs::path> lessonDirectories() {
    std::vector<fs::path> found;
    for (const auto& entry : fs::directory_iterator(fs::path(REACTOR_LAB_SOURCE_DIR) / "lessons")) {
        std::string name = entry.path().filename().string();
        bool numbered = name.size() > 3 && std::isdigit(static_cast<unsigned char>(name[0])) &&
                        std::isdigit(static_cast<unsigned char>(name[1])) && name[2] == '-';
        if (entry.is_directory() && numbered && fs::exists(entry.path() / "lesson.md")) found.push_back(entry.path());
    }
    std::sort(found.begin(), found.end());
    return found;
}

std::set<std::string> citedPlaces(const std::string& text) {
    std::set<std::string> places;
    for (const auto& ref : referencesInText(text, "")) places.insert(ref.path + ":/" + ref.pattern + "/");
    return places;
}

// The references one edition cites and the other does not, one per line ("" when they agree).
std::string differences(const std::string& english, const std::string& chinese) {
    std::set<std::string> en = citedPlaces(english), zh = citedPlaces(chinese);
    std::ostringstream out;
    for (const auto& place : en) {
        if (!zh.count(place)) out << "  only in lesson.md:    `" << place << "`\n";
    }
    for (const auto& place : zh) {
        if (!en.count(place)) out << "  only in lesson.zh.md: `" << place << "`\n";
    }
    return out.str();
}

std::string firstLine(const std::string& text) { return text.substr(0, text.find('\n')); }

}  // namespace

TEST_CASE("Chinese edition: every lesson.md has a lesson.zh.md beside it") {
    std::vector<fs::path> lessons = lessonDirectories();
    REQUIRE(lessons.size() >= 7);
    std::ostringstream missing;
    for (const auto& dir : lessons) {
        if (!fs::exists(dir / "lesson.zh.md")) missing << "  lessons/" << dir.filename().string() << "/lesson.zh.md\n";
    }
    INFO("These lessons have no Chinese edition yet (translate lesson.md into lesson.zh.md):\n" << missing.str());
    CHECK(missing.str().empty());
}

TEST_CASE("Chinese edition: both editions of a lesson cite the same code references") {
    for (const auto& dir : lessonDirectories()) {
        if (!fs::exists(dir / "lesson.zh.md")) continue;  // reported by the test above
        std::string english = readText(dir / "lesson.md");
        std::string chinese = readText(dir / "lesson.zh.md");
        INFO("lessons/" << dir.filename().string() << ":\n" << differences(english, chinese));
        CHECK(!citedPlaces(chinese).empty());
        CHECK(differences(english, chinese).empty());
    }
}

TEST_CASE("Chinese edition: headings keep the lesson number, and each edition links to the other") {
    for (const auto& dir : lessonDirectories()) {
        if (!fs::exists(dir / "lesson.zh.md")) continue;
        std::string number = dir.filename().string().substr(0, 2);
        std::string english = readText(dir / "lesson.md");
        std::string chinese = readText(dir / "lesson.zh.md");
        INFO("lessons/" << dir.filename().string() << ": first lines \"" << firstLine(english) << "\" and \""
                        << firstLine(chinese) << "\"");
        CHECK(firstLine(english).rfind("# " + number + " · ", 0) == 0);
        CHECK(firstLine(chinese).rfind("# " + number + " · ", 0) == 0);
        CHECK(english.find("](lesson.zh.md)") != std::string::npos);
        CHECK(chinese.find("](lesson.md)") != std::string::npos);
    }
}

TEST_CASE("Chinese edition: the comparison notices a reference that only one edition cites") {
    std::string english = "See `reactor/core/reactor.cpp:/^void Reactor::runOnce/` and `a.h:/x/`.";
    std::string same = "见 `a.h:/x/` 与 `reactor/core/reactor.cpp:/^void Reactor::runOnce/`。";
    std::string fewer = "见 `reactor/core/reactor.cpp:/^void Reactor::runOnce/`。";
    std::string changed = "见 `reactor/core/reactor.cpp:/^void Reactor::runOnce\\(/` 与 `a.h:/x/`。";
    CHECK(differences(english, same).empty());
    CHECK(differences(english, fewer) == "  only in lesson.md:    `a.h:/x/`\n");
    CHECK(differences(english, changed).find("only in lesson.zh.md") != std::string::npos);
}
