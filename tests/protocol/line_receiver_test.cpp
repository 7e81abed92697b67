// LineReceiver against a StringTransport: any chunking gives the same lines; MAX_LENGTH; raw mode.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "protocol/line_receiver.h"
#include "support/string_transport.h"

using namespace lab;
using namespace lab::test;

namespace {

struct Lines : LineReceiver {
    std::vector<std::string> lines;
    std::string raw;
    std::vector<std::string> exceeded;
    std::size_t rawBytesWanted = 0;  // after a line "RAW n", take n raw bytes then go back
    void lineReceived(std::string_view line) override {
        lines.emplace_back(line);
        if (line.starts_with("RAW ")) {
            rawBytesWanted = std::stoul(std::string(line.substr(4)));
            setRawMode();
        }
        if (line == "QUIT") transport->loseConnection();
    }
    void rawDataReceived(std::string_view data) override {
        std::size_t take = std::min(rawBytesWanted, data.size());
        raw.append(data.substr(0, take));
        rawBytesWanted -= take;
        if (rawBytesWanted == 0) setLineMode(data.substr(take));
    }
    void lineLengthExceeded(std::string_view line) override {
        exceeded.emplace_back(line);
        LineReceiver::lineLengthExceeded(line);
    }
};

}  // namespace

TEST_CASE("LineReceiver: every way of chunking the input gives the same lines") {
    const std::string input = "alpha\r\nbeta\r\n\r\ngamma\r\n";
    for (std::size_t chunk = 1; chunk <= input.size(); ++chunk) {
        StringTransport transport;
        Lines protocol;
        protocol.makeConnection(transport);
        for (std::size_t at = 0; at < input.size(); at += chunk) protocol.dataReceived(input.substr(at, chunk));
        CHECK(protocol.lines == std::vector<std::string>{"alpha", "beta", "", "gamma"});
    }
}

TEST_CASE("LineReceiver: a custom delimiter cuts lines there") {
    StringTransport transport;
    Lines protocol;
    protocol.delimiter = "\n";
    protocol.makeConnection(transport);
    protocol.dataReceived("one\ntwo\nthr");
    protocol.dataReceived("ee\n");
    CHECK(protocol.lines == std::vector<std::string>{"one", "two", "three"});
}

TEST_CASE("LineReceiver: sendLine writes the line and the delimiter") {
    StringTransport transport;
    Lines protocol;
    protocol.makeConnection(transport);
    protocol.sendLine("hello");
    CHECK(transport.value() == "hello\r\n");
}

TEST_CASE("LineReceiver: a line longer than maxLength goes to lineLengthExceeded and closes") {
    StringTransport transport;
    Lines protocol;
    protocol.maxLength = 8;
    protocol.makeConnection(transport);
    protocol.dataReceived("short\r\n123456789\r\nafter\r\n");
    CHECK(protocol.lines == std::vector<std::string>{"short"});
    REQUIRE(protocol.exceeded.size() == 1);
    CHECK(protocol.exceeded[0].starts_with("123456789"));
    CHECK(transport.disconnecting());
}

TEST_CASE("LineReceiver: a line of exactly maxLength is accepted") {
    StringTransport transport;
    Lines protocol;
    protocol.maxLength = 8;
    protocol.makeConnection(transport);
    protocol.dataReceived("12345678\r\n");
    CHECK(protocol.lines == std::vector<std::string>{"12345678"});
    CHECK(protocol.exceeded.empty());
}

TEST_CASE("LineReceiver: an endless line with no delimiter is cut off without waiting for it") {
    StringTransport transport;
    Lines protocol;
    protocol.maxLength = 8;
    protocol.makeConnection(transport);
    protocol.dataReceived("12345");
    CHECK(protocol.exceeded.empty());
    protocol.dataReceived("67890xx");  // 12 bytes, no delimiter: more than maxLength + 2
    CHECK(protocol.exceeded.size() == 1);
    CHECK(transport.disconnecting());
}

TEST_CASE("LineReceiver: raw mode hands bytes over as they come, and line mode resumes after") {
    const std::string input = "RAW 6\r\nab\r\ncdline\r\n";
    for (std::size_t chunk = 1; chunk <= input.size(); ++chunk) {
        StringTransport transport;
        Lines protocol;
        protocol.makeConnection(transport);
        for (std::size_t at = 0; at < input.size(); at += chunk) protocol.dataReceived(input.substr(at, chunk));
        CHECK(protocol.raw == "ab\r\ncd");
        CHECK(protocol.lines == std::vector<std::string>{"RAW 6", "line"});
    }
}

TEST_CASE("LineReceiver: no more lines are delivered once the protocol closed its connection") {
    StringTransport transport;
    Lines protocol;
    protocol.makeConnection(transport);
    protocol.dataReceived("one\r\nQUIT\r\ntwo\r\n");
    CHECK(protocol.lines == std::vector<std::string>{"one", "QUIT"});
}

TEST_CASE("LineReceiver: clearLineBuffer returns what was not delivered") {
    StringTransport transport;
    Lines protocol;
    protocol.makeConnection(transport);
    protocol.dataReceived("done\r\npartial");
    CHECK(protocol.clearLineBuffer() == "partial");
    protocol.dataReceived("\r\n");
    CHECK(protocol.lines == std::vector<std::string>{"done", ""});
}

// Found by tests/fuzz/line_receiver_fuzz.cpp: an empty delimiter matched at every position and
// dataReceived handed out empty lines forever. These are the bytes of the fuzzer's input.
TEST_CASE("LineReceiver: an empty delimiter is refused with invalid_argument instead of looping forever") {
    StringTransport transport;
    Lines protocol;
    protocol.delimiter = "";
    protocol.maxLength = 41;
    protocol.makeConnection(transport);
    CHECK_THROWS_AS(protocol.dataReceived("\nR\x05" "ab\nc\nHline\nQuit\nafter\ner"), std::invalid_argument);
    CHECK(protocol.lines.empty());
    protocol.delimiter = "\n";  // a usable delimiter: the protocol works again
    protocol.dataReceived("ok\n");
    CHECK(protocol.lines == std::vector<std::string>{"ok"});
}
