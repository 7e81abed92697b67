// Code references in prose: `path:/pattern/` (the xv6 book's approach), found in a document's
// text. Shared by the tests that resolve them (code_reference_test.cpp) and that compare the two
// editions of a lesson (zh_edition_test.cpp). Not a Markdown parser: only the backticked form.
#pragma once

#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

namespace lab::lessons {

struct CodeReference {
    std::string document;
    std::string path;
    std::string pattern;
};

inline std::string readText(const std::filesystem::path& file) {
    std::ifstream in(file);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

// Every `path:/pattern/` in `content`, in order; `document` only names where they came from.
inline std::vector<CodeReference> referencesInText(const std::string& content, const std::string& document) {
    static const std::regex reference(R"(`([A-Za-z0-9_./-]+\.(?:cpp|h|cmake|md|txt|sh|json|py)):/(.+?)/`)");
    std::vector<CodeReference> references;
    for (std::sregex_iterator it(content.begin(), content.end(), reference), end; it != end; ++it) {
        references.push_back(CodeReference{document, (*it)[1], (*it)[2]});
    }
    return references;
}

inline std::vector<CodeReference> referencesIn(const std::filesystem::path& document) {
    return referencesInText(readText(document), document.string());
}

// How many lines of the cited file (relative to the project root) the pattern matches.
inline std::size_t matchingLines(const CodeReference& ref) {
    std::ifstream in(std::filesystem::path(REACTOR_LAB_SOURCE_DIR) / ref.path);
    std::regex pattern(ref.pattern);
    std::size_t matches = 0;
    for (std::string line; std::getline(in, line);) matches += std::regex_search(line, pattern) ? 1 : 0;
    return matches;
}

}  // namespace lab::lessons
