// The "what happens next?" questions (visualizer/model/quiz_questions.h), over every lesson's
// golden trace and every Twisted twin's: the true answer is the event the question stops before;
// the wrong choices are distinct, possible in the loop state at that point and not the answer.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <set>
#include <string>
#include <vector>

#include "model/labels.h"
#include "model/loop_state.h"
#include "model/quiz_questions.h"
#include "trace/trace_fields.h"
#include "trace_fixtures.h"

using namespace lab;
using namespace lab::viz;

namespace {

// Every lesson's golden trace (expected.jsonl) and Twisted twin trace (twisted.jsonl).
std::vector<std::string> lessonTraces() {
    std::vector<std::string> traces;
    for (const auto& entry : std::filesystem::directory_iterator(std::string(REACTOR_LAB_SOURCE_DIR) + "/lessons")) {
        for (const char* name : {"expected.jsonl", "twisted.jsonl"}) {
            auto path = entry.path() / name;
            if (std::filesystem::exists(path)) traces.push_back(path.string());
        }
    }
    std::sort(traces.begin(), traces.end());
    return traces;
}

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }
// "Deferred 4, pair 2 (label): ..." or "Deferred 4, pair 2: ..." names pair 2 (not pair 20).
bool namesPair(const std::string& text, std::int64_t number) {
    std::string pair = ", pair " + std::to_string(number);
    return contains(text, pair + " ") || contains(text, pair + ":");
}

std::string phaseKindLabel(Phase phase) { return std::string(phaseLabel(phase)); }

// The kinds each topic asks about.
bool kindFitsTopic(std::string_view k, QuestionTopic topic) {
    switch (topic) {
        case QuestionTopic::phase:
            return k == kind::iterationBegin || kind::isPhase(k) || k == kind::iterationEnd || k == kind::runEnd;
        case QuestionTopic::handler: return k == kind::handlerCalled;
        case QuestionTopic::timer: return k == kind::timerFired;
        case QuestionTopic::deferred: return k == kind::deferredCallbackRan;
        case QuestionTopic::connection: return k == kind::connectionClosed;
    }
    return false;
}

// A wrong choice names something the state before the event holds, in the form it could happen.
void checkPossible(const Choice& choice, QuestionTopic topic, const LoopState& state) {
    INFO("choice: " << choice.text);
    switch (topic) {
        case QuestionTopic::phase:
            CHECK(choice.id == -1);
            CHECK(choice.text != phaseKindLabel(state.phase));
            break;
        case QuestionTopic::handler: {
            auto fd = static_cast<int>(choice.id);
            bool write = contains(choice.text, "doWrite()");
            CHECK((write ? state.writers.count(fd) : state.readers.count(fd)) == 1);
            break;
        }
        case QuestionTopic::timer: CHECK(state.timers.count(choice.id) == 1); break;
        case QuestionTopic::deferred: {
            REQUIRE(state.deferreds.count(choice.id) == 1);
            const DeferredState& d = state.deferreds.at(choice.id);
            bool unrunPair = std::any_of(d.pairs.begin(), d.pairs.end(), [&](const PairState& p) {
                return !p.ran && namesPair(choice.text, p.number);
            });
            CHECK(unrunPair);
            break;
        }
        case QuestionTopic::connection: {
            REQUIRE(state.connections.count(choice.id) == 1);
            CHECK(state.connections.at(choice.id).state != "closed");
            break;
        }
    }
}

// The true choice names the event itself.
void checkTruth(const Choice& truth, QuestionTopic topic, const TraceJson& event) {
    INFO("truth: " << truth.text << "; event: " << event.dump());
    std::string k = textField(event, "kind");
    switch (topic) {
        case QuestionTopic::phase: CHECK(truth.text == labelOf(k)); break;
        case QuestionTopic::handler:
            CHECK(truth.id == fdField(event));
            CHECK(contains(truth.text, textField(event, "event") == "write" ? "doWrite()" : "doRead()"));
            break;
        case QuestionTopic::timer: CHECK(truth.id == intField(event, "timer")); break;
        case QuestionTopic::deferred:
            CHECK(truth.id == intField(event, "deferred"));
            CHECK(namesPair(truth.text, intField(event, "pair")));
            CHECK(contains(truth.text, "its " + textField(event, "side") + " runs"));
            break;
        case QuestionTopic::connection:
            CHECK(truth.id == intField(event, "connection"));
            CHECK(contains(truth.text, textField(event, "reason")));
            break;
    }
}

}  // namespace

