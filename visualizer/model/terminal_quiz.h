// TerminalQuiz: a chapter's quiz asked on a terminal, or on any stream (a test pipes answers in).
//
// Each question shows where the replay stands (event, iteration, time), the prompt and numbered
// choices, then reads one line: a choice's number, or "s" to skip. Anything else gets a message
// saying what was typed and what would do, and the question is asked again. When the input ends
// before every question is answered, the quiz says so and stops: it never waits for answers that
// cannot come (CI runs it with nothing on standard input). After each answer: right or not, the
// true answer and its one-line explanation; at the end, the score and whether it passed.
// No ImGui here; the program is visualizer/quiz_main.cpp (reactor-quiz, ./scripts/run --quiz NN);
// tested in tests/visualizer/terminal_quiz_test.cpp.
#pragma once

#include <cstddef>
#include <istream>
#include <ostream>
#include <vector>

#include "model/quiz_questions.h"
#include "model/trace_model.h"

namespace lab::viz {

struct QuizScore {
    std::size_t asked = 0;    // questions in the quiz
    std::size_t right = 0;
    std::size_t wrong = 0;
    std::size_t skipped = 0;
    bool inputEnded = false;  // the input ended before the last answer
    bool passed = false;      // right >= quizPassMark(asked)
};

// Asks `quiz` (questions from `model`) on `in`/`out`. `echo`: write each answer read after its
// prompt, for input that is not a terminal (piped answers), so the transcript reads as typed.
QuizScore runTerminalQuiz(const TraceModel& model, const std::vector<Question>& quiz, std::istream& in, std::ostream& out,
                          bool echo = false);

}  // namespace lab::viz
