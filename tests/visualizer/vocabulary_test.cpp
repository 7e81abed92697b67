// One word per concept (GUIDE §3): the words docs/GLOSSARY.md's "Words we do not use" table
// retired must not come back in the project's code, traces, lessons, scripts or docs. The table
// is the test's data: adding a row there is how a drift found once stays fixed.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "model/labels.h"

namespace fs = std::filesystem;

namespace {

const fs::path kRoot = REACTOR_LAB_SOURCE_DIR;

std::string readFile(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

// The glossary's table of retired words: the backticked terms of its first column.
std::vector<std::string> retiredWords(const std::string& glossary) {
    std::size_t begin = glossary.find("\n## Words we do not use");
    std::size_t end = glossary.find("\n## ", begin + 1);
    std::string table = glossary.substr(begin, end - begin);
    std::vector<std::string> words;
    static const std::regex row(R"(\n\| ([^|]+) \|)");
    static const std::regex term("`([^`]+)`");
    for (std::sregex_iterator it(table.begin(), table.end(), row), stop; it != stop; ++it) {
        std::string first = (*it)[1];
        for (std::sregex_iterator t(first.begin(), first.end(), term), tstop; t != tstop; ++t) words.push_back((*t)[1]);
    }
    return words;
}

bool isWordByte(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

std::string lower(std::string text) {
    std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return text;
}

// Where `word` occurs in `text` as a whole word (a lower-case word in any case), except as
// Dear ImGui's own API (ImGui::Selectable) or inside the glossary's own table.
std::vector<std::size_t> occurrences(const std::string& text, const std::string& word) {
    bool anyCase = word == lower(word);
    const std::string haystack = anyCase ? lower(text) : text;
    bool ascii = std::all_of(word.begin(), word.end(), [](unsigned char c) { return c < 0x80; });
    std::vector<std::size_t> found;
    for (std::size_t at = haystack.find(word); at != std::string::npos; at = haystack.find(word, at + 1)) {
        std::size_t after = at + word.size();
        bool whole = !ascii || ((at == 0 || !isWordByte(haystack[at - 1])) &&
                                (after >= haystack.size() || !isWordByte(haystack[after])));
        bool imgui = at >= 7 && text.compare(at - 7, 7, "ImGui::") == 0;
        if (whole && !imgui) found.push_back(at);
    }
    return found;
}

// The project's own text files: the folders a learner or contributor reads, not build output,
// fuzz corpora or pictures.
std::vector<fs::path> projectFiles() {
    static const std::set<std::string> folders = {"reactor", "visualizer", "lessons", "tools", "web", "bench",
                                                  "tests", "docs", "traces", "scripts", "twisted-tracer", ".ci"};
    static const std::set<std::string> extensions = {".h", ".cpp", ".c", ".in", ".md", ".jsonl", ".json", ".cmake",
                                                     ".txt", ".py", ".sh", ".js", ".html", ".css", ""};
    std::vector<fs::path> files{kRoot / "README.md", kRoot / "CMakeLists.txt"};
    for (const std::string& folder : folders) {
        if (!fs::exists(kRoot / folder)) continue;
        for (auto it = fs::recursive_directory_iterator(kRoot / folder); it != fs::recursive_directory_iterator(); ++it) {
            std::string name = it->path().filename().string();
            if (it->is_directory() && (name == "corpus" || name == "__pycache__" || name == "images")) {
                it.disable_recursion_pending();
                continue;
            }
            if (it->is_regular_file() && extensions.count(it->path().extension().string())) files.push_back(it->path());
        }
    }
    return files;
}

// Edit distance, for headings that are nearly a label ("Connection accepted").
std::size_t distance(const std::string& a, const std::string& b) {
    std::vector<std::size_t> row(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        std::size_t diagonal = row[0];
        row[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            std::size_t up = row[j];
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
            diagonal = up;
        }
    }
    return row[b.size()];
}

// The glossary's Chinese term for each kind (its trace-kind tables' last column).
std::map<std::string, std::string> chineseTerms(const std::string& glossary) {
    std::size_t begin = glossary.find("\n## Trace kinds");
    std::string kinds = glossary.substr(begin, glossary.find("\n## Visualizer panels") - begin);
    static const std::regex row(R"(\n\| `([a-z_]+)` \| [^|]* \| [^|]* \| [^|]* \| ([^|]*) \|)");
    std::map<std::string, std::string> terms;
    for (std::sregex_iterator it(kinds.begin(), kinds.end(), row), end; it != end; ++it) terms[(*it)[1]] = (*it)[2];
    return terms;
}

}  // namespace

TEST_CASE("Vocabulary: a lesson heading that names a trace kind is its label, with the glossary's Chinese term") {
    std::map<std::string, std::string> terms = chineseTerms(readFile(kRoot / "docs/GLOSSARY.md"));
    REQUIRE(terms.size() > 40);
    std::map<std::string, std::string> kindOfLabel;
    for (std::size_t i = 0; i < lab::viz::knownKindCount(); ++i) {
        const auto& info = lab::viz::knownKind(i);
        kindOfLabel[std::string(info.label)] = std::string(info.kind);
    }
    static const std::regex heading(R"(\n## ([^\n]+))");
    static const std::regex withKind(R"(^(.+) \(([a-z_]+)\)$)");
    static const std::regex chinese("^([ -~]+)（(.+)）$");  // "Label（中文[，kind]）"
    std::vector<std::string> wrong;
    std::size_t checked = 0;
    for (const auto& entry : fs::directory_iterator(kRoot / "lessons")) {
        for (const char* name : {"lesson.md", "lesson.zh.md"}) {
            fs::path path = entry.path() / name;
            if (!fs::exists(path)) continue;
            std::string text = "\n" + readFile(path);
            bool zh = std::string(name) == "lesson.zh.md";
            std::string where = fs::relative(path, kRoot).string() + ": \"## ";
            for (std::sregex_iterator it(text.begin(), text.end(), heading), end; it != end; ++it) {
                std::string title = (*it)[1];
                std::smatch parts;
                std::string said = title;
                if (zh && std::regex_match(title, parts, chinese)) {
                    said = parts[1];
                    auto known = kindOfLabel.find(said);
                    std::string term = parts[2].str().substr(0, parts[2].str().find("，"));
                    if (known != kindOfLabel.end()) {
                        ++checked;
                        if (term != terms[known->second]) {
                            wrong.push_back(where + title + "\": the glossary's term is " + terms[known->second]);
                        }
                        continue;
                    }
                } else if (!zh && std::regex_match(title, parts, withKind) && lab::viz::findKind(parts[2].str())) {
                    said = parts[1];
                    std::string label(lab::viz::labelOf(parts[2].str()));
                    ++checked;
                    if (said != label) wrong.push_back(where + title + "\": the label of " + parts[2].str() + " is " + label);
                    continue;
                }
                if (kindOfLabel.count(said)) {
                    ++checked;
                    continue;
                }
                for (const auto& [label, kind] : kindOfLabel) {
                    if (distance(lower(said), lower(label)) <= 2) wrong.push_back(where + title + "\" is nearly the label " + label);
                }
            }
        }
    }
    std::string report = "lesson headings that drift from the labels:";
    for (const std::string& line : wrong) report += "\n  " + line;
    INFO(report);
    CHECK(wrong.empty());
    CHECK(checked >= 20);  // the chapters do use labels as headings
}

TEST_CASE("Vocabulary: the glossary names the words we do not use") {
    std::vector<std::string> words = retiredWords(readFile(kRoot / "docs/GLOSSARY.md"));
    CHECK(std::count(words.begin(), words.end(), "rung") == 1);
    CHECK(std::count(words.begin(), words.end(), "Selectable") == 1);
    CHECK(words.size() >= 10);
}

TEST_CASE("Vocabulary: no retired word is used anywhere in the project") {
    const fs::path glossaryPath = kRoot / "docs/GLOSSARY.md";
    const std::string glossary = readFile(glossaryPath);
    std::vector<std::string> words = retiredWords(glossary);
    REQUIRE_FALSE(words.empty());
    std::size_t tableBegin = glossary.find("\n## Words we do not use");
    std::size_t tableEnd = glossary.find("\n## ", tableBegin + 1);
    const fs::path self = fs::path(__FILE__).filename();
    std::vector<std::string> drifts;
    for (const fs::path& path : projectFiles()) {
        if (path.filename() == self) continue;
        std::string text = readFile(path);
        for (const std::string& word : words) {
            for (std::size_t at : occurrences(text, word)) {
                if (path == glossaryPath && at > tableBegin && at < tableEnd) continue;
                std::size_t line = 1 + static_cast<std::size_t>(std::count(text.begin(), text.begin() + at, '\n'));
                drifts.push_back(fs::relative(path, kRoot).string() + ":" + std::to_string(line) + ": \"" + word + "\"");
            }
        }
    }
    std::string report = "retired words found (docs/GLOSSARY.md, \"Words we do not use\", says what to write instead):";
    for (const std::string& drift : drifts) report += "\n  " + drift;
    INFO(report);
    CHECK(drifts.empty());
}