TEST_CASE("Quiz questions: over every lesson trace, the answer is the next event and wrong choices are possible and distinct") {
    auto traces = lessonTraces();
    REQUIRE(traces.size() >= 12);
    for (const std::string& path : traces) {
        INFO("trace: " << path);
        TraceModel model = TraceModel::load(path);
        REQUIRE(model.problems().empty());
        auto questions = generateQuestions(model);
        CHECK(questions.size() >= 4);
        LoopState state;
        std::size_t applied = 0;
        for (const Question& q : questions) {
            INFO("question before event " << q.event << ": " << q.prompt);
            while (applied < q.event) state.apply(model.json(applied), applied), ++applied;
            CHECK(kindFitsTopic(model.kindOf(q.event), q.topic));
            REQUIRE(q.choices.size() >= 3);
            REQUIRE(q.choices.size() <= 4);
            REQUIRE(q.answer < q.choices.size());
            std::set<std::string> texts;
            for (const Choice& c : q.choices) texts.insert(c.text);
            CHECK(texts.size() == q.choices.size());
            checkTruth(q.choices[q.answer], q.topic, model.json(q.event));
            for (std::size_t c = 0; c < q.choices.size(); ++c) {
                if (c != q.answer) checkPossible(q.choices[c], q.topic, state);
            }
            CHECK(q.explanation == explain(model.json(q.event)));
        }
    }
}

TEST_CASE("Quiz questions: every kind of teaching event is asked about somewhere in the course") {
    std::set<QuestionTopic> seen;
    for (const std::string& path : lessonTraces()) {
        for (const Question& q : generateQuestions(TraceModel::load(path))) seen.insert(q.topic);
    }
    CHECK(seen == std::set<QuestionTopic>{QuestionTopic::phase, QuestionTopic::handler, QuestionTopic::timer,
                                          QuestionTopic::deferred, QuestionTopic::connection});
}

TEST_CASE("Quiz questions: lesson 01 asks which of its timers fires first, soonest pending ones as the wrong choices") {
    TraceModel model = TraceModel::load(std::string(REACTOR_LAB_SOURCE_DIR) + "/lessons/01-event-loop/expected.jsonl");
    auto questions = generateQuestions(model);
    auto timer = std::find_if(questions.begin(), questions.end(), [](const Question& q) { return q.topic == QuestionTopic::timer; });
    REQUIRE(timer != questions.end());
    // Timers 1, 2, 3 and 5 are pending when timer 1 fires (4 was cancelled).
    std::set<std::int64_t> ids;
    for (const Choice& c : timer->choices) ids.insert(c.id);
    CHECK(ids == std::set<std::int64_t>{1, 2, 3, 5});
    CHECK(timer->choices[timer->answer].id == 1);
}

TEST_CASE("Quiz questions: the same seed gives the same quiz, another seed another order") {
    TraceModel model = TraceModel::load(std::string(REACTOR_LAB_SOURCE_DIR) + "/lessons/03-echo-server/expected.jsonl");
    auto a = chooseQuiz(generateQuestions(model, 5), 4, 5);
    auto b = chooseQuiz(generateQuestions(model, 5), 4, 5);
    REQUIRE(a.size() == 4);
    REQUIRE(b.size() == 4);
    for (std::size_t i = 0; i < a.size(); ++i) {
        CHECK(a[i].event == b[i].event);
        CHECK(a[i].choices == b[i].choices);
    }
    auto all5 = generateQuestions(model, 5), all6 = generateQuestions(model, 6);
    bool someOrderDiffers = false;
    for (std::size_t i = 0; i < all5.size(); ++i) someOrderDiffers |= all5[i].choices != all6[i].choices;
    CHECK(someOrderDiffers);
}

TEST_CASE("Quiz questions: a quiz takes one of each topic before a second of any, in event order") {
    TraceModel model = TraceModel::load(std::string(REACTOR_LAB_SOURCE_DIR) + "/lessons/03-echo-server/expected.jsonl");
    auto all = generateQuestions(model);
    std::set<QuestionTopic> topics;
    for (const Question& q : all) topics.insert(q.topic);
    REQUIRE(topics.size() >= 3);
    auto quiz = chooseQuiz(all, topics.size());
    std::set<QuestionTopic> picked;
    for (const Question& q : quiz) picked.insert(q.topic);
    CHECK(picked == topics);
    CHECK(std::is_sorted(quiz.begin(), quiz.end(), [](const Question& x, const Question& y) { return x.event < y.event; }));
    CHECK(chooseQuiz(all, 1000).size() == all.size());
}

TEST_CASE("Quiz questions: three quarters right, rounded up, pass") {
    CHECK(quizPassMark(4) == 3);
    CHECK(quizPassMark(3) == 3);
    CHECK(quizPassMark(2) == 2);
    CHECK(quizPassMark(8) == 6);
}

TEST_CASE("Quiz questions: every lesson.md and lesson.zh.md names its chapter's quiz") {
    for (const auto& entry : std::filesystem::directory_iterator(std::string(REACTOR_LAB_SOURCE_DIR) + "/lessons")) {
        if (!std::filesystem::exists(entry.path() / "expected.jsonl")) continue;
        std::string nn = entry.path().filename().string().substr(0, 2);
        for (const char* edition : {"lesson.md", "lesson.zh.md"}) {
            INFO(entry.path().filename().string() << "/" << edition);
            std::ifstream in(entry.path() / edition);
            std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
            CHECK(contains(text, "`./scripts/run --quiz " + nn + "`"));
        }
    }
}
