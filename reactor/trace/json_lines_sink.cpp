// JsonLinesSink; see json_lines_sink.h.
#include "trace/json_lines_sink.h"

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <stdexcept>
#include <string>
#include <string_view>

#include "trace/json_line_writer.h"
#include "trace/trace_json.h"

namespace lab {

namespace {
std::runtime_error fileError(const std::string& what, const std::string& path, int error) {
    return std::runtime_error(what + " " + path + ": " + std::strerror(error));
}
}  // namespace

JsonLinesSink::JsonLinesSink(std::string path) : path_(std::move(path)), file_(std::fopen(path_.c_str(), "w")) {
    if (!file_) throw fileError("cannot write trace", path_, errno);
    buffer_.reserve(kFlushAt + 4096);
    const char* live = std::getenv("REACTOR_LAB_TRACE_LIVE");
    live_ = live && std::string_view(live) == "1";
}

JsonLinesSink::~JsonLinesSink() {
    try {
        close();
    } catch (const std::exception& e) {
        std::cerr << "reactor-lab: " << e.what() << "\n";
    }
}

void JsonLinesSink::header(const TraceHeader& header) { append(toLine(toJson(header))); }

void JsonLinesSink::event(const TraceEvent& event) {
    checkOpen();
    if (!error_.empty()) {
        ++lost_;
        return;
    }
    appendJsonLine(buffer_, event);
    if (buffer_.size() >= kFlushAt || (live_ && event.kind == kind::waitBegin)) writeBuffer();
}

void JsonLinesSink::append(const std::string& line) {
    checkOpen();
    buffer_ += line;
    buffer_ += '\n';
    if (buffer_.size() >= kFlushAt) writeBuffer();
}

void JsonLinesSink::checkOpen() const {
    if (!file_) throw std::runtime_error("trace " + path_ + " is already closed");
}

// A failed write is remembered, not thrown: events are emitted from everywhere in the loop
// (destructors and handlers' error paths included), where an exception would be mistaken for the
// handler's own failure or end the program. flush() and close() report it, with what was lost.
void JsonLinesSink::writeBuffer() {
    if (!file_ || buffer_.empty() || !error_.empty()) return;
    std::size_t written = std::fwrite(buffer_.data(), 1, buffer_.size(), file_);
    bool failed = written != buffer_.size() || std::fflush(file_) != 0;
    int error = errno;
    buffer_.clear();
    if (failed) error_ = fileError("writing trace", path_, error).what();
}

void JsonLinesSink::flush() {
    writeBuffer();
    if (!error_.empty() && !reported_) {
        reported_ = true;  // once: the reactor's flush at the end of run() and close() both ask
        throw std::runtime_error(error_ + " (the trace is incomplete: " + std::to_string(lost_) +
                                 " later events were not written)");
    }
}

void JsonLinesSink::close() {
    if (!file_) return;
    std::FILE* file = file_;
    try {
        flush();
    } catch (...) {
        std::fclose(file);
        file_ = nullptr;
        throw;
    }
    file_ = nullptr;
    if (std::fclose(file) != 0) throw fileError("closing trace", path_, errno);
}

}  // namespace lab
