// LineReceiver: a Protocol that turns a byte stream into lines (Twisted's basic.LineReceiver).
//
// Bytes arrive in any chunking; lines are cut at `delimiter` (default "\r\n", not included in
// the line; an empty delimiter is refused with std::invalid_argument) and handed to lineReceived
// one at a time. A line longer than maxLength, or a buffer that grows past it with no delimiter
// in sight, goes to lineLengthExceeded (default: close the connection), so a peer cannot make us
// buffer without limit. setRawMode() switches to rawDataReceived for everything after the
// current line (a body of known length, say); setLineMode(extra) switches back, re-parsing
// `extra` as lines.
// Tested in tests/protocol/line_receiver_test.cpp; fuzzed by tests/fuzz/line_receiver_fuzz.cpp.
#pragma once

#include <string>
#include <string_view>

#include "protocol/protocol.h"

namespace lab {

class LineReceiver : public Protocol {
public:
    std::string delimiter = "\r\n";
    std::size_t maxLength = 16384;  // Twisted's MAX_LENGTH

    void dataReceived(std::string_view data) override;

    virtual void lineReceived(std::string_view line) = 0;
    virtual void rawDataReceived(std::string_view data) { (void)data; }
    // Default: close the connection (Twisted's loseConnection).
    virtual void lineLengthExceeded(std::string_view line);

    // Write line + delimiter.
    void sendLine(std::string_view line);
    void setRawMode() { lineMode_ = false; }
    void setLineMode(std::string_view extra = {});
    // Drop and return whatever is buffered and not yet delivered.
    std::string clearLineBuffer();
    bool lineMode() const { return lineMode_; }

private:
    void deliver();

    std::string buffer_;
    bool lineMode_ = true;
    // dataReceived called again from inside lineReceived (setLineMode with extra data, say):
    // the outer call's loop will deliver it, in order.
    bool busy_ = false;
};

}  // namespace lab
