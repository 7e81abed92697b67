// Quiz questions: "what happens next?", asked from a trace, before the events that teach.
//
// Predict, observe, explain: the learner says what the loop does next, then sees it. The events
// that teach are a phase change (in the first iteration, a thread-calls phase, the end of run()),
// a handler dispatch, a timer firing, a Deferred callback running and a connection closing. A
// question stops before such an event (its `event`): the loop state then is the fold of every
// earlier event, and the choices come from it: the true next event and plausible wrong ones
// (another ready or registered handler, another pending timer, the other side of the Deferred
// ladder or another chain's next step, another phase, another reason or connection), never a
// duplicate of the true one. A point with fewer than three distinct choices asks nothing.
// Choices are shuffled from a seed, so a chapter's quiz is the same every time unless asked
// otherwise. The same questions serve reactor-viz's predict mode (predict_session.h) and the
// terminal quiz (terminal_quiz.h). No ImGui here; tested in tests/visualizer/quiz_questions_test.cpp
// over every lesson's golden trace.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "model/trace_model.h"

namespace lab::viz {

enum class QuestionTopic { phase, handler, timer, deferred, connection };
std::string_view topicName(QuestionTopic topic);

// One possible next event, as the learner reads it, and the loop object it names, so a panel can
// highlight it ("fd", "timer", "deferred", "connection"; empty for a phase).
struct Choice {
    std::string text;
    std::string field;
    std::int64_t id = -1;
    bool operator==(const Choice&) const = default;
};

struct Question {
    std::size_t event = 0;  // the event asked about: the replay stops with position == event
    QuestionTopic topic = QuestionTopic::phase;
    std::string prompt;
    std::vector<Choice> choices;  // three or four, distinct texts
    std::size_t answer = 0;       // index of the true one in choices
    std::string explanation;      // the event's one-line explanation (labels.h)
};

inline constexpr std::uint32_t kDefaultQuizSeed = 17;

// Every question the trace offers, in event order.
std::vector<Question> generateQuestions(const TraceModel& model, std::uint32_t seed = kDefaultQuizSeed);

// A chapter's quiz: up to `count` of `questions`, one of each topic before a second of any,
// picked by `seed`, in event order.
std::vector<Question> chooseQuiz(const std::vector<Question>& questions, std::size_t count,
                                 std::uint32_t seed = kDefaultQuizSeed);
// How many right answers pass a quiz of `count` questions (three quarters, rounded up).
std::size_t quizPassMark(std::size_t count);

}  // namespace lab::viz
