// reactor-quiz: a chapter's "what happens next?" quiz in the terminal, from a trace (its golden
// trace, through ./scripts/run --quiz NN). Answers are read from standard input, so it works with
// no display and under CI with the answers piped in. No ImGui: the questions and the asking are
// the visualizer's model (model/quiz_questions.h, model/terminal_quiz.h).
//   reactor-quiz TRACE [--count N] [--seed N]
// Exit 0: passed; 1: not passed (or the input ended first); 2: bad arguments or a trace it cannot
// quiz on. Tested by the ctest cases "Quiz: ..." (tests/visualizer/quiz_test.sh).
#include <unistd.h>

#include <charconv>
#include <cstdint>
#include <iostream>
#include <string>
#include <string_view>

#include "model/quiz_questions.h"
#include "model/terminal_quiz.h"
#include "model/trace_model.h"

namespace {

constexpr std::size_t kChapterQuizLength = 4;

int usage(const std::string& problem) {
    std::cerr << "reactor-quiz: " << problem << "\nusage: reactor-quiz TRACE [--count N] [--seed N]\n";
    return 2;
}

bool parseNumber(std::string_view text, std::uint64_t& out) {
    auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), out);
    return error == std::errc() && end == text.data() + text.size();
}

}  // namespace

int main(int argc, char** argv) {
    std::string trace;
    std::uint64_t count = kChapterQuizLength, seed = lab::viz::kDefaultQuizSeed;
    for (int i = 1; i < argc; ++i) {
        std::string arg = argv[i];
        if (arg == "--count" || arg == "--seed") {
            if (i + 1 >= argc) return usage(arg + " needs a number");
            std::uint64_t& target = arg == "--count" ? count : seed;
            if (!parseNumber(argv[++i], target) || (arg == "--count" && count == 0) || target > UINT32_MAX) {
                return usage(arg + " takes a positive whole number, not '" + argv[i] + "'");
            }
        } else if (!arg.empty() && arg[0] == '-') {
            return usage("unknown option '" + arg + "'");
        } else if (trace.empty()) {
            trace = arg;
        } else {
            return usage("one trace only (got '" + trace + "' and '" + arg + "')");
        }
    }
    if (trace.empty()) return usage("which trace? (./scripts/run --quiz NN quizzes a chapter)");

    lab::viz::TraceModel model = lab::viz::TraceModel::load(trace);
    if (!model.hasHeader() || model.empty()) {
        for (const auto& problem : model.problems()) std::cerr << problem.toString() << "\n";
        std::cerr << "reactor-quiz: " << trace << ": no events to ask about\n";
        return 2;
    }
    auto seed32 = static_cast<std::uint32_t>(seed);
    auto quiz = lab::viz::chooseQuiz(lab::viz::generateQuestions(model, seed32), count, seed32);
    if (quiz.empty()) {
        std::cerr << "reactor-quiz: " << trace << ": no event in it has three possible answers to ask about\n";
        return 2;
    }
    std::cout << "What happens next? " << quiz.size() << " questions from " << trace << " (" << model.program()
              << "). Each stops the replay just before an event: say which one comes.\n";
    lab::viz::QuizScore score = lab::viz::runTerminalQuiz(model, quiz, std::cin, std::cout, !isatty(STDIN_FILENO));
    return score.passed ? 0 : 1;
}
