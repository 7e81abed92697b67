// ChapterLayout; see chapter_layout.h.
#include "model/chapter_layout.h"

#include <cctype>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace lab::viz {

namespace {

struct PanelName {
    std::string_view name;
    PanelId panel;
};
// The panels a chapter may put in front (Controls, the Event log and the Timeline are always
// where they are).
constexpr PanelName kPanelNames[] = {
    {"loop", PanelId::loop},           {"queues", PanelId::queues},
    {"timers", PanelId::timers},       {"handlers", PanelId::handlers},
    {"connections", PanelId::connections}, {"http_requests", PanelId::httpRequests},
    {"deferreds", PanelId::deferreds},
    {"threads", PanelId::threads},     {"compare", PanelId::compare},
};

std::string knownNames() {
    std::string names;
    for (const PanelName& p : kPanelNames) names += (names.empty() ? "" : ", ") + std::string(p.name);
    return names;
}

bool isChapterName(std::string_view s) {
    return s.size() > 3 && std::isdigit(static_cast<unsigned char>(s[0])) && std::isdigit(static_cast<unsigned char>(s[1])) &&
           s[2] == '-';
}

}  // namespace

std::optional<PanelId> panelFromName(std::string_view name) {
    for (const PanelName& p : kPanelNames) {
        if (p.name == name) return p.panel;
    }
    return std::nullopt;
}

ChapterLayout parseChapterLayout(std::string_view text, const std::string& name) {
    ChapterLayout layout;
    std::istringstream in{std::string(text)};
    std::string line;
    for (std::size_t number = 1; std::getline(in, line); ++number) {
        std::istringstream words(line);
        std::string word;
        if (!(words >> word) || word[0] == '#') continue;
        std::string where = name + ":" + std::to_string(number) + ": ";
        if (word != "front") {
            layout.problems.push_back(where + "unknown setting '" + word + "' (the one setting is: front PANEL...)");
            continue;
        }
        bool any = false;
        while (words >> word) {
            any = true;
            if (auto panel = panelFromName(word)) layout.front.push_back(*panel);
            else layout.problems.push_back(where + "unknown panel '" + word + "' (known: " + knownNames() + ")");
        }
        if (!any) layout.problems.push_back(where + "front needs at least one panel (known: " + knownNames() + ")");
    }
    return layout;
}

ChapterLayout loadChapterLayout(const std::string& lessonsDir, const std::string& chapter) {
    if (chapter.empty()) return {};
    std::filesystem::path path = std::filesystem::path(lessonsDir) / chapter / "layout.txt";
    std::ifstream in(path);
    if (!in) return {};
    std::ostringstream text;
    text << in.rdbuf();
    return parseChapterLayout(text.str(), "lessons/" + chapter + "/layout.txt");
}

std::string chapterOfProgram(std::string_view program) {
    if (program.rfind("lesson-", 0) == 0 && isChapterName(program.substr(7))) return std::string(program.substr(7));
    if (program.rfind("lessons/", 0) == 0) {
        std::string_view rest = program.substr(8);
        std::string_view folder = rest.substr(0, rest.find('/'));
        if (isChapterName(folder)) return std::string(folder);
    }
    return "";
}

}  // namespace lab::viz
