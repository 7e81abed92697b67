// Lessons cite code by pattern, not line number: `path:/pattern/` (the xv6 book's approach).
// Every such reference in the lessons and READMEs must name a file that exists and a pattern
// that matches exactly one of its lines, so the prose cannot silently drift from the code.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

namespace fs = std::filesystem;

namespace {

struct CodeReference {
    std::string document;
    std::string path;
    std::string pattern;
};

std::vector<fs::path> documents() {
    fs::path root = REACTOR_LAB_SOURCE_DIR;
    std::vector<fs::path> found;
    for (const auto& dir : {root / "lessons", root / "reactor"}) {
        for (const auto& entry : fs::recursive_directory_iterator(dir)) {
            if (entry.path().extension() == ".md") found.push_back(entry.path());
        }
    }
    if (fs::exists(root / "README.md")) found.push_back(root / "README.md");
    return found;
}

std::vector<CodeReference> referencesIn(const fs::path& document) {
    std::ifstream in(document);
    std::stringstream text;
    text << in.rdbuf();
    std::string content = text.str();
    static const std::regex reference(R"(`([A-Za-z0-9_./-]+\.(?:cpp|h|cmake|md|txt|sh|json)):/(.+?)/`)");
    std::vector<CodeReference> references;
    for (std::sregex_iterator it(content.begin(), content.end(), reference), end; it != end; ++it) {
        references.push_back(CodeReference{document.string(), (*it)[1], (*it)[2]});
    }
    return references;
}

std::size_t matchingLines(const CodeReference& ref) {
    std::ifstream in(fs::path(REACTOR_LAB_SOURCE_DIR) / ref.path);
    std::regex pattern(ref.pattern);
    std::size_t matches = 0;
    for (std::string line; std::getline(in, line);) matches += std::regex_search(line, pattern) ? 1 : 0;
    return matches;
}

}  // namespace

TEST_CASE("Lessons: every code reference names an existing file and matches exactly one line") {
    std::size_t checked = 0;
    for (const auto& document : documents()) {
        for (const auto& ref : referencesIn(document)) {
            INFO(ref.document << " cites `" << ref.path << ":/" << ref.pattern << "/`");
            REQUIRE(fs::exists(fs::path(REACTOR_LAB_SOURCE_DIR) / ref.path));
            CHECK(matchingLines(ref) == 1);
            ++checked;
        }
    }
    // Lessons 01 and 02 alone cite more than ten places; finding none means the scan is broken.
    CHECK(checked >= 10);
}

TEST_CASE("Lessons: the reference checker notices a pattern that no longer matches") {
    CodeReference stale{"(test)", "reactor/core/reactor.cpp", "^void Reactor::aFunctionThatDoesNotExist"};
    CHECK(matchingLines(stale) == 0);
    CodeReference live{"(test)", "reactor/core/reactor.cpp", "^void Reactor::runOnce"};
    CHECK(matchingLines(live) == 1);
}
