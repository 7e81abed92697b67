// PredictSession: reactor-viz's predict mode without the drawing: which question the replay must
// stop at, the answers given, and the running score.
//
// Predict, observe, explain: moving forward, the replay stops before each question's event
// (position == question.event) until the learner answers or skips it; then the event is shown
// with its explanation. An answered question never stops the replay again, stepping back and
// forth over it. The questions are quiz_questions.h's, for the whole trace.
// No ImGui here; panels/predict_panel.cpp draws it; tested in tests/visualizer/predict_session_test.cpp.
#pragma once

#include <cstddef>
#include <optional>
#include <vector>

#include "model/quiz_questions.h"

namespace lab::viz {

struct PredictOutcome {
    bool skipped = false;
    std::size_t choice = 0;  // the choice picked (not skipped)
    bool right = false;
};

class PredictSession {
public:
    PredictSession() = default;
    explicit PredictSession(std::vector<Question> questions);

    const std::vector<Question>& questions() const { return questions_; }
    // A move forward from position `from` to `to` stops here instead: the event of the first
    // question not answered yet in [from, to), or `to` when there is none.
    std::size_t stopBefore(std::size_t from, std::size_t to) const;
    // The question waiting at `position` (not answered yet, its event == position), or nullptr.
    const Question* waitingAt(std::size_t position) const;
    // The question about the event just shown (its event == position - 1) once answered or
    // skipped, and how: what the panel shows after the answer. nullptr otherwise.
    const Question* answeredAt(std::size_t position) const;
    const PredictOutcome* outcomeOf(const Question& question) const;

    // Precondition: waitingAt(position). `choice` is an index into its choices.
    void answer(std::size_t position, std::size_t choice);
    void skip(std::size_t position);

    std::size_t right() const { return right_; }
    std::size_t wrong() const { return wrong_; }
    std::size_t skipped() const { return skipped_; }

private:
    std::size_t indexAt(std::size_t event) const;  // questions_.size() when none
    void record(std::size_t position, PredictOutcome outcome);

    std::vector<Question> questions_;                   // in event order
    std::vector<std::optional<PredictOutcome>> outcomes_;  // parallel to questions_
    std::size_t right_ = 0, wrong_ = 0, skipped_ = 0;
};

}  // namespace lab::viz
