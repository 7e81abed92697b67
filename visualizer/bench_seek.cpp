// viz-bench-seek: how long seeking takes in a million-event trace (GUIDE.md section 7 asks for
// any step to render instantly; the target is a seek under 50 ms).
//   viz-bench-seek [--events N] [--trace FILE] [--interval K] [--seeks N]
// Records the synthetic workload (tools/synthetic_trace.h) into FILE unless it already exists,
// times what the viewer shows first of a big trace (its first events, app.cpp), then
// loads it and builds its keyframes together as the visualizer does, then again one after the
// other (each timed in wall and CPU time: on a busy machine the CPU time is the steadier number),
// then times random seeks, steps forward and steps back, and prints the peak resident memory. Prints numbers; a benchmark, never a unit test.
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <random>
#include <string>
#include <vector>

#include "model/keyframes.h"
#include "model/replay_cursor.h"
#include "model/trace_model.h"
#include "tools/synthetic_trace.h"
#include "trace/json_lines_sink.h"

using Clock = std::chrono::steady_clock;

namespace {
double msSince(Clock::time_point start) {
    return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

double cpuMs() {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return (static_cast<double>(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1e3) +
           static_cast<double>(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e3;
}

// The process's peak resident memory (VmHWM), which resetPeakRss() can bring back down to what
// is resident now (Linux's /proc/self/clear_refs, "5").
long peakRssMb() {
    std::FILE* status = std::fopen("/proc/self/status", "r");
    if (!status) return -1;
    char line[256];
    long kb = -1;
    while (std::fgets(line, sizeof line, status)) {
        if (std::sscanf(line, "VmHWM: %ld kB", &kb) == 1) break;
    }
    std::fclose(status);
    return kb < 0 ? -1 : kb / 1024;
}

void resetPeakRss() {
    if (std::FILE* refs = std::fopen("/proc/self/clear_refs", "w")) {
        std::fputs("5", refs);
        std::fclose(refs);
    }
}

void report(const char* what, std::vector<double> samples) {
    std::sort(samples.begin(), samples.end());
    double sum = 0;
    for (double s : samples) sum += s;
    std::printf("%-22s n=%zu  mean %.3f ms  median %.3f ms  p99 %.3f ms  max %.3f ms\n", what, samples.size(),
                sum / static_cast<double>(samples.size()), samples[samples.size() / 2],
                samples[samples.size() * 99 / 100], samples.back());
}
}  // namespace

int main(int argc, char** argv) {
    std::size_t events = 1'000'000;
    std::size_t interval = lab::viz::Keyframes::kDefaultInterval;
    int seekCount = 2000;
    // In the build tree, never in the sources: the synthetic trace is about 100 MB.
    std::string trace = std::string(VIZ_BENCH_DIR) + "/traces/synthetic-1m.jsonl";
    auto refuse = [](const std::string& why) {
        std::fprintf(stderr, "viz-bench-seek: %s\nusage: viz-bench-seek [--events N] [--trace FILE] [--interval K] [--seeks N]\n",
                     why.c_str());
        return 2;
    };
    auto number = [](const char* text, std::size_t& out) {
        char* end = nullptr;
        unsigned long long value = std::strtoull(text, &end, 10);
        if (*text == '\0' || *end != '\0' || *text == '-' || value == 0) return false;
        out = static_cast<std::size_t>(value);
        return true;
    };
    for (int i = 1; i < argc; i += 2) {
        std::string flag = argv[i];
        if (flag == "--help" || flag == "-h") {
            std::printf("usage: viz-bench-seek [--events N] [--trace FILE] [--interval K] [--seeks N]\n");
            return 0;
        }
        if (i + 1 >= argc) return refuse(flag + " needs a value");
        std::size_t value = 0;
        if (flag == "--trace") {
            trace = argv[i + 1];
        } else if (flag == "--events" || flag == "--interval" || flag == "--seeks") {
            if (!number(argv[i + 1], value)) return refuse(flag + " takes a positive whole number, got '" + argv[i + 1] + "'");
            if (flag == "--events") events = value;
            if (flag == "--interval") interval = value;
            if (flag == "--seeks") seekCount = static_cast<int>(value);
        } else {
            return refuse("unknown argument '" + flag + "'");
        }
    }
    if (!std::filesystem::exists(trace)) {
        std::filesystem::path parent = std::filesystem::path(trace).parent_path();
        if (!parent.empty()) std::filesystem::create_directories(parent);
        auto start = Clock::now();
        lab::JsonLinesSink sink(trace);
        lab::viz::recordSyntheticTrace(sink, events);
        sink.close();
        std::printf("recorded %s in %.0f ms\n", trace.c_str(), msSince(start));
    }
    auto start = Clock::now();
    double cpu = cpuMs();
    {
        // What reactor-viz shows of a big trace while the rest indexes (app.cpp): its first events,
        // indexed and keyframed.
        lab::viz::TraceModel first = lab::viz::TraceModel::load(trace, nullptr, 50000);
        lab::viz::Keyframes firstFrames(first, interval);
        std::printf("first events:          %.0f ms (CPU %.0f ms) for the first %zu events, keyframes included\n",
                    msSince(start), cpuMs() - cpu, first.size());
    }
    {
        // What reactor-viz does (app.cpp): the keyframes folded as the trace indexes, the fold a
        // few blocks behind on a thread of its own. Once this returns, a seek anywhere is quick.
        start = Clock::now();
        cpu = cpuMs();
        lab::viz::KeyframedTrace together = lab::viz::loadWithKeyframes(trace, nullptr, interval);
        std::printf("index + keyframes:     %.0f ms (CPU %.0f ms) together, as reactor-viz loads; %zu frames\n",
                    msSince(start), cpuMs() - cpu, together.keyframes.count());
        std::printf("peak RSS of that load: %ld MB\n", peakRssMb());
    }
    resetPeakRss();  // the figures below are for the index and the keyframes one after the other
    start = Clock::now();
    cpu = cpuMs();
    lab::viz::TraceModel model = lab::viz::TraceModel::load(trace);
    std::printf("load + index:          %.0f ms (CPU %.0f ms) for %zu events (%zu problems)\n", msSince(start),
                cpuMs() - cpu, model.size(), model.problems().size());
    std::printf("peak RSS after index:  %ld MB\n", peakRssMb());
    start = Clock::now();
    cpu = cpuMs();
    lab::viz::Keyframes keyframes(model, interval);
    std::printf("keyframes:             %.0f ms (CPU %.0f ms), %zu frames every %zu events\n", msSince(start),
                cpuMs() - cpu, keyframes.count(), keyframes.interval());

    lab::viz::ReplayCursor cursor(model, keyframes);
    std::mt19937_64 random(42);
    std::uniform_int_distribution<std::size_t> position(0, model.size());
    std::vector<double> seeks, forward, back;
    for (int i = 0; i < seekCount; ++i) {
        auto t0 = Clock::now();
        cursor.seek(position(random));
        seeks.push_back(msSince(t0));
        t0 = Clock::now();
        cursor.stepForward();
        forward.push_back(msSince(t0));
        t0 = Clock::now();
        cursor.stepBack();
        back.push_back(msSince(t0));
    }
    if (seekCount > 0) {
        report("random seek", seeks);
        report("step forward", forward);
        report("step back", back);
    }
    std::printf("peak RSS:              %ld MB\n", peakRssMb());
    return 0;
}
