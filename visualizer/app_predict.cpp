// App: predict mode (issue 17). The replay stops before each question's event until it is
// answered or skipped (model/predict_session.h); the Predict panel takes the Event log's place.
#include "app.h"

#include <GLFW/glfw3.h>  // key codes only: ImGui 1.86 indexes io.KeysDown by GLFW key
#include <imgui.h>

#include "model/quiz_questions.h"

namespace lab::viz {

// After the frame's moves: a move forward past a question not answered yet ends before it.
void App::guardPredict() {
    if (!main_ || !predict_.on) return;
    ReplayCursor& cursor = *main_->cursor;
    if (predict_.model != &main_->model) {
        predict_.model = &main_->model;
        predict_.session = PredictSession(generateQuestions(main_->model));
        predict_.last = cursor.position();
    }
    std::size_t position = cursor.position();
    if (position > predict_.last) {
        std::size_t stop = predict_.session.stopBefore(predict_.last, position);
        if (stop < position) {
            cursor.seek(stop);
            cursor.pause();
        }
    }
    predict_.last = cursor.position();
}

// An answer (or a skip), then the event itself, so the panels show what happened.
void App::answerPredict(const PredictRequest& request) {
    if (!main_ || !predict_.on || (!request.choice && !request.skip)) return;
    ReplayCursor& cursor = *main_->cursor;
    const Question* waiting = predict_.session.waitingAt(cursor.position());
    if (!waiting || (request.choice && *request.choice >= waiting->choices.size())) return;
    if (request.choice) predict_.session.answer(cursor.position(), *request.choice);
    else predict_.session.skip(cursor.position());
    cursor.stepForward();
    predict_.last = cursor.position();
}

void App::handlePredictKeys() {
    if (ImGui::IsKeyPressed(GLFW_KEY_P, false)) {
        predict_.on = !predict_.on;
        predict_.last = main_->cursor->position();
    }
    if (!predict_.on) return;
    PredictRequest request;
    for (int n = 0; n < 4; ++n) {
        if (ImGui::IsKeyPressed(GLFW_KEY_1 + n, false)) request.choice = static_cast<std::size_t>(n);
    }
    if (ImGui::IsKeyPressed(GLFW_KEY_S, false)) request.skip = true;
    answerPredict(request);
}

}  // namespace lab::viz
