// JsonLinesSink: writes a trace file, one JSON object per line, header first.
//
// Buffered: lines collect in memory and go to the file in large writes. The buffer only ever
// holds whole lines, so after flush() the file ends with a complete line. A failure to open or
// write the file is an error naming the path and the reason (a full disk is not silently
// ignored): opening throws at once; a failed write is remembered, later events are counted as
// lost, and flush()/close() throw it (the reactor flushes when run() ends).
// Live: for a trace somebody follows as it is written (`reactor-viz --follow`, `reactor-trace
// print --follow`), the buffer also goes to the file at every wait_begin, the moment the loop is
// about to block: a follower sees each iteration as soon as the loop waits, and a busy loop still
// writes in large pieces. On when the environment has REACTOR_LAB_TRACE_LIVE=1 (so every program
// that traces gets it with no flag of its own: `./scripts/run 03 --live` sets it), or setLive().
// Tested in tests/trace/json_lines_sink_test.cpp.
#pragma once

#include <cstdint>
#include <cstdio>
#include <string>

#include "trace/trace_sink.h"

namespace lab {

class JsonLinesSink final : public TraceSink {
public:
    // Creates or truncates `path`; throws std::runtime_error when it cannot.
    explicit JsonLinesSink(std::string path);
    ~JsonLinesSink() override;
    JsonLinesSink(const JsonLinesSink&) = delete;
    JsonLinesSink& operator=(const JsonLinesSink&) = delete;

    void header(const TraceHeader& header) override;
    void event(const TraceEvent& event) override;
    // Writes the buffered lines; throws std::runtime_error when the write fails.
    void flush() override;
    // Flushes and closes; later events are an error.
    void close();
    const std::string& path() const { return path_; }
    void setLive(bool live) { live_ = live; }
    bool live() const { return live_; }

private:
    void append(const std::string& line);
    void writeBuffer();
    void checkOpen() const;

    static constexpr std::size_t kFlushAt = 64 * 1024;
    std::string path_;
    std::FILE* file_;
    std::string buffer_;
    std::string error_;      // the first write error; empty while writes succeed
    std::uint64_t lost_ = 0; // events dropped after it
    bool reported_ = false;  // flush() has thrown error_ once
    bool live_ = false;
};

}  // namespace lab
