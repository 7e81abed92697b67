// reactor-trace run as a learner runs it: exit codes and messages on bad flags and bad traces,
// diff finding a divergence planted at a known seq, stats agreeing with counts made here from the
// raw lines of every golden trace, print's filters, and export writing a file that parses.
#include <catch2/catch.hpp>

#include <sys/wait.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <set>
#include <sstream>

#include "cli.h"
#include "model/trace_model.h"
#include "trace/trace_json.h"

using lab::TraceJson;
namespace fs = std::filesystem;

namespace {

struct Run {
    int status = -1;
    std::string output;  // stdout and stderr together
};

// `shellFirst`: shell commands run before it, in the same shell (a limit to set, say).
Run reactorTrace(const std::string& arguments, bool withStderr = true, const std::string& shellFirst = "") {
    std::string command = shellFirst + std::string(REACTOR_LAB_BINARY_DIR) + "/bin/reactor-trace " + arguments +
                          (withStderr ? " 2>&1" : " 2>/dev/null");
    Run run;
    FILE* pipe = ::popen(command.c_str(), "r");
    REQUIRE(pipe);
    char buffer[4096];
    for (std::size_t n; (n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0;) run.output.append(buffer, n);
    int status = ::pclose(pipe);
    run.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return run;
}

std::string source(const std::string& path) { return std::string(REACTOR_LAB_SOURCE_DIR) + "/" + path; }

std::string scratch(const std::string& name) {
    fs::path dir = fs::path(REACTOR_LAB_BINARY_DIR) / "tests" / "trace-cli";
    fs::create_directories(dir);
    return (dir / name).string();
}

std::vector<std::string> readLines(const std::string& path) {
    std::ifstream in(path);
    std::vector<std::string> lines;
    for (std::string line; std::getline(in, line);) lines.push_back(line);
    return lines;
}

void writeLines(const std::string& path, const std::vector<std::string>& lines) {
    std::ofstream out(path, std::ios::trunc);
    for (const std::string& line : lines) out << line << "\n";
}

std::vector<std::string> goldenTraces() {
    std::vector<std::string> files;
    for (const auto& entry : fs::directory_iterator(source("lessons"))) {
        if (fs::is_regular_file(entry.path() / "expected.jsonl")) files.push_back((entry.path() / "expected.jsonl").string());
    }
    std::sort(files.begin(), files.end());
    return files;
}

}  // namespace

TEST_CASE("reactor-trace: bad commands and flags exit 2 and print the usage") {
    for (const std::string& arguments :
         {std::string(""), std::string("frobnicate"), "stats " + source("traces/edge/valid.jsonl") + " --bogus",
          "print " + source("traces/edge/valid.jsonl") + " --from abc", "print " + source("traces/edge/valid.jsonl") + " --iter",
          "export " + source("traces/edge/valid.jsonl") + " out.json", std::string("diff only-one.jsonl"),
          std::string("validate")}) {
        INFO("reactor-trace " << arguments);
        Run run = reactorTrace(arguments);
        CHECK(run.status == 2);
        CHECK(run.output.find("usage: reactor-trace") != std::string::npos);
    }
}

TEST_CASE("reactor-trace: validate names each bad line as file:line: reason and exits 1") {
    Run good = reactorTrace("validate " + source("traces/edge/valid.jsonl"));
    CHECK(good.status == 0);
    CHECK(good.output.find("OK, 3 events") != std::string::npos);
    Run bad = reactorTrace("validate " + source("traces/edge/not_json.jsonl") + " " + source("traces/edge/seq_backwards.jsonl"));
    CHECK(bad.status == 1);
    CHECK(bad.output.find("not_json.jsonl:3: not valid JSON") != std::string::npos);
    CHECK(bad.output.find("seq_backwards.jsonl:4: seq 2 does not follow seq") != std::string::npos);
    CHECK(reactorTrace("validate " + source("traces/edge/truncated.jsonl")).status == 1);
    Run missing = reactorTrace("validate " + scratch("no-such-trace.jsonl"));
    CHECK(missing.status == 2);
    CHECK(missing.output.find("no-such-trace.jsonl:0: cannot open") != std::string::npos);
}

TEST_CASE("reactor-trace: validate reports a gap in seq and an id that is not a number, at their lines") {
    std::vector<std::string> lines = readLines(source("lessons/01-event-loop/expected.jsonl"));
    REQUIRE(lines.size() > 10);
    lines.erase(lines.begin() + 5);  // file line 6 (seq 5) is gone: line 6 now holds seq 6
    lines[2] = R"({"seq":2,"t":0,"iter":0,"kind":"timer_cancelled","timer":"two"})";
    writeLines(scratch("gap.jsonl"), lines);
    Run run = reactorTrace("validate " + scratch("gap.jsonl"));
    CHECK(run.status == 1);
    CHECK(run.output.find("gap.jsonl:3: \"timer\" must be a whole number") != std::string::npos);
    CHECK(run.output.find("gap.jsonl:6: seq 6 where seq 5 was due: 1 event(s) missing") != std::string::npos);
}

TEST_CASE("reactor-trace: diff finds a divergence planted at a known seq, and ignores renumbered descriptors") {
    std::string golden = source("lessons/03-echo-server/expected.jsonl");
    std::vector<std::string> lines = readLines(golden);
    // Every fd moved up by 10: the same trace after normalization.
    std::vector<std::string> shifted;
    for (const std::string& line : lines) {
        TraceJson json = TraceJson::parse(line);
        for (const char* key : {"fd", "readers", "writers", "readable", "writable", "disconnected"}) {
            if (!json.contains(key)) continue;
            if (json[key].is_array()) {
                for (auto& fd : json[key]) fd = fd.get<int>() + 10;
            } else {
                json[key] = json[key].get<int>() + 10;
            }
        }
        shifted.push_back(json.dump());
    }
    writeLines(scratch("shifted.jsonl"), shifted);
    Run same = reactorTrace("diff " + golden + " " + scratch("shifted.jsonl"));
    CHECK(same.status == 0);
    CHECK(same.output.find("are the same") != std::string::npos);

    // Plant a difference at the event with seq 42: one more byte read.
    std::vector<std::string> planted = lines;
    std::size_t at = 0;
    for (std::size_t i = 1; i < planted.size(); ++i) {
        TraceJson json = TraceJson::parse(planted[i]);
        if (json["seq"] != 42) continue;
        REQUIRE(json.contains("bytes"));
        json["bytes"] = json["bytes"].get<int>() + 1;
        planted[i] = json.dump();
        at = i;
    }
    REQUIRE(at > 0);
    writeLines(scratch("planted.jsonl"), planted);
    Run differ = reactorTrace("diff " + golden + " " + scratch("planted.jsonl"));
    CHECK(differ.status == 1);
    CHECK(differ.output.find("first difference at seq 42") != std::string::npos);
    CHECK(differ.output.find("+ " + scratch("planted.jsonl") + ":" + std::to_string(at + 1)) != std::string::npos);

    // A trace cut short differs where it ends.
    std::vector<std::string> cut(lines.begin(), lines.begin() + 30);
    writeLines(scratch("cut.jsonl"), cut);
    Run shorter = reactorTrace("diff " + golden + " " + scratch("cut.jsonl"));
    CHECK(shorter.status == 1);
    CHECK(shorter.output.find("first difference at seq 30") != std::string::npos);
}

TEST_CASE("reactor-trace: stats --json agrees with counts made from the raw lines of every golden trace") {
    for (const std::string& file : goldenTraces()) {
        INFO(file);
        Run run = reactorTrace("stats --json " + file, false);
        REQUIRE(run.status == 0);
        TraceJson stats = TraceJson::parse(run.output);
        std::vector<std::string> lines = readLines(file);
        std::map<std::string, std::size_t> kinds;
        std::set<std::int64_t> iters, connections, threads;
        std::size_t created = 0, scheduled = 0, fired = 0, cancelled = 0;
        std::int64_t first = -1, last = 0;
        for (std::size_t i = 1; i < lines.size(); ++i) {
            TraceJson event = TraceJson::parse(lines[i]);
            std::string kind = event["kind"];
            ++kinds[kind];
            if (event["iter"] != 0) iters.insert(event["iter"].get<std::int64_t>());
            if (event.contains("connection")) connections.insert(event["connection"].get<std::int64_t>());
            if (event.contains("thread")) threads.insert(event["thread"].get<std::int64_t>());
            created += kind == "deferred_created";
            scheduled += kind == "timer_scheduled";
            fired += kind == "timer_fired";
            cancelled += kind == "timer_cancelled";
            if (first < 0) first = event["t"];
            last = event["t"];
        }
        CHECK(stats["events"] == lines.size() - 1);
        CHECK(stats["iterations"] == iters.size());
        CHECK(stats["connections"] == connections.size());
        CHECK(stats["threads"] == threads.size());
        CHECK(stats["deferreds"] == created);
        CHECK(stats["timers"]["scheduled"] == scheduled);
        CHECK(stats["timers"]["fired"] == fired);
        CHECK(stats["timers"]["cancelled"] == cancelled);
        CHECK(stats["duration_ns"] == last - first);
        REQUIRE(stats["kinds"].size() == kinds.size());
        for (const auto& [kind, count] : kinds) CHECK(stats["kinds"][kind] == count);
    }
}

TEST_CASE("reactor-trace: print replays with the phase and explanation, filters by kind and seq, plain when piped") {
    std::string golden = source("lessons/01-event-loop/expected.jsonl");
    std::size_t fired = 0;
    for (const std::string& line : readLines(golden)) fired += line.find("\"kind\":\"timer_fired\"") != std::string::npos;
    REQUIRE(fired > 0);
    Run run = reactorTrace("print " + golden + " --kind timer_fired");
    CHECK(run.status == 0);
    CHECK(run.output.find(std::to_string(fired) + " of ") != std::string::npos);
    CHECK(run.output.find("[Run due timers]  Timer fired") != std::string::npos);
    CHECK(run.output.find("is due: the loop calls its function now.") != std::string::npos);
    CHECK(run.output.find("Timer scheduled") == std::string::npos);
    CHECK(run.output.find('\033') == std::string::npos);

    Run window = reactorTrace("print " + golden + " --from 8 --to 10");
    CHECK(window.output.find("3 of ") != std::string::npos);
    CHECK(window.output.find("#8 ") != std::string::npos);
    CHECK(window.output.find("#11 ") == std::string::npos);
    CHECK(reactorTrace("print " + golden + " --kind no_such_kind").status == 2);
}

TEST_CASE("reactor-trace: export --chrome writes a JSON file with traceEvents, and a bad trace exits 1") {
    std::string out = scratch("lesson-05.chrome.json");
    fs::remove(out);
    Run run = reactorTrace("export --chrome " + source("lessons/05-deferreds/expected.jsonl") + " " + out);
    CHECK(run.status == 0);
    std::ifstream in(out);
    TraceJson doc = TraceJson::parse(in, nullptr, false);
    REQUIRE_FALSE(doc.is_discarded());
    CHECK(doc["traceEvents"].size() > 10);
    Run bad = reactorTrace("export --chrome " + source("traces/edge/not_json.jsonl") + " " + scratch("bad.chrome.json"));
    CHECK(bad.status == 1);
    CHECK(bad.output.find("not_json.jsonl:3: not valid JSON") != std::string::npos);
    CHECK(reactorTrace("export --chrome " + source("traces/edge/valid.jsonl") + " /nonexistent-dir/out.json").status == 2);
}

TEST_CASE("reactor-trace: export --chrome that cannot finish its output says why, exits 2 and leaves no half-written file") {
    std::string lesson = source("lessons/10-rest-services/expected.jsonl");  // its export is about 150 KB
    // A device whose every write fails: said, exit 2, and a device is never removed.
    Run full = reactorTrace("export --chrome " + lesson + " /dev/full");
    CHECK(full.status == 2);
    CHECK(full.output.find("No space left on device") != std::string::npos);
    CHECK(fs::exists("/dev/full"));
    // A file that reaches the size limit part way (SIGXFSZ ignored, so the write fails): removed.
    std::string out = scratch("too-big.chrome.json");
    fs::remove(out);
    Run cut = reactorTrace("export --chrome " + lesson + " " + out, true, "ulimit -f 16; trap '' XFSZ; ");
    CHECK(cut.status == 2);
    CHECK(cut.output.find(out + " removed") != std::string::npos);
    CHECK_FALSE(fs::exists(out));
    // A directory is not a trace with no events (it used to pass as one, for every subcommand).
    Run directory = reactorTrace("export --chrome " + source("traces") + " " + scratch("directory.chrome.json"));
    CHECK(directory.status == 2);
    CHECK(directory.output.find("traces:0: cannot open: Is a directory") != std::string::npos);
    CHECK(reactorTrace("validate " + source("traces")).status == 2);
    // OUT naming IN would truncate it before its second read: a usage error, IN left whole.
    std::string copy = scratch("in-is-out.jsonl");
    fs::copy_file(source("traces/edge/valid.jsonl"), copy, fs::copy_options::overwrite_existing);
    Run same = reactorTrace("export --chrome " + copy + " " + copy);
    CHECK(same.status == 2);
    CHECK(same.output.find("OUT is IN") != std::string::npos);
    CHECK(readLines(copy) == readLines(source("traces/edge/valid.jsonl")));
}

TEST_CASE("reactor-trace print --follow: a trace written while followed, cut anywhere, prints as the finished file does and stops at run_end") {
    std::string golden = source("lessons/03-echo-server/expected.jsonl");
    std::ifstream in(golden, std::ios::binary);
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    std::ostringstream wholeOut, wholeErr;
    REQUIRE(lab::cli::runPrint({golden}, wholeOut, wholeErr, false, [] { return false; }) == 0);
    std::string path = scratch("followed.jsonl");
    for (std::size_t piece : {97, 4096}) {
        INFO("pieces of " << piece << " bytes");
        std::ofstream(path, std::ios::binary | std::ios::trunc) << text.substr(0, piece);
        std::size_t at = piece;
        int waits = 0;
        // The writer: each time the follower has read all there is, one more piece arrives.
        auto more = [&] {
            ++waits;
            REQUIRE(waits < 100000);  // the follower stops soon after run_end
            if (at < text.size()) std::ofstream(path, std::ios::binary | std::ios::app) << text.substr(at, piece);
            at += piece;
            return true;
        };
        std::ostringstream out, err;
        CHECK(lab::cli::runPrint({path, "--follow"}, out, err, false, more) == 0);
        CHECK(out.str() == wholeOut.str());
        CHECK(err.str().empty());
        CHECK(waits >= static_cast<int>(text.size() / piece) - 1);
        CHECK(at <= text.size() + 2 * piece);  // it stopped by itself, one look after run_end
    }
}

TEST_CASE("reactor-trace print --follow: stopped while the last line is half written, it says so and shows the whole lines") {
    std::vector<std::string> lines = readLines(source("lessons/03-echo-server/expected.jsonl"));
    std::string path = scratch("half.jsonl");
    {
        std::ofstream out(path, std::ios::binary | std::ios::trunc);
        for (std::size_t i = 0; i < 6; ++i) out << lines[i] << "\n";
        out << lines[6].substr(0, 20);
    }
    std::ostringstream out, err;
    CHECK(lab::cli::runPrint({path, "--follow"}, out, err, false, [] { return false; }) == 0);
    CHECK(out.str().find("5 of 5 events shown") != std::string::npos);
    CHECK(err.str().find("half.jsonl: the last line is not finished") != std::string::npos);
}

TEST_CASE("reactor-trace stats, read as a stream, gives the numbers the visualizer's index gives, on every golden trace and edge fixture") {
    std::vector<std::string> files = goldenTraces();
    for (const auto& entry : fs::directory_iterator(source("traces/edge"))) {
        if (entry.path().extension() == ".jsonl") files.push_back(entry.path().string());
    }
    for (const std::string& file : files) {
        INFO(file);
        lab::viz::TraceModel model = lab::viz::TraceModel::load(file);
        Run run = reactorTrace("stats --json " + file, false);
        REQUIRE(run.status == (model.problems().empty() ? 0 : 1));
        TraceJson stats = TraceJson::parse(run.output);
        std::size_t iterations = 0;
        for (const lab::viz::IterationSpan& span : model.iterations()) iterations += span.iter != 0;
        CHECK(stats["events"] == model.size());
        CHECK(stats["iterations"] == iterations);
        CHECK(stats["connections"] == model.idsOf("connection").size());
        CHECK(stats["ports"] == model.idsOf("port").size());
        CHECK(stats["threads"] == model.idsOf("thread").size());
        CHECK(stats["duration_ns"] == model.lastTime() - model.firstTime());
        CHECK(stats["problems"] == model.problems().size());
        CHECK(stats["program"] == model.program());
        std::vector<std::string> kinds;
        for (const auto& [kind, count] : stats["kinds"].items()) {
            kinds.push_back(kind);
            CHECK(count == model.eventsOfKind(static_cast<lab::viz::KindId>(model.kindId(kind))).size());
        }
        CHECK(kinds == model.kindNames());
    }
}
