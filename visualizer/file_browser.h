// FileBrowser: File > Open drawn with ImGui (no native dialog to depend on): a folder listing
// with .jsonl traces first, a path box, Up, and double-click or Open to choose.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace lab::viz {

class FileBrowser {
public:
    void open(const std::string& title, const std::string& folder);
    bool isOpen() const { return open_; }
    // Draws the browser when open; returns the chosen file once.
    std::optional<std::string> draw();

private:
    void list(const std::filesystem::path& folder);

    bool open_ = false;
    bool justOpened_ = false;
    std::string title_;
    std::filesystem::path folder_;
    std::vector<std::filesystem::directory_entry> entries_;
    char path_[1024] = "";
    int selected_ = -1;
    bool onlyTraces_ = true;
    std::string error_;
};

}  // namespace lab::viz
