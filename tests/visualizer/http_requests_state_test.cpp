// LoopState's HTTP requests (model/loop_state_http.cpp) over the golden traces of chapters 08
// (a quick answer and one that waits for a timer), 09 (event streams that stay open) and 10
// (REST requests answered 200, 500, 502 and 504, and one closed unanswered). Every expectation is
// read from the trace itself: the event that should change a request, and what it carries.
#include <catch2/catch.hpp>

#include <algorithm>
#include <deque>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "model/keyframes.h"
#include "model/loop_state.h"
#include "model/replay_cursor.h"
#include "trace/trace_fields.h"
#include "trace_fixtures.h"

using namespace lab;
using namespace lab::viz;
using namespace lab::viz::test;
using Stage = HttpRequestState::Stage;

namespace {

TraceModel lessonTrace(const std::string& chapter) {
    return TraceModel::load(std::string(REACTOR_LAB_SOURCE_DIR) + "/lessons/" + chapter + "/expected.jsonl");
}

// The state after each event: states[i] is the fold of events 0..i.
std::vector<LoopState> foldEach(const TraceModel& model) {
    std::vector<LoopState> states;
    LoopState state;
    for (std::size_t i = 0; i < model.size(); ++i) {
        state.apply(model.json(i), i);
        states.push_back(state);
    }
    return states;
}

const HttpRequestState* requestNumbered(const LoopState& state, std::int64_t number) {
    auto found = std::find_if(state.httpRequests.begin(), state.httpRequests.end(),
                              [&](const HttpRequestState& r) { return r.number == number; });
    return found == state.httpRequests.end() ? nullptr : &*found;
}

std::int64_t connectionOf(const TraceModel& model, std::size_t i) { return intField(model.json(i), "connection", -1); }

// The trace read the test's own way: each http_request, the http_response that answers it (the
// n-th response on a connection answers its n-th request), and its connection's closing.
struct ExpectedRequest {
    std::int64_t number = 0;
    std::size_t request = 0;
    std::optional<std::size_t> response, closed;
};

std::vector<ExpectedRequest> expectedRequests(const TraceModel& model) {
    std::vector<ExpectedRequest> all;
    std::map<std::int64_t, std::deque<std::size_t>> waiting;  // connection -> positions in `all`
    for (std::size_t i = 0; i < model.size(); ++i) {
        std::string_view k = model.kindOf(i);
        std::int64_t connection = connectionOf(model, i);
        if (k == kind::httpRequest) {
            waiting[connection].push_back(all.size());
            all.push_back({static_cast<std::int64_t>(all.size()) + 1, i, {}, {}});
        } else if (k == kind::httpResponse && !waiting[connection].empty()) {
            all[waiting[connection].front()].response = i;
            waiting[connection].pop_front();
        } else if (k == kind::connectionClosed) {
            for (ExpectedRequest& r : all) {
                if (connectionOf(model, r.request) == connection && !r.closed) r.closed = i;
            }
        }
    }
    return all;
}

}  // namespace

TEST_CASE("HTTP requests: each appears at its http_request with its method and target, being handled") {
    for (const char* chapter : {"08-http-server", "09-real-time", "10-rest-services"}) {
        INFO("lessons/" << chapter);
        TraceModel model = lessonTrace(chapter);
        std::vector<LoopState> states = foldEach(model);
        std::vector<ExpectedRequest> expected = expectedRequests(model);
        REQUIRE(expected.size() >= 2);
        for (const ExpectedRequest& r : expected) {
            INFO("request " << r.number << " at event " << r.request);
            const TraceJson& event = model.json(r.request);
            CHECK(requestNumbered(states[r.request - 1], r.number) == nullptr);
            const HttpRequestState* request = requestNumbered(states[r.request], r.number);
            REQUIRE(request);
            CHECK(request->connection == connectionOf(model, r.request));
            CHECK(request->method == textField(event, "method"));
            CHECK(request->target == textField(event, "target"));
            CHECK(request->stage() == Stage::handling);
            CHECK(stageLabel(request->stage()) == "being handled");
        }
    }
}

