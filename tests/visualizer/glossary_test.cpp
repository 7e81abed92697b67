// The glossary (docs/GLOSSARY.md) is the one vocabulary: its trace-kind terms are exactly the
// kinds of reactor/trace/trace_event.h and traces/SCHEMA.md, each with the visualizer's label
// (model/labels.cpp) and a Chinese term; its panel terms are the panels of visualizer/panels/.
// A kind added without a glossary row or a visualizer label fails here, naming the kind.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <string>

#include "model/labels.h"

namespace fs = std::filesystem;
using namespace lab::viz;

namespace {

std::string readSource(const std::string& relative) {
    std::ifstream in(fs::path(REACTOR_LAB_SOURCE_DIR) / relative);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

// The text between `from` and `to` (to the end when `to` is absent); empty when `from` is absent.
std::string section(const std::string& text, const std::string& from, const std::string& to) {
    std::size_t begin = text.find(from);
    if (begin == std::string::npos) return {};
    std::size_t end = text.find(to, begin + from.size());
    return text.substr(begin, end == std::string::npos ? std::string::npos : end - begin);
}

std::set<std::string> matches(const std::string& text, const std::regex& pattern) {
    std::set<std::string> found;
    for (std::sregex_iterator it(text.begin(), text.end(), pattern), end; it != end; ++it) found.insert((*it)[1]);
    return found;
}

// The kinds declared in trace_event.h's `namespace kind`.
std::set<std::string> declaredKinds() {
    std::string block = section(readSource("reactor/trace/trace_event.h"), "namespace kind {", "}  // namespace kind");
    return matches(block, std::regex(R"re(std::string_view \w+ = "([a-z_]+)";)re"));
}

// The kinds of SCHEMA.md's tables (the "## Kinds" part, not the header and event-key tables).
std::set<std::string> schemaKinds() {
    std::string kinds = section(readSource("traces/SCHEMA.md"), "\n## Kinds", "\n## Adding a kind");
    return matches(kinds, std::regex(R"(\n\| `([a-z_]+)` \|)"));
}

struct GlossaryRow {
    std::string label;
    std::string chinese;
};

// The rows of a glossary's "## Trace kinds" tables: `kind` | label | meaning | emitted by | 中文.
std::map<std::string, GlossaryRow> glossaryKinds(const std::string& glossary) {
    std::string kinds = section(glossary, "\n## Trace kinds", "\n## Visualizer panels");
    static const std::regex row(R"(\n\| `([a-z_]+)` \| ([^|]*) \| [^|]* \| [^|]* \| ([^|]*) \|)");
    std::map<std::string, GlossaryRow> rows;
    for (std::sregex_iterator it(kinds.begin(), kinds.end(), row), end; it != end; ++it) {
        rows[(*it)[1]] = GlossaryRow{(*it)[2], (*it)[3]};
    }
    return rows;
}

// The panels: visualizer/panels/NAME_panel.h, whose first line is "// Title: what it shows".
std::set<std::string> panelTitles() {
    std::set<std::string> titles;
    for (const auto& entry : fs::directory_iterator(fs::path(REACTOR_LAB_SOURCE_DIR) / "visualizer/panels")) {
        std::string name = entry.path().filename().string();
        if (name.size() < 9 || name.substr(name.size() - 8) != "_panel.h") continue;
        std::ifstream in(entry.path());
        std::string first;
        std::getline(in, first);
        std::smatch m;
        if (std::regex_search(first, m, std::regex(R"(^// ([A-Z][A-Za-z ]*):)"))) titles.insert(m[1]);
        else titles.insert("(" + name + ": no \"// Title:\" first line)");
    }
    return titles;
}

template <typename Container>
std::string missingFrom(const std::set<std::string>& wanted, const Container& have) {
    std::string out;
    for (const auto& item : wanted) {
        if (!have.count(item)) out += "  " + item + "\n";
    }
    return out;
}

bool hasNonAscii(const std::string& text) {
    return std::any_of(text.begin(), text.end(), [](char c) { return static_cast<unsigned char>(c) >= 0x80; });
}

}  // namespace

TEST_CASE("Glossary: every trace kind of trace_event.h and SCHEMA.md has a glossary entry") {
    std::set<std::string> declared = declaredKinds(), schema = schemaKinds();
    auto glossary = glossaryKinds(readSource("docs/GLOSSARY.md"));
    // Fewer than this means a parser is broken, not that the vocabulary shrank.
    REQUIRE(declared.size() >= 50);
    REQUIRE(schema.size() >= 50);
    INFO("kinds in reactor/trace/trace_event.h with no row in docs/GLOSSARY.md:\n" << missingFrom(declared, glossary));
    CHECK(missingFrom(declared, glossary).empty());
    INFO("kinds in traces/SCHEMA.md with no row in docs/GLOSSARY.md:\n" << missingFrom(schema, glossary));
    CHECK(missingFrom(schema, glossary).empty());
}

TEST_CASE("Glossary: every trace kind has a visualizer label") {
    std::set<std::string> kinds = declaredKinds();
    for (const auto& kind : schemaKinds()) kinds.insert(kind);
    std::string unlabelled;
    for (const auto& kind : kinds) {
        if (findKind(kind) == nullptr) unlabelled += "  " + kind + "\n";
    }
    INFO("kinds with no entry in visualizer/model/labels.cpp:\n" << unlabelled);
    CHECK(unlabelled.empty());
}

TEST_CASE("Glossary: every entry is a real kind, with the visualizer's label and a Chinese term") {
    std::set<std::string> declared = declaredKinds();
    auto glossary = glossaryKinds(readSource("docs/GLOSSARY.md"));
    REQUIRE(glossary.size() >= 50);
    for (const auto& [kind, row] : glossary) {
        INFO("docs/GLOSSARY.md: `" << kind << "` | " << row.label << " | ... | " << row.chinese);
        CHECK(declared.count(kind) == 1);
        CHECK(row.label == std::string(labelOf(kind)));
        CHECK(hasNonAscii(row.chinese));
    }
}

TEST_CASE("Glossary: every visualizer panel is listed under its window title") {
    std::string glossary = readSource("docs/GLOSSARY.md");
    std::string panels = section(glossary, "\n## Visualizer panels", "\n## Functions");
    std::string app = readSource("visualizer/app.cpp");
    std::set<std::string> titles = panelTitles();
    REQUIRE(titles.size() >= 10);
    for (const auto& title : titles) {
        INFO("panel \"" << title << "\" (visualizer/panels/)");
        CHECK(panels.find("\n| " + title + " |") != std::string::npos);
        // The header's name is the window's title, so the glossary names what the learner sees.
        CHECK((app.find("\"" + title + "\"") != std::string::npos || app.find("###" + title + "\"") != std::string::npos));
    }
}

TEST_CASE("Glossary: the checks notice a missing entry and a wrong label") {
    std::string glossary =
        "# G\n\n## Trace kinds\n\n| kind | label | meaning | emitted by | 中文 |\n|---|---|---|---|---|\n"
        "| `timers_run` | Run due timers | due timers run | `Reactor::runDueTimers` | 运行到期的定时器 |\n"
        "| `timer_fired` | Timer went off | a timer ran | `Reactor::runDueTimers` | 定时器已触发 |\n"
        "\n## Visualizer panels\n";
    auto rows = glossaryKinds(glossary);
    REQUIRE(rows.size() == 2);
    CHECK(missingFrom({"timers_run", "timer_fired", "stop"}, rows) == "  stop\n");
    CHECK(rows["timers_run"].label == std::string(labelOf("timers_run")));
    CHECK(rows["timer_fired"].label != std::string(labelOf("timer_fired")));
    CHECK(findKind("not_a_kind") == nullptr);
}
