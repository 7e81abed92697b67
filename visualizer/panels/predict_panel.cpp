// The Predict panel; see predict_panel.h.
#include "panels/predict_panel.h"

#include <imgui.h>

#include <string>

#include "model/labels.h"
#include "panels/style.h"

namespace lab::viz {

namespace {

void drawScore(const PredictSession& session) {
    std::size_t answered = session.right() + session.wrong() + session.skipped();
    ImGui::Text("Score: %zu right", session.right());
    ImGui::SameLine();
    ImGui::TextColored(style::kDimText, " | %zu wrong | %zu skipped | %zu of %zu questions asked", session.wrong(),
                       session.skipped(), answered, session.questions().size());
    ImGui::Separator();
}

void drawQuestion(const Question& q, PredictRequest& request) {
    ImGui::PushStyleColor(ImGuiCol_Text, style::kChangedText);
    ImGui::TextWrapped("What happens next? %s", q.prompt.c_str());
    ImGui::PopStyleColor();
    ImGui::Spacing();
    for (std::size_t c = 0; c < q.choices.size(); ++c) {
        std::string text = std::to_string(c + 1) + ".  " + q.choices[c].text;
        if (ImGui::Selectable(text.c_str(), false)) request.choice = c;
    }
    ImGui::Spacing();
    if (ImGui::Button("Skip (S)")) request.skip = true;
    ImGui::SameLine();
    ImGui::TextColored(style::kDimText, "keys 1-%zu answer; the replay waits here", q.choices.size());
}

void drawAnswer(const Question& q, const PredictOutcome& outcome) {
    if (outcome.skipped) ImGui::TextColored(style::kDimText, "Skipped. This is what happened:");
    else if (outcome.right) ImGui::TextColored(style::kGoodText, "Right!");
    else ImGui::TextColored(style::kBadText, "Not this time. This is what happened:");
    for (std::size_t c = 0; c < q.choices.size(); ++c) {
        bool truth = c == q.answer, picked = !outcome.skipped && c == outcome.choice;
        const ImVec4& colour = truth ? style::kGoodText : picked ? style::kBadText : style::kDimText;
        ImGui::TextColored(colour, "%s %zu.  %s", truth ? ">" : picked ? "x" : " ", c + 1, q.choices[c].text.c_str());
    }
    ImGui::Spacing();
    ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(1.0f, 0.93f, 0.75f, 1.0f));
    ImGui::TextWrapped("Why: %s", q.explanation.c_str());
    ImGui::PopStyleColor();
    ImGui::TextColored(style::kDimText, "The panels show it now (outlined: what this event changed).");
}

}  // namespace

void drawPredictPanel(const PanelContext& context, const PredictSession& session, PredictRequest& request) {
    drawScore(session);
    std::size_t position = context.cursor.position();
    if (const Question* q = session.waitingAt(position)) {
        drawQuestion(*q, request);
    } else if (const Question* answered = session.answeredAt(position)) {
        drawAnswer(*answered, *session.outcomeOf(*answered));
    } else if (session.questions().empty()) {
        style::dimText("This trace has no event with three possible answers to ask about.");
    } else {
        std::size_t next = session.stopBefore(position, context.model.size());
        if (next < context.model.size()) {
            ImGui::TextWrapped("Step on (Right, or Space to play): the replay stops before event %zu to ask the next question.",
                               next + 1);
        } else {
            style::dimText("No question left ahead. Step back and on to see the answered ones again.");
        }
    }
}

}  // namespace lab::viz
