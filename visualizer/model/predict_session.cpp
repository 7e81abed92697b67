// PredictSession; see predict_session.h.
#include "model/predict_session.h"

#include <algorithm>
#include <stdexcept>

namespace lab::viz {

PredictSession::PredictSession(std::vector<Question> questions) : questions_(std::move(questions)) {
    std::stable_sort(questions_.begin(), questions_.end(), [](const Question& a, const Question& b) { return a.event < b.event; });
    outcomes_.resize(questions_.size());
}

std::size_t PredictSession::indexAt(std::size_t event) const {
    auto it = std::lower_bound(questions_.begin(), questions_.end(), event,
                               [](const Question& q, std::size_t e) { return q.event < e; });
    return it != questions_.end() && it->event == event ? static_cast<std::size_t>(it - questions_.begin()) : questions_.size();
}

std::size_t PredictSession::stopBefore(std::size_t from, std::size_t to) const {
    auto it = std::lower_bound(questions_.begin(), questions_.end(), from,
                               [](const Question& q, std::size_t e) { return q.event < e; });
    for (; it != questions_.end() && it->event < to; ++it) {
        if (!outcomes_[static_cast<std::size_t>(it - questions_.begin())]) return it->event;
    }
    return to;
}

const Question* PredictSession::waitingAt(std::size_t position) const {
    std::size_t i = indexAt(position);
    return i < questions_.size() && !outcomes_[i] ? &questions_[i] : nullptr;
}

const Question* PredictSession::answeredAt(std::size_t position) const {
    if (position == 0) return nullptr;
    std::size_t i = indexAt(position - 1);
    return i < questions_.size() && outcomes_[i] ? &questions_[i] : nullptr;
}

const PredictOutcome* PredictSession::outcomeOf(const Question& question) const {
    std::size_t i = static_cast<std::size_t>(&question - questions_.data());
    return i < outcomes_.size() && outcomes_[i] ? &*outcomes_[i] : nullptr;
}

void PredictSession::record(std::size_t position, PredictOutcome outcome) {
    std::size_t i = indexAt(position);
    if (i == questions_.size() || outcomes_[i]) throw std::logic_error("PredictSession: no question waits at this position");
    if (outcome.skipped) ++skipped_;
    else if (outcome.right) ++right_;
    else ++wrong_;
    outcomes_[i] = outcome;
}

void PredictSession::answer(std::size_t position, std::size_t choice) {
    const Question* q = waitingAt(position);
    if (!q || choice >= q->choices.size()) throw std::logic_error("PredictSession: no such choice for this question");
    record(position, {false, choice, choice == q->answer});
}

void PredictSession::skip(std::size_t position) { record(position, {true, 0, false}); }

}  // namespace lab::viz
