// TraceText: the bytes of one trace, for a model that keeps an offset per event instead of the
// parsed event (issue 16 item 1: a 10-million-event trace is about 1 GB of text and would be
// about 6.5 GB parsed).
// A file is mapped read-only (mmap): the kernel reads a page in when a line on it is parsed, and
// release() hands the pages back, so what the trace costs in memory is the index, not the file.
// Text that is no file (a trace built from events in a test, or the lines a followed trace has
// gained) is held in a string that only grows at its end, so offsets into it stay good.
// Not here: finding the lines and what they say (trace_scan.h). Tested through TraceModel in
// tests/visualizer/trace_index_test.cpp.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

namespace lab::viz {

class TraceText {
public:
    TraceText() = default;
    ~TraceText();
    TraceText(const TraceText&) = delete;
    TraceText& operator=(const TraceText&) = delete;

    // The file at `path`, mapped; a file that cannot be mapped (a pipe) is read into memory.
    // nullptr and `error` set (strerror's words) when it cannot be opened or read.
    static std::unique_ptr<TraceText> open(const std::string& path, std::string& error);
    // Empty text held in memory, for append().
    static std::unique_ptr<TraceText> held();

    std::string_view view() const { return mapped_ ? std::string_view(mapped_, mappedSize_) : std::string_view(held_); }
    std::string_view line(std::size_t offset, std::size_t length) const { return view().substr(offset, length); }
    // Held text only: adds `line` and a '\n'; returns the offset it starts at.
    std::size_t append(std::string_view line);
    // A mapping gives back the pages of [begin, end) it has read in (they are read again if a line
    // on them is asked for). Held text keeps its bytes. Giving back a stretch at a time, not all
    // that came before it again, keeps a pass over a 1 GB file from walking its pages twice over.
    void release(std::size_t begin, std::size_t end) const;

private:
    const char* mapped_ = nullptr;
    std::size_t mappedSize_ = 0;
    std::string held_;
};

}  // namespace lab::viz
