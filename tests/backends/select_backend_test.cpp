// SelectBackend refuses descriptors its fd_set cannot hold; the reactor reports the refusal.
#include <catch2/catch.hpp>

#include <sys/select.h>

#include "backends/poll_backend.h"
#include "backends/select_backend.h"
#include "core/errors.h"
#include "core/reactor.h"
#include "support/recording_handler.h"
#include "trace/memory_sink.h"

using namespace lab;
using namespace lab::test;

TEST_CASE("SelectBackend: refuses fd >= FD_SETSIZE with a message that names the limit and the way out") {
    SelectBackend backend;
    try {
        backend.setInterest(FD_SETSIZE, true, false);
        FAIL("no exception");
    } catch (const FdOutOfRange& e) {
        std::string what = e.what();
        CHECK(what.find("fd " + std::to_string(FD_SETSIZE)) != std::string::npos);
        CHECK(what.find("FD_SETSIZE") != std::string::npos);
        CHECK(what.find("poll") != std::string::npos);
    }
    CHECK(backend.watchedCount() == 0);
    CHECK_NOTHROW(backend.setInterest(FD_SETSIZE - 1, true, false));
}

TEST_CASE("PollBackend: accepts fd >= FD_SETSIZE") {
    PollBackend backend;
    CHECK_NOTHROW(backend.setInterest(FD_SETSIZE + 500, true, false));
    CHECK(backend.watchedCount() == 1);
}

TEST_CASE("Reactor on select: a handler with fd >= FD_SETSIZE is refused, traced, and not registered") {
    ManualClock clock;
    MemorySink sink;
    Reactor reactor({"select", &clock, &sink});
    RecordingHandler tooHigh(FD_SETSIZE + 10, "Big");
    CHECK_THROWS_AS(reactor.addReader(tooHigh), FdOutOfRange);
    CHECK(reactor.getReaders().empty());
    auto refused = sink.ofKind("fd_refused");
    REQUIRE(refused.size() == 1);
    CHECK(refused[0]["fd"] == FD_SETSIZE + 10);
    CHECK(refused[0]["backend"] == "select");
    CHECK(sink.ofKind("reader_added").empty());
}
