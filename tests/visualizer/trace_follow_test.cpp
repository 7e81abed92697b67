// Following a trace as it is written (reactor-viz --follow): a model fed by TraceFollower while the
// file grows in pieces, cut anywhere (mid-line too), ends up equal, index by index and keyframe by
// keyframe, to a model loaded from the finished file; a file not there yet is waited for; a file
// that shrinks is said once.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "model/keyframes.h"
#include "model/trace_follower.h"
#include "model/trace_model.h"

using namespace lab;
using namespace lab::viz;
namespace fs = std::filesystem;

namespace {

std::string source(const std::string& path) { return std::string(REACTOR_LAB_SOURCE_DIR) + "/" + path; }

std::string scratch(const std::string& name) {
    fs::path dir = fs::path(REACTOR_LAB_BINARY_DIR) / "tests" / "trace-follow";
    fs::create_directories(dir);
    return (dir / name).string();
}

std::string fileText(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

void append(const std::string& path, const std::string& text) {
    std::ofstream(path, std::ios::binary | std::ios::app) << text;
}

// Every index of `followed` equals the one a load of the finished file builds.
void checkSameIndex(const TraceModel& followed, const TraceModel& loaded) {
    REQUIRE(followed.size() == loaded.size());
    CHECK(followed.program() == loaded.program());
    CHECK(followed.source() == loaded.source());
    CHECK(followed.kindNames() == loaded.kindNames());
    for (std::size_t i = 0; i < loaded.size(); ++i) {
        if (followed.json(i) != loaded.json(i) || followed.fileLine(i) != loaded.fileLine(i) ||
            followed.head(i).seq != loaded.head(i).seq || followed.head(i).t != loaded.head(i).t ||
            followed.head(i).iter != loaded.head(i).iter || followed.head(i).kind != loaded.head(i).kind) {
            FAIL("event " << i << " differs");
        }
    }
    for (std::size_t k = 0; k < loaded.kindNames().size(); ++k) {
        CHECK(followed.eventsOfKind(static_cast<KindId>(k)) == loaded.eventsOfKind(static_cast<KindId>(k)));
    }
    REQUIRE(followed.iterations().size() == loaded.iterations().size());
    for (std::size_t n = 0; n < loaded.iterations().size(); ++n) {
        const IterationSpan& a = followed.iterations()[n];
        const IterationSpan& b = loaded.iterations()[n];
        CHECK((a.iter == b.iter && a.first == b.first && a.last == b.last && a.tBegin == b.tBegin && a.tEnd == b.tEnd));
    }
    for (std::string_view field : TraceModel::kIdFields) {
        REQUIRE(followed.idsOf(field) == loaded.idsOf(field));
        for (std::int64_t id : loaded.idsOf(field)) CHECK(followed.eventsFor(field, id) == loaded.eventsFor(field, id));
    }
    REQUIRE(followed.timers().size() == loaded.timers().size());
    for (const auto& [id, b] : loaded.timers()) {
        const TimerHistory& a = followed.timers().at(id);
        CHECK((a.scheduled == b.scheduled && a.cause == b.cause && a.fired == b.fired && a.cancelled == b.cancelled));
    }
}

std::vector<std::string> lessonTraces() {
    std::vector<std::string> files;
    for (const auto& entry : fs::directory_iterator(source("lessons"))) {
        for (const char* name : {"expected.jsonl", "twisted.jsonl"}) {
            if (fs::is_regular_file(entry.path() / name)) files.push_back((entry.path() / name).string());
        }
    }
    std::sort(files.begin(), files.end());
    return files;
}

}  // namespace

TEST_CASE("TraceFollower: every lesson trace, written in pieces cut anywhere while followed, indexes as its load does") {
    std::vector<std::string> files = lessonTraces();
    REQUIRE(files.size() >= 12);
    for (const std::string& file : files) {
        INFO(file);
        std::string text = fileText(file);
        TraceModel loaded = TraceModel::load(file);
        REQUIRE(loaded.problems().empty());
        Keyframes loadedFrames(loaded, 16);
        std::string path = scratch("growing.jsonl");
        for (std::size_t piece : {333, 5000}) {
            INFO("pieces of " << piece << " bytes");
            fs::remove(path);
            TraceModel model = TraceModel::following(path);
            Keyframes keyframes(model, 16);
            TraceFollower follower(path);
            CHECK(follower.catchUp(model, keyframes) == 0);  // not written yet
            CHECK_FALSE(follower.fileSeen());
            std::size_t arrived = 0;
            for (std::size_t at = 0; at < text.size(); at += piece) {
                append(path, text.substr(at, piece));
                // Small batches as well as whole catch-ups: a frame takes at most so many.
                for (std::size_t n; (n = follower.catchUp(model, keyframes, 7)) > 0;) arrived += n;
                CHECK(model.problems().empty());  // a half-written line is waited for
            }
            CHECK(arrived == loaded.size());
            checkSameIndex(model, loaded);
            REQUIRE(keyframes.count() == loadedFrames.count());
            for (std::size_t at : {std::size_t{0}, loaded.size() / 3, loaded.size() / 2, loaded.size()}) {
                CHECK(keyframes.stateAt(model, at) == loadedFrames.stateAt(loaded, at));
            }
        }
    }
}

TEST_CASE("TraceFollower: a followed file that gets shorter is said once, and what was read is kept") {
    std::string text = fileText(source("lessons/05-deferreds/expected.jsonl"));
    std::string path = scratch("shrinking.jsonl");
    std::ofstream(path, std::ios::binary | std::ios::trunc) << text;
    TraceModel model = TraceModel::following(path);
    Keyframes keyframes(model);
    TraceFollower follower(path);
    std::size_t first = follower.catchUp(model, keyframes);
    REQUIRE(first > 10);
    std::ofstream(path, std::ios::binary | std::ios::trunc) << text.substr(0, 200);  // its program started again
    CHECK(follower.catchUp(model, keyframes) == 0);
    CHECK(follower.catchUp(model, keyframes) == 0);
    REQUIRE(model.problems().size() == 1);
    CHECK(model.problems()[0].reason.find("got shorter") != std::string::npos);
    CHECK(model.size() == first);
}
