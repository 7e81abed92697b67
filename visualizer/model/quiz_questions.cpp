// The questions a trace offers, and a chapter's quiz chosen from them; see quiz_questions.h.
// One function per topic builds the true choice first and the wrong ones after it from the state
// before the event; ask() keeps the point only with three distinct choices, then shuffles them.
#include "model/quiz_questions.h"

#include <algorithm>
#include <map>
#include <optional>
#include <random>

#include "model/labels.h"
#include "model/loop_state.h"
#include "trace/trace_fields.h"

namespace lab::viz {

namespace {

constexpr std::size_t kMaxChoices = 4;
constexpr std::size_t kMinChoices = 3;

// The phases of an iteration as the trace writes them, in Reactor::runOnce's order; after the
// last comes the first again. A wrong phase is taken from the true one's neighbours here.
// (thread_calls_run is left out: it is written only when thread calls ran, so it is never a
// likely wrong answer; asked about, it stands where the timers phase does.)
constexpr std::string_view kPhaseCycle[] = {kind::iterationBegin, kind::timersRun, kind::timeoutComputed,
                                            kind::waitBegin, kind::readyDispatch, kind::iterationEnd};

bool isAskedPhase(std::string_view k) {
    return k == kind::threadCallsRun || k == kind::runEnd ||
           std::find(std::begin(kPhaseCycle), std::end(kPhaseCycle), k) != std::end(kPhaseCycle);
}

std::string_view kindOfPhase(Phase phase) {
    switch (phase) {
        case Phase::iterationBegin: return kind::iterationBegin;
        case Phase::runThreadCalls: return kind::threadCallsRun;
        case Phase::runDueTimers: return kind::timersRun;
        case Phase::computeTimeout: return kind::timeoutComputed;
        case Phase::waitForEvents: return kind::waitBegin;
        case Phase::dispatchReady: return kind::readyDispatch;
        case Phase::iterationEnd: return kind::iterationEnd;
        case Phase::ended: return kind::runEnd;
        case Phase::setup:
        case Phase::startup: return {};
    }
    return {};
}

// "lessons/01-event-loop/program.cpp:56" -> "program.cpp:56": the folder is the chapter's own.
std::string shortLocation(const std::string& at) {
    auto slash = at.rfind('/');
    return slash == std::string::npos ? at : at.substr(slash + 1);
}

std::string fdList(const std::vector<int>& fds) {
    if (fds.empty()) return "none";
    std::string text;
    for (int fd : fds) text += (text.empty() ? "" : ", ") + std::to_string(fd);
    return text;
}

struct Draft {
    QuestionTopic topic;
    std::string prompt;
    std::vector<Choice> choices;  // the true one first
};

void addChoice(Draft& draft, Choice choice) {
    if (draft.choices.size() >= kMaxChoices) return;
    for (const Choice& c : draft.choices) {
        if (c.text == choice.text) return;
    }
    draft.choices.push_back(std::move(choice));
}

// A phase change: the first iteration's phases teach the cycle; a thread-calls phase and the end
// of run() are asked wherever they come.
std::optional<Draft> phaseQuestion(const LoopState& state, std::string_view k, std::int64_t firstIter) {
    bool inFirstIteration = state.iter == firstIter || (k == kind::iterationBegin && state.iter < firstIter);
    if (!(inFirstIteration || k == kind::threadCallsRun || k == kind::runEnd)) return std::nullopt;
    std::string_view current = kindOfPhase(state.phase);
    Draft draft{QuestionTopic::phase,
                current.empty() ? "The loop has not begun an iteration yet. Which phase comes next?"
                                : "The loop is in '" + std::string(phaseLabel(state.phase)) + "'. Which phase comes next?",
                {}};
    addChoice(draft, {std::string(labelOf(k)), "", -1});
    // Where the true phase stands in the cycle: the end of run() comes where another iteration
    // would begin (so "Iteration begins" is its nearest wrong answer).
    std::string_view place = k == kind::threadCallsRun ? kind::timersRun : k == kind::runEnd ? kind::iterationBegin : k;
    const int n = static_cast<int>(std::size(kPhaseCycle));
    const int truth = static_cast<int>(std::find(std::begin(kPhaseCycle), std::end(kPhaseCycle), place) - std::begin(kPhaseCycle));
    for (int distance = 0; distance <= n / 2; ++distance) {
        for (int sign : {+1, -1}) {
            std::string_view candidate = kPhaseCycle[((truth + sign * distance) % n + n) % n];
            if (candidate != k && candidate != current) addChoice(draft, {std::string(labelOf(candidate)), "", -1});
        }
    }
    return draft;
}

std::string handlerText(const std::string& handler, int fd, const std::string& event) {
    return handler + " on fd " + std::to_string(fd) + ": " + (event == "write" ? "doWrite()" : "doRead()");
}

// A handler dispatch: other handlers on the ready list not called yet this iteration, the other
// direction of the same descriptor, then handlers registered but not ready.
std::optional<Draft> handlerQuestion(const LoopState& state, const TraceJson& event) {
    int fd = fdField(event);
    std::string direction = textField(event, "event");
    Draft draft{QuestionTopic::handler,
                "The wait returned readable: " + fdList(state.wait.readable) + "; writable: " + fdList(state.wait.writable) +
                    ". Which handler does the loop call next?",
                {}};
    addChoice(draft, {handlerText(textField(event, "handler"), fd, direction), "fd", fd});
    auto called = [&](int f, const std::string& d) {
        return std::any_of(state.dispatched.begin(), state.dispatched.end(),
                           [&](const HandlerCall& c) { return c.fd == f && c.event == d; });
    };
    auto offer = [&](int f, const std::string& d) {
        const auto& registered = d == "write" ? state.writers : state.readers;
        auto it = registered.find(f);
        if (it == registered.end() || (f == fd && d == direction) || called(f, d)) return;
        addChoice(draft, {handlerText(it->second, f, d), "fd", f});
    };
    for (int f : state.wait.readable) offer(f, "read");
    for (int f : state.wait.writable) offer(f, "write");
    offer(fd, direction == "write" ? "read" : "write");
    for (const auto& [f, name] : state.readers) offer(f, "read");
    for (const auto& [f, name] : state.writers) offer(f, "write");
    return draft;
}

std::string timerText(const TimerState& timer, std::int64_t now) {
    std::string when = timer.due <= now ? "due now" : "due in " + formatDuration(timer.due - now);
    std::string text = "Timer " + std::to_string(timer.id) + " (" + when;
    if (!timer.at.empty()) text += ", set at " + shortLocation(timer.at);
    return text + ")";
}

// A timer firing: the other pending timers, soonest first (equal deadlines teach the order).
std::optional<Draft> timerQuestion(const LoopState& state, const TraceJson& event) {
    std::int64_t id = intField(event, "timer");
    auto found = state.timers.find(id);
    if (found == state.timers.end()) return std::nullopt;
    Draft draft{QuestionTopic::timer, "The loop is running due timers. Which timer fires next?", {}};
    addChoice(draft, {timerText(found->second, state.now), "timer", id});
    std::vector<const TimerState*> others;
    for (const auto& [otherId, timer] : state.timers) {
        if (otherId != id) others.push_back(&timer);
    }
    std::sort(others.begin(), others.end(), [](const TimerState* a, const TimerState* b) {
        return a->due != b->due ? a->due < b->due : a->id < b->id;
    });
    for (const TimerState* timer : others) addChoice(draft, {timerText(*timer, state.now), "timer", timer->id});
    return draft;
}

bool hasSide(const PairState& pair, std::string_view side) {
    if (pair.side == "both" || pair.side == "callbacks" || pair.side == "continuation") return true;
    return pair.side == side;
}

std::string pairText(const DeferredState& deferred, const PairState& pair, std::string_view side) {
    std::string text = "Deferred " + std::to_string(deferred.id) + ", pair " + std::to_string(pair.number);
    if (!pair.label.empty()) text += " (" + pair.label + ")";
    return text + ": its " + std::string(side) + " runs";
}

// A Deferred step: the other side of the same pair, the next pair down the ladder, then the next
// step of another chain that has pairs left.
std::optional<Draft> deferredQuestion(const LoopState& state, const TraceJson& event) {
    std::int64_t id = intField(event, "deferred");
    std::int64_t number = intField(event, "pair");
    std::string side = textField(event, "side");
    auto found = state.deferreds.find(id);
    if (found == state.deferreds.end()) return std::nullopt;
    const DeferredState& deferred = found->second;
    auto pair = std::find_if(deferred.pairs.begin(), deferred.pairs.end(),
                             [&](const PairState& p) { return p.number == number; });
    if (pair == deferred.pairs.end()) return std::nullopt;
    Draft draft{QuestionTopic::deferred, "A result is going down a Deferred's ladder. Which callback runs next?", {}};
    addChoice(draft, {pairText(deferred, *pair, side), "deferred", id});
    std::string other = side == "callback" ? "errback" : "callback";
    if (hasSide(*pair, other)) addChoice(draft, {pairText(deferred, *pair, other), "deferred", id});
    for (auto next = pair + 1; next != deferred.pairs.end(); ++next) {
        if (next->ran) continue;
        for (std::string_view s : {std::string_view(side), std::string_view(other)}) {
            if (hasSide(*next, s)) addChoice(draft, {pairText(deferred, *next, s), "deferred", id});
        }
        break;
    }
    for (const auto& [otherId, chain] : state.deferreds) {
        if (otherId == id) continue;
        auto first = std::find_if(chain.pairs.begin(), chain.pairs.end(), [](const PairState& p) { return !p.ran; });
        if (first == chain.pairs.end()) continue;
        std::string_view s = hasSide(*first, "callback") ? "callback" : "errback";
        addChoice(draft, {pairText(chain, *first, s), "deferred", otherId});
    }
    return draft;
}

std::string connectionText(const ConnectionState& connection, const std::string& reason) {
    std::string text = "Connection " + std::to_string(connection.id);
    if (!connection.side.empty()) text += " (" + connection.side + ")";
    return text + " closes: " + reason;
}

// A connection closing: the same connection for another reason, another open connection.
std::optional<Draft> connectionQuestion(const LoopState& state, const TraceJson& event) {
    static const std::string kReasons[] = {"lab::ConnectionDone: this side closed the connection",
                                           "lab::ConnectionDone: the peer closed the connection",
                                           "lab::ConnectionAborted: abortConnection() was called"};
    std::int64_t id = intField(event, "connection");
    std::string reason = textField(event, "reason");
    auto found = state.connections.find(id);
    if (found == state.connections.end()) return std::nullopt;
    Draft draft{QuestionTopic::connection, "Which connection closes next, and why?", {}};
    addChoice(draft, {connectionText(found->second, reason), "connection", id});
    const std::string* otherReason = nullptr;
    for (const std::string& r : kReasons) {
        if (r != reason) {
            otherReason = &r;
            break;
        }
    }
    addChoice(draft, {connectionText(found->second, *otherReason), "connection", id});
    for (const auto& [otherId, connection] : state.connections) {
        bool open = connection.state != "closed" && connection.state != "failed";
        if (otherId != id && open) addChoice(draft, {connectionText(connection, reason), "connection", otherId});
    }
    for (const std::string& r : kReasons) {
        if (r != reason) addChoice(draft, {connectionText(found->second, r), "connection", id});
    }
    return draft;
}

std::optional<Draft> draftAt(const LoopState& state, const TraceJson& event, std::string_view k, std::int64_t firstIter) {
    if (k == kind::handlerCalled) return handlerQuestion(state, event);
    if (k == kind::timerFired) return timerQuestion(state, event);
    if (k == kind::deferredCallbackRan) return deferredQuestion(state, event);
    if (k == kind::connectionClosed) return connectionQuestion(state, event);
    if (isAskedPhase(k)) return phaseQuestion(state, k, firstIter);
    return std::nullopt;
}

// A generator with the same numbers on every platform: std::mt19937's sequence is fixed by the
// standard, its distributions are not, so indexes are taken with %.
std::mt19937 rngFor(std::uint32_t seed, std::size_t salt) {
    std::seed_seq sequence{seed, static_cast<std::uint32_t>(salt), static_cast<std::uint32_t>(salt >> 32)};
    return std::mt19937(sequence);
}

template <typename T>
void shuffle(std::vector<T>& items, std::mt19937& rng) {
    for (std::size_t i = items.size(); i > 1; --i) std::swap(items[i - 1], items[rng() % i]);
}

}  // namespace

std::string_view topicName(QuestionTopic topic) {
    switch (topic) {
        case QuestionTopic::phase: return "phase";
        case QuestionTopic::handler: return "handler";
        case QuestionTopic::timer: return "timer";
        case QuestionTopic::deferred: return "deferred";
        case QuestionTopic::connection: return "connection";
    }
    return "?";
}

std::vector<Question> generateQuestions(const TraceModel& model, std::uint32_t seed) {
    std::vector<Question> questions;
    int firstIterKind = model.kindId(kind::iterationBegin);
    std::int64_t firstIter = -1;
    if (firstIterKind >= 0 && !model.eventsOfKind(static_cast<KindId>(firstIterKind)).empty()) {
        firstIter = model.head(model.eventsOfKind(static_cast<KindId>(firstIterKind)).front()).iter;
    }
    LoopState state;
    for (std::size_t i = 0; i < model.size(); ++i) {
        const TraceJson& event = model.json(i);
        std::optional<Draft> draft = draftAt(state, event, model.kindOf(i), firstIter);
        if (draft && draft->choices.size() >= kMinChoices) {
            Question question{i, draft->topic, std::move(draft->prompt), std::move(draft->choices), 0, explain(event)};
            Choice truth = question.choices.front();
            std::mt19937 rng = rngFor(seed, i);
            shuffle(question.choices, rng);
            question.answer = static_cast<std::size_t>(
                std::find(question.choices.begin(), question.choices.end(), truth) - question.choices.begin());
            questions.push_back(std::move(question));
        }
        state.apply(event, i);
    }
    return questions;
}

std::vector<Question> chooseQuiz(const std::vector<Question>& questions, std::size_t count, std::uint32_t seed) {
    std::map<QuestionTopic, std::vector<const Question*>> byTopic;
    for (const Question& q : questions) byTopic[q.topic].push_back(&q);
    std::mt19937 rng = rngFor(seed, 0);
    for (auto& [topic, list] : byTopic) shuffle(list, rng);
    std::vector<const Question*> picked;
    for (std::size_t round = 0; picked.size() < count; ++round) {
        bool any = false;
        for (auto& [topic, list] : byTopic) {
            if (round < list.size() && picked.size() < count) {
                picked.push_back(list[round]);
                any = true;
            }
        }
        if (!any) break;
    }
    std::sort(picked.begin(), picked.end(), [](const Question* a, const Question* b) { return a->event < b->event; });
    std::vector<Question> quiz;
    for (const Question* q : picked) quiz.push_back(*q);
    return quiz;
}

std::size_t quizPassMark(std::size_t count) { return (count * 3 + 3) / 4; }

}  // namespace lab::viz
