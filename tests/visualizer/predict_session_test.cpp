// Predict mode's model (visualizer/model/predict_session.h): where the replay stops, answers and
// skips, the score, and that an answered question does not stop the replay again.
#include <catch2/catch.hpp>

#include <string>

#include "model/predict_session.h"
#include "model/quiz_questions.h"

using namespace lab::viz;

namespace {

Question question(std::size_t event, std::size_t answer) {
    Question q;
    q.event = event;
    q.choices = {{"a", "", -1}, {"b", "", -1}, {"c", "", -1}};
    q.answer = answer;
    return q;
}

}  // namespace

TEST_CASE("Predict session: moving forward stops before the first unanswered question's event") {
    PredictSession session({question(12, 0), question(5, 1)});
    CHECK(session.stopBefore(0, 3) == 3);
    CHECK(session.stopBefore(0, 40) == 5);
    CHECK(session.stopBefore(5, 40) == 5);  // waiting at 5: no further
    CHECK(session.waitingAt(5) != nullptr);
    CHECK(session.waitingAt(6) == nullptr);
    session.answer(5, 1);
    CHECK(session.stopBefore(5, 40) == 12);
    CHECK(session.stopBefore(0, 40) == 12);  // back before 5 and forward again: 5 is answered
    CHECK(session.stopBefore(13, 40) == 40);
}

TEST_CASE("Predict session: answers and skips make the score, and the answer shows after the event") {
    PredictSession session({question(2, 0), question(4, 2), question(9, 1)});
    session.answer(2, 0);
    session.answer(4, 1);
    session.skip(9);
    CHECK(session.right() == 1);
    CHECK(session.wrong() == 1);
    CHECK(session.skipped() == 1);
    REQUIRE(session.answeredAt(5) != nullptr);
    CHECK(session.answeredAt(5)->event == 4);
    const PredictOutcome* outcome = session.outcomeOf(*session.answeredAt(5));
    REQUIRE(outcome != nullptr);
    CHECK_FALSE(outcome->right);
    CHECK(outcome->choice == 1);
    CHECK(session.outcomeOf(*session.answeredAt(10))->skipped);
    CHECK(session.answeredAt(4) == nullptr);  // before event 4 is shown
    CHECK(session.waitingAt(4) == nullptr);   // answered: no longer waiting
}

TEST_CASE("Predict session: answering where no question waits, or twice, is refused") {
    PredictSession session({question(3, 0)});
    CHECK_THROWS(session.answer(2, 0));
    CHECK_THROWS(session.answer(3, 7));
    session.answer(3, 0);
    CHECK_THROWS(session.skip(3));
}
