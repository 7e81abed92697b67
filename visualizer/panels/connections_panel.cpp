// The Connections panel; see connections_panel.h.
#include "panels/connections_panel.h"

#include <imgui.h>

#include "model/labels.h"
#include "panels/style.h"

namespace lab::viz {

void drawConnectionsPanel(const PanelContext& context) {
    const LoopState& state = context.state;
    for (const auto& [id, port] : state.ports) {
        ImGui::TextColored(style::groupColorVec(KindGroup::connection), "Port %lld", static_cast<long long>(id));
        ImGui::SameLine();
        ImGui::Text("fd %d %s: %s, %lld accepted", port.fd, port.interface.c_str(), port.listening ? "listening" : "closed",
                    static_cast<long long>(port.accepted));
    }
    if (state.connections.empty()) {
        style::dimText("No connection yet (this trace has no connection events at this point).");
        return;
    }
    ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingStretchProp | ImGuiTableFlags_ScrollY;
    if (!ImGui::BeginTable("connections", 8, flags)) return;
    ImGui::TableSetupScrollFreeze(0, 1);
    for (const char* column : {"id", "fd", "peer", "side", "state", "read / sent", "buffered", "latest event"}) {
        ImGui::TableSetupColumn(column);
    }
    ImGui::TableHeadersRow();
    for (const auto& [id, connection] : state.connections) {
        auto before = context.previous.connections.find(id);
        bool changed = before == context.previous.connections.end() || !(before->second == connection);
        ImGui::TableNextRow();
        if (changed) ImGui::TableSetBgColor(ImGuiTableBgTarget_RowBg1, IM_COL32(110, 85, 20, 160));
        ImGui::TableNextColumn();
        ImGui::TextColored(style::groupColorVec(KindGroup::connection), "%lld", static_cast<long long>(id));
        ImGui::TableNextColumn();
        ImGui::Text("%d", connection.fd);
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(connection.peer.empty() ? "-" : connection.peer.c_str());
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(connection.protocol.empty() ? connection.side.c_str() : connection.protocol.c_str());
        ImGui::TableNextColumn();
        bool closed = connection.state == "closed";
        ImGui::TextColored(closed ? style::kBadText : style::kGoodText, "%s%s", connection.state.c_str(),
                           connection.producerPaused ? ", producer paused" : "");
        if (!connection.reason.empty() && ImGui::IsItemHovered()) ImGui::SetTooltip("%s", connection.reason.c_str());
        ImGui::TableNextColumn();
        ImGui::Text("%lld / %lld", static_cast<long long>(connection.bytesRead), static_cast<long long>(connection.bytesSent));
        ImGui::TableNextColumn();
        ImGui::Text("%lld", static_cast<long long>(connection.bytesBuffered));
        ImGui::TableNextColumn();
        std::string_view label = labelOf(connection.last.kind);
        ImGui::PushID(static_cast<int>(id));
        if (ImGui::SmallButton(std::string(label).c_str())) context.requests.seek = connection.last.index + 1;
        ImGui::PopID();
    }
    ImGui::EndTable();
}

}  // namespace lab::viz
