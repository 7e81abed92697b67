// Fuzz target: LineReceiver (reactor/protocol/line_receiver.h) over a StringTransport.
//
// The input chooses maxLength, the delimiter (0 to 3 bytes), the chunking, and the bytes. A
// line starting with 'R' switches to raw mode for a few bytes (then back, re-parsing the rest,
// which re-enters dataReceived); a line starting with 'Q' closes the connection. Checked:
// lines never hold the delimiter and never exceed maxLength; what came out (lines + delimiters,
// raw bytes, the rejected too-long buffer, what is still buffered) is exactly what went in, in
// order; and the chunking changes nothing (the same input fed in one piece gives the same lines,
// raw bytes and overflow decision). Built by tests/fuzz/CMakeLists.txt; run by tests/fuzz/run.sh.
#include <fuzzer/FuzzedDataProvider.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <stdexcept>
#include <string>
#include <vector>

#include "protocol/line_receiver.h"
#include "support/string_transport.h"

namespace {

void require(bool ok, const char* what) {
    if (ok) return;
    std::fprintf(stderr, "line_receiver_fuzz: invariant broken: %s\n", what);
    std::abort();
}

struct Transcript : lab::LineReceiver {
    std::vector<std::string> lines;
    std::string raw;
    std::string output;  // everything handed out, in order, delimiters put back after lines
    bool exceeded = false;
    std::size_t rawWanted = 0;

    void lineReceived(std::string_view line) override {
        require(line.find(delimiter) == std::string_view::npos, "a line holds the delimiter");
        require(line.size() <= maxLength, "a line is longer than maxLength");
        lines.emplace_back(line);
        output.append(line).append(delimiter);
        if (line.starts_with("R") && line.size() >= 2) {
            rawWanted = static_cast<unsigned char>(line[1]) % 8;
            setRawMode();
        } else if (line.starts_with("Q")) {
            transport->loseConnection();
        }
    }
    void rawDataReceived(std::string_view data) override {
        std::size_t take = std::min(rawWanted, data.size());
        raw.append(data.substr(0, take));
        output.append(data.substr(0, take));
        rawWanted -= take;
        if (rawWanted == 0) setLineMode(data.substr(take));
    }
    void lineLengthExceeded(std::string_view line) override {
        exceeded = true;
        output.append(line);
        LineReceiver::lineLengthExceeded(line);
    }
};

struct Run {
    Transcript protocol;
    lab::test::StringTransport transport;
    bool refused = false;  // dataReceived refused the configuration (an empty delimiter)
};

// Feeds `chunks` until the connection is closing, or until a chunk is refused.
void feed(Run& run, const std::vector<std::string>& chunks, std::size_t maxLength, const std::string& delimiter) {
    run.protocol.maxLength = maxLength;
    run.protocol.delimiter = delimiter;
    run.protocol.makeConnection(run.transport);
    for (const auto& chunk : chunks) {
        if (run.transport.disconnecting()) return;
        try {
            run.protocol.dataReceived(chunk);
        } catch (const std::invalid_argument&) {
            run.refused = true;
            return;
        }
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    FuzzedDataProvider provider(data, size);
    std::size_t maxLength = provider.ConsumeIntegralInRange<std::size_t>(0, 64);
    std::string delimiter = provider.ConsumeBytesAsString(provider.ConsumeIntegralInRange<std::size_t>(0, 3));
    std::vector<std::string> chunks;
    std::string input;
    while (provider.remaining_bytes() > 0) {
        std::string chunk = provider.ConsumeBytesAsString(provider.ConsumeIntegralInRange<std::size_t>(1, 32));
        input += chunk;
        if (!chunk.empty()) chunks.push_back(std::move(chunk));  // a transport never delivers nothing
    }

    Run chunked;
    feed(chunked, chunks, maxLength, delimiter);
    Run whole;
    feed(whole, input.empty() ? std::vector<std::string>{} : std::vector<std::string>{input}, maxLength, delimiter);
    require(chunked.refused == whole.refused, "a configuration was refused in one chunking only");
    if (chunked.refused) {
        require(delimiter.empty(), "a non-empty delimiter was refused");
        return 0;
    }
    require(!delimiter.empty() || input.empty(), "bytes were accepted with an empty delimiter");

    // Nothing lost, nothing invented: output + what is still buffered is a prefix of the input,
    // and all of it when the connection stayed open.
    for (Run* run : {&chunked, &whole}) {
        std::string out = run->protocol.output + run->protocol.clearLineBuffer();
        require(input.starts_with(out), "the protocol handed out bytes that were not sent, or out of order");
        if (!run->transport.disconnecting()) require(out.size() == input.size(), "bytes were lost");
        require(!run->protocol.exceeded || run->transport.disconnecting(), "lineLengthExceeded did not close the connection");
    }
    // Chunking changes nothing that the peer can tell apart. A 'Q' line closes the connection
    // and later chunks are not fed, so compare only the lines delivered before the close.
    require(chunked.protocol.exceeded == whole.protocol.exceeded, "the chunking changed whether a line was too long");
    require(chunked.protocol.lines == whole.protocol.lines, "the chunking changed the lines");
    require(chunked.protocol.raw == whole.protocol.raw, "the chunking changed the raw bytes");
    return 0;
}