TEST_CASE("HTTP requests: the response that answers one gives its status and bytes, and it is sent when the buffer empties") {
    for (const char* chapter : {"08-http-server", "10-rest-services"}) {
        INFO("lessons/" << chapter);
        TraceModel model = lessonTrace(chapter);
        std::vector<LoopState> states = foldEach(model);
        std::size_t answered = 0;
        for (const ExpectedRequest& r : expectedRequests(model)) {
            if (!r.response) continue;
            ++answered;
            INFO("request " << r.number << ", response at event " << *r.response);
            CHECK(requestNumbered(states[*r.response - 1], r.number)->stage() == Stage::handling);
            const HttpRequestState* request = requestNumbered(states[*r.response], r.number);
            REQUIRE(request);
            CHECK(request->status == intField(model.json(*r.response), "status"));
            CHECK(request->bytes == intField(model.json(*r.response), "bytes"));
            CHECK(request->stage() == Stage::responseBuffered);
            // The first bytes_sent on its connection that leaves nothing buffered sends it.
            std::size_t sent = *r.response + 1;
            while (sent < model.size() && !(model.kindOf(sent) == kind::bytesSent &&
                                            connectionOf(model, sent) == request->connection &&
                                            intField(model.json(sent), "buffered", -1) == 0)) {
                ++sent;
            }
            REQUIRE(sent < model.size());
            CHECK(requestNumbered(states[sent - 1], r.number)->stage() == Stage::responseBuffered);
            CHECK(requestNumbered(states[sent], r.number)->stage() == Stage::responseSent);
            CHECK(requestNumbered(states.back(), r.number)->stage() == Stage::responseSent);
        }
        CHECK(answered >= 2);
    }
}

TEST_CASE("HTTP requests: chapter 08's /report waits for its timer while /hello is answered at once") {
    TraceModel model = lessonTrace("08-http-server");
    std::vector<LoopState> states = foldEach(model);
    std::vector<ExpectedRequest> expected = expectedRequests(model);
    REQUIRE(expected.size() == 2);
    const ExpectedRequest& report = expected[1];
    REQUIRE(report.response);
    // Between its request and its response a timer fired: the request was being handled all along.
    bool timerFired = false;
    for (std::size_t i = report.request; i < *report.response; ++i) {
        timerFired = timerFired || model.kindOf(i) == kind::timerFired;
        CHECK(requestNumbered(states[i], report.number)->stage() == Stage::handling);
    }
    CHECK(timerFired);
    CHECK(model.json(expected[0].request).value("target", "") == "/hello");
    CHECK(*expected[0].response - expected[0].request < 5);
}

TEST_CASE("HTTP requests: chapter 09's event streams stay open, count the events broadcast and close with their connection") {
    TraceModel model = lessonTrace("09-real-time");
    std::vector<LoopState> states = foldEach(model);
    std::vector<ExpectedRequest> expected = expectedRequests(model);
    REQUIRE(expected.size() == 3);
    for (const ExpectedRequest& r : expected) {
        INFO("request " << r.number);
        REQUIRE(r.response);
        REQUIRE(r.closed);
        std::int64_t connection = connectionOf(model, r.request);
        std::int64_t streamed = 0, broadcasts = 0;
        bool streaming = false;
        for (std::size_t i = *r.response + 1; i < *r.closed; ++i) {
            if (model.kindOf(i) == kind::bytesBuffered && connectionOf(model, i) == connection) {
                streamed += intField(model.json(i), "bytes");
                if (!streaming) {
                    // Written after its response with no request between: from here it is a stream.
                    CHECK(requestNumbered(states[i - 1], r.number)->stage() != Stage::streaming);
                    streaming = true;
                }
            }
            if (model.kindOf(i) == kind::sseBroadcast) ++broadcasts;
            const HttpRequestState* request = requestNumbered(states[i], r.number);
            REQUIRE(request);
            if (streaming) CHECK(request->stage() == Stage::streaming);
            CHECK(request->streamBytes == streamed);
            CHECK(request->eventsSent == broadcasts);
        }
        CHECK(broadcasts == 2);
        CHECK(stageLabel(requestNumbered(states[*r.closed - 1], r.number)->stage()) == "streaming events");
        const HttpRequestState* closed = requestNumbered(states[*r.closed], r.number);
        CHECK(closed->stage() == Stage::streamClosed);
        CHECK(closed->status == intField(model.json(*r.response), "status"));
    }
}

