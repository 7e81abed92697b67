// readTraceParallel; see parallel_read.h.
#include "model/parallel_read.h"

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <string_view>
#include <thread>
#include <vector>

namespace lab::viz {

namespace {

// Reading takes the first fifth of the progress bar, parsing the rest.
constexpr float kReadShare = 0.2f;

struct LineSpan {
    std::size_t begin = 0, end = 0;
};

// Lines as std::getline sees them: cut at '\n', and no extra empty line after a final '\n'.
std::vector<LineSpan> cutLines(const std::string& text) {
    std::vector<LineSpan> lines;
    std::size_t begin = 0;
    while (begin < text.size()) {
        const void* found = std::memchr(text.data() + begin, '\n', text.size() - begin);
        std::size_t end = found ? static_cast<std::size_t>(static_cast<const char*>(found) - text.data()) : text.size();
        lines.push_back(LineSpan{begin, end});
        begin = end + 1;
    }
    return lines;
}

bool readWhole(std::FILE* file, std::string& text, LoadProgress* progress) {
    long size = 0;
    if (std::fseek(file, 0, SEEK_END) == 0) size = std::ftell(file);
    std::fseek(file, 0, SEEK_SET);
    text.resize(static_cast<std::size_t>(std::max(size, 0L)));
    std::size_t done = 0;
    constexpr std::size_t kChunk = 8 << 20;
    while (done < text.size()) {
        std::size_t n = std::fread(text.data() + done, 1, std::min(kChunk, text.size() - done), file);
        if (n == 0) break;
        done += n;
        if (progress) progress->fraction = kReadShare * static_cast<float>(done) / static_cast<float>(text.size());
    }
    text.resize(done);
    // A file whose size cannot be told up front (a pipe): read to the end.
    char buffer[1 << 16];
    for (std::size_t n; (n = std::fread(buffer, 1, sizeof buffer, file)) > 0;) text.append(buffer, n);
    return !std::ferror(file);
}

}  // namespace

TraceFile readTraceParallel(const std::string& path, LoadProgress* progress, unsigned threads) {
    TraceFile trace;
    if (progress) progress->stage = 0;
    std::string text;
    std::FILE* file = std::fopen(path.c_str(), "rb");
    if (!file || !readWhole(file, text, progress)) {
        trace.problems.push_back(TraceProblem{path, 0, std::string("cannot open: ") + std::strerror(errno)});
        if (file) std::fclose(file);
        return trace;
    }
    std::fclose(file);
    std::vector<LineSpan> lines = cutLines(text);
    if (lines.empty()) {
        trace.problems.push_back(TraceProblem{path, 0, kEmptyTraceReason});
        return trace;
    }
    bool lastUnterminated = text.back() != '\n';
    auto view = [&](std::size_t k) { return std::string_view(text).substr(lines[k].begin, lines[k].end - lines[k].begin); };
    auto unterminated = [&](std::size_t k) { return lastUnterminated && k + 1 == lines.size(); };

    TraceJson header;
    if (auto why = checkHeaderLine(view(0), unterminated(0), header)) {
        trace.problems.push_back(TraceProblem{path, 1, *why});
    } else {
        trace.header = std::move(header);
    }

    // Parse lines 2.. in contiguous shares, one per thread; a problem is kept with its line.
    std::size_t count = lines.size() - 1;
    std::vector<TraceJson> events(count);
    std::vector<std::string> reasons(count);  // empty: the line is fine so far
    if (threads == 0) threads = std::max(1u, std::thread::hardware_concurrency());
    threads = static_cast<unsigned>(std::clamp<std::size_t>(threads, 1, std::max<std::size_t>(1, count / 4096)));
    std::atomic<std::size_t> parsed{0};
    auto work = [&](std::size_t from, std::size_t to, bool reports) {
        for (std::size_t e = from; e < to; ++e) {
            if (auto why = checkEventLine(view(e + 1), unterminated(e + 1), events[e])) reasons[e] = std::move(*why);
            if (((e - from) & 0x3fff) == 0x3fff) {
                std::size_t total = parsed.fetch_add(0x4000) + 0x4000;
                if (reports && progress) {
                    progress->fraction = kReadShare + (1.0f - kReadShare) * static_cast<float>(total) / static_cast<float>(count);
                }
            }
        }
    };
    std::vector<std::thread> helpers;
    std::size_t share = (count + threads - 1) / threads;
    for (unsigned k = 1; k < threads; ++k) {
        helpers.emplace_back(work, std::min(count, k * share), std::min(count, (k + 1) * share), false);
    }
    work(0, std::min(count, share), true);
    for (std::thread& helper : helpers) helper.join();

    // The rules between lines, in file order.
    EventOrder order;
    trace.events.reserve(count);
    trace.lines.reserve(count);
    for (std::size_t e = 0; e < count; ++e) {
        std::size_t lineNumber = e + 2;
        if (reasons[e].empty()) {
            const TraceJson& event = events[e];
            if (auto why = order.check(event["seq"].get<std::int64_t>(), event["t"].get<std::int64_t>(),
                                       event["iter"].get<std::int64_t>())) {
                reasons[e] = std::move(*why);
            }
        }
        if (!reasons[e].empty()) {
            trace.problems.push_back(TraceProblem{path, lineNumber, std::move(reasons[e])});
            continue;
        }
        trace.events.push_back(std::move(events[e]));
        trace.lines.push_back(lineNumber);
    }
    if (progress) progress->fraction = 1.0f;
    return trace;
}

}  // namespace lab::viz
