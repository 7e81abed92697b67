// reactor/README.md is the map of the library in reading order (GUIDE §6): every file of
// reactor/ is on it, a .cpp through its header's row or by its own name, and every file it
// names exists. And its folders depend one way, as the map's graph says (GUIDE §2).
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

namespace fs = std::filesystem;

namespace {

const fs::path kReactor = fs::path(REACTOR_LAB_SOURCE_DIR) / "reactor";

std::set<std::string> namedInMap() {
    std::ifstream in(kReactor / "README.md");
    std::stringstream text;
    text << in.rdbuf();
    std::string map = text.str();
    std::set<std::string> named;
    static const std::regex file("`([a-z_]+/[a-z_]+\\.(h|cpp))`");
    for (std::sregex_iterator it(map.begin(), map.end(), file), end; it != end; ++it) named.insert((*it)[1]);
    return named;
}

}  // namespace

TEST_CASE("reactor/README.md: every file of the library is on the map, and every file on it exists") {
    std::set<std::string> named = namedInMap();
    REQUIRE(named.size() > 40);
    std::set<std::string> missing;
    for (const auto& entry : fs::recursive_directory_iterator(kReactor)) {
        std::string ext = entry.path().extension().string();
        if (!entry.is_regular_file() || (ext != ".h" && ext != ".cpp")) continue;
        std::string file = fs::relative(entry.path(), kReactor).string();
        std::string header = file.substr(0, file.size() - ext.size()) + ".h";
        bool onMap = named.count(file) || (ext == ".cpp" && named.count(header));
        if (!onMap) missing.insert(file);
    }
    std::string report = "not on reactor/README.md's map:";
    for (const std::string& file : missing) report += " " + file;
    INFO(report);
    CHECK(missing.empty());
    for (const std::string& file : named) {
        INFO("the map names " << file);
        CHECK(fs::exists(kReactor / file));
    }
}

TEST_CASE("reactor/: no folder includes a folder that includes it back, directly or round a cycle") {
    // folder -> the other reactor/ folders its files include
    std::map<std::string, std::set<std::string>> includes;
    static const std::regex include(R"(#include "([a-z_]+)/)");
    for (const auto& entry : fs::recursive_directory_iterator(kReactor)) {
        std::string ext = entry.path().extension().string();
        if (!entry.is_regular_file() || (ext != ".h" && ext != ".cpp")) continue;
        std::string folder = fs::relative(entry.path(), kReactor).begin()->string();
        std::ifstream in(entry.path());
        std::stringstream text;
        text << in.rdbuf();
        std::string source = text.str();
        for (std::sregex_iterator it(source.begin(), source.end(), include), end; it != end; ++it) {
            std::string other = (*it)[1];
            if (other != folder && fs::is_directory(kReactor / other)) includes[folder].insert(other);
        }
    }
    REQUIRE(includes.count("core"));
    // A depth-first walk from each folder: reaching the start again is a cycle.
    for (const auto& [start, _] : includes) {
        std::vector<std::string> path{start};
        std::set<std::string> seen;
        std::function<bool(const std::string&)> reachesStart = [&](const std::string& folder) {
            for (const std::string& next : includes[folder]) {
                if (next == start) {
                    path.push_back(next);
                    return true;
                }
                if (!seen.insert(next).second) continue;
                path.push_back(next);
                if (reachesStart(next)) return true;
                path.pop_back();
            }
            return false;
        };
        bool cycle = reachesStart(start);
        std::string shown;
        for (const std::string& folder : path) shown += (shown.empty() ? "" : " -> ") + folder;
        INFO("folders that include each other: " << shown);
        CHECK_FALSE(cycle);
    }
}
