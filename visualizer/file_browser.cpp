// FileBrowser; see file_browser.h.
#include "file_browser.h"

#include <imgui.h>

#include <algorithm>
#include <cstring>
#include <system_error>

namespace lab::viz {

void FileBrowser::open(const std::string& title, const std::string& folder) {
    title_ = title;
    open_ = true;
    justOpened_ = true;
    list(folder.empty() ? std::filesystem::current_path() : std::filesystem::path(folder));
}

void FileBrowser::list(const std::filesystem::path& folder) {
    std::error_code error;
    std::filesystem::path absolute = std::filesystem::absolute(folder, error);
    entries_.clear();
    selected_ = -1;
    error_.clear();
    for (const auto& entry : std::filesystem::directory_iterator(absolute, error)) {
        bool trace = entry.path().extension() == ".jsonl";
        if (entry.is_directory(error) || !onlyTraces_ || trace) entries_.push_back(entry);
    }
    if (error) error_ = "cannot list " + absolute.string() + ": " + error.message();
    std::sort(entries_.begin(), entries_.end(), [](const auto& a, const auto& b) {
        std::error_code ignored;
        bool da = a.is_directory(ignored), db = b.is_directory(ignored);
        return da != db ? da : a.path().filename() < b.path().filename();
    });
    folder_ = absolute;
    std::snprintf(path_, sizeof path_, "%s", folder_.string().c_str());
}

std::optional<std::string> FileBrowser::draw() {
    if (!open_) return std::nullopt;
    if (justOpened_) {
        ImGui::OpenPopup(title_.c_str());
        justOpened_ = false;
    }
    std::optional<std::string> chosen;
    ImGui::SetNextWindowSize(ImVec2(640, 460), ImGuiCond_Appearing);
    if (ImGui::BeginPopupModal(title_.c_str(), &open_)) {
        if (ImGui::Button("Up")) list(folder_.parent_path());
        ImGui::SameLine();
        ImGui::SetNextItemWidth(-170);
        if (ImGui::InputText("##path", path_, sizeof path_, ImGuiInputTextFlags_EnterReturnsTrue)) {
            std::filesystem::path typed(path_);
            std::error_code error;
            if (std::filesystem::is_directory(typed, error)) {
                list(typed);
            } else {
                chosen = typed.string();
            }
        }
        ImGui::SameLine();
        if (ImGui::Checkbox(".jsonl only", &onlyTraces_)) list(folder_);
        if (!error_.empty()) ImGui::TextColored(ImVec4(0.95f, 0.45f, 0.4f, 1), "%s", error_.c_str());
        ImGui::BeginChild("entries", ImVec2(0, -ImGui::GetFrameHeightWithSpacing() - 4), true);
        for (int i = 0; i < static_cast<int>(entries_.size()); ++i) {
            const auto& entry = entries_[static_cast<std::size_t>(i)];
            std::error_code error;
            bool folder = entry.is_directory(error);
            std::string name = (folder ? "[dir]  " : "       ") + entry.path().filename().string();
            if (ImGui::Selectable(name.c_str(), selected_ == i, ImGuiSelectableFlags_AllowDoubleClick)) {
                selected_ = i;
                if (ImGui::IsMouseDoubleClicked(ImGuiMouseButton_Left)) {
                    if (folder) {
                        list(entry.path());
                        break;
                    }
                    chosen = entry.path().string();
                }
            }
        }
        ImGui::EndChild();
        bool canOpen = selected_ >= 0 && selected_ < static_cast<int>(entries_.size());
        ImGui::BeginDisabled(!canOpen);
        if (ImGui::Button("Open") && canOpen) {
            const auto& entry = entries_[static_cast<std::size_t>(selected_)];
            std::error_code error;
            if (entry.is_directory(error)) {
                list(entry.path());
            } else {
                chosen = entry.path().string();
            }
        }
        ImGui::EndDisabled();
        ImGui::SameLine();
        if (ImGui::Button("Cancel")) open_ = false;
        if (chosen) open_ = false;
        if (!open_) ImGui::CloseCurrentPopup();
        ImGui::EndPopup();
    }
    return chosen;
}

}  // namespace lab::viz
