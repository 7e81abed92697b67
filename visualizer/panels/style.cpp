// The shared colours and helpers; see style.h.
#include "panels/style.h"

namespace lab::viz::style {

ImVec4 groupColorVec(KindGroup group) {
    switch (group) {
        case KindGroup::lifetime: return {0.75f, 0.75f, 0.80f, 1.0f};
        case KindGroup::loop: return {0.40f, 0.65f, 1.00f, 1.0f};
        case KindGroup::timer: return {0.95f, 0.70f, 0.30f, 1.0f};
        case KindGroup::handler: return {0.45f, 0.85f, 0.55f, 1.0f};
        case KindGroup::error: return {0.95f, 0.40f, 0.40f, 1.0f};
        case KindGroup::connection: return {0.35f, 0.85f, 0.85f, 1.0f};
        case KindGroup::deferred: return {0.80f, 0.55f, 0.95f, 1.0f};
        case KindGroup::thread: return {0.90f, 0.85f, 0.45f, 1.0f};
        case KindGroup::unknown: return {0.65f, 0.65f, 0.65f, 1.0f};
    }
    return {1, 1, 1, 1};
}

ImU32 groupColor(KindGroup group, int alpha) {
    ImVec4 c = groupColorVec(group);
    c.w = static_cast<float>(alpha) / 255.0f;
    return ImGui::ColorConvertFloat4ToU32(c);
}

bool chip(const std::string& text, ImU32 fill, bool changed, const char* tooltip) {
    ImVec2 pad(7.0f, 3.0f);
    ImVec2 size = ImGui::CalcTextSize(text.c_str());
    size.x += pad.x * 2;
    size.y += pad.y * 2;
    // Wrap to the next line when the chip does not fit.
    float right = ImGui::GetCursorScreenPos().x + size.x;
    float limit = ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x;
    if (ImGui::GetCursorPosX() > ImGui::GetStyle().WindowPadding.x + 1.0f && right > limit) ImGui::NewLine();
    ImVec2 at = ImGui::GetCursorScreenPos();
    ImGui::PushID(text.c_str());
    bool clicked = ImGui::InvisibleButton("chip", size);
    ImGui::PopID();
    ImDrawList* draw = ImGui::GetWindowDrawList();
    ImVec2 end(at.x + size.x, at.y + size.y);
    draw->AddRectFilled(at, end, fill, 5.0f);
    if (changed) draw->AddRect(at, end, kChanged, 5.0f, 0, 2.5f);
    draw->AddText(ImVec2(at.x + pad.x, at.y + pad.y), IM_COL32(15, 18, 24, 255), text.c_str());
    if (tooltip && ImGui::IsItemHovered()) ImGui::SetTooltip("%s", tooltip);
    ImGui::SameLine(0.0f, 6.0f);
    return clicked;
}

void heading(const char* text) {
    ImGui::Spacing();
    ImGui::TextColored(ImVec4(0.70f, 0.78f, 0.95f, 1.0f), "%s", text);
    ImGui::Separator();
}

void dimText(const char* text) { ImGui::TextColored(kDimText, "%s", text); }

}  // namespace lab::viz::style
