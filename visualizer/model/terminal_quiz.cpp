// runTerminalQuiz; see terminal_quiz.h.
#include "model/terminal_quiz.h"

#include <optional>
#include <string>

#include "model/labels.h"

namespace lab::viz {

namespace {

std::string trim(const std::string& text) {
    auto first = text.find_first_not_of(" \t\r");
    if (first == std::string::npos) return "";
    auto last = text.find_last_not_of(" \t\r");
    return text.substr(first, last - first + 1);
}

// A line read as an answer: a choice (0-based), a skip (nullopt with `skip`), or not an answer.
struct Answer {
    bool valid = false;
    bool skip = false;
    std::size_t choice = 0;
};

Answer parseAnswer(const std::string& line, std::size_t choices) {
    std::string text = trim(line);
    if (text == "s" || text == "S" || text == "skip") return {true, true, 0};
    if (text.size() == 1 && text[0] >= '1' && static_cast<std::size_t>(text[0] - '0') <= choices) {
        return {true, false, static_cast<std::size_t>(text[0] - '1')};
    }
    return {};
}

}  // namespace

QuizScore runTerminalQuiz(const TraceModel& model, const std::vector<Question>& quiz, std::istream& in, std::ostream& out,
                          bool echo) {
    QuizScore score;
    score.asked = quiz.size();
    for (std::size_t n = 0; n < quiz.size() && !score.inputEnded; ++n) {
        const Question& q = quiz[n];
        const EventHead& head = model.head(q.event);
        out << "\nQuestion " << n + 1 << " of " << quiz.size() << " (before event " << head.seq << ", iteration "
            << head.iter << ", t = " << formatDuration(head.t - model.firstTime()) << ")\n";
        out << "  " << q.prompt << "\n";
        for (std::size_t c = 0; c < q.choices.size(); ++c) out << "    " << c + 1 << ". " << q.choices[c].text << "\n";
        std::optional<Answer> answer;
        while (!answer) {
            out << "  Your answer (1-" << q.choices.size() << ", or s to skip): " << std::flush;
            std::string line;
            if (!std::getline(in, line)) {
                out << "\n  The input ended before this answer: the quiz stops here (" << quiz.size() - n
                    << " not answered).\n";
                score.inputEnded = true;
                break;
            }
            if (echo) out << trim(line) << "\n";
            Answer parsed = parseAnswer(line, q.choices.size());
            if (parsed.valid) {
                answer = parsed;
            } else {
                out << "  '" << trim(line) << "' is not an answer: type a number from 1 to " << q.choices.size()
                    << ", or s to skip.\n";
            }
        }
        if (!answer) break;
        const std::string& truth = q.choices[q.answer].text;
        if (answer->skip) {
            ++score.skipped;
            out << "  Skipped. It was " << q.answer + 1 << ". " << truth << "\n";
        } else if (answer->choice == q.answer) {
            ++score.right;
            out << "  Right: " << truth << "\n";
        } else {
            ++score.wrong;
            out << "  Not this time: it was " << q.answer + 1 << ". " << truth << "\n";
        }
        out << "  What happened: " << q.explanation << "\n";
    }
    std::size_t mark = quizPassMark(score.asked);
    score.passed = score.asked > 0 && score.right >= mark;
    out << "\nScore: " << score.right << " of " << score.asked << " right";
    if (score.skipped > 0) out << ", " << score.skipped << " skipped";
    out << ". " << (score.passed ? "Passed" : "Not passed yet") << " (" << mark << " right pass).\n";
    return score;
}

}  // namespace lab::viz
