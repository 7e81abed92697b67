// reactor/README.md is the map of the library in reading order (GUIDE §6): every file of
// reactor/ is on it, a .cpp through its header's row or by its own name, and every file it
// names exists.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>
#include <string>

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
