// LineReceiver; see line_receiver.h.
#include "protocol/line_receiver.h"

#include <stdexcept>
#include <utility>

namespace lab {

void LineReceiver::dataReceived(std::string_view data) {
    // An empty delimiter is found at every position: the loop below would hand out empty lines
    // forever (found by tests/fuzz/line_receiver_fuzz.cpp). Twisted's split raises ValueError.
    if (delimiter.empty()) {
        throw std::invalid_argument("LineReceiver: the delimiter is empty; use \"\\r\\n\", \"\\n\" or another non-empty string");
    }
    buffer_.append(data);
    if (busy_) return;  // the loop below, further up the stack, will get to it
    busy_ = true;
    try {
        deliver();
    } catch (...) {
        busy_ = false;
        throw;
    }
    busy_ = false;
}

void LineReceiver::deliver() {
    while (!buffer_.empty()) {
        if (!lineMode_) {
            std::string raw = std::move(buffer_);
            buffer_.clear();
            rawDataReceived(raw);
            continue;  // rawDataReceived may have switched back to line mode with more data
        }
        std::size_t end = buffer_.find(delimiter);
        if (end == std::string::npos) {
            // No delimiter yet. Once the buffer could not hold an acceptable line any more,
            // waiting for the rest is pointless.
            if (buffer_.size() >= maxLength + delimiter.size()) {
                std::string tooLong = std::move(buffer_);
                buffer_.clear();
                lineLengthExceeded(tooLong);
            }
            return;
        }
        if (end > maxLength) {
            std::string tooLong = std::move(buffer_);
            buffer_.clear();
            lineLengthExceeded(tooLong);
            return;
        }
        std::string line = buffer_.substr(0, end);
        buffer_.erase(0, end + delimiter.size());
        lineReceived(line);
        // A protocol that closed its connection gets no more lines (as in Twisted).
        if (transport && transport->disconnecting()) return;
    }
}

void LineReceiver::lineLengthExceeded(std::string_view) {
    if (transport) transport->loseConnection();
}

void LineReceiver::sendLine(std::string_view line) {
    if (!transport) return;
    std::string out;
    out.reserve(line.size() + delimiter.size());
    out.append(line).append(delimiter);
    transport->write(out);
}

void LineReceiver::setLineMode(std::string_view extra) {
    lineMode_ = true;
    if (!extra.empty()) dataReceived(extra);
}

std::string LineReceiver::clearLineBuffer() { return std::exchange(buffer_, std::string()); }

}  // namespace lab
