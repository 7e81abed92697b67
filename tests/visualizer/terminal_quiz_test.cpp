// The terminal quiz (visualizer/model/terminal_quiz.h) with answers piped in: all right, all
// wrong, bad input (a clear message, the question asked again), skips, and input that ends early.
#include <catch2/catch.hpp>

#include <sstream>
#include <string>
#include <vector>

#include "model/quiz_questions.h"
#include "model/terminal_quiz.h"
#include "trace_fixtures.h"

using namespace lab::viz;

namespace {

TraceModel lesson(const std::string& name) {
    return TraceModel::load(std::string(REACTOR_LAB_SOURCE_DIR) + "/lessons/" + name + "/expected.jsonl");
}

// The answers as typed: each question's true choice number (right) or another one (wrong).
std::string answers(const std::vector<Question>& quiz, bool right) {
    std::string typed;
    for (const Question& q : quiz) {
        std::size_t choice = right ? q.answer : (q.answer + 1) % q.choices.size();
        typed += std::to_string(choice + 1) + "\n";
    }
    return typed;
}

std::size_t count(const std::string& text, const std::string& part) {
    std::size_t n = 0;
    for (auto at = text.find(part); at != std::string::npos; at = text.find(part, at + 1)) ++n;
    return n;
}

}  // namespace

TEST_CASE("Terminal quiz: every answer right passes, with each explanation shown") {
    TraceModel model = lesson("02-reactor-pattern");
    auto quiz = chooseQuiz(generateQuestions(model), 4);
    REQUIRE(quiz.size() == 4);
    std::istringstream in(answers(quiz, true));
    std::ostringstream out;
    QuizScore score = runTerminalQuiz(model, quiz, in, out);
    CHECK(score.right == 4);
    CHECK(score.passed);
    CHECK_FALSE(score.inputEnded);
    CHECK(count(out.str(), "What happened: ") == 4);
    CHECK(out.str().find("Score: 4 of 4 right. Passed") != std::string::npos);
}

TEST_CASE("Terminal quiz: every answer wrong does not pass and shows each true answer") {
    TraceModel model = lesson("05-deferreds");
    auto quiz = chooseQuiz(generateQuestions(model), 4);
    std::istringstream in(answers(quiz, false));
    std::ostringstream out;
    QuizScore score = runTerminalQuiz(model, quiz, in, out);
    CHECK(score.right == 0);
    CHECK(score.wrong == quiz.size());
    CHECK_FALSE(score.passed);
    CHECK(count(out.str(), "Not this time: it was ") == quiz.size());
    CHECK(out.str().find("Not passed yet") != std::string::npos);
}

TEST_CASE("Terminal quiz: bad input gets a clear message and the question again") {
    TraceModel model = lesson("01-event-loop");
    auto quiz = chooseQuiz(generateQuestions(model), 1);
    REQUIRE(quiz.size() == 1);
    std::string right = std::to_string(quiz[0].answer + 1);
    std::istringstream in("banana\n9\n\n  " + right + "  \n");
    std::ostringstream out;
    QuizScore score = runTerminalQuiz(model, quiz, in, out);
    CHECK(score.right == 1);
    CHECK(out.str().find("'banana' is not an answer: type a number from 1 to " + std::to_string(quiz[0].choices.size()) +
                         ", or s to skip.") != std::string::npos);
    CHECK(out.str().find("'9' is not an answer") != std::string::npos);
    CHECK(out.str().find("'' is not an answer") != std::string::npos);
    CHECK(count(out.str(), "Your answer (1-") == 4);
}

TEST_CASE("Terminal quiz: a skip counts as not right and shows the answer") {
    TraceModel model = lesson("03-echo-server");
    auto quiz = chooseQuiz(generateQuestions(model), 4);
    std::istringstream in("s\ns\n" + answers({quiz[2], quiz[3]}, true));
    std::ostringstream out;
    QuizScore score = runTerminalQuiz(model, quiz, in, out);
    CHECK(score.skipped == 2);
    CHECK(score.right == 2);
    CHECK_FALSE(score.passed);
    CHECK(out.str().find("Score: 2 of 4 right, 2 skipped. Not passed yet (3 right pass).") != std::string::npos);
}

TEST_CASE("Terminal quiz: input that ends early stops the quiz, never waits, and does not pass") {
    TraceModel model = lesson("03-echo-server");
    auto quiz = chooseQuiz(generateQuestions(model), 4);
    std::istringstream in(answers({quiz[0]}, true));
    std::ostringstream out;
    QuizScore score = runTerminalQuiz(model, quiz, in, out);
    CHECK(score.inputEnded);
    CHECK(score.right == 1);
    CHECK_FALSE(score.passed);
    CHECK(out.str().find("The input ended before this answer: the quiz stops here (3 not answered).") != std::string::npos);
    std::istringstream nothing("");
    CHECK_FALSE(runTerminalQuiz(model, quiz, nothing, out).passed);
}

TEST_CASE("Terminal quiz: piped answers are echoed after their prompts when asked to") {
    TraceModel model = lesson("01-event-loop");
    auto quiz = chooseQuiz(generateQuestions(model), 1);
    std::istringstream in("s\n");
    std::ostringstream out;
    runTerminalQuiz(model, quiz, in, out, true);
    CHECK(out.str().find("or s to skip): s\n  Skipped.") != std::string::npos);
}
