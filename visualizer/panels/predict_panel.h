// Predict: predict mode's question, "what happens next?", asked before the events that teach; then
// the answer, its one-line explanation and the running score. It takes the Event log's place
// while predict mode is on (the log lists the events to come). Toggle: P, the View menu or
// --predict; answer: 1-4 or a click; S skips. The model is model/predict_session.h.
#pragma once

#include <optional>

#include "model/predict_session.h"
#include "panels/panel.h"

namespace lab::viz {

// What a click in the panel asks for; the App applies it after drawing.
struct PredictRequest {
    std::optional<std::size_t> choice;
    bool skip = false;
};

void drawPredictPanel(const PanelContext& context, const PredictSession& session, PredictRequest& request);

}  // namespace lab::viz
