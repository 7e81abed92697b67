// JsonLinesSink: writes a trace file, one JSON object per line, header first.
//
// Buffered: lines collect in memory and go to the file in large writes. The buffer only ever
// holds whole lines, so after flush() the file ends with a complete line. A failure to open or write the file is an
// exception naming the path and the reason (a full disk is not silently ignored).
// Tested in tests/trace/json_lines_sink_test.cpp.
#pragma once

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

private:
    void append(const std::string& line);
    void checkOpen() const;

    static constexpr std::size_t kFlushAt = 64 * 1024;
    std::string path_;
    std::FILE* file_;
    std::string buffer_;
};

}  // namespace lab
