// The Event log panel; see event_log_panel.h.
#include "panels/event_log_panel.h"

#include <imgui.h>

#include <algorithm>
#include <cctype>
#include <chrono>

#include "model/labels.h"
#include "panels/style.h"

namespace lab::viz {

namespace {

std::string lower(std::string text) {
    for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return text;
}

// Frame budget of the search: it resumes where it stopped on the next frame.
constexpr auto kSearchBudget = std::chrono::milliseconds(4);

// Starts a new search when the text or the trace changed, then searches one more slice.
void search(const TraceModel& model, EventLogState& panel) {
    if (panel.builtFor != &model || panel.appliedSearch != panel.search) {
        panel.appliedSearch = panel.search;
        panel.builtFor = &model;
        panel.matches.clear();
        panel.scanned = 0;
    }
    if (panel.appliedSearch.empty()) {
        panel.scanned = model.size();
        return;
    }
    std::string needle = lower(panel.appliedSearch);
    auto deadline = std::chrono::steady_clock::now() + kSearchBudget;
    for (; panel.scanned < model.size(); ++panel.scanned) {
        std::size_t i = panel.scanned;
        if ((i & 0xff) == 0 && std::chrono::steady_clock::now() > deadline) break;
        std::string_view kind = model.kindOf(i);
        std::string haystack = lower(std::string(labelOf(kind)) + " " + std::string(kind) + " " + eventSummary(model.json(i)));
        if (haystack.find(needle) != std::string::npos) panel.matches.push_back(i);
    }
}

}  // namespace

std::string eventSummary(const TraceJson& event) {
    std::string out;
    for (const auto& [key, value] : event.items()) {
        if (key == "seq" || key == "t" || key == "iter" || key == "kind") continue;
        if (!out.empty()) out += ", ";
        out += key + " " + formatField(key, value);
    }
    return out;
}

void drawEventLogPanel(const PanelContext& context, EventLogState& panel) {
    const TraceModel& model = context.model;
    if (panel.focusSearch) {
        ImGui::SetKeyboardFocusHere();
        panel.focusSearch = false;
    }
    ImGui::SetNextItemWidth(-90);
    ImGui::InputTextWithHint("##search", "search labels, kinds, fields (Ctrl+F)", panel.search, sizeof panel.search);
    search(model, panel);
    bool all = panel.appliedSearch.empty();
    std::size_t rows = all ? model.size() : panel.matches.size();
    auto eventAtRow = [&](std::size_t row) { return all ? row : panel.matches[row]; };
    ImGui::SameLine();
    if (panel.scanned < model.size()) {
        double done = 100.0 * static_cast<double>(panel.scanned) / static_cast<double>(model.size());
        ImGui::TextColored(style::kDimText, "%zu found, searched %.0f%%", rows, done);
    } else {
        ImGui::TextColored(style::kDimText, "%zu shown", rows);
    }

    std::size_t current = context.cursor.atStart() ? SIZE_MAX : context.cursor.currentIndex();
    ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_ScrollY | ImGuiTableFlags_SizingStretchProp |
                            ImGuiTableFlags_BordersInnerV;
    if (!ImGui::BeginTable("events", 5, flags)) return;
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn("seq", ImGuiTableColumnFlags_WidthFixed, 56.0f);
    ImGui::TableSetupColumn("iter", ImGuiTableColumnFlags_WidthFixed, 36.0f);
    ImGui::TableSetupColumn("t", ImGuiTableColumnFlags_WidthFixed, 64.0f);
    ImGui::TableSetupColumn("event", ImGuiTableColumnFlags_WidthFixed, 170.0f);
    ImGui::TableSetupColumn("details", ImGuiTableColumnFlags_WidthStretch);
    ImGui::TableHeadersRow();

    // Keep the current event in view when the cursor moved (not when the user scrolls).
    float rowHeight = ImGui::GetTextLineHeightWithSpacing();
    if (panel.followed != context.cursor.position() && current != SIZE_MAX) {
        std::size_t index = current;
        if (!all) index = static_cast<std::size_t>(std::lower_bound(panel.matches.begin(), panel.matches.end(), current) - panel.matches.begin());
        float row = static_cast<float>(index);
        float visible = ImGui::GetWindowHeight() - 2 * rowHeight;
        float top = ImGui::GetScrollY();
        if (row * rowHeight < top || row * rowHeight > top + visible - rowHeight) {
            ImGui::SetScrollY(std::max(0.0f, row * rowHeight - visible * 0.4f));
        }
        panel.followed = context.cursor.position();
    }

    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(rows));
    while (clipper.Step()) {
        for (int row = clipper.DisplayStart; row < clipper.DisplayEnd; ++row) {
            std::size_t i = eventAtRow(static_cast<std::size_t>(row));
            const EventHead& head = model.head(i);
            std::string_view kind = model.kindOf(i);
            ImGui::TableNextRow();
            bool isCurrent = i == current;
            bool isPast = current != SIZE_MAX && i < current;
            if (isCurrent) ImGui::TableSetBgColor(ImGuiTableBgTarget_RowBg1, IM_COL32(40, 90, 180, 255));
            ImGui::TableNextColumn();
            ImGui::PushID(static_cast<int>(i));
            char seq[32];
            std::snprintf(seq, sizeof seq, "%lld", static_cast<long long>(head.seq));
            if (ImGui::Selectable(seq, false, ImGuiSelectableFlags_SpanAllColumns)) context.requests.seek = i + 1;
            ImGui::PopID();
            ImVec4 dim = isPast || isCurrent ? ImVec4(0.9f, 0.9f, 0.92f, 1.0f) : style::kDimText;
            ImGui::TableNextColumn();
            ImGui::TextColored(dim, "%lld", static_cast<long long>(head.iter));
            ImGui::TableNextColumn();
            ImGui::TextColored(dim, "%s", formatDuration(head.t).c_str());
            ImGui::TableNextColumn();
            ImVec4 colour = style::groupColorVec(groupOf(kind));
            if (!isPast && !isCurrent) colour.w = 0.55f;
            ImGui::TextColored(colour, "%.*s", static_cast<int>(labelOf(kind).size()), labelOf(kind).data());
            ImGui::TableNextColumn();
            std::string summary = eventSummary(model.json(i));
            ImGui::TextColored(dim, "%s", summary.c_str());
        }
    }
    ImGui::EndTable();
}

}  // namespace lab::viz