TEST_CASE("HTTP requests: chapter 10's request whose client went away is closed unanswered and every status is shown") {
    TraceModel model = lessonTrace("10-rest-services");
    std::vector<LoopState> states = foldEach(model);
    std::vector<ExpectedRequest> expected = expectedRequests(model);
    std::multiset<std::int64_t> statusesInTrace, statusesShown;
    for (std::size_t i : model.eventsOfKind(static_cast<KindId>(model.kindId(kind::httpResponse)))) {
        statusesInTrace.insert(intField(model.json(i), "status"));
    }
    std::size_t unanswered = 0;
    for (const ExpectedRequest& r : expected) {
        const HttpRequestState* last = requestNumbered(states.back(), r.number);
        REQUIRE(last);
        if (last->responded) statusesShown.insert(last->status);
        if (r.response) continue;
        ++unanswered;
        REQUIRE(r.closed);
        CHECK(requestNumbered(states[*r.closed - 1], r.number)->stage() == Stage::handling);
        CHECK(requestNumbered(states[*r.closed], r.number)->stage() == Stage::closedUnanswered);
    }
    CHECK(unanswered == 1);
    CHECK(statusesShown == statusesInTrace);
    CHECK(statusesShown.count(504) == 1);
}

TEST_CASE("HTTP requests: stepping backward through chapter 09 gives the requests a fresh fold gives") {
    TraceModel model = lessonTrace("09-real-time");
    std::vector<LoopState> states = foldEach(model);
    Keyframes keyframes(model, 16);
    ReplayCursor cursor(model, keyframes);
    cursor.toEnd();
    while (!cursor.atStart()) {
        cursor.stepBack();
        if (cursor.atStart()) break;
        INFO("position " << cursor.position());
        CHECK(cursor.state().httpRequests == states[cursor.position() - 1].httpRequests);
        CHECK(cursor.state() == states[cursor.position() - 1]);
    }
    CHECK(cursor.state().httpRequests.empty());
}

TEST_CASE("HTTP requests: an answer to a request that did not parse is its own row, not a stream of the one before") {
    TraceModel model = modelFromText(
        R"({"seq":1,"t":0,"iter":1,"kind":"http_request","connection":1,"method":"GET","target":"/a"}
{"seq":2,"t":0,"iter":1,"kind":"bytes_buffered","connection":1,"bytes":40,"buffered":40}
{"seq":3,"t":0,"iter":1,"kind":"http_response","connection":1,"status":200,"bytes":40}
{"seq":4,"t":0,"iter":2,"kind":"bytes_sent","connection":1,"bytes":40,"buffered":0}
{"seq":5,"t":0,"iter":3,"kind":"bytes_buffered","connection":1,"bytes":70,"buffered":70}
{"seq":6,"t":0,"iter":3,"kind":"http_response","connection":1,"status":400,"bytes":70}
)");
    LoopState state;
    for (std::size_t i = 0; i < 5; ++i) state.apply(model.json(i), i);
    CHECK(state.httpRequests.front().stage() == Stage::streaming);  // as far as the trace has said
    state.apply(model.json(5), 5);
    REQUIRE(state.httpRequests.size() == 2);
    CHECK(state.httpRequests[0].stage() == Stage::responseSent);
    CHECK(state.httpRequests[0].streamBytes == 0);
    CHECK(state.httpRequests[1].method.empty());
    CHECK(state.httpRequests[1].status == 400);
    CHECK(state.httpRequests[1].stage() == Stage::responseBuffered);
}

TEST_CASE("HTTP requests: finished requests keep only the last few, live ones all stay") {
    std::string lines;
    int seq = 0;
    auto line = [&](const std::string& rest) { lines += "{\"seq\":" + std::to_string(++seq) + ",\"t\":0,\"iter\":1," + rest + "}\n"; };
    line(R"("kind":"http_request","connection":100,"method":"GET","target":"/live")");
    for (int c = 1; c <= 30; ++c) {
        std::string id = std::to_string(c);
        line(R"("kind":"http_request","connection":)" + id + R"(,"method":"GET","target":"/)" + id + "\"");
        line(R"("kind":"http_response","connection":)" + id + R"(,"status":200,"bytes":10)");
        line(R"("kind":"connection_closed","connection":)" + id + R"(,"fd":5,"reason":"done")");
    }
    TraceModel model = modelFromText(lines);
    LoopState state;
    for (std::size_t i = 0; i < model.size(); ++i) state.apply(model.json(i), i);
    CHECK(state.httpRequestsSeen == 31);
    REQUIRE(state.httpRequests.size() == LoopState::kMaxKept + 1);
    CHECK(state.httpRequests.front().target == "/live");
    CHECK(state.httpRequests.front().stage() == Stage::handling);
    CHECK(state.httpRequests.back().target == "/30");
    CHECK(state.httpRequests[1].number == 31 - static_cast<std::int64_t>(LoopState::kMaxKept) + 1);
}
