// The HTTP requests panel; see http_requests_panel.h.
#include "panels/http_requests_panel.h"

#include <imgui.h>

#include <algorithm>
#include <string>

#include "model/labels.h"
#include "panels/style.h"

namespace lab::viz {

namespace {

const HttpRequestState* before(const LoopState& previous, std::int64_t number) {
    auto found = std::find_if(previous.httpRequests.begin(), previous.httpRequests.end(),
                              [&](const HttpRequestState& r) { return r.number == number; });
    return found == previous.httpRequests.end() ? nullptr : &*found;
}

// Live requests in the good colour, closed ones dim, one closed before its answer in the bad one.
ImVec4 stageColor(HttpRequestState::Stage stage) {
    using Stage = HttpRequestState::Stage;
    switch (stage) {
        case Stage::closedUnanswered: return style::kBadText;
        case Stage::responseSent:
        case Stage::streamClosed: return style::kDimText;
        default: return style::kGoodText;
    }
}

}  // namespace

void drawHttpRequestsPanel(const PanelContext& context) {
    const LoopState& state = context.state;
    if (state.httpRequests.empty()) {
        style::dimText("No HTTP request yet (one shows once the server has parsed all of it).");
        return;
    }
    ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingStretchProp | ImGuiTableFlags_ScrollY;
    if (!ImGui::BeginTable("http_requests", 8, flags)) return;
    ImGui::TableSetupScrollFreeze(0, 1);
    for (const char* column : {"#", "connection", "request", "state", "status", "bytes", "events", "latest event"}) {
        ImGui::TableSetupColumn(column);
    }
    ImGui::TableHeadersRow();
    for (const HttpRequestState& request : state.httpRequests) {
        const HttpRequestState* old = before(context.previous, request.number);
        bool changed = !old || !(*old == request);
        ImGui::PushID(static_cast<int>(request.number));
        ImGui::TableNextRow();
        if (changed) ImGui::TableSetBgColor(ImGuiTableBgTarget_RowBg1, IM_COL32(110, 85, 20, 160));
        ImGui::TableNextColumn();
        ImGui::TextColored(style::groupColorVec(KindGroup::connection), "%lld", static_cast<long long>(request.number));
        ImGui::TableNextColumn();
        ImGui::Text("%lld", static_cast<long long>(request.connection));
        ImGui::TableNextColumn();
        std::string line = request.method.empty() ? "(did not parse)" : request.method + " " + request.target;
        if (ImGui::SmallButton(line.c_str())) context.requests.seek = request.requestIndex + 1;
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("Go to where the server had all of this request");
        ImGui::TableNextColumn();
        HttpRequestState::Stage stage = request.stage();
        ImGui::TextColored(stageColor(stage), "%s", std::string(stageLabel(stage)).c_str());
        ImGui::TableNextColumn();
        if (request.responded) ImGui::Text("%lld", static_cast<long long>(request.status));
        else style::dimText("-");
        ImGui::TableNextColumn();
        if (request.streams()) {
            ImGui::Text("%lld + %lld", static_cast<long long>(request.bytes), static_cast<long long>(request.streamBytes));
            if (ImGui::IsItemHovered()) ImGui::SetTooltip("the response's head, then what the stream wrote after it");
        } else if (request.responded) {
            ImGui::Text("%lld", static_cast<long long>(request.bytes));
        } else {
            style::dimText("-");
        }
        ImGui::TableNextColumn();
        if (request.streams()) ImGui::Text("%lld", static_cast<long long>(request.eventsSent));
        else style::dimText("-");
        ImGui::TableNextColumn();
        if (ImGui::SmallButton(std::string(labelOf(request.last.kind)).c_str())) context.requests.seek = request.last.index + 1;
        ImGui::PopID();
    }
    ImGui::EndTable();
}

}  // namespace lab::viz
